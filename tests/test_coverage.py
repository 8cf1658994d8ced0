"""Every topic the source articles raise is covered: some entry or page names it in its title or
aliases (../shared/coverage.yml, read at run time)."""
from __future__ import annotations

import textstat
import yaml

from conftest import ROOT
from guidepages import content_pages, prose


def names(site) -> list[str]:
    found = []
    for entry in site.kb.entries.values():
        found += [entry.title, *entry.aliases]
    for _, title, aliases, _ in content_pages():
        found += [title, *aliases]
    return [n.casefold() for n in found]


def test_every_coverage_topic_has_an_entry_or_page(shipped, shared_dir):
    coverage = yaml.safe_load((shared_dir / "coverage.yml").read_text(encoding="utf-8"))
    have = names(shipped)
    missing = [f"{group}: {topic}" for group, topics in coverage.items() for topic in topics
               if not any(t.casefold() in n for t in topic for n in have)]
    assert not missing, "topics with no entry or page:\n" + "\n".join(missing)


def test_guide_pages_read_at_grade_8_or_below():
    too_hard = []
    for path, _, _, body in content_pages():
        grade = textstat.flesch_kincaid_grade(prose(body))
        if grade > 8:
            too_hard.append(f"{path.relative_to(ROOT)}: grade {grade:.1f}")
    assert not too_hard, "\n".join(too_hard)
