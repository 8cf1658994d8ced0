"""The Jinja environments that turn resolved entries into page Markdown.

Every ``{{ value }}`` in a page template is escaped for Markdown by ``finalize`` (see ``text.md``),
so data can never add markup, links or Jinja of its own; helpers that build links return
``Markup``. HTML fragments (the filterable index tables) use a second environment with HTML
autoescaping.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from .text import md

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=None if autoescape else md,
    )
    env.filters["md"] = lambda value: Markup(md(value))
    return env


MARKDOWN = _environment(autoescape=False)
HTML = _environment(autoescape=True)


def render_markdown(template: str, **context) -> str:
    return MARKDOWN.get_template(template).render(**context)


def render_html(template: str, **context) -> Markup:
    return Markup(HTML.get_template(template).render(**context))
