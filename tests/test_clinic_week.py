"""A new clinic's first week. It follows the README's clinic commands as written, in a copy of the
repository; renames itself, adds a logo and a therapist (with a photo, and a licence that
expires in 30 days); hides a condition that shipped questions and glossary terms link to, a
therapy a shipped page links to, a glossary term and the whole history kind; then makes the
usual mistakes: a page of its own that links to a hidden entry, a licence left to expire.

Two builds of the whole site (the fresh scaffold, then the clinic after its week) and one
`mkdocs serve`, shared by every test here."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT, copy_fixture, mkdocs_build, write_config
from test_hostile_input import errors
from test_serve import fetch, free_port, wait_for

pytestmark = pytest.mark.xdist_group("clinic_week")  # its module fixtures build once, on one worker

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c"
                    "4944415478da63f8cfc000000301010018dd8db40000000049454e44ae426082")
SOON = dt.date.today() + dt.timedelta(days=30)
NAME = "Harbour Lights Massage"
PUBLIC = "https://harbourlights.example/learn/"


def readme_commands() -> tuple[list[list[str]], list[list[str]]]:
    """The commands of the README's clinic section: the code block's, then those in the text."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Clinic edition\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    inline = re.findall(r"`(\.venv/bin/python [^`]+)`", section.replace(block, ""))
    return ([shlex.split(line, comments=True) for line in block.splitlines() if line.strip()],
            [shlex.split(line) for line in inline])


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def fresh_clone(dest: Path) -> Path:
    """The repository's files as a fresh clone has them (what git tracks, and what it would),
    with this run's virtual environment as its .venv."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    (dest / ".venv").symlink_to(Path(sys.executable).parent.parent)
    return dest


@pytest.fixture(scope="module")
def readme(tmp_path_factory):
    """The README's clinic commands, run as written from the repository's folder: their results,
    and the home page ``serve`` served (a free port added: others may be serving on 8000)."""
    repo = fresh_clone(tmp_path_factory.mktemp("week") / "repo")
    block, inline = readme_commands()
    results, served = [], None
    for argv in block:
        if argv[2:4] == ["mkdocs", "serve"]:
            port = free_port()
            server = subprocess.Popen(argv + ["-a", f"127.0.0.1:{port}"], cwd=repo,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
            try:
                served = wait_for(lambda: fetch(f"http://127.0.0.1:{port}/learn/"), 120)
            finally:
                server.terminate()
                server.wait(timeout=10)
            continue
        results.append((argv, run(argv, repo)))
    results += [(argv, run(argv, repo)) for argv in inline]
    return repo, results, served


def test_the_readme_clinic_commands_work_as_written(readme):
    repo, results, served = readme
    failed = [(" ".join(argv), r.returncode, r.stderr[-2000:]) for argv, r in results if r.returncode]
    assert failed == []
    commands = [" ".join(argv[1:4]) for argv, _ in results]
    assert commands[:3] == ["-m macros new-clinic", "-m macros check", "-m mkdocs build"]
    assert results[1][1].stdout.startswith("ok: ")
    built = repo.parent / "my-clinic" / "site"  # where the README says the build goes
    assert "My Clinic</title>" in (built / "index.html").read_text(encoding="utf-8")
    assert served is not None and "<h1 id=\"my-clinic\">My Clinic" in served
    assert (repo.parent / "my-clinic" / "data" / "therapists" / "jane-doe.yml").is_file()


@pytest.fixture(scope="module")
def week(readme):
    """The scaffolded clinic after its first week, built with --strict."""
    folder = readme[0].parent / "my-clinic"
    clinic = folder / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    for old, new in (("name: My Clinic", f"name: {NAME}"),
                     ("# tagline: Clinical massage for pain and recovery", "tagline: Hands-on care, explained"),
                     ("# logo: logo.png", "logo: logo.png"),
                     ("hide: {}", "hide: {condition: [immune-function], therapy: [yoga], "
                                  "glossary: [fascia], history: all}")):
        assert old in text, old
        text = text.replace(old, new)
    clinic.write_text(text, encoding="utf-8")
    (folder / "logo.png").write_bytes(PNG)
    (folder / "photos").mkdir()
    (folder / "photos" / "jane.png").write_bytes(PNG)
    therapist = folder / "data" / "therapists" / "jane-doe.yml"
    text = therapist.read_text(encoding="utf-8")
    for old, new in (("title: Example Name", "title: Jane Doe"), ("photo: null", "photo: photos/jane.png"),
                     ("techniques: []", "techniques: [swedish-massage]"),
                     ("conditions: []", "conditions: [neck-pain]"),
                     ("expires: 2030-01-01", f"expires: {SOON}")):
        assert old in text, old
        text = text.replace(old, new)
    therapist.write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"  # where the site will live: printed QR codes open it there
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://example.org/learn/", f"site_url: {PUBLIC}"), encoding="utf-8")
    result = mkdocs_build(folder / "mkdocs.yml", folder / "week-site")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder, folder / "week-site", result.stdout + result.stderr


def html_of(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def every_page(site: Path):
    """``(path, HTML)`` of every page of a built site."""
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


def test_renaming_the_clinic_renames_the_whole_site(week):
    _, site, _ = week
    home = html_of(site, "index.html")
    assert f'<h1 id="harbour-lights-massage">{NAME}' in home and f"{NAME}</title>" in home
    assert "Hands-on care, explained" in home  # the tagline, through {{ clinic("tagline") }}
    assert [rel for rel, text in every_page(site) if "My Clinic" in text] == []


def test_the_logo_shows_in_the_header_and_the_printed_header(week):
    _, site, _ = week
    page = html_of(site, "conditions/neck-pain/index.html")
    header = re.search(r'<header class="md-header.*?</header>', page, re.S).group(0)
    assert '<img src="../../assets/clinic-logo.png" alt="logo">' in header
    printed = re.search(r'<div class="kb-print-only kb-print-header">.*?</div>\s*</div>', page, re.S).group(0)
    assert '<img class="kb-print-logo" src="../../assets/clinic-logo.png" alt="">' in printed
    assert NAME in printed and "Hands-on care, explained" in printed
    assert (site / "assets" / "clinic-logo.png").read_bytes() == PNG


def notices(log: str) -> list[str]:
    return [line.split("notice: ", 1)[1] for line in log.splitlines() if line.startswith("INFO") and "notice: " in line]


def test_a_hidden_condition_is_gone_and_shipped_links_to_it_lose_it(week):
    _, site, log = week
    assert not (site / "conditions" / "immune-function").exists()
    assert [rel for rel, text in every_page(site) if "conditions/immune-function" in text] == []
    assert "immune-function" not in html_of(site, "sitemap.xml")
    assert "conditions/immune-function" not in html_of(site, "search/search_index.json")
    exported = json.loads(html_of(site, "api/all.json"))["kinds"]
    assert "immune-function" not in {e["id"] for e in exported["condition"]}
    assert all("condition/immune-function" not in e["related"] for e in exported["faq"])
    assert ",immune-function," not in html_of(site, "api/condition.csv")
    faq = html_of(site, "faq/does-massage-boost-the-immune-system/index.html")
    assert "Does massage boost the immune system?" in faq  # the question stays, without the link
    # one notice per change, at INFO (strict mode built the site), naming the shipped file and line
    found = notices(log)
    for change in ("data/faq/does-massage-boost-the-immune-system.yml:13: related[0]: link to hidden "
                   "condition/immune-function left out",
                   "data/glossary/lymphocyte.yml:11: see_also[0]: link to hidden condition/immune-function left out"):
        assert len([n for n in found if n.endswith(change)]) == 1, change
    assert "WARNING" not in log


def test_a_shipped_page_shows_its_link_to_a_hidden_therapy_as_text(week):
    _, site, log = week
    page = html_of(site, "self-care/index.html")
    assert "See the Yoga page." in " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "therapies/yoga" not in page
    assert len([n for n in notices(log) if n.endswith("content/self-care.md:61: link: link to "
                                                      "hidden therapy/yoga shown as plain text")]) == 1


def test_a_hidden_glossary_term_gets_no_tooltip(week):
    _, site, _ = week
    page = html_of(site, "techniques/myofascial-release/index.html")
    assert re.search(r"<abbr[^>]*>[Ff]ascia</abbr>", page) is None
    assert re.search(r"\b[Ff]ascia\b", re.sub(r"<[^>]+>", " ", page))  # the word is still there
    assert not (site / "glossary" / "fascia").exists()


def test_a_kind_hidden_whole_loses_its_pages_index_and_navigation(week):
    _, site, log = week
    assert not (site / "history").exists()
    home = html_of(site, "index.html")
    assert 'href="history/"' not in home
    assert [n for n in notices(log) if "nav: 'History' (history/index.md) left out" in n]
    assert all(e["origins"] == [] for e in json.loads(html_of(site, "api/technique.json")))


def test_the_roster_is_in_the_navigation_with_photo_and_separate_lists(week):
    _, site, _ = week
    home = html_of(site, "index.html")
    assert '<a href="therapists/" class="md-nav__link">' in home
    page = html_of(site, "therapists/jane-doe/index.html")
    assert '<p class="kb-photo"><img src="../../assets/therapists/jane-doe.png" alt="Jane Doe"' in page
    assert (site / "assets" / "therapists" / "jane-doe.png").read_bytes() == PNG
    offered = re.search(r'<h2 data-search-exclude id="techniques">Techniques offered.*?</h2>\s*<ul[^>]*>(.*?)</ul>', page, re.S)
    interest = re.search(r'<h2 data-search-exclude id="special-interest">Special interest.*?</h2>\s*<ul[^>]*>(.*?)</ul>', page, re.S)
    assert "Swedish massage" in offered.group(1) and "Neck pain" not in offered.group(1)
    assert "Neck pain" in interest.group(1)


def test_a_licence_expiring_in_30_days_is_a_notice_that_check_names(week):
    folder, _, log = week
    expected = (f"data/therapists/jane-doe.yml:14: credentials_held[0].expires: Jane Doe's State "
                f"massage therapy license expires on {SOON} (in 30 days): write the new expiry "
                "date once it is renewed")
    assert expected in notices(log)  # and the strict build went on
    checked = run([sys.executable, "-m", "macros", "check", str(folder)], folder.parent / "repo")
    assert checked.returncode == 0, checked.stderr
    report = checked.stdout.split("\n")
    credentials = report.index("Credentials expiring (1):")
    assert report[credentials + 1].endswith(expected[len("data/"):])
    assert "What hiding changed (" in checked.stdout


@pytest.fixture
def clinic_copy(week, tmp_path):
    """A copy of the clinic after its week, beside the repository, to break."""
    folder = week[0]
    copy = folder.parent / f"broken-{tmp_path.name}"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("site", "week-site"))
    return copy


def test_a_clinic_page_linking_to_a_hidden_entry_is_a_clear_error(clinic_copy, monkeypatch):
    about = clinic_copy / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nRead about "
                     '{{ link("condition/immune-function") }} and [the old days](history/index.md).\n',
                     encoding="utf-8")
    monkeypatch.chdir(clinic_copy)
    assert errors(clinic_copy, dt.date.today()) == [
        "content/about.md:9: link: links to condition 'immune-function': clinic.yml:16 hides "
        "condition 'immune-function'; remove the link, or stop hiding it",
        "content/about.md:9: markdown: links to history/index.md, which is not built: clinic.yml:16 "
        "hides every history entry; remove the link, or stop hiding it"]


def test_an_expired_licence_fails_the_build_naming_the_therapist(clinic_copy, monkeypatch):
    expired = dt.date.today() - dt.timedelta(days=1)
    path = clinic_copy / "data" / "therapists" / "jane-doe.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"expires: {SOON}", f"expires: {expired}"),
                    encoding="utf-8")
    monkeypatch.chdir(clinic_copy)
    assert errors(clinic_copy, dt.date.today()) == [
        f"data/therapists/jane-doe.yml:14: credentials_held[0].expires: Jane Doe's State massage "
        f"therapy license expired on {expired}: write the new expiry date once it is renewed, or "
        "take it off the roster"]


def test_a_shipped_page_linking_to_a_hidden_kind_builds(tmp_path):
    """Markdown links and macros on a shipped page, to a kind hidden whole: plain text, a notice
    each, and the strict build goes on."""
    site = copy_fixture("mini", tmp_path / "site")
    (site / "content" / "index.md").write_text(
        "# Mini site\n\nSee [the old days](history/index.md), {{ index_link(\"history\") }}, "
        "{{ link(\"history/ling\") }} and [kneading](techniques/kneading.md).\n", encoding="utf-8")
    write_config(site, nav=[{"Home": "index.md"}, {"History": "history/index.md"},
                            {"Techniques": "techniques/index.md"}])
    clinic = tmp_path / "clinic"
    (clinic / "data").mkdir(parents=True)
    (clinic / "clinic.yml").write_text(f"base: {site}\nname: Test Clinic\naddress: 1 Road\n"
                                       "phone: '0'\ndisclaimer: Education only.\nhide: {history: all}\n",
                                       encoding="utf-8")
    (clinic / "mkdocs.yml").write_text(f"INHERIT: {site}/mkdocs.yml\ndocs_dir: content\n", encoding="utf-8")
    (clinic / "content").mkdir()
    result = mkdocs_build(clinic / "mkdocs.yml", clinic / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    home = html_of(clinic / "out", "index.html")
    assert ("<p>See the old days, History, Ling&#39;s movements and "
            '<a href="techniques/kneading/">kneading</a>.</p>') in home
    assert 'href="history/' not in home
    log = result.stdout + result.stderr
    assert sorted(n.split(": ", 1)[1] for n in notices(log) if "index.md:3" in n) == [
        "index_link: link to hidden history index shown as plain text",
        "link: link to hidden history/ling shown as plain text",
        "markdown: link to hidden page history/index.md shown as plain text"]
    assert len([n for n in notices(log) if "nav: 'History'" in n]) == 1


def image_count(printed, page: int) -> int:
    """How many images a page of a PDF draws (the logo is the only one on a packet's first)."""
    xobjects = printed.reader.pages[page]["/Resources"].get("/XObject") or {}
    return sum(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)


PACKET = [("back pain", "condition/low-back-pain", "conditions/low-back-pain/"),
          ("swedish", "technique/swedish-massage", "techniques/swedish-massage/"),
          ("self-massage", "technique/self-massage", "techniques/self-massage/"),
          ("how often", "faq/how-often-should-i-get-a-massage", "faq/how-often-should-i-get-a-massage/")]


@pytest.mark.browser
def test_the_week_in_a_browser_packet_and_codes(week):
    """At the front desk of the new clinic: find and tick four entries on the packet page and
    print them (the logo on paper, one QR code per entry decoding to its public page, no nearly
    blank page); then follow the health record's links, code/M54.50/ and code/M54.5/, to low
    back pain. The same packet from the command line is in the README's commands (above)."""
    import pdfpages
    from browser import chromium, require_chromium, serve
    from test_qr import dark_modules, encoded
    require_chromium()
    _, site, _ = week
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "packet/")
        for query, ref, _ in PACKET:
            page.fill("#kb-packet-search", query)
            page.check(f"input[value='{ref}']")
        logo = page.locator("[data-kb-packet] .kb-packet-letterhead img").get_attribute("src")
        printed = pdfpages.read(page.pdf(format="A4"))
        shown = [dark_modules(svg.evaluate("e => e.outerHTML")) for svg in
                 page.locator("[data-kb-packet-entries] > section:not([hidden]) svg.kb-qr").all()]
        reached = []
        for code in ("M54.50", "M54.5"):
            page.goto(f"{url}code/{code}/")
            page.get_by_role("link", name="Low back pain").first.click()
            reached.append(page.url.removeprefix(url))
    assert logo and (site / "packet" / logo).resolve().is_file() and image_count(printed, 0) >= 1
    assert shown == [encoded(PUBLIC + path) for _, _, path in PACKET]
    assert pdfpages.qr_codes(printed) == shown and printed.nearly_blank() == []
    assert 2 <= printed.pages <= 8 and printed.text.startswith(NAME)
    assert reached == ["conditions/low-back-pain/", "conditions/low-back-pain/"]
