"""How names (titles, aliases, glossary terms, people) are checked and compared.

A name must look like what it is: no bidirectional controls (which reorder what a reader sees),
no zero-width or other invisible characters (which make two names differ while looking alike),
at least one visible character, one line. Two names clash when they are the same after NFKC
normalisation and case folding, so full-width letters, ligatures and case make no new name.
"""
from __future__ import annotations

import re
import unicodedata

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d"
                       "\u2060-\u2064\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f]")


def bidi_problem(value: str) -> str | None:
    found = BIDI.search(value)
    if found:
        return (f"holds a bidirectional control character (U+{ord(found.group()):04X}), which "
                "reorders what readers see")
    return None


def name_problem(value: str) -> str | None:
    """Why ``value`` cannot be a name, or None."""
    found = INVISIBLE.search(value)
    if found:
        return (f"holds an invisible character (U+{ord(found.group()):04X}); names must look "
                "like what they are")
    if "\n" in value or "\r" in value:
        return "must be on one line"
    if not any(unicodedata.category(c)[0] in "LNPS" for c in value):
        return "has no visible character"
    return None


def normal(name: str) -> str:
    """A name as compared for clashes: NFKC-normalised, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


WORD = re.compile(r"\w+(?:['’-]\w+)*")


def term_problem(name: str) -> str | None:
    """Why ``name`` cannot be a glossary term, or None. A term is words (letters and digits,
    joined by hyphens or apostrophes) separated by single spaces, as it appears in running text."""
    if " ".join(WORD.findall(name)) != name:
        return ("a glossary term must be words separated by single spaces (no brackets, commas "
                "or other punctuation), as it appears in running text")
    return None


def clashes(entries) -> list[tuple[object, str, str]]:
    """``(entry, name, message)`` for each glossary name that is not a valid term, or that names
    another term once normalised (NFKC, case-folded): two definitions for one word."""
    found = []
    owner: dict[str, tuple[object, str]] = {}
    for entry in entries:
        for name in (entry.title, *entry.aliases):
            problem = term_problem(name)
            if problem:
                found.append((entry, name, problem))
                continue
            key = normal(name)
            if key in owner and owner[key][0] is not entry:
                other, other_name = owner[key]
                found.append((entry, name, f"'{name}' is already a glossary term: "
                              f"'{other_name}' in {other.id}"))
            owner.setdefault(key, (entry, name))
    return found
