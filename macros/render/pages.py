"""Every generated page: one per entry, one index per kind, and the pages computed from the data
(evidence matrix, body regions).

Each page is rendered here to finished HTML (autoescaped templates), with its title, metadata and
headings beside it. The site engine gets the HTML as it is: no generated page passes through
Markdown or a template engine of the site's, whatever its text, so text from the data cannot
become markup, a macro or a broken front matter. What differs between kinds comes from the kind
(``macros/kinds``); lookups, sorting and grouping happen in Python, templates only lay out.
"""
from __future__ import annotations

import datetime as dt
import functools

from markupsafe import Markup, escape

from .. import kinds
from ..kb import icd10cm
from ..kb.fields import Entry
from ..kb.knowledge import Key, KnowledgeBase, related
from ..kb.reviews import due, next_review
from . import body_map, urls
from .escape import json_script
from .i18n import _
from .jinja import render_html, use_templates
from .tools import Edition, GeneratedPage, PageReview, Tools, az_letters


GRID_MAX = 40  # techniques: the widest evidence grid a reader can still scan


class Pages:
    def __init__(self, kb: KnowledgeBase, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False, qr=None, history=None,
                 signoffs=None, clinic_name: str = "", today=None, edition=None, letterhead=None,
                 public_directory_urls: bool | None = None):
        self.kb, self.site_name, self.directory_urls = kb, site_name, directory_urls
        self.edition = edition or Edition()
        # How the public site's addresses look: an offline (kiosk) build links its own pages as
        # .html files, but its QR codes open the site online.
        self.public_directory_urls = (directory_urls if public_directory_urls is None
                                      else public_directory_urls)
        self.site_url, self.handouts, self.qr = site_url, handouts, qr
        self.history, self.signoffs, self.clinic_name = history or {}, signoffs or {}, clinic_name
        self.today = today or dt.date.today()
        self.letterhead = letterhead  # who a packet is from (``packet.Letterhead``)
        self._links: dict[tuple, Markup] = {}
        self._qr: dict[str, Markup] = {}
        for kind in kinds.KINDS.values():
            if kind.templates is not None:
                use_templates(kind.templates)

    def link(self, from_page: str, entry: Entry, anchor: str = "") -> Markup:
        """A link to an entry. Memoised per build: pages in one folder link to the same entries
        thousands of times in a large knowledge base."""
        here = urls.page_url(from_page, self.directory_urls)
        key = (here.rpartition("/")[0], entry.kind, entry.id, anchor)  # the URL's folder
        found = self._links.get(key)
        if found is None:
            target = urls.html_link(from_page, urls.entry_page(entry.kind, entry.id),
                                    self.directory_urls, anchor)
            lang = ' lang="en"' if self.edition.in_english((entry.kind, entry.id)) else ""
            found = self._links[key] = Markup(f'<a href="{escape(target)}"{lang}>{escape(entry.title)}</a>')
        return found

    def canonical_url(self, src: str) -> str:
        return self.site_url.rstrip("/") + "/" + urls.page_url(src, self.public_directory_urls)

    def qr_code(self, url: str) -> Markup:
        """The QR code of an address, made once per build: an entry's page and its part of the
        packet page print the same one."""
        found = self._qr.get(url)
        if found is None:
            found = self._qr[url] = Markup(self.qr(url)) if self.qr is not None else Markup("")
        return found

    def _page(self, src: str, template: str, tools: Tools, meta: dict, **context) -> GeneratedPage:
        html = render_html(template, t=tools, vocab=tools.vocab, **context)
        if tools.fallback:  # an entry not yet translated: its text is English, and says so
            html = Markup('<div lang="en">') + html + Markup("</div>")
        title = meta.get("title") or (tools.headings[0].text if tools.headings else "")
        return GeneratedPage(src, title, html, meta, tuple(tools.headings))

    # -- the whole set ------------------------------------------------------------------------
    def all(self) -> list[GeneratedPage]:
        out = [self.entry_page(entry) for entry in self.kb.entries.values()]
        out.extend(self.index_page(name) for name, kind in kinds.KINDS.items()
                   if self.kb.of_kind(name) or (kind.clinic_only and self.clinic_name))
        out.append(self.evidence_page())
        out.append(self.regions_index())
        out.extend(self.region_page(r) for r in self.kb.vocabulary.body_regions)
        out.append(self.review_page())
        out.append(self.open_data_page())
        out.extend(self.code_page(code) for code in self.codes)
        from . import packet  # it builds on this module's tools
        out.append(packet.page(self, self.letterhead or packet.letterhead(self.site_name, None, "")))
        return out

    @functools.cached_property
    def codes(self) -> dict[str, list[Entry]]:
        """Each ICD-10-CM code with a page, and the conditions it leads to (``kb/icd10cm``)."""
        return icd10cm.code_pages(self.kb.of_kind("condition"), self.kb.vocabulary.icd10cm)

    # -- entry pages --------------------------------------------------------------------------
    def entry_page(self, entry: Entry) -> GeneratedPage:
        kind = kinds.get(entry.kind)
        src = urls.entry_page(kind.name, entry.id)
        tools = Tools(self, src, entry)
        key = (kind.name, entry.id)
        words = self.kb.vocabulary.kinds[kind.name]
        context = dict(
            e=entry, kind_label=words.singular, kind_plural=words.label,
            handout=(urls.file_link(src, f"handouts/{entry.id}.pdf", self.directory_urls)
                     if self.handouts and kind.handout else None),
            index=tools.page_link(urls.index_page(kind.name), words.label),
            backlinks=self._backlinks(key), related=related(self.kb, key),
            regions=list(getattr(entry, "body_regions", ())), review=self.review(entry),
            **kind.context(entry, tools))
        return self._page(src, kind.template, tools, self._meta(entry, kind), **context)

    def review(self, entry: Entry) -> PageReview:
        key = (entry.kind, entry.id)
        checks = self.kb.vocabulary.review_checks
        return PageReview(entry.last_review, next_review(entry, self.kb.vocabulary),
                          [checks[c].label.lower() for c in entry.last_review.checked],
                          self.signoffs.get(key), self.clinic_name,
                          tuple(self.history.get(self.kb.paths.get(key), ())))

    def _backlinks(self, key: Key) -> list[tuple[str, list[Entry]]]:
        """Entries that link here, by kind; those the page already lists (it links to them too)
        and sources (listed under Sources) are left out, so no list shows twice."""
        groups: dict[str, list[Entry]] = {}
        listed = set(self.kb.forward.get(key, ()))
        for entry in self.kb.backlinks(key):
            if entry.kind != "source" and (entry.kind, entry.id) not in listed:
                groups.setdefault(self.kb.vocabulary.kinds[entry.kind].label, []).append(entry)
        return list(groups.items())

    def _meta(self, entry: Entry, kind) -> dict:
        meta = {
            "title": entry.title,
            "description": " ".join(kind.summary(entry).split())[:300],
            "tags": kind.tags(entry, self.kb.vocabulary),
            "search": {"exclude": True},  # indexed from the data: see outputs/search.py
            "kb_kind": kind.name,
            "kb_reviewed": entry.last_reviewed.isoformat(),
            "kb_next_review": next_review(entry, self.kb.vocabulary).isoformat(),
            "jsonld": json_script(self._structured(entry, kind)),
        }
        if kind.printable and self.site_url and self.qr is not None:
            meta["kb_url"] = self.canonical_url(urls.entry_page(kind.name, entry.id))
            meta["kb_qr"] = self.qr_code(meta["kb_url"])
        return meta

    def _structured(self, entry: Entry, kind) -> dict:
        return {
            "@context": "https://schema.org", "@type": "MedicalWebPage",
            "name": entry.title, "lastReviewed": entry.last_reviewed.isoformat(),
            "inLanguage": "en" if self.edition.in_english((entry.kind, entry.id)) else self.edition.language,
            "reviewedBy": {"@type": "Organization", "name": (
                f"{entry.last_review.by}, {self.site_name}" if entry.last_review.by else self.site_name)},
            "about": kind.about(entry, self.kb),
        }

    # -- index pages --------------------------------------------------------------------------
    def index_page(self, name: str) -> GeneratedPage:
        kind = kinds.get(name)
        src = urls.index_page(name)
        tools = Tools(self, src)
        words = self.kb.vocabulary.kinds[name]
        entries = kind.order(self.kb.of_kind(name))
        table = kind.table(entries, tools)
        letters = az_letters(entries) if kind.az else {}
        if table is not None and letters:
            for row, entry in zip(table.rows, entries):
                row["id"] = letters.get(entry.id, "")
        context = dict(kind=name, title=words.label, entries=entries, intro=_(kind.intro) if kind.intro else "",
                       letters=list(dict.fromkeys(letters.values())), anchors=letters,
                       table=tools.table(table) if table else "",
                       **kind.index_context(entries, tools))
        meta = {"title": words.label, "description": _("All %(kind)s in the knowledge base.", kind=words.label.lower()),
                "kb_kind": f"{name}-index"}
        structured = getattr(kind, "index_structured_data", None)
        if structured:
            meta["jsonld"] = json_script(structured(entries))
        return self._page(src, kind.index_template, tools, meta, **context)

    # -- pages computed across kinds ------------------------------------------------------------
    def evidence_page(self) -> GeneratedPage:
        """The condition x technique matrix. A grid stays readable up to ``GRID_MAX`` techniques;
        past that (a school's knowledge base of hundreds) each condition row lists its techniques
        under their grade instead, so the page grows with the evidence rows, not with
        conditions x techniques."""
        src = urls.EVIDENCE_PAGE
        tools = Tools(self, src)
        conditions = self.kb.of_kind("condition")
        used = {r.technique for c in conditions for r in c.evidence}
        techniques = [t for t in self.kb.of_kind("technique") if t.id in used]
        meta = {"title": _("Evidence map"), "kb_kind": "evidence", "hide": ["navigation", "toc"],
                "description": _("How strong the research is for each technique and condition.")}
        by_grade = [(c, [(grade, [self.kb.get("technique", r.technique) for r in c.evidence
                                  if r.grade == grade]) for grade in tools.vocab.evidence_grades])
                    for c in conditions]
        if len(techniques) <= GRID_MAX:
            grades = [{r.technique: r.grade for r in c.evidence} for c in conditions]
            avoid = {t.id: " ".join(r.context for r in t.contexts if r.ruling == "avoid")
                     for t in techniques}
            table = render_html("evidence_table.html.j2", t=tools, techniques=techniques,
                                vocab=tools.vocab, avoid=avoid, by_grade=by_grade,
                                contexts=self.kb.of_kind("context"),
                                cells=[(c, [(t, g.get(t.id)) for t in techniques])
                                       for c, g in zip(conditions, grades)])
        else:
            table = render_html("evidence_by_grade.html.j2", t=tools, rows=by_grade, vocab=tools.vocab)
        return self._page(src, "evidence.html.j2", tools, meta, table=table)

    def open_data_page(self) -> GeneratedPage:
        """What the open-data export holds: a file per kind, its schema, the ICD-10-CM codes that
        lead to pages, the licence."""
        tools = Tools(self, urls.OPEN_DATA_PAGE)

        def links(name: str) -> dict[str, str]:
            return {fmt: urls.file_link(urls.OPEN_DATA_PAGE, path, self.directory_urls)
                    for fmt, path in (("JSON", f"api/{name}.json"), ("CSV", f"api/{name}.csv"),
                                      ("JSON Schema", f"api/schema/{name}.schema.json"))}
        files = [(self.kb.vocabulary.kinds[kind].label, len(self.kb.of_kind(kind)), links(kind))
                 for kind in kinds.KINDS if self.kb.of_kind(kind)]
        billable = [c for c in self.codes if not self.kb.vocabulary.icd10cm.is_category(c)]
        example = max(billable, key=lambda c: len(self.codes[c]), default=None)  # a shared one
        meta = {"title": _("Open data"), "kb_kind": "open-data",
                "description": _("The whole knowledge base as JSON and CSV, with a JSON Schema per kind.")}
        return self._page(urls.OPEN_DATA_PAGE, "open_data.html.j2", tools, meta, files=files,
                          everything=urls.file_link(urls.OPEN_DATA_PAGE, "api/all.json", self.directory_urls),
                          codes=links("codes") if self.codes else {},
                          origins_example='"origins": ["per-henrik-ling"]',
                          example=tools.page_link(urls.code_page(example), f"code/{example}/")
                          if example else "")

    def review_page(self) -> GeneratedPage:
        """The editors' dashboard: what is due for review (kept out of the navigation and search)."""
        tools = Tools(self, urls.REVIEW_PAGE)
        meta = {"title": _("Review dashboard"), "kb_kind": "review", "search": {"exclude": True},
                "description": _("What is due for review, for the site's editors.")}
        return self._page(urls.REVIEW_PAGE, "review.html.j2", tools, meta, today=self.today,
                          due=due(self.kb, self.today, self.signoffs))

    def code_page(self, code: str) -> GeneratedPage:
        """Where a diagnosis code from a health record leads: the condition pages for an ICD-10-CM
        code, or for every code under a category. A real page with links, not a redirect, so it
        works from a file too; kept out of search and the navigation, listed in the sitemap."""
        src = urls.code_page(code)
        tools = Tools(self, src)
        code_list = self.kb.vocabulary.icd10cm
        rows = [(c, [x for x in c.codes if x == code or icd10cm.falls_under(x, code)])
                for c in self.codes[code]]
        meta = {"title": f"{icd10cm.SYSTEM} {code}", "kb_kind": "code", "search": {"exclude": True},
                "description": f"Pages on this site for the {icd10cm.SYSTEM} code {code}."}
        return self._page(src, "code.html.j2", tools, meta, code=code, system=icd10cm.SYSTEM,
                          category=code_list.is_category(code), title=code_list.codes.get(code),
                          rows=rows, above=icd10cm.above(code, self.codes),
                          code_list=self.kb.get("source", code_list.source))

    def regions_index(self) -> GeneratedPage:
        tools = Tools(self, urls.REGIONS_INDEX)
        regions = [(tools.page_link(urls.region_page(r), label),
                    len(self._in_region("technique", r)), len(self._in_region("condition", r)))
                   for r, label in self.kb.vocabulary.body_regions.items()]
        meta = {"title": _("Body regions"), "kb_kind": "regions",
                "description": _("Techniques and conditions by part of the body.")}
        figure = body_map.svg(self.kb.vocabulary.body_regions,
                              lambda region: tools.url(urls.region_page(region)))
        return self._page(urls.REGIONS_INDEX, "regions_index.html.j2", tools, meta, regions=regions,
                          body_map=figure)

    def _in_region(self, kind: str, region: str) -> list[Entry]:
        return [e for e in self.kb.of_kind(kind) if region in e.body_regions]

    def region_page(self, region: str) -> GeneratedPage:
        src = urls.region_page(region)
        tools = Tools(self, src)
        label = self.kb.vocabulary.body_regions[region]
        meta = {"title": label, "kb_kind": "region", "tags": [label],
                "description": _("Massage techniques and conditions of the %(region)s.", region=label.lower())}
        conditions = self._in_region("condition", region)
        own = self._in_region("technique", region)
        graded = {r.technique for c in conditions for r in c.evidence}
        whole_body = [t for t in self.kb.of_kind("technique")
                      if t.id in graded and t not in own and "whole-body" in t.body_regions]
        return self._page(src, "region.html.j2", tools, meta, label=label, techniques=own,
                          whole_body=whole_body, conditions=conditions)
