"""The interface's words and dates in the language of the build.

Templates write their words in English inside ``_()`` (Jinja's i18n extension); a language's
``data/translations/<lang>/interface.yml`` maps each English text to its translation, in one
place. Words that reach a template from Python (a table's column, a kind's intro) go through
``_()`` there too. A build in another language records every text it found no translation for,
so a check can list them (the English shows meanwhile). Dates are written by Babel in the
language's own form.

The words in use are the language of the page being rendered: ``use`` sets them before a build
renders (one build renders one language at a time).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel.dates import format_date


@dataclass
class Interface:
    language: str = "en"
    catalog: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    def lookup(self, text: str) -> str:
        """The translation of ``text``, unformatted (English if there is none, which is noted)."""
        if self.language == "en":
            return text
        found = self.catalog.get(text)
        if found is None:
            self.missing.add(text)
            return text
        return found

    def name(self, text: str) -> str:
        """A name from the data that the catalog may give in this language ("Editorial team");
        any other name stays as written."""
        return self.catalog.get(text, text) if self.language != "en" else text

    def gettext(self, text: str, **values) -> str:
        text = self.lookup(text)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        return self.lookup(singular if n == 1 else plural) % {"num": n, **values}

    def date(self, day: dt.date) -> str:
        """A day as readers of the language write it: 1 December 2026, 1 de diciembre de 2026."""
        return format_date(day, "d MMMM y" if self.language == "en" else "long", locale=self.language)

    def month(self, day: dt.date) -> str:
        """A month and year: December 2026, diciembre de 2026."""
        return format_date(day, "MMMM y" if self.language == "en" else "MMMM 'de' y", locale=self.language)


CURRENT = Interface()


def use(interface: Interface) -> None:
    global CURRENT
    CURRENT = interface


def lookup(text: str) -> str:
    return CURRENT.lookup(text)


def gettext(text: str, **values) -> str:
    return CURRENT.gettext(text, **values)


def ngettext(singular: str, plural: str, n: int, **values) -> str:
    return CURRENT.ngettext(singular, plural, n, **values)


def name(text: str) -> str:
    return CURRENT.name(text)


def date(day: dt.date) -> str:
    return CURRENT.date(day)


def month(day: dt.date) -> str:
    return CURRENT.month(day)


_ = gettext
