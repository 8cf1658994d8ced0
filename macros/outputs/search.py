"""Search-index entries for the generated entry pages, written from the data.

A reader finds an entry by its title, its aliases and the opening text of its page; indexing the
rest (evidence tables, safety lists, sources) would make the index as large as the site. Those
fields are known here (each kind's ``lead``), so entry pages are left out of the search plugin
(``search: exclude`` in their metadata) and their entries are added to the finished index instead.
That also spares the plugin re-parsing every entry page's HTML, about 2 s of a 2,000-entry build.

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

from .. import kinds
from ..kb.fields import Entry
from ..render.escape import search_text


def document(entry: Entry, location: str, vocab) -> dict:
    kind = kinds.get(entry.kind)
    lead = [text for text in kind.lead(entry, vocab) if text]
    if entry.aliases:
        lead.insert(0, "Also known as: " + ", ".join(entry.aliases))
    return {"location": location, "title": search_text(entry.title),
            "text": " ".join(f"<p>{search_text(text)}</p>" for text in lead),
            "tags": [search_text(tag) for tag in (*kind.tags(entry, vocab), *entry.aliases)],
            "boost": kind.boost}


def add_to_index(index_file: Path, documents: list[dict]) -> None:
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"].extend(documents)
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
