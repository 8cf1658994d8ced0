"""Everything one build of one site writes: the generated pages, the glossary tooltips, the
search entries, the open-data export and the handouts.

Engine-neutral: the MkDocs hook calls it, and so does ``python -m macros docs``.
"""
from __future__ import annotations

from pathlib import Path

from ..kb import changes
from ..kb.clinic import LOGO_TARGET
from ..kb.site import Site
from ..render import packet, urls
from ..render.pages import GeneratedPage, Pages
from . import export, qr, search
from .tooltips import Glossary


class SiteOutput:
    """``site_url`` is where the site will live; a missing or placeholder one (see
    ``urls.public_address``) leaves ``public_url`` empty, and printed pages without a QR code."""

    def __init__(self, site: Site, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False, disclaimer: str = "",
                 public_directory_urls: bool | None = None):
        self.site = site
        self.kb = site.kb
        self.site_name = site.clinic.name if site.clinic else site_name
        self.directory_urls = directory_urls
        self.public_directory_urls = public_directory_urls
        self.site_url = site_url
        self.public_url = urls.public_address(site_url)
        self.handouts = handouts
        self.disclaimer = site.clinic.disclaimer if site.clinic else disclaimer
        self.glossary = Glossary.of(self.kb.of_kind("glossary"))
        self._pages: dict[str, GeneratedPage] | None = None
        self._renderer: Pages | None = None

    @property
    def renderer(self) -> Pages:
        """The page renderer of this build (QR codes and links are made once, for the pages and
        the packets)."""
        if self._renderer is None:
            clinic = self.site.clinic
            logo = (urls.file_link(urls.PACKET_PAGE, LOGO_TARGET + Path(clinic.logo).suffix.lower(),
                                   self.directory_urls) if clinic and clinic.logo else "")
            self._renderer = Pages(
                self.kb, site_name=self.site_name, directory_urls=self.directory_urls,
                site_url=self.public_url, handouts=self.handouts, qr=qr.svg,
                history=changes.history(self.site.layers), signoffs=self.site.signoffs,
                clinic_name=clinic.name if clinic else "",
                public_directory_urls=self.public_directory_urls,
                letterhead=packet.letterhead(self.site_name, clinic, self.disclaimer, logo))
        return self._renderer

    def pages(self) -> list[GeneratedPage]:
        if self._pages is None:
            self._pages = {page.src: page for page in self.renderer.all()}
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

    def annotate(self, html: str) -> str:
        """Glossary tooltips on a finished page body (see ``glossary``)."""
        return self.glossary.annotate(html)

    def write_handouts(self, site_dir: Path) -> None:
        from .packet import write_handouts
        write_handouts(self, site_dir / "handouts")

    def write_exports(self, site_dir: Path) -> None:
        export.write(self.kb, site_dir / "api")

    def index_entries(self, index_file: Path) -> None:
        """Add every entry page to the search index Material wrote (see ``search``)."""
        search.add_to_index(index_file, [
            doc for e in self.kb.entries.values()
            for doc in search.documents(e, urls.page_url(urls.entry_page(e.kind, e.id),
                                                         self.directory_urls), self.kb.vocabulary)])
