"""What a page's template works with: ``Tools`` (links, headings, citations and tables from one
page's point of view), and the records a rendered page carries (``GeneratedPage``, its headings,
its review line, the edition it is in)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from markupsafe import Markup, escape

from .. import kinds
from ..kb.fields import Entry, Ref, walk
from ..kb.knowledge import parse_any_ref
from . import urls
from .escape import slugify
from .i18n import _
from .jinja import render_html

if TYPE_CHECKING:
    from .pages import Pages


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class PageReview:
    """What a page says about its reviews (see ``kb/reviews``)."""
    last: object
    next_due: object
    checked: list[str]
    signoff: object = None
    clinic: str = ""
    history: tuple = ()


@dataclass(frozen=True)
class Edition:
    """The language a build writes in, and which entries show in English there (no translation
    yet) or in a translation older than the English (stale)."""
    language: str = "en"
    english: frozenset = frozenset()
    stale: frozenset = frozenset()
    about: object = None          # who translated (kb.translations.About)
    english_vocabulary: object = None   # the English labels, for the parts that stay in English

    def in_english(self, key) -> bool:
        return self.language != "en" and key in self.english


@dataclass(frozen=True)
class GeneratedPage:
    """A page ready for any site engine: ``html`` is the finished body, ``meta`` holds plain
    values (the adapter escapes them for its own templates), ``headings`` make the table of
    contents."""
    src: str
    title: str
    html: Markup
    meta: dict
    headings: tuple[Heading, ...] = ()


def az_letters(entries) -> dict[str, str]:
    """``entry id -> anchor`` for the first entry under each letter (accents folded: "É" is E),
    for an A–Z bar; digits and signs go under "#"."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    for entry in entries:
        first = unicodedata.normalize("NFKD", entry.title.lstrip("\"'“‘([")[:1]).encode("ascii", "ignore")
        letter = first.decode().upper() if first and first.decode().isalpha() else "#"
        if letter not in seen:
            seen.add(letter)
            found[entry.id] = f"letter-{letter.lower() if letter != '#' else 'other'}"
    return found


class Tools:
    """What a template (and a kind's context) uses while one page is rendered: links relative to
    the page, headings (kept for the table of contents), citation numbers and grade badges. Each
    returns Markup whose text parts are escaped."""

    def __init__(self, pages: "Pages", src: str, entry: Entry | None = None):
        self.pages, self.src = pages, src
        self.kb, self.vocab = pages.kb, pages.kb.vocabulary
        self.exclude_sections = entry is not None  # entry pages are indexed from the data
        self.headings: list[Heading] = []
        self._ids: set[str] = set()
        self.citations: list[str] = []
        self.printed: set[str] = set()  # sources cited in the parts of the page that print
        # An entry with student text gets the reading-level switch (kb-level.js).
        self.levels = entry is not None and any(kinds.KINDS[entry.kind].student_lead(entry, self.vocab))
        edition = pages.edition
        key = (entry.kind, entry.id) if entry is not None else None
        self.language = edition.language
        self.fallback = key is not None and edition.in_english(key)   # the whole page in English
        self.stale = key in edition.stale
        self.translated_by = edition.about if edition.language != "en" and not self.fallback else None
        # Text a translation leaves in English (student detail, facts as written) on a page in
        # another language: marked so screen readers and translators know.
        self.english = Markup(' lang="en"') if edition.language != "en" and not self.fallback else Markup("")
        self.own_language = Markup(f' lang="{edition.language}"') if self.english else Markup("")
        self.en_vocab = edition.english_vocabulary or self.vocab
        if entry is not None:
            for _path, marker, value in walk(entry, Ref):
                if marker.kind == "source" and value not in self.citations:
                    self.citations.append(value)

    # -- headings and links -------------------------------------------------------------------
    def heading(self, level: int, text: str, anchor: str | None = None) -> Markup:
        text = text.unescape() if isinstance(text, Markup) else text  # a translated word: plain text
        anchor = anchor or slugify(text) or "section"
        base, n = anchor, 0
        while anchor in self._ids:
            n += 1
            anchor = f"{base}_{n}"
        self._ids.add(anchor)
        self.headings.append(Heading(level, anchor, text))
        marker = " data-search-exclude" if self.exclude_sections and level > 1 else ""
        return Markup(f'<h{level}{marker} id="{anchor}">{escape(text)}<a class="headerlink" '
                      f'href="#{anchor}" title="{escape(_("Permanent link"))}">&para;</a></h{level}>')

    def link(self, entry: Entry, anchor: str = "") -> Markup:
        return self.pages.link(self.src, entry, anchor)

    def links(self, entries: Iterable[Entry]) -> Markup:
        """Links to entries, joined with commas."""
        return self.join(self.link(e) for e in entries)

    @staticmethod
    def join(parts: Iterable) -> Markup:
        return Markup(", ").join(parts)

    def anchor_link(self, anchor: str, text: str) -> Markup:
        """A link to a part of this page."""
        return Markup(f'<a href="#{escape(anchor)}">{escape(text)}</a>')

    def page_link(self, page: str, title: str, anchor: str = "") -> Markup:
        return Markup(f'<a href="{escape(self.url(page, anchor))}">{escape(title)}</a>')

    @staticmethod
    def index_of(entry: Entry) -> str:
        return urls.index_page(entry.kind)

    def code_links(self, codes: Iterable[str]) -> Markup:
        """Links to the pages of ICD-10-CM codes (each code is its own link text)."""
        return self.join(self.page_link(urls.code_page(code), code) for code in codes)

    def region_links(self, regions: Iterable[str]) -> Markup:
        return self.join(self.page_link(urls.region_page(r), self.vocab.body_regions[r])
                         for r in regions)

    def url(self, page: str, anchor: str = "") -> str:
        return urls.html_link(self.src, page, self.pages.directory_urls, anchor)

    def file_url(self, site_file: str) -> str:
        """A link to a file the build writes or copies (a PDF, a photo)."""
        return urls.file_link(self.src, site_file, self.pages.directory_urls)

    def entry_url(self, entry: Entry, anchor: str = "") -> str:
        return self.url(urls.entry_page(entry.kind, entry.id), anchor)

    def table(self, table) -> Markup:
        """A filterable table a kind built (``kinds.base.Table``), with its filter form."""
        return render_html("table.html.j2", table=table)

    def external(self, url: str, label: str | None = None) -> Markup:
        """A link to another site (addresses are validated as https by the models)."""
        return Markup(f'<a href="{escape(url)}">{escape(label or url)}</a>')

    # -- entries --------------------------------------------------------------------------------
    def entries(self, kind: str, ids: Iterable[str]) -> list[Entry]:
        return [self.kb.get(kind, i) for i in ids]

    def any_entries(self, refs: Iterable[str]) -> list[Entry]:
        """Entries named as ``kind/id`` (the glossary's and FAQ's links to any kind)."""
        return [self.kb.entries[parse_any_ref(r)] for r in refs]

    def summary(self, entry: Entry) -> str:
        return kinds.get(entry.kind).summary(entry)

    # -- evidence -------------------------------------------------------------------------------
    def cite(self, ids: Iterable[str], screen: bool = False) -> Markup:
        """Citation marks linking to the page's numbered reference list. A source first cited
        here (a condition's row shown on a technique page) joins the end of the list. ``screen``:
        the marks stand in a part of the page that does not print, so a printed page lists only
        the sources its printed parts cite."""
        marks = []
        for source_id in ids:
            if not screen:
                self.printed.add(source_id)
            if source_id not in self.citations:
                self.citations.append(source_id)
            n = self.citations.index(source_id) + 1
            marks.append(f'<a href="#ref-{n}">[{n}]</a>')
        return Markup(" " + " ".join(marks) if marks else "")

    def grade(self, grade: str) -> Markup:
        spec = self.vocab.evidence_grades[grade]
        return Markup(f'<span class="kb-grade kb-grade--{grade}" title="{escape(spec.meaning)}">'
                      f'{escape(spec.label)}</span>')

    def sources(self) -> list[Entry]:
        return [self.kb.get("source", i) for i in self.citations]
