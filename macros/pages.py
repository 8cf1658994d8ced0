"""Every generated page: one per entry, one index per kind, and the pages computed from the data
(evidence matrix, timeline, body regions).

Each page is rendered here to finished HTML (autoescaped templates), with its title, metadata and
headings beside it. The site engine gets the HTML as it is: no generated page passes through
Markdown or a template engine of the site's, whatever its text, so text from the data cannot
become markup, a macro or a broken front matter. Lookups, sorting and grouping happen here;
templates only lay out what they are given.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from markupsafe import Markup, escape

from . import indexes, qr, urls
from . import vocabulary as v
from .escape import json_script
from .knowledge import Key, KnowledgeBase, parse_any_ref, related
from .models import Entry, Ref, walk
from .render import render_html


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


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


def page_tags(entry: Entry) -> list[str]:
    """The Material tags of an entry's page: its kind, setting and body regions."""
    tags = [v.KINDS[entry.kind]["singular"]]
    if getattr(entry, "setting", None):
        tags.append(v.SETTINGS[entry.setting])
    return tags + [v.BODY_REGIONS[r] for r in getattr(entry, "body_regions", ())]


def year_label(when) -> str:
    def one(year: int) -> str:
        return f"{-year} BCE" if year < 0 else (f"{year} CE" if year < 1000 else str(year))
    text = one(when.year)
    if when.end_year is not None:
        end = one(when.end_year)
        if when.year < 0 < when.end_year or when.year > 0:
            text = f"{one(when.year)}–{end}"
        else:
            text = f"{-when.year}–{-when.end_year} BCE"
    return ("c. " if when.approximate else "") + text


def slugify(text: str) -> str:
    """A heading's id, as Python-Markdown's ``toc`` makes it (ASCII, lower case, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()
    return re.sub(r"[-\s]+", "-", ascii_text)


class Tools:
    """Helpers a template uses while one page is rendered: links relative to the page, headings
    (kept for the table of contents), citation numbers and grade badges. Each returns Markup
    whose text parts are escaped."""

    def __init__(self, pages: "Pages", src: str, entry: Entry | None = None):
        self.pages, self.src = pages, src
        self.exclude_sections = entry is not None  # entry pages are indexed from the data
        self.headings: list[Heading] = []
        self._ids: set[str] = set()
        self.citations: list[str] = []
        if entry is not None:
            for _, marker, value in walk(entry, Ref):
                if marker.kind == "source" and value not in self.citations:
                    self.citations.append(value)

    def heading(self, level: int, text: str, anchor: str | None = None) -> Markup:
        anchor = anchor or slugify(text) or "section"
        base, n = anchor, 0
        while anchor in self._ids:
            n += 1
            anchor = f"{base}_{n}"
        self._ids.add(anchor)
        self.headings.append(Heading(level, anchor, text))
        marker = " data-search-exclude" if self.exclude_sections and level > 1 else ""
        return Markup(f'<h{level}{marker} id="{anchor}">{escape(text)}<a class="headerlink" '
                      f'href="#{anchor}" title="Permanent link">&para;</a></h{level}>')

    def link(self, entry: Entry, anchor: str = "") -> Markup:
        return self.pages.link(self.src, entry, anchor)

    def links(self, entries: Iterable[Entry]) -> Markup:
        """Links to entries, joined with commas."""
        return Markup(", ").join(self.link(e) for e in entries)

    def join(self, parts: Iterable) -> Markup:
        return Markup(", ").join(parts)

    def page_link(self, page: str, title: str, anchor: str = "") -> Markup:
        return Markup(f'<a href="{escape(self.url(page, anchor))}">{escape(title)}</a>')

    def url(self, page: str, anchor: str = "") -> str:
        return urls.html_link(self.src, page, self.pages.directory_urls, anchor)

    def entry_url(self, entry: Entry, anchor: str = "") -> str:
        return self.url(urls.entry_page(entry.kind, entry.id), anchor)

    def cite(self, ids: Iterable[str]) -> Markup:
        """Citation marks linking to the page's numbered reference list. A source first cited
        here (a condition's row shown on a technique page) joins the end of the list."""
        marks = []
        for source_id in ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
            n = self.citations.index(source_id) + 1
            marks.append(f'<a href="#ref-{n}">[{n}]</a>')
        return Markup(" " + " ".join(marks) if marks else "")

    def external(self, url: str) -> Markup:
        """A link to another site (addresses are validated as https by the models)."""
        return Markup(f'<a href="{escape(url)}">{escape(url)}</a>')

    def grade(self, grade: str) -> Markup:
        spec = v.EVIDENCE_GRADES[grade]
        return Markup(f'<span class="kb-grade kb-grade--{grade}" title="{escape(spec["meaning"])}">'
                      f'{escape(spec["label"])}</span>')

    def sources(self) -> list[Entry]:
        return [self.pages.kb.get("source", i) for i in self.citations]


PRINTABLE = ("condition", "technique")  # pages that print as patient handouts
GRID_MAX = 40  # techniques: the widest evidence grid a reader can still scan


class Pages:
    def __init__(self, kb: KnowledgeBase, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False):
        self.kb, self.site_name, self.directory_urls = kb, site_name, directory_urls
        self.site_url, self.handouts = site_url, handouts
        self._links: dict[tuple, Markup] = {}

    def link(self, from_page: str, entry: Entry, anchor: str = "") -> Markup:
        """A link to an entry. Memoised per build: pages in one folder link to the same entries
        thousands of times in a large knowledge base."""
        here = urls.page_url(from_page, self.directory_urls)
        key = (here.rpartition("/")[0], entry.kind, entry.id, anchor)  # the URL's folder
        found = self._links.get(key)
        if found is None:
            target = urls.html_link(from_page, urls.entry_page(entry.kind, entry.id),
                                    self.directory_urls, anchor)
            found = self._links[key] = Markup(f'<a href="{escape(target)}">{escape(entry.title)}</a>')
        return found

    def canonical_url(self, src: str) -> str:
        return self.site_url.rstrip("/") + "/" + urls.page_url(src, self.directory_urls)

    def _page(self, src: str, template: str, tools: Tools, meta: dict, **context) -> GeneratedPage:
        html = render_html(template, t=tools, vocab=v, **context)
        title = tools.headings[0].text if tools.headings else meta.get("title", "")
        return GeneratedPage(src, title, html, meta, tuple(tools.headings))

    # -- the whole set ------------------------------------------------------------------------
    def all(self) -> list[GeneratedPage]:
        out = [self.entry_page(entry) for entry in self.kb.entries.values()]
        for kind in v.KINDS:
            if self.kb.of_kind(kind):
                out.append(self.index_page(kind))
        out.append(self.evidence_page())
        out.append(self.regions_index())
        out.extend(self.region_page(r) for r in v.BODY_REGIONS)
        return out

    # -- entry pages --------------------------------------------------------------------------
    def entry_page(self, entry: Entry) -> GeneratedPage:
        kind = entry.kind
        src = urls.entry_page(kind, entry.id)
        tools = Tools(self, src, entry)
        key = (kind, entry.id)
        context = dict(
            e=entry, kind_label=v.KINDS[kind]["singular"], kind_plural=v.KINDS[kind]["label"],
            handout=(urls.file_link(src, f"handouts/{entry.id}.pdf", self.directory_urls)
                     if self.handouts and kind == "condition" else None),
            index=tools.page_link(urls.index_page(kind), v.KINDS[kind]["label"]),
            backlinks=self._backlinks(key), related=related(self.kb, key),
            regions=[tools.page_link(urls.region_page(r), v.BODY_REGIONS[r])
                     for r in getattr(entry, "body_regions", ())],
            **getattr(self, f"_{kind}_context")(entry, tools),
        )
        return self._page(src, f"{kind}.html.j2", tools, self._meta(entry), **context)

    def _backlinks(self, key: Key) -> list[tuple[str, list[Entry]]]:
        groups: dict[str, list[Entry]] = {}
        for entry in self.kb.backlinks(key):
            if entry.kind != "source":
                groups.setdefault(v.KINDS[entry.kind]["label"], []).append(entry)
        return list(groups.items())

    def _refs(self, kind: str, ids: Iterable[str]) -> list[Entry]:
        return [self.kb.get(kind, i) for i in ids]

    def _safety(self, items) -> list[tuple[str, list[str]]]:
        return [(label, [s.text for s in items if s.kind == kind])
                for kind, label in v.SAFETY_KINDS.items() if any(s.kind == kind for s in items)]

    def _technique_context(self, e, tools):
        used_for = []
        for condition in self.kb.backlinks(("technique", e.id), "condition"):
            row = next(r for r in condition.evidence if r.technique == e.id)
            used_for.append((condition, row))
        used_for.sort(key=lambda cr: (v.grade_rank(cr[1].grade), cr[0].title.casefold()))
        pressure = tuple(v.PRESSURE[p].split(" (")[0].lower() for p in (e.pressure.min, e.pressure.max))
        glance = [("Setting", f"{v.SETTINGS[e.setting]}: {e.setting_why}"),
                  ("Kind of technique", v.TECHNIQUE_CATEGORIES[e.category]),
                  ("Pressure", f"{e.pressure.min} to {e.pressure.max} on a 0–5 scale "
                               f"({pressure[0]} to {pressure[1]})"),
                  ("Typical length", e.duration),
                  ("Body regions", tools.join(tools.page_link(urls.region_page(r), v.BODY_REGIONS[r])
                                              for r in e.body_regions))]
        if e.tools:
            glance.append(("Tools", ", ".join(e.tools)))
        return dict(
            used_for=used_for, safety=self._safety(e.safety), glance=glance,
            origins=self._refs("history", e.origins),
            credentials=self._refs("credential", e.credentials),
            therapies=self._refs("therapy", e.therapies),
            therapists=self.kb.backlinks(("technique", e.id), "therapist"),
        )

    def _condition_context(self, e, tools):
        rows = sorted(e.evidence, key=lambda r: (v.grade_rank(r.grade),
                                                 self.kb.get("technique", r.technique).title))
        return dict(rows=[(self.kb.get("technique", r.technique), r) for r in rows],
                    therapies=self._refs("therapy", e.therapies))

    def _therapy_context(self, e, tools):
        return dict(safety=self._safety(e.safety),
                    delivered_by=self._refs("credential", e.delivered_by),
                    conditions=self._refs("condition", e.conditions),
                    techniques=self._refs("technique", e.techniques))

    def _history_context(self, e, tools):
        return dict(date=year_label(e.when), era=v.era_of(e.when.year)["label"],
                    techniques=self._refs("technique", e.techniques))

    def _credential_context(self, e, tools):
        glance = ([("Abbreviation", e.abbreviation)] if e.abbreviation else []) + [
            ("Kind", v.CREDENTIAL_KINDS[e.kind_of_credential]), ("Issued by", e.issuer),
            ("Where it applies", e.jurisdiction), ("Official page", tools.external(e.official_url))]
        return dict(glance=glance, techniques=self._refs("technique", e.techniques))

    def _source_context(self, e, tools):
        glance = [("Type", v.SOURCE_TYPES[e.source_type]),
                  ("Certainty", v.SOURCE_CERTAINTY[e.certainty])]
        if e.doi:
            glance.append(("DOI", tools.external("https://doi.org/" + e.doi)))
        if e.pmid:
            glance.append(("PubMed", tools.external(f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/")))
        if e.url:
            glance.append(("Web", tools.external(e.url)))
        return dict(glance=glance)

    def _any_refs(self, refs: Iterable[str]) -> list[Entry]:
        """Entries named as ``kind/id`` (the glossary's and FAQ's links to any kind)."""
        return [self.kb.entries[parse_any_ref(r)] for r in refs]

    def _glossary_context(self, e, tools):
        return dict(see_also=self._any_refs(e.see_also))

    def _faq_context(self, e, tools):
        return dict(related_entries=self._any_refs(e.related))

    def _therapist_context(self, e, tools):
        return dict(techniques=self._refs("technique", e.techniques),
                    conditions=self._refs("condition", e.conditions),
                    held=[(self.kb.get("credential", h.credential), h) for h in e.credentials_held])

    # -- metadata and structured data ---------------------------------------------------------
    def _meta(self, entry: Entry) -> dict:
        kind = entry.kind
        description = getattr(entry, "summary", None) or getattr(entry, "definition", None) \
            or getattr(entry, "answer", None) or getattr(entry, "finding", None) or entry.title
        meta = {
            "title": entry.title,
            "description": " ".join(description.split())[:300],
            "tags": page_tags(entry),
            "search": {"exclude": True},  # indexed from the data: see search.py
            "kb_kind": kind,
            "kb_reviewed": entry.last_reviewed.isoformat(),
            "jsonld": json_script(self._structured(entry)),
        }
        if kind in PRINTABLE and self.site_url:
            meta["kb_qr"] = Markup(qr.svg(self.canonical_url(urls.entry_page(kind, entry.id))))
        return meta

    def _structured(self, entry: Entry) -> dict:
        about: dict = {"@type": "Thing", "name": entry.title}
        if entry.aliases:
            about["alternateName"] = list(entry.aliases)
        if entry.kind in ("technique", "therapy"):
            about["@type"] = "MedicalTherapy"
            about["contraindication"] = [s.text for s in entry.safety if s.kind != "caution"]
        elif entry.kind == "condition":
            about["@type"] = "MedicalCondition"
            about["possibleTreatment"] = [
                {"@type": "MedicalTherapy", "name": self.kb.get("technique", r.technique).title}
                for r in entry.evidence if r.grade not in ("insufficient", "evidence-against")]
            about["signOrSymptom"] = [{"@type": "MedicalSignOrSymptom", "name": t}
                                      for t in entry.red_flags]
        return {
            "@context": "https://schema.org", "@type": "MedicalWebPage",
            "name": entry.title, "lastReviewed": entry.last_reviewed.isoformat(),
            "reviewedBy": {"@type": "Organization", "name": self.site_name},
            "about": about,
        }

    # -- index pages --------------------------------------------------------------------------
    INTROS = {
        "technique": "Each technique page says what it feels like, who should avoid it, and what "
                     "the research says. Use the filters to narrow the list; a link to this page "
                     "keeps the filters you chose.",
        "condition": "Each condition page starts with the bottom line, then what the research "
                     "says, safety and what to do at home. The grade is the best evidence found "
                     "for any technique.",
        "therapy": "Treatments that massage is often combined with, and what is known about each.",
        "credential": "Licenses, exams, certifications and memberships you may see after a "
                      "therapist's name, and what each one tells you.",
        "source": "Every study, review and official page this site cites. Certainty is how sure "
                  "the source's findings are.",
        "therapist": "The therapists of this clinic, their languages and the credentials they hold.",
    }

    def index_page(self, kind: str) -> GeneratedPage:
        src = urls.index_page(kind)
        tools = Tools(self, src)
        entries = self.kb.of_kind(kind)
        template = {"history": "timeline.html.j2", "faq": "faq_index.html.j2",
                    "glossary": "glossary_index.html.j2"}.get(kind, "index.html.j2")
        context = dict(kind=kind, spec=v.KINDS[kind], entries=entries,
                       intro=self.INTROS.get(kind, ""))
        if kind == "history":
            context["eras"] = self._eras(entries)
        if kind == "faq":
            entries = sorted(entries, key=lambda e: (e.order, e.title.casefold()))
            context["entries"] = entries
        table = indexes.build(kind, entries, self.kb, tools.entry_url)
        context["table"] = render_html("table.html.j2", **vars(table)) if table else ""
        meta = {"title": v.KINDS[kind]["label"],
                "description": f"All {v.KINDS[kind]['label'].lower()} in the knowledge base.",
                "kb_kind": f"{kind}-index"}
        if kind == "faq":
            meta["jsonld"] = json_script({
                "@context": "https://schema.org", "@type": "FAQPage",
                "mainEntity": [{"@type": "Question", "name": e.title,
                                "acceptedAnswer": {"@type": "Answer", "text": e.answer}}
                               for e in entries]})
        page = self._page(src, template, tools, meta, **context)
        return GeneratedPage(page.src, meta["title"], page.html, meta, page.headings)

    def _eras(self, entries):
        eras: dict[str, tuple[dict, list]] = {}
        for e in sorted(entries, key=lambda e: (e.when.year, e.title)):
            era = v.era_of(e.when.year)
            eras.setdefault(era["id"], (era, []))[1].append(
                (e, year_label(e.when), self._refs("technique", e.techniques)))
        return list(eras.values())

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
        meta = {"title": "Evidence matrix", "kb_kind": "evidence",
                "description": "How strong the research is for each technique and condition."}
        if len(techniques) <= GRID_MAX:
            grades = [{r.technique: r.grade for r in c.evidence} for c in conditions]
            table = render_html("evidence_table.html.j2", t=tools, techniques=techniques, vocab=v,
                                cells=[(c, [g.get(t.id) for t in techniques])
                                       for c, g in zip(conditions, grades)])
        else:
            rows = [(c, [(grade, [self.kb.get("technique", r.technique) for r in c.evidence
                                  if r.grade == grade]) for grade in v.EVIDENCE_GRADES])
                    for c in conditions]
            table = render_html("evidence_by_grade.html.j2", t=tools, rows=rows, vocab=v)
        return self._page(src, "evidence.html.j2", tools, meta, table=table)

    def regions_index(self) -> GeneratedPage:
        tools = Tools(self, urls.REGIONS_INDEX)
        regions = [(tools.page_link(urls.region_page(r), label),
                    len(self._in_region("technique", r)), len(self._in_region("condition", r)))
                   for r, label in v.BODY_REGIONS.items()]
        meta = {"title": "Body regions", "kb_kind": "regions",
                "description": "Techniques and conditions by part of the body."}
        return self._page(urls.REGIONS_INDEX, "regions_index.html.j2", tools, meta, regions=regions)

    def _in_region(self, kind: str, region: str) -> list[Entry]:
        return [e for e in self.kb.of_kind(kind) if region in e.body_regions]

    def region_page(self, region: str) -> GeneratedPage:
        src = urls.region_page(region)
        tools = Tools(self, src)
        label = v.BODY_REGIONS[region]
        meta = {"title": label, "kb_kind": "region", "tags": [label],
                "description": f"Massage techniques and conditions of the {label.lower()}."}
        return self._page(src, "region.html.j2", tools, meta, label=label,
                          techniques=self._in_region("technique", region),
                          conditions=self._in_region("condition", region))
