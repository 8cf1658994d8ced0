"""MkDocs adapter: the only module that knows about MkDocs' build events.

MkDocs loads this file as a bare module (the project folder is not on ``sys.path``), so it adds
the folder that holds the ``macros`` package and imports from there. It loads the site once per
build (``serve`` rebuilds re-read every YAML file), adds the generated pages, adds the glossary
tooltips, drops the templates' indentation from every page, and writes the open-data export. A
data error stops the build with every problem listed.

Why generated pages are safe whatever their text: MkDocs gets each of them as an empty Markdown
file. Its title, metadata and finished HTML are attached here from Python (``on_page_markdown``
and ``on_page_content``), so no text from the data is ever parsed as front matter, Markdown or a
macro, and the macros plugin only ever sees the empty string. Text values are escaped for
Material's templates, which print ``page.meta.title``, ``description`` and ``config.site_name``
as they are: they get ``Markup`` (escaped once, and left alone by ``| e``).
"""
from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_PARENT not in sys.path:
    sys.path.insert(0, _PACKAGE_PARENT)

from macros.editions import (clinic_nav, edition_configs, editions, language_nav,  # noqa: E402
                             load_site, page_alternates, sharing, sitemap_alternates)
from macros.kb import reviews  # noqa: E402
from macros.kb.clinic import LOGO_TARGET  # noqa: E402
from macros.kb.problems import DataError  # noqa: E402
from macros.outputs.compact import compact_html  # noqa: E402
from macros.outputs.page_assets import page_assets  # noqa: E402
from macros.outputs.site_output import SiteOutput  # noqa: E402
from macros.render import i18n  # noqa: E402
from macros.render.jinja import COMPILED  # noqa: E402
from macros.render.urls import no_address  # noqa: E402

log = logging.getLogger("mkdocs.plugins.knowledge_base")
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
_IDS = re.compile(r'\sid="([^"]+)"')


def current(config) -> SiteOutput:
    """This build's output, kept on the config object itself: not in ``extra``, whose keys the
    macros plugin hands to every hand-written page as variables."""
    return config.__dict__["_kb_output"]


@event_priority(100)  # before the macros plugin, whose define_env reads the loaded site
def on_config(config):
    public_directory_urls = config.use_directory_urls  # the public site's, before an offline build's
    offline_search(config)  # first: it fixes the URL style the pages and search entries use
    folder = Path(config.config_file_path).resolve().parent
    try:
        site = load_site(folder)
    except DataError as exc:
        raise Abort("\n" + exc.report()) from None
    for notice in site.notices:  # INFO: a notice never stops a build, strict or not
        log.info("notice: %s", str(notice).removeprefix("warning: "))
    output = SiteOutput(site, site_name=config.site_name, directory_urls=config.use_directory_urls,
                        site_url=config.site_url or "", handouts=bool(config.extra.get("handouts")),
                        language=config.theme["language"],
                        disclaimer=config.extra.get("disclaimer", ""),
                        public_directory_urls=public_directory_urls)
    if not output.public_url:
        log.info("notice: %s", no_address(config.site_url))
    config.__dict__["_kb_output"] = output
    editions(config, output)  # the language selector's editions (macros/editions.py)
    config.theme["kb_disclaimer"] = config.extra.get("disclaimer", "")
    config.theme["kb_clinic"] = None
    about = output.edition.about
    config.theme["kb_translation"] = about.statement if about is not None else ""
    config.watch.extend(str(layer / "data") for layer in site.layers if (layer / "data").is_dir())
    if site.clinic is not None:
        config.nav = language_nav(config, site)
        brand(config, output.clinic, folder)
    return config


def offline_search(config) -> None:
    """Material's offline plugin (a kiosk or USB build) makes search work from file:// with a
    worker shim it links from unpkg.com, unless one is listed already: list the copy shipped in
    ``overrides``, so a reader opening the folder makes no request to any other host. The plugin
    also turns directory URLs off, but only in its own ``on_config``, after this hook has laid
    out the pages: do it here too."""
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return
    config.use_directory_urls = False
    polyfills = config.extra.setdefault("polyfills", [])
    if not any("iframe-worker" in str(url) for url in polyfills):
        polyfills.append(OFFLINE_SHIM)


def _text(value: str) -> Markup:
    """Plain text for a Material template that prints it as it is."""
    return Markup(html.escape(value, quote=True))


def brand(config, clinic, folder: Path) -> None:
    """A clinic's name, logo, disclaimer, contact details and navigation choices."""
    config.site_name = _text(clinic.name)
    # For the theme's templates only: ``extra`` would also hand these to every page as variables.
    config.theme["kb_disclaimer"] = clinic.disclaimer
    config.theme["kb_clinic"] = clinic.model_dump(mode="json")
    if clinic.logo:
        config.theme["logo"] = LOGO_TARGET + Path(clinic.logo).suffix.lower()
    config.nav = clinic_nav(config.nav, clinic, folder, current(config).kb.hidden_pages(), _text)


def on_files(files: Files, config):
    output = current(config)
    for page in output.pages():
        if files.get_file_from_path(page.src) is not None:
            raise Abort(f"content/{page.src} clashes with a page generated from the data; "
                        "rename or remove it")
        files.append(File.generated(config, page.src, content=""))
    for src, layer_docs in output.inherited_content(config.docs_dir):
        if files.get_file_from_path(src) is None:
            files.append(File(src, layer_docs, config.site_dir, config.use_directory_urls))
    for src, layer_docs in output.english_fallbacks(config.docs_dir):
        if files.get_file_from_path(src) is None:  # no page in this language: the English one
            files.append(File(src, layer_docs, config.site_dir, config.use_directory_urls))
            output.fallback_pages.add(src)
    clinic = output.clinic
    if clinic is not None and clinic.logo:
        files.append(File.generated(config, config.theme["logo"],
                                    abs_src_path=str(output.site.folder / clinic.logo)))
    for target, source in output.photos():
        files.append(File.generated(config, target, abs_src_path=str(source)))
    return files


@event_priority(100)  # before the macros plugin and the tags plugin read the page's metadata
def on_page_markdown(markdown, page, config, files):
    generated = current(config).generated(page.file.src_uri)
    if generated is None:
        markdown = current(config).shipped_markdown(page.file.src_uri, markdown)
        if markdown.lstrip().startswith("---") and not page.meta:
            raise Abort(f"{page.file.src_uri}: its front matter (between the --- lines at the "
                        "top) is not valid YAML; fix it, or the page would show it as text")
        try:
            record = reviews.page_reviews(page.file.content_string, f"content/{page.file.src_uri}",
                                          current(config).kb.vocabulary)
        except DataError as exc:
            raise Abort("\n" + exc.report()) from None
        if record is not None:
            vocab = current(config).kb.vocabulary
            page.meta["kb_review"] = {
                "on": record.last.on.isoformat(), "on_label": i18n.date(record.last.on),
                "by": i18n.name(record.last.by or ""), "note": record.last.note or "",
                "checked": [vocab.review_checks[c].label.lower() for c in record.last.checked],
                "next": reviews.page_next_review(record, vocab).isoformat(),
                "next_label": i18n.month(reviews.page_next_review(record, vocab))}
        if page.file.src_uri in current(config).fallback_pages:
            page.meta["kb_lang"] = "en"
        if isinstance(page.title, Markup) and "title" not in page.meta:
            # A title from clinic.yml's pages: Material prints meta.title as it is, but
            # page.title through ``striptags``, which would undo the escaping.
            page.meta["title"] = page.title
        return markdown
    meta = {key: value for key, value in generated.meta.items()}
    meta["title"] = _text(generated.title)
    if "description" in meta:
        meta["description"] = _text(meta["description"])
    meta["render_macros"] = False
    page.meta = meta
    return ""


def on_page_content(html_text, page, config, files):
    output = current(config)
    generated = output.generated(page.file.src_uri)
    if generated is not None:
        html_text = str(generated.html)
        page.toc = get_toc(_toc_tokens(generated.headings))
        page.present_anchor_ids = set(_IDS.findall(html_text))
    page.meta["kb_assets"] = page_assets(html_text)  # overrides/main.html loads them
    return output.annotate(html_text)


def _toc_tokens(headings) -> list[dict]:
    """Headings as the nested tokens of Python-Markdown's ``toc`` extension (names as HTML)."""
    root: list[dict] = []
    stack: list[dict] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": html.escape(heading.text),
                 "children": []}
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def on_env(env, config, files):
    """Our words in the theme's templates (the partials in ``overrides``), in the build's
    language, escaped: the theme's own words come from Material's ``lang.t``."""
    env.globals["_"] = lambda text, **values: Markup.escape(i18n.gettext(text, **values))
    env.globals["kb_hreflang"] = lambda url: sitemap_alternates(config, url)  # overrides/sitemap.xml
    env.bytecode_cache = COMPILED
    return env


def on_page_context(context, page, config, nav):
    page.meta["kb_alternates"] = page_alternates(config, page.url)
    return context


def all_editions(config) -> bool:
    """``KB_EDITIONS=all`` (``make build``, ``make serve``): the English build also builds every
    other edition, into ``<lang>/`` of its folder. Without it, each config builds alone."""
    return os.environ.get("KB_EDITIONS") == "all" and config.theme["language"] == "en"


def build_other_editions(config) -> None:
    """Every other edition, built in this process right after the English one: they share its
    loaded site (``editions.sharing``), its imports and its compiled page templates."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    with sharing(current(config).site):
        for language, path in edition_configs(config):
            other = load_config(str(path), site_dir=str(Path(config.site_dir) / language),
                                strict=config.strict)
            other.site_url = config.site_url.rstrip("/") + f"/{language}/"
            build(other, dirty=False)


def on_serve(server, config, builder):
    """``make serve`` (``KB_EDITIONS=all``) rebuilds every edition after each edit (see
    ``all_editions``) and watches their configs; serving either config alone reloads faster."""
    if all_editions(config):
        for _, path in edition_configs(config):  # their pages are under content/, watched already
            server.watch(str(path))
    return server


def on_post_page(output, page, config):
    return compact_html(output)


def on_post_template(output_content, template_name, config):
    return compact_html(output_content) if template_name.endswith(".html") else output_content


# After the search plugin has written its index (priority 0), before Material's offline plugin
# copies it into a script for file:// use (-100).
@event_priority(-50)
def on_post_build(config):
    output = current(config)
    for text in sorted(output.interface.missing):  # strict mode fails: the edition is incomplete
        log.warning("no %s translation of the interface text %r: add it to "
                    "data/translations/%s/interface.yml", output.language, text, output.language)
    output.write_exports(Path(config.site_dir))
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        output.index_entries(index)
    if output.handouts:
        output.write_handouts(Path(config.site_dir))
    if all_editions(config):
        build_other_editions(config)
