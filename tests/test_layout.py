"""The code's layout as the README describes it: every module of ``macros/`` named in the
README's layout table, in its folder's row, and none over 300 lines."""
from __future__ import annotations

import re

from conftest import ROOT

MAX_LINES = 300


def layout_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"^\| (`macros/[^|]*) \| (.*) \|$", readme, re.M)}


def test_every_module_is_in_the_readme_layout_table():
    rows = layout_rows()
    unnamed = []
    for folder in ("kb", "render", "outputs"):
        row = rows[f"`macros/{folder}/`"]
        unnamed += [f"macros/{folder}/{py.name}" for py in sorted((ROOT / "macros" / folder).glob("*.py"))
                    if py.stem != "__init__" and f"`{py.stem}`" not in row]
    kinds_row = rows["`macros/kinds/`"]
    unnamed += [f"macros/kinds/{py.name}" for py in sorted((ROOT / "macros" / "kinds").glob("*.py"))
                if py.stem == "base" and "`base`" not in kinds_row]
    adapters = " ".join(rows)  # the row that names the top-level modules
    unnamed += [f"macros/{py.name}" for py in sorted((ROOT / "macros").glob("*.py"))
                if f"`macros/{py.name}`" not in adapters]
    assert unnamed == []


def test_no_module_is_over_300_lines():
    long = {str(py.relative_to(ROOT)): n for py in sorted((ROOT / "macros").rglob("*.py"))
            if (n := len(py.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
