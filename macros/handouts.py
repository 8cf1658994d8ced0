"""Patient handouts: one PDF per condition, for a clinic to print or send (WeasyPrint)."""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import qr, urls
from . import vocabulary as v
from .render import render_html


def handout_html(build, condition, disclaimer: str) -> str:
    clinic = build.site.clinic
    url = build.site_url.rstrip("/") + "/" + urls.page_url(urls.entry_page("condition", condition.id),
                                                           build.directory_urls)
    rows = sorted(condition.evidence, key=lambda r: v.grade_rank(r.grade))
    return render_html(
        "handout.html.j2", e=condition, site_name=build.site_name, clinic=clinic, url=url,
        rows=[(build.kb.get("technique", r.technique), r) for r in rows], grades=v.EVIDENCE_GRADES,
        color=clinic.colors.primary if clinic else "#1f5f8b", disclaimer=disclaimer,
        qr=Markup(qr.svg(url)))


def write_all(build, folder: Path, disclaimer: str) -> list[Path]:
    import weasyprint  # imported here: only handout builds need it and its system libraries

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for condition in build.kb.of_kind("condition"):
        target = folder / f"{condition.id}.pdf"
        weasyprint.HTML(string=handout_html(build, condition, disclaimer)).write_pdf(target)
        written.append(target)
    return written
