"""The registry of entry kinds: one module per kind, in the order pages, indexes, search and the
export list them. Adding a kind is adding its module here (see the README's "Adding a kind")."""
from __future__ import annotations

import re

from ..kb.icd10cm import CODE
from .base import Kind
from . import condition, context, credential, faq, glossary, history, source, technique, therapist, therapy

KINDS: dict[str, Kind] = {module.KIND.name: module.KIND for module in (
    technique, condition, therapy, history, credential, source, glossary, faq, context, therapist)}
_BY_MODEL = {kind.model: kind.name for kind in KINDS.values()}


def register(kind: Kind) -> None:
    """Add a kind (a new module's ``KIND``); the README's "Adding a kind" says what else it needs."""
    KINDS[kind.name] = kind
    _BY_MODEL[kind.model] = kind.name


def unregister(name: str) -> None:
    _BY_MODEL.pop(KINDS.pop(name).model, None)


def get(name: str) -> Kind:
    return KINDS[name]


def kind_of_model(model: type) -> str:
    return _BY_MODEL[model]


def page_path(kind: str, entry_id: str = "index") -> str:
    """Where the page of an entry lives; without an id, the kind's index page."""
    return f"{KINDS[kind].folder}/{entry_id}.md"


def by_folder() -> dict[str, str]:
    return {kind.folder: name for name, kind in KINDS.items()}


def models() -> dict[str, type]:
    return {name: kind.model for name, kind in KINDS.items()}


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Pages made from the data that belong to no kind: their folder, and how their names are written.
GENERATED_FOLDERS = {"regions": _SLUG, "code": CODE}
GENERATED_PAGES = {"evidence.md", "review.md", "open-data.md", "packet.md"}


def is_generated(page: str) -> bool:
    """Whether ``page`` is where a page made from the data lives (an index, an entry, a region,
    an ICD-10-CM code, the evidence matrix); the entry itself may or may not exist."""
    if page in GENERATED_PAGES:
        return True
    folder, _, name = page.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    pattern = _SLUG if folder in by_folder() else GENERATED_FOLDERS.get(folder)
    return bool(pattern and dot and suffix == "md" and pattern.fullmatch(stem))
