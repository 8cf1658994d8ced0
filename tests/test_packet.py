"""Patient packets and handouts on paper: every shipped handout fits its pages and numbers its
sources; ``python -m macros packet`` prints chosen entries as one PDF under the clinic's
letterhead, with a QR code per entry that decodes to its page; data stays text in it."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from markupsafe import escape

import pdfpages
from htmlsite import broken_links
from macros.kb import site as site_mod
from macros.kb.siteconfig import site_settings
from macros.kinds.condition import evidence_rows
from macros.outputs import packet
from macros.outputs.site_output import SiteOutput
from macros.render import urls
from sitebuild import ROOT, built, copy_fixture, write_config
from test_clinic import copy_example, require_weasyprint
from test_qr import encoded

pytestmark = pytest.mark.xdist_group("packet")  # its module fixtures build once, on one worker

ADDRESS = "https://clinic.example/learn/"
QR_CHECKED = {"low-back-pain", "neck-pain", "anxiety"}  # decoding is slow; a few will do
FOUR = ["condition/low-back-pain", "technique/swedish-massage", "context/pregnancy",
        "faq/what-is-medical-massage"]


def page_address(ref: str, base: str = ADDRESS) -> str:
    kind, _, entry_id = ref.partition("/")
    return base + urls.page_url(urls.entry_page(kind, entry_id), True)


def run_packet(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "macros", "packet", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("site_url, public", [
    ("https://example.org/massage-kb/", False), ("https://learn.example.com/", False),
    ("https://EXAMPLE.NET./x/", False), ("", False), (None, False),
    ("https://harbourside.example/learn/", True), ("https://notexample.org/", True),
])
def test_a_placeholder_or_missing_site_url_is_no_public_address(site_url, public):
    assert urls.public_address(site_url) == (site_url if public else "")


@pytest.fixture(scope="module")
def shipped_handouts(tmp_path_factory, shipped):
    """Every shipped condition's handout, with a public address (so each carries its QR code)
    and the shipped disclaimer: what ``make handouts`` writes for a site that has an address."""
    require_weasyprint()
    disclaimer = site_settings(ROOT)["extra"]["disclaimer"]
    output = SiteOutput(shipped, site_name="Medical Massage Knowledge Base", site_url=ADDRESS,
                        disclaimer=disclaimer)
    folder = tmp_path_factory.mktemp("handouts")
    return output, {path.stem: pdfpages.read(path) for path in packet.write_handouts(output, folder)}


def test_every_shipped_handout_fits_its_pages_with_no_nearly_blank_one(shipped_handouts):
    """One or two pages each (most fit on one), none of them nearly blank, each with its QR code."""
    output, printouts = shipped_handouts
    measured = {}
    for condition in output.kb.of_kind("condition"):
        printout = printouts[condition.id]
        measured[condition.id] = (printout.pages, [round(u, 2) for u in printout.used])
        assert condition.title in printout.text
        if condition.id in QR_CHECKED:
            assert pdfpages.qr_codes(printout) == [encoded(page_address(f"condition/{condition.id}"))]
    assert len(measured) == 30
    assert {cid: m for cid, m in measured.items() if not 1 <= m[0] <= 2} == {}
    assert {cid: m for cid, m in measured.items() if min(m[1]) < pdfpages.NEARLY_BLANK} == {}


def test_each_research_row_cites_its_sources_by_number_from_the_handouts_source_list(shipped_handouts):
    output, printouts = shipped_handouts
    for condition in output.kb.of_kind("condition"):
        html = packet.html(output, [condition])
        table = html[html.index('<table class="kb-packet-table">'):html.index("</table>")]
        sources = html.find('<div class="kb-packet-sources">')
        listed = re.findall(r"<li>(.*?)</li>", html[sources:], re.S) if sources >= 0 else []

        def number(source_id: str) -> int:
            title = str(escape(output.kb.get("source", source_id).title.rstrip(".")))
            found = [n for n, item in enumerate(listed, 1) if f". {title}. <em>" in item]
            assert len(found) == 1, (condition.id, source_id)
            return found[0]

        cells = re.findall(r"<tr><td>.*?</td><td>.*?</td><td>(.*?)</td></tr>", table)
        rows = evidence_rows(condition, output.kb)
        assert len(cells) == len(rows)
        cited = []
        for cell, (_, row) in zip(cells, rows):
            marks = [int(n) for n in re.findall(r"\[(\d+)\]", cell)]
            assert marks == sorted(number(s) for s in row.sources), (condition.id, cell)
            cited.extend(marks)
        # Every listed source is cited, numbered in the order the table first cites it.
        assert sorted(set(cited)) == list(range(1, len(listed) + 1)), condition.id
        assert list(dict.fromkeys(cited)) == sorted(set(cited)), condition.id
        text = printouts[condition.id].text
        assert all(f"[{n}]" in text for n in cited) and ("Sources" in text) == bool(listed)


@pytest.fixture(scope="module")
def branded_clinic(tmp_path_factory):
    """The example clinic with a PNG logo."""
    from PIL import Image
    folder = copy_example(tmp_path_factory.mktemp("branded"))
    Image.new("RGB", (120, 40), "#24585f").save(folder / "logo.png")
    clinic = folder / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    assert "logo: logo.svg" in text
    clinic.write_text(text.replace("logo: logo.svg", "logo: logo.png"), encoding="utf-8")
    return folder


def test_the_command_line_prints_four_entries_as_one_branded_packet(branded_clinic, tmp_path):
    require_weasyprint()
    target = tmp_path / "packet.pdf"
    note = "Stretch twice a day.\nCall us on <b>Monday</b> & ask for Sam."
    done = run_packet(*FOUR, "-o", str(target), "--note", note, "--site", str(branded_clinic))
    assert done.returncode == 0, done.stderr
    printout = pdfpages.read(target)
    assert done.stdout.strip() == f"wrote {target}: 4 entries on {printout.pages} pages"
    assert printout.nearly_blank() == []
    site = site_mod.load(branded_clinic)
    output = SiteOutput(site, site_name="", site_url="https://harbourside.example/learn/")
    entries = [site.kb.get(*ref.split("/")) for ref in FOUR]
    alone = sum(len(packet.render(output, [entry]).pages) for entry in entries)
    assert printout.pages < alone  # one packet uses less paper than four printouts
    text = printout.text
    assert "Stretch twice a day. Call us on <b>Monday</b> & ask for Sam." in text
    assert text.startswith("Harbourside Therapy Clinic 12 Example Quay")
    assert "call emergency services for the warning signs named on each page." in text
    positions = [text.index(entry.title) for entry in entries]
    assert positions == sorted(positions)  # in the order given
    for entry in entries:
        assert f"Last reviewed {entry.last_reviewed.strftime('%-d %B %Y')}" in text
    logo = printout.reader.pages[0].images
    assert [image.image.size for image in logo] == [(120, 40)]
    base = "https://harbourside.example/learn/"
    assert pdfpages.qr_codes(printout) == [encoded(page_address(ref, base)) for ref in FOUR]


def test_without_a_public_address_the_packet_has_no_qr_code_and_says_why(tmp_path):
    require_weasyprint()
    target = tmp_path / "faq.pdf"
    done = run_packet("faq/what-is-medical-massage", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("notice: site_url is https://example.org/massage-kb/, a placeholder")
    printout = pdfpages.read(target)
    assert pdfpages.qr_codes(printout) == [] and "Read it online" not in printout.text
    assert printout.pages == 1


def test_hostile_titles_and_notes_stay_text_in_the_pdf(tmp_path):
    require_weasyprint()
    copy_fixture("mini", tmp_path / "site")
    clinic = copy_fixture("hostile", tmp_path / "clinic")
    target = tmp_path / "hostile.pdf"
    note = '<script>window.__pwned="note"</script>'
    done = run_packet("technique/stroking", "faq/hostile-answer", "-o", str(target), "--note", note,
                      "--site", str(clinic))
    assert done.returncode == 0, done.stderr
    text = pdfpages.read(target).text
    assert 'Stroking"><script>window.__pwned="title"</script>' in text
    assert 'Is </title><script>window.__pwned="faq"</script> safe?' in text
    assert 'Harm <script>window.__pwned="name"</script> & Co' in text
    assert note in text and "Education only. </p><script>" in text


def test_the_packet_page_holds_every_printable_entry_hidden_until_chosen(built_site, shipped):
    html = (built_site / "packet" / "index.html").read_text(encoding="utf-8")
    printable = [e for kind in ("technique", "condition", "therapy", "faq", "context")
                 for e in shipped.kb.of_kind(kind)]
    assert len(re.findall(r'<input type="checkbox" value="[a-z-]+/[a-z0-9-]+" data-kb-kind="[^"]+" data-kb-pick>', html)) == len(printable)
    waiting = re.findall(r'<template data-kb-entry-template="([^"]+)">\s*<section class="kb-packet-entry" '
                         r'data-kb-entry="\1">', html)
    assert len(waiting) == len(printable)
    assert "kb-qr" not in html  # the shipped site_url is a placeholder
    assert 'src="../assets/javascripts/kb-packet.js"' in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="packet/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Patient packet', home)


def test_make_handouts_writes_and_links_a_pdf_per_condition(tmp_path):
    require_weasyprint()
    folder = copy_fixture("mini", tmp_path / "site")
    site = built(write_config(folder, site_url="https://clinic.example/learn/"), folder / "out",
                 env={"KB_HANDOUTS": "true"})
    for condition in site_mod.load(folder).kb.of_kind("condition"):
        printout = pdfpages.read(site / "handouts" / f"{condition.id}.pdf")
        assert printout.pages == 1 and printout.text.startswith(f"Test site CONDITION {condition.title}")
        page = (site / "conditions" / condition.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../handouts/{condition.id}.pdf"' in page
    assert broken_links(site, base_path="/learn/") == []
