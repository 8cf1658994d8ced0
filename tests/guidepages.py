"""The hand-written guide pages of one language, and the words a reader reads on them."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT

CONTENT = ROOT / "content"
TRANSLATED = ("es",)    # content/<language>/ holds a translated edition's pages


def content_pages(language: str = "en"):
    """(path, title, aliases, body) of every hand-written page in ``language``."""
    folder = CONTENT if language == "en" else CONTENT / language
    for path in sorted(folder.rglob("*.md")):
        if language == "en" and path.relative_to(CONTENT).parts[0] in TRANSLATED:
            continue
        text = path.read_text(encoding="utf-8")
        meta, body = {}, text
        if text.startswith("---\n"):
            _, front, body = text.split("---\n", 2)
            meta = yaml.safe_load(front) or {}
        h1 = re.search(r"^# (.+)$", body, re.MULTILINE)
        title = meta.get("title") or (h1.group(1) if h1 else path.stem)
        yield path, title, list(meta.get("aliases", [])), body


def prose(markdown: str) -> str:
    """The words a reader reads: no macros, tables' pipes, link targets or markup. A list item
    or table cell with no full stop of its own ends a sentence, as a reader takes it."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{\s*#[^}]*\}", "", text)
    text = re.sub(r"^\s*\|?[-| :]+\|?\s*$", "", text, flags=re.M)
    text = re.sub(r"^(\s*(?:[-*]|\d+\.|#+|\|)\s.*?[^.!?:\s])\s*$", r"\1.", text, flags=re.M)
    return re.sub(r"[#*_>|\[\]`]|!!! \w+", " ", text)
