"""Client contexts: who is on the table (pregnancy, blood thinners, recent surgery, ...), what
changes for massage, and every technique's ruling for it."""
from __future__ import annotations

from pydantic import Field

from ..kb.fields import ClientText, Entry, Name, Strict, StudentText, ref
from .base import Cell, Column, Filter, Kind, Table, pairs
from ..render.i18n import _


class Variant(Strict):
    """One case within a context: a trimester, a kind of cancer treatment."""
    title: Name
    text: ClientText


class Context(Entry):
    """Who is on the table: a client context that changes what massage is safe."""
    summary: ClientText
    why_it_matters: ClientText
    variants: tuple[Variant, ...] = ()
    tell_your_therapist: tuple[ClientText, ...] = Field(min_length=1)
    questions_to_ask: tuple[ClientText, ...] = Field(min_length=1)
    see_a_doctor_first: tuple[ClientText, ...] = Field(min_length=1)
    student: StudentText
    conditions: tuple[ref("condition"), ...] = ()


class ContextKind(Kind):
    name, folder, model = "context", "contexts", Context
    boost = 2.5
    printable = True
    intro = ("Some health situations change which massage is right and how. Each page says what "
             "to tell your therapist, what to ask, and when to see a doctor first.")

    def student_lead(self, entry, vocab):
        return [entry.student]

    def context(self, e, page):
        return dict(conditions=page.entries("condition", e.conditions),
                    table=self.rulings_table(e, page))

    def table(self, entries, page):
        table = Table(_("All client contexts"), [Column(_("If you…")), Column(_("What it is"))], [])
        for e in entries:
            table.add({}, [Cell(e.title, page.entry_url(e)), Cell(e.summary)])
        return table

    def rulings_table(self, e, page) -> Table:
        """Every technique's ruling for this context, filterable by ruling."""
        from .technique import RULING_ORDER
        vocab = page.vocab
        rows = []
        for technique in page.kb.of_kind("technique"):
            ruling = next((r for r in technique.contexts if r.context == e.id), None)
            if ruling is not None:
                rows.append((technique, ruling))
        rows.sort(key=lambda tr: (RULING_ORDER.index(tr[1].ruling), tr[0].title.casefold()))
        table = Table(_("Every technique's ruling: %(context)s", context=e.title),
                      [Column(_("Technique")), Column(_("Ruling")), Column(_("Most pressure (0–5)"), "number"),
                       Column(_("What changes"))],
                      [Filter("ruling", _("Ruling"), pairs(vocab.rulings))])
        for technique, r in rows:
            table.add({"ruling": r.ruling},
                      [Cell(technique.title, page.entry_url(technique)),
                       Cell(vocab.rulings[r.ruling].label, sort=RULING_ORDER.index(r.ruling)),
                       Cell("" if r.pressure_max is None else str(r.pressure_max),
                            sort=-1 if r.pressure_max is None else r.pressure_max),
                       Cell(r.client or vocab.rulings[r.ruling].client)])
        return table


KIND = ContextKind()
