"""Reading printed PDFs (WeasyPrint's and Chromium's) with pypdf: the text, how far down each page
its text reaches, and the QR codes drawn in them, without trusting the code that made them."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
from pypdf.generic import ContentStream

PAGE_NUMBER = re.compile(r"^Page \d+ of \d+$")
NEARLY_BLANK = 0.15  # a page whose text stops above this share of the page's content area


@dataclass
class Printout:
    """A PDF read once: its pages, its text (whitespace collapsed) and, for each page, how far
    down its text reaches, as a share of the content area. The area runs from the highest line
    on any page to the lowest (the margins, whatever made the PDF), so a full page is 1.0."""
    reader: pypdf.PdfReader
    text: str
    used: list[float]

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def nearly_blank(self) -> list[int]:
        """The page numbers (from 1) of the pages that waste paper."""
        return [n for n, share in enumerate(self.used, 1) if share < NEARLY_BLANK]


def read(pdf: bytes | Path) -> Printout:
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    texts, lines = [], []
    for page in reader.pages:
        heights: list[float] = []

        def visit(fragment, cm, tm, font, size, heights=heights):
            if fragment.strip() and not PAGE_NUMBER.match(fragment.strip()):
                heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])  # above the bottom edge

        texts.append(page.extract_text(visitor_text=visit))
        lines.append(heights)
    top = max(max(ys) for ys in lines if ys)
    bottom = min(min(ys) for ys in lines if ys)
    used = [1.0 if top == bottom else (top - min(ys)) / (top - bottom) if ys else 0.0 for ys in lines]
    return Printout(reader, " ".join(" ".join(texts).split()), used)


def qr_codes(printout: Printout) -> list[set[tuple[int, int]]]:
    """The modules of each QR code in the PDF, in the order they are drawn. WeasyPrint keeps the
    SVG's own coordinates inside the code's transform: a code is a run of ``m x y`` / ``l x2 y``
    pairs (one horizontal stroke per run of dark modules, at the middle of its row)."""
    codes, reader = [], printout.reader
    for page in reader.pages:
        run: list[tuple[bytes, list[float]]] = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"m", b"l"):
                run.append((operator, [float(v) for v in operands]))
                continue
            strokes = [(a[1], b[1]) for a, b in zip(run, run[1:]) if a[0] == b"m" and b[0] == b"l"]
            if len(strokes) > 20 and all(s[1] == e[1] for s, e in strokes):
                codes.append({(x, int(s[1] - .5)) for s, e in strokes for x in range(int(s[0]), int(e[0]))})
            run = []
    return codes
