"""Dropping the templates' indentation changes no markup and no rendered text."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from macros.outputs.compact import compact_html


VERBATIM = {"pre", "textarea", "script", "style"}


class _Events(HTMLParser):
    """Tags, attributes, and text with whitespace runs as a browser collapses them, except
    inside elements whose whitespace is content or code, where it must stay exactly as it is."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events, self.verbatim = [], 0

    def handle_starttag(self, tag, attrs):
        self.verbatim += tag in VERBATIM
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.verbatim -= tag in VERBATIM
        self.events.append(("end", tag))

    def handle_data(self, data):
        text = data if self.verbatim else re.sub(r"\s+", " ", data)
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + text)
        else:
            self.events.append(("text", text))


def events(html: str) -> list:
    parser = _Events()
    parser.feed(html)
    return parser.events


def test_every_shipped_page_is_compacted(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert compact_html(html) == html, f"{path} was not compacted"


def test_compacting_collapses_indentation_and_keeps_verbatim_blocks():
    page = ("<ul>\n    <li>a  b</li>\n\n    <li>c</li>\n  </ul>\n"
            "<pre><code>one\n\n    two</code></pre>\n   <p>x <code>y\n   z</code></p>\n"
            "<textarea>\n  kept\n</textarea>\n  <script>\n  var a = `x\n  y`;\n  </script>\n"
            "  <p>a\n\u00a0\u00a0no-break spaces kept</p>")
    out = compact_html(page)
    assert out == ("<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>\n"
                   "<pre><code>one\n\n    two</code></pre>\n<p>x <code>y\n   z</code></p>\n"
                   "<textarea>\n  kept\n</textarea>\n<script>\n  var a = `x\n  y`;\n  </script>\n"
                   "<p>a\n\u00a0\u00a0no-break spaces kept</p>")
    assert events(out) == events(page)
