"""Therapists: a clinic's roster, with the credentials each holds (clinic sites only)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field, ValidationInfo, field_validator

from ..kb.fields import ClientText, Date, Entry, Name, Strict, Text, ref
from .base import Cell, Column, Filter, Kind, Table
from ..render.i18n import _


class HeldCredential(Strict):
    credential: ref("credential")
    number: Text
    issuer: Text
    expires: Optional[Date] = None

    @field_validator("expires")
    @classmethod
    def _not_expired(cls, value, info: ValidationInfo):
        today = (info.context or {}).get("today") or dt.date.today()
        if value is not None and value < today:
            raise ValueError(f"expired on {value}: renew it, or remove it from the roster")
        return value


class Therapist(Entry):
    photo: Optional[Text] = None
    bio: ClientText
    languages: tuple[Name, ...] = Field(min_length=1)
    techniques: tuple[ref("technique"), ...] = ()
    conditions: tuple[ref("condition"), ...] = ()
    credentials_held: tuple[HeldCredential, ...] = Field(min_length=1)


EXPIRY_WARNING_DAYS = 60


class TherapistKind(Kind):
    name, folder, model = "therapist", "therapists", Therapist
    clinic_only = True
    intro = "The therapists of this clinic, their languages and the credentials they hold."

    def summary(self, entry):
        return entry.bio

    def context(self, e, page):
        return dict(techniques=page.entries("technique", e.techniques),
                    conditions=page.entries("condition", e.conditions),
                    held=[(page.kb.get("credential", h.credential), h) for h in e.credentials_held])

    def checks(self, across):
        """A warning for each credential that expires within 60 days (an expired one is an error
        of the entry itself)."""
        found = []
        for item in across.of_kind(self.name):
            for i, held in enumerate(item.entry.credentials_held):
                days = (held.expires - across.today).days if held.expires else None
                if days is not None and days <= EXPIRY_WARNING_DAYS:
                    found.append(across.problem(
                        item, ("credentials_held", i, "expires"),
                        f"{item.entry.title}'s {held.credential} credential expires on "
                        f"{held.expires} (in {days} days)", warning=True))
        return found

    def table(self, entries, page):
        kb = page.kb
        techniques = [(t.id, t.title) for t in kb.of_kind("technique")]
        table = Table(_("Our therapists"), [Column(_("Therapist")), Column(_("Languages")), Column(_("Techniques"))],
                      [Filter("technique", _("Technique"), techniques)])
        for e in entries:
            table.add({"technique": " ".join(e.techniques)},
                      [Cell(e.title, page.entry_url(e)), Cell(", ".join(e.languages)),
                       Cell(", ".join(kb.get("technique", t).title for t in e.techniques))])
        return table


KIND = TherapistKind()
