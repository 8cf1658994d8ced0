"""Hand-written pages (every layer's ``content/``) as files: which of them a build includes,
which are a clinic's own, and how they link to what the site hides.

Only their text is read here; nothing is rendered. The links found are the macro calls with a
literal id (``link("condition/x")``, ``index_link("history")``, ``cite("source-id")``) and
Markdown links to the pages made from the data (``[x](conditions/x.md)``). A shipped page's link
to a hidden entry, or to the index of a kind the site hides whole, is shown as plain text, with a
notice: a clinic cannot edit shipped pages. The same link on a clinic's own page is an error at
its line, and so is a citation of a hidden source on any page (its claim would lose its source).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pathspec.gitignore import GitIgnoreSpec  # the patterns MkDocs' exclude_docs takes

from .. import kinds
from .siteconfig import mkdocs_setting
from .problems import Problem, display_path

TOPIC = "hidden"
_MACRO = re.compile(r"\b(link|index_link|cite)\(([^)]*)\)")
_QUOTED = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s#]*)(?P<anchor>#[^)\s]*)?"
                   r"(?P<title>\s+\"[^\"\n]*\")?\)")


@dataclass(frozen=True, order=True)
class Page:
    src: str     # its path in the site's docs, e.g. "safety.md"
    path: Path
    shown: str   # as messages name the file
    own: bool    # a clinic's own page, not a shipped one


def pages(layers, folder: Path, root: Path | None = None) -> tuple[Page, ...]:
    """The hand-written pages a build of the site in ``folder`` includes: every layer's
    ``content/``, a later layer's page replacing an earlier one at the same path, less what
    ``exclude_docs`` in its ``mkdocs.yml`` leaves out."""
    patterns, _ = mkdocs_setting(folder, "exclude_docs")
    excluded = GitIgnoreSpec.from_lines(patterns.splitlines() if isinstance(patterns, str) else [])
    found: dict[str, Page] = {}
    for index, layer in enumerate(layers):
        content = Path(layer) / "content"
        if not content.is_dir():
            continue
        for path in sorted(content.rglob("*.md")):
            src = path.relative_to(content).as_posix()
            if path.is_file() and not excluded.match_file(src):
                found[src] = Page(src, path, display_path(path, root), own=index > 0)
    return tuple(sorted(found.values()))


def _references(text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, macro or "markdown", what it names)`` for each link the text makes."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MACRO.finditer(line):
            names = [a or b for a, b in _QUOTED.findall(match.group(2))]
            for name in names if match.group(1) == "cite" else names[:1]:
                yield number, match.group(1), name
        for match in _LINK.finditer(line):
            yield number, "markdown", match.group("target")


def target_page(src: str, target: str) -> str | None:
    """The docs path a relative Markdown link on page ``src`` points to (None: another site, or
    an anchor on the page itself)."""
    if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/", target):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), target))


def check(site_pages, kb) -> list[Problem]:
    """Errors and notices (``warning``) for the pages' links to what ``kb`` hides."""
    if not kb.hidden:
        return []
    hidden_pages, hidden_kinds = kb.hidden_pages(), kb.hidden_kinds()
    found: list[Problem] = []
    for page in site_pages:
        for line, macro, name in _references(page.path.read_text(encoding="utf-8")):
            problem = _problem(page, line, macro, name, kb, hidden_pages, hidden_kinds)
            if problem is not None:
                found.append(problem)
    return found


def _problem(page, line, macro, name, kb, hidden_pages, hidden_kinds) -> Problem | None:
    """What a page's link to ``name`` (by ``macro``) means when the site hides its target."""
    where = (page.shown, line, macro)
    if macro == "cite":
        key = ("source", name)
        if key not in kb.hidden:
            return None
        if page.own:
            return Problem(*where, f"cites source '{name}', which {_by(kb, key)} hides: a claim "
                           "keeps its sources, so stop hiding it, or take the claim out")
        return Problem(*kb.hidden_at[key], f"hides a source that the shipped page {page.shown} "
                       f"cites (line {line}): a claim keeps its sources, so stop hiding it")
    if macro == "link":
        key = tuple(name.partition("/")[::2])
        if key not in kb.hidden:
            return None
        whole, target, shown = False, f"{key[0]} '{key[1]}'", f"{key[0]}/{key[1]}"
    elif macro == "index_link":
        if name not in hidden_kinds:
            return None
        key = next(k for k in kb.hidden if k[0] == name)
        whole, target, shown = True, f"the {name} index", f"{name} index"
    else:
        path = target_page(page.src, name)
        if path not in hidden_pages:
            return None
        key = next(k for k in kb.hidden if path in (kinds.page_path(*k), kinds.page_path(k[0])))
        whole, target, shown = path == kinds.page_path(key[0]), path, f"page {path}"
    if not page.own:
        return Problem(*where, f"link to hidden {shown} shown as plain text", warning=True,
                       topic=TOPIC)
    what = f"every {key[0]} entry" if whole else f"{key[0]} '{key[1]}'"
    built = "" if macro == "link" else ", which is not built"
    return Problem(*where, f"links to {target}{built}: {_by(kb, key)} hides {what}; remove the "
                   "link, or stop hiding it")


def _by(kb, key) -> str:
    file, line, _ = kb.hidden_at[key]
    return f"{file}:{line}"


def unlink(markdown: str, src: str, hidden_pages: set[str]) -> str:
    """A shipped page's Markdown with its links to pages hiding left out shown as their text."""
    def plain(match: re.Match) -> str:
        return match.group("text") if target_page(src, match.group("target")) in hidden_pages \
            else match.group(0)
    return _LINK.sub(plain, markdown) if hidden_pages else markdown


def shipped(site_pages) -> frozenset[str]:
    """The docs paths of the shipped pages (those a clinic does not replace)."""
    return frozenset(page.src for page in site_pages if not page.own)
