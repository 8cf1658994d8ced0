"""Strict YAML reading: one mapping per file, with the line of every value.

PyYAML's ``safe_load`` keeps the last of two duplicate keys without a word, turns ``2025-02-30``
into an exception with no field name, and expands anchors and aliases (the "billion laughs").
This reader uses the C parser to build the node tree, then converts it itself so that it can
reject duplicate keys and aliases and remember the line of every field for error messages.
Dates stay strings here; the models parse them and name the field when one does not exist.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 512 * 1024  # an entry is a few KB; a larger file is a paste accident or an attack

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):
    """SafeLoader without the implicit timestamp type (dates are validated by the models)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Lines = dict[tuple, int]


class YamlProblem(Exception):
    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def _field(path: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")


class _Converter:
    def __init__(self, loader: _Loader):
        self.loader = loader
        self.lines: Lines = {}
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        if id(node) in self.seen:
            raise YamlProblem(node.start_mark.line + 1, _field(path),
                              "anchors and aliases (&name, *name) are not allowed in entries")
        self.seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(key_node.start_mark.line + 1, _field(path),
                                      "merge keys (<<) are not allowed in entries")
                key = self.loader.construct_object(key_node)
                if not isinstance(key, str):
                    raise YamlProblem(key_node.start_mark.line + 1, _field(path),
                                      f"field names must be text, not {key!r}")
                line = key_node.start_mark.line + 1
                if key in result:
                    first = self.lines[path + (key,)]
                    raise YamlProblem(line, _field(path + (key,)),
                                      f"duplicate key '{key}' (first given on line {first})")
                self.lines[path + (key,)] = line
                result[key] = self.convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


def decode(raw: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped); anything else is an error naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                          "save it as UTF-8 in your editor") from None


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s*&]", re.MULTILINE)


def _refuse_aliases(text: str) -> None:
    """Name the line of the first anchor or alias (after the node tree is built they cannot be
    told apart from the anchored node). Parses events only when the text looks like it has one."""
    if not _MAYBE_ALIAS.search(text):
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "",
                              "anchors and aliases (&name, *name) are not allowed in entries")


def parse(text: str) -> tuple[Any, Lines]:
    """Parse one YAML document into plain data and a map from field path to line."""
    loader = _Loader(text)
    try:
        _refuse_aliases(text)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        converter = _Converter(loader)
        return converter.convert(node, ()), converter.lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what += " (this line has a tab: YAML indents with spaces only)"
        raise YamlProblem(line, "", f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, "", f"YAML error: {exc}") from None
    finally:
        loader.dispose()


def read_mapping(path: Path, shown: str) -> tuple[dict | None, Lines, list[Problem]]:
    """Read one entry file: its mapping, the line map, and any problems (then the mapping is None)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, {}, [Problem(shown, 1, "", f"the file is {size // 1024} KB; an entry may be "
                                      f"at most {MAX_BYTES // 1024} KB")]
        data, lines = parse(decode(path.read_bytes()))
    except YamlProblem as exc:
        return None, {}, [Problem(shown, exc.line, exc.field, exc.message)]
    except OSError as exc:
        return None, {}, [Problem(shown, 1, "", f"cannot read the file: {exc.strerror}")]
    if data is None:
        return None, {}, [Problem(shown, 1, "", "the file is empty; an entry is a mapping of fields")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single {type(data).__name__} value"
        return None, {}, [Problem(shown, 1, "", f"the file holds {kind}; an entry must be a mapping "
                                  "of fields (field: value)")]
    return data, lines, []


def line_of(lines: Lines, loc: tuple) -> int:
    """The line of the longest known prefix of a field path (a missing field points at its parent)."""
    loc = tuple(loc)
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


field_path = _field
