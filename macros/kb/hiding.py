"""What a clinic's ``hide`` takes out of the site, and what that changes in the shipped entries.

``hide: {condition: [immune-function]}`` takes shipped entries out; ``hide: {history: all}``
takes out every shipped entry of a kind (the clinic's own entries of that kind stay). A clinic
cannot edit the shipped files, so a shipped entry that links to a hidden one loses the link: the
list item, or the row the link stands in (a condition's evidence row for a hidden technique, a
technique's ruling for a hidden client context), is left out, the entry is validated again, and
each change is a notice. Two things cannot be left out, and are errors at the ``hide`` line: a
link that backs a claim (a cited source), and a change that leaves the entry invalid (a
condition whose only evidence rows were for hidden techniques). The clinic's own files that link
to a hidden entry are errors where they link (``knowledge``, ``handwritten``).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from .. import kinds
from .clinic import ALL
from .fields import Entry, Ref, ref_target, walk
from .loader import Loaded, explain
from .problems import Problem
from .yamlsource import field_path, line_of

Key = tuple[str, str]
TOPIC = "hidden"


@dataclass(frozen=True)
class Hidden:
    """The shipped entries a site hides, and where ``clinic.yml`` hides each."""
    entries: dict[Key, Loaded] = field(default_factory=dict)
    where: dict[Key, tuple[str, int, str]] = field(default_factory=dict)  # file, line, field

    def problem(self, key: Key, message: str) -> Problem:
        return Problem(*self.where[key], message)

    def by_line(self, key: Key) -> str:
        """How a message points at the ``hide`` that hides ``key``."""
        file, line, _ = self.where[key]
        return f"{file}:{line}"


def take_out(hide: dict, file: str, lines: dict, entries: dict[Key, Loaded],
             problems: list[Problem]) -> Hidden:
    """Remove the hidden entries from ``entries``. ``lines`` maps ``("hide", kind, i)`` to its
    line in ``clinic.yml``, so each problem points at the id it is about."""
    hidden = Hidden()
    for kind, ids in hide.items():
        if kind not in kinds.KINDS:
            guess = difflib.get_close_matches(kind, kinds.KINDS, n=1)
            problems.append(Problem(file, line_of(lines, ("hide", kind)), f"hide.{kind}",
                                    f"unknown kind '{kind}'" + (f" (did you mean '{guess[0]}'?)"
                                                                if guess else "")))
            continue
        if ids == ALL:
            where = (file, line_of(lines, ("hide", kind)), f"hide.{kind}")
            chosen = [key for key, item in sorted(entries.items()) if key[0] == kind and item.layer == 0]
            if not chosen:
                problems.append(Problem(*where, f"there are no shipped {kind} entries to hide"))
            for key in chosen:
                hidden.entries[key], hidden.where[key] = entries.pop(key), where
            continue
        for i, entry_id in enumerate(ids):
            where = (file, line_of(lines, ("hide", kind, i)), f"hide.{kind}[{i}]")
            key = (kind, entry_id)
            if key in hidden.entries:
                problems.append(Problem(*where, f"'{entry_id}' is listed twice"))
                continue
            found = entries.get(key)
            if found is None:
                problems.append(Problem(*where, f"there is no {kind} '{entry_id}' to hide"))
                continue
            if found.layer > 0:
                what = "replaces" if found.entry.replaces else "adds"
                problems.append(Problem(*where, f"hides the {kind} '{entry_id}' that this site "
                                        f"also {what} in {found.file}: keep one of the two"))
                continue
            hidden.entries[key], hidden.where[key] = entries.pop(key), where
    return hidden


def prune(loaded: dict[Key, Loaded], hidden: Hidden, context: dict,
          problems: list[Problem]) -> dict[Key, Entry]:
    """Leave the links to hidden entries out of the shipped entries in ``loaded`` (changed in
    place), adding a notice per change to ``problems`` and an error for each link that cannot be
    left out. Returns the changed entries as their files wrote them."""
    as_written: dict[Key, Entry] = {}
    citing: dict[tuple, list[str]] = {}  # hide line -> the shipped entries citing what it hides
    for key, item in list(loaded.items()):
        if item.layer > 0 or not hidden.entries:
            continue
        drops: dict[tuple, tuple[Key, str]] = {}  # what is left out -> (why, the notice)
        cites: list[tuple[tuple, Key]] = []
        for path, marker, value in walk(item.entry, Ref):
            target = ref_target(marker, value)
            if target not in hidden.entries:
                continue
            if kinds.get(target[0]).citation:
                cites.append((path, target))
                continue
            unit = _unit(path)
            if unit is None:
                problems.append(hidden.problem(target, f"the shipped {key[0]} '{key[1]}' needs it "
                                               f"({item.file}: {field_path(path)}): hide it too, "
                                               "or stop hiding this"))
                continue
            what = "link to" if unit == path else "row for"
            drops.setdefault(unit, (target, f"{what} hidden {target[0]}/{target[1]} left out"))
        drops = {u: t for u, t in drops.items() if not _within(u, drops)}
        for path, target in cites:  # a citation may go only with the row that makes the claim
            if not _within(path, drops):
                citing.setdefault(hidden.where[target], []).append(f"{key[0]} '{key[1]}'")
        if not drops:
            continue
        data = _thawed(item.entry.model_dump())
        for unit in sorted(drops, key=lambda u: (tuple(map(str, u[:-1])), -u[-1])):
            _container(data, unit[:-1]).pop(unit[-1])
        try:
            entry = type(item.entry).model_validate(data, context=context)
        except ValidationError as exc:
            why = explain(exc, item.file, {}, type(item.entry), key[0])[0]
            target = drops[min(drops, key=str)][0]
            problems.append(hidden.problem(target, f"hiding it leaves the shipped {key[0]} "
                                           f"'{key[1]}' ({item.file}) invalid: {why.field}: "
                                           f"{why.message}; hide that {key[0]} too, or stop "
                                           "hiding this"))
            continue
        as_written[key] = item.entry
        problems.extend(sorted(Problem(item.file, line_of(item.lines, unit), field_path(unit),
                                       notice, warning=True, topic=TOPIC)
                               for unit, (_, notice) in drops.items()))
        loaded[key] = replace(item, entry=entry, lines=_shifted(item.lines, drops))
    for where, entries in sorted(citing.items()):
        names = sorted(set(entries))
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        problems.append(Problem(*where, f"hides sources that shipped entries cite ({listed}): a "
                                "claim keeps its sources, so hide the entries that cite them too, "
                                "or stop hiding the sources"))
    return as_written


def _within(path: tuple, units) -> bool:
    """Whether ``path`` lies inside one of ``units`` (a list item or row left out)."""
    return any(path[:n] in units for n in range(1, len(path)))


def _unit(path: tuple) -> tuple | None:
    """What is left out with a link at ``path``: the list item it is, or the list item (a row)
    it stands in; None where it is a field of the entry itself."""
    last = max((i for i, part in enumerate(path) if isinstance(part, int)), default=None)
    return None if last is None else path[:last + 1]


def _thawed(value):
    """A model's dump with its tuples as lists, so items can be taken out."""
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thawed(v) for v in value]
    return value


def _container(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _shifted(lines: dict, drops: dict) -> dict:
    """The line of each field once the items in ``drops`` are gone: later items move up one."""
    for unit in sorted(drops, key=lambda u: (tuple(map(str, u[:-1])), -u[-1])):
        where, gone, n = unit[:-1], unit[-1], len(unit) - 1
        moved = {}
        for path, line in lines.items():
            if path[:n] == where and len(path) > n and isinstance(path[n], int) and path[n] >= gone:
                if path[n] == gone:
                    continue
                path = where + (path[n] - 1,) + path[n + 1:]
            moved[path] = line
        lines = moved
    return lines


def without_pages(nav: list, pages: set[str]) -> tuple[list, list[tuple[str, str]]]:
    """A navigation (``mkdocs.yml``'s ``nav``) without its items for ``pages``, and ``(title,
    page)`` of each item taken out; a section left empty goes too."""
    kept, gone = [], []
    for item in nav:
        title, value = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 \
            else (item, item)
        if isinstance(value, list):
            inner, lost = without_pages(value, pages)
            gone += lost
            if inner:
                kept.append({title: inner})
        elif isinstance(value, str) and value in pages:
            gone.append((str(title), value))
        else:
            kept.append(item)
    return kept, gone
