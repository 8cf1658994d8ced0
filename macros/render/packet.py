"""A patient packet: entries printed one after another under the clinic's letterhead, each with
its reviewed date, its address and a QR code to it, then the disclaimer.

One template, ``packet.html.j2``, makes all three outputs: the packet page, where staff tick and
order entries in the browser (every printable entry is in the page, hidden until chosen, so it
works from a folder on disk with no request); the PDF that ``python -m macros packet`` writes;
and each condition's handout, a packet of one. Each kind's part is a macro named after the kind
in ``_printouts.html.j2``, fed by the kind's own page context and rendered with ``PrintTools``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup, escape

from .. import kinds
from ..kb.fields import Entry
from . import i18n, urls
from .i18n import _
from .jinja import render_html
from .pages import Pages
from .tools import GeneratedPage, Tools


def packet_kinds() -> list[str]:
    """The kinds a packet can hold: those whose pages print."""
    return [name for name, kind in kinds.KINDS.items() if kind.printable]


class PrintTools(Tools):
    """Tools for paper: entry and page names as text instead of links, and citation numbers
    that point at the entry's own numbered source list (each entry of a packet numbers its
    sources from 1, in the order its printed part cites them)."""

    def link(self, entry: Entry, anchor: str = "") -> Markup:
        return escape(entry.title)

    def page_link(self, page: str, title: str, anchor: str = "") -> Markup:
        return escape(title)

    def cite(self, ids: Iterable[str], screen: bool = False) -> Markup:
        numbers = []
        for source_id in ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
            numbers.append(self.citations.index(source_id) + 1)
        return Markup("".join(f" [{n}]" for n in sorted(numbers)))


@dataclass(frozen=True)
class Block:
    """One entry's part of a packet."""
    key: str            # kind/id, as the command line and the page's script name it
    entry: Entry
    label: str          # the kind's singular, printed above the title
    tools: PrintTools
    context: dict
    url: str            # its page's public address, or "" where the site has none
    qr: Markup

    @property
    def find(self) -> str:
        """What the page's search box matches: the title and the other names."""
        return " ".join((self.entry.title, *self.entry.aliases)).casefold()


@dataclass(frozen=True)
class Letterhead:
    """Who the packet is from. ``logo`` is a URL the output can load without a request: relative
    on the site, a ``data:`` URL in a PDF."""
    name: str
    clinic: object = None
    logo: str = ""
    disclaimer: str = ""
    color: str = "#1f5f8b"


def letterhead(site_name: str, clinic, disclaimer: str, logo: str = "") -> Letterhead:
    return Letterhead(clinic.name if clinic else site_name, clinic, logo, disclaimer,
                      clinic.colors.primary if clinic else Letterhead.color)


def block(pages: Pages, entry: Entry) -> Block:
    kind = kinds.get(entry.kind)
    tools = PrintTools(pages, urls.PACKET_PAGE)
    url = pages.canonical_url(urls.entry_page(entry.kind, entry.id)) if pages.site_url else ""
    return Block(f"{entry.kind}/{entry.id}", entry, pages.kb.vocabulary.kinds[entry.kind].singular,
                 tools, kind.context(entry, tools), url, pages.qr_code(url) if url else Markup(""))


def page(pages: Pages, head: Letterhead) -> GeneratedPage:
    """The packet page: the picker, and every printable entry's part, hidden until chosen."""
    tools = Tools(pages, urls.PACKET_PAGE)
    groups = []
    for name in packet_kinds():
        entries = kinds.get(name).order(pages.kb.of_kind(name))
        if entries:
            groups.append((pages.kb.vocabulary.kinds[name].label, [block(pages, e) for e in entries]))
    meta = {"title": _("Patient packet"), "kb_kind": "packet", "search": {"exclude": True},
            "hide": ["toc"],
            "description": _("Choose pages, put them in order, add a note and print them as one packet.")}
    return pages._page(urls.PACKET_PAGE, "packet.html.j2", tools, meta, standalone=False,
                       letterhead=head, groups=groups, blocks=[b for _label, bs in groups for b in bs],
                       note="", tight=False)


def document(pages: Pages, entries: list[Entry], head: Letterhead, *, css: str, note: str = "",
             tight: bool = False) -> str:
    """A packet as a whole HTML document for WeasyPrint (``tight``: the smaller type, for a
    packet whose last page would be nearly blank)."""
    return str(render_html("packet.html.j2", standalone=True, letterhead=head, groups=[],
                           blocks=[block(pages, e) for e in entries], note=note, tight=tight,
                           css=Markup(css), language=i18n.CURRENT.language))
