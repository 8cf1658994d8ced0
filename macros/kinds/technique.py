"""Techniques: how a method is done, what it feels like, who should avoid it, what the research
says, and what it needs for each client context."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, field_validator, model_validator

from ..kb.fields import (ClientText, Entry, SharedText, Grade, Pressure, Region, StudentText, Safety, Strict,
                         Text, closed, distinct, ref)
from .base import Cell, Column, Filter, Kind, Table, pairs
from ..render.i18n import _


class PressureRange(Strict):
    min: Pressure
    max: Pressure

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class Ruling(Strict):
    """What a technique needs for one client context. ``no-guidance`` is the honest answer where no
    source speaks to the pair; any other ruling cites its sources and grades them."""
    context: ref("context")
    ruling: closed("rulings")
    client: Optional[ClientText] = Field(None, description="what a client reads: 'If you are ...'")
    pressure_max: Optional[Pressure] = Field(None, description="the most pressure, on the 0-5 scale")
    positions: Optional[StudentText] = None
    sites: Optional[StudentText] = None
    session: Optional[StudentText] = None
    grade: Optional[Grade] = None
    sources: tuple[ref("source"), ...] = ()

    @model_validator(mode="after")
    def _sourced_or_silent(self):
        if self.ruling == "no-guidance":
            if self.sources or self.grade or self.pressure_max is not None:
                raise ValueError("a 'no-guidance' ruling has no sources, grade or pressure: if a "
                                 "source speaks to this pair, give the ruling it supports")
            return self
        if not self.sources:
            raise ValueError(f"a ruling of '{self.ruling}' needs at least one source; where no "
                             "source speaks to this pair, the ruling is 'no-guidance'")
        if self.grade is None:
            raise ValueError(f"a ruling of '{self.ruling}' needs a grade: how sure its sources are")
        if not self.client:
            raise ValueError(f"a ruling of '{self.ruling}' needs 'client': what a client reads")
        if self.ruling == "adapt" and self.pressure_max is None:
            raise ValueError("an 'adapt' ruling gives pressure_max: the most pressure on the 0-5 scale")
        if self.ruling == "avoid" and self.pressure_max is not None:
            raise ValueError("an 'avoid' ruling has no pressure_max")
        return self


class Contraindications(Strict):
    absolute: tuple[StudentText, ...] = ()
    local: tuple[StudentText, ...] = ()
    relative: tuple[StudentText, ...] = ()


class StudentDetail(Strict):
    """The technique for students: the technical level of the page."""
    anatomy: StudentText
    endangerment_sites: tuple[StudentText, ...] = Field(min_length=1)
    indications: tuple[StudentText, ...] = Field(min_length=1)
    contraindications: Contraindications
    positioning_and_draping: StudentText
    documentation: StudentText
    sources: tuple[ref("source"), ...] = ()


class Technique(Entry):
    category: closed("technique_categories")
    setting: closed("settings")
    setting_why: ClientText
    summary: ClientText
    how_it_is_done: StudentText
    strokes: tuple[Text, ...] = ()
    direction: StudentText
    pressure: PressureRange
    pace: StudentText
    duration: StudentText
    tools: tuple[SharedText, ...] = ()
    body_regions: tuple[Region, ...] = Field(min_length=1)
    evidence_summary: ClientText
    safety: tuple[Safety, ...] = Field(min_length=1)
    feels_like: ClientText
    after_effects: tuple[ClientText, ...] = Field(min_length=1)
    warning_signs: tuple[ClientText, ...] = Field(min_length=1)
    origins: tuple[ref("history"), ...] = ()
    credentials: tuple[ref("credential"), ...] = ()
    therapies: tuple[ref("therapy"), ...] = ()
    contexts: tuple[Ruling, ...] = ()
    student: Optional[StudentDetail] = None

    _one_ruling_per_context = field_validator("contexts")(distinct("context", "context '{}' has two rulings; keep one"))

    @model_validator(mode="after")
    def _ceilings_within_range(self):
        for ruling in self.contexts:
            if ruling.pressure_max is not None and ruling.pressure_max > self.pressure.max:
                raise ValueError(f"the ruling for '{ruling.context}' allows pressure "
                                 f"{ruling.pressure_max}, above this technique's most "
                                 f"({self.pressure.max})")
        return self


def safety_groups(items, vocab) -> list[tuple[str, list[str]]]:
    """Safety notes grouped by how strict they are, strictest first."""
    return [(label, [s.text for s in items if s.kind == kind])
            for kind, label in vocab.safety_kinds.items() if any(s.kind == kind for s in items)]


def grades_for(kb, technique_id: str) -> list:
    """``(condition, evidence row)`` for each condition that grades the technique, best first."""
    found = []
    for condition in kb.backlinks(("technique", technique_id), "condition"):
        row = next(r for r in condition.evidence if r.technique == technique_id)
        found.append((condition, row))
    found.sort(key=lambda cr: (kb.vocabulary.grade_rank(cr[1].grade), cr[0].title.casefold()))
    return found


class TechniqueKind(Kind):
    name, folder, model = "technique", "techniques", Technique
    boost = 3
    printable = True
    schema_type = "MedicalTherapy"
    intro = ("Each technique page says what it feels like, who should avoid it, and what the "
             "research says. Use the filters to narrow the list; a link to this page keeps the "
             "filters you chose.")

    student_anchor = "how-it-is-done"

    def student_lead(self, entry, vocab):
        lead = [entry.how_it_is_done, "Strokes: " + ", ".join(entry.strokes) if entry.strokes else "",
                entry.direction, entry.pace]
        sd = entry.student
        if sd is not None:
            lead += [sd.anatomy, *sd.endangerment_sites, *sd.indications, *sd.contraindications.absolute,
                     *sd.contraindications.local, *sd.contraindications.relative,
                     sd.positioning_and_draping, sd.documentation]
        return lead

    def tags(self, entry, vocab):
        return [vocab.kinds[self.name].singular, vocab.settings[entry.setting],
                *(vocab.body_regions[r] for r in entry.body_regions)]

    def context(self, e, page):
        vocab, kb = page.vocab, page.kb
        glance = [(_("Setting"), f"{vocab.settings[e.setting]}: {e.setting_why}"),
                  (_("Kind of technique"), vocab.technique_categories[e.category]),
                  (_("Pressure"), _("%(low)s to %(high)s on a 0–5 scale (%(low_word)s to %(high_word)s)",
                                    low=e.pressure.min, high=e.pressure.max,
                                    low_word=vocab.pressure_word(e.pressure.min),
                                    high_word=vocab.pressure_word(e.pressure.max))),
                  (_("Typical length"), e.duration),
                  (_("Body regions"), page.region_links(e.body_regions))]
        if e.tools:
            glance.append((_("Tools"), ", ".join(e.tools)))
        return dict(
            used_for=grades_for(kb, e.id), safety=safety_groups(e.safety, vocab), glance=glance,
            rulings=rulings_of(e, kb),
            origins=page.entries("history", e.origins),
            credentials=page.entries("credential", e.credentials),
            therapies=page.entries("therapy", e.therapies),
            therapists=kb.backlinks(("technique", e.id), "therapist"),
        )

    def table(self, entries, page):
        kb, vocab = page.kb, page.vocab
        credentials = [(c.id, c.title) for c in kb.of_kind("credential")]
        table = Table(_("All techniques"), [Column(_("Technique")), Column(_("Setting")),
                                         Column(_("Pressure (0–5)"), "number"), Column(_("Body regions")),
                                         Column(_("Best evidence"), "number")],
                      [Filter("region", _("Body region"), pairs(vocab.body_regions)),
                       Filter("setting", _("Setting"), pairs(vocab.settings)),
                       Filter("pressure", _("Pressure"), [(str(k), f"{k}: {vocab.pressure_word(k)}")
                                                       for k in vocab.pressure]),
                       Filter("grade", _("Evidence"), pairs(vocab.evidence_grades)),
                       Filter("credential", _("Credential"), credentials),
                       Filter("context", _("Leave out techniques to avoid if you…"),
                              [(c.id, c.title) for c in kb.of_kind("context")])])
        for e in entries:
            grades = sorted({row.grade for _, row in grades_for(kb, e.id)}, key=vocab.grade_rank)
            settings = {"both": "medical spa both"}.get(e.setting, e.setting)
            table.add({"region": " ".join(e.body_regions), "setting": settings,
                       "pressure": " ".join(str(p) for p in range(e.pressure.min, e.pressure.max + 1)),
                       "grade": " ".join(grades), "credential": " ".join(e.credentials),
                       "context": " ".join(r.context for r in e.contexts if r.ruling != "avoid")},
                      [Cell(e.title, page.entry_url(e)), Cell(vocab.settings[e.setting]),
                       Cell(f"{e.pressure.min}–{e.pressure.max}", sort=e.pressure.min),
                       Cell(", ".join(vocab.body_regions[r] for r in e.body_regions)),
                       best_grade_cell(grades, vocab)])
        return table

    def about(self, entry, kb):
        about = super().about(entry, kb)
        about["contraindication"] = [s.text for s in entry.safety if s.kind != "caution"]
        return about

    def checks(self, across):
        """Every technique has a ruling (or an explicit 'no-guidance') for every client context,
        and each ruling's grade is no more than its sources can carry."""
        from .source import grade_problem
        sources = {item.entry.id: item.entry for item in across.of_kind("source")}
        contexts = across.ids("context")
        found = []
        for item in across.of_kind(self.name):
            for i, ruling in enumerate(item.entry.contexts):
                cited = [sources[s] for s in ruling.sources if s in sources]
                problem = ruling.grade and len(cited) == len(ruling.sources) and \
                    grade_problem(ruling.grade, cited)
                if problem:
                    found.append(across.problem(item, ("contexts", i, "grade"), problem))
        for item in across.of_kind(self.name) if contexts else ():
            given = {r.context for r in item.entry.contexts}
            missing = [c for c in contexts if c not in given]
            if missing:
                found.append(across.problem(item, ("contexts",), f"no ruling for {', '.join(missing)}: "
                                            "give each context a ruling, or 'no-guidance' where no "
                                            "source speaks to it"))
        return found


RULING_ORDER = ("avoid", "adapt", "usual-care", "no-guidance")


def rulings_of(technique: Technique, kb) -> list:
    """``(context entry, ruling)`` for each client context, strictest ruling first."""
    found = [(kb.get("context", r.context), r) for r in technique.contexts if kb.has("context", r.context)]
    return sorted(found, key=lambda cr: (RULING_ORDER.index(cr[1].ruling), cr[0].title.casefold()))


def best_grade_cell(grades: list[str], vocab) -> Cell:
    if not grades:
        return Cell(_("No studies listed"), sort=len(vocab.evidence_grades))
    return Cell(vocab.evidence_grades[grades[0]].label, sort=vocab.grade_rank(grades[0]))


KIND = TechniqueKind()
