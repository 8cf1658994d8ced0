"""The printed page's QR code: the compact SVG path draws exactly the modules segno encoded."""
from __future__ import annotations

import re

import segno

from macros.outputs import qr

URL = "https://example.org/massage-kb/conditions/low-back-pain/"


def dark_modules(svg: str) -> set[tuple[int, int]]:
    """Replay the path's relative moves and horizontal strokes; return the modules inked."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    x = y = 0.0
    inked = set()
    for command, dx, dy, length in re.findall(r"([mM])(-?[\d.]+) (-?[\d.]+)h(\d+)", path):
        x, y = (x + float(dx), y + float(dy)) if command == "m" else (float(dx), float(dy))
        inked.update((int(x) + i, int(y - .5)) for i in range(int(length)))
        x += int(length)
    return inked


def encoded(url: str) -> set[tuple[int, int]]:
    """The dark modules segno encodes for ``url``, placed inside the quiet zone as qr.py draws
    them: what a drawn code must match to decode to ``url``."""
    matrix = segno.make_qr(url, error="l", mask=0).matrix
    return {(x + qr.QUIET, y + qr.QUIET) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


def test_qr_path_draws_the_encoded_matrix_inside_its_quiet_zone():
    svg = qr.svg(URL)
    assert dark_modules(svg) == encoded(URL)
    size = len(segno.make_qr(URL, error="l", mask=0).matrix) + 2 * qr.QUIET
    assert f'viewBox="0 0 {size} {size}"' in svg


def test_the_title_of_a_code_is_text():
    svg = qr.svg(URL, title='</title><script>window.__pwned="qr"</script>')
    assert "<script>" not in svg and "&lt;/title&gt;&lt;script&gt;" in svg
