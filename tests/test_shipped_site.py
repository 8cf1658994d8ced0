"""The shipped site: it builds with --strict, every page and link is there, the data is whole."""
from __future__ import annotations

import datetime as dt
import filecmp
import json
import re

import jsonschema
import pytest

from htmlsite import broken_links, language_links, pages
from macros import kinds
from macros.kb import icd10cm, yamlsource
from macros.outputs import export
from macros.render import urls

from conftest import ROOT as PROJECT_ROOT  # noqa: E402
from sitebuild import mkdocs_build


def test_every_entry_has_a_page_listed_in_its_index(shipped, built_site):
    html = pages(built_site)
    for (kind, entry_id), entry in shipped.kb.entries.items():
        page = urls.page_url(urls.entry_page(kind, entry_id), True) + "index.html"
        assert page in html, f"no page for {kind} {entry_id}"
        index = html[urls.page_url(urls.index_page(kind), True) + "index.html"]
        assert any(href.rstrip("/").endswith(f"/{entry_id}") or href.rstrip("/") == entry_id
                   for _, href in index.links), f"{kind} index does not list {entry_id}"


def test_every_link_and_anchor_in_the_built_html_resolves(built_site):
    assert broken_links(built_site) == []


def test_backlinks_are_shown_both_ways(shipped, built_site):
    html = pages(built_site)
    for link in shipped.kb.links:
        if link.target[0] == "source" or link.source[0] == "source":
            continue
        target_page = html[urls.page_url(urls.entry_page(*link.target), True) + "index.html"]
        source_url = urls.html_link(urls.entry_page(*link.target), urls.entry_page(*link.source), True)
        assert ("a.href", source_url) in target_page.links, f"{link.target} lacks a backlink to {link.source}"


def test_entry_templates_are_valid_entries(shipped):
    """`python -m macros new` copies these; they must validate so a new entry starts right."""
    for kind, model in kinds.models().items():
        path = PROJECT_ROOT / "data" / "templates" / f"{kind}.yml"
        data, lines, problems = yamlsource.read_mapping(path, str(path))
        assert not problems
        model.model_validate({**data, "id": "example"},
                             context={"today": dt.date(2026, 1, 1), "vocabulary": shipped.kb.vocabulary})


def test_open_data_matches_its_json_schemas(shipped, built_site):
    api = built_site / "api"
    combined = json.loads((api / "all.json").read_text(encoding="utf-8"))
    for kind in combined["kinds"]:
        rows = json.loads((api / f"{kind}.json").read_text(encoding="utf-8"))
        schema = json.loads((api / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(rows, schema)
        assert len(rows) == len(shipped.kb.of_kind(kind)) == len(combined["kinds"][kind])
        assert (api / f"{kind}.csv").read_text(encoding="utf-8").count("\n") >= len(rows)
    technique_schema = json.loads((api / "schema" / "technique.schema.json").read_text(encoding="utf-8"))
    bad = json.loads((api / "technique.json").read_text(encoding="utf-8"))[:1]
    bad[0]["setting"] = "beach"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, technique_schema)


def test_every_entry_page_carries_valid_json_ld(shipped, built_site):
    html = pages(built_site)
    for (kind, entry_id), entry in shipped.kb.entries.items():
        page = html[urls.page_url(urls.entry_page(kind, entry_id), True) + "index.html"]
        blocks = [json.loads(s["body"]) for s in page.scripts
                  if s["attrs"].get("type") == "application/ld+json"]
        assert len(blocks) == 1, f"{kind}/{entry_id}"
        data = blocks[0]
        assert data["@type"] == "MedicalWebPage" and data["lastReviewed"] == entry.last_reviewed.isoformat()
        assert data["reviewedBy"]["name"]
        about = data["about"]
        if kind == "condition":
            assert about["@type"] == "MedicalCondition" and about["signOrSymptom"]
            assert "possibleTreatment" in about
            assert about.get("code", []) == [{"@type": "MedicalCode", "codeValue": code,
                                              "codingSystem": "ICD-10-CM"} for code in entry.codes]
        if kind == "technique":
            assert about["@type"] == "MedicalTherapy" and "contraindication" in about
    faq = html["faq/index.html"]
    [block] = [json.loads(s["body"]) for s in faq.scripts if s["attrs"].get("type") == "application/ld+json"]
    assert block["@type"] == "FAQPage" and len(block["mainEntity"]) == len(shipped.kb.of_kind("faq"))


def test_a_diagnosis_code_leads_to_its_condition_pages(shipped, built_site):
    """/code/M54.50/ and its category /code/M54.5/ lead to low back pain; a code two conditions
    carry lists both; the condition page links its codes. Code pages stay out of search and the
    navigation, and are in the sitemap."""
    html = pages(built_site)
    back, sciatica = "../../conditions/low-back-pain/", "../../conditions/sciatica/"
    for code in ("M54.50", "M54.5"):
        assert ("a.href", back) in html[f"code/{code}/index.html"].links, code
        assert ("a.href", sciatica) not in html[f"code/{code}/index.html"].links, code
    shared = html["code/M54.40/index.html"].links
    assert ("a.href", back) in shared and ("a.href", sciatica) in shared
    for condition in shipped.kb.of_kind("condition"):
        page = html[f"conditions/{condition.id}/index.html"]
        for code in condition.codes:
            assert ("a.href", f"../../conditions/{condition.id}/") in html[f"code/{code}/index.html"].links
            assert ("a.href", f"../../code/{code}/") in page.links
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("code/")] == []
    assert [href for _, href in html["index.html"].links if "code/" in href] == []  # nav and home
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/massage-kb/code/M54.50/<" in sitemap and "/massage-kb/code/M54.5/<" in sitemap


def test_the_codes_export_matches_its_schema_and_the_conditions(shipped, built_site):
    api = built_site / "api"
    rows = json.loads((api / "codes.json").read_text(encoding="utf-8"))
    schema = json.loads((api / "schema" / "codes.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(rows, schema)
    assert [export.CodeRecord.model_validate(r).model_dump() for r in rows] == rows  # round trip
    by_code = {r["code"]: r for r in rows}
    for condition in shipped.kb.of_kind("condition"):
        for code in condition.codes:
            assert condition.id in by_code[code]["conditions"]
            assert all(condition.id in by_code[category]["conditions"] for category in by_code[code]["under"])
    for row in rows:
        for condition_id in row["conditions"]:
            carried = shipped.kb.get("condition", condition_id).codes
            assert any(c == row["code"] or icd10cm.falls_under(c, row["code"]) for c in carried), row
        assert (built_site / row["page"] / "index.html").is_file()
    assert by_code["M54.50"]["title"] == "Low back pain, unspecified" and by_code["M54.5"]["category"]
    described = pages(built_site)["open-data/index.html"].links
    assert {("a.href", "../api/codes.json"), ("a.href", "../api/schema/codes.schema.json")} <= set(described)
    for bad in ({**rows[0], "code": "M54.50/../x"}, {**rows[0], "conditions": "low-back-pain"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], schema)


def test_pages_carry_description_open_graph_and_canonical(built_site):
    text = (built_site / "techniques" / "effleurage" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="' in text
    assert '<meta property="og:title" content="Effleurage">' in text
    assert '<meta property="og:description"' in text
    assert '<link rel="canonical" href="https://example.org/massage-kb/techniques/effleurage/">' in text


def test_glossary_terms_show_their_definition_on_pages(shipped, built_site):
    term = shipped.kb.get("glossary", "fascia")
    text = (built_site / "techniques" / "myofascial-release" / "index.html").read_text(encoding="utf-8")
    from macros.render.escape import tooltip
    assert f'<abbr tabindex="0" title="{tooltip(term.definition)}">' in text


def test_two_builds_of_the_same_input_are_identical(built_site, tmp_path):
    """The Spanish edition built alone, from scratch, is the one ``make build`` writes into
    ``es/`` after the English build in the same process, sharing its loaded data and compiled
    templates: nothing of one build leaks into the next, and nothing depends on the run."""
    again = tmp_path / "again"
    result = mkdocs_build(PROJECT_ROOT / "mkdocs.es.yml", again)
    assert result.returncode == 0, result.stdout + result.stderr
    compare = filecmp.dircmp(built_site / "es", again, ignore=["sitemap.xml.gz"])
    differing = []

    def walk(c, prefix=""):
        differing.extend(prefix + name for name in c.diff_files + c.left_only + c.right_only)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(compare)
    assert differing == []


def test_search_index_finds_every_entry_by_title_alias_and_summary_words(shipped, built_site):
    """The index stays small (only title, aliases and summary are indexed for an entry), yet every
    entry is findable by each of those."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert len(docs) == len(index["docs"]), "a page is indexed twice"
    words = lambda text: set(re.findall(r"[a-z0-9]+", text.lower()))  # noqa: E731
    for (kind, entry_id), entry in shipped.kb.entries.items():
        doc = docs[urls.page_url(urls.entry_page(kind, entry_id), True)]
        indexed = words(doc["title"] + " " + doc["text"] + " " + " ".join(doc.get("tags", [])))
        assert words(entry.title) <= indexed, f"{kind}/{entry_id}: title"
        for alias in entry.aliases:
            assert words(alias) <= indexed, f"{kind}/{entry_id}: alias {alias}"
        summary = getattr(entry, "summary", None) or getattr(entry, "definition", None) \
            or getattr(entry, "answer", None)
        if summary:
            assert words(summary) <= indexed, f"{kind}/{entry_id}: summary"
    per_entry = (built_site / "search" / "search_index.json").stat().st_size / len(shipped.kb.entries)
    assert per_entry < 2048, f"{per_entry:.0f} bytes of search index per entry"


def test_every_page_has_its_hreflang_alternates_in_the_sitemap_and_none_in_its_head(built_site):
    """Each edition's sitemap gives every page its address in both languages (full addresses,
    as sitemaps take); no page's head has an hreflang link, so Material's script, which
    fetches a sitemap.xml beside each, requests nothing (see ``editions.editions``)."""
    import xml.etree.ElementTree as ET
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = "https://example.org/massage-kb/"
    for edition, prefix in ((built_site, ""), (built_site / "es", "es/")):
        listed = ET.parse(edition / "sitemap.xml").getroot().findall("s:url", ns)
        assert len(listed) > 600
        for url in listed:
            loc = url.find("s:loc", ns).text
            path = loc.removeprefix(root + prefix)
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert links == {"en": root + path, "es": root + "es/" + path}, loc
    for page in built_site.rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert "hreflang=" not in head, page


def test_the_language_selector_leads_every_page_to_itself_in_the_other_language(built_site):
    """On every page of both editions the selector's two links lead to this page in English and
    in Spanish (the browser test clicks through three of them), and each page says its language."""
    wrong = []
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        english = rel.removeprefix("es/")
        if english == "404.html":
            continue  # no counterpart address: the 404 page has no selector
        html = page.read_text(encoding="utf-8")
        links = language_links(built_site, rel, html)
        language = "es" if rel.startswith("es/") else "en"
        if (links != {"en": english, "es": "es/" + english} or not (built_site / links["es"]).is_file()
                or f'<html lang="{language}"' not in html):
            wrong.append((rel, links))
    assert len(list(built_site.glob("es/**/*.html"))) > 600
    assert wrong == []


def test_the_evidence_maps_marks_are_named_in_their_editions_language(built_site):
    """Each mark's accessible name ("Low back pain and Swedish massage: Low") in English, and in
    Spanish on the Spanish map; no hover title (Material would mount a tooltip on each of them)."""
    for folder, joiner in ((built_site, " and "), (built_site / "es", " y ")):
        html = (folder / "evidence" / "index.html").read_text(encoding="utf-8")
        marks = re.findall(r'<a class="kb-mark[^"]*" href="[^"]+" ([^>]*)>', html)
        assert len(marks) > 100
        for attributes in marks:
            name = re.fullmatch(r'aria-label="([^"]+)"', attributes)
            assert name and joiner in name.group(1) and ": " in name.group(1), attributes


def test_each_page_loads_only_the_widget_scripts_it_uses(built_site):
    """An entry page loads the reading-level switch's script and none of the others; each
    widget's page loads its own (``outputs/page_assets``)."""
    def loaded(path):
        html = (built_site / path).read_text(encoding="utf-8")
        return set(re.findall(r'assets/(?:javascripts|stylesheets)/(kb-[a-z-]+\.(?:js|css))', html))
    assert loaded("techniques/swedish-massage/index.html") == {"kb-level.js"}
    assert loaded("conditions/index.html") == {"kb-filters.js"}
    assert loaded("evidence/index.html") >= {"kb-map.js"}
    assert loaded("before-your-visit/index.html") >= {"kb-visit.js"}
    assert loaded("packet/index.html") >= {"kb-packet.js", "kb-packet.css"}
    assert "kb-packet.js" not in loaded("es/techniques/swedish-massage/index.html")
