"""A catalogue of hostile and careless data. Each case is a small change to the fixture site and
the exact outcome: the errors it must report (file:line: field: message), or the safe page it
must build. The table in tests/README.md lists the same cases.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import time
from pathlib import Path

import pytest

from macros.kb import site as site_mod
from macros.kb.problems import DataError
from sitebuild import ROOT, built, copy_fixture, mkdocs_build, write_config

TODAY = dt.date(2026, 11, 25)
STROKING = "data/techniques/stroking.yml"
FAQ = "data/faq/does-it-hurt.yml"
FAQ_TEXT = "title: Does it hurt?\nanswer: {answer}\nrelated: [technique/kneading]\nlast_reviewed: 2026-01-01\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = copy_fixture("mini", tmp_path / "site")
    monkeypatch.chdir(folder)  # messages name files relative to the site folder
    return folder


def write(folder: Path, rel: str, text: str | bytes) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def edit(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture {rel} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(folder: Path, today: dt.date = TODAY) -> list[str]:
    """The errors loading the site in ``folder`` reports, as ``file:line: field: message``."""
    with pytest.raises(DataError) as caught:
        site_mod.load(folder, today=today)
    return [str(p) for p in caught.value.problems]


def loads(folder: Path):
    return site_mod.load(folder, today=TODAY)


# --- YAML ----------------------------------------------------------------------------------------

def test_yaml_syntax_error(site):
    write(site, STROKING, "title: [Stroking\nsummary: x\n")
    assert errors(site) == [f"{STROKING}:2: (file): YAML syntax error: did not find expected ',' or ']'"]


def test_tab_indentation(site):
    write(site, STROKING, "title: Stroking\npressure:\n\tmin: 1\n")
    [message] = errors(site)
    assert message.startswith(f"{STROKING}:3: (file): YAML syntax error")
    assert "this line has a tab: YAML indents with spaces only" in message


def test_duplicate_keys_are_rejected_not_merged(site):
    edit(site, STROKING, "summary: Long, gliding strokes.", "summary: One.\nsummary: Two.")
    assert errors(site) == [f"{STROKING}:6: summary: duplicate key 'summary' (first given on line 5)"]


def test_empty_file(site):
    write(site, STROKING, "")
    assert errors(site) == [f"{STROKING}:1: (file): the file is empty; an entry is a mapping of fields"]


def test_file_holding_a_list(site):
    write(site, STROKING, "- title: Stroking\n")
    assert errors(site) == [f"{STROKING}:1: (file): the file holds a list; an entry must be a "
                            "mapping of fields (field: value)"]


def test_file_holding_a_single_value(site):
    write(site, STROKING, "just some text\n")
    assert errors(site) == [f"{STROKING}:1: (file): the file holds a single str value; an entry "
                            "must be a mapping of fields (field: value)"]


def test_byte_order_mark_is_accepted(site):
    path = site / STROKING
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert loads(site).kb.get("technique", "stroking").title == "Stroking"


def test_windows_1252_text_is_rejected_with_its_line(site):
    write(site, FAQ, FAQ_TEXT.format(answer="It “should” not.").encode("cp1252"))
    assert errors(site) == [f"{FAQ}:2: (file): the file is not UTF-8 (byte 0x93); save it as UTF-8 "
                            "in your editor"]


def test_smart_quotes_and_non_breaking_spaces_are_kept(site):
    write(site, FAQ, FAQ_TEXT.format(answer="It “should” not hurt\u00a0much."))
    assert loads(site).kb.get("faq", "does-it-hurt").answer == "It “should” not hurt\u00a0much."


def test_alias_bomb_is_refused_quickly(site):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi"))
    write(site, STROKING, bomb)
    started = time.monotonic()
    assert errors(site) == [f"{STROKING}:1: a: anchors and aliases (&name, *name) are not "
                            "allowed in entries"]
    assert time.monotonic() - started < 5


def test_ten_megabyte_file(site):
    write(site, STROKING, "title: " + "x" * (10 * 1024 * 1024) + "\n")
    assert errors(site) == [f"{STROKING}:1: (file): the file is 10240 KB; an entry may be at most 512 KB"]


def test_yaml_suffix_is_accepted(site):
    (site / STROKING).rename(site / "data/techniques/stroking.yaml")
    assert loads(site).kb.has("technique", "stroking")


def test_same_id_as_yml_and_yaml(site):
    write(site, "data/techniques/stroking.yaml", (site / STROKING).read_text(encoding="utf-8"))
    assert errors(site) == ["data/techniques/stroking.yml:1: id: 'stroking' is also defined by "
                            "data/techniques/stroking.yaml"]


def test_file_in_the_wrong_kind_folder(site):
    (site / "data/history/ling.yml").rename(site / "data/sources/ling.yml")
    found = errors(site)
    assert "data/sources/ling.yml:2: when: unknown field 'when' ('when' is a field of history " \
           "entries: is this file in the wrong folder?)" in found


def test_not_a_yaml_file_in_a_kind_folder(site):
    write(site, "data/techniques/notes.txt", "remember to add cupping")
    assert errors(site) == ["data/techniques/notes.txt:1: (file): not an entry: entry files end in "
                            ".yml or .yaml"]


def test_unknown_kind_folder(site):
    write(site, "data/technique/extra.yml", "title: x\n")
    assert errors(site) == ["data/technique:1: (file): unknown kind folder 'technique' (did you "
                            "mean 'techniques'?)"]


# --- Schema --------------------------------------------------------------------------------------

def test_unknown_field_typo(site):
    edit(site, STROKING, "summary:", "sumary:")
    assert errors(site) == [f"{STROKING}:1: summary: required field is missing",
                            f"{STROKING}:5: sumary: unknown field 'sumary' (did you mean 'summary'?)"]


def test_missing_required_field(site):
    edit(site, STROKING, "feels_like: Soothing.\n", "")
    assert errors(site) == [f"{STROKING}:1: feels_like: required field is missing"]


def test_wrong_type(site):
    edit(site, STROKING, "pressure: {min: 1, max: 2}", "pressure: {min: one, max: 2}")
    assert errors(site) == [f"{STROKING}:8: pressure.min: must be a whole number, not 'one'"]


def test_text_where_a_list_is_expected(site):
    edit(site, "data/techniques/kneading.yml", "aliases: [KN]", "aliases: KN")
    assert errors(site) == ["data/techniques/kneading.yml:2: aliases: Input should be a valid tuple"]


@pytest.mark.parametrize("name", ["deep tissue", "Deep", "a..b", "-x"])
def test_invalid_id_in_file_name(site, name):
    (site / FAQ).rename(site / f"data/faq/{name}.yml")
    assert errors(site) == [f"data/faq/{name}.yml:1: id: the file name '{name}' is not a valid "
                            "id: use lower-case letters, digits and single hyphens"]


def test_id_with_a_path_in_it(site):
    edit(site, STROKING, "title: Stroking", "id: ../../etc/passwd\ntitle: Stroking")
    assert errors(site) == [f"{STROKING}:1: id: id '../../etc/passwd' differs from the file name 'stroking'"]


def test_id_that_differs_from_the_file_name(site):
    edit(site, STROKING, "title: Stroking", "id: gliding\ntitle: Stroking")
    assert errors(site) == [f"{STROKING}:1: id: id 'gliding' differs from the file name 'stroking'"]


def test_date_that_does_not_exist(site):
    edit(site, STROKING, "last_reviewed: 2026-01-01", "last_reviewed: 2025-02-30")
    assert errors(site) == [f"{STROKING}:18: last_reviewed: Input should be a valid date or datetime, "
                            "day value is outside expected range"]


def test_review_date_in_the_future(site):
    edit(site, STROKING, "last_reviewed: 2026-01-01", "last_reviewed: 2027-01-01")
    assert errors(site) == [f"{STROKING}:18: last_reviewed: 2027-01-01 is in the future; give the date "
                            "the entry was last reviewed"]


def test_evidence_grade_outside_the_vocabulary(site):
    edit(site, "data/conditions/stiff-neck.yml", "grade: insufficient", "grade: strong")
    [message] = errors(site)
    assert message.startswith("data/conditions/stiff-neck.yml:6: evidence[0].grade: 'strong' is not "
                              "one of: 'high', 'moderate'")


def test_pressure_of_seven(site):
    edit(site, STROKING, "max: 2", "max: 7")
    assert errors(site) == [f"{STROKING}:8: pressure.max: 7 is not on the pressure scale (0 to 5)"]


def test_body_region_outside_the_vocabulary(site):
    edit(site, STROKING, "body_regions: [whole-body]", "body_regions: [elbow]")
    [message] = errors(site)
    assert message.startswith(f"{STROKING}:11: body_regions[0]: 'elbow' is not one of: 'head-and-face'")


def test_a_graded_claim_without_a_source(site):
    edit(site, "data/conditions/stiff-neck.yml", "grade: insufficient", "grade: moderate")
    assert errors(site) == ["data/conditions/stiff-neck.yml:6: evidence[0]: a grade of 'moderate' "
                            "needs at least one source; use 'insufficient' where there is none"]


def test_a_web_address_that_is_not_https(site):
    edit(site, "data/credentials/licence.yml", "https://example.org/board", "javascript:alert(1)")
    assert errors(site) == ["data/credentials/licence.yml:9: official_url: must be a full https:// address"]


# --- ICD-10-CM codes ----------------------------------------------------------------------------

NECK = "data/conditions/stiff-neck.yml"
FORMAT = ("(a capital letter, a digit, a digit or capital letter, then a dot and up to four digits or "
          "capital letters, as in M54.50, I10 or S13.4XXA)")


def test_codes_not_written_as_the_code_list_writes_them(site):
    """A code reaches a URL (code/<code>/) only in the code list's own form: nothing else passes."""
    edit(site, NECK, "codes: [M54.2]", """codes: [m54.2, M5450, "../../index", 'M54.2"><b>']""")
    assert errors(site) == [
        f"{NECK}:12: codes[0]: 'm54.2' is not written as an ICD-10-CM code: write it in capitals, 'M54.2'",
        f"{NECK}:12: codes[1]: 'M5450' is not written as an ICD-10-CM code: write it with its dot, 'M54.50'",
        f"{NECK}:12: codes[2]: '../../index' is not written as an ICD-10-CM code {FORMAT}",
        f"{NECK}:12: codes[3]: 'M54.2\"><b>' is not written as an ICD-10-CM code {FORMAT}"]


@pytest.mark.parametrize("old, new, message", [
    ("codes: [M54.2]", "codes: [M54.2, M54.99]", "codes[1]: 'M54.99' is not in the site's ICD-10-CM "
     "code list (icd10cm in data/vocabulary.yml): check it against the code list and record it there"),
    ("codes: [M54.2]", "codes: [M54.2, M54, M54.2]", "codes: code 'M54.2' is listed twice"),
    ("sources: [icd10cm-fy2023]\n", "", "codes: a condition with codes cites the code list they were "
     "checked against: add 'icd10cm-fy2023' to its sources"),
])
def test_codes_not_recorded_listed_twice_or_uncited(site, old, new, message):
    edit(site, NECK, old, new)
    assert errors(site) == [f"{NECK}:12: {message}"]


@pytest.mark.parametrize("old, new, message", [
    ("  categories: [", "  categories: [M99, ", "category 'M99' has no recorded code beneath it"),
    ("  categories: [", "  categories: [M54.2, ", "'M54.2' is listed as a code and as a category"),
    ("  categories: [", "  categories: [M54, ", "category 'M54' is listed twice"),
    ("    G43.001:", "    G43.00: Migraine without aura, not intractable\n    G43.001:",
     "'G43.00' has G43.001 beneath it, so it is a category, not a billable code: list it under "
     "categories"),
])
def test_the_recorded_code_list_is_a_hierarchy(site, old, new, message):
    """A code with codes beneath it is a category (M54.5 since M54.50, M54.51 and M54.59 were put
    beneath it): the list the site records cannot hold it as a billable code."""
    text = (ROOT / "data/vocabulary.yml").read_text(encoding="utf-8")
    assert old in text
    write(site, "data/vocabulary.yml", text.replace(old, new, 1))
    line = text[:text.index("\nicd10cm:")].count("\n") + 2
    assert errors(site) == [f"data/vocabulary.yml:{line}: icd10cm: {message}"]


# --- References ----------------------------------------------------------------------------------

def test_unknown_id(site):
    edit(site, "data/therapies/stretch-class.yml", "conditions: [sore-back]", "conditions: [sore-bak]")
    assert errors(site) == ["data/therapies/stretch-class.yml:12: conditions[0]: unknown condition id "
                            "'sore-bak' (did you mean 'sore-back'?)"]


def test_entry_that_links_to_itself(site):
    edit(site, FAQ, "related: [technique/kneading]", "related: [faq/does-it-hurt]")
    assert errors(site) == [f"{FAQ}:3: related[0]: an entry cannot link to itself"]


def test_cited_source_that_is_never_defined(site):
    (site / "data/sources/study-one.yml").unlink()
    assert errors(site) == [  # every citing place is named
        "data/conditions/sore-back.yml:7: evidence[0].sources[0]: unknown source id 'study-one'",
        "data/history/ling.yml:8: sources[0]: unknown source id 'study-one'",
        "data/techniques/kneading.yml:22: sources[0]: unknown source id 'study-one'"]


def test_source_defined_and_never_cited_is_a_warning(site):
    text = (site / "data/sources/study-one.yml").read_text(encoding="utf-8")
    write(site, "data/sources/study-two.yml", text.replace("doi: 10.1000/test.1", "doi: 10.1000/test.2"))
    warnings = [str(w) for w in loads(site).kb.warnings]
    assert warnings == ["warning: data/sources/study-two.yml:1: id: this source is never cited"]


def test_reference_to_an_unknown_kind(site):
    edit(site, FAQ, "related: [technique/kneading]", "related: [recipe/kneading]")
    assert errors(site) == [f"{FAQ}:3: related[0]: unknown kind 'recipe' in 'recipe/kneading'"]


# --- Overlays and build --------------------------------------------------------------------------

def overlay(tmp_path: Path, base: Path, clinic_yml: str = "") -> Path:
    clinic = tmp_path / "clinic"
    (clinic / "data").mkdir(parents=True)
    (clinic / "clinic.yml").write_text(
        f"base: {base}\nname: Test Clinic\naddress: 1 Test Road\nphone: '000'\n"
        f"disclaimer: Education only.\n{clinic_yml}", encoding="utf-8")
    return clinic


def test_overlay_duplicate_id_not_meant_as_replacement(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site)
    write(clinic, STROKING, (site / STROKING).read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/{STROKING}:1: id: technique 'stroking' is already defined in "
                              f"site/{STROKING}; to replace it on purpose, add 'replaces: true'"]


def test_overlay_replacement_on_purpose(site, tmp_path):
    clinic = overlay(tmp_path, site)
    write(clinic, STROKING, (site / STROKING).read_text(encoding="utf-8")
          .replace("title: Stroking", "title: Gliding\nreplaces: true"))
    assert loads(clinic).kb.get("technique", "stroking").title == "Gliding"


def test_replacing_an_entry_that_does_not_exist(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site)
    write(clinic, "data/techniques/new-one.yml", (site / STROKING).read_text(encoding="utf-8")
          + "replaces: true\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == ["clinic/data/techniques/new-one.yml:19: replaces: there is no shipped "
                              "technique 'new-one' to replace"]


def hidden_notices(site) -> list[str]:
    return [str(p) for p in site.notices if p.topic == "hidden"]


def test_hiding_an_entry_leaves_the_shipped_links_to_it_out(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide:\n  therapy: [stretch-class]\n")
    monkeypatch.chdir(tmp_path)
    loaded = loads(clinic)
    assert loaded.kb.get("condition", "sore-back").therapies == ()
    assert not loaded.kb.has("therapy", "stretch-class") and loaded.kb.backlinks(("therapy", "stretch-class")) == []
    assert hidden_notices(loaded) == ["warning: site/data/conditions/sore-back.yml:13: therapies[0]: "
                                      "link to hidden therapy/stretch-class left out"]


def test_hiding_a_technique_leaves_its_evidence_rows_out(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide:\n  technique: [kneading]\n")
    write(site, "data/conditions/stiff-neck.yml", (site / "data/conditions/stiff-neck.yml").read_text()
          .replace("evidence:\n", "evidence:\n  - {technique: stroking, grade: insufficient, effect: "
                   "Not studied., searched: {on: 2026-01-01, where: An index, terms: [a], found: None.}}\n"))
    monkeypatch.chdir(tmp_path)
    loaded = loads(clinic)
    rows = loaded.kb.get("condition", "sore-back").evidence
    assert [r.technique for r in rows] == ["stroking"]
    assert [r.technique for r in loaded.kb.get("condition", "stiff-neck").evidence] == ["stroking"]
    assert loaded.kb.get("faq", "does-it-hurt").related == ()
    assert hidden_notices(loaded) == [
        "warning: site/content/index.md:3: link: link to hidden technique/kneading shown as plain text",
        "warning: site/data/conditions/sore-back.yml:7: evidence[0]: row for hidden technique/kneading left out",
        "warning: site/data/conditions/stiff-neck.yml:7: evidence[1]: row for hidden technique/kneading left out",
        "warning: site/data/credentials/licence.yml:13: techniques[0]: link to hidden technique/kneading left out",
        "warning: site/data/faq/does-it-hurt.yml:3: related[0]: link to hidden technique/kneading left out",
        "warning: site/data/glossary/fascia.yml:3: see_also[0]: link to hidden technique/kneading left out",
        "warning: site/data/history/ling.yml:7: techniques[0]: link to hidden technique/kneading left out"]
    # the source its row cited is still cited: hiding is the clinic's choice, not a lost citation
    assert not [p for p in loaded.notices if "never cited" in p.message]
    # a translation of the shipped entry is checked against the file, rows and all
    assert loaded.kb.written(("condition", "sore-back")).evidence[0].technique == "kneading"


def test_hiding_what_a_shipped_entry_cannot_do_without_is_an_error(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide:\n  technique: [kneading]\n  source: [study-one]\n")
    monkeypatch.chdir(tmp_path)
    # sore-back cites study-one only in its kneading row, which goes with the hidden technique
    assert errors(clinic) == [
        "clinic/clinic.yml:7: hide.technique[0]: hiding it leaves the shipped condition 'stiff-neck' "
        "(site/data/conditions/stiff-neck.yml) invalid: evidence: needs at least 1 item; hide that "
        "condition too, or stop hiding this",
        "clinic/clinic.yml:8: hide.source[0]: hides sources that shipped entries cite (history "
        "'ling'): a claim keeps its sources, so hide the entries that cite them too, or stop hiding "
        "the sources"]


def test_a_clinic_entry_linking_to_a_hidden_entry_is_an_error(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide:\n  therapy: [stretch-class]\n")
    write(clinic, FAQ, FAQ_TEXT.format(answer="Not much.").replace("technique/kneading", "therapy/stretch-class")
          + "replaces: true\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/{FAQ}:3: related[0]: links to therapy 'stretch-class', which "
                              "clinic/clinic.yml:7 hides: remove the link, or stop hiding it"]


def test_hiding_a_whole_kind(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide: {history: all}\n")
    write(clinic, "data/history/our-founding.yml", (site / "data/history/old-rubbing.yml").read_text())
    monkeypatch.chdir(tmp_path)
    loaded = loads(clinic)
    assert [e.id for e in loaded.kb.of_kind("history")] == ["our-founding"]  # the clinic's own stay
    assert set(loaded.kb.hidden) == {("history", "ling"), ("history", "old-rubbing")}
    assert loaded.kb.get("technique", "kneading").origins == ()
    assert loaded.kb.hidden_kinds() == set()  # the clinic still has one: the index is built
    (clinic / "data/history/our-founding.yml").unlink()
    loaded = loads(clinic)
    assert loaded.kb.hidden_kinds() == {"history"}
    assert "history/index.md" in loaded.kb.hidden_pages()


@pytest.mark.parametrize("hide, message", [
    ("{history: everything}", "hide: 'everything' under history: give a list of ids, e.g. history: "
                              "[some-id], or 'all' to hide every shipped history entry"),
    ("{therapist: all}", "hide.therapist: there are no shipped therapist entries to hide"),
])
def test_hiding_a_whole_kind_is_checked(site, tmp_path, monkeypatch, hide, message):
    clinic = overlay(tmp_path, site, f"hide: {hide}\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/clinic.yml:6: {message}"]


def test_two_entries_with_the_same_title_both_stay(site):
    edit(site, STROKING, "title: Stroking", "title: Kneading")
    kb = loads(site).kb
    assert [e.id for e in kb.of_kind("technique")] == ["kneading", "stroking"]


def test_empty_kind_folder(site):
    for path in (site / "data/glossary").iterdir():
        path.unlink()
    assert loads(site).kb.of_kind("glossary") == []


def test_missing_data_folder(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    assert errors(tmp_path) == ["data:1: (file): the data folder is missing"]


def test_every_error_is_reported_in_one_run(site):
    edit(site, STROKING, "max: 2", "max: 7")
    edit(site, FAQ, "related: [technique/kneading]", "related: [faq/does-it-hurt]")
    write(site, "data/glossary/fascia.yml", "title: [\n")
    assert len(errors(site)) == 3


# --- Markup and Jinja in data: the page must stay safe -------------------------------------------

def build_html(folder: Path) -> str:
    built(write_config(folder), folder / "site")
    return (folder / "site/faq/does-it-hurt/index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    return page[page.index("<article"):page.index("</article>")]


def visible_text(page: str) -> str:
    """The text a browser shows (tags dropped, references decoded, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("payload, forbidden", [
    ("<script>alert(1)</script>", r"<script>alert"),
    ("<img src=x onerror=alert(1)>", r"<img[^>]*onerror"),
    ("[click](javascript:alert(1))", r"href=\"javascript:"),
    ("[pic](data:text/html;base64,PHNjcmlwdD4=)", r"href=\"data:"),
    ("<iframe src=\"https://evil.example\"></iframe>", r"<iframe"),
    ("Unclosed <b>bold and <div>block", r"<div>block"),
    ("Attr {: onclick=\"alert(1)\" }", r"<p[^>]*onclick"),
    ("{{ 7*7 }} and {% raw %}", r">49 and"),
])
def test_markup_in_data_is_shown_as_text(site, payload, forbidden):
    write(site, FAQ, FAQ_TEXT.format(answer="'" + payload.replace("'", "''") + "'"))
    page = article(build_html(site))
    assert payload in visible_text(page)
    assert not re.search(forbidden, page)


def test_markup_in_titles_and_aliases_is_text_in_the_search_index(site):
    """Material's search results insert an entry's title, text and tags as HTML."""
    payload = "<img src=x onerror=alert(1)>"
    write(site, FAQ, f"title: 'Does {payload} hurt?'\naliases: ['{payload}']\nanswer: '{payload}'\n"
                     "related: [technique/kneading]\nlast_reviewed: 2026-01-01\n")
    build_html(site)
    index = json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))
    doc = next(d for d in index["docs"] if d["location"] == "faq/does-it-hurt/")
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc["tags"]
    for value in (doc["title"], doc["text"], *doc["tags"]):
        assert "<img" not in value, value


@pytest.mark.parametrize("page, expected", [
    ("[Gone](no-such-page.md)", "no-such-page.md"),                             # missing page
    ("[Gone](techniques/kneading.md#no-such-anchor)", "no-such-anchor"),         # missing anchor
    ('{{ link("technique/no-such") }}', "link to unknown or hidden technique 'no-such'"),  # macro
])
def test_links_to_missing_targets_in_content_fail_the_build(site, page, expected):
    write(site, "content/index.md", f"# Home\n\n{page}\n")
    result = mkdocs_build(write_config(site), site / "site")
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
