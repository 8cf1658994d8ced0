"""Problems found in the data: each names the file, the 1-based line and the field.

Loading collects every problem in one run and raises them together, so a contributor fixes all of
them at once instead of one per build.
"""
from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """An error, or with ``warning`` a notice: something to look at that does not stop a build
    (``topic`` groups notices in ``python -m macros check``)."""
    file: str
    line: int
    field: str
    message: str
    warning: bool = False
    topic: str = ""

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{prefix}{self.file}:{self.line}: {self.field or '(file)'}: {self.message}"


class DataError(Exception):
    """The data has errors; the site must not be built."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(p for p in problems if not p.warning)
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{n} error{'s' if n != 1 else ''} in the knowledge base data; nothing was built.")
        return "\n".join(lines)


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a contributor would type it: relative to ``root`` (or the working folder) when
    it is inside it."""
    text = os.path.abspath(path)
    for base in (root, os.getcwd()):
        if base is None:
            continue
        prefix = os.path.abspath(base).rstrip(os.sep) + os.sep
        if text.startswith(prefix):
            return text[len(prefix):].replace(os.sep, "/")
    return Path(text).as_posix()
