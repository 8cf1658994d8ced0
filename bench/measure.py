"""Run one MkDocs build in this process and print its wall time and peak memory as JSON.
A separate process per build, so peak memory is that build's own."""
from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
logging.disable(logging.WARNING)

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def main(config_file: str, site_dir: str, profile: str | None = None) -> None:
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    if profile:
        import cProfile
        cProfile.runctx("build(config)", globals(), {"build": build, "config": config}, profile)
    else:
        build(config)
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": wall, "peak_mb": peak_kb / 1024}))


if __name__ == "__main__":
    main(*sys.argv[1:])
