"""The registry of kinds: a new kind needs its module, its model, its template and its words in the
vocabulary, and nothing else; and every rule a model checks across its fields has a failing case."""
from __future__ import annotations

import json
import shutil
import sys

import pytest

from macros import kinds
from macros.kb import site as site_mod
from macros.kb.problems import DataError
from macros.outputs import export, search
from macros.outputs.site_output import SiteOutput

from conftest import ROOT
from sitebuild import FIXTURES, copy_fixture
from test_hostile_input import STROKING, TODAY, edit, errors, write


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = copy_fixture("mini", tmp_path / "site")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def toy_kind(monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES / "toy"))
    import tip_kind
    kinds.register(tip_kind.KIND)
    yield tip_kind.KIND
    kinds.unregister("tip")
    sys.modules.pop("tip_kind", None)


def test_a_new_kind_needs_only_its_module_template_and_words(site, toy_kind):
    vocabulary = (ROOT / "data/vocabulary.yml").read_text(encoding="utf-8")
    write(site, "data/vocabulary.yml",
          vocabulary.replace("kinds:\n", "kinds:\n  tip: {label: Tips, singular: Tip}\n", 1))
    write(site, "data/tips/warm-up.yml", "title: Warm up first\nadvice: Take a warm shower.\n"
                                         "techniques: [kneading]\nlast_reviewed: 2026-01-01\n")
    loaded = site_mod.load(site, today=TODAY)
    output = SiteOutput(loaded, site_name="Test")
    pages = {page.src: page for page in output.pages()}
    assert "Take a warm shower." in str(pages["tips/warm-up.md"].html)
    assert 'href="../../techniques/kneading/">Kneading</a>' in str(pages["tips/warm-up.md"].html)
    assert "Warm up first" in str(pages["tips/index.md"].html)                  # its index
    assert 'href="../../tips/warm-up/">Warm up first</a>' in str(pages["techniques/kneading.md"].html)
    doc = search.document(loaded.kb.get("tip", "warm-up"), "tips/warm-up/", loaded.kb.vocabulary)
    assert doc["boost"] == 1.2 and "Tip" in doc["tags"]                          # search
    assert export.records(loaded.kb, "tip")[0]["advice"] == "Take a warm shower."  # export
    assert "advice" in export.schema("tip", loaded.kb.vocabulary)["items"]["properties"]


def test_a_kind_without_words_in_the_vocabulary_is_an_error(site, toy_kind):
    with pytest.raises(DataError) as caught:
        site_mod.load(site, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "data/vocabulary.yml:1: kinds: no words for the kind 'tip': add 'tip: {label: ..., "
        "singular: ...}'"]


# Every rule that spans fields of one model, broken once. (file, old text, new text, message)
KNEADING = "data/techniques/kneading.yml"
NECK = "data/conditions/stiff-neck.yml"
RULES = [
    (STROKING, "pressure: {min: 1, max: 2}", "pressure: {min: 3, max: 2}",
     f"{STROKING}:8: pressure: min (3) is above max (2)"),
    (NECK, "  - {technique: kneading, grade: insufficient, effect: Not studied.,",
     "  - {technique: kneading, grade: insufficient, effect: Again., sources: [study-one]}\n"
     "  - {technique: kneading, grade: insufficient, effect: Not studied.,",
     f"{NECK}:5: evidence: technique 'kneading' has two evidence rows; merge them"),
    ("data/therapies/stretch-class.yml", "evidence_grade: insufficient", "evidence_grade: low",
     "data/therapies/stretch-class.yml:1: (file): an evidence grade of 'low' needs at least one source"),
    ("data/history/old-rubbing.yml", "end_year: -2400", "end_year: -2600",
     "data/history/old-rubbing.yml:2: when: end_year is before year"),
    ("data/history/old-rubbing.yml", "year: -2500, end_year: -2400", "year: 0",
     "data/history/old-rubbing.yml:2: when: there is no year 0: 1 BCE is -1, 1 CE is 1"),
    ("data/sources/study-one.yml", "doi: 10.1000/test.1", "doi: null",
     "data/sources/study-one.yml:1: (file): a source needs a doi, a pmid or a url so readers can "
     "find it (or, where the only copies online are not the original, 'no_link' saying so)"),
    ("data/sources/study-one.yml", "doi: 10.1000/test.1", "doi: 10.1000/test.1\nsources: [study-one]",
     "data/sources/study-one.yml:1: (file): a source does not cite other sources"),
    ("data/glossary/fascia.yml", "definition: Thin tissue that wraps muscles.",
     "definition: " + "Long. " * 60,
     "data/glossary/fascia.yml:2: definition: a definition is shown as a tooltip: keep it under 300 "
     "characters and put the rest in 'details'"),
    (KNEADING, "aliases: [KN]", "aliases: [KN, kneading]",
     f"{KNEADING}:2: aliases: alias 'kneading' is the title again"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: adapt, client: Go gently., grade: low, sources: [study-one]}",
     f"{KNEADING}:25: contexts[0]: an 'adapt' ruling gives pressure_max: the most pressure on the "
     "0-5 scale"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: avoid, client: Not now., grade: low, sources: [study-one], "
     "pressure_max: 1}",
     f"{KNEADING}:25: contexts[0]: an 'avoid' ruling has no pressure_max"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: usual-care, client: Fine.}",
     f"{KNEADING}:25: contexts[0]: a ruling of 'usual-care' needs at least one source; where no "
     "source speaks to this pair, the ruling is 'no-guidance'"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: usual-care, client: Fine., sources: [study-one]}",
     f"{KNEADING}:25: contexts[0]: a ruling of 'usual-care' needs a grade: how sure its sources are"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: usual-care, grade: low, sources: [study-one]}",
     f"{KNEADING}:25: contexts[0]: a ruling of 'usual-care' needs 'client': what a client reads"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: no-guidance, grade: low}",
     f"{KNEADING}:25: contexts[0]: a 'no-guidance' ruling has no sources, grade or pressure: if a "
     "source speaks to this pair, give the ruling it supports"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: no-guidance}\n  - {context: pregnancy, ruling: no-guidance}",
     f"{KNEADING}:24: contexts: context 'pregnancy' has two rulings; keep one"),
    (KNEADING, "last_reviewed: 2026-01-01", "last_reviewed: 2026-01-01\ncontexts:\n"
     "  - {context: pregnancy, ruling: adapt, client: Gently., grade: low, sources: [study-one], "
     "pressure_max: 5}",
     f"{KNEADING}:1: (file): the ruling for 'pregnancy' allows pressure 5, above this technique's "
     "most (4)"),
]


@pytest.mark.parametrize("path, old, new, message", RULES, ids=[r[3].split(": ", 2)[-1][:40] for r in RULES])
def test_every_rule_across_fields_has_a_failing_case(site, path, old, new, message):
    edit(site, path, old, new)
    if "pregnancy" in new:  # the context the rulings name
        write(site, "data/contexts/pregnancy.yml", CONTEXT)
    assert message in errors(site)


CONTEXT = """title: Pregnancy
summary: You are expecting a baby.
why_it_matters: Some positions and pressure change.
tell_your_therapist: [How far along you are.]
questions_to_ask: [Have you trained in pregnancy massage?]
see_a_doctor_first: [Bleeding or pain.]
student: Side-lying after the first trimester.
last_reviewed: 2026-01-01
"""


def test_a_technique_without_a_ruling_for_a_context_fails(site):
    write(site, "data/contexts/pregnancy.yml", CONTEXT)
    found = errors(site)
    assert f"{STROKING}:1: contexts: no ruling for pregnancy: give each context a ruling, or " \
           "'no-guidance' where no source speaks to it" in found
    assert len(found) == 2  # kneading and stroking
