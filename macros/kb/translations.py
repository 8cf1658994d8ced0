"""Translations as parallel data: ``data/translations/<lang>/<kind folder>/<id>.yml`` holds only the
text of one entry, in the entry's own shape.

Grades, sources, ids, regions and every other fact live only in the English entry, so they cannot
drift. A translation is checked against its entry: it has each client-facing text the entry has
(nothing missing, nothing extra), lists of the same length, and the same keys in rows (an evidence
row's ``technique``, a ruling's ``context``, a safety note's ``kind``). Student detail is not
translated (it stays in English, marked ``lang="en"``); plain ``Text`` fields and the title may
be left out, and the English shows. Aliases are
the words the language's readers search for, as many as there are.

``translated_from`` is the fingerprint (``localize.text_fingerprint``) of the English entry's text when it was translated
(``python -m macros translate`` writes it); when that text changes, the translation is stale: the
check reports it and its page says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, ValidationError

from .fields import Audience, Entry, marked_fields
from .localize import KEYS, _text_fields, text_fingerprint
from .names import name_problem
from .problems import Problem, display_path
from .yamlsource import field_path, line_of, read_mapping

FOLDER = "translations"
ABOUT = "about.yml"                      # who translated, and whether a clinician reviewed it
VOCABULARY = "vocabulary.yml"            # the closed lists' labels (see ``vocabulary.localized``)
INTERFACE = "interface.yml"              # the templates' words: English text -> translation
CLINIC = "clinic.yml"                    # a clinic's own text (``clinic.check_translation``)


@dataclass(frozen=True)
class Translation:
    language: str
    key: tuple[str, str]
    data: dict                 # the translated text, in the entry's shape
    file: str
    current: bool              # the English entry is unchanged since it was translated


class About(BaseModel):
    """Who translated a language's text, and whether a clinician who speaks it has reviewed it."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    translated_by: str
    clinician_reviewed: bool
    statement: str


@dataclass
class Translations:
    by_language: dict[str, dict[tuple, Translation]] = field(default_factory=dict)
    about: dict[str, About] = field(default_factory=dict)
    vocabulary: dict[str, dict] = field(default_factory=dict)   # language -> labels
    interface: dict[str, dict[str, str]] = field(default_factory=dict)
    clinic: dict[str, dict] = field(default_factory=dict)      # language -> clinic.yml's text

    def get(self, language: str, key: tuple) -> Optional[Translation]:
        return self.by_language.get(language, {}).get(key)


def check(entry: Entry, data: dict, lines: dict, shown: str) -> list[Problem]:
    """Problems with a translation of ``entry``."""
    problems: list[Problem] = []
    extra = set(data) - {"translated_from", "translator"} - set(_text_fields(type(entry)))
    student = {name for name, m in marked_fields(type(entry), Audience) if m is not None and m.who == "student"}
    for name in sorted(extra):
        why = ("student detail stays in English in every edition: remove it" if name in student else
               f"'{name}' is not text of the {entry.kind} (facts such as ids, grades and sources live "
               "only in the English entry)")
        problems.append(Problem(shown, line_of(lines, (name,)), name, why))
    _compare(entry, data, (), lines, shown, problems)
    for i, alias in enumerate(data.get("aliases") or ()):
        problem = isinstance(alias, str) and name_problem(alias)
        if problem:
            problems.append(Problem(shown, line_of(lines, ("aliases", i)), f"aliases[{i}]", problem))
    return problems


def _compare(model_obj: BaseModel, data: Any, path: tuple, lines, shown, problems) -> None:
    if not isinstance(data, dict):
        problems.append(Problem(shown, line_of(lines, path), field_path(path), "must be a mapping of "
                                "the entry's text fields"))
        return
    for name, (what, required) in _text_fields(type(model_obj)).items():
        english = getattr(model_obj, name)
        here = path + (name,)
        if name not in data:
            if required and english not in (None, (), ""):
                problems.append(Problem(shown, line_of(lines, path), field_path(here),
                                        "missing: the English entry has it"))
            continue
        given = data[name]
        if what == "name":
            if name == "aliases" and not isinstance(given, list):
                problems.append(Problem(shown, line_of(lines, here), field_path(here), "must be a list"))
            elif name == "title" and not (isinstance(given, str) and given.strip()):
                problems.append(Problem(shown, line_of(lines, here), field_path(here), "must be text"))
            continue
        if english in (None, ()):
            problems.append(Problem(shown, line_of(lines, here), field_path(here),
                                    "the English entry has no such text"))
            continue
        items = english if isinstance(english, tuple) else None
        if items is not None:
            if not isinstance(given, list) or len(given) != len(items):
                problems.append(Problem(shown, line_of(lines, here), field_path(here),
                                        f"must be a list of {len(items)}, as in the English entry"))
                continue
            for i, (en_item, item) in enumerate(zip(items, given)):
                if isinstance(en_item, BaseModel):
                    _row_keys(en_item, item, here + (i,), lines, shown, problems)
                    _compare(en_item, item, here + (i,), lines, shown, problems)
                elif not (isinstance(item, str) and item.strip()):
                    problems.append(Problem(shown, line_of(lines, here + (i,)),
                                            field_path(here + (i,)), "must be text"))
        elif isinstance(english, BaseModel):
            _compare(english, given, here, lines, shown, problems)
        elif not (isinstance(given, str) and given.strip()):
            problems.append(Problem(shown, line_of(lines, here), field_path(here), "must be text"))


def _row_keys(english: BaseModel, item: Any, path, lines, shown, problems) -> None:
    if not isinstance(item, dict):
        return
    for key in KEYS:
        if key in item and hasattr(english, key) and item[key] != getattr(english, key):
            problems.append(Problem(shown, line_of(lines, path + (key,)), field_path(path + (key,)),
                                    f"'{item[key]}' where the English row has '{getattr(english, key)}': "
                                    "keep the rows in the English order"))
        extra = set(item) - set(KEYS) - set(_text_fields(type(english)))
        for name in sorted(extra):
            problems.append(Problem(shown, line_of(lines, path + (name,)), field_path(path + (name,)),
                                    f"'{name}' is not text of the row"))
        break


def load(layers, kb, folders: dict[str, str], root=None, clinic=None) -> tuple[Translations, list[Problem]]:
    """Every translation of every layer, checked against the knowledge base; ``folders`` maps a
    kind folder to its kind. A translation of an entry the site hides, or of a shipped entry a
    clinic replaces with its own, is left aside: it translates nothing the site shows. A
    translation of ``clinic.yml`` (the clinic's, the last layer's) is checked against ``clinic``."""
    found = Translations()
    problems: list[Problem] = []
    for index, layer in enumerate(layers):
        base = Path(layer) / "data" / FOLDER
        if not base.is_dir():
            continue
        for lang_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            language = lang_dir.name
            own = clinic if index == len(layers) - 1 else None  # a shipped layer has no clinic.yml
            problems += _language_files(found, language, lang_dir, kb, Path(layer), root, own)
            for kind_dir in sorted(p for p in lang_dir.iterdir() if p.is_dir()):
                kind = folders.get(kind_dir.name)
                if kind is None:
                    problems.append(Problem(display_path(kind_dir, root), 1, "",
                                            f"unknown kind folder '{kind_dir.name}'"))
                    continue
                for path in sorted(kind_dir.glob("*.yml")):
                    shown = display_path(path, root)
                    key = (kind, path.stem)
                    if key in kb.hidden or kb.layers.get(key, index) > index:
                        continue  # the site hides it, or a later layer replaces what it translates
                    if not kb.has(*key):
                        problems.append(Problem(shown, 1, "", f"there is no {kind} '{path.stem}' to "
                                                "translate"))
                        continue
                    data, lines, errs = read_mapping(path, shown, Path(layer))
                    problems += errs
                    if data is None:
                        continue
                    entry = kb.written(key)  # what was translated: the file, not what hiding left
                    problems += check(entry, data, lines, shown)
                    stamp = data.get("translated_from")
                    if not isinstance(stamp, str):
                        problems.append(Problem(shown, line_of(lines, ("translated_from",)),
                                                "translated_from", "give the fingerprint of the "
                                                "English text you translated (python -m macros "
                                                f"translate writes it)"))
                        continue
                    current = stamp == text_fingerprint(entry)
                    if not current:
                        problems.append(Problem(shown, line_of(lines, ("translated_from",)),
                                                "translated_from", "stale: the English entry has "
                                                "changed since this was translated", warning=True,
                                                topic="translations"))
                    found.by_language.setdefault(language, {})[key] = Translation(
                        language, key, data, shown, current)
    return found, problems


def _language_files(found: Translations, language: str, folder: Path, kb, layer: Path,
                    root, clinic=None) -> list[Problem]:
    """The files of a language that are not entries: who translated, the vocabulary's labels,
    the interface's words (a later layer adds to or replaces an earlier one's), a clinic's text."""
    from .clinic import check_translation
    from .vocabulary import localized
    problems: list[Problem] = []
    for name in (ABOUT, VOCABULARY, INTERFACE, CLINIC):
        path = folder / name
        if not path.is_file():
            continue
        shown = display_path(path, root)
        data, lines, errs = read_mapping(path, shown, layer)
        problems += errs
        if data is None:
            continue
        if name == ABOUT:
            try:
                found.about[language] = About.model_validate(data)
            except ValidationError as exc:
                from .loader import explain
                problems += explain(exc, shown, lines, About)
        elif name == CLINIC:
            text, errs = check_translation(clinic, data, lines, shown)
            problems += errs
            if text is not None:
                found.clinic[language] = text
        elif name == VOCABULARY:
            merged = {**found.vocabulary.get(language, {}), **data}
            problems += localized(kb.vocabulary, merged, shown, lines)[1]
            found.vocabulary[language] = merged
        else:
            bad = [k for k, v in data.items() if not (isinstance(k, str) and isinstance(v, str) and v.strip())]
            problems += [Problem(shown, line_of(lines, (k,)), str(k), "give the English text as the key "
                                 "and its translation as text") for k in bad]
            for key, value in data.items():
                if key not in bad and _slots(key) != _slots(value):
                    bad.append(key)
                    problems.append(Problem(shown, line_of(lines, (key,)), key[:40], "keep the same "
                                            f"placeholders as the English ({', '.join(sorted(_slots(key))) or 'none'})"))
            found.interface.setdefault(language, {}).update(
                {k: v for k, v in data.items() if k not in bad})
    return problems


def _slots(text: str) -> set[str]:
    """The values a text has filled in when it is shown: %(name)s, {name}, and %% for a %."""
    return set(re.findall(r"%\(\w+\)[sd]|\{\w+\}|%%", text))


