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
from ..kb.names import WORD
from ..render.escape import search_text
from ..render.i18n import _


STUDENT_BOOST = 0.6  # below every client entry: a reader searching plain words wants those first


def misspelled(title: str, vocab) -> list[str]:
    """The common misspellings of the words of a title (Material's search has no typo tolerance)."""
    words = set(WORD.findall(title.casefold()))
    return [wrong for right, wrongs in vocab.misspellings.items() if right in words for wrong in wrongs]


def document(entry: Entry, location: str, vocab) -> dict:
    kind = kinds.get(entry.kind)
    lead = [text for text in kind.lead(entry, vocab) if text]
    if entry.aliases:
        lead.insert(0, _("Also known as:") + " " + ", ".join(entry.aliases))
    tags = (*kind.tags(entry, vocab), *entry.aliases, *misspelled(entry.title, vocab))
    return {"location": location, "title": search_text(entry.title),
            "text": " ".join(f"<p>{search_text(text)}</p>" for text in lead),
            "tags": [search_text(tag) for tag in tags], "boost": kind.boost}


def documents(entry: Entry, location: str, vocab) -> list[dict]:
    """The entry's search entries: its page, and its section for students where it has one
    (titled so a reader sees which level was found)."""
    found = [document(entry, location, vocab)]
    kind = kinds.get(entry.kind)
    student = [text for text in kind.student_lead(entry, vocab) if text]
    if student:
        found.append({"location": f"{location}#{kind.student_anchor}",
                      "title": search_text(_("%(title)s: for students", title=entry.title)),
                      "text": " ".join(f"<p>{search_text(text)}</p>" for text in student),
                      "tags": [_("For students")], "boost": STUDENT_BOOST})
    return found


def add_to_index(index_file: Path, documents: list[dict]) -> None:
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"].extend(documents)
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
