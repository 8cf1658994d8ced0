"""A second engine: the site builds with ProperDocs (the maintained fork of MkDocs 1.x) exactly as
with MkDocs, and ``python -m macros docs`` writes a tree any Markdown engine builds with no hook
and no macros plugin."""
from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sitebuild import copy_fixture

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("engines")]  # one worker builds its docs tree


def _differences(a: Path, b: Path, ignore=()) -> list[str]:
    found = []
    compared = filecmp.dircmp(a, b, ignore=list(ignore))
    found += [f"only in one build: {name}" for name in compared.left_only + compared.right_only]
    for name in compared.diff_files:
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if GENERATOR.sub(b"", left) != GENERATOR.sub(b"", right):
            found.append(str(a / name))
    for sub in compared.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    out = tmp_path / "properdocs"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q",
                             "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"ProperDocs" in GENERATOR.search((out / "index.html").read_bytes()).group(0)
    assert _differences(built_site, out, ignore=["es"]) == []  # the English edition (es/ is built apart)


@pytest.fixture(scope="module")
def docs_tree(tmp_path_factory):
    site = copy_fixture("mini", tmp_path_factory.mktemp("docs") / "site")
    out = site.parent / "tree"
    result = subprocess.run([sys.executable, "-m", "macros", "docs", str(out), "--site", str(site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def test_docs_writes_generated_pages_hand_written_pages_and_exports(docs_tree):
    page = (docs_tree / "techniques" / "kneading.md").read_text(encoding="utf-8")
    front, body = page.split("\n---\n", 1)
    assert yaml.safe_load(front.removeprefix("---\n"))["title"] == "Kneading"
    assert '<h1 id="kneading">Kneading' in body and "../../conditions/sore-back/" in body
    home = (docs_tree / "index.md").read_text(encoding="utf-8")
    assert "{{" not in home and "[Kneading](techniques/kneading.md)" in home  # macros ran
    assert json.loads((docs_tree / "api" / "all.json").read_text(encoding="utf-8"))["kinds"]["technique"]


def test_the_docs_tree_builds_with_a_plain_engine_and_no_project_code(docs_tree, tmp_path):
    """Plain MkDocs with its default theme stands in for any Markdown engine: no hook, no macros
    plugin, no overrides."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "Tree", "docs_dir": str(docs_tree),
                                      "theme": {"name": "material"},
                                      "markdown_extensions": ["admonition", "tables", "attr_list"]}))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                             "-d", str(tmp_path / "out")], capture_output=True, text=True,
                            timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "conditions" / "sore-back" / "index.html").read_text(encoding="utf-8")
    assert "Massage may help for a short time." in html and 'class="kb-grade kb-grade--low"' in html


def test_docs_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    result = subprocess.run([sys.executable, "-m", "macros", "docs", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 1 and "is not an empty folder" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"
