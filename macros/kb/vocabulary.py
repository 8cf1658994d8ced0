"""The closed lists (body regions, evidence grades, rulings, ...) from ``data/vocabulary.yml``.

This is the one place they are written: the models, the templates and the filters read them from
the ``Vocabulary`` of the site being built. It is read with the same strict reader as every entry
and validated, once per load, so an edit shows at the next ``mkdocs serve`` rebuild.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .icd10cm import CodeList
from .problems import DataError, Problem, display_path
from .yamlsource import read_mapping

FILE = Path("data") / "vocabulary.yml"
PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the knowledge base this package ships with


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindWords(_Strict):
    label: str
    singular: str


class Labelled(_Strict):
    label: str
    description: str = ""


class Grade(_Strict):
    label: str
    mark: str = Field(max_length=2)
    meaning: str


class Ruling(_Strict):
    label: str
    client: str


class PressureLevel(_Strict):
    label: str
    description: str
    walton: Optional[int] = Field(None, ge=1, le=5, description="the matching level of Walton's scale")


class Era(_Strict):
    id: str
    label: str
    start: int = Field(alias="from")


class Vocabulary(_Strict):
    """Every closed list; keys are the values entries use, labels what readers see."""
    kinds: dict[str, KindWords]
    body_regions: dict[str, str]
    settings: dict[str, str]
    technique_categories: dict[str, str]
    pressure: dict[int, PressureLevel]
    evidence_grades: dict[str, Grade]
    rulings: dict[str, Ruling]
    safety_kinds: dict[str, str]
    credential_kinds: dict[str, str]
    source_types: dict[str, str]
    source_certainty: dict[str, str]
    refused_hosts: dict[str, str]
    review_checks: dict[str, Labelled]
    review_intervals: dict[str, int]
    misspellings: dict[str, tuple[str, ...]] = {}
    eras: tuple[Era, ...] = Field(min_length=1)
    icd10cm: CodeList = CodeList()

    @property
    def icd10cm_codes(self) -> dict[str, str]:
        """The ICD-10-CM codes and categories a condition may carry (see ``kb/icd10cm``)."""
        return self.icd10cm.known

    def review_interval(self, kind: str) -> int:
        """Months between reviews of an entry of ``kind`` (or a hand-written ``page``)."""
        return self.review_intervals.get(kind, self.review_intervals["default"])

    def era_of(self, year: int) -> Era:
        """The last era whose start is not after ``year``."""
        era = self.eras[0]
        for candidate in self.eras:
            if year >= candidate.start:
                era = candidate
        return era

    def grade_rank(self, grade: str) -> int:
        """Position of an evidence grade, 0 for the most certain."""
        return list(self.evidence_grades).index(grade)

    def labels(self, list_name: str) -> dict[str, str]:
        """``key -> label`` of one closed list, whatever the shape of its items."""
        items = getattr(self, list_name)
        return {str(k): (getattr(item, "label", item)) for k, item in items.items()}

    def pressure_word(self, level: int) -> str:
        return self.pressure[level].label.lower()


def load(root: Path) -> Vocabulary:
    """The vocabulary of the site whose shipped folder is ``root`` (a site without one, such as a
    test fixture, uses the knowledge base's own); ``DataError`` if it is not valid, naming the
    file, the line and the field."""
    from .loader import explain  # the loader reads entries with this vocabulary

    if not (Path(root) / FILE).exists():
        root = PROJECT_ROOT
    path = Path(root) / FILE
    shown = display_path(path)
    data, lines, problems = read_mapping(path, shown, Path(root))
    if problems:
        raise DataError(problems)
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        raise DataError(explain(exc, shown, lines, Vocabulary)) from None


def check_kinds(vocab: Vocabulary, kinds) -> list[Problem]:
    """Every kind of entry has its words in the vocabulary (and the vocabulary names no kind that
    does not exist)."""
    shown = "data/vocabulary.yml"
    problems = [Problem(shown, 1, "kinds", f"no words for the kind '{name}': add "
                        f"'{name}: {{label: ..., singular: ...}}'") for name in kinds if name not in vocab.kinds]
    problems += [Problem(shown, 1, f"kinds.{name}", f"there is no kind '{name}' (macros/kinds/)")
                 for name in vocab.kinds if name not in kinds]
    return problems


# What a language's vocabulary file may translate: the lists readers see, and in each item only
# its words (never a mark, a level or a date).
TRANSLATABLE = ("kinds", "body_regions", "settings", "technique_categories", "pressure",
                "evidence_grades", "rulings", "safety_kinds", "credential_kinds", "source_types",
                "source_certainty", "review_checks", "eras")
WORDS = ("label", "singular", "description", "meaning", "client")


def localized(vocab: Vocabulary, data: dict, shown: str = "", lines: dict | None = None):
    """``vocab`` with the labels of ``data`` (a language's ``vocabulary.yml``: for each list, every
    key of the English list with its words; eras by id). Returns the vocabulary and the problems;
    with problems the English vocabulary is returned unchanged."""
    from .yamlsource import line_of
    lines = lines or {}
    problems: list[Problem] = []
    merged = vocab.model_dump(by_alias=True)

    def problem(path, message):
        problems.append(Problem(shown, line_of(lines, path), ".".join(map(str, path)), message))

    for name, given in data.items():
        if name not in TRANSLATABLE:
            problem((name,), f"'{name}' is not a list of labels to translate (choose from "
                    f"{', '.join(TRANSLATABLE)})")
            continue
        english = {e["id"]: e for e in merged["eras"]} if name == "eras" else merged[name]
        if not isinstance(given, dict):
            problem((name,), "must be a mapping of the English list's keys")
            continue
        wanted = {str(k) for k in english}
        for key in sorted(wanted - {str(k) for k in given}):
            problem((name,), f"missing '{key}': the English list has it")
        for key, value in given.items():
            target = next((k for k in english if str(k) == str(key)), None)
            if target is None:
                problem((name, key), f"there is no '{key}' in the English list")
            elif isinstance(english[target], str):
                if isinstance(value, str) and value.strip():
                    english[target] = value
                else:
                    problem((name, key), "must be text")
            elif not isinstance(value, dict):
                problem((name, key), "must be a mapping of its words (" + ", ".join(
                    w for w in WORDS if w in english[target]) + ")")
            else:
                for word, text in value.items():
                    if word not in WORDS or word not in english[target]:
                        problem((name, key, word), f"'{word}' is not a word of this item to translate")
                    elif not (isinstance(text, str) and text.strip()):
                        problem((name, key, word), "must be text")
                    else:
                        english[target][word] = text
    if problems:
        return vocab, problems
    return Vocabulary.model_validate(merged), []
