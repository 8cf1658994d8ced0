"""The Spanish edition's text: plain Spanish ("bastante fácil" or easier on the Fernández-Huerta
formula) wherever a patient reads it, and a translation for every entry patients read."""
from __future__ import annotations

import pytest
import textstat

from conftest import ROOT
from guidepages import content_pages, prose
from macros.kb.fields import Audience, marked_fields

pytestmark = pytest.mark.xdist_group("content_spanish")  # its module fixtures build once, on one worker

LANGUAGE = "es"
EASY_ENOUGH = 70.0      # Fernández-Huerta: 70-80 "bastante fácil", 80-90 "fácil", 90+ "muy fácil"
MIN_WORDS = 12          # shorter texts give unstable scores; they count in the entry's whole text
TRANSLATED_KINDS = ("condition", "technique", "therapy", "faq", "glossary", "credential", "context")


def client_texts(model_obj, data, path=()):
    """``(path, Spanish text)`` for every field the English model marks as client text."""
    if not isinstance(data, dict):
        return
    markers = dict(marked_fields(type(model_obj), Audience))
    for name, value in data.items():
        english = getattr(model_obj, name, None)
        marker = markers.get(name)
        if marker is not None and marker.who == "client":
            for i, text in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(text, str):
                    yield path + (name, i), text
        elif isinstance(english, tuple) and isinstance(value, list):
            for i, (en, item) in enumerate(zip(english, value)):
                if hasattr(en, "model_fields"):
                    yield from client_texts(en, item, path + (name, i))
        elif hasattr(english, "model_fields"):
            yield from client_texts(english, value, path + (name,))


def fernandez_huerta(text: str) -> float:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


@pytest.fixture(scope="module")
def spanish(shipped):
    found = shipped.translations.by_language.get(LANGUAGE, {})
    if not found:
        pytest.fail("there is no Spanish translation at all")
    return found


def test_client_text_in_spanish_reads_bastante_facil_or_easier(shipped, spanish):
    too_hard = []
    for key, translation in sorted(spanish.items()):
        entry = shipped.kb.get(*key)
        texts = list(client_texts(entry, translation.data))
        for path, text in texts:
            if len(text.split()) >= MIN_WORDS and fernandez_huerta(text) < EASY_ENOUGH:
                too_hard.append(f"{translation.file}: {'.'.join(map(str, path))}: "
                                f"{fernandez_huerta(text):.0f}: {text[:80]}")
        whole = " ".join(t for _, t in texts)
        if whole and fernandez_huerta(whole) < EASY_ENOUGH:
            too_hard.append(f"{translation.file}: the whole entry scores {fernandez_huerta(whole):.0f}")
    assert not too_hard, f"{len(too_hard)} Spanish texts read harder than 'bastante fácil':\n" + \
        "\n".join(too_hard)


def test_every_entry_patients_read_has_a_spanish_translation(shipped, spanish):
    missing = [f"{kind}/{entry.id}" for kind in TRANSLATED_KINDS for entry in shipped.kb.of_kind(kind)
               if (kind, entry.id) not in spanish]
    assert missing == []


def test_spanish_aliases_use_the_words_patients_use(spanish):
    aliases = {a.casefold() for t in spanish.values() for a in t.data.get("aliases", [])}
    titles = {t.data.get("title", "").casefold() for t in spanish.values()}
    for words in ("dolor de espalda", "lumbago", "hombro congelado", "ciática", "contractura"):
        assert words in aliases | titles, words


def test_spanish_guide_pages_read_bastante_facil_or_easier():
    pages = list(content_pages(LANGUAGE))
    assert pages, "content/es/ has no pages"
    too_hard = [f"{path.relative_to(ROOT)}: {score:.0f}" for path, _, _, body in pages
                if (score := fernandez_huerta(prose(body))) < EASY_ENOUGH]
    assert not too_hard, "\n".join(too_hard)
