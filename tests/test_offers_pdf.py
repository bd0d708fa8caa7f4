"""The chosen local offers and the conversation guide on paper (issue 13.2 and 13.3): the dossier
PDF and the parent's own PDF list the chosen offers; the guide is printed only when asked for, in
nurse mode; an anonymised print stays free of names."""

from __future__ import annotations

import io
from pathlib import Path

from families import FAMILIES
from pypdf import PdfReader
from test_pdf import pdf_text

from ecomap.files.pdf import render_pdf
from ecomap.files.read import read_map
from ecomap.matching import choose_offers
from ecomap.offers import OfferChoice, load_offers

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "offers-voorbeeldstad.toml"


def choice(family: str, lang: str = "nl") -> OfferChoice:
    offers = load_offers(EXAMPLE)
    m = FAMILIES[family]()
    return OfferChoice(about=offers.about, offers=choose_offers(m, offers.offers, lang))  # type: ignore[arg-type]


def test_the_dossier_lists_the_chosen_offers_and_says_they_are_an_example() -> None:
    m = FAMILIES["only_grandma"]()
    page = pdf_text(render_pdf(m, "nl", "nurse", offers=choice("only_grandma")))
    assert "Een stap dichtbij" in page
    assert "Aanbod van CJG Voorbeeldstad (voorbeeld) · Voorbeeld: verzonnen aanbod." in page
    assert "Inloopspreekuur van de jeugdverpleegkundige" in page
    assert "Waar: Consultatiebureau Voorbeeldstad · Wanneer: Maandag, 13.30 tot 15.00 uur" in page
    assert (
        "Meedoen: Gewoon binnenlopen" in page and "Koffieochtend voor ouders met een baby" in page
    )
    assert "Een idee dichtbij: Inloopspreekuur" in page, "the reflection names it too"
    assert "Gesprekshulp" not in page, "the guide only when asked for"


def test_the_parents_own_pdf_lists_them_too_in_english() -> None:
    m = FAMILIES["newcomer_baby"]()
    page = pdf_text(render_pdf(m, "en", "parent", offers=choice("newcomer_baby", "en"), guide=True))
    assert "A step close to home" in page and "Walking with the pram" in page
    assert "Languages: Dutch, English" in page
    assert "Conversation guide" not in page, "the guide is the nurse's, never on the parent's PDF"


def test_the_guide_is_printed_when_asked_for() -> None:
    m = FAMILIES["stressful_mother_in_law"]()
    page = pdf_text(render_pdf(m, "nl", "nurse", guide=True))
    assert "Gesprekshulp voor de jeugdverpleegkundige" in page
    assert "Lastig contact: uw schoonmoeder" in page
    assert "Wat wilt u vertellen over het contact met uw schoonmoeder?" in page
    assert "Een stap dichtbij" not in page, "no offers file: no offers section"


def test_anonymised_the_offers_and_the_guide_hold_no_names() -> None:
    m = FAMILIES["stressful_mother_in_law"]()
    data = render_pdf(
        m, "nl", "nurse", anonymise=True, offers=choice("stressful_mother_in_law"), guide=True
    )
    page = pdf_text(data)
    assert "Voorleesochtend voor peuters" in page and "Gesprekshulp" in page
    for name in ("Jeroen", "Lisa"):
        assert name not in page
    assert "vriendin" in page.lower()


def test_the_attached_map_is_the_map_alone() -> None:
    """The offers belong to this print, not to the family's map: the map reads back unchanged."""
    m = FAMILIES["only_grandma"]()
    data = render_pdf(m, "nl", "nurse", offers=choice("only_grandma"), guide=True)
    assert read_map(data) == m
    assert len(PdfReader(io.BytesIO(data)).attachments) == 1
