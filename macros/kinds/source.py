"""Sources: every study, review and official page the site cites, linked at its original."""
from __future__ import annotations

import urllib.parse
from typing import Annotated, Optional

from pydantic import Field, StrictInt, ValidationInfo, field_validator, model_validator

from ..kb.fields import Entry, HttpsUrl, Name, Ref, Text, closed, walk
from .base import Cell, Column, Filter, Kind, Table, pairs
from ..render.i18n import _


class Source(Entry):
    publisher: Optional[Name] = Field(None, description="who published the original: the journal's "
                                      "publisher, the agency or the organisation")
    participants: Optional[Annotated[StrictInt, Field(ge=1)]] = Field(
        None, description="people studied (a trial's or a review's total), where the record says")
    authors: Text
    year: Optional[Annotated[StrictInt, Field(ge=1000, le=2100)]] = None
    venue: Text
    source_type: closed("source_types")
    certainty: closed("source_certainty")
    finding: Text
    doi: Optional[Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")]] = None
    pmid: Optional[Annotated[str, Field(pattern=r"^\d{1,9}$")]] = None
    url: Optional[HttpsUrl] = None
    no_link: Optional[Text] = Field(None, description="why there is no DOI, PMID or address of "
                                    "the original: the citation is how readers find it")

    @model_validator(mode="after")
    def _findable(self):
        if not (self.doi or self.pmid or self.url or self.no_link):
            raise ValueError("a source needs a doi, a pmid or a url so readers can find it (or, "
                             "where the only copies online are not the original, 'no_link' "
                             "saying so)")
        if self.sources:
            raise ValueError("a source does not cite other sources")
        return self

    @field_validator("url")
    @classmethod
    def _original_not_copy(cls, value, info: ValidationInfo):
        refused = (info.context or {}).get("vocabulary")
        host = (urllib.parse.urlsplit(value).hostname or "") if value else ""
        for name, why in (refused.refused_hosts.items() if refused and host else ()):
            if host == name or host.endswith("." + name):
                raise ValueError(f"links to {name}, {why}: link the original instead (its DOI, "
                                 "PubMed record or the publisher's own page)")
        return value

    @property
    def short_authors(self) -> str:
        """Up to three authors, then "et al." (the source's own page lists them all)."""
        names = [n.strip() for n in self.authors.replace(";", ",").split(",") if n.strip()]
        return self.authors if len(names) <= 3 else ", ".join(names[:3]) + " et al."

    @property
    def link_label(self) -> str:
        """What the first link is: a DOI, a PubMed record or the web page's host."""
        if self.doi:
            return f"doi:{self.doi}"
        if self.pmid:
            return f"PubMed {self.pmid}"
        return (urllib.parse.urlsplit(self.url).hostname or "web page").removeprefix("www.")

    @property
    def links(self) -> list[str]:
        """Where a reader finds it: the DOI, PubMed and the web page, in that order."""
        found = []
        if self.doi:
            found.append("https://doi.org/" + self.doi)
        if self.pmid:
            found.append(f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/")
        if self.url and self.url not in found:
            found.append(self.url)
        return found


# What each evidence grade needs from the sources behind it (written out on "About the evidence",
# in the spirit of GRADE): the design of the studies decides where a grade can start.
STRONG = {"systematic-review", "guideline"}
COMPARED = {"trial", "cohort"}
JOURNAL = {"systematic-review", "trial", "cohort", "observational", "case-report", "review", "theory"}


def grade_problem(grade: str, sources: list) -> str | None:
    """Why ``grade`` is more than ``sources`` can carry, or None."""
    types = [s.source_type for s in sources]
    trials = types.count("trial")
    if grade in ("high", "moderate") and not (STRONG & set(types) or trials >= 2):
        return (f"'{grade}' needs a systematic review or guideline, or at least two randomised "
                "trials, among its sources")
    if grade == "low" and not (STRONG | COMPARED) & set(types):
        return ("'low' needs at least one systematic review, guideline, randomised trial or "
                "comparison study among its sources; case reports, small uncontrolled studies and "
                "official pages alone give 'very-low'")
    if grade == "evidence-against" and not (STRONG | {"trial"}) & set(types):
        return "'evidence-against' needs a systematic review, guideline or randomised trial"
    return None


class SourceKind(Kind):
    name, folder, model = "source", "sources", Source
    az = citation = True
    boost = 0.5
    intro = ("Every study, review and official page this site cites. Certainty is how sure the "
             "source's findings are.")

    def summary(self, entry):
        return entry.finding

    def lead(self, entry, vocab):
        return [entry.authors, entry.venue]

    def context(self, e, page):
        glance = [(_("Type"), page.vocab.source_types[e.source_type]),
                  (_("Certainty"), page.vocab.source_certainty[e.certainty])]
        if e.doi:
            glance.append((_("DOI"), page.external("https://doi.org/" + e.doi)))
        if e.pmid:
            glance.append((_("PubMed"), page.external(f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/")))
        if e.url:
            glance.append((_("Web"), page.external(e.url)))
        return dict(glance=glance)

    def checks(self, across):
        """Notices: a source nobody cites (sources cited only by hidden entries, or by links
        hiding left out, are still cited: hiding is the site's choice), and an article without a DOI or PMID. Errors: an entry
        whose only sources are encyclopedias (an encyclopedia may stand only beside a better
        source; a code list, which a condition cites for its codes, is no evidence either way)."""
        cited = {link.target for link in across.links if link.target[0] == self.name}
        cited |= {(self.name, value) for entry in (*(i.entry for i in across.hidden.values()),
                                                   *across.as_written.values())
                  for _, marker, value in walk(entry, Ref) if marker.kind == self.name}
        found = [across.problem(item, ("id",), "this source is never cited", warning=True,
                                topic="sources")
                 for item in across.of_kind(self.name) if (self.name, item.entry.id) not in cited]
        found += [across.problem(item, ("doi",), "no DOI or PMID recorded for this article: add "
                                 "one if it exists", warning=True, topic="sources")
                  for item in across.of_kind(self.name)
                  if item.entry.source_type in JOURNAL and not (item.entry.doi or item.entry.pmid)]
        sources = {item.entry.id: item.entry for item in across.of_kind(self.name)}
        for key, item in sorted(across.loaded.items()):
            if key[0] == self.name:
                continue
            named = {v for _, m, v in walk(item.entry, Ref) if m.kind == self.name
                     and getattr(sources.get(v), "source_type", "") != "classification"}  # a code list
            cited_here = named & set(sources)
            types = {sources[i].source_type for i in cited_here}
            if types == {"encyclopedia"} and cited_here == named:
                found.append(across.problem(item, ("sources",), "its only sources are encyclopedias "
                                            f"({', '.join(sorted(cited_here))}); cite a better source "
                                            "beside them"))
        return found

    def table(self, entries, page):
        vocab = page.vocab
        table = Table(_("All sources"), [Column(_("Title")), Column(_("Authors")), Column(_("Year"), "number"),
                                      Column(_("Type")), Column(_("Certainty"))],
                      [Filter("type", _("Type"), pairs(vocab.source_types)),
                       Filter("certainty", _("Certainty"), pairs(vocab.source_certainty))])
        for e in entries:
            table.add({"type": e.source_type, "certainty": e.certainty},
                      [Cell(e.title, page.entry_url(e)), Cell(e.authors),
                       Cell(str(e.year or "n.d."), sort=e.year or 0),
                       Cell(vocab.source_types[e.source_type]), Cell(vocab.source_certainty[e.certainty])])
        return table


KIND = SourceKind()
