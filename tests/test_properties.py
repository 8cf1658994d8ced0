"""Property-based tests and a bounded fuzzer (Hypothesis).

- Random valid entries, their text dense with markup, load and render with every value shown
  exactly as written and nothing live: no element, attribute or link that the data spelled.
- Arbitrary bytes, arbitrary YAML structures and random corruptions of valid entries never raise
  anything but ``DataError``, whose every problem names the file, a line and a field.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.kb import site as site_mod
from macros.kb import vocabulary
from macros.kb.names import normal
from macros.kb.problems import DataError
from macros.render.pages import Pages

from conftest import ROOT

v = vocabulary.load(ROOT)
from sitebuild import FIXTURES

TODAY = dt.date(2026, 11, 25)
SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TARGET = Path("data/techniques/generated.yml")

# Markup of every language that has ever run text: HTML, Markdown (block and inline), attribute
# lists, Jinja, YAML front matter, Python-Markdown's placeholders.
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
          "[x](javascript:alert(1))", "{{ 7*7 }}", "{% raw %}", "{: onclick=alert(1) }",
          "!!! danger \"Boom\"", ": defined", "| a | b |", "*[HTML]: Hyper", "---", "# Heading",
          "`code`", "**bold**", "&amp;", "&#x3C;", "\u0002wzxhzdk:0\u0003"[1:-1], "<!--", "]]>",
          "</textarea>", "\\", "'", "\""]
_VISIBLE = "LNPS"


def _visible(s: str) -> bool:
    return any(unicodedata.category(c)[0] in _VISIBLE for c in s)


plain = st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn"),
                      blacklist_characters="\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5")
names = st.one_of(st.text(plain, min_size=1, max_size=40),
                  st.builds(lambda a, m: a + m, st.text(plain, max_size=10), st.sampled_from(MARKUP))
                  ).filter(lambda s: s.strip() and _visible(s) and "\n" not in s)
prose = st.lists(st.one_of(st.text(plain, min_size=1, max_size=30), st.sampled_from(MARKUP)),
                 min_size=1, max_size=6).map(" ".join).filter(lambda s: s.strip())


@st.composite
def techniques(draw):
    low = draw(st.integers(0, 5))
    title = draw(names)
    aliases = draw(st.lists(names, max_size=2, unique_by=normal))
    return {
        "title": title, "aliases": [a for a in aliases if normal(a) != normal(title)],
        "category": draw(st.sampled_from(list(v.technique_categories))),
        "setting": draw(st.sampled_from(list(v.settings))),
        "setting_why": draw(prose), "summary": draw(prose), "how_it_is_done": draw(prose),
        "direction": draw(prose), "pressure": {"min": low, "max": draw(st.integers(low, 5))},
        "pace": draw(prose), "duration": draw(prose),
        "body_regions": draw(st.lists(st.sampled_from(list(v.body_regions)), min_size=1, max_size=3,
                                      unique=True)),
        "evidence_summary": draw(prose),
        "safety": [{"kind": draw(st.sampled_from(list(v.safety_kinds))), "text": draw(prose)}],
        "feels_like": draw(prose), "after_effects": [draw(prose)], "warning_signs": [draw(prose)],
        "credentials": draw(st.lists(st.just("licence"), max_size=1)),
        "last_reviewed": draw(st.dates(dt.date(2000, 1, 1), TODAY)).isoformat(),
    }


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="kb-prop-"))
    shutil.copytree(FIXTURES / "mini", path, dirs_exist_ok=True)
    yield path
    shutil.rmtree(path)


def visible_text(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


class _Live(HTMLParser):
    """Everything in a page that could run or lead somewhere the data chose."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "img", "svg", "style", "form", "input"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                self.found.append(f"{tag}[{name}={value}]")


def live_parts(html_text: str) -> list[str]:
    parser = _Live()
    parser.feed(html_text)
    return parser.found


@SETTINGS
@given(entry=techniques())
def test_valid_entries_render_their_text_verbatim_and_inert(folder, entry):
    (folder / TARGET).write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    site = site_mod.load(folder, today=TODAY)
    technique = site.kb.get("technique", "generated")
    page = Pages(site.kb, site_name="Test").entry_page(technique)
    rendered = str(page.html)
    shown = visible_text(rendered)
    for value in (technique.title, technique.summary, technique.safety[0].text, *technique.aliases):
        assert " ".join(value.split()) in shown
    assert live_parts(rendered) == []
    assert page.title == technique.title


def assert_fails_cleanly(folder: Path) -> None:
    """Loading either works or raises DataError naming the file, a line and a field."""
    try:
        site_mod.load(folder, today=TODAY)
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1
            assert re.match(r"^[^:]+:\d+: [^:]+: .+", str(problem)), str(problem)
        assert any(str(TARGET) in str(p) for p in exc.problems), exc.report()


@SETTINGS
@given(raw=st.binary(max_size=400) | st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_never_raise_anything_but_data_errors(folder, raw):
    (folder / TARGET).write_bytes(raw)
    assert_fails_cleanly(folder)


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20), st.sampled_from(["010", "1:30", "no", "0x1F", "1e3",
                                                                  "2026-13-45", "~", "<<", "*a"]))
yaml_values = st.recursive(yaml_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@SETTINGS
@given(entry=techniques(), field=st.sampled_from(["title", "aliases", "pressure", "safety",
                                                  "summary", "last_reviewed", "id", "extra"]),
       value=yaml_values)
def test_arbitrary_yaml_structures_never_raise_anything_but_data_errors(folder, entry, field, value):
    entry[field] = value
    (folder / TARGET).write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    assert_fails_cleanly(folder)


CORRUPTIONS = {
    "drop a required field": lambda d: d.pop("summary"),
    "add an unknown field": lambda d: d.update(sumary="typo"),
    "wrong type": lambda d: d.update(pressure={"min": "low", "max": 3}),
    "value outside the vocabulary": lambda d: d.update(setting="beach"),
    "pressure out of range": lambda d: d.update(pressure={"min": 0, "max": 9}),
    "date that does not exist": lambda d: d.update(last_reviewed="2025-02-30"),
    "unknown reference": lambda d: d.update(origins=["nowhere"]),
    "a reference twice": lambda d: d.update(credentials=["licence", "licence"]),
    "a date as a number": lambda d: d.update(last_reviewed=0),
    "a huge number": lambda d: d.update(pressure={"min": 10 ** 40, "max": 3}),
    "deep nesting": lambda d: d.update(summary=[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]),
    "a control character": lambda d: d.update(summary="a\x7fb"),
    "a bidirectional override": lambda d: d.update(summary="abc\u202edef"),
    "an invisible title": lambda d: d.update(title="\u200b"),
}


@SETTINGS
@given(entry=techniques(), corruption=st.sampled_from(sorted(CORRUPTIONS)),
       garbage=st.booleans())
def test_corrupt_entries_always_fail_naming_the_file(folder, entry, corruption, garbage):
    CORRUPTIONS[corruption](entry)
    text_out = yaml.safe_dump(entry, allow_unicode=True)
    if garbage:  # and sometimes break the YAML itself
        text_out += "broken: [unclosed\n"
    (folder / TARGET).write_text(text_out, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        site_mod.load(folder, today=TODAY)
    assert any(str(TARGET) + ":" in str(p) for p in caught.value.problems), caught.value.report()
