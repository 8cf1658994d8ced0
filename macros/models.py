"""One strict Pydantic model per entry kind.

Every model forbids unknown fields, takes its closed lists from the vocabulary, and marks each
cross-reference with the kind it points to (``Ref``), so the loader can resolve and check every
link without a list of link fields kept by hand. Client-facing text is marked ``ClientText``; the
reading-grade test finds those fields through the same marker.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool,
                      StrictInt, ValidationInfo, field_validator, model_validator)

from . import vocabulary as v
from .names import bidi_problem, name_problem, normal

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RESERVED_IDS = {"index"}  # the index page of each kind folder


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the id of an entry of ``kind`` (``None``: any kind, as ``kind/id``)."""
    kind: Optional[str]


@dataclass(frozen=True)
class Audience:
    who: str


MAX_TEXT = 5000   # characters in one text field (the longest shipped field is about 1,100)
MAX_NAME = 200    # a title, alias, term or person's name

def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value):,} characters long; a field may hold at most {MAX_TEXT:,}")
    problem = bidi_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _name(value: str) -> str:
    _text(value)
    if len(value) > MAX_NAME:
        raise ValueError(f"is {len(value)} characters long; a name may hold at most {MAX_NAME}")
    problem = name_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _iso_date(value):
    """Dates are written YYYY-MM-DD. Anything else is refused here, before Pydantic's lax parsing
    could read a number as seconds since 1970."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if isinstance(value, (int, bool)) or value is None:
        raise ValueError(f"write a date as YYYY-MM-DD (YAML read {value!r} as "
                         f"{'a number' if isinstance(value, int) and not isinstance(value, bool) else 'no date'})")
    raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD")


Text = Annotated[str, AfterValidator(_text)]
Name = Annotated[str, AfterValidator(_name)]
ClientText = Annotated[str, AfterValidator(_text), Audience("client")]
StudentText = Annotated[str, AfterValidator(_text), Audience("student")]
Slug = Annotated[str, Field(pattern=SLUG, max_length=80)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def ref(kind: str | None):
    return Annotated[str, Field(pattern=SLUG if kind else r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$"),
                     Ref(kind)]


def _https(value: str) -> str:
    if len(value) > 2000 or not re.fullmatch(r"https://[^\s/$.?#][^\s<>\"'`\\]*", value):
        raise ValueError("must be a full https:// address")
    return value


HttpsUrl = Annotated[str, AfterValidator(_https)]

Region = v.literal(v.BODY_REGIONS)
Grade = v.literal(v.EVIDENCE_GRADES)
Pressure = Annotated[StrictInt, Field(ge=min(v.PRESSURE), le=max(v.PRESSURE))]


class Strict(BaseModel):
    # A plain number where the model wants text is read as the text it was written as: the YAML
    # reader only types short decimal integers, whose text and value agree.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              coerce_numbers_to_str=True)


class Entry(Strict):
    """Fields every entry has. ``id`` is the file name; it may be repeated in the file."""
    id: Slug
    title: Name
    aliases: tuple[Name, ...] = ()
    last_reviewed: Date
    sources: tuple[ref("source"), ...] = ()
    replaces: StrictBool = Field(False, description="In a clinic overlay: this entry replaces the "
                                 "shipped entry with the same id on purpose.")

    @field_validator("last_reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today") or dt.date.today()
        if value > today:
            raise ValueError(f"{value} is in the future; give the date the entry was last reviewed")
        return value

    @field_validator("aliases")
    @classmethod
    def _distinct_aliases(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        seen = {normal(info.data["title"])} if "title" in info.data else set()
        for alias in value:
            if normal(alias) == normal(info.data.get("title", "")):
                raise ValueError(f"alias '{alias}' is the title again")
            if normal(alias) in seen:
                raise ValueError(f"alias '{alias}' is given twice")
            seen.add(normal(alias))
        return value


    @property
    def kind(self) -> str:
        return KIND_OF[type(self)]


class Safety(Strict):
    kind: v.literal(v.SAFETY_KINDS)
    text: ClientText


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
    ruling: v.literal(v.RULINGS)
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


class Technique(Entry):
    category: v.literal(v.TECHNIQUE_CATEGORIES)
    setting: v.literal(v.SETTINGS)
    setting_why: ClientText
    summary: ClientText
    how_it_is_done: StudentText
    strokes: tuple[Text, ...] = ()
    direction: StudentText
    pressure: PressureRange
    pace: StudentText
    duration: StudentText
    tools: tuple[Text, ...] = ()
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

    @field_validator("contexts")
    @classmethod
    def _one_ruling_per_context(cls, rulings):
        seen = set()
        for r in rulings:
            if r.context in seen:
                raise ValueError(f"context '{r.context}' has two rulings; keep one")
            seen.add(r.context)
        return rulings


class Variant(Strict):
    """One case within a context: a trimester, a kind of cancer treatment."""
    title: Name
    text: ClientText


class Context(Entry):
    """Who is on the table: a client context that changes what massage is safe."""
    summary: ClientText
    why_it_matters: ClientText
    variants: tuple[Variant, ...] = ()
    tell_your_therapist: tuple[ClientText, ...] = Field(min_length=1)
    questions_to_ask: tuple[ClientText, ...] = Field(min_length=1)
    see_a_doctor_first: tuple[ClientText, ...] = Field(min_length=1)
    student: StudentText
    conditions: tuple[ref("condition"), ...] = ()


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

    @field_validator("evidence")
    @classmethod
    def _one_row_per_technique(cls, rows):
        seen = set()
        for row in rows:
            if row.technique in seen:
                raise ValueError(f"technique '{row.technique}' has two evidence rows; merge them")
            seen.add(row.technique)
        return rows


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


class History(Entry):
    when: When
    place: Name
    people: tuple[Name, ...] = ()
    summary: ClientText
    significance: ClientText
    contested: Optional[ClientText] = None
    techniques: tuple[ref("technique"), ...] = ()


class Credential(Entry):
    abbreviation: Optional[Name] = None
    kind_of_credential: v.literal(v.CREDENTIAL_KINDS)
    issuer: Text
    jurisdiction: Text
    summary: ClientText
    requirements: tuple[Text, ...] = Field(min_length=1)
    requirements_as_of: Date
    official_url: HttpsUrl
    how_to_verify: ClientText
    tells_you: ClientText
    does_not_tell_you: ClientText
    techniques: tuple[ref("technique"), ...] = ()


class Source(Entry):
    publisher: Optional[Name] = Field(None, description="who published the original: the journal's "
                                      "publisher, the agency or the organisation")
    participants: Optional[Annotated[StrictInt, Field(ge=1)]] = Field(
        None, description="people studied (a trial's or a review's total), where the record says")
    authors: Text
    year: Optional[Annotated[StrictInt, Field(ge=1000, le=2100)]] = None
    venue: Text
    source_type: v.literal(v.SOURCE_TYPES)
    certainty: v.literal(v.SOURCE_CERTAINTY)
    finding: Text
    doi: Optional[Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")]] = None
    pmid: Optional[Annotated[str, Field(pattern=r"^\d{1,9}$")]] = None
    url: Optional[HttpsUrl] = None

    @model_validator(mode="after")
    def _findable(self):
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a source needs a doi, a pmid or a url so readers can find it")
        if self.sources:
            raise ValueError("a source does not cite other sources")
        return self


class Glossary(Entry):
    definition: ClientText
    details: Optional[StudentText] = None
    see_also: tuple[ref(None), ...] = ()

    @field_validator("definition")
    @classmethod
    def _short(cls, value: str) -> str:
        if len(value) > 300:
            raise ValueError("a definition is shown as a tooltip: keep it under 300 characters "
                             "and put the rest in 'details'")
        return value


class Faq(Entry):
    answer: ClientText
    related: tuple[ref(None), ...] = ()
    order: StrictInt = 100


class HeldCredential(Strict):
    credential: ref("credential")
    number: Text
    issuer: Text
    expires: Optional[Date] = None

    @field_validator("expires")
    @classmethod
    def _not_expired(cls, value, info: ValidationInfo):
        today = (info.context or {}).get("today") or dt.date.today()
        if value is not None and value < today:
            raise ValueError(f"expired on {value}: renew it, or remove it from the roster")
        return value


class Therapist(Entry):
    photo: Optional[Text] = None
    bio: ClientText
    languages: tuple[Name, ...] = Field(min_length=1)
    techniques: tuple[ref("technique"), ...] = ()
    conditions: tuple[ref("condition"), ...] = ()
    credentials_held: tuple[HeldCredential, ...] = Field(min_length=1)


MODELS: dict[str, type[Entry]] = {
    "technique": Technique, "condition": Condition, "therapy": Therapy, "history": History,
    "credential": Credential, "source": Source, "glossary": Glossary, "faq": Faq,
    "therapist": Therapist, "context": Context,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}
assert set(MODELS) == set(v.KINDS), "vocabulary kinds and models differ"


def walk(obj: Any, marker_type: type, path: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """Yield ``(field path, marker, value)`` for every field of ``obj`` marked with ``marker_type``,
    descending into nested models and tuples. Works for ``Ref`` and ``Audience`` alike."""
    if not isinstance(obj, BaseModel):
        return
    for name, marker in _marked_fields(type(obj), marker_type):
        value = getattr(obj, name)
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            here = path + ((name, i) if isinstance(value, tuple) else (name,))
            if marker is not None and isinstance(item, str):
                yield here, marker, item
            elif isinstance(item, BaseModel):
                yield from walk(item, marker_type, here)


@functools.cache
def _marked_fields(model: type[BaseModel], marker_type: type) -> tuple[tuple[str, Any], ...]:
    """Each field of a model with its marker of ``marker_type`` (or None), looked up once per
    model: ``walk`` runs for every entry at load and again for every page."""
    return tuple((name, next((m for m in _markers(info) if isinstance(m, marker_type)), None))
                 for name, info in model.model_fields.items())


def _markers(info) -> list:
    """Markers on a field, including those on the items of a tuple field."""
    found = list(info.metadata)
    for arg in getattr(info.annotation, "__args__", ()) or ():
        found.extend(getattr(arg, "__metadata__", ()))
    return found
