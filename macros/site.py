"""A site: which data layers it reads, its clinic settings (if any), and its knowledge base.

The shipped site is a folder with ``data/`` and ``content/``. A clinic site is a folder with a
``clinic.yml`` naming the shipped site it builds on (``base``), plus its own ``data/`` and
``content/``. Nothing here imports MkDocs: another site engine can call ``load`` the same way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from pydantic import Field, ValidationError

from . import knowledge
from .knowledge import KnowledgeBase
from .models import HttpsUrl, Strict, Text
from .problems import DataError, Problem, display_path
from .yamlsource import field_path, line_of, read_mapping

CLINIC_FILE = "clinic.yml"


class Colors(Strict):
    primary: str = Field("#1f5f8b", pattern=r"^#[0-9a-fA-F]{6}$")
    accent: str = Field("#0f766e", pattern=r"^#[0-9a-fA-F]{6}$")


class Clinic(Strict):
    """A clinic's branding and choices, from its ``clinic.yml``."""
    base: Text = Field(description="path from the clinic folder to the shipped site")
    name: Text
    tagline: Optional[Text] = None
    logo: Optional[Text] = None
    colors: Colors = Colors()
    address: Text
    phone: Text
    email: Optional[Text] = None
    booking_url: Optional[HttpsUrl] = None
    hours: tuple[Text, ...] = ()
    disclaimer: Text
    hide: dict[str, tuple[str, ...]] = Field({}, description="entries to leave out, by kind")
    hide_sections: tuple[Text, ...] = Field((), description="navigation sections to leave out, by title")
    pages: tuple[dict[str, str], ...] = Field((), description="the clinic's own pages for the "
                                              "navigation, as {title: path}")


@dataclass(frozen=True)
class Site:
    folder: Path
    layers: tuple[Path, ...]
    clinic: Optional[Clinic]
    kb: KnowledgeBase


def read_clinic(folder: Path) -> Optional[Clinic]:
    path = folder / CLINIC_FILE
    if not path.exists():
        return None
    shown = display_path(path)
    data, lines, problems = read_mapping(path, shown)
    if problems:
        raise DataError(problems)
    try:
        return Clinic.model_validate(data)
    except ValidationError as exc:
        raise DataError([Problem(shown, line_of(lines, tuple(e["loc"])), field_path(tuple(e["loc"])),
                                 e["msg"]) for e in exc.errors(include_url=False)]) from None


def load(folder: Path, today: dt.date | None = None) -> Site:
    """Read the site in ``folder``: its layers, clinic settings and validated knowledge base."""
    folder = Path(folder).resolve()
    clinic = read_clinic(folder)
    if clinic is None:
        layers = (folder,)
    else:
        base = (folder / clinic.base).resolve()
        if not (base / "data").is_dir():
            raise DataError([Problem(display_path(folder / CLINIC_FILE), 1, "base",
                                     f"'{clinic.base}' has no data folder; point it at the "
                                     "shipped knowledge base")])
        layers = (base, folder)
    kb = knowledge.build(list(layers), today=today,
                         hidden={k: list(ids) for k, ids in clinic.hide.items()} if clinic else None,
                         hidden_file=display_path(folder / CLINIC_FILE))
    return Site(folder, layers, clinic, kb)
