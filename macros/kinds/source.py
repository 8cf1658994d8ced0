"""Sources: every study, review and official page the site cites, linked at its original."""
from __future__ import annotations

from typing import Annotated, Optional

from pydantic import Field, StrictInt, model_validator

from ..kb.fields import Entry, HttpsUrl, Name, Ref, Text, closed, walk
from .base import Cell, Column, Filter, Kind, Table, pairs


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

    @model_validator(mode="after")
    def _findable(self):
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a source needs a doi, a pmid or a url so readers can find it")
        if self.sources:
            raise ValueError("a source does not cite other sources")
        return self

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


class SourceKind(Kind):
    name, folder, model = "source", "sources", Source
    boost = 0.5
    intro = ("Every study, review and official page this site cites. Certainty is how sure the "
             "source's findings are.")

    def summary(self, entry):
        return entry.finding

    def lead(self, entry, vocab):
        return [entry.authors, entry.venue]

    def context(self, e, page):
        glance = [("Type", page.vocab.source_types[e.source_type]),
                  ("Certainty", page.vocab.source_certainty[e.certainty])]
        if e.doi:
            glance.append(("DOI", page.external("https://doi.org/" + e.doi)))
        if e.pmid:
            glance.append(("PubMed", page.external(f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/")))
        if e.url:
            glance.append(("Web", page.external(e.url)))
        return dict(glance=glance)

    def checks(self, across):
        """A source nobody cites is a warning. Sources cited only by hidden entries are still
        cited: hiding is the site's choice, not the data's."""
        cited = {link.target for link in across.links if link.target[0] == self.name}
        cited |= {(self.name, value) for item in across.hidden.values()
                  for _, marker, value in walk(item.entry, Ref) if marker.kind == self.name}
        return [across.problem(item, ("id",), "this source is never cited", warning=True)
                for item in across.of_kind(self.name) if (self.name, item.entry.id) not in cited]

    def table(self, entries, page):
        vocab = page.vocab
        table = Table("All sources", [Column("Title"), Column("Authors"), Column("Year", "number"),
                                      Column("Type"), Column("Certainty")],
                      [Filter("type", "Type", pairs(vocab.source_types)),
                       Filter("certainty", "Certainty", pairs(vocab.source_certainty))])
        for e in entries:
            table.add({"type": e.source_type, "certainty": e.certainty},
                      [Cell(e.title, page.entry_url(e)), Cell(e.authors),
                       Cell(str(e.year or "n.d."), sort=e.year or 0),
                       Cell(vocab.source_types[e.source_type]), Cell(vocab.source_certainty[e.certainty])])
        return table


KIND = SourceKind()
