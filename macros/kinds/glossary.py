"""Glossary: words used on the site, in plain language; each shows as a tooltip wherever it
appears (``outputs/tooltips.py``)."""
from __future__ import annotations

from typing import Optional

from pydantic import field_validator

from ..kb.fields import ClientText, Entry, StudentText, ref
from ..kb.names import clashes
from .base import Kind


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


class GlossaryKind(Kind):
    name, folder, model = "glossary", "glossary", Glossary
    index_template = "glossary_index.html.j2"
    az = True

    def summary(self, entry):
        return entry.definition

    def context(self, e, page):
        return dict(see_also=page.any_entries(e.see_also))

    def checks(self, across):
        """A term must be words, and no two entries may claim one word (NFKC, case-folded)."""
        items = {item.entry.id: item for item in across.of_kind(self.name)}
        found = []
        for entry, name, message in clashes([item.entry for item in items.values()]):
            path = ("title",) if name == entry.title else ("aliases", entry.aliases.index(name))
            found.append(across.problem(items[entry.id], path, message))
        return found


KIND = GlossaryKind()
