"""What of an entry is text to translate, and a translation put in its place.

``text_fingerprint`` is what ``translated_from`` records; ``skeleton`` is the file ``python -m
macros translate`` writes to start from; ``localize`` gives the knowledge base in another
language, every fact still the English entry's.
"""
from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .fields import Audience, Entry, marked_fields

if TYPE_CHECKING:
    from .translations import Translations

KEYS = ("technique", "context", "kind")  # fields that name a row; they must match the English


def _text_fields(model: type[BaseModel]) -> dict[str, tuple[str, bool]]:
    """``field -> (what it is, required in a translation)`` for the model's text fields."""
    out = {}
    markers = dict(marked_fields(model, Audience))
    for name, info in model.model_fields.items():
        marker = markers.get(name)
        if marker is not None and marker.who == "student":
            continue  # student detail stays in English in every edition (marked lang="en")
        if marker is not None:
            out[name] = ("text", marker.who == "client")
        elif name in ("title", "aliases"):
            out[name] = ("name", False)
        else:
            nested = _nested(info)
            found = markers_of(nested) if nested is not None else []
            if found:
                out[name] = ("nested", any(m.who == "client" for m in found))
    return out


def markers_of(model) -> list:
    """The text markers of a model and of the models inside it."""
    found = [m for _, m in marked_fields(model, Audience) if m is not None]
    for info in model.model_fields.values():
        inner = _nested(info)
        if inner is not None and inner is not model:
            found += markers_of(inner)
    return found


def _nested(info):
    stack = [info.annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(getattr(current, "__args__", ()) or ())
    return None


def localize(kb, translations: Translations, language: str):
    """The knowledge base in ``language``: each translated entry with its text replaced (every
    fact stays the English entry's), the vocabulary's labels translated. Returns the knowledge
    base and the keys of the entries that still show in English."""
    from dataclasses import replace
    from types import MappingProxyType

    from .vocabulary import localized
    found = translations.by_language.get(language, {})
    entries, english = {}, set()
    for key, entry in kb.entries.items():
        translation = found.get(key)
        if translation is None:
            english.add(key)
            entries[key] = entry
        else:
            entries[key] = _overlay(entry, translation.data)
    vocab = localized(kb.vocabulary, translations.vocabulary.get(language, {}))[0]
    return replace(kb, entries=MappingProxyType(entries), vocabulary=vocab), english


def _overlay(obj: BaseModel, data: dict) -> BaseModel:
    """``obj`` with the text in ``data`` (checked against it by ``check``) put in its place."""
    update = {}
    for name, value in data.items():
        english = getattr(obj, name, None)
        if name in ("translated_from", "translator") or english is None:
            continue
        if isinstance(english, BaseModel):
            update[name] = _overlay(english, value)
        elif isinstance(english, tuple) and name != "aliases":  # rows match the English one to one
            update[name] = tuple(_overlay(en, item) if isinstance(en, BaseModel) else item
                                 for en, item in zip(english, value))
        else:
            update[name] = tuple(value) if isinstance(value, list) else value
    return obj.model_copy(update=update)


def text_fingerprint(entry: Entry) -> str:
    """A digest of the entry's translatable text only: a translation goes stale when that text
    changes, not when a grade or a code is added."""
    texts = {k: v for k, v in _texts(entry).items() if k != "aliases"}  # each language has its own
    data = json.dumps(texts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def skeleton(entry: Entry) -> dict:
    """A translation to start from: the entry's text in its own shape (to be rewritten in the
    other language), with its fingerprint."""
    data = {"translated_from": text_fingerprint(entry)}
    data.update(_texts(entry))
    return data


def _texts(obj: BaseModel) -> dict:
    out = {}
    for name, (what, _) in _text_fields(type(obj)).items():
        value = getattr(obj, name)
        if value in (None, ()):
            continue
        if isinstance(value, tuple):
            rows = []
            for item in value:
                if isinstance(item, BaseModel):
                    row = {k: getattr(item, k) for k in KEYS if hasattr(item, k)}
                    row.update(_texts(item))
                    rows.append(row)
                else:
                    rows.append(item)
            out[name] = rows
        elif isinstance(value, BaseModel):
            out[name] = _texts(value)
        else:
            out[name] = value
    return out
