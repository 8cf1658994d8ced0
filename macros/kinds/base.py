"""What every entry kind provides, and the shapes it fills in (index tables).

A kind is one module in this package holding everything specific to it: its model, its page's
context, its index table and filters, its search fields and boost, its structured data, whether
it prints and goes in a patient packet, and its one-line summary. Pages, indexes, search, export,
structured data and packets ask the kind; none of them branches on a kind's name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..kb.fields import Entry


@dataclass(frozen=True)
class Column:
    label: str
    sort: str = "text"  # or "number"


@dataclass(frozen=True)
class Cell:
    text: Any
    href: str | None = None
    sort: Any = None


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    options: list[tuple[str, str]]


@dataclass
class Table:
    """An index table: each row's facets are ``data-`` attributes (space-separated tokens) that
    ``kb-filters.js`` filters on; without JavaScript the whole table shows."""
    caption: str
    columns: list[Column]
    filters: list[Filter]
    rows: list[dict] = field(default_factory=list)

    def add(self, facets: dict[str, str], cells: list[Cell], row_id: str = "") -> None:
        self.rows.append({"data": facets, "cells": cells, "id": row_id})


class Kind:
    """The default behaviour; each kind's module overrides what differs."""
    name: ClassVar[str]
    folder: ClassVar[str]
    model: ClassVar[type[Entry]]
    boost: ClassVar[float] = 1.0          # how it ranks in search
    printable: ClassVar[bool] = False     # its page prints (print layout, QR) and it goes in packets
    handout: ClassVar[bool] = False       # a PDF handout per entry (make handouts)
    clinic_only: ClassVar[bool] = False   # only a clinic's own data may hold it
    citation: ClassVar[bool] = False      # a link to it backs a claim: hiding it is an error
                                          # while shipped entries cite it (never a silent drop)
    index_template: ClassVar[str] = "index.html.j2"
    az: ClassVar[bool] = False            # its index is long: an A–Z bar jumps to each letter
    intro: ClassVar[str] = ""             # the opening line of its index page
    schema_type: ClassVar[str] = "Thing"  # schema.org type of what the page is about
    templates: ClassVar[Path | None] = None  # a folder of its own templates (default: the shipped ones)

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"

    def summary(self, entry: Entry) -> str:
        """One line about the entry: the page description, list items, the search lead."""
        return entry.summary

    def lead(self, entry: Entry, vocab) -> list[str]:
        """The text that opens the page, for the search index."""
        return [self.summary(entry)]

    def student_lead(self, entry: Entry, vocab) -> list[str]:
        """The student-level text of the page, for its own search entry (none by default)."""
        return []

    student_anchor: ClassVar[str] = "for-students"

    def tags(self, entry: Entry, vocab) -> list[str]:
        """The page's tags: its kind, then what the kind adds."""
        return [vocab.kinds[self.name].singular]

    def context(self, entry: Entry, page) -> dict:
        """What the kind's template needs beyond the entry itself (``page`` is the page being
        rendered: its knowledge base, vocabulary and link helpers)."""
        return {}

    def index_context(self, entries: list[Entry], page) -> dict:
        return {}

    def order(self, entries: list[Entry]) -> list[Entry]:
        """The order of the index page (entries arrive sorted by title)."""
        return entries

    def table(self, entries: list[Entry], page) -> Table | None:
        return None

    def checks(self, across) -> list:
        """Problems with the kind's entries that only show across entries (a ``knowledge.Across``
        gives every loaded entry, the links and today)."""
        return []

    def about(self, entry: Entry, kb) -> dict:
        """The ``about`` of the page's schema.org ``MedicalWebPage``."""
        about: dict = {"@type": self.schema_type, "name": entry.title}
        if entry.aliases:
            about["alternateName"] = list(entry.aliases)
        return about


def pairs(mapping) -> list[tuple[str, str]]:
    """``(key, label)`` options for a filter, from a closed list of the vocabulary."""
    return [(str(k), getattr(val, "label", val)) for k, val in mapping.items()]
