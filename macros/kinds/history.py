"""History: milestones of massage, dated, placed and sourced, shown on a timeline by era."""
from __future__ import annotations

from typing import Optional

from pydantic import StrictBool, StrictInt, model_validator

from ..kb.fields import ClientText, Entry, Name, Strict, ref
from .base import Kind


class When(Strict):
    """A date in history. ``year`` is negative before the common era."""
    year: StrictInt
    end_year: Optional[StrictInt] = None
    approximate: StrictBool = False

    @model_validator(mode="after")
    def _ordered(self):
        if self.end_year is not None and self.end_year < self.year:
            raise ValueError("end_year is before year")
        if self.year == 0 or self.end_year == 0:
            raise ValueError("there is no year 0: 1 BCE is -1, 1 CE is 1")
        return self

    @property
    def label(self) -> str:
        """``c. 460–370 BCE``, ``1813–1839``, ``129 CE–216 CE``."""
        def one(year: int) -> str:
            return f"{-year} BCE" if year < 0 else (f"{year} CE" if year < 1000 else str(year))
        text = one(self.year)
        if self.end_year is not None:
            if self.year < 0 < self.end_year or self.year > 0:
                text = f"{one(self.year)}–{one(self.end_year)}"
            else:
                text = f"{-self.year}–{-self.end_year} BCE"
        return ("c. " if self.approximate else "") + text


class History(Entry):
    when: When
    place: Name
    people: tuple[Name, ...] = ()
    summary: ClientText
    significance: ClientText
    contested: Optional[ClientText] = None
    techniques: tuple[ref("technique"), ...] = ()


class HistoryKind(Kind):
    name, folder, model = "history", "history", History
    boost = 0.75
    index_template = "timeline.html.j2"

    def lead(self, entry, vocab):
        return [" · ".join([entry.when.label, entry.place, *entry.people]), entry.summary]

    def context(self, e, page):
        return dict(era=page.vocab.era_of(e.when.year).label,
                    techniques=page.entries("technique", e.techniques))

    def index_context(self, entries, page):
        eras: dict[str, tuple] = {}
        for e in sorted(entries, key=lambda e: (e.when.year, e.title)):
            era = page.vocab.era_of(e.when.year)
            eras.setdefault(era.id, (era, []))[1].append((e, page.entries("technique", e.techniques)))
        return {"eras": list(eras.values())}


KIND = HistoryKind()
