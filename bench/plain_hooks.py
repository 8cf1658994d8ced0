"""The baseline's only hook: the same output steps as the knowledge base (glossary tooltips on
each page's HTML, each page's own scripts, template indentation dropped from every page), so
that the ratio measures the data layer and nothing else. The glossary comes ready-made from ``glossary.json`` beside the
baseline's ``mkdocs.yml``; ``macros.outputs.tooltips`` and ``macros.outputs.compact`` import nothing of the data
layer (no Pydantic, no YAML)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.outputs.compact import compact_html  # noqa: E402
from macros.outputs.page_assets import page_assets  # noqa: E402
from macros.outputs.tooltips import Glossary  # noqa: E402

_GLOSSARY: dict[str, Glossary] = {}


def on_config(config):
    path = Path(config.config_file_path).parent / "glossary.json"
    _GLOSSARY["site"] = Glossary.load(json.loads(path.read_text(encoding="utf-8")))
    return config


def on_page_content(html, page, config, files):
    page.meta["kb_assets"] = page_assets(html)
    return _GLOSSARY["site"].annotate(html)


def on_post_page(output, page, config):
    return compact_html(output)


def on_post_template(output_content, template_name, config):
    return compact_html(output_content) if template_name.endswith(".html") else output_content
