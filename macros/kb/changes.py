"""Each data file's change history from git: the date and message of every commit that touched it.

Shown on entry pages (and used by the review dashboard) when the site's folders are a git
checkout; where they are not (a copy, a zip), there is simply no history. One ``git log`` per
layer, not one per file.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

MAX_MESSAGE = 140


def history(layers) -> dict[Path, list[tuple[dt.date, str]]]:
    """``{absolute file path: [(date, subject), ...]}``, newest first, for every layer's data."""
    found: dict[Path, list[tuple[dt.date, str]]] = {}
    for layer in layers:
        data = Path(layer) / "data"
        try:
            top = subprocess.run(["git", "-C", str(layer), "rev-parse", "--show-toplevel"],
                                 capture_output=True, text=True, timeout=30)
            if top.returncode != 0:
                continue
            log = subprocess.run(["git", "-C", str(layer), "log", "--format=\x1e%as\x1f%s",
                                  "--name-only", "--", str(data)],
                                 capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if log.returncode != 0:
            continue
        root = Path(top.stdout.strip())
        for record in log.stdout.split("\x1e")[1:]:
            head, _, names = record.partition("\n")
            day, _, subject = head.partition("\x1f")
            if len(subject) > MAX_MESSAGE:
                subject = subject[:MAX_MESSAGE].rsplit(" ", 1)[0] + " …"
            for name in names.split("\n"):
                if name.strip():
                    found.setdefault((root / name.strip()).resolve(), []).append(
                        (dt.date.fromisoformat(day), subject))
    return found
