"""How a local offer is described to a reader: the same lines in the app and on the PDF.

The organisation's own words (name, description, place, time, notes) are taken as written, in
the reader's language where the file gives it (else Dutch); the fixed choices (forms, ages, rung,
layer, cost, how to join, languages) are said in the catalog's words (``questions/*/offers.toml``).
Plain text only: the app escapes it for Markdown, the PDF prints it as text.
"""

from __future__ import annotations

from ecomap.model import Language
from ecomap.offers import Offer
from ecomap.texts.catalog import has, text
from ecomap.texts.reflection import join_forms, join_words


def language_name(code: str, lang: Language) -> str:
    """ "Arabisch" for ``ar``; a code the catalog does not know is shown as the code."""
    key = f"offers.language.{code}"
    return text(key, lang) if has(key, lang) else code


def what_it_gives(offer: Offer, lang: Language) -> str:
    """ "Geeft: een luisterend oor en een voorbeeld · Voor: baby · Ontmoeten · Voor iedereen":
    why it may fit, in one line (for the nurse choosing)."""
    ages = (
        text(
            "offers.app.ages",
            lang,
            ages=join_words([text(f"labels.age.{a.value}.word", lang) for a in offer.ages], lang),
        )
        if offer.ages
        else text("offers.app.all_ages", lang)
    )
    return " · ".join(
        (
            text("offers.app.gives", lang, forms=join_forms(offer.forms, lang)),
            ages,
            text(f"offers.rung.{offer.rung.value}", lang),
            text(f"offers.layer.{offer.layer.value}", lang),
        )
    )


def practical_lines(offer: Offer, lang: Language) -> tuple[str, ...]:
    """Where, when, cost, how to join and the languages spoken: one short line each."""
    cost = text(f"offers.cost.{offer.cost.value}", lang)
    if offer.cost_note is not None:
        cost = f"{cost} ({offer.cost_note.in_(lang)})"
    join = text(f"offers.join.{offer.join.value}", lang)
    if offer.join_note is not None:
        join = f"{join} ({offer.join_note.in_(lang)})"
    languages = ", ".join(language_name(code, lang) for code in offer.languages)
    return (
        text("offers.app.where", lang, where=offer.where.in_(lang)),
        text("offers.app.when", lang, when=offer.when.in_(lang)),
        text("offers.app.cost", lang, cost=cost),
        text("offers.app.join", lang, join=join),
        text("offers.app.languages", lang, languages=languages),
    )
