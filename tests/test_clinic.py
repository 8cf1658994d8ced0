"""The clinic edition: the example clinic builds with --strict under its own name, adds and
replaces entries, hides others everywhere, lists its therapists, prints handouts, and works from
a sub-path and from a folder on disk. A new clinic's first week is in ``test_clinic_week.py``."""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil

import pypdf
import pytest

from htmlsite import broken_links, pages
from macros.kb import site as site_mod
from sitebuild import ROOT, built, shared
from test_hostile_input import errors


EXAMPLE = ROOT / "examples" / "harbour-clinic"


@pytest.fixture(scope="module")
def clinic_site(clinic_editions):
    """The clinic's English edition, with its Spanish one in es/ (the language selector's
    links resolve)."""
    return clinic_editions


def test_the_clinic_brands_the_site(clinic_site):
    home = (clinic_site / "index.html").read_text(encoding="utf-8")
    assert "Harbourside Therapy Clinic</title>" in home
    assert "--md-primary-fg-color: #24585f" in home
    assert "12 Example Quay" in home and "https://harbourside.example/book" in home
    assert "Harbourside Therapy Clinic (a fictional example) provides this information" in home
    assert '<img src="assets/clinic-logo.svg" alt="logo">' in home
    assert ("<em>Clinical massage and patient education (a fictional example clinic)</em>"
            in html.unescape(home))  # {{ clinic("tagline") }}: punctuation as character references


def test_links_resolve_in_the_clinic_site(clinic_site):
    assert broken_links(clinic_site, base_path="/learn/") == []


def test_hidden_entries_disappear_everywhere(clinic_site):
    assert not (clinic_site / "conditions" / "alcohol-withdrawal").exists()
    assert not (clinic_site / "faq" / "is-medical-massage-new").exists()
    for path in clinic_site.rglob("*.html"):
        assert "alcohol-withdrawal/" not in path.read_text(encoding="utf-8"), path
    index = (clinic_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "alcohol-withdrawal" not in index
    data = json.loads((clinic_site / "api" / "all.json").read_text(encoding="utf-8"))
    assert "alcohol-withdrawal" not in {e["id"] for e in data["kinds"]["condition"]}


def test_replaced_entry_and_own_pages(clinic_site):
    faq = (clinic_site / "faq" / "how-long-is-a-massage-session" / "index.html").read_text(encoding="utf-8")
    assert "How long is a session at Harbourside?" in faq
    about = pages(clinic_site)["about/index.html"]
    assert ("a.href", "../therapists/") in about.links
    home = (clinic_site / "index.html").read_text(encoding="utf-8")
    assert "Welcome to Harbourside Therapy Clinic" in home
    assert 'href="tags/"' not in home  # the Tags section is hidden from the navigation


def test_roster_and_who_here_offers_this(clinic_site):
    roster = pages(clinic_site)["therapists/index.html"]
    assert ("a.href", "alex-example/") in roster.links and ("a.href", "sam-sample/") in roster.links
    technique = pages(clinic_site)["techniques/manual-lymphatic-drainage/index.html"]
    assert "therapists" in technique.ids
    assert ("a.href", "../../therapists/sam-sample/") in technique.links


def test_translations_of_hidden_or_replaced_entries_are_left_aside():
    """The shipped Spanish translation of a condition the clinic hides, and of a question it
    replaces with its own, translate nothing the clinic shows: no error, no stale notice (the
    question it replaces shows the clinic's own translation of its answer)."""
    loaded = site_mod.load(EXAMPLE)
    spanish = loaded.translations.by_language["es"]
    assert ("condition", "alcohol-withdrawal") not in spanish
    faq = spanish[("faq", "how-long-is-a-massage-session")]  # the clinic's own translation of its own
    assert faq.file == "examples/harbour-clinic/data/translations/es/faq/how-long-is-a-massage-session.yml"
    assert ("condition", "neck-pain") in spanish
    assert [p for p in loaded.notices if p.topic == "translations"] == []


def test_the_shipped_site_has_no_therapists(shipped):
    assert shipped.kb.of_kind("therapist") == []


def test_printed_pages_carry_header_url_qr_and_disclaimer(clinic_site):
    text = (clinic_site / "conditions" / "neck-pain" / "index.html").read_text(encoding="utf-8")
    assert 'class="kb-print-only kb-print-header"' in text
    assert "Read this page online: https://harbourside.example/learn/conditions/neck-pain/" in text
    assert 'class="kb-qr"' in text
    css = (clinic_site / "assets" / "stylesheets" / "kb.css").read_text(encoding="utf-8")
    assert "@media print" in css and ".md-header, .md-tabs, .md-sidebar" in css


def copy_example(tmp_path):
    folder = tmp_path / "examples" / "harbour-clinic"
    shutil.copytree(EXAMPLE, folder)
    for name in ("clinic.yml", "mkdocs.yml", "mkdocs.es.yml"):  # its relative paths: to this repository
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace("../..", str(ROOT)), encoding="utf-8")
    return folder


def test_unknown_credential_fails_validation(tmp_path, monkeypatch):
    folder = copy_example(tmp_path)
    path = folder / "data" / "therapists" / "sam-sample.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("credential: clt-lana", "credential: clt-lanaa"),
                    encoding="utf-8")
    monkeypatch.chdir(folder)
    assert errors(folder, dt.date.today()) == [
        "data/therapists/sam-sample.yml:14: credentials_held[1].credential: unknown credential id "
        "'clt-lanaa' (did you mean 'clt-lana'?)"]


def require_weasyprint():
    try:
        import weasyprint  # noqa: F401  (needs Debian's Pango)
    except (ImportError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI=true and WeasyPrint cannot load: {exc}")
        pytest.skip(f"WeasyPrint cannot load ({exc}): run `make test` as root to install Pango")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """The kiosk / USB-stick build: Material's offline plugin, which also switches to plain
    ``.html`` links (no ``--no-directory-urls`` needed)."""
    return shared(tmp_path_factory, "offline", lambda folder: built(
        EXAMPLE / "mkdocs.yml", folder / "site", env={"KB_OFFLINE": "true"}))


def test_offline_build_works_from_a_folder_on_disk(offline_site):
    html = pages(offline_site)
    assert "index.html" in html and "conditions/neck-pain.html" in html
    assert ("a.href", "../techniques/swedish-massage.html") in html["conditions/neck-pain.html"].links
    # Search works from file:// through the offline plugin's script copy of the index, which
    # must include the entry pages (indexed from the data after Material's search plugin).
    script = (offline_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert '"location":"conditions/neck-pain.html"' in script.replace('": "', '":"')
    assert '"location":"techniques/swedish-massage.html"' in script.replace('": "', '":"')


@pytest.mark.browser
def test_offline_search_runs_from_file_urls_with_no_other_host(offline_site):
    """Opened from the folder (file://), search finds an entry by its alias, and no request
    leaves the disk: Material's offline plugin would fetch its worker shim from unpkg.com."""
    from browser import chromium, require_chromium, search_results
    require_chromium()
    with chromium() as browser:
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto((offline_site / "conditions" / "neck-pain.html").as_uri())
        first = search_results(page, "NMT").first.get_attribute("href")
    assert first.split("?")[0].endswith("/techniques/neuromuscular-therapy.html")
    assert [url for url in requests if not url.startswith("file:")] == []


@pytest.mark.browser
def test_every_condition_and_technique_page_prints_on_one_or_two_pages(clinic_site):
    """Chromium's print to PDF (A4) with the print stylesheet: a clean one- or two-page handout
    with the clinic's header, the page's address and the disclaimer, and no navigation. The
    pages with the most printed text of each kind are printed to PDF and counted: the others
    print less."""
    import io

    from browser import chromium, require_chromium, serve
    require_chromium()
    too_long = []
    printed = {f"{kind}/{folder.name}/": printed_length(folder / "index.html")
               for kind in ("conditions", "techniques")
               for folder in sorted(p for p in (clinic_site / kind).iterdir() if p.is_dir())}
    tallest = [path for kind in ("conditions", "techniques") for path in
               sorted((p for p in printed if p.startswith(kind)), key=printed.get)[-TALLEST:]]
    with serve(clinic_site) as url, chromium() as browser:
        page = browser.new_page()
        for path in tallest:
            page.goto(url + path)
            reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
            text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
            assert "Harbourside Therapy Clinic" in text and "12 Example Quay" in text
            assert f"/learn/{path}" in text and "does not diagnose" in text
            assert "Evidence matrix" not in text  # the navigation is not printed
            if not 1 <= len(reader.pages) <= 2:
                too_long.append(f"{path}: {len(reader.pages)} pages")
    assert len(printed) >= 50 and too_long == []


TALLEST = 4  # pages of each kind printed to PDF


def printed_length(html_file) -> int:
    """How much text a page prints: its article without what print leaves out (the screen-only
    parts and the student level) and without tags."""
    import re
    article = html_file.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r'<(div|section|li|aside|p|details)[^>]*class="[^"]*(kb-no-print|kb-level--student)[^"]*"[^>]*>.*?</\1>',
                     "", article, flags=re.S)
    return len(re.sub(r"<[^>]+>", "", article))


PICKS = [("back pain", "condition/low-back-pain"), ("swedish", "technique/swedish-massage"),
         ("pregnan", "context/pregnancy"), ("what is medical", "faq/what-is-medical-massage")]
PUBLIC = "https://harbourside.example/learn/"


def public_address(ref: str) -> str:
    kind, _, entry_id = ref.partition("/")
    return f"{PUBLIC}{ {'condition': 'conditions', 'technique': 'techniques', 'context': 'contexts', 'faq': 'faq'}[kind] }/{entry_id}/"


@pytest.mark.browser
def test_the_packet_page_prints_chosen_entries_in_order_with_a_note_and_keeps_nothing(clinic_site):
    """Staff find and tick four entries, move the last one up from the keyboard, type a note and
    print: one packet in that order, the note as typed (as text), a QR code per entry that
    decodes to its page, no nearly blank page, fewer sheets than the four pages printed one by
    one; nothing is stored and no request is made. Axe passes with the packet shown."""
    from axe_playwright_python.sync_playwright import Axe

    import pdfpages
    from browser import chromium, require_chromium, serve
    from test_browser import AXE_TAGS
    from test_qr import dark_modules, encoded
    require_chromium()
    note = 'Stretch twice a day.\n<img src=x onerror="window.__pwned=1"> stays text.'
    with serve(clinic_site) as url, chromium() as browser:
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(url + "packet/")
        for query, ref in PICKS:
            page.fill("#kb-packet-search", query)
            page.check(f"input[value='{ref}']")
        page.locator("li[data-kb-entry='faq/what-is-medical-massage'] [data-kb-move='-1']").focus()
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
        chosen = page.locator("[data-kb-packet-order] li:not([hidden]) .kb-packet-order-title").all_text_contents()
        loaded = len(requests)
        page.fill("#kb-packet-note", note)
        shown_note = page.locator("[data-kb-packet-note-text]").text_content()
        printed = pdfpages.read(page.pdf(format="A4"))
        codes = [dark_modules(svg.evaluate("e => e.outerHTML")) for svg in
                 page.locator("[data-kb-packet-entries] > section:not([hidden]) svg.kb-qr").all()]
        pwned = page.evaluate("window.__pwned")
        stored = page.evaluate("""() => JSON.stringify([document.cookie,
            ...[localStorage, sessionStorage].flatMap(s => Object.keys(s).map(k => [k, s.getItem(k)]))])""")
        late = requests[loaded:]
        axe = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        one_by_one = 0
        for _, ref in PICKS:
            page.goto(url + public_address(ref).removeprefix(PUBLIC))
            one_by_one += pdfpages.read(page.pdf(format="A4")).pages
    order = [PICKS[0][1], PICKS[1][1], PICKS[3][1], PICKS[2][1]]
    assert focused == "Move What is medical massage? up"
    assert chosen == ["Low back pain", "Swedish massage", "What is medical massage?", "Pregnancy"]
    assert shown_note == note and pwned is None and late == []
    assert "Stretch" not in stored and "low-back-pain" not in stored, stored  # Material keeps only its own settings
    assert codes == [encoded(public_address(ref)) for ref in order]
    assert pdfpages.qr_codes(printed) == codes  # the codes on paper, read back from the PDF
    assert printed.nearly_blank() == [] and printed.pages < one_by_one
    text = printed.text
    assert text.startswith("Harbourside Therapy Clinic 12 Example Quay") and text.count("12 Example Quay") == 1
    assert "Stretch twice a day. <img src=x onerror=\"window.__pwned=1\"> stays text." in text
    positions = [text.index(title) for title in ("Low back pain Last reviewed", "Swedish massage Last reviewed",
                                                 "What is medical massage? Last reviewed", "Pregnancy Last reviewed")]
    assert positions == sorted(positions)
    assert "Choose the pages" not in text and "Find a page" not in text  # the picker does not print
    assert text.count("provides this information for education") == 1
    assert all(u.startswith(url) for u in requests)
    assert axe.violations_count == 0, axe.generate_report()


@pytest.mark.browser
def test_the_packet_page_works_from_a_folder_on_disk(offline_site):
    """The kiosk build, opened from file://: the packet works with no request leaving the disk,
    and its QR codes open the pages online (the public addresses, not the kiosk's files)."""
    from browser import chromium, require_chromium
    from test_qr import dark_modules, encoded
    require_chromium()
    with chromium() as browser:
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto((offline_site / "packet.html").as_uri())
        page.fill("#kb-packet-search", "neck pain")
        page.check("input[value='condition/neck-pain']")
        section = page.locator("section[data-kb-entry='condition/neck-pain']")
        visible = section.is_visible()
        code = dark_modules(section.locator("svg.kb-qr").evaluate("e => e.outerHTML"))
    assert visible
    assert code == encoded(PUBLIC + "conditions/neck-pain/")
    assert [url for url in requests if not url.startswith("file:")] == []
