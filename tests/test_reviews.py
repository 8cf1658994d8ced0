"""Trust you can check: review records and when the next review is due, clinics' sign-offs, the
review report and dashboard, change history from git, and the rules grades and sources follow."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from macros.kb import reviews
from macros.kb import site as site_mod

from conftest import ROOT
from sitebuild import copy_fixture
from test_hostile_input import STROKING, TODAY, edit, errors, overlay, write


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = copy_fixture("mini", tmp_path / "site")
    monkeypatch.chdir(folder)
    return folder


def test_next_review_is_the_last_review_plus_the_kinds_interval(site):
    kb = site_mod.load(site, today=TODAY).kb
    technique, source = kb.get("technique", "stroking"), kb.get("source", "study-one")
    assert reviews.next_review(technique, kb.vocabulary) == dt.date(2027, 1, 1)   # 12 months
    assert reviews.next_review(source, kb.vocabulary) == dt.date(2029, 1, 1)      # 36 months
    assert reviews.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


def test_a_review_names_who_and_what_was_checked(site):
    edit(site, STROKING, "last_reviewed: 2026-01-01",
         "reviews:\n  - {on: 2025-06-01, by: Editorial team, checked: [facts]}\n"
         "  - {on: 2026-02-01, by: Dr A Example, checked: [safety, sources], note: after a complaint}")
    entry = site_mod.load(site, today=TODAY).kb.get("technique", "stroking")
    assert entry.last_reviewed == dt.date(2026, 2, 1) and entry.last_review.by == "Dr A Example"


def test_a_review_check_outside_the_vocabulary_is_an_error(site):
    edit(site, STROKING, "last_reviewed: 2026-01-01",
         "reviews:\n  - {on: 2026-01-01, by: Editorial team, checked: [vibes]}")
    [message] = errors(site)
    assert message.startswith(f"{STROKING}:19: reviews[0].checked[0]: 'vibes' is not one of: 'facts'")


def report(site, today, signoffs=None):
    loaded = site_mod.load(site, today=today)
    return reviews.report(loaded.kb, today, signoffs if signoffs is not None else loaded.signoffs)


def test_the_report_lists_overdue_entries_and_sources_checked_after_the_entry(site):
    edit(site, "data/sources/study-one.yml", "last_reviewed: 2026-01-01", "last_reviewed: 2026-06-01")
    text = report(site, dt.date(2027, 3, 1))
    overdue = text.split("Overdue")[1].split("Due within")[0]
    assert "technique stroking (data/techniques/stroking.yml): due 2027-01-01" in overdue
    assert "source study-one" not in overdue                       # sources: every 3 years
    changed = text.split("re-checked after")[1].split("Clinic sign-offs")[0]
    assert "technique kneading (data/techniques/kneading.yml): study-one" in changed


def test_the_report_lists_reviews_due_within_90_days_and_old_sources(site):
    edit(site, "data/sources/study-one.yml", "year: 2020", "year: 2001")
    text = report(site, dt.date(2026, 11, 1))
    soon = text.split("Due within 90 days")[1].split("Citing sources")[0]
    assert "technique stroking" in soon and "due 2027-01-01" in soon
    old = text.split("over 10 years old")[1].split("Sources re-checked")[0]
    assert "kneading" in old and "study-one (2001)" in old


def test_a_clinic_signoff_shows_on_the_page_and_goes_stale_when_the_entry_changes(site, tmp_path,
                                                                                  monkeypatch):
    clinic = overlay(tmp_path, site)
    monkeypatch.chdir(tmp_path)
    command = [sys.executable, "-m", "macros", "signoff", "technique/stroking", "--by", "Dr A Example",
               "--credential", "PT, DPT", "--on", "2026-11-01", "--site", str(clinic)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    loaded = site_mod.load(clinic)
    state = loaded.signoffs[("technique", "stroking")]
    assert state.current and state.signoff.by == "Dr A Example"
    from macros.render.pages import Pages
    html = str(Pages(loaded.kb, site_name="Test", signoffs=loaded.signoffs,
                     clinic_name="Test Clinic").entry_page(loaded.kb.get("technique", "stroking")).html)
    assert "Reviewed for Test Clinic by Dr A Example, PT, DPT, on <time" in html
    assert "out of date" not in html
    edit(site, STROKING, "summary: Long, gliding strokes.", "summary: Long, slow strokes.")
    loaded = site_mod.load(clinic)
    assert not loaded.signoffs[("technique", "stroking")].current
    text = reviews.report(loaded.kb, dt.date(2026, 11, 25), loaded.signoffs)
    assert "technique stroking" in text.split("Clinic sign-offs out of date")[1]
    assert "signed by Dr A Example on 2026-11-01; the entry has changed since" in text


def test_a_signoff_for_an_entry_that_does_not_exist_is_an_error(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site)
    (clinic / "signoffs.yml").write_text(
        "signoffs:\n  - {entry: technique/nope, by: Dr A, credential: MD, on: 2026-01-01, "
        "fingerprint: 0123456789abcdef}\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == ["clinic/signoffs.yml:2: signoffs[0].entry: there is no technique 'nope'"]


def test_review_command_prints_the_report(site):
    result = subprocess.run([sys.executable, "-m", "macros", "review", str(site), "--today", "2027-03-01"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Overdue (" in result.stdout and "technique stroking" in result.stdout


@pytest.mark.parametrize("grade, types, allowed", [
    ("moderate", ["trial"], False), ("moderate", ["trial", "trial"], True),
    ("high", ["systematic-review"], True), ("low", ["case-report", "official"], False),
    ("low", ["cohort"], True), ("very-low", ["case-report"], True),
    ("evidence-against", ["observational"], False),
])
def test_grades_follow_the_stated_rules(grade, types, allowed):
    from macros.kinds.source import grade_problem

    class S:
        def __init__(self, t):
            self.source_type = t
    assert (grade_problem(grade, [S(t) for t in types]) is None) is allowed


def test_a_grade_beyond_its_sources_fails_the_check(site):
    edit(site, "data/sources/study-one.yml", "source_type: trial", "source_type: case-report")
    assert "data/conditions/sore-back.yml:7: evidence[0].grade: 'low' needs at least one " \
           "systematic review, guideline, randomised trial or comparison study among its sources; " \
           "case reports, small uncontrolled studies and official pages alone give 'very-low'" in errors(site)


def test_not_enough_research_needs_a_review_or_a_recorded_search(site):
    edit(site, "data/conditions/stiff-neck.yml",
         ", searched: {on: 2026-01-01, where: A test index, terms: [test search], found: Nothing.}", "")
    assert errors(site) == ["data/conditions/stiff-neck.yml:6: evidence[0]: 'insufficient' needs the "
                            "review that found too few studies, or 'searched': where, when and with "
                            "which terms we looked"]


def test_a_source_on_a_refused_host_fails_the_check(site):
    edit(site, "data/sources/study-one.yml", "doi: 10.1000/test.1", "url: https://www.scribd.com/doc/1")
    assert errors(site) == ["data/sources/study-one.yml:8: url: links to scribd.com, a document-sharing "
                            "site (copies uploaded by users): link the original instead (its DOI, "
                            "PubMed record or the publisher's own page)"]


def test_an_entry_citing_only_an_encyclopedia_fails_the_check(site):
    edit(site, "data/sources/study-one.yml", "source_type: trial", "source_type: encyclopedia")
    found = errors(site)
    assert "data/history/ling.yml:8: sources: its only sources are encyclopedias (study-one); cite a " \
           "better source beside them" in found


def test_every_shipped_entry_and_hand_written_page_shows_its_last_and_next_review(shipped, built_site):
    from macros.render import urls
    pages = [urls.page_url(urls.entry_page(kind, entry_id), True) for kind, entry_id in shipped.kb.entries]
    pages += [urls.page_url(p.relative_to(ROOT / "content").as_posix(), True)
              for p in (ROOT / "content").glob("*.md") if p.name != "tags.md"]
    for url in pages:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert re.search(r'Last reviewed <time datetime="\d{4}-\d\d-\d\d">', html), url
        assert "Next review due <time" in html, url


def test_the_dashboard_page_is_built_and_kept_out_of_search(built_site):
    html = (built_site / "review" / "index.html").read_text(encoding="utf-8")
    assert "Review dashboard" in html and "Overdue" in html
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"review/"' not in index


def test_entry_pages_show_their_change_history_from_git(built_site):
    html = (built_site / "conditions" / "low-back-pain" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<summary>Change history \(\d+\)</summary>", html)
    assert re.search(r"<li><time datetime=\"2026-11-25\">2026-11-25</time>: ", html)
