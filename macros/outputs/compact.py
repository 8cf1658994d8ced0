"""Drop the indentation and blank lines that Material's templates leave in every page.

About 5 KB of a typical page is whitespace from template indentation. Each run of whitespace that
contains a line break becomes one line break, which a browser renders exactly as before. Elements
whose whitespace can matter are kept as they are: ``pre``, ``textarea`` and ``code`` (shown as
written) and ``script`` and ``style`` (a JavaScript template string keeps its line breaks). Nothing else in the markup changes, unlike a full HTML minifier that also rewrites
quotes and drops closing tags.
"""
from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")  # HTML whitespace only: keep a no-break space


def compact_html(html: str) -> str:
    parts = _VERBATIM.split(html)
    # split() yields text, whole verbatim element, its tag name, text, ...
    for i in range(0, len(parts), 3):
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts[i] for i in range(len(parts)) if i % 3 != 2)
