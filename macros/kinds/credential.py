"""Credentials: licenses, exams, certifications and memberships, and what each tells a client."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from ..kb.fields import ClientText, Date, SharedText, Entry, HttpsUrl, Name, Text, closed, ref
from .base import Cell, Column, Filter, Kind, Table, pairs
from ..render.i18n import _


class Credential(Entry):
    abbreviation: Optional[Name] = None
    kind_of_credential: closed("credential_kinds")
    issuer: SharedText
    jurisdiction: SharedText
    summary: ClientText
    requirements: tuple[SharedText, ...] = Field(min_length=1)
    requirements_as_of: Date
    official_url: HttpsUrl
    how_to_verify: ClientText
    tells_you: ClientText
    does_not_tell_you: ClientText
    techniques: tuple[ref("technique"), ...] = ()


class CredentialKind(Kind):
    name, folder, model = "credential", "credentials", Credential
    boost = 2
    intro = ("Licenses, exams, certifications and memberships you may see after a therapist's "
             "name, and what each one tells you.")

    def context(self, e, page):
        glance = ([(_("Abbreviation"), e.abbreviation)] if e.abbreviation else []) + [
            (_("Kind"), page.vocab.credential_kinds[e.kind_of_credential]), (_("Issued by"), e.issuer),
            (_("Where it applies"), e.jurisdiction), (_("Official page"), page.external(e.official_url))]
        return dict(glance=glance, techniques=page.entries("technique", e.techniques))

    def table(self, entries, page):
        kinds = page.vocab.credential_kinds
        table = Table(_("All credentials"), [Column(_("Credential")), Column(_("Abbreviation")), Column(_("Kind")),
                                          Column(_("Issued by"))],
                      [Filter("kind", _("Kind"), pairs(kinds))])
        for e in entries:
            table.add({"kind": e.kind_of_credential},
                      [Cell(e.title, page.entry_url(e)), Cell(e.abbreviation or ""),
                       Cell(kinds[e.kind_of_credential]), Cell(e.issuer)])
        return table


KIND = CredentialKind()
