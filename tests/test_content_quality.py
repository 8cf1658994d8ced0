"""Content standards: plain language for clients, and nothing copied from the source articles."""
from __future__ import annotations

import re

import pytest
import textstat

from macros.kb.fields import Audience, walk

from conftest import ROOT

pytestmark = pytest.mark.xdist_group("content_quality")  # its module fixtures build once, on one worker

MAX_GRADE = 8.0
RUN = 8  # words in a row that may not be shared with a source article


def client_fields(site):
    for (kind, entry_id), entry in site.kb.entries.items():
        for path, marker, text in walk(entry, Audience):
            if marker.who == "client":
                yield f"{site.kb.files[(kind, entry_id)]}: {'.'.join(map(str, path))}", text


def test_client_text_reads_at_grade_8_or_below(shipped):
    too_hard = []
    for where, text in client_fields(shipped):
        grade = textstat.flesch_kincaid_grade(text)
        if grade > MAX_GRADE:
            too_hard.append(f"{where}: grade {grade:.1f}: {text[:90]}")
    assert not too_hard, f"{len(too_hard)} client fields read above grade {MAX_GRADE}:\n" + "\n".join(too_hard)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.fixture(scope="module")
def seed_runs(shared_dir):
    found = set()
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        found |= runs(path.read_text(encoding="utf-8", errors="replace"))
    assert found, "no seed articles found"
    return found


def project_texts():
    for folder, pattern in (("data", "*.y*ml"), ("content", "*.md")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_no_sentence_copies_eight_words_from_the_seed_articles(seed_runs):
    copied = []
    for name, text in project_texts():
        shared = runs(text) & seed_runs
        if shared:
            copied.append(f"{name}: {' / '.join(' '.join(r) for r in sorted(shared)[:3])}")
    assert not copied, "text shares 8-word runs with ../shared/seeds:\n" + "\n".join(copied)


def test_the_copy_check_catches_a_copied_run(seed_runs):
    """The check itself works: a run lifted from a seed article is found."""
    sample = next(iter(seed_runs))
    assert runs("Intro words. " + " ".join(sample) + " and more.") & seed_runs


def article_text(html_file) -> str:
    """The words of a built page's article, as a reader sees them (tags dropped, a full stop
    after each list item and heading so each counts as its own sentence)."""
    import html as html_lib
    body = re.search(r"<article[^>]*>(.*)</article>", html_file.read_text(encoding="utf-8"), re.S).group(1)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"([^.!?:\s])\s*</(li|h\d|legend|label|p)>", r"\1.", body)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_visit_check_reads_at_grade_8_and_never_says_safe(shipped, built_site):
    text = article_text(built_site / "before-your-visit" / "index.html")
    for context in shipped.kb.of_kind("context"):
        assert context.title in text
    assert textstat.flesch_kincaid_grade(text) <= 8
    assert not re.search(r"\bsafe for you\b|\byou are safe\b|\bsafe to\b", text, re.I)
    assert "does not decide whether massage is right for you" in text
