"""The knowledge base: validated entries with every cross-reference resolved, in both directions.

Built once per build from the loaded entries. Unknown ids, links to oneself and links to hidden
entries are errors; a source nobody cites is a warning. After that the object does not change:
pages, macros and exports only read it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from . import vocabulary as v
from .loader import Loaded, load_layers
from .models import Entry, Ref, walk
from .problems import DataError, Problem
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
    links: tuple[Link, ...]
    forward: Mapping[Key, tuple[Key, ...]]
    backward: Mapping[Key, tuple[Key, ...]]
    warnings: tuple[Problem, ...] = ()

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

    def resolve(self, keys: Iterable[Key]) -> list[Entry]:
        return [self.entries[k] for k in keys]


def parse_any_ref(value: str) -> Key:
    kind, _, entry_id = value.partition("/")
    return kind, entry_id


def build(layers: list[Path], *, root: Path | None = None, today=None,
          hidden: dict | None = None, hidden_file: str = "clinic.yml",
          hidden_lines: dict | None = None) -> KnowledgeBase:
    """Load, validate and cross-link all layers; raise ``DataError`` listing every problem."""
    loaded, problems, failed, removed = load_layers(layers, root=root, today=today, hidden=hidden,
                                                    hidden_file=hidden_file,
                                                    hidden_lines=hidden_lines)
    hidden_keys = set(removed)
    links = _resolve(loaded, hidden_keys, failed, problems)
    # Sources cited only by hidden entries are still cited: hiding is the site's choice.
    cited_by_hidden = {("source", value) for item in removed.values()
                       for _, marker, value in walk(item.entry, Ref) if marker.kind == "source"}
    problems.extend(_unused_sources(loaded, links, cited_by_hidden))
    problems.extend(_glossary_clashes(loaded))
    problems.extend(_expiring_soon(loaded, today or dt.date.today()))
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
        links=tuple(links), forward=freeze(forward), backward=freeze(backward),
        warnings=tuple(sorted(p for p in problems if p.warning)))


def _resolve(loaded: dict[Key, Loaded], hidden: set[Key], failed: set[Key],
             problems: list[Problem]) -> list[Link]:
    links = []
    for key, item in loaded.items():
        listed: dict[tuple, int] = {}
        for path, marker, value in walk(item.entry, Ref):
            target = parse_any_ref(value) if marker.kind is None else (marker.kind, value)
            where = (item.file, line_of(item.lines, path), field_path(path))
            in_list = path[:-1] if isinstance(path[-1], int) else path
            if (in_list, target) in listed:
                problems.append(Problem(*where, f"'{value}' is listed twice (also at "
                                        f"{field_path(in_list)}[{listed[(in_list, target)]}])"))
                continue
            if isinstance(path[-1], int):
                listed[(in_list, target)] = path[-1]
            if target[0] not in v.KINDS:
                problems.append(Problem(*where, f"unknown kind '{target[0]}' in '{value}'"))
            elif target == key:
                problems.append(Problem(*where, "an entry cannot link to itself"))
            elif target in hidden:
                problems.append(Problem(*where, f"links to {target[0]} '{target[1]}', which this "
                                        "site hides; remove the link or stop hiding it"))
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


def _glossary_clashes(loaded: dict[Key, Loaded]) -> list[Problem]:
    """Glossary names that are no valid term, or that two entries both claim."""
    from .glossary import clashes

    items = {item.entry.id: item for key, item in sorted(loaded.items()) if key[0] == "glossary"}
    found = []
    for entry, name, message in clashes([item.entry for item in items.values()]):
        item = items[entry.id]
        path = ("title",) if name == entry.title else ("aliases", entry.aliases.index(name))
        found.append(Problem(item.file, line_of(item.lines, path), field_path(path), message))
    return found


EXPIRY_WARNING_DAYS = 60


def _expiring_soon(loaded: dict[Key, Loaded], today: dt.date) -> list[Problem]:
    """A warning for each therapist credential that expires within 60 days."""
    found = []
    for key, item in loaded.items():
        if key[0] != "therapist":
            continue
        for i, held in enumerate(item.entry.credentials_held):
            if held.expires is not None and (held.expires - today).days <= EXPIRY_WARNING_DAYS:
                found.append(Problem(item.file, line_of(item.lines, ("credentials_held", i, "expires")),
                                     f"credentials_held[{i}].expires",
                                     f"{item.entry.title}'s {held.credential} credential expires on "
                                     f"{held.expires} (in {(held.expires - today).days} days)",
                                     warning=True))
    return found


def _unused_sources(loaded: dict[Key, Loaded], links: list[Link], also_cited: set[Key]) -> list[Problem]:
    cited = {link.target for link in links if link.target[0] == "source"} | also_cited
    return [Problem(item.file, 1, "id", "this source is never cited", warning=True)
            for key, item in loaded.items() if key[0] == "source" and key not in cited]


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
