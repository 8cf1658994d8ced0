"""Therapies: treatments massage is often combined with, and what is known about each."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, model_validator

from ..kb.fields import ClientText, Entry, Grade, Safety, StudentText, ref
from .base import Cell, Column, Filter, Kind, Table, pairs
from .condition import SearchRecord
from .technique import best_grade_cell, safety_groups
from ..render.i18n import _


class Therapy(Entry):
    searched: Optional[SearchRecord] = None
    summary: ClientText
    what_it_is: StudentText
    with_massage: ClientText
    evidence_grade: Grade
    evidence: ClientText
    safety: tuple[Safety, ...] = Field(min_length=1)
    delivered_by: tuple[ref("credential"), ...] = ()
    delivered_by_note: ClientText
    conditions: tuple[ref("condition"), ...] = ()
    techniques: tuple[ref("technique"), ...] = ()

    @model_validator(mode="after")
    def _graded_claims_cite(self):
        if self.evidence_grade != "insufficient" and not self.sources:
            raise ValueError(f"an evidence grade of '{self.evidence_grade}' needs at least one source")
        return self


class TherapyKind(Kind):
    name, folder, model = "therapy", "therapies", Therapy
    boost = 2
    printable = True
    schema_type = "MedicalTherapy"
    intro = "Treatments that massage is often combined with, and what is known about each."

    student_anchor = "details"

    def student_lead(self, entry, vocab):
        return [entry.what_it_is]

    def context(self, e, page):
        return dict(safety=safety_groups(e.safety, page.vocab),
                    delivered_by=page.entries("credential", e.delivered_by),
                    conditions=page.entries("condition", e.conditions),
                    techniques=page.entries("technique", e.techniques))

    def table(self, entries, page):
        vocab = page.vocab
        table = Table(_("All therapies"), [Column(_("Therapy")), Column(_("Evidence"), "number"), Column(_("Summary"))],
                      [Filter("grade", _("Evidence"), pairs(vocab.evidence_grades))])
        for e in entries:
            table.add({"grade": e.evidence_grade}, [Cell(e.title, page.entry_url(e)),
                                                    best_grade_cell([e.evidence_grade], vocab),
                                                    Cell(e.summary)])
        return table

    def checks(self, across):
        """The evidence grade is no more than the sources can carry; 'insufficient' cites the
        review that found too little or records the search."""
        from .source import grade_problem
        sources = {item.entry.id: item.entry for item in across.of_kind("source")}
        found = []
        for item in across.of_kind(self.name):
            e = item.entry
            cited = [sources[s] for s in e.sources if s in sources]
            problem = len(cited) == len(e.sources) and grade_problem(e.evidence_grade, cited)
            if problem:
                found.append(across.problem(item, ("evidence_grade",), problem))
            if e.evidence_grade == "insufficient" and not e.sources and e.searched is None:
                found.append(across.problem(item, ("evidence_grade",), "'insufficient' needs the "
                                            "review that found too few studies, or 'searched'"))
        return found

    def about(self, entry, kb):
        about = super().about(entry, kb)
        about["contraindication"] = [s.text for s in entry.safety if s.kind != "caution"]
        return about


KIND = TherapyKind()
