"""ICD-10-CM diagnosis codes: the code list the site records (``icd10cm`` in ``vocabulary.yml``),
the field a condition carries them in, and which codes and categories lead to which conditions.

ICD-10-CM is hierarchical by prefix: M54.50 is one of the codes under the category M54.5, which is
under M54. Only codes with nothing beneath them are valid for billing; a code with codes beneath it
is a category (a heading), and it keeps its place in the hierarchy. The site records both, as the
code list writes them, and a condition may carry either. A code reaches a URL (``code/M54.50/``)
only after it has passed ``CODE`` and been found in the recorded list.
"""
from __future__ import annotations

import re
from typing import Annotated, Iterable, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from .fields import Closed, _vocabulary

SYSTEM = "ICD-10-CM"
CODE = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")  # M54.50, I10, F32.A, S13.4XXA
_UNDOTTED = re.compile(r"[A-Za-z][0-9][0-9A-Za-z][0-9A-Za-z]{1,4}")
FORMAT = ("a capital letter, a digit, a digit or capital letter, then a dot and up to four "
          "digits or capital letters, as in M54.50, I10 or S13.4XXA")


def format_problem(code: str) -> str | None:
    """Why ``code`` is not written as the code list writes a code, with the fix where it is plain."""
    if CODE.fullmatch(code):
        return None
    if CODE.fullmatch(code.upper()):
        return f"{code!r} is not written as an ICD-10-CM code: write it in capitals, '{code.upper()}'"
    if _UNDOTTED.fullmatch(code):
        fixed = f"{code[:3]}.{code[3:]}".upper()
        return f"{code!r} is not written as an ICD-10-CM code: write it with its dot, '{fixed}'"
    return f"{code!r} is not written as an ICD-10-CM code ({FORMAT})"


def falls_under(code: str, category: str) -> bool:
    """Whether ``code`` sits beneath ``category`` in the hierarchy (M54.50 under M54.5 and M54)."""
    return code != category and code.replace(".", "").startswith(category.replace(".", ""))


def _well_formed(code: str) -> str:
    problem = format_problem(code)
    if problem:
        raise ValueError(problem)
    return code


Written = Annotated[str, AfterValidator(_well_formed)]


class CodeList(BaseModel):
    """The ICD-10-CM codes conditions may carry, as checked against the code list (``source``):
    billable codes with their titles, and the categories that get a page of their own."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Optional[str] = Field(None, description="the id of the source entry for the code list "
                                  "the codes were checked against")
    codes: dict[Written, str] = {}
    categories: tuple[Written, ...] = ()

    @model_validator(mode="after")
    def _a_hierarchy(self):
        if self.codes and not self.source:
            raise ValueError("name the source the codes were checked against ('source: <source id>')")
        for i, category in enumerate(self.categories):
            if category in self.categories[:i]:
                raise ValueError(f"category '{category}' is listed twice")
            if category in self.codes:
                raise ValueError(f"'{category}' is listed as a code and as a category")
            if not any(falls_under(code, category) for code in self.codes):
                raise ValueError(f"category '{category}' has no recorded code beneath it")
        for code in self.codes:
            below = [other for other in self.codes if falls_under(other, code)]
            if below:
                raise ValueError(f"'{code}' has {below[0]} beneath it, so it is a category, not a "
                                 "billable code: list it under categories")
        return self

    @property
    def known(self) -> dict[str, str]:
        """Every recorded code and category, each labelled by itself (a closed list's labels)."""
        return {code: code for code in (*self.codes, *self.categories)}

    def is_category(self, code: str) -> bool:
        return code in self.categories


def _recorded(code: str, info: ValidationInfo) -> str:
    _well_formed(code)
    if code not in _vocabulary(info).icd10cm.known:
        raise ValueError(f"'{code}' is not in the site's ICD-10-CM code list (icd10cm in "
                         "data/vocabulary.yml): check it against the code list and record it there")
    return code


Code = Annotated[str, Closed("icd10cm_codes"), AfterValidator(_recorded)]
"""A recorded ICD-10-CM code or category (a condition's ``codes``)."""


def distinct_codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    for i, code in enumerate(codes):
        if code in codes[:i]:
            raise ValueError(f"code '{code}' is listed twice")
    return codes


def code_pages(conditions: Iterable, code_list: CodeList) -> dict[str, list]:
    """Each code that gets a page, with the conditions it leads to: every code a condition carries,
    and every recorded category that a carried code falls under. Codes in the code list's order."""
    found: dict[str, list] = {}
    for condition in conditions:
        for code in condition.codes:
            for target in (code, *above(code, code_list.categories)):
                leads = found.setdefault(target, [])
                if condition not in leads:
                    leads.append(condition)
    order = list(code_list.known)
    return {code: found[code] for code in sorted(found, key=order.index)}


def above(code: str, codes: Iterable[str]) -> list[str]:
    """The categories among ``codes`` that ``code`` falls under, in their order."""
    return [category for category in codes if falls_under(code, category)]
