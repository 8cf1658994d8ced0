"""Scenario: build a real small site from fixture data into a temporary folder and read its HTML."""
from __future__ import annotations

import json

import pytest

from htmlsite import broken_links, pages
from sitebuild import copy_fixture, mkdocs_build, write_config

pytestmark = pytest.mark.xdist_group("scenario")  # its module fixtures build once, on one worker


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    folder = copy_fixture("mini", tmp_path_factory.mktemp("mini"))
    result = mkdocs_build(write_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    (folder / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return folder / "site"


ENTRIES = {
    "techniques": ["kneading", "stroking"], "conditions": ["sore-back", "stiff-neck"],
    "therapies": ["stretch-class"], "history": ["ling", "old-rubbing"], "credentials": ["licence"],
    "sources": ["study-one"], "glossary": ["fascia"], "faq": ["does-it-hurt"],
}


def test_every_entry_has_its_page_and_every_index_lists_it(mini):
    html = pages(mini)
    for folder, ids in ENTRIES.items():
        index = html[f"{folder}/index.html"]
        hrefs = {href for _, href in index.links}
        for entry_id in ids:
            assert f"{folder}/{entry_id}/index.html" in html
            assert any(h.rstrip("/").endswith(entry_id) for h in hrefs), f"{folder} index misses {entry_id}"


def test_backlinks_exist_both_ways(mini):
    html = pages(mini)
    condition = html["conditions/sore-back/index.html"]
    technique = html["techniques/kneading/index.html"]
    assert ("a.href", "../../techniques/kneading/") in condition.links
    assert "backlinks" in technique.ids
    assert ("a.href", "../../conditions/sore-back/") in technique.links


def test_every_internal_link_and_anchor_resolves(mini):
    assert broken_links(mini) == []


def test_index_pages_carry_filter_facets_and_the_full_table(mini):
    text = (mini / "techniques" / "index.html").read_text(encoding="utf-8")
    assert 'data-region="upper-back legs-and-feet"' in text
    assert 'data-setting="medical spa both"' in text
    assert text.count("<tr data-") == 2


def test_macros_in_hand_written_pages_link_to_entries(mini):
    home = pages(mini)["index.html"]
    assert ("a.href", "techniques/kneading/") in home.links
    assert ("a.href", "conditions/sore-back/#evidence") in home.links


def test_evidence_matrix_and_timeline_come_from_the_data(mini):
    html = pages(mini)
    matrix = html["evidence/index.html"]
    assert ("a.href", "../conditions/sore-back/#evidence") in matrix.links
    timeline = (mini / "history" / "index.html").read_text(encoding="utf-8")
    assert timeline.index("c. 2500–2400 BCE") < timeline.index("c. 1813")


def test_open_data_export(mini):
    data = json.loads((mini / "api" / "all.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["kinds"]["technique"]] == ["kneading", "stroking"]
    assert (mini / "api" / "schema" / "technique.schema.json").exists()


def test_a_code_leads_to_its_conditions_and_a_category_to_every_condition_under_it(mini):
    """Sore back carries M54.50 and M54.59, stiff neck M54.2; the code list records the categories
    M54 and M54.5 (and others no condition falls under)."""
    html = pages(mini)
    assert ("a.href", "../../conditions/stiff-neck/") in html["code/M54.2/index.html"].links
    group = html["code/M54/index.html"].links
    assert ("a.href", "../../conditions/stiff-neck/") in group and \
        ("a.href", "../../conditions/sore-back/") in group
    low = html["code/M54.5/index.html"].links
    assert ("a.href", "../../conditions/sore-back/") in low
    assert ("a.href", "../../conditions/stiff-neck/") not in low
    assert {("a.href", "../M54.50/"), ("a.href", "../M54.59/"), ("a.href", "../M54/")} <= set(low)
    assert ("a.href", "../../code/M54.2/") in html["conditions/stiff-neck/index.html"].links
    data = json.loads((mini / "api" / "codes.json").read_text(encoding="utf-8"))
    assert {r["code"]: r["conditions"] for r in data} == {
        "M54": ["sore-back", "stiff-neck"], "M54.2": ["stiff-neck"], "M54.5": ["sore-back"],
        "M54.50": ["sore-back"], "M54.59": ["sore-back"]}
    assert not [p for p in html if p.startswith("code/") and p.split("/")[1] not in
                {r["code"] for r in data}], "a code page that no condition leads to"


def test_adding_one_yaml_file_adds_a_page_everywhere(tmp_path):
    """One new file: its page, its index row, search, and the backlinks of what it references."""
    folder = copy_fixture("mini", tmp_path / "site-src")
    new = folder / "data" / "techniques" / "tapping.yml"
    text = (folder / "data" / "techniques" / "stroking.yml").read_text(encoding="utf-8")
    new.write_text(text.replace("title: Stroking", "title: Tapping\naliases: [percussion]")
                   + "credentials: [licence]\n", encoding="utf-8")
    result = mkdocs_build(write_config(folder), folder / "site")
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    html = pages(site)
    assert "techniques/tapping/index.html" in html
    assert ("a.href", "tapping/") in html["techniques/index.html"].links
    assert ("a.href", "../../techniques/tapping/") in html["credentials/licence/index.html"].links
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [d for d in index["docs"] if d["location"] == "techniques/tapping/"]
    assert found and "percussion" in found[0]["text"]


def test_a_data_error_fails_the_build_with_file_line_and_field(tmp_path):
    folder = copy_fixture("mini", tmp_path / "site-src")
    path = folder / "data" / "conditions" / "stiff-neck.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("technique: kneading", "technique: kneeding"),
                    encoding="utf-8")
    result = mkdocs_build(write_config(folder), folder / "site")
    assert result.returncode != 0
    assert "data/conditions/stiff-neck.yml:6: evidence[0].technique: unknown technique id 'kneeding'" \
        in result.stdout + result.stderr
    assert not (folder / "site" / "index.html").exists(), "a half-built site was left behind"


def test_evidence_matrix_lists_by_grade_when_there_are_too_many_techniques(monkeypatch):
    """Past GRID_MAX techniques the grid would be unreadable and grow with conditions x
    techniques; each condition row then lists its techniques under their grade."""
    from macros.render import pages as pages_mod
    from macros.kb import site as site_mod
    from sitebuild import FIXTURES
    kb = site_mod.load(FIXTURES / "mini").kb
    monkeypatch.setattr(pages_mod, "GRID_MAX", 1)
    page = pages_mod.Pages(kb, site_name="Test").evidence_page().html
    assert "by evidence grade (columns)" in page
    assert '<a href="../techniques/kneading/">Kneading</a>' in page


def test_without_a_public_address_printed_pages_have_no_qr_code_and_the_build_says_so(mini):
    """The fixture inherits the shipped placeholder site_url: a QR code or an address printed from
    it would send a patient to a documentation name."""
    log = (mini.parent / "build.log").read_text(encoding="utf-8")
    assert ("notice: site_url is https://example.org/massage-kb/, a placeholder: printed pages, "
            "handouts and packets get no QR code or web address") in log
    found = {rel for rel, page in pages(mini).items() if "kb-qr" in page.path.read_text(encoding="utf-8")}
    assert found == set()
    assert "Read this page online" not in (mini / "conditions/sore-back/index.html").read_text(encoding="utf-8")
