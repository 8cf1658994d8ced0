"""Glossary tooltips: every glossary term in a page's text becomes an ``<abbr>`` with its definition.

This is the project's own pass over the finished HTML of a page, not Python-Markdown's ``abbr``
extension: the extension pastes every term into a regular expression and runs it over every
page (terms x pages), and its placeholders collide with terms such as ``42`` or ``wzxhzdk``. Here
the page's text is split into words once; at each word that starts a term, the runs of words
that could complete it are looked up in a dictionary, so the cost grows with the text, not with
the number of terms.

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
    # first word -> the lengths (in words) of the terms it starts, longest first
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def _add(self, words: tuple[str, ...], key: str, title: str) -> None:
        self.terms[words] = (key, title)
        sizes = {*self.starts.get(words[0], ()), len(words)}
        self.starts[words[0]] = tuple(sorted(sizes, reverse=True))

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
                        glossary._add(words, entry.id, title)
        return glossary

    def dump(self) -> list:
        """The glossary as JSON-ready data (the benchmark's plain baseline reloads it)."""
        return [[list(words), key, title] for words, (key, title) in self.terms.items()]

    @classmethod
    def load(cls, data: list) -> "Glossary":
        glossary = cls()
        for words, key, title in data:
            glossary._add(tuple(words), key, title)
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
            start, end = match.span()
            if start > pos:
                text = html[pos:start]
                out.append(text if depth else self._mark(text, seen))
            out.append(html[start:end])
            close, name = match.group("close", "name")
            if name and name.lower() in _LEAVE_ALONE and html[end - 2] != "/":
                depth = max(depth - 1, 0) if close else depth + 1
            pos = end
        if pos < len(html):
            out.append(html[pos:] if depth else self._mark(html[pos:], seen))
        return "".join(out)

    def _mark(self, text: str, seen: set[str]) -> str:
        starts = self.starts
        if starts.keys().isdisjoint(_TEXT_TOKEN.findall(text)):
            return text  # most runs of text hold no term: one C-level scan decides it
        tokens = [(m.start(), m.end(), m.group()) for m in _TEXT_TOKEN.finditer(text)]
        out, pos, i, n = [], 0, 0, len(tokens)
        while i < n:
            found = None
            for size in starts.get(tokens[i][2], ()):
                if i + size > n:
                    continue
                hit = self.terms.get(tuple(t[2] for t in tokens[i:i + size]))
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
