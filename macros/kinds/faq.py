"""Questions: short answers to what clients ask most, each linking to more detail."""
from __future__ import annotations

from pydantic import StrictInt

from ..kb.fields import ClientText, Entry, ref
from .base import Kind


class Faq(Entry):
    answer: ClientText
    related: tuple[ref(None), ...] = ()
    order: StrictInt = 100


class FaqKind(Kind):
    name, folder, model = "faq", "faq", Faq
    boost = 1.5
    printable = True
    index_template = "faq_index.html.j2"

    def summary(self, entry):
        return entry.answer

    def context(self, e, page):
        return dict(related_entries=page.any_entries(e.related))

    def order(self, entries):
        return sorted(entries, key=lambda e: (e.order, e.title.casefold()))

    def index_structured_data(self, entries) -> dict:
        return {"@context": "https://schema.org", "@type": "FAQPage",
                "mainEntity": [{"@type": "Question", "name": e.title,
                                "acceptedAnswer": {"@type": "Answer", "text": e.answer}}
                               for e in entries]}


KIND = FaqKind()
