"""One escaping function per output context. Text from the data reaches a reader only through one
of these, and is never parsed as Markdown, HTML or Jinja.

| context | function |
|---|---|
| HTML text and attribute values (the page templates autoescape with the same rule) | ``html`` |
| Markdown source, inline (what the macros for hand-written pages return) | ``markdown`` |
| a ``title`` that Material shows as a tooltip (it inserts the title as HTML) | ``tooltip`` |
| JSON inside a ``<script>`` element (JSON-LD) | ``json_script`` |
| the search index (Material inserts titles, texts and tags as HTML) | ``search_text`` |
| a cell of the open-data CSV (spreadsheets run cells that start with ``=``, ``+``, ``-``, ``@``) | ``csv_cell`` |
| a path segment of a URL (ids are slugs; codes and other keys are percent-encoded) | ``url_segment`` |
| the id of a heading (an anchor) | ``slugify`` |
"""
from __future__ import annotations

import html as std_html
import json
import re
import string
import unicodedata
import urllib.parse

from markupsafe import Markup, escape

_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not \s: a no-break space stays one


def collapse(text: str) -> str:
    """Runs of ASCII whitespace as one space (what HTML shows anyway), ends trimmed."""
    return _SPACE.sub(" ", str(text)).strip()


def html(text) -> Markup:
    """HTML text or a quoted attribute value: ``& < > " '`` as character references."""
    return escape(text)


# Every ASCII punctuation character as a numeric character reference: no Markdown syntax (block
# or inline: emphasis, links, admonitions, lists, tables, attribute lists, abbreviations) can be
# spelled without one, and Python-Markdown passes references through untouched.
_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


def markdown(text) -> str:
    """Text for the inside of a Markdown paragraph, link text or table cell, shown as written."""
    if isinstance(text, Markup):  # already HTML from this package's own helpers
        return str(text)
    return collapse(text).translate(_MARKDOWN)


def tooltip(text: str) -> str:
    """A ``title`` attribute for a Material tooltip. Material reads the attribute (the browser
    decodes it once) and inserts it as HTML (which decodes it again), so it is escaped twice."""
    return str(escape(str(escape(collapse(text)))))


def json_script(data) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped, so no text can close
    the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def search_text(text: str) -> str:
    """A title, text or tag of a search-index entry: escaped HTML (quotes stay as they are, as
    in the entries Material's own plugin writes), whitespace collapsed."""
    return std_html.escape(collapse(text), quote=False)


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: a leading ``'`` before what would start a formula
    (OWASP's advice); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def url_segment(text: str) -> str:
    """One path segment of a URL."""
    return urllib.parse.quote(str(text), safe="")


def slugify(text: str) -> str:
    """A heading's id, as Python-Markdown's ``toc`` makes it (ASCII, lower case, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()
    return re.sub(r"[-\s]+", "-", ascii_text)
