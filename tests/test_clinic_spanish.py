"""The clinic edition in Spanish: the example clinic's ``mkdocs.es.yml`` builds with --strict, its
pages show ``data/translations/es/clinic.yml``'s text (name, tagline, hours, disclaimer, the
titles of its own pages), the language selector leads to the same page in the other language,
a translation of clinic.yml holding facts or the wrong number of items is a clear error, its text
stays text, and ``python -m macros packet --language es`` prints the Spanish edition."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pdfpages
from htmlsite import language_links, pages
from macros.kb import site as site_mod
from macros.outputs import packet
from macros.outputs.site_output import SiteOutput
from sitebuild import ROOT, built, copy_fixture, mkdocs_build, write_config
from test_clinic import EXAMPLE, copy_example, require_weasyprint
from test_trust_boundary import LIVE, text_of

NAME = "Clínica de Terapia Harbourside"
TAGLINE = "Masaje clínico y educación para pacientes (una clínica de ejemplo ficticia)"


@pytest.fixture(scope="module")
def spanish(clinic_editions):
    return clinic_editions / "es"


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_spanish_home_page_shows_the_clinic_in_spanish(spanish):
    home = read(spanish, "index.html")
    text = html.unescape(home)
    assert '<html lang="es"' in home
    assert f"<title>Inicio - {NAME}</title>" in text
    assert f"<h1 id=\"clinica-de-terapia-harbourside-le-damos-la-bienvenida\">{NAME}: le damos la bienvenida" in text
    assert f"<em>{TAGLINE}</em>" in text  # {{ clinic("tagline") }}
    footer = text_of(re.search(r'<aside class="kb-disclaimer".*?</aside>', home, re.S).group(0))
    assert footer.startswith("La Clínica de Terapia Harbourside (un ejemplo ficticio) ofrece esta "
                             "información para aprender.")
    assert "Lunes a viernes de 8:00 a 18:00, Sábados de 9:00 a 13:00" in footer
    assert "12 Example Quay" in footer  # facts stay clinic.yml's
    assert "Harbourside Therapy Clinic" not in text
    assert '<img src="assets/clinic-logo.svg" alt="logo">' in home


def test_the_spanish_navigation_is_the_shipped_one_with_the_clinics_pages(spanish):
    home = pages(spanish)["index.html"]
    nav = html.unescape(read(spanish, "index.html"))
    assert "Problemas de salud" in nav and "Para empezar" in nav
    assert "Sobre la clínica" in nav and "Nuestros terapeutas" in nav
    assert "About the clinic" not in nav
    assert ("a.href", "tags/") not in home.links  # hide_sections: [Tags] is "Etiquetas" here
    about = read(spanish, "about/index.html")
    assert f"<title>Sobre la clínica - {NAME}</title>" in html.unescape(about)


def test_the_roster_and_the_clinics_own_answer_are_in_spanish(spanish):
    roster = html.unescape(read(spanish, "therapists/alex-example/index.html"))
    assert "Alex trabaja con personas que tienen dolor de espalda y de cuello." in roster
    faq = html.unescape(read(spanish, "faq/how-long-is-a-massage-session/index.html"))
    assert "¿Cuánto dura una sesión en Harbourside?" in faq
    assert "Casi todas nuestras sesiones duran una hora." in faq


def test_the_printed_header_is_in_spanish(spanish):
    page = read(spanish, "conditions/neck-pain/index.html")
    header = text_of(re.search(r'<div class="kb-print-only kb-print-header">.*?</div>\s*</div>', page, re.S).group(0))
    assert header.startswith(f"{NAME} · {TAGLINE}")


def test_the_language_selector_leads_to_the_same_page(clinic_editions):
    for rel, other, language in [("about/index.html", "es/about/index.html", "es"),
                                 ("es/about/index.html", "about/index.html", "en"),
                                 ("es/therapists/sam-sample/index.html",
                                  "therapists/sam-sample/index.html", "en")]:
        links = language_links(clinic_editions, rel, read(clinic_editions, rel))
        assert links.get(language) == other, (rel, links)
    # every link of both editions, deployed together, resolves: test_clinic.py checks it


# --- data/translations/es/clinic.yml: only text, in clinic.yml's shape ---------------------------

TRANSLATION = "data/translations/es/clinic.yml"


def errors(folder) -> list[str]:
    """The errors loading the site in ``folder`` reports, as ``file:line: field: message``."""
    from macros.kb.problems import DataError
    with pytest.raises(DataError) as caught:
        site_mod.load(folder)
    return [str(p) for p in caught.value.problems]


def translate(tmp_path, text: str):
    folder = copy_example(tmp_path)
    (folder / TRANSLATION).write_text(text, encoding="utf-8")
    return folder


def test_facts_wrong_lengths_and_other_pages_are_errors_at_their_lines(tmp_path, monkeypatch):
    folder = translate(tmp_path, "name: Clínica\naddress: Calle 1\nhours: [Lunes]\n"
                                 "pages:\n  - Sobre: about.md\n  - Terapeutas: faq/index.md\n"
                                 "colour: azul\n")
    monkeypatch.chdir(folder)
    assert errors(folder) == [
        f"{TRANSLATION}:2: address: 'address' is a fact, not text: facts stay in clinic.yml (a "
        "translation holds only name, tagline, hours, disclaimer, pages)",
        f"{TRANSLATION}:3: hours: must be a list of 2, as in clinic.yml",
        f"{TRANSLATION}:6: pages[1]: 'faq/index.md' where clinic.yml has 'therapists/index.md': "
        "keep the same pages in the same order, and translate only their titles",
        f"{TRANSLATION}:7: colour: unknown field 'colour'; a translation holds only name, tagline, "
        "hours, disclaimer, pages",
    ]


def test_text_clinic_yml_does_not_have_and_bad_values_are_errors(tmp_path, monkeypatch):
    folder = translate(tmp_path, "name: ''\ndisclaimer: [a, b]\n")
    clinic = folder / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("tagline:", "# tagline:"),
                      encoding="utf-8")
    monkeypatch.chdir(folder)
    found = errors(folder)
    assert [p.split(": ")[0:2] for p in found] == [[f"{TRANSLATION}:1", "name"],
                                                  [f"{TRANSLATION}:2", "disclaimer"]]
    (folder / TRANSLATION).write_text("tagline: Masaje clínico\n", encoding="utf-8")
    assert errors(folder) == [f"{TRANSLATION}:1: tagline: clinic.yml has no tagline: there is "
                              "nothing to translate"]


def test_the_check_command_reports_them_without_a_traceback(tmp_path):
    folder = translate(tmp_path, "phone: '000'\n")
    done = subprocess.run([sys.executable, "-m", "macros", "check", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "clinic.yml:1: phone: 'phone' is a fact, not text: facts stay in clinic.yml" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_shipped_site_cannot_translate_a_clinic_it_does_not_have(tmp_path, monkeypatch):
    site = copy_fixture("mini", tmp_path / "site")
    (site / TRANSLATION).parent.mkdir(parents=True)
    (site / TRANSLATION).write_text("name: Clínica\n", encoding="utf-8")
    monkeypatch.chdir(site)
    assert errors(site) == [f"{TRANSLATION}:1: (file): a translation of clinic.yml belongs in a "
                            "clinic's folder (data/translations/<lang>/clinic.yml beside its "
                            "clinic.yml)"]


# --- Hostile text in the Spanish clinic.yml stays text -----------------------------------------------

HOSTILE = {
    "name": '<script>window.__pwned="name"</script> & Cía',
    "tagline": '<img src=x onerror="window.__pwned=\'tagline\'">',
    "disclaimer": 'Solo educación. </p><script>window.__pwned="disclaimer"</script>',
    "page": 'Sobre <img src=x onerror="window.__pwned=\'nav\'">',
}


def mini_spanish_clinic(tmp: Path) -> Path:
    """A small clinic over the ``mini`` fixture with a Spanish edition and a hostile clinic.yml
    translation. The fixture has no Spanish interface words, so a strict Spanish build warns."""
    import yaml
    copy_fixture("mini", tmp / "site")
    clinic = tmp / "clinic"
    (clinic / "content" / "es").mkdir(parents=True)
    (clinic / "clinic.yml").write_text(
        "base: ../site\nname: Clinic\ntagline: Plain words\naddress: 1 Road\nphone: '0'\n"
        "disclaimer: Education only.\npages:\n  - About: about.md\n", encoding="utf-8")
    page = '---\ntitle: Inicio\n---\n# {{ clinic("name") }}\n\n{{ clinic("tagline") }}\n'
    for rel in ("content/index.md", "content/es/index.md"):
        (clinic / rel).write_text(page, encoding="utf-8")
    for rel in ("content/about.md", "content/es/about.md"):
        (clinic / rel).write_text("# About\n", encoding="utf-8")
    (clinic / TRANSLATION).parent.mkdir(parents=True)
    (clinic / TRANSLATION).write_text(yaml.safe_dump(
        {"name": HOSTILE["name"], "tagline": HOSTILE["tagline"], "disclaimer": HOSTILE["disclaimer"],
         "pages": [{HOSTILE["page"]: "about.md"}]}, allow_unicode=True), encoding="utf-8")
    write_config(clinic, site_url="https://clinic.example/learn/")
    (clinic / "mkdocs.es.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_url: https://clinic.example/learn/es/\ndocs_dir: content/es\n"
        "strict: false\ntheme:\n  language: es\n", encoding="utf-8")
    return clinic


@pytest.fixture(scope="module")
def hostile_spanish(tmp_path_factory):
    """The small clinic built in Spanish (not strict: the fixture has no Spanish interface words)."""
    clinic = mini_spanish_clinic(tmp_path_factory.mktemp("hostile-es"))
    return built(clinic / "mkdocs.es.yml", clinic / "built", strict=False)


def test_make_build_stops_on_a_warning_of_the_spanish_edition(tmp_path):
    """``make build`` (``KB_EDITIONS=all``, strict): the Spanish edition, built after English in
    the same process, is strict too; a link only its pages have that leads nowhere stops the
    build, named, with a non-zero exit and no traceback."""
    folder = copy_example(tmp_path)
    about = folder / "content" / "es" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[Horario](horario.md)\n", encoding="utf-8")
    result = mkdocs_build(folder / "mkdocs.yml", folder / "built", env={"KB_EDITIONS": "all"})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "horario.md" in output and "Aborted with" in output and "Traceback" not in output
    assert (folder / "built" / "index.html").is_file()  # English was built first


def test_hostile_spanish_clinic_text_is_text(hostile_spanish):
    found = {p.relative_to(hostile_spanish).as_posix(): LIVE.findall(p.read_text(encoding="utf-8"))
             for p in hostile_spanish.rglob("*.html")}
    assert {k: v for k, v in found.items() if v} == {}
    body = read(hostile_spanish, "index.html")
    heading = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink", body).group(1)
    assert text_of(heading) == HOSTILE["name"]
    assert HOSTILE["tagline"] in text_of(body)
    footer = text_of(re.search(r'<aside class="kb-disclaimer".*?</aside>', body, re.S).group(0))
    assert HOSTILE["disclaimer"] in footer
    title = re.search(r"<title>(.*?)</title>", read(hostile_spanish, "about/index.html")).group(1)
    assert text_of(title) == f"{HOSTILE['page']} - {HOSTILE['name']}"


# --- Packets and handouts in Spanish --------------------------------------------------------------

def test_the_packet_command_prints_the_spanish_edition(tmp_path):
    require_weasyprint()
    target = tmp_path / "paquete.pdf"
    done = subprocess.run([sys.executable, "-m", "macros", "packet", "condition/low-back-pain",
                           "faq/how-long-is-a-massage-session", "--language", "es", "--site",
                           str(EXAMPLE), "-o", str(target), "--note", "Dos veces al día."],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = pdfpages.read(target).text
    assert text.startswith(NAME)
    assert "Lunes a viernes de 8:00 a 18:00" in text and "Una nota para usted Dos veces al día." in text
    assert "Lo más importante" in text and "Qué dicen los estudios" in text
    assert "¿Cuánto dura una sesión en Harbourside?" in text
    assert "https://harbourside.example/learn/es/conditions/low-back-pain/" in text.replace("- ", "-")
    assert "Harbourside Therapy Clinic" not in text and "Bottom line" not in text


def test_a_packet_in_a_language_the_site_lacks_is_an_error(tmp_path):
    folder = copy_example(tmp_path)
    (folder / "mkdocs.es.yml").unlink()
    for language, message in [("fr", "--language fr: this site has no fr edition (it has: en, es)"),
                              ("es", f"--language es: there is no mkdocs.es.yml in {folder}")]:
        done = subprocess.run([sys.executable, "-m", "macros", "packet", "condition/neck-pain",
                               "--language", language, "--site", str(folder), "-o",
                               str(tmp_path / "x.pdf")], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 2 and done.stderr.startswith(message), done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_spanish_handout_is_spanish_html():
    """What ``KB_HANDOUTS=true mkdocs build -f mkdocs.es.yml`` prints for each condition."""
    site = site_mod.load(EXAMPLE)
    output = SiteOutput(site, site_name="", site_url="https://harbourside.example/learn/es/",
                        language="es")
    document = packet.html(output, [output.kb.get("condition", "neck-pain")])
    assert '<html lang="es">' in document
    assert NAME in html.unescape(document) and "Lo más importante" in html.unescape(document)


def test_new_clinic_spanish_writes_a_spanish_edition_that_checks(tmp_path):
    from macros.kb.siteconfig import site_settings
    target = tmp_path / "my-clinic"
    done = subprocess.run([sys.executable, "-m", "macros", "new-clinic", str(target), "--spanish"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Spanish too:" in done.stdout
    settings = site_settings(target, "mkdocs.es.yml")
    assert settings["theme"]["language"] == "es" and settings["docs_dir"] == "content/es"
    assert settings["site_dir"] == "site/es" and settings["plugins"][0]["search"]["lang"] == "es"
    assert (target / "content" / "es" / "index.md").is_file()
    loaded = site_mod.load(target)
    assert loaded.translations.clinic["es"]["pages"][1] == {"Nuestros terapeutas": "therapists/index.md"}
