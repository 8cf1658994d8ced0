"""MkDocs adapter: the only module that knows about MkDocs' build events.

MkDocs loads this file as a bare module (the project folder is not on ``sys.path``), so it adds
the folder that holds the ``macros`` package and imports from there. It loads the site once per
build (``serve`` rebuilds re-read every YAML file), adds the generated pages in memory, gives the
glossary to Markdown's abbreviations, drops the templates' indentation from every page, and
writes the open-data export. A data error stops the build with every problem listed.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)
if _PACKAGE_PARENT not in sys.path:
    sys.path.insert(0, _PACKAGE_PARENT)

from macros import site as site_mod  # noqa: E402
from macros.compact import compact_html  # noqa: E402
from macros.build import SiteBuild  # noqa: E402
from macros.problems import DataError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.knowledge_base")
KEY = "knowledge_base"
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"


@event_priority(100)  # before the macros plugin, whose define_env reads the loaded site
def on_config(config):
    offline_search(config)  # first: it fixes the URL style the pages and search entries use
    folder = Path(config.config_file_path).resolve().parent
    try:
        site = site_mod.load(folder)
    except DataError as exc:
        raise Abort("\n" + exc.report()) from None
    for warning in site.kb.warnings:
        log.warning(str(warning))
    build = config.extra[KEY] = SiteBuild(site, site_name=config.site_name,
                                          directory_urls=config.use_directory_urls,
                                          site_url=config.site_url or "",
                                          handouts=bool(config.extra.get("handouts")))
    if "abbr" in config.markdown_extensions:
        config.mdx_configs.setdefault("abbr", {})["glossary"] = build.glossary()
    config.watch.extend(str(layer / "data") for layer in site.layers if (layer / "data").is_dir())
    if site.clinic is not None:
        brand(config, site.clinic)
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


def brand(config, clinic) -> None:
    """A clinic's name, logo, disclaimer, contact details and navigation choices."""
    config.site_name = clinic.name
    config.extra["disclaimer"] = clinic.disclaimer
    config.extra["clinic"] = clinic.model_dump(mode="json")
    if clinic.logo:
        config.theme["logo"] = clinic.logo
    hidden = set(clinic.hide_sections)
    config.nav = [item for item in (config.nav or []) if not (set(item) & hidden)]
    config.nav.extend(dict(page) for page in clinic.pages)


def on_files(files: Files, config):
    build: SiteBuild = config.extra[KEY]
    for page in build.pages():
        if files.get_file_from_path(page.src) is not None:
            raise Abort(f"content/{page.src} clashes with a page generated from the data; "
                        "rename or remove it")
        files.append(File.generated(config, page.src, content=page.markdown))
    for src, abs_path, layer_docs in build.inherited_content(config.docs_dir):
        if files.get_file_from_path(src) is None:
            files.append(File(src, layer_docs, config.site_dir, config.use_directory_urls))
    return files


def on_page_content(html, page, config, files):
    return config.extra[KEY].focusable_terms(html)


def on_post_page(output, page, config):
    return compact_html(output)


def on_post_template(output_content, template_name, config):
    return compact_html(output_content) if template_name.endswith(".html") else output_content


# After the search plugin has written its index (priority 0), before Material's offline plugin
# copies it into a script for file:// use (-100).
@event_priority(-50)
def on_post_build(config):
    build: SiteBuild = config.extra[KEY]
    build.write_exports(Path(config.site_dir))
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        build.index_entries(index)
    if build.handouts:
        build.write_handouts(Path(config.site_dir), config.extra["disclaimer"])
