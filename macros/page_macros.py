"""Macros for hand-written pages: link to entries by id, and list or tabulate entries by field.

Each macro returns Markdown with links relative to the page it is called from, so MkDocs checks
them like any other link. Text from the data goes in through ``escape.markdown``: every ASCII
punctuation character becomes a character reference, so no data can spell Markdown or HTML. An
unknown id or field raises, which fails the build.
"""
from __future__ import annotations

from . import urls
from . import vocabulary as v
from .build import SiteBuild
from .knowledge import parse_any_ref
from .models import Entry
from .escape import markdown as md


class PageMacros:
    def __init__(self, env, build: SiteBuild):
        self.env, self.build, self.kb = env, build, build.kb

    @property
    def here(self) -> str:
        return self.env.page.file.src_uri

    def entry(self, ref: str) -> Entry:
        kind, entry_id = parse_any_ref(ref)
        if kind not in v.KINDS:
            raise ValueError(f"{self.here}: '{ref}' should be kind/id, e.g. technique/effleurage")
        if not self.kb.has(kind, entry_id):
            raise ValueError(f"{self.here}: link to unknown or hidden {kind} '{entry_id}'")
        return self.kb.get(kind, entry_id)

    def link(self, ref: str, text: str | None = None, anchor: str = "") -> str:
        """``{{ link("technique/effleurage") }}``: a link to an entry, titled by the entry."""
        e = self.entry(ref)
        target = urls.md_link(self.here, urls.entry_page(e.kind, e.id), anchor)
        return f"[{md(text or e.title)}]({target})"

    def index_link(self, kind: str, text: str | None = None) -> str:
        return f"[{md(text or v.KINDS[kind]['label'])}]({urls.md_link(self.here, urls.index_page(kind))})"

    def select(self, kind: str, **filters) -> list[Entry]:
        if kind not in v.KINDS:
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
            text = getattr(e, "summary", None) or getattr(e, "definition", None)
            lines.append(f"- {self.link(f'{kind}/{e.id}')}" + (f": {md(text)}" if summary and text else ""))
        return "\n".join(lines) + "\n"

    def entry_table(self, kind: str, columns: tuple = ("summary",), **filters) -> str:
        """A table of entries of ``kind`` with the given fields as columns."""
        head = [v.KINDS[kind]["singular"]] + [c.replace("_", " ").capitalize() for c in columns]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for e in self.select(kind, **filters):
            cells = [self.link(f"{kind}/{e.id}")] + [self._cell(c, getattr(e, c)) for c in columns]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows) + "\n"

    def _cell(self, field: str, value) -> str:
        labels = v.FIELD_LABELS.get(field, {})
        if isinstance(value, tuple):
            return md(", ".join(labels.get(x, str(x)) for x in value))
        if hasattr(value, "min") and hasattr(value, "max"):
            return f"{value.min}–{value.max}"
        return md(labels.get(value, value) if isinstance(value, str) else ("" if value is None else value))

    def safety_digest(self) -> str:
        """Every technique's safety notes, grouped by how strict they are."""
        out = []
        for kind, label in v.SAFETY_KINDS.items():
            out.append(f"### {md(label)}\n")
            for e in self.kb.of_kind("technique"):
                texts = [s.text for s in e.safety if s.kind == kind]
                if texts:
                    out.append(f"- **{self.link(f'technique/{e.id}')}:** " + " ".join(md(t) for t in texts))
            out.append("")
        return "\n".join(out)

    def setting_comparison(self) -> str:
        """Techniques by setting (medical, spa, both) with their pressure ranges, from the data."""
        out = ["| Setting | Techniques | Pressure used (0–5) |", "|---|---|---|"]
        for setting, label in v.SETTINGS.items():
            found = self.select("technique", setting=setting)
            if not found:
                continue
            low = min(e.pressure.min for e in found)
            high = max(e.pressure.max for e in found)
            links = ", ".join(self.link(f"technique/{e.id}") for e in found)
            out.append(f"| {md(label)} | {links} | {low}–{high} |")
        return "\n".join(out) + "\n"

    def count(self, kind: str) -> int:
        return len(self.kb.of_kind(kind))

    def clinic(self, field: str) -> str:
        """``{{ clinic("name") }}``: a field of the clinic's settings, as text (empty on the
        shipped site)."""
        clinic = self.build.site.clinic
        if clinic is not None and field not in type(clinic).model_fields:
            raise ValueError(f"{self.here}: clinic.yml has no field '{field}'")
        value = getattr(clinic, field, None) if clinic is not None else None
        if isinstance(value, tuple):
            value = ", ".join(str(x) for x in value)
        return md(value) if value else ""

    def grade_table(self) -> str:
        rows = ["| Grade | What it means |", "|---|---|"]
        rows += [f"| {md(g['label'])} | {md(g['meaning'])} |" for g in v.EVIDENCE_GRADES.values()]
        return "\n".join(rows) + "\n"


def register(env, build: SiteBuild) -> None:
    macros = PageMacros(env, build)
    for name in ("link", "index_link", "entry_list", "entry_table", "safety_digest",
                 "setting_comparison", "count", "grade_table", "clinic"):
        env.macro(getattr(macros, name), name)
