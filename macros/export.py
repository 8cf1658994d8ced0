"""Open data: the knowledge base as JSON (one file per kind and one combined), CSV, and a JSON
Schema per kind generated from the models."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .escape import csv_cell
from .knowledge import KnowledgeBase
from .models import MODELS

LICENCE = "CC BY 4.0 (content); see the project README"


def records(kb: KnowledgeBase, kind: str) -> list[dict]:
    return [e.model_dump(mode="json", exclude={"replaces"}) for e in kb.of_kind(kind)]


def schema(kind: str) -> dict:
    model = MODELS[kind]
    item = model.model_json_schema(mode="serialization")
    item["properties"].pop("replaces", None)
    defs = item.pop("$defs", {})  # nested models: their $refs point at the document root
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


def write(kb: KnowledgeBase, folder: Path) -> None:
    (folder / "schema").mkdir(parents=True, exist_ok=True)
    combined = {"licence": LICENCE, "kinds": {}}
    for kind in MODELS:
        rows = records(kb, kind)
        if not rows and kind in ("therapist", "context"):
            continue
        combined["kinds"][kind] = rows
        _dump(folder / f"{kind}.json", rows)
        (folder / f"{kind}.csv").write_text(_csv(rows), encoding="utf-8")
        _dump(folder / "schema" / f"{kind}.schema.json", schema(kind))
    _dump(folder / "all.json", combined)
