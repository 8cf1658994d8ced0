"""Open data: the knowledge base as JSON (one file per kind and one combined), CSV, and a JSON
Schema per kind generated from the models."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .. import kinds
from ..kb.fields import Closed
from ..kb.knowledge import KnowledgeBase
from ..kb.reviews import next_review
from ..render.escape import csv_cell

LICENCE = "CC BY 4.0 (content); see the project README"


def records(kb: KnowledgeBase, kind: str, language: str = "en", english=frozenset()) -> list[dict]:
    """Each entry as data, with its last review date, when its next review is due, and the
    language its text is in (an edition in another language shows some entries in English)."""
    return [{**e.model_dump(mode="json", exclude={"replaces"}),
             "language": "en" if (kind, e.id) in english else language,
             "last_reviewed": e.last_reviewed.isoformat(),
             "next_review_due": next_review(e, kb.vocabulary).isoformat()} for e in kb.of_kind(kind)]


def schema(kind: str, vocabulary) -> dict:
    model = kinds.get(kind).model
    item = model.model_json_schema(mode="serialization")
    item["properties"].pop("replaces", None)
    for name in ("last_reviewed", "next_review_due"):
        item["properties"][name] = {"type": "string", "format": "date"}
        item.setdefault("required", []).append(name)
    item["properties"]["language"] = {"type": "string", "pattern": "^[a-z]{2}$",
                                      "description": "the language of the entry's text"}
    item["required"].append("language")
    defs = item.pop("$defs", {})  # nested models: their $refs point at the document root
    _closed_lists(model, item, defs, vocabulary)
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": f"{kind} entries", "type": "array", "items": item}
    if defs:
        document["$defs"] = defs
    return document


def _csv(rows: list[dict]) -> str:
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v if isinstance(v, (str, int, float)) or v is None
                                     else json.dumps(v, ensure_ascii=False)) for k, v in row.items()})
    return out.getvalue()


def _dump(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")


def _closed_lists(model, schema_part: dict, defs: dict, vocabulary) -> None:
    """Closed-list fields are plain strings to Pydantic (they are checked against the site's
    vocabulary at load): give each its ``enum`` from that vocabulary, in nested models too."""
    for name, info in model.model_fields.items():
        prop = schema_part.get("properties", {}).get(name)
        if prop is None:
            continue
        marker = next((m for m in (*info.metadata, *_inner(info)) if isinstance(m, Closed)), None)
        if marker is not None:
            target = prop["items"] if prop.get("type") == "array" else prop
            for option in target.get("anyOf", [target]):
                if option.get("type") in ("string", "integer"):
                    option["enum"] = list(getattr(vocabulary, marker.list_name))
        for nested in _nested_models(info):
            if nested.__name__ in defs:
                _closed_lists(nested, defs[nested.__name__], defs, vocabulary)


def _inner(info) -> list:
    found = []
    for arg in getattr(info.annotation, "__args__", ()) or ():
        found.extend(getattr(arg, "__metadata__", ()))
    return found


def _nested_models(info) -> list[type]:
    found = []
    stack = [info.annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and hasattr(current, "model_fields"):
            found.append(current)
        stack.extend(getattr(current, "__args__", ()) or ())
    return found


def write(kb: KnowledgeBase, folder: Path, language: str = "en", english=frozenset()) -> None:
    """The export of one edition: ``language`` is its language, ``english`` the keys of the
    entries it shows in English."""
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    combined = {"licence": LICENCE, "language": language, "kinds": {}}
    for kind in kinds.KINDS:
        rows = records(kb, kind, language, english)
        if not rows:
            continue
        combined["kinds"][kind] = rows
        _dump(folder / f"{kind}.json", rows)
        (folder / f"{kind}.csv").write_text(_csv(rows), encoding="utf-8")
        _dump(folder / "schema" / f"{kind}.schema.json", schema(kind, kb.vocabulary))
    _dump(folder / "all.json", combined)
