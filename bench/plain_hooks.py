"""The baseline's only hook: the same output step as the knowledge base (template indentation
dropped from every page), so that the ratio measures the data layer and nothing else."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.compact import compact_html  # noqa: E402


def on_post_page(output, page, config):
    return compact_html(output)


def on_post_template(output_content, template_name, config):
    return compact_html(output_content) if template_name.endswith(".html") else output_content
