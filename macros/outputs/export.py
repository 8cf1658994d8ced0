"""Open data: the knowledge base as JSON (one file per kind and one combined), CSV, and a JSON
Schema per kind generated from the models; and the ICD-10-CM codes that lead to condition pages
(``codes.json``, for a patient portal or record system to link its patients' diagnoses)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .. import kinds
from ..kb import icd10cm
from ..kb.fields import Closed
from ..kb.knowledge import KnowledgeBase
from ..kb.reviews import next_review
from ..render import urls
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


class CodeRecord(BaseModel):
    """One ICD-10-CM code or category with a page on the site: a row of ``codes.json``."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(pattern=f"^{icd10cm.CODE.pattern}$", description="as the code list writes it")
    system: Literal["ICD-10-CM"]
    category: bool = Field(description="a category (codes beneath it, not billable itself) "
                           "rather than a billable code")
    title: Optional[str] = Field(description="its title in the code list; none for a category")
    conditions: list[str] = Field(description="ids of the conditions it leads to (condition.json)")
    under: list[str] = Field(description="the categories with a page that it falls under")
    page: str = Field(description="its page, relative to the site's address: it lists the "
                      "condition pages with links")


def code_records(kb: KnowledgeBase, directory_urls: bool = True) -> list[dict]:
    """Each code with a page, in the code list's order."""
    code_list = kb.vocabulary.icd10cm
    found = icd10cm.code_pages(kb.of_kind("condition"), code_list)
    return [CodeRecord(code=code, system=icd10cm.SYSTEM, category=code_list.is_category(code),
                       title=code_list.codes.get(code), conditions=[c.id for c in conditions],
                       under=icd10cm.above(code, found),
                       page=urls.page_url(urls.code_page(code), directory_urls)).model_dump()
            for code, conditions in found.items()]


def code_schema(vocabulary) -> dict:
    item = CodeRecord.model_json_schema(mode="serialization")
    item["properties"]["code"]["enum"] = list(vocabulary.icd10cm_codes)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "ICD-10-CM codes with a page", "type": "array", "items": item}


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


def _table(folder: Path, name: str, rows: list[dict], table_schema: dict) -> None:
    _dump(folder / f"{name}.json", rows)
    (folder / f"{name}.csv").write_text(_csv(rows), encoding="utf-8")
    _dump(folder / "schema" / f"{name}.schema.json", table_schema)


def write(kb: KnowledgeBase, folder: Path, directory_urls: bool = True, language: str = "en",
          english=frozenset()) -> None:
    """The export of one edition: ``language`` is its language, ``english`` the keys of the
    entries it shows in English."""
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    combined = {"licence": LICENCE, "language": language, "kinds": {}}
    for kind in kinds.KINDS:
        rows = records(kb, kind, language, english)
        if rows:
            combined["kinds"][kind] = rows
            _table(folder, kind, rows, schema(kind, kb.vocabulary))
    codes = code_records(kb, directory_urls)
    if codes:
        _table(folder, "codes", codes, code_schema(kb.vocabulary))
    _dump(folder / "all.json", combined)
