"""Safe text for generated pages.

Entry fields are plain text. Before they enter a Markdown page they are escaped twice over: HTML
characters become entities (so ``<script>`` or ``onerror=`` show as text) and Markdown syntax is
backslash-escaped (so ``[x](javascript:...)``, ``{: onclick=...}`` or ``*[abbr]:`` stay text). Only
values wrapped in ``Markup`` by this package's own helpers pass through unescaped.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

_ALWAYS = re.compile(r"([\\`*_\[\]{}|#])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)])")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not \s: a non-breaking space stays one


_PLAIN = re.compile(r"[^\\`*_\[\]{}|#<>&\t\r\n\f\v]*\Z")  # nothing to escape: the common case


def md(value) -> str:
    """Escape one text value for inline use in Markdown; ``Markup`` passes through."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = str(value)
    if _PLAIN.match(text) and "  " not in text and not _LINE_START.match(text):
        return text
    text = _SPACE.sub(" ", text)
    text = html.escape(text, quote=False)
    text = _ALWAYS.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "-+>="
                           else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def attr(value) -> str:
    """Escape a value for an HTML attribute or raw HTML text."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True)
