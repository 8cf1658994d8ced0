"""The site's editions and navigation, as MkDocs' config holds them (this module reads and sets
plain config values; only ``mkdocs_hooks.py`` imports MkDocs): which languages the selector
offers and where each page is in them, a clinic's navigation in its language, with its hidden
sections and pages left out and its own pages added."""
from __future__ import annotations

import contextlib
from pathlib import Path

from macros.kb import hiding, site as site_mod
from macros.kb.siteconfig import config_name, mkdocs_setting
from macros.render import urls


def clinic_nav(nav, clinic, folder: Path, hidden_pages, text) -> list:
    """``nav`` without the sections the clinic hides (named by their English titles: in another
    language, the section listing the same pages) and without its hidden pages, with the
    clinic's own pages added (their titles through ``text``, which escapes them)."""
    hidden = set(clinic.hide_sections)
    gone = _section_pages(folder, hidden)
    nav = [item for item in (nav or [])
           if not (isinstance(item, dict) and (set(item) & hidden or _leaves(item) and _leaves(item) <= gone))]
    nav, _ = hiding.without_pages(nav, hidden_pages)
    nav.extend({text(title): path} for page in clinic.pages for title, path in page.items())
    return nav


def language_nav(config, site) -> list | None:
    """A clinic's edition in another language (its ``mkdocs.<lang>.yml`` inherits its English
    ``mkdocs.yml``, which sets no navigation of its own) takes the navigation of the shipped
    knowledge base's edition in that language: ``nav`` from ``mkdocs.<lang>.yml`` of the clinic's
    ``base``. A config of that language that sets its own ``nav`` keeps it."""
    language = config.theme["language"]
    if language == "en":
        return config.nav
    config_file = Path(config.config_file_path)
    _, source = mkdocs_setting(config_file.parent, "nav", config_file.name)
    if source is not None and source.name == config_name(language):
        return config.nav
    nav, _ = mkdocs_setting(site.layers[0], "nav", config_name(language))
    return nav if isinstance(nav, list) else config.nav


def _leaves(item) -> set[str]:
    """The pages a navigation item lists, at any depth."""
    if isinstance(item, str):
        return {item}
    if isinstance(item, dict):
        return set().union(*(_leaves(v) for v in item.values()))
    if isinstance(item, list):
        return set().union(*(_leaves(v) for v in item)) if item else set()
    return set()


def _section_pages(folder: Path, titles: set[str]) -> set[str]:
    """The pages of the English navigation's sections named in ``hide_sections`` (which names
    them by their English titles): the same section in another edition lists the same pages."""
    nav, _ = mkdocs_setting(folder, "nav")
    return _leaves([item for item in nav or [] if isinstance(item, dict) and set(item) & titles])


def editions(config, output) -> None:
    """The editions of ``extra.alternate`` this site has (English, and each language it has
    translations for), kept as ``kb_editions``. English is the site's root and every other
    language lives in ``<lang>/`` beside it (``urls.alternates``).

    The language selector (``overrides/partials/alternate.html``) links each page to itself in
    the other language, relatively, so it works offline and on a local server. The ``hreflang``
    alternates are in each edition's ``sitemap.xml`` (``overrides/sitemap.xml``), where search
    engines read them as they read links in a page's head. The head has none: Material's script
    fetches a ``sitemap.xml`` beside every alternate link in the head when a page opens, and
    beside a page's own address that is a 404 (two errors per page), while a full address
    would send a kiosk's or a local reader's request to the public site. So ``extra.alternate``
    becomes a plain flag: Material's header shows the selector when it is set, and its head
    template writes links only for a list."""
    languages = {"en", *output.site.translations.by_language}
    found = [e for e in config.extra.get("alternate") or []
             if e.get("lang") in languages and edition_config(config, e["lang"]) is not None]
    config.extra["kb_editions"] = found if len(found) > 1 else []
    config.extra["alternate"] = bool(config.extra["kb_editions"])


def page_alternates(config, url: str) -> list[dict]:
    """The page at ``url`` in every edition (``urls.alternates``), for its language selector."""
    if not config.extra["kb_editions"]:
        return []
    return urls.alternates(url, config.theme["language"], config.extra["kb_editions"],
                           config.site_url or "")


def sitemap_alternates(config, url: str) -> list[dict]:
    """The ``hreflang`` alternates of the page at ``url`` for the sitemap, which takes only full
    addresses: none when ``site_url`` names no host."""
    return [a for a in page_alternates(config, url) if a["address"]]


def edition_config(config, language: str) -> Path | None:
    """The config file that builds this site in ``language``, beside this one: ``mkdocs.yml``
    for English, ``mkdocs.<lang>.yml`` for another (the shipped Spanish edition is
    ``mkdocs.es.yml``; a clinic has one only if it builds Spanish too). None if there is none."""
    here = Path(config.config_file_path)
    if language == config.theme["language"]:
        return here
    path = here.with_name("mkdocs.yml" if language == "en" else f"mkdocs.{language}.yml")
    return path if path.is_file() else None


def edition_configs(config) -> list[tuple[str, Path]]:
    """``(language, config file)`` of each other edition of this site."""
    return [(e["lang"], edition_config(config, e["lang"])) for e in config.extra.get("kb_editions") or []
            if e["lang"] != config.theme["language"]]


_SHARED: dict = {}  # folder -> the site loaded for the edition built first in this process


@contextlib.contextmanager
def sharing(site):
    """While the other editions of a site build in this process (after the English one, with
    ``KB_EDITIONS=all``), they take the site the English build loaded instead of reading and
    validating every file again: the same files, read a few seconds earlier."""
    _SHARED[site.folder] = site
    try:
        yield
    finally:
        _SHARED.pop(site.folder, None)


def load_site(folder: Path):
    """The site in ``folder``: the one being shared (``sharing``), or read now."""
    folder = Path(folder).resolve()
    return _SHARED.get(folder) or site_mod.load(folder)
