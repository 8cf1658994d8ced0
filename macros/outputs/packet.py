"""Patient packets as PDF (WeasyPrint): ``python -m macros packet`` and the handouts of
``make handouts``, each a packet of one condition. The HTML is the packet page's own
(``render/packet``), with ``kb-packet.css`` inlined.

No page is nearly blank: a packet whose last page would hold less than ``NEARLY_BLANK`` of its
height is laid out again in the smaller type, and the shorter of the two is kept. WeasyPrint
fetches nothing: the only resource, the clinic's logo, travels in the HTML as a ``data:`` URL.
"""
from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path

from .. import kinds
from ..kb.clinic import MAX_IMAGE_BYTES
from ..kb.yamlsource import read_bytes
from ..render import packet

CSS = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "stylesheets" / "kb-packet.css"
NEARLY_BLANK = 0.15
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
              ".svg": "image/svg+xml"}


def logo_data_url(site) -> str:
    """The clinic's logo (validated when the site was loaded) as a ``data:`` URL, or ""."""
    clinic = site.clinic
    if clinic is None or not clinic.logo:
        return ""
    raw = read_bytes(site.folder / clinic.logo, site.folder, MAX_IMAGE_BYTES)
    return f"data:{LOGO_TYPES[Path(clinic.logo).suffix.lower()]};base64,{base64.b64encode(raw).decode()}"


def html(output, entries: list, *, note: str = "", tight: bool = False) -> str:
    head = packet.letterhead(output.site_name, output.clinic, output.disclaimer,
                             logo_data_url(output.site))
    return packet.document(output.renderer, entries, head, css=CSS.read_text(encoding="utf-8"),
                           note=note, tight=tight)


def last_page_used(document) -> float:
    """How much of the last page's content area is used (0 to 1), from WeasyPrint's boxes: the
    lowest line or image below the top of the content area, over its height."""
    from weasyprint.formatting_structure import boxes

    page = document.pages[-1]._page_box
    top = bottom = page.content_box_y()
    for child in page.children:
        if isinstance(child, boxes.MarginBox):  # the page number
            continue
        for box in child.descendants():
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
                bottom = max(bottom, box.position_y + box.margin_height())
    return (bottom - top) / page.height


def render(output, entries: list, note: str = ""):
    """The laid-out packet: in the usual type, or in the smaller one when that saves a page
    that would otherwise be nearly blank."""
    import weasyprint  # imported here: only PDF builds need it and its system libraries

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))

    def layout(tight: bool):
        return weasyprint.HTML(string=html(output, entries, note=note, tight=tight),
                               url_fetcher=fetcher).render()

    document = layout(False)
    if len(document.pages) > 1 and last_page_used(document) < NEARLY_BLANK:
        tighter = layout(True)
        if len(tighter.pages) < len(document.pages):
            return tighter
    return document


def write(output, entries: list, target: Path, note: str = "") -> int:
    """Write the packet to ``target`` (whole or not at all); returns its number of pages."""
    document = render(output, entries, note)
    target = Path(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        document.write_pdf(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return len(document.pages)


def write_handouts(output, folder: Path) -> list[Path]:
    """One PDF per entry of each kind that has handouts (conditions)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kind in kinds.KINDS.items():
        if kind.handout:
            for entry in output.kb.of_kind(name):
                target = folder / f"{entry.id}.pdf"
                write(output, [entry], target)
                written.append(target)
    return written
