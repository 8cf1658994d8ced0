"""Macros for hand-written pages: link to entries by id, and list or tabulate entries by field.

Each macro returns Markdown with links relative to the page it is called from, so the site engine
checks them like any other link. Text from the data goes in through ``escape.markdown``: every
ASCII punctuation character becomes a character reference, so no data can spell Markdown or
HTML. An unknown id or field raises, which fails the build.

The macros know only the knowledge base, the clinic's settings and which page is being written
(``here``): mkdocs-macros registers them (``macros/__init__.py``), and ``python -m macros docs``
renders hand-written pages with the same macros for other site engines.
"""
from __future__ import annotations

from typing import Callable

from .. import kinds
from ..kb.fields import Entry
from ..kb.knowledge import KnowledgeBase, parse_any_ref
from . import urls
from .escape import markdown as md
from .i18n import _

NAMES = ("link", "index_link", "entry_list", "entry_table", "safety_digest",
         "setting_comparison", "count", "grade_table", "clinic", "cite", "sources", "body_map",
         "pressure_scale", "visit_check")


def table_head(*labels: str) -> str:
    """A Markdown table's header row and rule."""
    return "| " + " | ".join(md(x) for x in labels) + " |\n|" + "---|" * len(labels)


class PageMacros:
    def __init__(self, kb: KnowledgeBase, clinic, here: Callable[[], str], directory_urls: bool = True,
                 shipped: frozenset[str] = frozenset()):
        self.kb, self.vocab, self._clinic, self._here = kb, kb.vocabulary, clinic, here
        self.directory_urls = directory_urls
        self.shipped = shipped  # the shipped pages: their links to hidden entries show as text
        self._citations: dict[str, list[str]] = {}  # page -> source ids, in order of first citation

    @property
    def here(self) -> str:
        return self._here()

    def entry(self, ref: str) -> Entry:
        kind, entry_id = parse_any_ref(ref)
        if kind not in kinds.KINDS:
            raise ValueError(f"{self.here}: '{ref}' should be kind/id, e.g. technique/effleurage")
        if not self.kb.has(kind, entry_id):
            raise ValueError(f"{self.here}: link to unknown or hidden {kind} '{entry_id}'")
        return self.kb.get(kind, entry_id)

    def link(self, ref: str, text: str | None = None, anchor: str = "") -> str:
        """``{{ link("technique/effleurage") }}``: a link to an entry, titled by the entry. On a
        shipped page, a link to an entry the clinic hides is its title as plain text."""
        hidden = self.kb.hidden.get(parse_any_ref(ref))
        if hidden is not None and self.here in self.shipped:
            return md(text or hidden.title)
        e = self.entry(ref)
        target = urls.md_link(self.here, urls.entry_page(e.kind, e.id), anchor)
        return f"[{md(text or e.title)}]({target})"

    def index_link(self, kind: str, text: str | None = None) -> str:
        """``{{ index_link("condition") }}``: a link to a kind's index page (plain text on a
        shipped page when the clinic hides the whole kind)."""
        label = text or self.vocab.kinds[kind].label
        if kind in self.kb.hidden_kinds():
            if self.here in self.shipped:
                return md(label)
            raise ValueError(f"{self.here}: link to the index of {kind}, a kind this site hides")
        return f"[{md(label)}]({urls.md_link(self.here, urls.index_page(kind))})"

    def select(self, kind: str, **filters) -> list[Entry]:
        if kind not in kinds.KINDS:
            raise ValueError(f"{self.here}: unknown kind '{kind}'")
        found = []
        for e in self.kb.of_kind(kind):
            ok = True
            for name, wanted in filters.items():
                if name not in type(e).model_fields:
                    raise ValueError(f"{self.here}: {kind} entries have no field '{name}'")
                value = getattr(e, name)
                ok = ok and (wanted in value if isinstance(value, tuple) else value == wanted)
            if ok:
                found.append(e)
        return found

    def entry_list(self, kind: str, summary: bool = True, **filters) -> str:
        """A bullet list of entries of ``kind`` whose fields match ``filters``."""
        lines = []
        for e in self.select(kind, **filters):
            text = kinds.get(kind).summary(e) if summary else None
            lines.append(f"- {self.link(f'{kind}/{e.id}')}" + (f": {md(text)}" if text else ""))
        return "\n".join(lines) + "\n"

    def entry_table(self, kind: str, columns: tuple = ("summary",), **filters) -> str:
        """A table of entries of ``kind`` with the given fields as columns."""
        rows = [table_head(self.vocab.kinds[kind].singular,
                           *(_(c.replace("_", " ").capitalize()) for c in columns))]
        for e in self.select(kind, **filters):
            cells = [self.link(f"{kind}/{e.id}")] + [self._cell(e, c) for c in columns]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows) + "\n"

    def _cell(self, entry: Entry, field: str) -> str:
        if field not in type(entry).model_fields:
            raise ValueError(f"{self.here}: {entry.kind} entries have no field '{field}'")
        value = getattr(entry, field)
        labels = self._labels(type(entry), field)
        if isinstance(value, tuple):
            return md(", ".join(labels.get(x, str(x)) for x in value))
        if hasattr(value, "min") and hasattr(value, "max"):
            return f"{value.min}–{value.max}"
        return md(labels.get(value, value) if isinstance(value, str) else ("" if value is None else value))

    def _labels(self, model, field: str) -> dict[str, str]:
        """The labels of a closed-list field (tables show labels, never raw keys)."""
        from ..kb.fields import Closed, marked_fields
        marker = dict(marked_fields(model, Closed)).get(field)
        return self.vocab.labels(marker.list_name) if marker else {}

    def safety_digest(self) -> str:
        """Every technique's safety notes, grouped by how strict they are."""
        out = []
        for kind, label in self.vocab.safety_kinds.items():
            out.append(f"### {md(label)}\n")
            for e in self.kb.of_kind("technique"):
                texts = [s.text for s in e.safety if s.kind == kind]
                if texts:
                    out.append(f"- **{self.link(f'technique/{e.id}')}:** " + " ".join(md(t) for t in texts))
            out.append("")
        return "\n".join(out)

    def setting_comparison(self) -> str:
        """Techniques by setting (medical, spa, both) with their pressure ranges, from the data."""
        out = [table_head(_("Setting"), _("Techniques"), _("Pressure used (0–5)"))]
        for setting, label in self.vocab.settings.items():
            found = self.select("technique", setting=setting)
            if not found:
                continue
            low = min(e.pressure.min for e in found)
            high = max(e.pressure.max for e in found)
            links = ", ".join(self.link(f"technique/{e.id}") for e in found)
            out.append(f"| {md(label)} | {links} | {low}–{high} |")
        return "\n".join(out) + "\n"

    def count(self, kind: str) -> int:
        """``{{ count("faq") }}``: how many entries of a kind the site has."""
        return len(self.kb.of_kind(kind))

    def clinic(self, field: str) -> str:
        """``{{ clinic("name") }}``: a field of the clinic's settings, as text (empty on the
        shipped site)."""
        clinic = self._clinic
        if clinic is not None and field not in type(clinic).model_fields:
            raise ValueError(f"{self.here}: clinic.yml has no field '{field}'")
        value = getattr(clinic, field, None) if clinic is not None else None
        if isinstance(value, tuple):
            value = ", ".join(str(x) for x in value)
        return md(value) if value else ""

    def cite(self, *ids: str) -> str:
        """``{{ cite("lbp-furlan-2015") }}``: citation marks, numbered in the order the page first
        cites each source, linking to the page's list of sources (``{{ sources() }}``)."""
        cited = self._citations.setdefault(self.here, [])
        marks = []
        for source_id in ids:
            self.entry(f"source/{source_id}")
            if source_id not in cited:
                cited.append(source_id)
            n = cited.index(source_id) + 1
            marks.append(f"[\\[{n}\\]](#ref-{n})")
        return " ".join(marks)

    def sources(self) -> str:
        """The numbered list of the sources the page cites, as on entry pages."""
        lines = [f"## {md(_('Sources'))} {{ #sources }}", ""]
        for n, source_id in enumerate(self._citations.get(self.here, []), start=1):
            s = self.kb.get("source", source_id)
            year = f" ({s.year})" if s.year else ""
            where = f" [{md(s.links[0])}](<{s.links[0]}>)" if s.links else ""
            lines.append(f'{n}. <span id="ref-{n}"></span>{md(s.authors)}{md(year)}. '
                         f"{self.link(f'source/{source_id}')}. *{md(s.venue)}*.{where}")
        return "\n".join(lines) + "\n"

    def body_map(self) -> str:
        """``{{ body_map() }}``: the front and back figure, each region a link to its page (HTML on
        one line, so Markdown passes it through; call it on a line of its own)."""
        from .body_map import svg
        return "\n" + str(svg(self.vocab.body_regions, lambda region: urls.html_link(
            self.here, urls.region_page(region), self.directory_urls))) + "\n"

    def pressure_scale(self) -> str:
        """The 0–5 pressure scale with the matching level of Walton's scale."""
        rows = [table_head(_("Level"), _("Name"), _("What it feels like"), _("Walton's scale"))]
        for level, p in self.vocab.pressure.items():
            walton = _("level %(n)s", n=p.walton) if p.walton else _("below level 1")
            rows.append(f"| {level} | {md(p.label)} | {md(p.description)} | {md(walton)} |")
        return "\n".join(rows) + "\n"

    def visit_check(self) -> str:
        """``{{ visit_check() }}``: a checkbox per client context and, for each, what to tell the
        therapist, what to ask, when to see a doctor first and which techniques are not advised or
        need changes (kb-visit.js shows the ticked ones; without it, all show). HTML on one line
        per element and no blank line, so Markdown passes it through untouched."""
        from ..kinds.technique import RULING_ORDER
        from .jinja import render_html
        def href(e):
            return urls.html_link(self.here, urls.entry_page(e.kind, e.id), self.directory_urls)
        contexts = []
        for c in self.kb.of_kind("context"):
            rulings = sorted(((t, r) for t in self.kb.of_kind("technique") for r in t.contexts
                              if r.context == c.id and r.ruling in ("avoid", "adapt")),
                             key=lambda tr: (RULING_ORDER.index(tr[1].ruling), tr[0].title.casefold()))
            contexts.append(dict(entry=c, href=href(c),
                                 avoid=[(t, href(t)) for t, r in rulings if r.ruling == "avoid"],
                                 adapt=[(t, href(t), r.pressure_max) for t, r in rulings
                                        if r.ruling == "adapt"]))
        html = render_html("visit_check.html.j2", contexts=contexts, vocab=self.vocab)
        return "\n" + "\n".join(line for line in str(html).splitlines() if line.strip()) + "\n"

    def grade_table(self) -> str:
        """What each evidence grade means."""
        rows = [table_head(_("Grade"), _("What it means"))]
        rows += [f"| {md(g.label)} | {md(g.meaning)} |" for g in self.vocab.evidence_grades.values()]
        return "\n".join(rows) + "\n"

    def all(self) -> dict[str, Callable]:
        return {name: getattr(self, name) for name in NAMES}
