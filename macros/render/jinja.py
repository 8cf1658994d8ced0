"""The Jinja environment that turns resolved entries into page HTML.

Autoescaping is on and undefined names fail, so every value from the data is HTML-escaped where it
lands; only ``Markup`` built by the page tools (links, headings, grade badges) passes as it is.
The HTML is handed to the site engine ready-made: no text from the data is ever parsed as
Markdown or as a template.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import i18n

TEMPLATES = Path(__file__).resolve().parent / "templates"

HTML = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    extensions=["jinja2.ext.i18n"],
)
# A translation is data: escaped like any other text (Jinja then fills in its %(name)s values,
# escaped too). Templates keep markup outside ``_()``.
HTML.install_gettext_callables(lambda text: escape(i18n.lookup(text)),
                               lambda one, many, n: escape(i18n.lookup(one if n == 1 else many)),
                               newstyle=True)
HTML.filters["date"] = lambda day: i18n.date(day)
HTML.filters["month"] = lambda day: i18n.month(day)
HTML.filters["name"] = lambda text: i18n.name(text)
HTML.filters["code"] = lambda text: Markup("<code>%s</code>") % text  # text escaped, in <code>


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, keyed by template and
    checked against its source (Jinja recompiles a template whose source changed). The theme's
    environment uses it (``mkdocs_hooks.on_env``): each edition, and each rebuild while serving,
    gets a new environment, and would otherwise compile the same 70-odd templates again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def use_templates(folder) -> None:
    """Also look for templates in ``folder`` (a kind that brings its own)."""
    if str(folder) not in HTML.loader.searchpath:
        HTML.loader.searchpath.append(str(folder))


def render_html(template: str, **context) -> Markup:
    return Markup(HTML.get_template(template).render(**context))
