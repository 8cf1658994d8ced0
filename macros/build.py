"""One build of one site: the generated pages, the glossary tooltips and the exports.

Engine-neutral: the MkDocs hook calls it, and so could another engine's adapter.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import export, search, urls
from .pages import GeneratedPage, Pages, page_tags
from .site import Site


_ABBR = re.compile(r'<abbr title="([^"]*)">')


class SiteBuild:
    def __init__(self, site: Site, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False):
        self.site = site
        self.kb = site.kb
        self.site_name = site.clinic.name if site.clinic else site_name
        self.directory_urls = directory_urls
        self.site_url = site_url
        self.handouts = handouts

    def pages(self) -> list[GeneratedPage]:
        return Pages(self.kb, site_name=self.site_name, directory_urls=self.directory_urls,
                     site_url=self.site_url, handouts=self.handouts).all()

    def inherited_content(self, docs_dir: str):
        """Hand-written pages of the earlier layers (the shipped site under a clinic): each as
        ``(src path, absolute path, its content folder)``; the caller skips those the clinic
        replaces with a page of its own."""
        docs = Path(docs_dir).resolve()
        for layer in self.site.layers:
            content = (layer / "content").resolve()
            if content == docs or not content.is_dir():
                continue
            for path in sorted(content.rglob("*")):
                if path.is_file():
                    yield path.relative_to(content).as_posix(), str(path), str(content)

    def glossary(self) -> dict[str, str]:
        """Every glossary term and alias with its definition, for Markdown's ``abbr`` glossary:
        the term shows its definition wherever it appears (Material's tooltips)."""
        found: dict[str, str] = {}
        for term in self.kb.of_kind("glossary"):
            definition = " ".join(term.definition.split())
            for name in (term.title, *term.aliases):
                # Acronyms (GRADE, DVT) match only in capitals, so the plain word stays plain.
                forms = {name} if name.isupper() else {name, name.lower(), name[:1].upper() + name[1:]}
                for form in sorted(forms):
                    found.setdefault(form, definition)
        return found

    def focusable_terms(self, html_text: str) -> str:
        """Let keyboard users reach each glossary term: the first occurrence of each term on a
        page joins the tab order, so its tooltip shows on focus as well as on hover."""
        seen: set[str] = set()

        def first_only(match: re.Match) -> str:
            if match.group(1) in seen:
                return match.group(0)
            seen.add(match.group(1))
            return f'<abbr tabindex="0" title="{match.group(1)}">'
        return _ABBR.sub(first_only, html_text)

    def write_handouts(self, site_dir: Path, disclaimer: str) -> None:
        from .handouts import write_all
        write_all(self, site_dir / "handouts", disclaimer)

    def write_exports(self, site_dir: Path) -> None:
        export.write(self.kb, site_dir / "api")

    def index_entries(self, index_file: Path) -> None:
        """Add every entry page to the search index Material wrote (see ``search``)."""
        search.add_to_index(index_file, [
            search.document(e, urls.page_url(urls.entry_page(e.kind, e.id), self.directory_urls),
                            page_tags(e))
            for e in self.kb.entries.values()])
