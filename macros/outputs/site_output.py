"""Everything one build of one site writes: the generated pages, the glossary tooltips, the
search entries, the open-data export and the handouts.

Engine-neutral: the MkDocs hook calls it, and so does ``python -m macros docs``.
"""
from __future__ import annotations

from pathlib import Path

from ..kb import changes, handwritten
from ..kb.site import Site
from ..render import urls
from ..render.pages import GeneratedPage, Pages
from . import export, qr, search
from .tooltips import Glossary


class SiteOutput:
    def __init__(self, site: Site, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False):
        self.site = site
        self.kb = site.kb
        self.site_name = site.clinic.name if site.clinic else site_name
        self.directory_urls = directory_urls
        self.site_url = site_url
        self.handouts = handouts
        self.glossary = Glossary.of(self.kb.of_kind("glossary"))
        self._pages: dict[str, GeneratedPage] | None = None

    def pages(self) -> list[GeneratedPage]:
        if self._pages is None:
            found = Pages(self.kb, site_name=self.site_name, directory_urls=self.directory_urls,
                          site_url=self.site_url, handouts=self.handouts, qr=qr.svg,
                          history=changes.history(self.site.layers), signoffs=self.site.signoffs,
                          clinic_name=self.site.clinic.name if self.site.clinic else "").all()
            self._pages = {page.src: page for page in found}
        return list(self._pages.values())

    def generated(self, src: str) -> GeneratedPage | None:
        """The generated page at ``src`` (a path like ``techniques/effleurage.md``), if any."""
        if self._pages is None:
            self.pages()
        return self._pages.get(src)

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

    def shipped_markdown(self, src: str, markdown: str) -> str:
        """A hand-written page's Markdown for the build: on a shipped page, links to the pages
        hiding leaves out become their text (``kb/handwritten``); a clinic's own page stays as
        it is (loading has refused its links to hidden pages)."""
        if src not in self.shipped_pages:
            return markdown
        return handwritten.unlink(markdown, src, self.kb.hidden_pages())

    @property
    def shipped_pages(self) -> frozenset[str]:
        return handwritten.shipped(self.site.pages)

    def photos(self) -> list[tuple[str, Path]]:
        """``(path in the site, file)`` of each therapist's photo."""
        from ..kinds.therapist import layer_folder, photo_target
        return [(photo_target(e), layer_folder(self.kb.paths[(e.kind, e.id)]) / e.photo)
                for e in self.kb.of_kind("therapist") if e.photo]

    def annotate(self, html: str) -> str:
        """Glossary tooltips on a finished page body (see ``glossary``)."""
        return self.glossary.annotate(html)

    def write_handouts(self, site_dir: Path, disclaimer: str) -> None:
        from .handouts import write_all
        write_all(self, site_dir / "handouts", disclaimer)

    def write_exports(self, site_dir: Path) -> None:
        export.write(self.kb, site_dir / "api")

    def index_entries(self, index_file: Path) -> None:
        """Add every entry page to the search index Material wrote (see ``search``)."""
        search.add_to_index(index_file, [
            doc for e in self.kb.entries.values()
            for doc in search.documents(e, urls.page_url(urls.entry_page(e.kind, e.id),
                                                         self.directory_urls), self.kb.vocabulary)])
