"""Search-index entries for the generated entry pages, written from the data.

A reader finds an entry by its title, its aliases and the opening text of its page; indexing the
rest (evidence tables, safety lists, sources) would make the index as large as the site. Those
fields are known here, so entry pages are left out of the search plugin (``search: exclude`` in
their front matter) and their entries are added to the finished index instead. That also spares
the plugin re-parsing every entry page's HTML, about 2 s of a 2,000-entry build.

The templates still mark every section past the opening with ``data-search-exclude``, so a plain
search plugin indexing the pages (the benchmark's plain MkDocs baseline, or another engine's
adapter) finds the same text. The entries have the shape of Material's own: ``title``, ``text`` and
``tags`` are escaped HTML (Material's results insert all three as HTML, so an alias like
``<img onerror=...>`` must arrive as text); Material ranks ``tags`` highest, so an alias ("NMT")
lists its entry first.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .escape import search_text
from .models import Entry
from .pages import year_label

# How entry pages rank in search: what a reader most likely looks for first.
BOOST = {"technique": 3, "condition": 3, "therapy": 2, "credential": 2, "faq": 1.5,
         "glossary": 1, "therapist": 1, "history": 0.75, "source": 0.5}

# The fields that open each kind's page, in page order (a history entry's date line is added).
LEAD = {"condition": ("summary", "bottom_line"), "technique": ("summary",), "therapy": ("summary",),
        "history": ("summary",), "credential": ("summary",), "source": ("authors", "venue"),
        "glossary": ("definition",), "faq": ("answer",), "therapist": ("bio",)}


def _lead(entry: Entry) -> list[str]:
    lead = [getattr(entry, name) for name in LEAD[entry.kind]]
    if entry.kind == "history":
        lead.insert(0, " · ".join([year_label(entry.when), entry.place, *entry.people]))
    if entry.aliases:
        lead.insert(0, "Also known as: " + ", ".join(entry.aliases))
    return [text for text in lead if text]


def document(entry: Entry, location: str, tags: Iterable[str]) -> dict:
    return {"location": location, "title": search_text(entry.title),
            "text": " ".join(f"<p>{search_text(text)}</p>" for text in _lead(entry)),
            "tags": [search_text(tag) for tag in (*tags, *entry.aliases)], "boost": BOOST[entry.kind]}


def add_to_index(index_file: Path, documents: list[dict]) -> None:
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"].extend(documents)
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
