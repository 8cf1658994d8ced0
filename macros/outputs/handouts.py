"""Patient handouts: one PDF per entry of each kind that has them (conditions), for a clinic to
print or send (WeasyPrint)."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .. import kinds
from ..kinds.condition import evidence_rows
from ..render import urls
from ..render.jinja import render_html
from . import qr


def handout_html(output, condition, disclaimer: str) -> str:
    clinic = output.site.clinic
    url = output.site_url.rstrip("/") + "/" + urls.page_url(
        urls.entry_page("condition", condition.id), output.directory_urls)
    return render_html(
        "handout.html.j2", e=condition, site_name=output.site_name, clinic=clinic, url=url,
        rows=evidence_rows(condition, output.kb), grades=output.kb.vocabulary.evidence_grades,
        color=clinic.colors.primary if clinic else "#1f5f8b", disclaimer=disclaimer,
        qr=Markup(qr.svg(url)))


def write_all(output, folder: Path, disclaimer: str) -> list[Path]:
    import weasyprint  # imported here: only handout builds need it and its system libraries

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kind in kinds.KINDS.items():
        if not kind.handout:
            continue
        for entry in output.kb.of_kind(name):
            target = folder / f"{entry.id}.pdf"
            weasyprint.HTML(string=handout_html(output, entry, disclaimer)).write_pdf(target)
            written.append(target)
    return written
