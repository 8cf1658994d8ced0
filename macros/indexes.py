"""The filterable, sortable index table of each kind.

Each row carries its facets as ``data-`` attributes (space-separated tokens) that
``overrides/assets/javascripts/kb-filters.js`` filters on; without JavaScript the full table shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from . import vocabulary as v
from .models import Entry


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = "text"  # or "number"


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    sort: Any = None


@dataclass
class Table:
    caption: str
    columns: list[Column]
    filters: list[tuple[str, str, list[tuple[str, str]]]]
    rows: list[dict] = field(default_factory=list)


def _pairs(mapping) -> list[tuple[str, str]]:
    return [(str(k), (val["label"] if isinstance(val, dict) else str(val))) for k, val in mapping.items()]


def build(kind: str, entries: list[Entry], kb, url: Callable[[Entry], str]) -> Table | None:
    builder = globals().get(f"_{kind}")
    return builder(entries, kb, url) if builder else None


def _title(e: Entry, url) -> Cell:
    return Cell(e.title, url(e))


def _technique_grades(kb, technique_id: str) -> list[str]:
    grades = {r.grade for c in kb.backlinks(("technique", technique_id), "condition")
              for r in c.evidence if r.technique == technique_id}
    return sorted(grades, key=v.grade_rank)


def _technique(entries, kb, url) -> Table:
    credentials = [(c.id, c.title) for c in kb.of_kind("credential")]
    table = Table("All techniques", [Column("Technique"), Column("Setting"), Column("Pressure (0–5)", "number"),
                                     Column("Body regions"), Column("Best evidence", "number")],
                  [("region", "Body region", _pairs(v.BODY_REGIONS)),
                   ("setting", "Setting", _pairs(v.SETTINGS)),
                   ("pressure", "Pressure", [(str(k), f"{k}: {label.split(' (')[0].lower()}")
                                             for k, label in v.PRESSURE.items()]),
                   ("grade", "Evidence", _pairs(v.EVIDENCE_GRADES)),
                   ("credential", "Credential", credentials)])
    for e in entries:
        grades = _technique_grades(kb, e.id)
        settings = {"both": "medical spa both"}.get(e.setting, e.setting)
        table.rows.append({
            "data": {"region": " ".join(e.body_regions), "setting": settings,
                     "pressure": " ".join(str(p) for p in range(e.pressure.min, e.pressure.max + 1)),
                     "grade": " ".join(grades), "credential": " ".join(e.credentials)},
            "cells": [_title(e, url), Cell(v.SETTINGS[e.setting]),
                      Cell(f"{e.pressure.min}–{e.pressure.max}", sort=e.pressure.min),
                      Cell(", ".join(v.BODY_REGIONS[r] for r in e.body_regions)),
                      _grade_cell(grades)]})
    return table


def _grade_cell(grades: list[str]) -> Cell:
    if not grades:
        return Cell("No studies listed", sort=len(v.EVIDENCE_GRADES))
    return Cell(v.EVIDENCE_GRADES[grades[0]]["label"], sort=v.grade_rank(grades[0]))


def _condition(entries, kb, url) -> Table:
    techniques = [(t.id, t.title) for t in kb.of_kind("technique")]
    table = Table("All conditions", [Column("Condition"), Column("Body regions"),
                                     Column("Best evidence", "number"), Column("Techniques studied", "number")],
                  [("region", "Body region", _pairs(v.BODY_REGIONS)),
                   ("grade", "Evidence", _pairs(v.EVIDENCE_GRADES)),
                   ("technique", "Technique", techniques)])
    for e in entries:
        grades = sorted({r.grade for r in e.evidence}, key=v.grade_rank)
        table.rows.append({
            "data": {"region": " ".join(e.body_regions), "grade": " ".join(grades),
                     "technique": " ".join(r.technique for r in e.evidence)},
            "cells": [_title(e, url), Cell(", ".join(v.BODY_REGIONS[r] for r in e.body_regions)),
                      _grade_cell(grades), Cell(str(len(e.evidence)), sort=len(e.evidence))]})
    return table


def _therapy(entries, kb, url) -> Table:
    table = Table("All therapies", [Column("Therapy"), Column("Evidence", "number"), Column("Summary")],
                  [("grade", "Evidence", _pairs(v.EVIDENCE_GRADES))])
    for e in entries:
        table.rows.append({"data": {"grade": e.evidence_grade},
                           "cells": [_title(e, url), _grade_cell([e.evidence_grade]), Cell(e.summary)]})
    return table


def _credential(entries, kb, url) -> Table:
    table = Table("All credentials", [Column("Credential"), Column("Abbreviation"), Column("Kind"),
                                      Column("Issued by")],
                  [("kind", "Kind", _pairs(v.CREDENTIAL_KINDS))])
    for e in entries:
        table.rows.append({"data": {"kind": e.kind_of_credential},
                           "cells": [_title(e, url), Cell(e.abbreviation or ""),
                                     Cell(v.CREDENTIAL_KINDS[e.kind_of_credential]), Cell(e.issuer)]})
    return table


def _source(entries, kb, url) -> Table:
    table = Table("All sources", [Column("Title"), Column("Authors"), Column("Year", "number"),
                                  Column("Type"), Column("Certainty")],
                  [("type", "Type", _pairs(v.SOURCE_TYPES)),
                   ("certainty", "Certainty", _pairs(v.SOURCE_CERTAINTY))])
    for e in entries:
        table.rows.append({"data": {"type": e.source_type, "certainty": e.certainty},
                           "cells": [_title(e, url), Cell(e.authors),
                                     Cell(str(e.year or "n.d."), sort=e.year or 0),
                                     Cell(v.SOURCE_TYPES[e.source_type]),
                                     Cell(v.SOURCE_CERTAINTY[e.certainty])]})
    return table


def _therapist(entries, kb, url) -> Table:
    techniques = [(t.id, t.title) for t in kb.of_kind("technique")]
    table = Table("Our therapists", [Column("Therapist"), Column("Languages"), Column("Techniques")],
                  [("technique", "Technique", techniques)])
    for e in entries:
        table.rows.append({"data": {"technique": " ".join(e.techniques)},
                           "cells": [_title(e, url), Cell(", ".join(e.languages)),
                                     Cell(", ".join(kb.get("technique", t).title for t in e.techniques))]})
    return table
