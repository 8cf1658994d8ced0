"""Command line: ``python -m macros check [SITE] | new KIND ID | new-clinic PATH | docs OUT``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros",
                                     description="Medical Massage Knowledge Base tools")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all data; exit 1 on any error")
    check.add_argument("site", nargs="?", default=".",
                       help="the site folder (its clinic.yml names the layers); default: here")
    new = sub.add_parser("new", help="write a new entry from its kind's template")
    new.add_argument("kind")
    new.add_argument("id")
    new.add_argument("--data", default="data", help="the data folder to write into")
    clinic = sub.add_parser("new-clinic", help="scaffold a clinic site that overlays this one")
    clinic.add_argument("path")
    docs = sub.add_parser("docs", help="write the generated docs tree (Markdown pages, hand-written "
                                       "pages with their macros run, the exports) for any site engine")
    docs.add_argument("out", help="an empty or new folder")
    docs.add_argument("--site", default=".", help="the site folder; default: here")
    args = parser.parse_args(argv)
    if args.command == "check":
        return cli.check(Path(args.site))
    if args.command == "new":
        return cli.new_entry(args.kind, args.id, Path(args.data))
    if args.command == "docs":
        return cli.docs(Path(args.site), Path(args.out))
    return cli.new_clinic(Path(args.path))


if __name__ == "__main__":
    sys.exit(main())
