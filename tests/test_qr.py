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


def test_qr_path_draws_the_encoded_matrix_inside_its_quiet_zone():
    svg = qr.svg(URL)
    matrix = segno.make_qr(URL, error="l", mask=0).matrix
    expected = {(x + qr.QUIET, y + qr.QUIET) for y, row in enumerate(matrix)
                for x, dark in enumerate(row) if dark}
    assert dark_modules(svg) == expected
    size = len(matrix) + 2 * qr.QUIET
    assert f'viewBox="0 0 {size} {size}"' in svg
