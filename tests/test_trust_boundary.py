"""The trust boundary (SECURITY.md): entries and clinic settings are data. Each case below was an
attack or a misleading answer before the data layer was rebuilt around it; each now fails with a
``file:line: field: message`` error, or builds a page that shows the text and runs none of it.

Build cases share one build of the attacker's clinic (``fixtures/hostile``); the browser test in
``test_browser.py`` opens the same build and checks that no payload runs.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.outputs import export
from macros.kb import site as site_mod
from macros.kb.problems import DataError
from sitebuild import ROOT, copy_fixture, hostile_site, mkdocs_build, shared, write_config

from test_hostile_input import FAQ, FAQ_TEXT, STROKING, TODAY, edit, errors, loads, overlay, write

# A payload that would run: a script, an element with an event handler among its attributes
# (text inside a quoted attribute value, such as an escaped alt text, is not one), a frame...
LIVE = re.compile(r"<script>window\.__pwned|<(img|svg|iframe|b|i)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?"
                  r"\son\w+=|<iframe|<style>body|href=\"javascript:|<img src=x|\son\w+=\"window", re.I)


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = copy_fixture("mini", tmp_path / "site")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return shared(tmp_path_factory, "hostile", hostile_site)


def page(site_dir: Path, rel: str) -> str:
    return (site_dir / rel).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# --- Code execution: generated pages never pass through Jinja or front matter ---------------------

@pytest.mark.parametrize("escape", [r"\x7f", r"\u0092", r"\x00", r"\x1b"])
def test_a_control_character_is_refused_wherever_it_is_written(site, escape):
    edit(site, STROKING, "title: Stroking", f'title: Stroking\naliases: ["x{escape}{{{{ 7*7 }}}}"]')
    code = int(escape[2:], 16)
    assert errors(site) == [f"{STROKING}:2: aliases[0]: control character U+{code:04X} is not "
                            "allowed in text"]


def test_generated_pages_reach_the_engine_as_empty_markdown(hostile):
    """Jinja in every text field of the attacker's technique is shown, never run: the macros
    plugin only ever saw the empty string."""
    body = page(hostile, "techniques/stroking/index.html")
    shown = text_of(body)
    assert "{{ 7*7 }}{% raw %}{{ config }}" in shown
    assert "{% for x in range(3) %}loop{% endfor %}" in shown
    assert "looploop" not in body and ">49<" not in body


def test_front_matter_that_does_not_parse_fails_the_build(site):
    write(site, "content/index.md", "---\ntitle: [unclosed\n---\n# Home\n")
    result = mkdocs_build(write_config(site), site / "out")
    assert result.returncode != 0
    assert "index.md: its front matter (between the --- lines at the top) is not valid YAML" \
        in result.stdout + result.stderr


# --- Script in pages ----------------------------------------------------------------------------

def test_no_payload_is_live_anywhere_in_the_attackers_site(hostile):
    found = {p.relative_to(hostile).as_posix(): LIVE.findall(p.read_text(encoding="utf-8"))
             for p in hostile.rglob("*.html")}
    assert {k: v for k, v in found.items() if v} == {}


def test_titles_are_text_in_title_og_title_header_and_nav(hostile):
    body = page(hostile, "techniques/stroking/index.html")
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert text_of(title).startswith('Stroking"><script>window.__pwned="title"</script> - Harm')
    og = re.search(r'<meta property="og:title" content="([^"]*)"', body).group(1)
    assert html.unescape(og) == 'Stroking"><script>window.__pwned="title"</script>'
    about = page(hostile, "about/index.html")
    assert "About &lt;img src=x onerror=" in re.search(r"<title>(.*?)</title>", about).group(1)


def test_clinic_settings_are_text(hostile):
    body = page(hostile, "index.html")
    footer = text_of(re.search(r'<aside class="kb-disclaimer".*?</aside>', body, re.S).group(0))
    assert 'Education only. </p><script>window.__pwned="disclaimer"</script>' in footer
    assert '1 <b onmouseover="window.__pwned=\'address\'">Bold</b> Road' in footer
    assert 'href="https://book.example/?a=1&amp;b=2"' in body
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink", body).group(1)
    assert text_of(heading) == 'Harm <script>window.__pwned="name"</script> & Co'


def test_the_packet_page_shows_hostile_titles_and_clinic_settings_as_text(hostile):
    """Each title lands in text, in attributes (the search words) and in the printed part; the
    letterhead's settings likewise. The order list's buttons are named by kb-packet.js from the
    checkbox's text, as text (the browser test checks those names)."""
    from markupsafe import escape
    body = page(hostile, "packet/index.html")
    title = 'Stroking"><script>window.__pwned="title"</script>'
    assert 'aria-label="Move {title} up"' in body  # the one row the script copies, placeholder and all
    assert f'data-kb-packet-find="{escape(title.casefold())}' in body
    assert body.count(f"<h2>{escape(title)}</h2>") == 1
    assert f'> {escape(title)}</label>' in body
    letterhead = text_of(re.search(r'<div class="kb-packet-letterhead">.*?</div>\s*</div>', body, re.S).group(0))
    assert letterhead.startswith('Harm <script>window.__pwned="name"</script> & Co 1 <b onmouseover=')
    assert '<img src="../assets/clinic-logo.svg" alt="">' in body
    assert text_of(re.search(r'<p class="kb-packet-disclaimer">.*?</p>', body, re.S).group(0)) == \
        'Education only. </p><script>window.__pwned="disclaimer"</script>'


def test_the_tagline_and_email_are_text_where_they_show(hostile):
    body = page(hostile, "index.html")
    printed = re.search(r'<div class="kb-print-only kb-print-header">.*?</div>\s*</div>', body, re.S).group(0)
    assert '<img class="kb-print-logo" src="assets/clinic-logo.svg" alt="">' in printed
    assert text_of(printed).startswith('Harm <script>window.__pwned="name"</script> & Co · '
                                       '<img src=x onerror="window.__pwned=\'tagline\'">')
    assert "a@b.example<script>" in text_of(printed)
    footer = text_of(re.search(r'<aside class="kb-disclaimer".*?</aside>', body, re.S).group(0))
    assert "a@b.example<script>" in footer
    home = text_of(re.search(r"</h1>(.*?)<aside", body, re.S).group(1))
    assert '<img src=x onerror="window.__pwned=\'tagline\'">' in home  # {{ clinic("tagline") }}


def test_the_logo_is_served_from_the_site_itself(hostile):
    body = page(hostile, "index.html")
    assert re.search(r'<img src="assets/clinic-logo\.svg" alt="logo">', body)
    assert (hostile / "assets/clinic-logo.svg").read_bytes().startswith(b"<svg")


def test_a_therapist_photo_is_served_from_the_site_with_the_name_as_text(hostile):
    body = page(hostile, "therapists/mallory/index.html")
    img = re.search(r'<p class="kb-photo"><img src="([^"]*)" alt="([^"]*)"', body)
    assert img.group(1) == "../../assets/therapists/mallory.png"
    assert html.unescape(img.group(2)) == 'Mallory "><img src=x onerror="window.__pwned=\'alt\'">'
    assert (hostile / "assets/therapists/mallory.png").read_bytes().startswith(b"\x89PNG")
    assert '<script>window.__pwned="number"</script>' in text_of(body)


@pytest.mark.parametrize("photo, message", [
    ("https://evil.example/p.png", "'https://evil.example/p.png' must be a path relative to the "
                                   "clinic's folder, not an address or an absolute path"),
    ("../../etc/passwd.png", "'../../etc/passwd.png' is outside the clinic's folder"),
    ("missing.png", "there is no image at 'missing.png' (the path is relative to clinic.yml)"),
    ("photo.exe", "'photo.exe' is not a PNG, JPEG, WebP or SVG image"),
])
def test_a_therapist_photo_is_a_local_image(site, tmp_path, monkeypatch, photo, message):
    clinic = overlay(tmp_path, site)
    write(clinic, "data/therapists/ann.yml", f"title: Ann\nphoto: '{photo}'\nbio: Hi.\n"
          "languages: [English]\ncredentials_held:\n  - {credential: licence, number: '1', "
          "issuer: A board}\nlast_reviewed: 2026-01-01\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/data/therapists/ann.yml:2: photo: {message}"]


def test_tooltips_escape_twice_for_material_which_inserts_them_as_html(hostile):
    body = page(hostile, "faq/hostile-answer/index.html")
    title = re.search(r'<abbr[^>]*title="([^"]*)">42</abbr>', body).group(1)
    once = html.unescape(title)            # what the browser puts in the attribute
    assert "<img" not in once and "&lt;img" in once
    assert html.unescape(once).startswith("<img src=x onerror=")  # what Material shows, as text


def test_a_code_page_shows_hostile_condition_titles_as_text(hostile):
    """The attacker's neck ache shares M54.2 with the shipped stiff neck: the code page lists both,
    with the hostile title and summary as text; its code, checked against the code list's form,
    is the only thing from the data in the page's address."""
    body = page(hostile, "code/M54.2/index.html")
    items = re.findall(r"<li><a href=\"([^\"]+)\">(.*?)</a>: (.*?)</li>", body)
    assert [(href, text_of(title)) for href, title, _ in items] == [
        ("../../conditions/neck-ache/", 'Neck ache</a><script>window.__pwned="code"</script>'
         '<img src=x onerror="window.__pwned=\'code\'">'),
        ("../../conditions/stiff-neck/", "Stiff neck")]
    assert text_of(items[0][2]) == '<b onmouseover="window.__pwned=\'code summary\'">Sore</b> neck.'
    condition = page(hostile, "conditions/neck-ache/index.html")
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', condition, re.S)
    data = json.loads(ld)
    assert data["about"]["name"].startswith("Neck ache</a><script>")
    assert data["about"]["code"] == [{"@type": "MedicalCode", "codeValue": "M54.2",
                                      "codingSystem": "ICD-10-CM"}]
    assert "</script>" not in ld and "<img" not in ld


# --- Markup from data ---------------------------------------------------------------------------

def test_markdown_block_syntax_in_data_stays_text(hostile):
    body = page(hostile, "techniques/stroking/index.html")
    article = body[body.index("<article"):body.index("</article>")]
    assert 'class="admonition danger"' not in article
    assert "<dl>" not in article
    assert '<p>!!! danger "Boom"</p>' in html.unescape(article)
    faq = page(hostile, "faq/hostile-answer/index.html")
    assert "<dl>" not in faq[faq.index("<article"):faq.index("</article>")]


def test_glossary_terms_that_look_like_placeholders_corrupt_nothing(hostile):
    """``42`` and ``wzxhzdk`` are Python-Markdown's placeholder spellings; as glossary terms they
    are just words with tooltips, and every page keeps its text."""
    body = page(hostile, "techniques/stroking/index.html")
    assert "\x02" not in body and "\x03" not in body
    assert "42 wzxhzdk 42" in body  # marked at their first use on the page, plain after
    assert "Long, gliding" not in body  # the replaced entry is gone, not merged
    assert text_of(page(hostile, "index.html")).count("Wzxhzdk") >= 1


def test_macro_output_escapes_data_for_markdown(hostile):
    body = page(hostile, "index.html")
    article = body[body.index("<article"):body.index("</article>")]
    assert "!!! danger" in html.unescape(article)
    assert 'class="admonition' not in article
    assert "<table>" in article  # entry_table still makes a table; its cells are text


# --- Files --------------------------------------------------------------------------------------

def test_a_symlink_to_a_file_outside_the_site_is_refused(site, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text((site / STROKING).read_text(encoding="utf-8"), encoding="utf-8")
    (site / STROKING).unlink()
    (site / STROKING).symlink_to(secret)
    assert errors(site) == [f"{STROKING}:1: (file): a symbolic link to {secret}, outside the site; "
                            "only files inside it are read"]


def test_a_symlink_inside_the_site_is_read(site):
    (site / "data/techniques/moved.txt").write_text((site / STROKING).read_text(encoding="utf-8"))
    (site / STROKING).unlink()
    (site / STROKING).symlink_to("moved.txt")
    os.rename(site / "data/techniques/moved.txt", site / "moved.txt")
    (site / STROKING).unlink()
    (site / STROKING).symlink_to("../../moved.txt")
    assert loads(site).kb.get("technique", "stroking").title == "Stroking"


def test_a_symlink_to_dev_zero_is_refused_without_reading(site):
    os.symlink("/dev/zero", site / "data/techniques/zero.yml")
    started = time.monotonic()
    [message] = errors(site)
    assert message.startswith("data/techniques/zero.yml:1: (file): a symbolic link to /dev/zero")
    assert time.monotonic() - started < 5


def test_a_fifo_is_refused_without_hanging(site):
    os.mkfifo(site / "data/techniques/pipe.yml")
    started = time.monotonic()
    assert errors(site) == ["data/techniques/pipe.yml:1: (file): a FIFO (named pipe), not a file; "
                            "only regular files are read"]
    assert time.monotonic() - started < 5


def test_a_folder_named_like_an_entry_is_refused(site):
    (site / "data/techniques/odd.yml").mkdir()
    assert errors(site) == ["data/techniques/odd.yml:1: (file): a folder named like an entry file; "
                            "entries are files directly in techniques/"]


def test_a_symlinked_folder_in_a_kind_folder_is_an_error_not_skipped(site):
    (site / "extra").mkdir()
    os.symlink(site / "extra", site / "data/techniques/more")
    assert errors(site) == ["data/techniques/more:1: (file): a sub-folder; entries are files "
                            "directly in techniques/"]


def test_a_symlinked_data_folder_outside_the_site_is_refused(tmp_path, monkeypatch):
    elsewhere = copy_fixture("mini", tmp_path / "elsewhere")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    os.symlink(elsewhere / "data", site / "data")
    monkeypatch.chdir(site)
    assert errors(site) == ["data:1: (file): the data folder must be a folder inside the site"]


# --- Third parties and open data ------------------------------------------------------------------

@pytest.mark.parametrize("logo, message", [
    ("https://evil.example/logo.png", "'https://evil.example/logo.png' must be a path relative to "
                                      "the clinic's folder, not an address or an absolute path"),
    ("/etc/passwd.png", "'/etc/passwd.png' must be a path relative to the clinic's folder, not an "
                        "address or an absolute path"),
    ("../outside.png", "'../outside.png' is outside the clinic's folder"),
    ("missing.png", "there is no image at 'missing.png' (the path is relative to clinic.yml)"),
    ("fake.png", "'fake.png' is not a PNG image"),
    ("evil.svg", "'evil.svg' is an SVG with scripts, links or embedded content; export a plain "
                 "SVG, or use a PNG"),
    ("logo.gif", "'logo.gif' is not a PNG, JPEG, WebP or SVG image"),
])
def test_a_logo_must_be_a_plain_local_image(site, tmp_path, monkeypatch, logo, message):
    clinic = overlay(tmp_path, site, f"logo: '{logo}'\n")
    (clinic / "fake.png").write_text("not an image")
    (clinic / "evil.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/clinic.yml:6: logo: {message}"]


@pytest.mark.parametrize("target, message", [
    ("javascript:alert(1)", "'javascript:alert(1)' must be a path relative to the clinic's folder, "
                            "not an address or an absolute path"),
    ("../../etc/passwd.md", "'../../etc/passwd.md' is outside the clinic's content/ folder"),
    ("nowhere.md", "there is no page 'nowhere.md' in content/, in the shipped pages or among the "
                   "pages made from the data"),
    ("about.html", "'about.html' must be a Markdown page (.md) in content/"),
])
def test_clinic_pages_stay_inside_the_clinic(site, tmp_path, monkeypatch, target, message):
    clinic = overlay(tmp_path, site, f"pages:\n  - About: '{target}'\n")
    monkeypatch.chdir(tmp_path)
    [found] = errors(clinic)
    assert found.endswith(message), found
    assert found.startswith("clinic/clinic.yml:7: pages[0]: ")


def test_csv_cells_never_start_a_formula(site):
    edit(site, FAQ, "answer: It should not hurt much.", "answer: '=HYPERLINK(\"https://evil\")'")
    edit(site, "data/techniques/kneading.yml", "aliases: [KN]", "aliases: ['@SUM(A1)', '+1', '-2']")
    kb = loads(site).kb
    rows = list(csv.DictReader(io.StringIO(export._csv(export.records(kb, "faq")))))
    assert rows[0]["answer"] == "'=HYPERLINK(\"https://evil\")"
    rows = list(csv.DictReader(io.StringIO(export._csv(export.records(kb, "technique")))))
    kneading = next(r for r in rows if r["id"] == "kneading")
    assert json.loads(kneading["aliases"]) == ["@SUM(A1)", "+1", "-2"]  # inside JSON: inert
    assert not kneading["aliases"].startswith(("=", "+", "-", "@"))


# --- Tracebacks become errors -----------------------------------------------------------------------

def test_nesting_past_the_limit_is_an_error_not_a_recursion_error(site):
    edit(site, STROKING, "summary: Long, gliding strokes.", "summary: " + "[" * 800 + "]" * 800)
    assert errors(site) == [f"{STROKING}:5: summary[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: "
                            "nested more than 16 levels deep; an entry is never that deep"]


def test_a_five_thousand_digit_number_is_text_not_a_crash(site):
    edit(site, STROKING, "max: 2", "max: " + "9" * 5000)
    [message] = errors(site)
    assert message.startswith(f"{STROKING}:8: pressure.max: must be a whole number (YAML read '999")
    assert len(message) < 10000


def test_a_nul_in_the_clinic_base_is_an_error(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site)
    text = (clinic / "clinic.yml").read_text().replace(f"base: {site}", f'base: "{site}\\0x"')
    (clinic / "clinic.yml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == ["clinic/clinic.yml:1: base: control character U+0000 is not allowed in text"]


# --- YAML 1.1 surprises are read as written -----------------------------------------------------

def test_an_id_with_a_leading_zero_is_read_as_written(site):
    (site / FAQ).rename(site / "data/faq/010.yml")
    edit(site, "data/faq/010.yml", "title: Does it hurt?", "id: 010\ntitle: Does it hurt?")
    assert loads(site).kb.has("faq", "010")


@pytest.mark.parametrize("written, read", [("no", "no"), ("yes", "yes"), ("off", "off"),
                                           ("1:30", "1:30"), ("010", "010"), ("1e3", "1e3"),
                                           ("0x1F", "0x1F"), ("2026-01-01", "2026-01-01"),
                                           ("12", "12"), (".inf", ".inf")])
def test_plain_scalars_where_text_is_wanted_are_the_text_as_written(site, written, read):
    edit(site, FAQ, "answer: It should not hurt much.", f"answer: {written}")
    assert loads(site).kb.get("faq", "does-it-hurt").answer == read


def test_true_where_text_is_wanted_says_what_yaml_did(site):
    edit(site, FAQ, "answer: It should not hurt much.", "answer: true")
    assert errors(site) == [f"{FAQ}:2: answer: YAML read this as true (a yes/no value): put the "
                            "text in quotes"]


def test_a_date_written_as_a_number_is_refused(site):
    edit(site, STROKING, "last_reviewed: 2026-01-01", "last_reviewed: 0")
    assert errors(site) == [f"{STROKING}:18: last_reviewed: write a date as YYYY-MM-DD (YAML read 0 "
                            "as a number)"]


def test_tags_are_refused(site):
    edit(site, STROKING, "summary: Long, gliding strokes.", "summary: !!python/object:os.system x")
    assert errors(site) == [f"{STROKING}:5: summary: YAML tags (!!python/object:os.system) are not "
                            "allowed in entries; write the value plainly"]


def test_a_second_document_is_refused(site):
    path = site / STROKING
    path.write_text(path.read_text() + "---\ntitle: Other\n")
    assert errors(site) == [f"{STROKING}:19: (file): a file holds one entry; remove the second "
                            "document (the line with ---)"]


def test_the_id_index_is_reserved(site):
    (site / FAQ).rename(site / "data/faq/index.yml")
    assert errors(site) == ["data/faq/index.yml:1: id: 'index' is reserved for the page that lists "
                            "every entry of the kind; choose another name"]


def test_a_file_name_ending_in_a_newline_is_not_a_valid_id(site):
    (site / FAQ).rename(site / "data/faq/hurt\n.yml")
    assert errors(site) == ["data/faq/hurt\n.yml:1: id: the file name 'hurt\n' is not a valid id: "
                            "use lower-case letters, digits and single hyphens"]


# --- Unicode that deceives ----------------------------------------------------------------------

@pytest.mark.parametrize("title, message", [
    ("\u200b", "holds an invisible character (U+200B); names must look like what they are"),
    ("Stro\u202eking", "holds a bidirectional control character (U+202E), which reorders what "
                       "readers see"),
    ("\u3000", "must not be empty"),
    ("\u0301\u0301", "has no visible character"),
])
def test_deceptive_titles_are_refused(site, title, message):
    edit(site, STROKING, "title: Stroking", f"title: \"{title}\"")
    assert errors(site) == [f"{STROKING}:1: title: {message}"]


def test_look_alike_aliases_collide(site):
    edit(site, "data/techniques/kneading.yml", "aliases: [KN]", "aliases: [NMT, ＮＭＴ]")
    assert errors(site) == ["data/techniques/kneading.yml:2: aliases: alias 'ＮＭＴ' is given twice"]


def test_an_alias_with_a_zero_width_space_is_refused(site):
    edit(site, "data/techniques/kneading.yml", "aliases: [KN]", "aliases: [NMT, \"NM\u200bT\"]")
    assert errors(site) == ["data/techniques/kneading.yml:2: aliases[1]: holds an invisible "
                            "character (U+200B); names must look like what they are"]


def test_a_reference_listed_twice_is_an_error(site):
    edit(site, "data/techniques/kneading.yml", "sources: [study-one]", "sources: [study-one, study-one]")
    assert errors(site) == ["data/techniques/kneading.yml:22: sources[1]: 'study-one' is listed "
                            "twice (also at sources[0])"]


def test_a_glossary_term_defined_twice_is_an_error(site):
    write(site, "data/glossary/fascia-again.yml", "title: FASCIA\ndefinition: Again.\n"
                                                  "last_reviewed: 2026-01-01\n")
    assert errors(site) == ["data/glossary/fascia-again.yml:1: title: 'FASCIA' is already a "
                            "glossary term: 'Fascia' in fascia"]


def test_a_glossary_alias_shadowing_another_term_is_an_error(site):
    write(site, "data/glossary/tissue.yml", "title: Tissue\naliases: [fascia]\n"
                                            "definition: Cells.\nlast_reviewed: 2026-01-01\n")
    assert errors(site) == ["data/glossary/tissue.yml:2: aliases[0]: 'fascia' is already a glossary "
                            "term: 'Fascia' in fascia"]


def test_a_glossary_term_must_be_words(site):
    write(site, "data/glossary/odd.yml", "title: 'T-cells (CD4)'\ndefinition: Cells.\n"
                                         "last_reviewed: 2026-01-01\n")
    assert errors(site) == ["data/glossary/odd.yml:1: title: a glossary term must be words separated "
                            "by single spaces (no brackets, commas or other punctuation), as it "
                            "appears in running text"]


# --- Clinic settings contradict nothing silently ---------------------------------------------------

def test_hiding_and_replacing_the_same_entry_is_an_error(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "hide:\n  technique: [stroking]\n")
    write(clinic, STROKING, (site / STROKING).read_text(encoding="utf-8") + "replaces: true\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [f"clinic/clinic.yml:7: hide.technique[0]: hides the technique "
                              f"'stroking' that this site also replaces in clinic/{STROKING}: keep "
                              "one of the two"]


def test_hiding_a_section_that_does_not_exist_suggests_one(site, tmp_path, monkeypatch):
    write_config(site, nav=[{"Home": "index.md"}, {"Techniques": "techniques/index.md"}])
    clinic = overlay(tmp_path, site, "hide_sections: [Tehcniques]\n")
    (clinic / "mkdocs.yml").write_text(f"INHERIT: {site}/mkdocs.yml\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == ["clinic/clinic.yml:6: hide_sections[0]: there is no section "
                              "'Tehcniques' (did you mean 'Techniques'?)"]


def test_a_base_that_points_at_the_clinic_itself(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site)
    text = (clinic / "clinic.yml").read_text().replace(f"base: {site}", "base: .")
    (clinic / "clinic.yml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == ["clinic/clinic.yml:1: base: points at the clinic's own folder; point "
                              "it at the shipped site"]


def test_clinic_yml_errors_read_like_entry_errors(site, tmp_path, monkeypatch):
    clinic = overlay(tmp_path, site, "colour: red\nhide: {technique: [Stroking]}\n")
    monkeypatch.chdir(tmp_path)
    assert errors(clinic) == [
        "clinic/clinic.yml:6: colour: unknown field 'colour' (did you mean 'colors'?)",
        "clinic/clinic.yml:7: hide: 'Stroking' (under technique) is not an entry id"]


def test_a_bare_page_in_a_clinic_nav_is_kept_as_it_is(site, tmp_path):
    clinic = overlay(tmp_path, site, "hide_sections: [Techniques]\n")
    (clinic / "content").mkdir()
    (clinic / "content/index.md").write_text("# Home\n")
    config = write_config(clinic, nav=["index.md", {"Techniques": "techniques/index.md"}])
    result = mkdocs_build(config, clinic / "out")
    assert result.returncode == 0, result.stderr
    home = (clinic / "out/index.html").read_text(encoding="utf-8")
    assert 'href="techniques/"' not in home.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]


# --- Translations: every translated word is data, escaped where it lands ------------------------

HOSTILE_ES = '<img src=x onerror="window.__pwned=1">'


def test_translated_text_interface_words_and_labels_are_text(tmp_path):
    """A Spanish edition whose entry title, summary, alias, interface word, vocabulary label and
    translation statement each hold markup: every one shows as text, none becomes a tag."""
    site = copy_fixture("mini", tmp_path / "site")
    result = subprocess.run([sys.executable, "-m", "macros", "translate", "es", "technique/kneading",
                             "--site", str(site)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    es = site / "data" / "translations" / "es"
    entry = es / "techniques" / "kneading.yml"
    text = entry.read_text(encoding="utf-8")
    for old, new in (("title: Kneading", f"title: 'Amasado {HOSTILE_ES}'"),
                     ("- KN", f"- '{HOSTILE_ES}'"),
                     ("summary: The therapist lifts and squeezes muscle.", f"summary: '{HOSTILE_ES}'")):
        assert old in text, old
        text = text.replace(old, new)
    entry.write_text(text, encoding="utf-8")
    (es / "interface.yml").write_text(f"At a glance: '{HOSTILE_ES}'\n"
                                      f"This page needs JavaScript: '{HOSTILE_ES}'\n", encoding="utf-8")
    (es / "vocabulary.yml").write_text(f"settings:\n  medical: Médico\n  spa: Spa\n  both: '{HOSTILE_ES}'\n", encoding="utf-8")
    (es / "about.yml").write_text(f"translated_by: '{HOSTILE_ES}'\nclinician_reviewed: false\n"
                                  f"statement: '{HOSTILE_ES}'\n", encoding="utf-8")
    (site / "content" / "es").mkdir()
    config = write_config(site, theme={"name": "material", "custom_dir": str(ROOT / "overrides"),
                                       "language": "es"}, docs_dir="content/es",
                          strict=False)  # the words left in English only warn
    result = mkdocs_build(config, site / "built", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    body = page(site / "built", "techniques/kneading/index.html")
    assert "<img src=x" not in body and "<img src=\"x\"" not in body
    shown = text_of(body)
    assert f"Amasado {HOSTILE_ES}" in shown and shown.count(HOSTILE_ES) >= 4
    packet = page(site / "built", "packet/index.html")
    assert "<img src=x" not in packet and HOSTILE_ES in text_of(packet)
    docs = json.loads(page(site / "built", "search/search_index.json"))["docs"]
    kneading = [d for d in docs if d["location"].startswith("techniques/kneading/")]
    assert kneading and all("<img" not in d["title"] + d["text"] for d in kneading)
