"""Read every entry file of every data layer, validate it, and apply overlays.

A layer is a folder holding ``data/<kind folder>/<id>.yml``: the shipped site is the first layer, a
clinic's folder the next. A later layer adds entries, and replaces a shipped one when the entry
says ``replaces: true`` (what a clinic hides is taken out afterwards: ``hiding``). Nothing is
dropped or merged silently: every clash is a problem with a file and a line.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from .. import kinds
from .fields import RESERVED_IDS, SLUG, Entry
from .problems import Problem, display_path
from .yamlsource import field_path, inside, line_of, read_mapping

YAML_SUFFIXES = (".yml", ".yaml")
NOT_ENTRIES = {"vocabulary.yml", "templates"}  # in the shipped data folder only
OTHER_DATA = {"translations"}  # read by kb/translations, in any layer


@dataclass(frozen=True)
class Loaded:
    entry: Entry
    file: str            # as shown in messages
    lines: dict          # field path -> line
    layer: int
    path: Path           # the file itself


def load_layers(layers: list[Path], vocabulary, *, root: Path | None = None, today=None):
    """Load all entries of all layers. Returns ``(entries, problems, failed)``: entries keyed by
    ``(kind, id)``, every problem found, and the keys of files that failed to load (links to
    those are not reported again). The caller raises if any problem is an error."""
    problems: list[Problem] = []
    entries: dict[tuple[str, str], Loaded] = {}
    failed: set[tuple[str, str]] = set()
    found_data = False
    folders = kinds.by_folder()
    context = {"today": today, "vocabulary": vocabulary}
    for index, layer in enumerate(layers):
        data_dir = Path(layer) / "data"
        if not data_dir.is_dir() or not inside(data_dir, layer):
            if index == 0 or data_dir.exists() or data_dir.is_symlink():
                problems.append(Problem(display_path(data_dir, root), 1, "",
                                        "the data folder is missing" if not data_dir.exists() else
                                        "the data folder must be a folder inside the site"))
            continue
        found_data = True
        for path in _listing(data_dir):
            shown = display_path(path, root)
            if index == 0 and path.name in NOT_ENTRIES:
                continue
            if path.name.startswith((".", "_")) or path.name in OTHER_DATA:
                continue
            if path.is_symlink() and not inside(path, layer):
                problems.append(Problem(shown, 1, "", f"a symbolic link to {os.path.realpath(path)}, "
                                        "outside the site; only folders inside it are read"))
                continue
            if not path.is_dir():
                problems.append(Problem(shown, 1, "", "a file directly in data/; entries go in a "
                                        f"kind folder ({', '.join(sorted(folders))})"))
                continue
            kind = folders.get(path.name)
            if kind is None:
                if path.name in NOT_ENTRIES:
                    problems.append(Problem(shown, 1, "", f"'{path.name}' belongs to the shipped "
                                            "site; a clinic cannot change it"))
                    continue
                guess = difflib.get_close_matches(path.name, folders, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                problems.append(Problem(shown, 1, "", f"unknown kind folder '{path.name}'{hint}"))
                continue
            if kinds.get(kind).clinic_only and index == 0:
                problems.append(Problem(shown, 1, "", f"{kind} entries belong in a clinic's own "
                                        "data folder, not in the shipped site"))
                continue
            _load_folder(path, Path(layer), kind, index, root, context, entries, problems, failed)
    if not found_data:
        return {}, problems, failed
    return entries, problems, failed


def _listing(folder: Path) -> list[Path]:
    """The names in a folder, sorted; nothing is followed or opened here."""
    with os.scandir(folder) as found:
        return sorted(Path(entry.path) for entry in found)


def _load_folder(folder: Path, layer_dir: Path, kind: str, layer: int, root, context, entries,
                 problems, failed):
    model = kinds.get(kind).model
    ids_here: dict[str, str] = {}
    for path in _listing(folder):
        shown = display_path(path, root)
        if path.name.startswith("."):
            if path.suffix in YAML_SUFFIXES:
                problems.append(Problem(shown, 1, "", "a hidden entry file (its name starts with a "
                                        "dot); rename it or move it out of data/"))
            continue
        if path.is_dir():
            what = "a folder named like an entry file" if path.suffix in YAML_SUFFIXES else "a sub-folder"
            problems.append(Problem(shown, 1, "", f"{what}; entries are files directly in "
                                    f"{folder.name}/"))
            continue
        if path.suffix not in YAML_SUFFIXES:
            problems.append(Problem(shown, 1, "", "not an entry: entry files end in .yml or .yaml"))
            continue
        file_id = path.name[: -len(path.suffix)]
        if not re.fullmatch(SLUG, file_id):
            problems.append(Problem(shown, 1, "id", f"the file name '{file_id}' is not a valid id: "
                                    "use lower-case letters, digits and single hyphens"))
            continue
        if file_id in RESERVED_IDS:
            problems.append(Problem(shown, 1, "id", f"'{file_id}' is reserved for the page that "
                                    "lists every entry of the kind; choose another name"))
            continue
        if file_id in ids_here:
            problems.append(Problem(shown, 1, "id", f"'{file_id}' is also defined by "
                                    f"{ids_here[file_id]}"))
            continue
        ids_here[file_id] = shown
        loaded = _load_file(path, layer_dir, shown, kind, model, file_id, layer, context, problems)
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


def _load_file(path, layer_dir, shown, kind, model, file_id, layer, context, problems) -> Loaded | None:
    data, lines, found = read_mapping(path, shown, layer_dir)
    problems.extend(found)
    if data is None:
        return None
    given_id = data.get("id", file_id)
    if isinstance(given_id, int) and not isinstance(given_id, bool):
        given_id = str(given_id)
    if given_id != file_id:
        problems.append(Problem(shown, lines.get(("id",), 1), "id",
                                f"id '{given_id}' differs from the file name '{file_id}'"))
        return None
    data["id"] = file_id
    shorthand = _reviews_from_date(data, lines)
    try:
        entry = model.model_validate(data, context=context)
    except ValidationError as exc:
        found = explain(exc, shown, lines, model, kind)
        if shorthand:  # name the field the file has
            found = [replace(p, field=p.field.replace("reviews[0].on", "last_reviewed"))
                     for p in found]
        problems.extend(found)
        return None
    return Loaded(entry, shown, lines, layer, Path(path).resolve())


def _reviews_from_date(data: dict, lines: dict) -> None:
    """``last_reviewed: DATE`` is the older, shorter form of ``reviews: [{on: DATE}]``: one
    review whose reviewer and checks were not recorded. Its line stays its own."""
    if "last_reviewed" in data and "reviews" not in data:
        line = lines.get(("last_reviewed",), 1)
        data["reviews"] = [{"on": data.pop("last_reviewed")}]
        for path in (("reviews",), ("reviews", 0), ("reviews", 0, "on")):
            lines[path] = line
        return True
    return False


def explain(exc: ValidationError, shown: str, lines: dict, model, kind: str | None = None) -> list[Problem]:
    """Pydantic's errors as problems in a contributor's words, each at its line."""
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
            elif len(loc) == 1 and kind:
                other = _kind_with_field(str(name), kind)
                if other:
                    message += (f" ('{name}' is a field of {other} entries: is this file in the "
                                f"wrong folder?)")
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "too_short":
            n = err["ctx"]["min_length"]
            message = f"needs at least {n} item{'s' if n != 1 else ''}"
        elif err["type"] == "literal_error":
            message = f"{err['input']!r} is not one of: {err['ctx']['expected']}"
        else:
            message = _what_yaml_did(err) or message
        out.append(Problem(shown, line_of(lines, loc), field_path(loc), message))
    return out


def _what_yaml_did(err: dict) -> str | None:
    """Say what YAML made of a value when that is why the model refused it."""
    given = err.get("input")
    if err["type"] == "string_type" and isinstance(given, bool):
        return f"YAML read this as {str(given).lower()} (a yes/no value): put the text in quotes"
    if err["type"] == "string_type" and given is None:
        return "must not be empty"
    if err["type"] in ("int_type", "int_parsing") and isinstance(given, str):
        if re.fullmatch(r"[-+]?[0-9][0-9_:.eE+-]*", given):
            return (f"must be a whole number (YAML read {given!r} as text: write a number without "
                    "quotes, a plus sign, leading zeros or separators, in at most 18 digits)")
        return f"must be a whole number, not {given!r}"
    if err["type"] == "int_type" and isinstance(given, bool):
        return f"must be a whole number (YAML read {str(given).lower()} as a yes/no value)"
    if err["type"] == "bool_type":
        return f"must be true or false (YAML read {given!r})"
    return None


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
    for other, model in kinds.models().items():
        if other != kind and name in model.model_fields:
            return other
    return None
