"""Rules the content issues set for the shipped data, checked over every entry."""
from __future__ import annotations

from macros import kinds


def test_every_technique_links_to_conditions_and_to_history_or_credentials(shipped):
    kb = shipped.kb
    for technique in kb.of_kind("technique"):
        conditions = kb.backlinks(("technique", technique.id), "condition")
        assert len(conditions) >= 2, f"{technique.id} is graded for {len(conditions)} conditions"
        if technique.category != "self-care":  # done by the client: no credential, no history entry
            assert technique.origins or technique.credentials, technique.id


def test_every_technique_says_when_not_to_use_it(shipped):
    """The models require safety notes; the content rule is that at least one of them says when
    the technique must not be used at all, or not on an area."""
    for technique in shipped.kb.of_kind("technique"):
        assert {s.kind for s in technique.safety} & {"absolute", "local"}, technique.id


def test_condition_pages_say_they_do_not_diagnose_and_name_red_flags(shipped, built_site):
    for condition in shipped.kb.of_kind("condition"):
        page = (built_site / "conditions" / condition.id / "index.html").read_text(encoding="utf-8")
        assert "This page does not diagnose" in page
        assert "See a doctor first if you have" in page


def test_content_meets_the_issue_counts(shipped):
    counts = {kind: len(shipped.kb.of_kind(kind)) for kind in kinds.KINDS}
    assert counts["technique"] >= 28 and counts["condition"] >= 28 and counts["therapy"] >= 10
    assert counts["history"] >= 22 and counts["credential"] >= 12
    assert counts["faq"] >= 20 and counts["glossary"] >= 60


def test_no_fabricated_citation_from_the_seed_articles(shipped, shared_dir):
    """The three studies the seed articles name cannot be traced; nothing may cite them."""
    for source in shipped.kb.of_kind("source"):
        for claimed in ("Smith", "Johnson", "Lee"):
            assert not (source.authors.startswith(claimed) and source.year in (2018, 2019, 2020)), source.id
