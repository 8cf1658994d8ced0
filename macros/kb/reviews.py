"""When content is due for review, clinics' sign-offs, and what an editor must look at next.

- Each entry's next review is its last review plus its kind's interval (``review_intervals`` in
  the vocabulary): a year for anything that tells readers when massage is unsafe.
- A clinic's clinician signs off shipped entries in the clinic's own ``signoffs.yml`` (``python -m
  macros signoff``). A sign-off records a fingerprint of the entry as it was signed; when the
  shipped entry changes, the fingerprint no longer matches and the sign-off is outdated.
- ``due(...)`` lists what the review dashboard shows: reviews overdue or due within 90 days,
  entries whose sources are over ten years old or were reviewed after the entry, and outdated
  sign-offs.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from typing import Annotated

from pydantic import Field, StrictInt, ValidationError

from .fields import Date, Entry, Name, Review, Strict, ref
from .problems import DataError, Problem, display_path
from .yamlsource import YamlProblem, line_of, parse, read_mapping

SIGNOFF_FILE = "signoffs.yml"
SOON_DAYS = 90
OLD_SOURCE_YEARS = 10


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(entry: Entry, vocabulary) -> dt.date:
    return add_months(entry.last_reviewed, vocabulary.review_interval(entry.kind))


def fingerprint(entry: Entry) -> str:
    """A short digest of what the entry says (reviews and clinic flags left out), so a sign-off
    can tell whether the entry changed after it was signed."""
    data = entry.model_dump(mode="json", exclude={"reviews", "replaces"})
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]


class Signoff(Strict):
    """A clinic clinician's review of one shipped entry."""
    entry: ref(None)
    by: Name
    credential: Name
    on: Date
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$", description="written by `macros signoff`")


class Signoffs(Strict):
    signoffs: tuple[Signoff, ...] = ()


@dataclass(frozen=True)
class SignoffState:
    signoff: Signoff
    current: bool   # the entry is unchanged since it was signed
    file: str = SIGNOFF_FILE
    line: int = 1
    index: int = 0


def read_signoffs(folder: Path, kb) -> dict[tuple, SignoffState]:
    """The clinic's sign-offs by entry key, each marked current or outdated; errors for sign-offs
    of entries that do not exist."""
    path = Path(folder) / SIGNOFF_FILE
    if not path.exists():
        return {}
    shown = display_path(path)
    data, lines, problems = read_mapping(path, shown, Path(folder))
    if problems:
        raise DataError(problems)
    try:
        model = Signoffs.model_validate(data, context={"vocabulary": kb.vocabulary})
    except ValidationError as exc:
        from .loader import explain
        raise DataError(explain(exc, shown, lines, Signoffs)) from None
    found, problems = {}, []
    for i, signoff in enumerate(model.signoffs):
        kind, _, entry_id = signoff.entry.partition("/")
        where = (shown, line_of(lines, ("signoffs", i, "entry")), f"signoffs[{i}].entry")
        if (kind, entry_id) in kb.hidden:
            file, line, _ = kb.hidden_at[(kind, entry_id)]
            problems.append(Problem(*where, f"signs off {kind} '{entry_id}', which {file}:{line} "
                                    "hides: remove this sign-off, or stop hiding the entry"))
            continue
        if not kb.has(kind, entry_id):
            problems.append(Problem(*where, f"there is no {kind} '{entry_id}'"))
            continue
        found[(kind, entry_id)] = SignoffState(signoff, signoff.fingerprint ==
                                               fingerprint(kb.get(kind, entry_id)), *where[:2], i)
    if problems:
        raise DataError(problems)
    return found


def signoff_line(signoff: Signoff) -> str:
    """The YAML of one new sign-off, to append to ``signoffs.yml``."""
    return (f"  - entry: {signoff.entry}\n    by: {json.dumps(signoff.by)}\n"
            f"    credential: {json.dumps(signoff.credential)}\n    on: {signoff.on.isoformat()}\n"
            f"    fingerprint: {signoff.fingerprint}\n")


@dataclass(frozen=True)
class Due:
    """What the review dashboard lists."""
    overdue: list[tuple[Entry, dt.date]]
    soon: list[tuple[Entry, dt.date]]
    old_sources: list[tuple[Entry, list[Entry]]]
    changed_sources: list[tuple[Entry, list[Entry]]]
    outdated_signoffs: list[tuple[Entry, Signoff]]


def due(kb, today: dt.date, signoffs: Optional[dict] = None) -> Due:
    overdue, soon, old, changed = [], [], [], []
    for (kind, _), entry in sorted(kb.entries.items()):
        when = next_review(entry, kb.vocabulary)
        if when < today:
            overdue.append((entry, when))
        elif (when - today).days <= SOON_DAYS:
            soon.append((entry, when))
        if kind == "source":
            continue
        cited = [kb.get("source", i) for i in entry.sources if kb.has("source", i)]
        aged = [s for s in cited if s.year is not None and s.year < today.year - OLD_SOURCE_YEARS]
        if aged:
            old.append((entry, aged))
        newer = [s for s in cited if s.last_reviewed > entry.last_reviewed]
        if newer:
            changed.append((entry, newer))
    stale = [(kb.get(*key), state.signoff) for key, state in sorted((signoffs or {}).items())
             if not state.current]
    overdue.sort(key=lambda ew: ew[1])
    soon.sort(key=lambda ew: ew[1])
    return Due(overdue, soon, old, changed, stale)


def notices(kb, today: dt.date, signoffs: Optional[dict] = None) -> list[Problem]:
    """What is due as notices for ``python -m macros check`` and the build log: reviews overdue
    or due within 90 days, and the clinic's sign-offs of entries that changed since."""
    found = due(kb, today, signoffs)
    out = []
    for entries, late in ((found.overdue, True), (found.soon, False)):
        for entry, when in entries:
            key = (entry.kind, entry.id)
            what = f"review overdue since {when}" if late else \
                f"review due on {when} (in {(when - today).days} days)"
            todo = ("add the new review to its reviews" if kb.layers.get(key) else
                    "a shipped entry: update the shipped knowledge base (git pull) for its review")
            line = line_of(kb.lines.get(key, {}), ("reviews",))
            out.append(Problem(kb.files[key], line, "reviews", f"{what}: {todo}", True, "reviews"))
    for key, state in sorted((signoffs or {}).items()):
        if not state.current:
            s = state.signoff
            out.append(Problem(state.file, state.line, f"signoffs[{state.index}].entry",
                               f"{s.entry} has changed since {s.by} signed it off on {s.on}: "
                               f"review it again, then run python -m macros signoff {s.entry}",
                               True, "sign-offs"))
    return out


class PageReviews(Strict):
    """The review record of a hand-written page, from its front matter."""
    reviews: tuple[Review, ...] = Field(min_length=1)
    review_interval: Optional[Annotated[StrictInt, Field(ge=1, le=120)]] = None

    @property
    def last(self) -> Review:
        return max(self.reviews, key=lambda r: r.on)


def page_reviews(text: str, shown: str, vocabulary, today: dt.date | None = None
                 ) -> Optional[PageReviews]:
    """The reviews a hand-written page records in its front matter, read with the same strict
    reader as the data (so ``on:`` stays a key, not YAML 1.1's True); None where it records none."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end == -1:
        return None
    try:
        data, lines = parse(text[4:end + 1])
    except YamlProblem as exc:
        raise DataError([Problem(shown, exc.line + 1, exc.field, exc.message)]) from None
    if not isinstance(data, dict) or "reviews" not in data:
        return None
    wanted = {k: data[k] for k in ("reviews", "review_interval") if k in data}
    try:
        return PageReviews.model_validate(wanted, context={"vocabulary": vocabulary, "today": today})
    except ValidationError as exc:
        from .loader import explain
        problems = explain(exc, shown, {k: v + 1 for k, v in lines.items()}, PageReviews)
        raise DataError(problems) from None


def page_next_review(record: PageReviews, vocabulary) -> dt.date:
    months = record.review_interval or vocabulary.review_interval("page")
    return add_months(record.last.on, months)


def report(kb, today: dt.date, signoffs: Optional[dict] = None) -> str:
    """The review dashboard as text, for ``python -m macros review``."""
    found = due(kb, today, signoffs)
    words = kb.vocabulary.kinds

    def name(e: Entry) -> str:
        return f"{words[e.kind].singular.lower()} {e.id} ({kb.files[(e.kind, e.id)]})"

    lines = [f"Review report for {today.isoformat()}", ""]
    lines.append(f"Overdue ({len(found.overdue)}):")
    lines += [f"  {name(e)}: due {when.isoformat()}" for e, when in found.overdue] or ["  none"]
    lines.append(f"Due within {SOON_DAYS} days ({len(found.soon)}):")
    lines += [f"  {name(e)}: due {when.isoformat()}" for e, when in found.soon] or ["  none"]
    lines.append(f"Citing sources over {OLD_SOURCE_YEARS} years old ({len(found.old_sources)}):")
    lines += [f"  {name(e)}: " + ", ".join(f"{s.id} ({s.year})" for s in old)
              for e, old in found.old_sources] or ["  none"]
    lines.append(f"Sources re-checked after the entry's last review ({len(found.changed_sources)}):")
    lines += [f"  {name(e)}: " + ", ".join(s.id for s in new) for e, new in found.changed_sources] or ["  none"]
    lines.append(f"Clinic sign-offs out of date ({len(found.outdated_signoffs)}):")
    lines += [f"  {name(e)}: signed by {s.by} on {s.on.isoformat()}; the entry has changed since"
              for e, s in found.outdated_signoffs] or ["  none"]
    return "\n".join(lines)
