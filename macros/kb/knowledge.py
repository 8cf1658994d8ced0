"""The knowledge base: validated entries with every cross-reference resolved, in both directions.

Assembled once per load from the loaded entries, after a clinic's hidden entries are taken out
(``hiding``: shipped entries lose their links to them). Unknown ids, links to oneself and the
clinic's own links to hidden entries are errors; so are rules that span entries (two glossary
entries claiming one word, a technique without a ruling for a client context). A source nobody
cites is a notice. After that the object does not change: pages, macros and exports only read it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .. import kinds
from . import hiding
from .fields import Entry, Ref, parse_any_ref, ref_target, walk  # noqa: F401 (parse_any_ref: for pages)
from .loader import Loaded, load_layers
from .problems import DataError, Problem
from .vocabulary import Vocabulary
from .yamlsource import field_path, line_of

Key = tuple[str, str]


@dataclass(frozen=True)
class Link:
    """One reference from an entry: where it stands (field path) and what it points to."""
    source: Key
    target: Key
    path: tuple


@dataclass(frozen=True)
class KnowledgeBase:
    entries: Mapping[Key, Entry]
    files: Mapping[Key, str]
    paths: Mapping[Key, Path]
    links: tuple[Link, ...]
    forward: Mapping[Key, tuple[Key, ...]]
    backward: Mapping[Key, tuple[Key, ...]]
    vocabulary: Vocabulary
    warnings: tuple[Problem, ...] = ()
    hidden: Mapping[Key, Entry] = field(default_factory=dict)  # what the site hides, and the
    hidden_at: Mapping[Key, tuple] = field(default_factory=dict)  # file, line, field hiding it
    # shipped entries that lost links to hidden ones, as their files wrote them
    as_written: Mapping[Key, Entry] = field(default_factory=dict)
    layers: Mapping[Key, int] = field(default_factory=dict)    # 0: shipped, 1: the clinic's
    lines: Mapping[Key, dict] = field(default_factory=dict)    # field path -> line, per entry

    def written(self, key: Key) -> Entry:
        """The entry as its file wrote it (before links to hidden entries were left out)."""
        return self.as_written.get(key) or self.entries[key]

    def hidden_kinds(self) -> set[str]:
        """Kinds the site hides every entry of: their index pages are not built."""
        return {kind for kind, _ in self.hidden if not self.of_kind(kind)}

    def hidden_pages(self) -> set[str]:
        """The pages hiding leaves out: hidden entries' pages, and the indexes of hidden kinds."""
        return ({kinds.page_path(*key) for key in self.hidden}
                | {kinds.page_path(kind) for kind in self.hidden_kinds()})

    def get(self, kind: str, entry_id: str) -> Entry:
        return self.entries[(kind, entry_id)]

    def has(self, kind: str, entry_id: str) -> bool:
        return (kind, entry_id) in self.entries

    def of_kind(self, kind: str) -> list[Entry]:
        """Entries of one kind, sorted by title (then id, so equal titles keep a stable order)."""
        found = [e for (k, _), e in self.entries.items() if k == kind]
        return sorted(found, key=lambda e: (e.title.casefold(), e.id))

    def backlinks(self, key: Key, kind: str | None = None) -> list[Entry]:
        found = [self.entries[k] for k in self.backward.get(key, ()) if kind in (None, k[0])]
        return sorted(found, key=lambda e: (e.kind, e.title.casefold(), e.id))


@dataclass(frozen=True)
class Across:
    """What a kind's rules across entries see (``Kind.checks``): every loaded entry with its file
    and lines, the keys that failed to load or were hidden, the resolved links, today, and the
    shipped entries that lost links to hidden ones, as their files wrote them."""
    loaded: Mapping[Key, Loaded]
    failed: set[Key]
    hidden: Mapping[Key, Loaded]
    links: list[Link]
    today: dt.date
    as_written: Mapping[Key, Entry] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Loaded]:
        return [item for key, item in sorted(self.loaded.items()) if key[0] == kind]

    def ids(self, kind: str) -> list[str]:
        """Every id of a kind, loaded or not (a file that failed still names its id)."""
        return sorted(i for k, i in (*self.loaded, *self.failed) if k == kind)

    def problem(self, item: Loaded, path: tuple, message: str, warning: bool = False,
                topic: str = "") -> Problem:
        return Problem(item.file, line_of(item.lines, path), field_path(path), message, warning, topic)


def assemble(layers: list[Path], vocabulary: Vocabulary, *, root: Path | None = None, today=None,
             hide: dict | None = None, hide_file: str = "clinic.yml",
             hide_lines: dict | None = None) -> KnowledgeBase:
    """Load, validate and cross-link all layers, leaving out what ``hide`` (a clinic's
    ``hide``, its lines in ``hide_file``) hides; raise ``DataError`` listing every problem."""
    loaded, problems, failed = load_layers(layers, vocabulary, root=root, today=today)
    hidden = hiding.take_out(hide or {}, hide_file, hide_lines or {}, loaded, problems)
    as_written = hiding.prune(loaded, hidden, {"today": today, "vocabulary": vocabulary}, problems)
    links = _resolve(loaded, hidden, failed, problems)
    across = Across(loaded, failed, hidden.entries, links, today or dt.date.today(), as_written)
    for kind in kinds.KINDS.values():
        problems.extend(kind.checks(across))
    if any(not p.warning for p in problems):
        raise DataError(problems)
    forward: dict[Key, list[Key]] = {}
    backward: dict[Key, list[Key]] = {}
    for link in links:
        targets = forward.setdefault(link.source, [])
        if link.target not in targets:
            targets.append(link.target)
        sources = backward.setdefault(link.target, [])
        if link.source not in sources:
            sources.append(link.source)
    freeze = lambda d: MappingProxyType({k: tuple(x) for k, x in d.items()})  # noqa: E731
    return KnowledgeBase(
        entries=MappingProxyType({k: l.entry for k, l in sorted(loaded.items())}),
        files=MappingProxyType({k: l.file for k, l in loaded.items()}),
        paths=MappingProxyType({k: l.path for k, l in loaded.items()}),
        links=tuple(links), forward=freeze(forward), backward=freeze(backward),
        vocabulary=vocabulary, warnings=tuple(sorted(p for p in problems if p.warning)),
        hidden=MappingProxyType({k: l.entry for k, l in sorted(hidden.entries.items())}),
        hidden_at=MappingProxyType(hidden.where),
        as_written=MappingProxyType(as_written),
        layers=MappingProxyType({k: l.layer for k, l in loaded.items()}),
        lines=MappingProxyType({k: l.lines for k, l in loaded.items()}))


def _resolve(loaded: dict[Key, Loaded], hidden: hiding.Hidden, failed: set[Key],
             problems: list[Problem]) -> list[Link]:
    links = []
    for key, item in loaded.items():
        listed: dict[tuple, int] = {}
        for path, marker, value in walk(item.entry, Ref):
            target = ref_target(marker, value)
            where = (item.file, line_of(item.lines, path), field_path(path))
            in_list = path[:-1] if isinstance(path[-1], int) else path
            if (in_list, target) in listed:
                problems.append(Problem(*where, f"'{value}' is listed twice (also at "
                                        f"{field_path(in_list)}[{listed[(in_list, target)]}])"))
                continue
            if isinstance(path[-1], int):
                listed[(in_list, target)] = path[-1]
            if target[0] not in kinds.KINDS:
                problems.append(Problem(*where, f"unknown kind '{target[0]}' in '{value}'"))
            elif target == key:
                problems.append(Problem(*where, "an entry cannot link to itself"))
            elif target in hidden.entries:
                if item.layer > 0:  # a shipped link still here is reported at the hide line
                    problems.append(Problem(*where, f"links to {target[0]} '{target[1]}', which "
                                            f"{hidden.by_line(target)} hides: remove the link, or "
                                            "stop hiding it"))
            elif target in failed:
                continue
            elif target not in loaded:
                problems.append(Problem(*where, f"unknown {target[0]} id '{target[1]}'"
                                        + _suggest(target, loaded)))
            else:
                links.append(Link(key, target, path))
    return links


def _suggest(target: Key, loaded) -> str:
    import difflib
    ids = [i for k, i in loaded if k == target[0]]
    guess = difflib.get_close_matches(target[1], ids, n=1)
    return f" (did you mean '{guess[0]}'?)" if guess else ""


def related(kb: KnowledgeBase, key: Key, limit: int = 5) -> list[Entry]:
    """Entries of the same kind that share the most links with ``key`` (sources left out: every
    entry cites some, and sharing a review says little about the topic). Ties go by title."""
    def neighbours(k: Key) -> set[Key]:
        return {n for n in (*kb.forward.get(k, ()), *kb.backward.get(k, ())) if n[0] != "source"}

    scores: dict[Key, int] = {}
    for hub in neighbours(key):
        for other in neighbours(hub):
            if other[0] == key[0] and other != key:
                scores[other] = scores.get(other, 0) + 1
    ranked = sorted(scores, key=lambda k: (-scores[k], kb.entries[k].title.casefold(), k[1]))
    return [kb.entries[k] for k in ranked[:limit]]
