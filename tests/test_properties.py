"""Property-based tests (Hypothesis): random valid entries always load and render, with their text
shown exactly as written; random corruptions always fail with a message naming the file."""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import site as site_mod
from macros import vocabulary as v
from macros.pages import Pages
from macros.problems import DataError
from sitebuild import FIXTURES

TODAY = dt.date(2026, 11, 25)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"),
               min_size=1, max_size=60).filter(lambda s: s.strip())


@st.composite
def techniques(draw):
    low = draw(st.integers(0, 5))
    return {
        "title": draw(text), "aliases": draw(st.lists(text, max_size=2, unique_by=str.casefold)),
        "category": draw(st.sampled_from(list(v.TECHNIQUE_CATEGORIES))),
        "setting": draw(st.sampled_from(list(v.SETTINGS))),
        "setting_why": draw(text), "summary": draw(text), "how_it_is_done": draw(text),
        "direction": draw(text), "pressure": {"min": low, "max": draw(st.integers(low, 5))},
        "pace": draw(text), "duration": draw(text),
        "body_regions": draw(st.lists(st.sampled_from(list(v.BODY_REGIONS)), min_size=1, max_size=3,
                                      unique=True)),
        "evidence_summary": draw(text),
        "safety": [{"kind": draw(st.sampled_from(list(v.SAFETY_KINDS))), "text": draw(text)}],
        "feels_like": draw(text), "after_effects": [draw(text)], "warning_signs": [draw(text)],
        "credentials": draw(st.lists(st.just("licence"), max_size=1)),
        "last_reviewed": draw(st.dates(dt.date(2000, 1, 1), TODAY)).isoformat(),
    }


def fresh_site() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kb-prop-"))
    shutil.copytree(FIXTURES / "mini", folder, dirs_exist_ok=True)
    return folder


def visible_text(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


@SETTINGS
@given(entry=techniques())
def test_valid_entries_load_and_render_their_text_verbatim(entry):
    folder = fresh_site()
    try:
        path = folder / "data" / "techniques" / "generated.yml"
        path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
        site = site_mod.load(folder, today=TODAY)
        technique = site.kb.get("technique", "generated")
        page = Pages(site.kb, site_name="Test").entry_page(technique)
        body = page.markdown.split("---\n", 2)[2]
        rendered = markdown.markdown(body, extensions=["abbr", "admonition", "attr_list", "def_list",
                                                       "md_in_html", "tables", "toc"])
        shown = visible_text(rendered)
        for value in (technique.title, technique.summary, technique.safety[0].text):
            assert " ".join(value.split()) in shown
        assert not re.search(r"<(script|iframe)|\son\w+=|href=\"(javascript|data):", rendered, re.I)
    finally:
        shutil.rmtree(folder)


CORRUPTIONS = {
    "drop a required field": lambda d: d.pop("summary"),
    "add an unknown field": lambda d: d.update(sumary="typo"),
    "wrong type": lambda d: d.update(pressure={"min": "low", "max": 3}),
    "value outside the vocabulary": lambda d: d.update(setting="beach"),
    "pressure out of range": lambda d: d.update(pressure={"min": 0, "max": 9}),
    "date that does not exist": lambda d: d.update(last_reviewed="2025-02-30"),
    "unknown reference": lambda d: d.update(origins=["nowhere"]),
}


@SETTINGS
@given(entry=techniques(), corruption=st.sampled_from(sorted(CORRUPTIONS)),
       garbage=st.booleans())
def test_corrupt_entries_always_fail_naming_the_file(entry, corruption, garbage):
    folder = fresh_site()
    try:
        CORRUPTIONS[corruption](entry)
        text_out = yaml.safe_dump(entry, allow_unicode=True)
        if garbage:  # and sometimes break the YAML itself
            text_out += "broken: [unclosed\n"
        (folder / "data" / "techniques" / "generated.yml").write_text(text_out, encoding="utf-8")
        try:
            site_mod.load(folder, today=TODAY)
        except DataError as exc:
            assert exc.problems
            assert any("data/techniques/generated.yml:" in str(p) for p in exc.problems), exc.report()
        else:
            raise AssertionError(f"{corruption} was accepted")
    finally:
        shutil.rmtree(folder)
