"""Glossary tooltips: every glossary term in a page's text becomes an ``<abbr>`` with its definition.

This is the project's own pass over the finished HTML of a page, not Python-Markdown's ``abbr``
extension: the extension pastes every term into a regular expression and runs it over every
page (terms x pages), and its placeholders collide with terms such as ``42`` or ``wzxhzdk``. Here
the page's text is split into words once and each run of up to ``longest`` words is looked up in
a dictionary, so the cost grows with the text, not with the number of terms.

Text inside links, headings, buttons, form controls, code, scripts, styles, SVG and existing
``abbr`` elements is left alone. Only the first use of each term on a page is marked, as a printed
glossary would: a page would otherwise repeat a definition in every paragraph (a tenth of a
technique page's weight). That first use joins the tab order, so keyboard users can focus it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..kb.names import WORD
from ..render.escape import tooltip

_TEXT_TOKEN = re.compile(r"&#?\w+;|\w+(?:['’-]\w+)*")
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_VERBATIM = "script|style|pre|code|textarea|svg|math|template"
_MARKUP = re.compile(
    rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>"
    rf"|<(?P<verbatim>{_VERBATIM})\b{_ATTRS}>.*?</(?P=verbatim)\s*>"
    rf"|<(?P<close>/?)(?P<name>[A-Za-z][\w:.-]*){_ATTRS}>", re.S | re.I)
_LEAVE_ALONE = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "select",
                "option", "summary", "title", "dfn", "kbd", "samp", "var"}


def forms(name: str) -> set[str]:
    """The spellings of a term that are marked: acronyms (GRADE, DVT) only in capitals, so the
    plain word stays plain; other terms as written, in lower case and capitalised."""
    return {name} if name.isupper() else {name, name.lower(), name[:1].upper() + name[1:]}


@dataclass
class Glossary:
    """Term spellings (as tuples of words) and the tooltip each shows."""
    terms: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # words -> (key, title)
    longest: int = 0

    @classmethod
    def of(cls, entries) -> "Glossary":
        """The glossary of the given glossary entries (titles and aliases)."""
        glossary = cls()
        for entry in entries:
            title = tooltip(" ".join(entry.definition.split()))
            for name in (entry.title, *entry.aliases):
                for form in sorted(forms(name)):
                    words = tuple(WORD.findall(form))
                    if words and words not in glossary.terms:
                        glossary.terms[words] = (entry.id, title)
                        glossary.longest = max(glossary.longest, len(words))
        return glossary

    def dump(self) -> list:
        """The glossary as JSON-ready data (the benchmark's plain baseline reloads it)."""
        return [[list(words), key, title] for words, (key, title) in self.terms.items()]

    @classmethod
    def load(cls, data: list) -> "Glossary":
        glossary = cls()
        for words, key, title in data:
            glossary.terms[tuple(words)] = (key, title)
            glossary.longest = max(glossary.longest, len(words))
        return glossary

    def annotate(self, html: str) -> str:
        """``html`` with every glossary term in its running text marked up."""
        if not self.terms:
            return html
        out: list[str] = []
        seen: set[str] = set()
        depth = 0  # how many elements we are inside whose text is left alone
        pos = 0
        for match in _MARKUP.finditer(html):
            if match.start() > pos:
                text = html[pos:match.start()]
                out.append(text if depth else self._mark(text, seen))
            out.append(match.group(0))
            name = (match.group("name") or "").lower()
            if name in _LEAVE_ALONE and not match.group(0).endswith("/>"):
                depth = depth - 1 if match.group("close") else depth + 1
                depth = max(depth, 0)
            pos = match.end()
        if pos < len(html):
            out.append(html[pos:] if depth else self._mark(html[pos:], seen))
        return "".join(out)

    def _mark(self, text: str, seen: set[str]) -> str:
        tokens = [(m.start(), m.end(), m.group()) for m in _TEXT_TOKEN.finditer(text)]
        if not tokens:
            return text
        out, pos, i, n = [], 0, 0, len(tokens)
        while i < n:
            found = None
            if not tokens[i][2].startswith("&"):
                for size in range(min(self.longest, n - i), 0, -1):
                    words = tuple(t[2] for t in tokens[i:i + size])
                    hit = self.terms.get(words)
                    if hit and all(text[tokens[k][1]:tokens[k + 1][0]].isspace()
                                   for k in range(i, i + size - 1)):
                        found = (size, hit)
                        break
            if found is None:
                i += 1
                continue
            size, (key, title) = found
            start, end = tokens[i][0], tokens[i + size - 1][1]
            i += size
            if key in seen:
                continue
            seen.add(key)
            out.append(text[pos:start])
            out.append(f'<abbr tabindex="0" title="{title}">{text[start:end]}</abbr>')
            pos = end
        out.append(text[pos:])
        return "".join(out)
