"""Synthetic knowledge bases for the benchmark: N entries of every kind, with realistic field
sizes (about 600 words an entry) and cross-links, written as YAML that the project's own models
validate. Deterministic: the same N gives the same files."""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from macros import kinds
from macros.kb import vocabulary

ROOT = Path(__file__).resolve().parent.parent
v = vocabulary.load(ROOT)

WORDS = ("massage muscle pain relief session therapist pressure stroke tissue research study "
         "small short trial review evidence safety doctor client gentle firm slow rhythm warm "
         "stretch joint movement back neck shoulder hip knee skin blood swelling sleep stress "
         "relax calm soreness heal care plan home exercise breathe posture table hands").split()

SHARE = {"technique": .2, "condition": .2, "therapy": .05, "history": .1, "credential": .05,
         "source": .25, "glossary": .1, "faq": .05}


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def text(rng: random.Random, words: int) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 14))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def counts(n: int) -> dict[str, int]:
    return {kind: max(2, round(n * share)) for kind, share in SHARE.items()}


def entries(n: int, seed: int = 1) -> dict[str, dict[str, dict]]:
    rng = random.Random(seed)
    c = counts(n)
    ids = {kind: [f"{kind}-{i:05d}" for i in range(c[kind])] for kind in c}
    pick = lambda kind, k: rng.sample(ids[kind], min(k, len(ids[kind])))  # noqa: E731
    regions, grades = list(v.body_regions), list(v.evidence_grades)
    out: dict[str, dict[str, dict]] = {kind: {} for kind in c}
    reviewed = "2026-01-15"
    for i, eid in enumerate(ids["source"]):
        out["source"][eid] = dict(title=sentence(rng, 10), authors="Author A, Writer B", year=2000 + i % 25,
                                  venue="Journal of Synthetic Studies", source_type="systematic-review",
                                  certainty="low", finding=text(rng, 40), doi=f"10.9999/bench.{i}",
                                  last_reviewed=reviewed)
    cited = list(ids["source"])
    rng.shuffle(cited)
    cite = lambda: [cited.pop()] if cited else pick("source", 1)  # noqa: E731  every source cited
    for eid in ids["history"]:
        out["history"][eid] = dict(title=sentence(rng, 5)[:-1], when={"year": rng.randint(-2500, 2020) or 1},
                                   place="Somewhere", summary=text(rng, 60), significance=text(rng, 60),
                                   techniques=pick("technique", 2), sources=cite(), last_reviewed=reviewed)
    for eid in ids["credential"]:
        out["credential"][eid] = dict(title=sentence(rng, 4)[:-1], kind_of_credential="certification",
                                      issuer="A board", jurisdiction="A state", summary=text(rng, 60),
                                      requirements=[sentence(rng, 10) for _ in range(3)],
                                      requirements_as_of=reviewed, official_url="https://example.org/",
                                      how_to_verify=text(rng, 40), tells_you=text(rng, 30),
                                      does_not_tell_you=text(rng, 30), techniques=pick("technique", 3),
                                      sources=cite(), last_reviewed=reviewed)
    for eid in ids["technique"]:
        low = rng.randint(0, 3)
        out["technique"][eid] = dict(
            title=sentence(rng, 3)[:-1] + f" {eid[-5:]}", aliases=[f"T{eid[-5:]}"], category="clinical-soft-tissue",
            setting=rng.choice(list(v.settings)), setting_why=text(rng, 25), summary=text(rng, 45),
            how_it_is_done=text(rng, 120), strokes=[rng.choice(WORDS) for _ in range(3)],
            direction=text(rng, 15), pressure={"min": low, "max": rng.randint(low, 5)}, pace=text(rng, 10),
            duration=text(rng, 10), body_regions=rng.sample(regions, 2), evidence_summary=text(rng, 60),
            safety=[{"kind": k, "text": text(rng, 18)} for k in v.safety_kinds],
            feels_like=text(rng, 40), after_effects=[text(rng, 15) for _ in range(2)],
            warning_signs=[text(rng, 12) for _ in range(3)], origins=pick("history", 1),
            credentials=pick("credential", 2), therapies=pick("therapy", 1), sources=cite(),
            last_reviewed=reviewed)
    for eid in ids["condition"]:
        rows = [{"technique": t, "grade": (g := rng.choice(grades)), "effect": text(rng, 25),
                 "sources": [] if g == "insufficient" else cite()} for t in pick("technique", 4)]
        for row in rows:  # "not enough research" says where we looked, as the model requires
            if row["grade"] == "insufficient":
                row["searched"] = {"on": "2026-01-15", "where": "A synthetic index",
                                   "terms": [text(rng, 2)], "found": "Nothing."}
        out["condition"][eid] = dict(
            title=sentence(rng, 3)[:-1] + f" {eid[-5:]}", aliases=[f"C{eid[-5:]}"],
            body_regions=rng.sample(regions, 2), summary=text(rng, 45), bottom_line=text(rng, 40),
            evidence=rows, wait_or_adapt=[text(rng, 15) for _ in range(3)],
            red_flags=[text(rng, 10) for _ in range(4)], session=text(rng, 60),
            self_care=[text(rng, 15) for _ in range(4)], therapies=pick("therapy", 2),
            sources=cite(), last_reviewed=reviewed)
    for eid in ids["therapy"]:
        out["therapy"][eid] = dict(title=sentence(rng, 3)[:-1] + f" {eid[-5:]}", summary=text(rng, 45),
                                   what_it_is=text(rng, 100), with_massage=text(rng, 60),
                                   evidence_grade="low", evidence=text(rng, 60),
                                   safety=[{"kind": "caution", "text": text(rng, 18)}],
                                   delivered_by=pick("credential", 1), delivered_by_note=text(rng, 25),
                                   conditions=pick("condition", 3), techniques=pick("technique", 3),
                                   sources=cite(), last_reviewed=reviewed)
    for i, eid in enumerate(ids["glossary"]):
        out["glossary"][eid] = dict(title=f"Glossterm{i:05d}", definition=text(rng, 20),
                                    details=text(rng, 60), see_also=[f"technique/{pick('technique', 1)[0]}"],
                                    last_reviewed=reviewed)
    for eid in ids["faq"]:
        out["faq"][eid] = dict(title=sentence(rng, 8)[:-1] + "?", answer=text(rng, 90),
                               related=[f"condition/{pick('condition', 1)[0]}"], sources=cite(),
                               last_reviewed=reviewed)
    while cited:  # any source still uncited goes to a FAQ, so no warning stops --strict
        out["faq"][ids["faq"][len(cited) % len(ids["faq"])]]["sources"].append(cited.pop())
    return out


def write(folder: Path, n: int) -> dict[str, int]:
    """Write a synthetic site's data folder; returns the number of entries per kind."""
    made = entries(n)
    for kind, items in made.items():
        target = folder / "data" / kinds.get(kind).folder
        target.mkdir(parents=True, exist_ok=True)
        for eid, data in items.items():
            (target / f"{eid}.yml").write_text(yaml.safe_dump(data, sort_keys=False, width=100),
                                               encoding="utf-8")
    return {k: len(items) for k, items in made.items()}


DENSE = "<b>*bold*</b> [link](x.md) {{ jinja }} & `code` _em_ | pipe | #tag !!! note "

def add(folder: Path, kind: str, count: int, dense: bool = False, seed: int = 2) -> None:
    """Add ``count`` extra FAQ or glossary entries to a synthetic site. ``dense``: each FAQ answer
    is as long as a field may be (5,000 characters) and dense with markup, which the site shows
    as text."""
    from macros.kb.fields import MAX_TEXT

    rng = random.Random(seed)
    target = folder / "data" / kinds.get(kind).folder
    for i in range(count):
        if kind == "glossary":
            data = dict(title=f"Extraterm{i:05d}", definition=text(rng, 20), last_reviewed="2026-01-15")
        else:
            answer = (DENSE * (MAX_TEXT // len(DENSE)))[:MAX_TEXT - 10] if dense else text(rng, 90)
            data = dict(title=f"Extra question {i:05d}?", answer=answer, last_reviewed="2026-01-15")
        (target / f"extra-{kind}-{i:05d}.yml").write_text(yaml.safe_dump(data, width=100),
                                                          encoding="utf-8")
