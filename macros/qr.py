"""QR codes for printed pages, made at build time and offline (segno)."""
from __future__ import annotations

import io

import segno


def svg(url: str, title: str = "QR code linking to this page") -> str:
    """An inline SVG QR code for ``url`` (about 2 KB)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", xmldecl=False, svgns=True, nl=False, scale=3,
                                    title=title)
    return out.getvalue().decode("ascii")
