"""The glossary of every language (``questions/glossary/<lang>.toml``) covers the domain terms, and
the texts keep to it: no text uses a word the glossary says to avoid (jargon a parent does not
know, or a word that labels a family)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ecomap.model import LANGUAGES, Category, Language, SupportForm
from ecomap.offers import Layer, Rung
from ecomap.texts.catalog import entries, has, questions_dir

TERMS = {
    **{f"category.{c}": f"labels.category.{c}.short" for c in Category},
    **{f"form.{f}": f"labels.form.{f}.name" for f in SupportForm},
    **{f"rung.{r}": f"offers.rung.{r}" for r in Rung},
    **{f"layer.{layer}": f"offers.layer.{layer}" for layer in Layer},
}
"""Glossary id -> the text id of the word the app uses for it."""


def _glossary(lang: Language) -> dict[str, dict[str, object]]:
    path = questions_dir() / "glossary" / f"{lang}.toml"
    with Path(path).open("rb") as fh:
        raw = tomllib.load(fh)
    return {f"{kind}.{key}": entry for kind, table in raw.items() for key, entry in table.items()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_names_every_domain_term(lang: Language) -> None:
    glossary = _glossary(lang)
    assert set(glossary) == set(TERMS)
    for term, entry in glossary.items():
        assert isinstance(entry.get("note"), str) and str(entry["note"]).strip(), term
        avoid = entry.get("avoid")
        assert isinstance(avoid, list) and all(isinstance(a, str) and a.strip() for a in avoid)
        assert has(TERMS[term], lang), f"{lang}: no word for {term}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_uses_an_avoided_word(lang: Language) -> None:
    avoided = {str(a).casefold(): t for t, e in _glossary(lang).items() for a in e["avoid"]}  # type: ignore[union-attr]
    found = []
    for key, entry in entries(lang).items():
        items = (
            [entry]
            if isinstance(entry, str)
            else list(entry.values() if isinstance(entry, dict) else entry)
        )
        for item in items:
            for word, term in avoided.items():
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", item.casefold()):
                    found.append(f"{key}: '{word}' ({term})")
    assert not found, f"{lang} uses words its glossary avoids: {found}"
