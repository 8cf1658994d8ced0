"""Conditions: a health problem, the bottom line, what the research says for each technique,
safety and what to do at home."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..kb import icd10cm
from ..kb.fields import (ClientText, Date, Entry, Grade, Name, Region, Strict, Text, _vocabulary,
                         distinct, ref)
from .base import Cell, Column, Filter, Kind, Table, pairs
from .technique import best_grade_cell
from ..render.i18n import _


class SearchRecord(Strict):
    """A search for research that found too little to grade: where, when, with which terms, and
    what came back. It makes "not enough research" checkable when no review says so."""
    on: Date
    where: Text = Field(description="the databases or indexes searched")
    terms: tuple[Name, ...] = Field(min_length=1)
    found: Text = Field(description="what the search found, in a sentence or two")


class Evidence(Strict):
    technique: ref("technique")
    grade: Grade
    effect: ClientText
    sources: tuple[ref("source"), ...] = ()
    searched: Optional[SearchRecord] = None

    @model_validator(mode="after")
    def _graded_claims_cite(self):
        if self.grade != "insufficient" and not self.sources:
            raise ValueError(f"a grade of '{self.grade}' needs at least one source; "
                             "use 'insufficient' where there is none")
        return self


class Myth(Strict):
    claim: ClientText
    verdict: ClientText
    sources: tuple[ref("source"), ...] = Field(min_length=1)


class Condition(Entry):
    body_regions: tuple[Region, ...] = Field(min_length=1)
    summary: ClientText
    bottom_line: ClientText
    evidence: tuple[Evidence, ...] = Field(min_length=1)
    myths: tuple[Myth, ...] = ()
    wait_or_adapt: tuple[ClientText, ...] = Field(min_length=1)
    red_flags: tuple[ClientText, ...] = Field(min_length=1)
    session: ClientText
    self_care: tuple[ClientText, ...] = Field(min_length=1)
    therapies: tuple[ref("therapy"), ...] = ()
    codes: tuple[icd10cm.Code, ...] = Field((), description="its ICD-10-CM codes (billable codes or "
                                            "categories of the site's code list), as the code list writes them")

    _one_row_per_technique = field_validator("evidence")(distinct("technique", "technique '{}' has two evidence rows; merge them"))

    @field_validator("codes")
    @classmethod
    def _codes_once_and_cited(cls, codes: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        """Each code once, and the code list they come from among the sources (the page cites it)."""
        icd10cm.distinct_codes(codes)
        source = _vocabulary(info).icd10cm.source
        if codes and "sources" in info.data and source not in info.data["sources"]:
            raise ValueError(f"a condition with codes cites the code list they were checked "
                             f"against: add '{source}' to its sources")
        return codes


def evidence_rows(condition: Condition, kb) -> list:
    """``(technique, row)``, best-graded first, then by technique title: the one order of a
    condition's research rows on its page, its handout and its structured data."""
    rows = [(kb.get("technique", r.technique), r) for r in condition.evidence]
    return sorted(rows, key=lambda tr: (kb.vocabulary.grade_rank(tr[1].grade), tr[0].title))


class ConditionKind(Kind):
    name, folder, model = "condition", "conditions", Condition
    boost = 3
    printable = handout = True
    schema_type = "MedicalCondition"
    intro = ("Each condition page starts with the bottom line, then what the research says, "
             "safety and what to do at home. The grade is the best evidence found for any "
             "technique.")

    def lead(self, entry, vocab):
        return [entry.summary, entry.bottom_line]

    def tags(self, entry, vocab):
        return [vocab.kinds[self.name].singular, *(vocab.body_regions[r] for r in entry.body_regions)]

    def context(self, e, page):
        return dict(rows=evidence_rows(e, page.kb), therapies=page.entries("therapy", e.therapies),
                    contexts=page.kb.backlinks((self.name, e.id), "context"),
                    code_source=page.vocab.icd10cm.source)

    def table(self, entries, page):
        kb, vocab = page.kb, page.vocab
        techniques = [(t.id, t.title) for t in kb.of_kind("technique")]
        table = Table(_("All conditions"), [Column(_("Condition")), Column(_("Body regions")),
                                         Column(_("Best evidence"), "number"),
                                         Column(_("Techniques studied"), "number")],
                      [Filter("region", _("Body region"), pairs(vocab.body_regions)),
                       Filter("grade", _("Evidence"), pairs(vocab.evidence_grades)),
                       Filter("technique", _("Technique"), techniques)])
        for e in entries:
            grades = sorted({r.grade for r in e.evidence}, key=vocab.grade_rank)
            table.add({"region": " ".join(e.body_regions), "grade": " ".join(grades),
                       "technique": " ".join(r.technique for r in e.evidence)},
                      [Cell(e.title, page.entry_url(e)),
                       Cell(", ".join(vocab.body_regions[r] for r in e.body_regions)),
                       best_grade_cell(grades, vocab), Cell(str(len(e.evidence)), sort=len(e.evidence))])
        return table

    def checks(self, across):
        """Each evidence row's grade is no more than its sources can carry (the rules on "About
        the evidence"), and a row without sources says what search found too little."""
        from .source import grade_problem
        sources = {item.entry.id: item.entry for item in across.of_kind("source")}
        found = []
        for item in across.of_kind(self.name):
            for i, row in enumerate(item.entry.evidence):
                cited = [sources[s] for s in row.sources if s in sources]
                problem = len(cited) == len(row.sources) and grade_problem(row.grade, cited)
                if problem:
                    found.append(across.problem(item, ("evidence", i, "grade"), problem))
                if row.grade == "insufficient" and not row.sources and row.searched is None:
                    found.append(across.problem(item, ("evidence", i), "'insufficient' needs the "
                                                "review that found too few studies, or 'searched': "
                                                "where, when and with which terms we looked"))
        return found

    def about(self, entry, kb):
        about = super().about(entry, kb)
        about["possibleTreatment"] = [{"@type": "MedicalTherapy", "name": t.title}
                                      for t, r in evidence_rows(entry, kb)
                                      if r.grade not in ("insufficient", "evidence-against")]
        about["signOrSymptom"] = [{"@type": "MedicalSignOrSymptom", "name": t} for t in entry.red_flags]
        if entry.codes:
            about["code"] = [{"@type": "MedicalCode", "codeValue": code, "codingSystem": icd10cm.SYSTEM}
                             for code in entry.codes]
        return about


KIND = ConditionKind()
