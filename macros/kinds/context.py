"""Client contexts: who is on the table (pregnancy, blood thinners, recent surgery, ...), what
changes for massage, and every technique's ruling for it."""
from __future__ import annotations

from pydantic import Field

from ..kb.fields import ClientText, Entry, Name, Strict, StudentText, ref
from .base import Kind


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
    intro = ("Some health situations change which massage is right and how. Each page says what "
             "to tell your therapist, what to ask, and when to see a doctor first.")

    def context(self, e, page):
        return dict(conditions=page.entries("condition", e.conditions))


KIND = ContextKind()
