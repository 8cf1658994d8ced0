"""QR codes for printed pages, made at build time and offline: segno encodes, and a compact SVG
path is written here (one horizontal run per stroke, each move relative to the end of the last
run), about three times faster than segno's own SVG writer, which adds up over thousands of
printable pages, and about a third shorter than absolute moves: the code is inline in every
printable page's HTML."""
from __future__ import annotations

import segno
from markupsafe import escape

QUIET = 4  # modules of white border the standard asks for


def svg(url: str, title: str = "QR code linking to this page") -> str:
    # A fixed mask pattern: any of the eight is valid, and scoring all eight (segno's default)
    # makes encoding five times slower.
    matrix = segno.make_qr(url, error="l", mask=0).matrix  # "l": a printed page is not a damaged sticker
    runs = []
    pen_x, pen_y = -QUIET, -QUIET - .5  # the pen starts at the SVG's origin
    for y, row in enumerate(matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append(f"m{start - pen_x} {y - pen_y:g}h{x - start}")
                pen_x, pen_y = x, y
            else:
                x += 1
    size = len(matrix) + 2 * QUIET
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="kb-qr" '
            f'role="img"><title>{escape(title)}</title><path stroke="#000" d="{"".join(runs)}"/></svg>')
