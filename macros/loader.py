"""Read every entry file of every data layer, validate it, and apply overlays.

A layer is a folder holding ``data/<kind folder>/<id>.yml``: the shipped site is the first layer, a
clinic's folder the next. A later layer adds entries, replaces a shipped one when the entry says
``replaces: true``, and hides shipped ones through its ``hide`` list. Nothing is dropped or merged
silently: every clash is a problem with a file and a line.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from . import vocabulary as v
from .models import MODELS, SLUG, Entry
from .problems import Problem, display_path
from .yamlsource import field_path, line_of, read_mapping

YAML_SUFFIXES = (".yml", ".yaml")
NOT_ENTRIES = {"vocabulary.yml", "templates"}


@dataclass(frozen=True)
class Loaded:
    entry: Entry
    file: str            # as shown in messages
    lines: dict          # field path -> line
    layer: int


CLINIC_ONLY = {"therapist"}


def load_layers(layers: list[Path], *, root: Path | None = None, today=None,
                hidden: dict[str, list[str]] | None = None, hidden_file: str = "clinic.yml"):
    """Load all entries of all layers. Returns ``(entries, problems, failed, hidden)``: entries
    keyed by ``(kind, id)``, every problem found, the keys of files that failed to load (links to
    those are not reported again), and the entries the site hides. The caller raises if any
    problem is an error."""
    problems: list[Problem] = []
    entries: dict[tuple[str, str], Loaded] = {}
    failed: set[tuple[str, str]] = set()
    found_data = False
    for index, layer in enumerate(layers):
        data_dir = Path(layer) / "data"
        if not data_dir.is_dir():
            if index == 0:
                problems.append(Problem(display_path(data_dir, root), 1, "",
                                        "the data folder is missing"))
            continue
        found_data = True
        for path in sorted(data_dir.iterdir()):
            shown = display_path(path, root)
            if path.name in NOT_ENTRIES or path.name.startswith((".", "_")):
                continue
            if not path.is_dir():
                problems.append(Problem(shown, 1, "", "a file directly in data/; entries go in a "
                                        f"kind folder ({', '.join(sorted(v.FOLDER_KIND))})"))
                continue
            kind = v.FOLDER_KIND.get(path.name)
            if kind is None:
                guess = difflib.get_close_matches(path.name, v.FOLDER_KIND, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                problems.append(Problem(shown, 1, "", f"unknown kind folder '{path.name}'{hint}"))
                continue
            if kind in CLINIC_ONLY and index == 0:
                problems.append(Problem(shown, 1, "", f"{kind} entries belong in a clinic's own "
                                        "data folder, not in the shipped site"))
                continue
            _load_folder(path, kind, index, root, today, entries, problems, failed)
    if not found_data:
        return {}, problems, failed, {}
    removed = _apply_hidden(hidden or {}, hidden_file, entries, problems)
    return entries, problems, failed, removed


def _load_folder(folder: Path, kind: str, layer: int, root, today, entries, problems, failed):
    model = MODELS[kind]
    ids_here: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        shown = display_path(path, root)
        if path.suffix not in YAML_SUFFIXES:
            problems.append(Problem(shown, 1, "", "not an entry: entry files end in .yml or .yaml"))
            continue
        if path.parent != folder:
            problems.append(Problem(shown, 1, "", f"entries go directly in {folder.name}/, "
                                    "not in a sub-folder"))
            continue
        file_id = path.stem
        if not re.match(SLUG, file_id):
            problems.append(Problem(shown, 1, "id", f"the file name '{file_id}' is not a valid id: "
                                    "use lower-case letters, digits and single hyphens"))
            continue
        if file_id in ids_here:
            problems.append(Problem(shown, 1, "id", f"'{file_id}' is also defined by "
                                    f"{ids_here[file_id]}"))
            continue
        ids_here[file_id] = shown
        loaded = _load_file(path, shown, kind, model, file_id, layer, today, problems)
        if loaded is None:
            failed.add((kind, file_id))  # its own error is reported; links to it are not errors
            continue
        key = (kind, file_id)
        previous = entries.get(key)
        if previous is None:
            if loaded.entry.replaces:
                problems.append(Problem(shown, loaded.lines.get(("replaces",), 1), "replaces",
                                        f"there is no shipped {kind} '{file_id}' to replace"))
                continue
            entries[key] = loaded
        elif loaded.entry.replaces and previous.layer < layer:
            entries[key] = loaded
        else:
            problems.append(Problem(shown, 1, "id", f"{kind} '{file_id}' is already defined in "
                                    f"{previous.file}; to replace it on purpose, add "
                                    "'replaces: true'"))


def _load_file(path, shown, kind, model, file_id, layer, today, problems) -> Loaded | None:
    data, lines, found = read_mapping(path, shown)
    problems.extend(found)
    if data is None:
        return None
    given_id = data.get("id", file_id)
    if given_id != file_id:
        problems.append(Problem(shown, lines.get(("id",), 1), "id",
                                f"id '{given_id}' differs from the file name '{file_id}'"))
        return None
    data["id"] = file_id
    try:
        entry = model.model_validate(data, context={"today": today})
    except ValidationError as exc:
        problems.extend(_explain(exc, shown, lines, model, kind))
        return None
    return Loaded(entry, shown, lines, layer)


def _explain(exc: ValidationError, shown: str, lines: dict, model, kind: str) -> list[Problem]:
    out = []
    errors = exc.errors(include_url=False)
    failing = {tuple(e["loc"]) for e in errors}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "too_short" and any(f[:len(loc)] == loc and f != loc for f in failing):
            continue  # a list item failed, so the list came out short: report the item only
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            name = loc[-1]
            known = _field_names(model, loc[:-1])
            guess = difflib.get_close_matches(str(name), known, n=1)
            message = f"unknown field '{name}'"
            if guess:
                message += f" (did you mean '{guess[0]}'?)"
            elif len(loc) == 1:
                other = _kind_with_field(str(name), kind)
                if other:
                    message += (f" ('{name}' is a field of {other} entries: is this file in the "
                                f"wrong folder?)")
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "literal_error":
            message = f"{err['input']!r} is not one of: {err['ctx']['expected']}"
        out.append(Problem(shown, line_of(lines, loc), field_path(loc), message))
    return out


def _field_names(model, loc) -> list[str]:
    """Field names of the (possibly nested) model at ``loc``, for 'did you mean' hints."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        candidates = [info.annotation, *getattr(info.annotation, "__args__", ())]
        nested = [c for c in candidates if isinstance(c, type) and hasattr(c, "model_fields")]
        if not nested:
            return []
        current = nested[0]
    return list(current.model_fields)


def _kind_with_field(name: str, kind: str) -> str | None:
    for other, model in MODELS.items():
        if other != kind and name in model.model_fields:
            return other
    return None


def _apply_hidden(hidden, hidden_file, entries, problems) -> dict:
    removed = {}
    for kind, ids in hidden.items():
        if kind not in MODELS:
            problems.append(Problem(hidden_file, 1, f"hide.{kind}", f"unknown kind '{kind}'"))
            continue
        for entry_id in ids:
            removed[(kind, entry_id)] = entries.pop((kind, entry_id), None)
            if removed[(kind, entry_id)] is None:
                problems.append(Problem(hidden_file, 1, f"hide.{kind}",
                                        f"there is no {kind} '{entry_id}' to hide"))
    return {key: item for key, item in removed.items() if item is not None}
