"""Everything one build of one site writes: the generated pages, the glossary tooltips, the
search entries, the open-data export and the handouts.

Engine-neutral: the MkDocs hook calls it, and so does ``python -m macros docs``.
"""
from __future__ import annotations

from pathlib import Path

from ..kb import changes, handwritten
from ..kb.clinic import LOGO_TARGET, localized
from ..kb.localize import localize
from ..kb.site import Site
from ..render import i18n, packet, urls
from ..render.pages import Pages
from ..render.tools import Edition, GeneratedPage
from . import export, qr, search
from .tooltips import Glossary


class SiteOutput:
    """``site_url`` is where the site will live; a missing or placeholder one (see
    ``urls.public_address``) leaves ``public_url`` empty, and printed pages without a QR code."""

    def __init__(self, site: Site, *, site_name: str, directory_urls: bool = True,
                 site_url: str = "", handouts: bool = False, language: str = "en",
                 disclaimer: str = "", public_directory_urls: bool | None = None):
        self.site = site
        self.language = language
        self.kb, self.edition = site.kb, Edition()
        if language != "en":
            self.kb, english = localize(site.kb, site.translations, language)
            stale = {key for key, t in site.translations.by_language.get(language, {}).items()
                     if not t.current}
            self.edition = Edition(language, frozenset(english), frozenset(stale),
                                   site.translations.about.get(language), site.kb.vocabulary)
        self.interface = i18n.Interface(language, site.translations.interface.get(language, {}))
        i18n.use(self.interface)
        # The clinic's settings with their text in this build's language where its
        # data/translations/<lang>/clinic.yml gives it: everything that shows clinic.yml's text
        # (the theme's partials, the macros, the packet's letterhead, the handouts) reads this.
        self.clinic = localized(site.clinic, site.translations.clinic.get(language))
        self.site_name = self.clinic.name if self.clinic else site_name
        self.directory_urls = directory_urls
        self.public_directory_urls = public_directory_urls
        self.site_url = site_url
        self.public_url = urls.public_address(site_url)
        self.handouts = handouts
        self.disclaimer = self.clinic.disclaimer if self.clinic else disclaimer
        self.glossary = Glossary.of(self.kb.of_kind("glossary"))
        self._pages: dict[str, GeneratedPage] | None = None
        self._renderer: Pages | None = None
        self.fallback_pages: set[str] = set()   # hand-written pages shown in English

    @property
    def renderer(self) -> Pages:
        """The page renderer of this build (QR codes and links are made once, for the pages and
        the packets)."""
        if self._renderer is None:
            i18n.use(self.interface)
            clinic = self.clinic
            logo = (urls.file_link(urls.PACKET_PAGE, LOGO_TARGET + Path(clinic.logo).suffix.lower(),
                                   self.directory_urls) if clinic and clinic.logo else "")
            self._renderer = Pages(
                self.kb, site_name=self.site_name, directory_urls=self.directory_urls,
                site_url=self.public_url, handouts=self.handouts, qr=qr.svg,
                history=changes.history(self.site.layers), signoffs=self.site.signoffs,
                clinic_name=clinic.name if clinic else "",
                public_directory_urls=self.public_directory_urls, edition=self.edition,
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

    def content_folder(self, layer: Path, language: str | None = None) -> Path:
        """A layer's hand-written pages in ``language`` (this build's by default): ``content/``
        for English, ``content/<lang>/`` for another language."""
        language = language or self.language
        return (layer / "content" / ("" if language == "en" else language)).resolve()

    def _pages_of(self, content: Path, docs: Path, skip: set[str]):
        if content == docs or not content.is_dir():
            return
        for path in sorted(content.rglob("*")):
            rel = path.relative_to(content)
            if path.is_file() and rel.parts[0] not in skip:
                yield rel.as_posix(), str(content)

    def inherited_content(self, docs_dir: str):
        """Hand-written pages of the earlier layers (the shipped site under a clinic) in this
        build's language: each as ``(src path, its content folder)``; the caller skips those the
        clinic replaces with a page of its own."""
        docs = Path(docs_dir).resolve()
        for layer in self.site.layers:
            yield from self._pages_of(self.content_folder(layer), docs, self._language_folders())

    def english_fallbacks(self, docs_dir: str):
        """In a build in another language, every layer's English pages, for those with no page in
        this language (the caller adds only those, and marks them as English)."""
        if self.language == "en":
            return
        docs = Path(docs_dir).resolve()
        for layer in self.site.layers:
            yield from self._pages_of(self.content_folder(layer, "en"), docs, self._language_folders())

    def _language_folders(self) -> set[str]:
        return set(self.site.translations.by_language) | {self.language} - {"en"}

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

    def write_handouts(self, site_dir: Path) -> None:
        from .packet import write_handouts
        i18n.use(self.interface)  # the handouts' words in this build's language
        write_handouts(self, site_dir / "handouts")

    def write_exports(self, site_dir: Path) -> None:
        export.write(self.kb, site_dir / "api", self.directory_urls, self.language, self.edition.english)

    def index_entries(self, index_file: Path) -> None:
        """Add every entry page to the search index Material wrote (see ``search``)."""
        search.add_to_index(index_file, [
            doc for e in self.kb.entries.values()
            for doc in search.documents(e, urls.page_url(urls.entry_page(e.kind, e.id),
                                                         self.directory_urls), self.kb.vocabulary)])
