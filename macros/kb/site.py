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
from . import handwritten, hiding, knowledge, reviews, translations, vocabulary
from .clinic import CLINIC_FILE, Clinic, check_paths, check_sections, read_clinic
from .siteconfig import mkdocs_setting
from .knowledge import KnowledgeBase
from .problems import DataError, Problem, display_path
from .yamlsource import line_of


@dataclass(frozen=True)
class Site:
    folder: Path
    layers: tuple[Path, ...]
    clinic: Optional[Clinic]
    kb: KnowledgeBase
    signoffs: Mapping = field(default_factory=dict)   # a clinic's sign-offs by entry key
    translations: translations.Translations = field(default_factory=translations.Translations)
    pages: tuple[handwritten.Page, ...] = ()          # the hand-written pages a build includes
    notices: tuple[Problem, ...] = ()                 # what to look at; nothing stops a build


def load(folder: Path, today: dt.date | None = None) -> Site:
    """Read the site in ``folder``: its layers, clinic settings, validated knowledge base,
    hand-written pages, and the notices of all of them."""
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
                                hide=dict(clinic.hide) if clinic else None, hide_file=shown,
                                hide_lines=lines)
    except DataError as exc:
        raise DataError(problems + exc.problems) from None
    site_pages = handwritten.pages(layers, folder)
    problems += handwritten.check(site_pages, kb)
    if clinic is not None:
        problems += _hidden_nav_pages(clinic, kb, shown, lines)
    found, notes = translations.load(layers, kb, kinds.by_folder(), clinic=clinic)
    problems += notes
    if any(not p.warning for p in problems):
        raise DataError(problems)
    kb = replace(kb, warnings=tuple(sorted((*kb.warnings, *notes))))
    signoffs = reviews.read_signoffs(folder, kb) if clinic is not None else {}
    notices = [*kb.warnings, *(p for p in problems if p.warning and p not in notes),
               *_nav_notices(folder, kb), *reviews.notices(kb, today or dt.date.today(), signoffs)]
    return Site(folder, layers, clinic, kb, signoffs, found, site_pages, tuple(sorted(notices)))


def _hidden_nav_pages(clinic: Clinic, kb: KnowledgeBase, shown: str, lines: dict) -> list[Problem]:
    """The clinic's own navigation may not list a page hiding leaves out."""
    hidden = kb.hidden_pages()
    return [Problem(shown, line_of(lines, ("pages", i)), f"pages[{i}]", f"'{rel}' is not built: "
                    "this clinic hides it; take it out of pages, or stop hiding it")
            for i, page in enumerate(clinic.pages) for rel in page.values() if rel in hidden]


def _nav_notices(folder: Path, kb: KnowledgeBase) -> list[Problem]:
    """A notice for each item of the shipped navigation that hiding takes out."""
    nav, config = mkdocs_setting(folder, "nav")
    if not isinstance(nav, list) or not kb.hidden:
        return []
    _, gone = hiding.without_pages(nav, kb.hidden_pages())
    text = config.read_text(encoding="utf-8").splitlines()
    return [Problem(display_path(config), next((n for n, line in enumerate(text, 1) if page in line), 1),
                    "nav", f"'{title}' ({page}) left out of the navigation: its page is hidden",
                    True, hiding.TOPIC) for title, page in gone]
