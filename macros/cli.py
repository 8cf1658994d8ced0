"""What the command line does; ``__main__`` only parses arguments."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import site as site_mod
from .models import MODELS, RESERVED_IDS, SLUG
from .problems import DataError
from .vocabulary import KINDS, PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "data" / "templates"


def check(folder: Path) -> int:
    try:
        site = site_mod.load(folder)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for warning in site.kb.warnings:
        print(warning, file=sys.stderr)
    counts = {}
    for kind, _ in site.kb.entries:
        counts[kind] = counts.get(kind, 0) + 1
    summary = ", ".join(f"{n} {KINDS[k]['label'].lower()}" for k, n in sorted(counts.items()))
    print(f"ok: {len(site.kb.entries)} entries ({summary}), {len(site.kb.links)} links")
    return 0


def new_entry(kind: str, entry_id: str, data: Path) -> int:
    if kind not in MODELS:
        print(f"unknown kind '{kind}'; one of: {', '.join(MODELS)}", file=sys.stderr)
        return 2
    if not re.fullmatch(SLUG, entry_id) or entry_id in RESERVED_IDS:
        print(f"'{entry_id}' is not a valid id: use lower-case letters, digits and hyphens",
              file=sys.stderr)
        return 2
    target = data / KINDS[kind]["folder"] / f"{entry_id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        print(f"{target} already exists", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {target}: fill it in, then run `python -m macros check`")
    return 0


def new_clinic(path: Path) -> int:
    from .clinic import scaffold
    return scaffold(path)
