"""The site as readers meet it: a real browser, a phone-sized screen, a screen reader's view
(axe-core), dark mode, search, and no request to any other host."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser import chromium, require_chromium, search_results, serve

PAGE_KINDS = ["", "conditions/low-back-pain/", "techniques/swedish-massage/", "therapies/yoga/",
              "history/per-henrik-ling/", "credentials/mblex/", "sources/lbp-furlan-2015/",
              "glossary/fascia/", "faq/what-is-medical-massage/", "contexts/pregnancy/",
              "conditions/", "techniques/", "sources/", "glossary/", "regions/", "regions/lower-back/",
              "evidence/", "open-data/", "safety/", "medical-vs-spa/", "code/M54.5/", "packet/"]

pytestmark = pytest.mark.browser

# WCAG 2.1 AA, and axe's one 2.2 AA rule (target-size), which Lighthouse checks too.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
ONE_OF_EACH = ["techniques/neuromuscular-therapy/", "conditions/frozen-shoulder/", "therapies/yoga/",
               "history/per-henrik-ling/", "credentials/mblex/", "sources/lbp-furlan-2015/",
               "glossary/fascia/", "faq/what-is-medical-massage/", "regions/lower-back/",
               "medical-vs-spa/", "safety/", "contexts/pregnancy/", "before-your-visit/",
               "techniques/swedish-massage/?level=student", "open-data/", "code/M54.5/", "packet/"]


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    context.set_default_timeout(10000)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def search(page, base_url, query):
    page.goto(base_url)
    return search_results(page, query).first.get_attribute("href").split("?")[0]


@pytest.mark.parametrize("query, expected", [
    ("NMT", "techniques/neuromuscular-therapy/"),
    ("adhesive capsulitis", "conditions/frozen-shoulder/"),
    ("MBLEx", "credentials/mblex/"),
])
def test_search_by_alias_lists_the_right_page_first(page, base_url, query, expected):
    assert search(page, base_url, query).endswith(expected)


def test_reader_goes_from_home_to_condition_to_technique_and_back(page, base_url):
    page.goto(base_url)
    page.click("a[href='conditions/']")
    page.click("table a[href='low-back-pain/']")
    assert page.url.endswith("/conditions/low-back-pain/")
    technique = page.locator("article table a[href^='../../techniques/']").first
    target = technique.get_attribute("href").split("/")[-2]
    technique.click()
    assert page.url.endswith(f"/techniques/{target}/")
    page.click("#backlinks ~ ul a[href='../../conditions/low-back-pain/']")
    assert page.url.endswith("/conditions/low-back-pain/")


def test_mobile_menu_opens_at_375_pixels(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(base_url)
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    page.click("label.md-header__button[for=__drawer]")
    link = page.locator("nav.md-nav--primary a[href='conditions/']").first
    expect(link).to_be_in_viewport()
    link.click()
    assert page.url.endswith("/conditions/")
    context.close()


def test_dark_mode_toggles(page, base_url):
    page.goto(base_url)
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    first = scheme()
    page.click("form[data-md-component=palette] label:visible")
    assert scheme() != first
    assert {first, scheme()} == {"default", "slate"}


def test_index_filters_narrow_the_table_and_keep_state_in_the_url(page, base_url):
    page.goto(base_url + "techniques/")
    rows = page.locator("table[data-kb-index] tbody tr")
    total = rows.count()
    page.select_option("select[name=setting]", "spa")
    visible = page.locator("table[data-kb-index] tbody tr:visible").count()
    assert 0 < visible < total
    assert "setting=spa" in page.url
    page.goto(page.url)
    assert page.locator("select[name=setting]").input_value() == "spa"
    assert page.locator("table[data-kb-index] tbody tr:visible").count() == visible


def test_evidence_map_fits_1280_and_keeps_both_headers_in_view(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "evidence/")
    grid = page.locator(".kb-map-grid")
    wrap = page.locator(".kb-map")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the map scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert grid.locator("thead th[data-category]").count() >= 30
    page.mouse.wheel(0, 900)
    page.wait_for_timeout(300)
    header = grid.locator("thead th").nth(5).bounding_box()
    assert 0 <= header["y"] <= 120, header          # the technique names stay under the site header
    row_header = grid.locator("tbody th").nth(12).bounding_box()
    assert row_header["x"] >= 0
    mark = grid.locator("a.kb-mark").first
    assert re.fullmatch(r".+ and .+: .+", mark.get_attribute("aria-label"))  # names its pair and grade
    href = mark.get_attribute("href")
    mark.click()
    page.wait_for_url("**/conditions/**")
    page.wait_for_load_state()
    assert "#evidence-" in page.url and page.locator(href[href.index("#"):]).count() == 1
    context.close()


def test_evidence_map_filters_by_region_and_context(page, base_url):
    page.goto(base_url + "evidence/")
    rows = page.locator(".kb-map-grid tbody tr")
    total = rows.count()
    page.select_option(".kb-map-filters select[name=region]", "lower-back")
    assert 0 < page.locator(".kb-map-grid tbody tr:visible").count() < total
    assert "region=lower-back" in page.url
    columns = page.locator(".kb-map-grid thead th[data-category]:visible").count()
    page.select_option(".kb-map-filters select[name=context]", "blood-thinners-and-bleeding-disorders")
    assert page.locator(".kb-map-grid thead th[data-category]:visible").count() < columns
    page.click(".kb-map-filters [data-kb-clear]")
    assert page.locator(".kb-map-grid tbody tr:visible").count() == total


def test_without_javascript_the_full_table_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "conditions/")
    assert page.locator("table[data-kb-index] tbody tr:visible").count() >= 28
    assert not page.locator("form[data-kb-filters]").is_visible()
    page.goto(base_url + "packet/")                  # the packet's picker needs JavaScript, and says so
    assert page.locator("[data-kb-packet-needs-js]").is_visible()
    assert not page.locator("[data-kb-packet-tool]").is_visible()
    context.close()


def test_glossary_definition_shows_on_hover_and_focus(page, base_url):
    page.goto(base_url + "techniques/myofascial-release/")
    term = page.locator("article abbr").first
    title = term.get_attribute("title")
    assert title
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=title[:20])
    tooltip.first.wait_for(state="visible", timeout=5000)
    page.mouse.move(0, 0)
    term.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tooltip.first.wait_for(state="visible", timeout=5000)


def test_every_request_stays_on_127_0_0_1_and_finds_its_file(page, base_url):
    """No request leaves the site, and none is a 404 (a console error; Material's script once
    fetched a sitemap.xml beside each page's hreflang links)."""
    missing = []
    page.on("response", lambda response: response.status >= 400 and missing.append(response.url))
    for path in ["", "conditions/low-back-pain/", "techniques/", "evidence/", "es/", "es/conditions/low-back-pain/"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    search(page, base_url, "massage")
    hosts = {urlsplit(u).hostname for u in page.requests if urlsplit(u).scheme in ("http", "https")}
    assert hosts == {"127.0.0.1"}, hosts
    assert missing == []


# What a colour scheme changes: the rest of a page is the same markup in both, checked once.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_in_both_schemes(page, url: str) -> str:
    """axe-core's report on the page at ``url``: every rule in the light scheme, the colour rules
    in the dark one (one load: the scheme is Material's body attribute), or "" if it finds nothing."""
    page.goto(url)
    # Material fades colours over 125 ms on a scheme change; axe must see the colours, not a fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    reports = []
    for scheme, media, only in (("default", "light", {"type": "tag", "values": AXE_TAGS}),
                                ("slate", "dark", {"type": "rule", "values": COLOUR_RULES})):
        page.emulate_media(color_scheme=media)  # as the reader's system asks; Material follows it
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        results = Axe().run(page, options={"runOnly": only})
        if results.violations_count:
            reports.append(f"{scheme}: {results.generate_report()}")
    return "\n".join(reports)


# One page of each of our templates (the other indexes share the table's; the regions index is
# the home page's body map), and the pages with controls or content of their own. (tags/ is
# Material's own template, over names that every entry page also shows.)
AXE_PAGES = ["", "techniques/", "glossary/", "faq/", "history/", "evidence/"] + [
    path for path in ONE_OF_EACH if path != "safety/"]  # safety/ is a hand-written page, as medical-vs-spa/


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_accessibility_violations(page, base_url, path):
    assert axe_in_both_schemes(page, base_url + path) == ""


@pytest.mark.parametrize("path", ["evidence/", "techniques/swedish-massage/", "packet/"])
def test_no_accessibility_violations_on_a_phone(browser, base_url, path):
    """At 375 px the layout changes (cards, the map in its own scrolling frame, the drawer):
    what overlaps or shrinks there, such as a sticky header over a row of links, shows only there."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(base_url + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    from sitebuild import hostile_site, shared
    with serve(shared(tmp_path_factory, "hostile", hostile_site)) as url:
        yield url


HOSTILE_PAGES = ["", "about/", "techniques/", "techniques/stroking/", "faq/hostile-answer/",
                 "glossary/", "glossary/wzxhzdk/", "faq/", "evidence/", "code/M54.2/",
                 "conditions/neck-ache/"]


def test_hostile_data_runs_no_script_on_hover_focus_or_search(browser, hostile_url):
    """Every payload in the attacker's clinic would set window.__pwned (or open a dialog) if it
    ran: hover and focus every tooltip on every page, then search for the hostile aliases and
    open what comes back."""
    context = browser.new_context()
    context.set_default_timeout(10000)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    checked = 0
    for path in HOSTILE_PAGES:
        page.goto(hostile_url + path)
        for term in page.locator("article abbr").all():
            term.hover()
            term.focus()
            page.wait_for_timeout(30)
            checked += 1
        assert page.evaluate("window.__pwned") is None, path
    assert checked >= 5
    # The tooltip shows the definition as text.
    page.goto(hostile_url + "faq/hostile-answer/")
    page.locator("article abbr").first.hover()
    tooltip = page.locator(".md-tooltip2").filter(has_text="<img src=x onerror=")
    tooltip.first.wait_for(state="visible")
    # In the packet, every entry ticked and a note typed with markup: all of it shown as text.
    page.goto(hostile_url + "packet/")
    for details in page.locator("details.kb-packet-choices").all():
        details.locator("summary").click()
    for box in page.locator("input[data-kb-pick]").all():
        box.check()
    page.fill("#kb-packet-note", '<img src=x onerror="window.__pwned=\'note\'">')
    page.locator("[data-kb-move='1']:not([disabled])").first.click()
    for term in page.locator("[data-kb-packet] abbr").all():
        term.hover()
        term.focus()
        checked += 1
    assert page.locator("section[data-kb-entry='technique/stroking'] h2").text_content() == \
        'Stroking"><script>window.__pwned="title"</script>'
    assert page.locator("li[data-kb-entry='technique/stroking'] [data-kb-move='1']").get_attribute(
        "aria-label") == 'Move Stroking"><script>window.__pwned="title"</script> down'
    assert page.locator("[data-kb-packet-note-text] *").count() == 0
    page.pdf(format="A4")
    assert page.evaluate("window.__pwned") is None
    for query in ["wzxhzdk", "onerror", "Stroking"]:
        page.goto(hostile_url)
        results = search_results(page, query)
        assert page.evaluate("window.__pwned") is None, query
        results.first.click()
        page.wait_for_load_state()
        assert page.evaluate("window.__pwned") is None, query
    assert dialogs == []
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_key_messages_are_at_body_size_or_larger(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + "conditions/low-back-pain/")
    size = lambda selector: page.locator(selector).first.evaluate(  # noqa: E731
        "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size(".admonition.abstract p:not(.admonition-title)") >= 16   # the bottom line
    assert size(".admonition.danger li") >= 16                           # see a doctor first
    assert size(".kb-cards td") >= 16                                     # the research table
    page.locator("article abbr").first.hover()
    tooltip = page.locator(".md-tooltip2__inner").first
    tooltip.wait_for(state="visible")
    assert tooltip.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 15
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    wide = []
    for path in PAGE_KINDS:
        page.goto(base_url + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(path)
    context.close()
    assert wide == []


def test_the_body_maps_lower_back_leads_to_swedish_massage(page, base_url):
    page.goto(base_url)
    page.locator(".kb-body-map a[aria-label='Lower back']").click()
    assert page.url.endswith("/regions/lower-back/")
    assert page.locator("article a", has_text="Swedish massage").count() >= 1


SEARCHES = [
    ("lumbago", "conditions/low-back-pain/"),
    ("knots", "conditions/myofascial-pain-syndrome/"), ("tight shoulders", "conditions/neck-pain/"),
    ("blood thinner", "contexts/blood-thinners-and-bleeding-disorders/"), ("pregnant", "contexts/pregnancy/"),
    ("fibromyalga", "conditions/fibromyalgia/"), ("siatica", "conditions/sciatica/"),
]


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_lands_right(page, base_url, query, expected):
    assert search(page, base_url, query).endswith(expected)


def test_a_student_term_finds_the_student_section_and_says_so(page, base_url):
    search(page, base_url, "pincer")
    first = page.locator(".md-search-result__item").first
    section = first.locator("a[href*='/trigger-point-therapy/'][href$='#how-it-is-done']")
    assert section.count() == 1
    assert "for students" in section.inner_text()


def test_a_misspelling_of_massage_finds_a_massage_page(page, base_url):
    search(page, base_url, "masage")
    assert "massage" in page.locator(".md-search-result__item").first.inner_text().lower()


def test_index_sort_order_survives_in_the_url_and_filters_clear(page, base_url):
    page.goto(base_url + "techniques/")
    page.click("table[data-kb-index] th:nth-child(3) button")
    assert "sort=2" in page.url
    page.goto(page.url)
    assert page.locator("table[data-kb-index] th:nth-child(3)").get_attribute("aria-sort") == "ascending"
    page.select_option("select[name=setting]", "spa")
    page.click("form[data-kb-filters] .kb-clear")
    assert page.locator("select[name=setting]").input_value() == ""
    assert "setting=" not in page.url and "sort=" not in page.url


STUDENT = ".kb-level--student"


def test_the_reading_level_round_trips_through_the_url_the_next_page_and_print(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "techniques/swedish-massage/")
    assert not page.locator(STUDENT).is_visible()                 # plain language first
    page.click(".kb-level-switch button[data-kb-level=student]")
    assert "level=student" in page.url and page.locator(STUDENT).is_visible()
    assert page.locator(".kb-level-switch button[data-kb-level=student]").get_attribute("aria-pressed") == "true"
    page.emulate_media(media="print")
    assert page.locator(STUDENT).is_visible()                     # print follows the choice
    page.emulate_media(media="screen")
    page.goto(base_url + "contexts/pregnancy/")                  # remembered on the next page
    assert page.locator(STUDENT).is_visible()
    shared = context.new_page()                                   # and a shared link carries it
    shared.goto(base_url + "techniques/cupping/?level=client")
    assert not shared.locator(STUDENT).is_visible()
    page.click(".kb-level-switch button[data-kb-level=client]")
    assert "level=client" in page.url and not page.locator(STUDENT).is_visible()
    page.emulate_media(media="print")
    assert not page.locator(STUDENT).is_visible()
    context.close()


def test_a_link_into_the_student_section_opens_it(page, base_url):
    page.goto(base_url + "techniques/trigger-point-therapy/?level=client#how-it-is-done")
    assert page.locator("#how-it-is-done").is_visible()


def test_without_javascript_both_levels_and_every_visit_note_show(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "techniques/swedish-massage/")
    assert page.locator(STUDENT).is_visible() and not page.locator(".kb-level-switch").is_visible()
    page.goto(base_url + "before-your-visit/")
    assert not page.locator("[data-kb-visit-form]").is_visible()
    sections = page.locator("section.kb-visit")
    assert sections.count() >= 11 and page.locator("section.kb-visit:visible").count() == sections.count()
    blood = page.locator("#visit-blood-thinners-and-bleeding-disorders")
    assert blood.is_visible() and "Usually not advised" in blood.inner_text()
    context.close()


def test_the_visit_check_shows_what_applies_and_keeps_nothing(page, base_url):
    page.goto(base_url + "before-your-visit/")
    stored = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    before = page.evaluate(stored)
    assert page.locator("section.kb-visit:visible").count() == 0
    page.get_by_role("checkbox", name="Blood thinners and bleeding disorders").check()
    blood = page.locator("#visit-blood-thinners-and-bleeding-disorders")
    assert page.locator("section.kb-visit:visible").count() == 1 and blood.is_visible()
    text = blood.inner_text()
    for heading in ("Tell your therapist", "Questions to ask", "See a doctor first", "Usually not advised"):
        assert heading in text
    assert blood.locator("a", has_text="Deep tissue massage").count() == 1
    assert "1 situation ticked" in page.locator("[data-kb-visit-status]").inner_text()
    assert page.url.endswith("/before-your-visit/")               # nothing in the address
    assert page.evaluate(stored) == before


# ---- The Spanish edition (es/) -----------------------------------------------------------------
def switch_language(page, name):
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__link", has_text=name).click()
    page.wait_for_load_state()


def test_the_language_selector_leads_to_the_same_page_and_back(page, base_url):
    """A reader's round trip through the menu, clicked, on three page kinds. That every page's
    selector leads to itself in the other language is checked on the built HTML
    (``test_shipped_site``)."""
    for path in ("", "conditions/low-back-pain/", "evidence/"):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.lang") == "en"
        switch_language(page, "Español")
        assert page.url == base_url + "es/" + path
        assert page.evaluate("document.documentElement.lang") == "es"
        switch_language(page, "English")
        assert page.url == base_url + path


def test_an_untranslated_entry_says_so_and_is_marked_english(page, base_url):
    page.goto(base_url + "es/history/per-henrik-ling/")
    article = page.locator("article")
    assert "todavía no está traducida" in article.inner_text()
    assert article.locator("h1").evaluate("e => e.closest('[lang]').lang") == "en"
    page.goto(base_url + "es/techniques/swedish-massage/?level=student")
    student = page.locator(".kb-level--student [lang=en]").first
    assert student.is_visible()                                  # student detail stays English
    assert page.locator("h1").evaluate("e => e.closest('[lang]').lang") == "es"


@pytest.mark.parametrize("query, expected", [("dolor de espalda", "es/conditions/low-back-pain/"),
                                             ("lumbago", "es/conditions/low-back-pain/"),
                                             ("hombro congelado", "es/conditions/frozen-shoulder/")])
def test_spanish_search_finds_the_words_patients_use_first(page, base_url, query, expected):
    assert search(page, base_url + "es/", query).endswith(expected)


@pytest.mark.parametrize("path", ["", "conditions/low-back-pain/", "history/per-henrik-ling/",
                                  "before-your-visit/"])
def test_no_accessibility_violations_in_spanish(page, base_url, path):
    assert axe_in_both_schemes(page, base_url + "es/" + path) == ""
