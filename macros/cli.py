"""What the command line does; ``__main__`` only parses arguments."""
from __future__ import annotations

import difflib
import re
import shutil
import sys
from pathlib import Path

from . import kinds
from .kb import site as site_mod
from .kb.fields import RESERVED_IDS, SLUG
from .kb.problems import DataError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "data" / "templates"


def _load(folder: Path):
    try:
        return site_mod.load(folder)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return None


# The groups of ``check``'s notices, in the order a clinic acts on them.
TOPICS = {"credentials": "Credentials expiring", "reviews": "Reviews due",
          "sign-offs": "Clinic sign-offs out of date", "hidden": "What hiding changed",
          "translations": "Translations out of date", "sources": "Sources", "": "Other"}


def check(folder: Path) -> int:
    """Validate every data file of the site in ``folder`` (and its hand-written pages' links to
    what it hides); render and execute nothing. Prints the notices after the count."""
    site = _load(folder)
    if site is None:
        return 1
    counts: dict[str, int] = {}
    for kind, _ in site.kb.entries:
        counts[kind] = counts.get(kind, 0) + 1
    words = site.kb.vocabulary.kinds
    summary = ", ".join(f"{n} {words[k].label.lower()}" for k, n in sorted(counts.items()))
    hidden = f", {len(site.kb.hidden)} hidden" if site.kb.hidden else ""
    print(f"ok: {len(site.kb.entries)} entries ({summary}){hidden}, {len(site.kb.links)} links")
    if site.notices:
        print(notice_report(site.notices))
    return 0


def notice_report(notices) -> str:
    """The notices by topic: what to look at, none of which stops a build."""
    n = len(notices)
    lines = [f"{n} notice{'s' if n != 1 else ''} (none of them stops a build):"]
    for topic, title in TOPICS.items():
        found = [p for p in notices if p.topic == topic]
        if found:
            lines.append(f"{title} ({len(found)}):")
            lines += [f"  {str(p).removeprefix('warning: ')}" for p in found]
    return "\n".join(lines)


def new_entry(kind: str, entry_id: str, data: Path) -> int:
    if kind not in kinds.KINDS:
        print(f"unknown kind '{kind}'; one of: {', '.join(kinds.KINDS)}", file=sys.stderr)
        return 2
    if not re.fullmatch(SLUG, entry_id) or entry_id in RESERVED_IDS:
        print(f"'{entry_id}' is not a valid id: use lower-case letters, digits and hyphens",
              file=sys.stderr)
        return 2
    target = data / kinds.get(kind).folder / f"{entry_id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        print(f"{target} already exists", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((TEMPLATES / f"{kind}.yml").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {target}: fill it in, then run `python -m macros check`")
    return 0


def new_clinic(path: Path, spanish: bool = False) -> int:
    from .scaffold import scaffold
    return scaffold(path, spanish)


def docs(folder: Path, out: Path) -> int:
    """Write the whole docs tree for another site engine (see ``outputs/docs_tree``)."""
    from .outputs.docs_tree import write

    site = _load(folder)
    if site is None:
        return 1
    if out.exists():
        if not out.is_dir() or any(out.iterdir()):
            print(f"{out} exists and is not an empty folder", file=sys.stderr)
            return 1
    try:
        count = write(site, out)
    except ValueError as exc:  # a macro in a hand-written page names a missing entry
        shutil.rmtree(out, ignore_errors=True)
        print(str(exc), file=sys.stderr)
        return 1
    print(f"wrote {count} pages to {out}")
    return 0


def review(folder: Path, today) -> int:
    """Print what is due: reviews overdue or due within 90 days, entries whose sources are old or
    were re-checked after the entry, and outdated clinic sign-offs. Exit 0 whatever it finds."""
    from .kb import reviews
    site = _load(folder)
    if site is None:
        return 1
    print(reviews.report(site.kb, today, site.signoffs))
    return 0


def signoff(folder: Path, ref: str, by: str, credential: str, on) -> int:
    """Record in the clinic's ``signoffs.yml`` that ``by`` reviewed the shipped entry ``ref``."""
    from .kb import reviews
    site = _load(folder)
    if site is None:
        return 1
    if site.clinic is None:
        print(f"{folder} is not a clinic site (it has no clinic.yml)", file=sys.stderr)
        return 2
    kind, _, entry_id = ref.partition("/")
    if not site.kb.has(kind, entry_id):
        print(f"there is no {kind} '{entry_id}' in this site", file=sys.stderr)
        return 2
    record = reviews.Signoff.model_validate({
        "entry": ref, "by": by, "credential": credential, "on": on.isoformat(),
        "fingerprint": reviews.fingerprint(site.kb.get(kind, entry_id))})
    path = Path(folder) / reviews.SIGNOFF_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else (
        "# Shipped entries this clinic's clinicians have reviewed. Written by\n"
        "# `python -m macros signoff`: the fingerprint says what the entry said when signed.\n"
        "signoffs:\n")
    path.write_text(text + reviews.signoff_line(record), encoding="utf-8")
    print(f"recorded: {ref} reviewed for {site.clinic.name} by {by}, {credential}, on {on}")
    return 0


def fingerprint(folder: Path, ref: str) -> int:
    """Print the fingerprint of an entry, for a translation's ``translated_from``."""
    from .kb.reviews import fingerprint as of
    site = _load(folder)
    if site is None:
        return 1
    kind, _, entry_id = ref.partition("/")
    if not site.kb.has(kind, entry_id):
        print(f"there is no {kind} '{entry_id}'", file=sys.stderr)
        return 2
    print(of(site.kb.get(kind, entry_id)))
    return 0


def translate(folder: Path, language: str, ref: str) -> int:
    """Write a translation to start from: the English text of ``ref`` in its shape, to rewrite."""
    import yaml
    from .kb.localize import skeleton
    from .kb.translations import FOLDER
    site = _load(folder)
    if site is None:
        return 1
    kind, _, entry_id = ref.partition("/")
    if not site.kb.has(kind, entry_id) or not re.fullmatch(r"[a-z]{2}", language):
        print(f"there is no {kind} '{entry_id}', or '{language}' is not a two-letter language code",
              file=sys.stderr)
        return 2
    target = Path(folder) / "data" / FOLDER / language / kinds.get(kind).folder / f"{entry_id}.yml"
    if target.exists():
        print(f"{target} already exists", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(skeleton(site.kb.get(kind, entry_id)), allow_unicode=True, sort_keys=False,
                          width=100)
    target.write_text(f"# {language} translation of {ref}: rewrite every text below; keep the keys.\n"
                      + text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def packet(folder: Path, refs: list[str], out: Path, note: str = "", language: str = "en") -> int:
    """Write the entries ``refs`` (kind/id, in the order given) as one patient packet (PDF), under
    the site's letterhead: what the packet page prints, from the same template. In ``language``
    (``--language es``), the packet is that edition's: the entries' translated text, the
    interface's words, dates in that language, the clinic's translated text, and the name, address
    and disclaimer of the site's config in that language (``mkdocs.es.yml``), which must exist."""
    from .kb.siteconfig import config_name, site_settings
    from .render.urls import no_address
    site = _load(folder)
    if site is None:
        return 1
    languages = {"en", *site.translations.by_language}
    problems = []
    if language not in languages:
        problems.append(f"--language {language}: this site has no {language} edition (it has: "
                        f"{', '.join(sorted(languages))})")
    elif language != "en" and not (Path(folder) / config_name(language)).is_file():
        problems.append(f"--language {language}: there is no {config_name(language)} in {folder}: "
                        f"a packet in {language} prints the name and addresses of the site's "
                        f"{language} edition (the README's \"In Spanish too\" says what to add)")
    entries, found = _packet_entries(site.kb, refs)
    problems += found
    if len(note) > NOTE_LIMIT:
        problems.append(f"--note: {len(note)} characters; a note may be at most {NOTE_LIMIT}")
    if not out.parent.is_dir():
        problems.append(f"-o {out}: there is no folder {out.parent}")
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''}; nothing was written",
              file=sys.stderr)
        return 2
    try:
        import weasyprint  # noqa: F401  (needs Debian's Pango)
    except (ImportError, OSError) as exc:
        print(f"WeasyPrint cannot load ({exc}): install Debian's libpango-1.0-0 and "
              "libpangoft2-1.0-0 (`make system` as root)", file=sys.stderr)
        return 1
    from .outputs import packet as pdf
    from .outputs.site_output import SiteOutput
    settings = site_settings(Path(folder), config_name(language)) or {}
    extra = settings.get("extra") if isinstance(settings.get("extra"), dict) else {}
    output = SiteOutput(site, site_name=str(settings.get("site_name") or DEFAULT_NAME),
                        site_url=str(settings.get("site_url") or ""),
                        disclaimer=str(extra.get("disclaimer") or ""), language=language,
                        public_directory_urls=settings.get("use_directory_urls") is not False)
    entries = [output.kb.get(e.kind, e.id) for e in entries]  # this build's: in its language
    if not output.public_url:
        print("notice: " + no_address(settings.get("site_url")), file=sys.stderr)
    pages = pdf.write(output, entries, out, note)
    print(f"wrote {out}: {len(entries)} entr{'ies' if len(entries) > 1 else 'y'} on {pages} "
          f"page{'s' if pages > 1 else ''}")
    return 0


NOTE_LIMIT = 2000  # as the packet page's note box
DEFAULT_NAME = "Medical Massage Knowledge Base"  # where no mkdocs.yml names the site


def _packet_entries(kb, refs: list[str]) -> tuple[list, list[str]]:
    """The entries named ``kind/id``, and a line for each that cannot go in a packet."""
    from .render.packet import packet_kinds
    allowed = packet_kinds()
    entries, problems, seen = [], [], set()
    for ref in refs:
        kind, _, entry_id = ref.partition("/")
        if kind not in allowed:
            problems.append(f"{ref}: a packet holds {', '.join(allowed)} entries, named kind/id "
                            "(e.g. condition/low-back-pain)")
        elif not kb.has(kind, entry_id):
            ids = [e.id for e in kb.of_kind(kind)]
            guess = difflib.get_close_matches(entry_id, ids, n=1)
            problems.append(f"{ref}: there is no {kind} '{entry_id}' in this site"
                            + (f" (did you mean '{kind}/{guess[0]}'?)" if guess else ""))
        elif ref in seen:
            problems.append(f"{ref}: listed twice")
        else:
            seen.add(ref)
            entries.append(kb.get(kind, entry_id))
    return entries, problems
