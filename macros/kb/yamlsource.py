"""Strict YAML reading: one mapping per file, plain data, and the line of every value.

Entry files come from contributors and clinics, so this reader trusts nothing in them:

- **Only regular files** inside the layer's folder are opened: a symbolic link that leaves the
  folder, a FIFO, a device or a folder named ``x.yml`` is an error naming the path, and no file is
  read past the size limit, whatever ``stat`` says (``/dev/zero`` reports size 0).
- **The data is built from the parser's event stream**, not from PyYAML's constructors: no
  recursion (nesting is capped at ``MAX_DEPTH``), no anchors, aliases, merge keys or tags (``!!python``
  and friends never reach a constructor), duplicate keys refused, and the line of every field kept.
- **Plain scalars are read as written**, not by YAML 1.1's rules: only ``true``/``false``, ``null``
  and short decimal integers get a type; ``no``, ``010``, ``1:30``, ``1e3`` and ``2026-01-01`` stay
  text, so nothing becomes False, 8, 90 or a float behind the contributor's back.
- **Control characters** (C0 and C1, except tab and line breaks) are refused in every string: they
  have no place in prose and they can break any output format downstream.

Dates stay strings here; the models parse them and name the field when one does not exist.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_BYTES = 512 * 1024  # an entry is a few KB; a larger file is a paste accident or an attack
MAX_DEPTH = 16          # the deepest entry field is 4 levels down; 16 leaves room and stops bombs
MAX_INT_DIGITS = 18     # larger numbers are text (a year, an order or a pressure is never this long)

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Lines = dict[tuple, int]

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"0|-?[1-9][0-9]{0,%d}" % (MAX_INT_DIGITS - 1))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class YamlProblem(Exception):
    def __init__(self, line: int, field: str, message: str):
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def field_path(path: tuple) -> str:
    """``('evidence', 0, 'grade')`` as ``evidence[0].grade``."""
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")


def plain_value(text: str) -> Any:
    """A plain (unquoted) scalar: null, a boolean, a short decimal integer, or the text itself."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        return int(text)
    return text


def _line(event) -> int:
    return event.start_mark.line + 1


def _check_node(event, path: tuple) -> None:
    if getattr(event, "anchor", None):
        raise YamlProblem(_line(event), field_path(path),
                          "anchors and aliases (&name, *name) are not allowed in entries")
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":  # "!" is a non-specific tag: what a quoted scalar gets
        raise YamlProblem(_line(event), field_path(path),
                          f"YAML tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed "
                          "in entries; write the value plainly")


def _scalar(event, path: tuple) -> Any:
    _check_node(event, path)
    found = _CONTROL.search(event.value)
    if found:
        raise YamlProblem(_line(event), field_path(path),
                          f"control character U+{ord(found.group()):04X} is not allowed in text")
    if event.style in (None, "") and event.implicit[0]:
        return plain_value(event.value)
    return event.value


class _Frame:
    """A mapping or sequence being built, with the key waiting for its value (mappings)."""
    __slots__ = ("value", "path", "key", "key_line")

    def __init__(self, value, path):
        self.value, self.path, self.key, self.key_line = value, path, None, 0


def parse(text: str) -> tuple[Any, Lines]:
    """Parse one YAML document into plain data and a map from field path to line."""
    lines: Lines = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(_line(event), "", "a file holds one entry; remove the second "
                                      "document (the line with ---)")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            top = stack[-1] if stack else None
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                if stack:
                    _attach(stack[-1], done.value, lines)
                else:
                    root = done.value
                continue
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(_line(event), field_path(top.path if top else ()),
                                  "anchors and aliases (&name, *name) are not allowed in entries")
            # A key of a mapping?
            if top is not None and isinstance(top.value, dict) and top.key is None:
                if not isinstance(event, yaml.ScalarEvent):
                    raise YamlProblem(_line(event), field_path(top.path),
                                      "field names must be text, not a list or a mapping")
                _check_node(event, top.path)
                key = event.value
                if key == "<<" and event.style in (None, ""):
                    raise YamlProblem(_line(event), field_path(top.path),
                                      "merge keys (<<) are not allowed in entries")
                if _CONTROL.search(key):
                    raise YamlProblem(_line(event), field_path(top.path),
                                      "control characters are not allowed in field names")
                if key in top.value:
                    first = lines[top.path + (key,)]
                    raise YamlProblem(_line(event), field_path(top.path + (key,)),
                                      f"duplicate key '{key}' (first given on line {first})")
                top.key, top.key_line = key, _line(event)
                continue
            path = _child_path(top)
            if isinstance(event, yaml.ScalarEvent):
                value = _scalar(event, path)
                lines.setdefault(path, _line(event))
                if top is None:
                    root = value
                else:
                    _attach(top, value, lines)
                continue
            # A mapping or a sequence starts.
            _check_node(event, path)
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(_line(event), field_path(path),
                                  f"nested more than {MAX_DEPTH} levels deep; an entry is never "
                                  "that deep")
            lines.setdefault(path, _line(event))
            stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], path))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        source_lines = text.splitlines()
        if 0 < line <= len(source_lines) and "\t" in source_lines[line - 1]:
            what += " (this line has a tab: YAML indents with spaces only)"
        raise YamlProblem(line, "", f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, "", f"YAML error: {exc}") from None
    return root, lines


def _child_path(top: _Frame | None) -> tuple:
    if top is None:
        return ()
    if isinstance(top.value, dict):
        return top.path + (top.key,)
    return top.path + (len(top.value),)


def _attach(frame: _Frame, value: Any, lines: Lines) -> None:
    if isinstance(frame.value, dict):
        lines[frame.path + (frame.key,)] = frame.key_line  # a field's line is its key's line
        frame.value[frame.key] = value
        frame.key = None
    else:
        frame.value.append(value)


def decode(raw: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped); anything else is an error naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                          "save it as UTF-8 in your editor") from None


def _kind_of_file(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, lies inside ``folder``."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
        return True
    except ValueError:
        return False


def read_bytes(path: Path, folder: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file inside ``folder``; ``YamlProblem`` (line 1) for anything else.

    The file is opened without following a final symbolic link and without blocking (a FIFO would
    otherwise hang the build), checked to be a regular file on the open descriptor, and read up
    to ``limit`` + 1 bytes, so neither a lying size nor a race can make it read more.
    """
    if not inside(path, folder):
        target = os.path.realpath(path)
        raise YamlProblem(1, "", f"a symbolic link to {target}, outside the site; only files "
                          "inside it are read")
    real = os.path.realpath(path)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise YamlProblem(1, "", f"cannot read the file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem(1, "", f"{_kind_of_file(info.st_mode)}, not a file; only regular "
                              "files are read")
        if info.st_size > limit:
            raise YamlProblem(1, "", f"the file is {info.st_size // 1024} KB; an entry may be at "
                              f"most {limit // 1024} KB")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise YamlProblem(1, "", f"the file is over {limit // 1024} KB; an entry may be at "
                              f"most {limit // 1024} KB")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_mapping(path: Path, shown: str, folder: Path | None = None
                 ) -> tuple[dict | None, Lines, list[Problem]]:
    """Read one entry file: its mapping, the line map, and any problems (then the mapping is None).
    ``folder`` is the layer the file must stay inside (default: the file's own folder)."""
    try:
        data, lines = parse(decode(read_bytes(path, folder or path.parent)))
    except YamlProblem as exc:
        return None, {}, [Problem(shown, exc.line, exc.field, exc.message)]
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
