"""A site: which data layers it reads, its vocabulary, its clinic settings (if any), and its
knowledge base.

The shipped site is a folder with ``data/`` and ``content/``. A clinic site is a folder with a
``clinic.yml`` naming the shipped site it builds on (``base``), plus its own ``data/`` and
``content/``. Nothing here imports MkDocs: another site engine can call ``load`` the same way.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Optional

from .. import kinds
from . import knowledge, reviews, translations, vocabulary
from .clinic import CLINIC_FILE, Clinic, check_paths, check_sections, read_clinic
from .knowledge import KnowledgeBase
from .problems import DataError, Problem, display_path


@dataclass(frozen=True)
class Site:
    folder: Path
    layers: tuple[Path, ...]
    clinic: Optional[Clinic]
    kb: KnowledgeBase
    signoffs: Mapping = field(default_factory=dict)   # a clinic's sign-offs by entry key
    translations: translations.Translations = field(default_factory=translations.Translations)


def load(folder: Path, today: dt.date | None = None) -> Site:
    """Read the site in ``folder``: its layers, clinic settings and validated knowledge base."""
    folder = Path(folder).resolve()
    clinic, lines = read_clinic(folder)
    shown = display_path(folder / CLINIC_FILE)
    problems: list[Problem] = []
    if clinic is None:
        layers = (folder,)
    else:
        problems = check_paths(clinic, folder, shown, lines)
        if any(p.field == "base" for p in problems):
            raise DataError(problems)  # without the shipped site there is no data to check
        problems += check_sections(clinic, folder, shown, lines)
        layers = ((folder / clinic.base).resolve(), folder)
    try:
        vocab = vocabulary.load(layers[0])
        problems += vocabulary.check_kinds(vocab, kinds.KINDS)
        kb = knowledge.assemble(list(layers), vocab, today=today,
                             hidden={k: list(ids) for k, ids in clinic.hide.items()} if clinic else None,
                             hidden_file=shown, hidden_lines=lines)
    except DataError as exc:
        raise DataError(problems + exc.problems) from None
    if problems:
        raise DataError(problems)
    hidden = frozenset((k, i) for k, ids in clinic.hide.items() for i in ids) if clinic else frozenset()
    found, notes = translations.load(layers, kb, kinds.by_folder(), hidden=hidden)
    if any(not p.warning for p in notes):
        raise DataError(notes)
    kb = replace(kb, warnings=tuple(sorted((*kb.warnings, *notes))))
    signoffs = reviews.read_signoffs(folder, kb) if clinic is not None else {}
    return Site(folder, layers, clinic, kb, signoffs, found)
