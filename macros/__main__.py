"""Command line: ``python -m macros check | review | signoff | new | new-clinic | docs | packet``."""
from __future__ import annotations

import argparse
import datetime as dt
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
    clinic.add_argument("--spanish", action="store_true",
                        help="also write mkdocs.es.yml and data/translations/es/clinic.yml: the "
                             "clinic builds in Spanish too")
    docs = sub.add_parser("docs", help="write the generated docs tree (Markdown pages, hand-written "
                                       "pages with their macros run, the exports) for any site engine")
    docs.add_argument("out", help="an empty or new folder")
    docs.add_argument("--site", default=".", help="the site folder; default: here")
    rev = sub.add_parser("review", help="list what is due for review: overdue or due within 90 "
                                         "days, old or re-checked sources, outdated sign-offs")
    rev.add_argument("site", nargs="?", default=".")
    rev.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                     help="the date to count from (YYYY-MM-DD); default: today")
    sign = sub.add_parser("signoff", help="record that a clinic's clinician reviewed a shipped entry")
    sign.add_argument("entry", help="kind/id, e.g. condition/low-back-pain")
    sign.add_argument("--by", required=True, help="the clinician's name")
    sign.add_argument("--credential", required=True, help="their credential, e.g. 'PT, DPT'")
    sign.add_argument("--on", type=dt.date.fromisoformat, default=dt.date.today())
    sign.add_argument("--site", default=".", help="the clinic's folder; default: here")
    fp = sub.add_parser("fingerprint", help="print an entry's fingerprint (for translated_from)")
    fp.add_argument("entry", help="kind/id")
    fp.add_argument("--site", default=".")
    tr = sub.add_parser("translate", help="write a translation of an entry to start from")
    tr.add_argument("language", help="two letters, e.g. es")
    tr.add_argument("entry", help="kind/id")
    tr.add_argument("--site", default=".")
    pk = sub.add_parser("packet", help="print entries as one patient packet (PDF), under the "
                                        "site's or the clinic's letterhead")
    pk.add_argument("entries", nargs="+", metavar="ENTRY",
                    help="kind/id, in the order they print, e.g. condition/low-back-pain")
    pk.add_argument("-o", "--output", default="packet.pdf", help="the PDF to write; default: packet.pdf")
    pk.add_argument("--note", default="", help="a note for the patient, printed at the top")
    pk.add_argument("--site", default=".", help="the site folder (a clinic's, for its letterhead); "
                                                "default: here")
    pk.add_argument("--language", default="en",
                    help="the edition to print: en (default) or es, whose text, words and dates "
                         "the packet prints (the site needs its mkdocs.es.yml)")
    args = parser.parse_args(argv)
    if args.command == "packet":
        return cli.packet(Path(args.site), args.entries, Path(args.output), args.note, args.language)
    if args.command == "translate":
        return cli.translate(Path(args.site), args.language, args.entry)
    if args.command == "fingerprint":
        return cli.fingerprint(Path(args.site), args.entry)
    if args.command == "review":
        return cli.review(Path(args.site), args.today)
    if args.command == "signoff":
        return cli.signoff(Path(args.site), args.entry, args.by, args.credential, args.on)
    if args.command == "check":
        return cli.check(Path(args.site))
    if args.command == "new":
        return cli.new_entry(args.kind, args.id, Path(args.data))
    if args.command == "docs":
        return cli.docs(Path(args.site), Path(args.out))
    return cli.new_clinic(Path(args.path), args.spanish)


if __name__ == "__main__":
    sys.exit(main())
