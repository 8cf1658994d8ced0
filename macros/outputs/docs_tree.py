"""``python -m macros docs OUT``: the whole site as a plain docs tree that any Markdown site engine
can build, with no hook and no macros plugin.

- Each generated page becomes ``OUT/<path>.md``: a YAML front matter (title, description, tags)
  and its finished HTML (with glossary tooltips), which Markdown passes through as it is.
- Each hand-written page of every layer (a clinic's replacing the shipped one) is written with
  its macros already run, by the same ``PageMacros`` the MkDocs build registers; other files
  (images, the iframe shim) are copied.
- ``OUT/api/`` holds the open-data export.

What an engine building this tree does not get is listed in the README ("A second engine").
"""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import yaml

from ..kb.site import Site
from ..render.page_macros import PageMacros
from . import export
from .site_output import SiteOutput

FRONT_KEYS = ("title", "description", "tags")


def write(site: Site, out: Path, site_name: str = "Medical Massage Knowledge Base",
          site_url: str = "") -> int:
    """Write the tree; returns the number of pages written."""
    output = SiteOutput(site, site_name=site_name, site_url=site_url)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for page in output.pages():
        meta = {key: page.meta[key] for key in FRONT_KEYS if key in page.meta}
        meta["title"] = page.title
        body = output.annotate(str(page.html))
        _write(out / page.src, _front(meta) + body + "\n")
        count += 1
    for rel, path in _hand_written(site):
        target = out / rel
        if path.suffix == ".md":
            _write(target, _render(path.read_text(encoding="utf-8"), rel, output))
            count += 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    export.write(site.kb, out / "api")
    return count


def _hand_written(site: Site) -> list[tuple[str, Path]]:
    """``(path in the tree, file)`` for every file of every layer's ``content/``; a later layer's
    file replaces an earlier one at the same path."""
    found: dict[str, Path] = {}
    for layer in site.layers:
        content = layer / "content"
        if content.is_dir():
            for path in sorted(content.rglob("*")):
                if path.is_file():
                    found[path.relative_to(content).as_posix()] = path
    return sorted(found.items())


def _render(text: str, rel: str, output: SiteOutput) -> str:
    """A hand-written page with its macros run, its front matter kept as it is."""
    front, body = "", text
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            front, body = text[:end + 4] + "\n", text[end + 4:].lstrip("\n")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    macros = PageMacros(output.kb, output.clinic, lambda: rel, output.directory_urls,
                        shipped=output.shipped_pages)
    body = output.shipped_markdown(rel, body)
    return front + env.from_string(body).render(**macros.all())


def _front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
