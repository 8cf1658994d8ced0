"""A clinic's settings (``clinic.yml``): its branding, contact details and choices.

``clinic.yml`` is data, like an entry: every path in it must stay inside the clinic's folder and
exist (``base`` excepted, which must be a knowledge base other than the clinic itself), the logo
is a local image served from the site, and every choice that names something (an entry to hide,
a navigation section) must name something that exists.
"""
from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, Field, ValidationError, field_validator

from .. import kinds
from .fields import SLUG, HttpsUrl, ImagePath, Name, Strict, Text, relative_path
from .loader import explain
from .problems import DataError, Problem, display_path
from .siteconfig import nav_sections
from .yamlsource import YamlProblem, inside, line_of, read_bytes, read_mapping

CLINIC_FILE = "clinic.yml"
LOGO_TARGET = "assets/clinic-logo"  # the logo is copied into the site under this name
IMAGE_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff",
               ".webp": b"RIFF", ".svg": None}
MAX_IMAGE_BYTES = 1024 * 1024
ALL = "all"  # ``hide: {history: all}``: every shipped entry of the kind


class Colors(Strict):
    primary: str = Field("#1f5f8b", pattern=r"^#[0-9a-fA-F]{6}$")
    accent: str = Field("#0f766e", pattern=r"^#[0-9a-fA-F]{6}$")


def _page(page: dict) -> dict:
    if len(page) != 1:
        raise ValueError("each page is one 'Title: path.md' pair")
    for path in page.values():
        relative_path(path)
        if not path.endswith(".md"):
            raise ValueError(f"'{path}' must be a Markdown page (.md) in content/")
    return page


PageLink = Annotated[dict[Name, Text], AfterValidator(_page)]


class Clinic(Strict):
    """A clinic's branding and choices, from its ``clinic.yml``. Each field shows somewhere (the
    README's "Clinic edition" says where): the name and logo in the header, the contact details
    and disclaimer at the foot of every page, the tagline on the home page and, with the rest,
    on every printed page; ``hide``, ``hide_sections`` and ``pages`` shape the site."""
    base: Text = Field(description="path from the clinic folder to the shipped site")
    name: Name
    tagline: Optional[Text] = None
    logo: Optional[ImagePath] = Field(None, description="an image in the clinic's folder (PNG, "
                                      "JPEG, WebP or SVG), relative to clinic.yml")
    colors: Colors = Colors()
    address: Text
    phone: Name
    email: Optional[Name] = None
    booking_url: Optional[HttpsUrl] = None
    hours: tuple[Text, ...] = ()
    disclaimer: Text
    hide: dict[str, Union[Literal["all"], tuple[str, ...]]] = Field(
        {}, description="shipped entries to leave out, by kind: a list of ids, or 'all'")
    hide_sections: tuple[Name, ...] = Field((), description="navigation sections to leave out, by title")
    pages: tuple[PageLink, ...] = Field((), description="the clinic's own pages for the "
                                                "navigation, as {title: path in content/}")

    @field_validator("hide", mode="before")
    @classmethod
    def _hide_ids(cls, value):
        if not isinstance(value, dict):
            return value
        for kind, ids in value.items():
            if ids == ALL:
                continue
            if not isinstance(ids, list):
                raise ValueError(f"'{ids}' under {kind}: give a list of ids, e.g. {kind}: "
                                 f"[some-id], or '{ALL}' to hide every shipped {kind} entry")
            for entry_id in ids:
                if not isinstance(entry_id, str) or not re.fullmatch(SLUG, entry_id):
                    raise ValueError(f"'{entry_id}' (under {kind}) is not an entry id")
        return value


def read_clinic(folder: Path) -> tuple[Optional[Clinic], dict]:
    """The clinic's settings and the line of each of its fields (``None`` on the shipped site)."""
    path = folder / CLINIC_FILE
    if not path.exists() and not path.is_symlink():
        return None, {}
    shown = display_path(path)
    data, lines, problems = read_mapping(path, shown, folder)
    if problems:
        raise DataError(problems)
    try:
        clinic = Clinic.model_validate(data)
    except ValidationError as exc:
        raise DataError(explain(exc, shown, lines, Clinic)) from None
    return clinic, lines


def check_paths(clinic: Clinic, folder: Path, shown: str, lines: dict) -> list[Problem]:
    """Paths in ``clinic.yml`` that leave the clinic's folder, are missing, or are not what
    they claim to be."""
    problems = []
    base = folder / clinic.base
    if not (base / "data").is_dir():
        problems.append(Problem(shown, line_of(lines, ("base",)), "base",
                                f"'{clinic.base}' has no data folder; point it at the shipped "
                                "knowledge base"))
    elif os.path.realpath(base) == os.path.realpath(folder):
        problems.append(Problem(shown, line_of(lines, ("base",)), "base",
                                "points at the clinic's own folder; point it at the shipped site"))
    if clinic.logo:
        problems.extend(check_image(folder, clinic.logo, shown, line_of(lines, ("logo",)), "logo"))
    for i, page in enumerate(clinic.pages):
        for title, rel in page.items():
            where = (shown, line_of(lines, ("pages", i)), f"pages[{i}]")
            target = folder / "content" / rel
            if not inside(target, folder / "content"):
                problems.append(Problem(*where, f"'{rel}' is outside the clinic's content/ folder"))
            elif not (target.is_file() or (base / "content" / rel).is_file()
                      or kinds.is_generated(rel)):
                problems.append(Problem(*where, f"there is no page '{rel}' in content/, in the "
                                        "shipped pages or among the pages made from the data"))
    return problems


_SVG_FORBIDDEN = re.compile(r"<!DOCTYPE|<!ENTITY|<script|<foreignObject|\son\w+\s*=|javascript:"
                            r"|(?:href|src)\s*=\s*[\"'](?!#)", re.I)


def check_image(folder: Path, rel: str, shown: str, line: int, field: str) -> list[Problem]:
    """A logo or photo: a plain image file inside the clinic's folder, served from the site."""
    path = folder / rel
    where = (shown, line, field)
    if not inside(path, folder):
        return [Problem(*where, f"'{rel}' is outside the clinic's folder")]
    if not path.is_file():
        return [Problem(*where, f"there is no image at '{rel}' (the path is relative to "
                        "clinic.yml)")]
    try:
        raw = read_bytes(path, folder, MAX_IMAGE_BYTES)
    except YamlProblem as exc:
        return [Problem(*where, exc.message.replace("an entry", "an image"))]
    suffix = path.suffix.lower()
    magic = IMAGE_MAGIC[suffix]
    if magic is not None and not raw.startswith(magic):
        return [Problem(*where, f"'{rel}' is not a {suffix[1:].upper()} image")]
    if suffix == ".svg":
        text = raw.decode("utf-8", "replace")
        if "<svg" not in text or _SVG_FORBIDDEN.search(text):
            return [Problem(*where, f"'{rel}' is an SVG with scripts, links or embedded content; "
                            "export a plain SVG, or use a PNG")]
    return []


def check_sections(clinic: Clinic, folder: Path, shown: str, lines: dict) -> list[Problem]:
    sections = nav_sections(folder)
    if sections is None:
        return []
    problems = []
    for i, title in enumerate(clinic.hide_sections):
        if title not in sections:
            guess = difflib.get_close_matches(title, sections, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else f"; the sections are: {', '.join(sections)}"
            problems.append(Problem(shown, line_of(lines, ("hide_sections", i)),
                                    f"hide_sections[{i}]", f"there is no section '{title}'{hint}"))
    return problems




# ---- clinic.yml in another language: data/translations/<lang>/clinic.yml -----------------------

CLINIC_TEXT = ("name", "tagline", "hours", "disclaimer", "pages")  # what a translation may hold


class ClinicText(Strict):
    """The text of ``clinic.yml`` in another language (each field optional: the English shows
    where one is left out). Facts (address, phone, logo, colours, hiding...) stay in clinic.yml."""
    name: Optional[Name] = None
    tagline: Optional[Text] = None
    hours: Optional[tuple[Text, ...]] = None
    disclaimer: Optional[Text] = None
    pages: Optional[tuple[PageLink, ...]] = None


def check_translation(clinic: Optional[Clinic], data: dict, lines: dict,
                      shown: str) -> tuple[Optional[dict], list[Problem]]:
    """A translation of ``clinic.yml`` checked against it: only its text, only the fields it has,
    lists of the same length, ``pages`` with the same paths in the same order. Returns the
    fields to put over the English ones (None where there are problems) and the problems."""
    if clinic is None:
        return None, [Problem(shown, 1, "", "a translation of clinic.yml belongs in a clinic's "
                              "folder (data/translations/<lang>/clinic.yml beside its clinic.yml)")]
    problems: list[Problem] = []
    for key in list(data):
        if key in CLINIC_TEXT:
            continue
        if key in Clinic.model_fields:
            why = (f"'{key}' is a fact, not text: facts stay in clinic.yml (a translation holds only "
                   f"{', '.join(CLINIC_TEXT)})")
        else:
            guess = difflib.get_close_matches(str(key), CLINIC_TEXT, n=1)
            why = f"unknown field '{key}'" + (f" (did you mean '{guess[0]}'?)" if guess else
                                              f"; a translation holds only {', '.join(CLINIC_TEXT)}")
        problems.append(Problem(shown, line_of(lines, (key,)), str(key), why))
    try:
        text = ClinicText.model_validate({k: v for k, v in data.items() if k in CLINIC_TEXT})
    except ValidationError as exc:
        return None, problems + explain(exc, shown, lines, ClinicText)
    for key in CLINIC_TEXT:
        given, english = getattr(text, key), getattr(clinic, key)
        if given is None:
            continue
        where = (shown, line_of(lines, (key,)), key)
        if english in (None, ()):
            problems.append(Problem(*where, f"clinic.yml has no {key}: there is nothing to translate"))
        elif isinstance(english, tuple) and len(given) != len(english):
            problems.append(Problem(*where, f"must be a list of {len(english)}, as in clinic.yml"))
        elif key == "pages":
            for i, (en, item) in enumerate(zip(english, given)):
                if list(en.values()) != list(item.values()):
                    problems.append(Problem(shown, line_of(lines, ("pages", i)), f"pages[{i}]",
                                            f"'{next(iter(item.values()))}' where clinic.yml has "
                                            f"'{next(iter(en.values()))}': keep the same pages in "
                                            "the same order, and translate only their titles"))
    if problems:
        return None, problems
    return {k: getattr(text, k) for k in CLINIC_TEXT if getattr(text, k) is not None}, []


def localized(clinic: Optional[Clinic], text: Optional[dict]) -> Optional[Clinic]:
    """The clinic with its text in another language where a translation gives it."""
    if clinic is None or not text:
        return clinic
    return clinic.model_copy(update=text)
