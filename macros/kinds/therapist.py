"""Therapists: a clinic's roster, with the credentials each holds (clinic sites only)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import Field

from ..kb.fields import ClientText, Date, Entry, ImagePath, Name, Strict, Text, ref
from .base import Cell, Column, Filter, Kind, Table
from ..render.i18n import _


class HeldCredential(Strict):
    credential: ref("credential")
    number: Text
    issuer: Text
    expires: Optional[Date] = None


class Therapist(Entry):
    photo: Optional[ImagePath] = Field(None, description="an image in the clinic's folder, "
                                       "relative to it (as the logo in clinic.yml)")
    bio: ClientText
    languages: tuple[Name, ...] = Field(min_length=1)
    techniques: tuple[ref("technique"), ...] = ()
    conditions: tuple[ref("condition"), ...] = ()
    credentials_held: tuple[HeldCredential, ...] = Field(min_length=1)


EXPIRY_WARNING_DAYS = 60
PHOTOS = "assets/therapists"  # photos are copied into the site here, one per therapist


def layer_folder(entry_file: Path) -> Path:
    """The layer an entry file belongs to: ``<layer>/data/<kind folder>/<id>.yml``."""
    return entry_file.parents[2]


def photo_target(entry: Therapist) -> str | None:
    """Where the site serves the therapist's photo (the file is ``layer / entry.photo``)."""
    return f"{PHOTOS}/{entry.id}{Path(entry.photo).suffix.lower()}" if entry.photo else None


class TherapistKind(Kind):
    name, folder, model = "therapist", "therapists", Therapist
    clinic_only = True
    intro = "The therapists of this clinic, their languages and the credentials they hold."

    def summary(self, entry):
        return entry.bio

    def context(self, e, page):
        photo = photo_target(e)
        return dict(photo=page.file_url(photo) if photo else None,
                    techniques=page.entries("technique", e.techniques),
                    conditions=page.entries("condition", e.conditions),
                    held=[(page.kb.get("credential", h.credential), h) for h in e.credentials_held])

    def checks(self, across):
        """An expired credential is an error: the roster must never present a therapist as
        holding it. One that expires within 60 days is a notice naming the therapist. A photo is
        a local image in the clinic's folder, checked as the logo is."""
        from ..kb.clinic import check_image
        found = []
        for item in across.of_kind(self.name):
            name = item.entry.title
            if item.entry.photo:
                found += check_image(layer_folder(item.path), item.entry.photo, item.file,
                                     item.lines.get(("photo",), 1), "photo")
            for i, held in enumerate(item.entry.credentials_held):
                known = across.loaded.get(("credential", held.credential))
                what = known.entry.title if known else f"{held.credential} credential"
                days = (held.expires - across.today).days if held.expires else None
                where = (item, ("credentials_held", i, "expires"))
                if days is not None and days < 0:
                    found.append(across.problem(*where, f"{name}'s {what} expired on "
                                                f"{held.expires}: write the new expiry date once "
                                                "it is renewed, or take it off the roster"))
                elif days is not None and days <= EXPIRY_WARNING_DAYS:
                    found.append(across.problem(*where, f"{name}'s {what} expires on "
                                                f"{held.expires} (in {days} days): write the new "
                                                "expiry date once it is renewed",
                                                warning=True, topic="credentials"))
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
