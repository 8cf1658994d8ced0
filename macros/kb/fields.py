"""The field types every entry model is made of, and the base every model shares.

Each model forbids unknown fields and takes its closed lists from the site's vocabulary
(``closed``: checked against the ``Vocabulary`` passed in the validation context, so an edit to
``vocabulary.yml`` shows at the next load). Each cross-reference is marked with the kind it points
to (``Ref``), so the loader resolves and checks every link without a list of link fields kept by
hand; client-facing text is marked ``ClientText`` and student text ``StudentText``, which the
reading-grade test and the level toggle find through the same marker (``walk``).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool,
                      StrictInt, ValidationInfo, field_validator)

from .names import bidi_problem, name_problem, normal

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RESERVED_IDS = {"index"}  # the index page of each kind folder
MAX_TEXT = 5000   # characters in one text field (the longest shipped field is about 1,100)
MAX_NAME = 200    # a title, alias, term or person's name


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the id of an entry of ``kind`` (``None``: any kind, as ``kind/id``)."""
    kind: Optional[str]


def parse_any_ref(value: str) -> tuple[str, str]:
    """``(kind, id)`` of a ``kind/id`` reference."""
    kind, _, entry_id = value.partition("/")
    return kind, entry_id


def ref_target(marker: Ref, value: str) -> tuple[str, str]:
    """The ``(kind, id)`` a field marked ``marker`` points to."""
    return parse_any_ref(value) if marker.kind is None else (marker.kind, value)


@dataclass(frozen=True)
class Audience:
    who: str


@dataclass(frozen=True)
class Closed:
    """Marks a field whose values come from one closed list of the vocabulary."""
    list_name: str


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
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"write a date as YYYY-MM-DD (YAML read {value!r} as a number)")
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")


def _https(value: str) -> str:
    if len(value) > 2000 or not re.fullmatch(r"https://[^\s/$.?#][^\s<>\"'`\\]*", value):
        raise ValueError("must be a full https:// address")
    return value


def relative_path(value: str) -> str:
    """A path inside the clinic's folder, as the clinic writes it: no address, no absolute path
    (whether it exists and stays inside is checked against the folder: ``clinic.check_image``)."""
    if "\\" in value or value.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
        raise ValueError(f"'{value}' must be a path relative to the clinic's folder, not an "
                         "address or an absolute path")
    return value


IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".svg")


def _image_path(value: str) -> str:
    relative_path(value)
    if not value.lower().endswith(IMAGE_TYPES):
        raise ValueError(f"'{value}' is not a PNG, JPEG, WebP or SVG image")
    return value


def _vocabulary(info: ValidationInfo):
    vocabulary = (info.context or {}).get("vocabulary")
    if vocabulary is None:
        raise RuntimeError("entries are validated with the site's vocabulary in the context")
    return vocabulary


def closed(list_name: str):
    """A key of the vocabulary's ``list_name``."""
    def check(value: str, info: ValidationInfo) -> str:
        allowed = getattr(_vocabulary(info), list_name)
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of: " + ", ".join(repr(k) for k in allowed))
        return value
    return Annotated[str, Closed(list_name), AfterValidator(check)]


def _pressure(value: int, info: ValidationInfo) -> int:
    scale = _vocabulary(info).pressure
    if value not in scale:
        raise ValueError(f"{value} is not on the pressure scale ({min(scale)} to {max(scale)})")
    return value


Text = Annotated[str, AfterValidator(_text)]
Name = Annotated[str, AfterValidator(_name)]
ClientText = Annotated[str, AfterValidator(_text), Audience("client")]
StudentText = Annotated[str, AfterValidator(_text), Audience("student")]
# Short factual text every reader sees (a tool's name, who issues a licence): a translation may
# give it in its language, or the English shows.
SharedText = Annotated[str, AfterValidator(_text), Audience("any")]
Slug = Annotated[str, Field(pattern=SLUG, max_length=80)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
ImagePath = Annotated[str, AfterValidator(_text), AfterValidator(_image_path)]  # in the clinic's folder
Pressure = Annotated[StrictInt, Closed("pressure"), AfterValidator(_pressure)]
Grade = closed("evidence_grades")
Region = closed("body_regions")


def ref(kind: str | None):
    return Annotated[str, Field(pattern=SLUG if kind else r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$"),
                     Ref(kind)]


class Strict(BaseModel):
    # A plain number where the model wants text is read as the text it was written as: the YAML
    # reader only types short decimal integers, whose text and value agree.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              coerce_numbers_to_str=True)


class Review(Strict):
    """One review of an entry or a page: when, by whom (a named role or person) and what was
    checked. ``by`` is empty only for reviews written before reviewers were recorded."""
    on: Date
    by: Optional[Name] = None
    checked: tuple[closed("review_checks"), ...] = ()
    note: Optional[Text] = None

    @field_validator("on")
    @classmethod
    def _not_in_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today") or dt.date.today()
        if value > today:
            raise ValueError(f"{value} is in the future; give the date the entry was last reviewed")
        return value


class Entry(Strict):
    """Fields every entry has. ``id`` is the file name; it may be repeated in the file.
    ``reviews`` lists the entry's reviews; the loader reads a plain ``last_reviewed: DATE`` (the
    older form) as one review whose reviewer and checks were not recorded."""
    id: Slug
    title: Name
    aliases: tuple[Name, ...] = ()
    reviews: tuple[Review, ...] = Field(min_length=1)
    sources: tuple[ref("source"), ...] = ()
    replaces: StrictBool = Field(False, description="In a clinic overlay: this entry replaces the "
                                 "shipped entry with the same id on purpose.")

    @property
    def last_review(self) -> Review:
        return max(self.reviews, key=lambda r: r.on)

    @property
    def last_reviewed(self) -> dt.date:
        return self.last_review.on

    @field_validator("aliases")
    @classmethod
    def _distinct_aliases(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        title = normal(info.data.get("title", ""))
        seen = set()
        for alias in value:
            if normal(alias) == title:
                raise ValueError(f"alias '{alias}' is the title again")
            if normal(alias) in seen:
                raise ValueError(f"alias '{alias}' is given twice")
            seen.add(normal(alias))
        return value

    @property
    def kind(self) -> str:
        from ..kinds import kind_of_model  # the registry names each model's kind
        return kind_of_model(type(self))


class Safety(Strict):
    kind: closed("safety_kinds")
    text: ClientText


def distinct(attribute: str, message: str):
    """A validator for a tuple of nested models: no two share ``attribute`` (``message`` names
    the value with ``{}``)."""
    def check(items):
        seen = set()
        for item in items:
            key = getattr(item, attribute)
            if key in seen:
                raise ValueError(message.format(key))
            seen.add(key)
        return items
    return check


def walk(obj: Any, marker_type: type, path: tuple = ()) -> Iterator[tuple[tuple, Any, Any]]:
    """Yield ``(field path, marker, value)`` for every field of ``obj`` marked with ``marker_type``,
    descending into nested models and tuples. Works for ``Ref``, ``Audience`` and ``Closed``."""
    if not isinstance(obj, BaseModel):
        return
    for name, marker in marked_fields(type(obj), marker_type):
        value = getattr(obj, name)
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            here = path + ((name, i) if isinstance(value, tuple) else (name,))
            if marker is not None and isinstance(item, (str, int)) and not isinstance(item, bool):
                yield here, marker, item
            elif isinstance(item, BaseModel):
                yield from walk(item, marker_type, here)


@functools.cache
def marked_fields(model: type[BaseModel], marker_type: type) -> tuple[tuple[str, Any], ...]:
    """Each field of a model with its marker of ``marker_type`` (or None), looked up once per
    model: ``walk`` runs for every entry at load and again for every page."""
    return tuple((name, next((m for m in _markers(info) if isinstance(m, marker_type)), None))
                 for name, info in model.model_fields.items())


def _markers(info) -> list:
    """Markers on a field, including those on the items of a tuple or optional field."""
    found = list(info.metadata)
    for arg in getattr(info.annotation, "__args__", ()) or ():
        found.extend(getattr(arg, "__metadata__", ()))
        for inner in getattr(arg, "__args__", ()) or ():
            found.extend(getattr(inner, "__metadata__", ()))
    return found
