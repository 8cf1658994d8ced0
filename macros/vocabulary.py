"""The closed lists (body regions, evidence grades, ...) from ``data/vocabulary.yml``.

This is the one place they are written; the models, the templates and the filters read them here.
The base site's vocabulary is part of the schema, so it is read once when the package is imported.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VOCABULARY_FILE = PROJECT_ROOT / "data" / "vocabulary.yml"

with VOCABULARY_FILE.open(encoding="utf-8") as _fh:
    VOCABULARY: dict = yaml.load(_fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

KINDS: dict[str, dict] = VOCABULARY["kinds"]
BODY_REGIONS: dict[str, str] = VOCABULARY["body_regions"]
SETTINGS: dict[str, str] = VOCABULARY["settings"]
TECHNIQUE_CATEGORIES: dict[str, str] = VOCABULARY["technique_categories"]
PRESSURE: dict[int, str] = VOCABULARY["pressure"]
EVIDENCE_GRADES: dict[str, dict] = VOCABULARY["evidence_grades"]
SAFETY_KINDS: dict[str, str] = VOCABULARY["safety_kinds"]
RULINGS: dict[str, dict] = VOCABULARY["rulings"]
REFUSED_HOSTS: dict[str, str] = VOCABULARY["refused_hosts"]
CREDENTIAL_KINDS: dict[str, str] = VOCABULARY["credential_kinds"]
SOURCE_TYPES: dict[str, str] = VOCABULARY["source_types"]
SOURCE_CERTAINTY: dict[str, str] = VOCABULARY["source_certainty"]
ERAS: list[dict] = VOCABULARY["eras"]
FOLDER_KIND: dict[str, str] = {spec["folder"]: kind for kind, spec in KINDS.items()}


def literal(values) -> object:
    """A ``Literal`` type of the given keys, for a Pydantic field."""
    return Literal[tuple(values)]  # type: ignore[misc]


def era_of(year: int) -> dict:
    era = ERAS[0]
    for candidate in ERAS:
        if year >= candidate["from"]:
            era = candidate
    return era


def grade_rank(grade: str) -> int:
    """Position of an evidence grade, 0 for the most certain."""
    return list(EVIDENCE_GRADES).index(grade)


# Which vocabulary labels a field's values: tables and exports show labels, never raw keys.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "setting": SETTINGS, "category": TECHNIQUE_CATEGORIES, "body_regions": BODY_REGIONS,
    "kind_of_credential": CREDENTIAL_KINDS, "source_type": SOURCE_TYPES,
    "certainty": SOURCE_CERTAINTY,
    "evidence_grade": {k: g["label"] for k, g in EVIDENCE_GRADES.items()},
}
