"""Local offers and the conversation guide in the app (issue 13), driven like a user (AppTest):
with ``ECOMAP_OFFERS`` naming the example file the result step suggests offers that fit, the
nurse swaps, removes and adds one, and the PDF lists the chosen ones (and the guide when ticked);
a broken file shows its line and field, and the app carries on with its built-in steps."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path
from typing import Any

import pytest
from apptest_support import APP, go, run
from families import FAMILIES
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

import ui.dossier
from ecomap.model import EcoMap
from ecomap.texts.reflection import reflect
from ui.offers import CHOSEN, GUIDE_PRINT

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "offers-voorbeeldstad.toml"
RESULT, DOSSIER = 8, 9


def open_app(
    monkeypatch: pytest.MonkeyPatch,
    m: EcoMap,
    offers: Path | None = EXAMPLE,
    mode: str = "nurse",
    lang: str = "nl",
) -> AppTest:
    if offers is not None:
        monkeypatch.setenv("ECOMAP_OFFERS", str(offers))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = m.model_copy(update={"language": lang})
    at.session_state["mode"] = mode
    at.session_state["lang"] = lang
    at.session_state["step"] = RESULT
    return run(at)


def page(at: AppTest) -> str:
    """What a reader sees, Markdown escapes removed."""
    parts: list[str] = []
    for kind in ("header", "subheader", "markdown", "caption", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def recorded_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, functools.partial[bytes]]:
    """The download each button would make when clicked (AppTest cannot click a deferred one)."""
    made: dict[str, functools.partial[bytes]] = {}

    def recording(func: Any, *args: Any) -> functools.partial[bytes]:
        made[args[1]] = functools.partial(func, *args)
        return made[args[1]]

    monkeypatch.setattr(ui.dossier, "partial", recording)
    return made


def pdf_words(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_a_suggestion_is_shown_swapped_removed_added_and_on_the_pdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = FAMILIES["only_grandma"]()
    at = open_app(monkeypatch, m)
    text = page(at)
    assert "Een stap dichtbij" in [s.value for s in at.subheader]
    assert "Aanbod van CJG Voorbeeldstad (voorbeeld). Dit is een voorbeeld." in text
    assert "Een idee dichtbij: Inloopspreekuur van de jeugdverpleegkundige." in text
    assert "Waar: Consultatiebureau Voorbeeldstad" in text
    assert "De app stelt dit aanbod voor" in text
    assert CHOSEN not in at.session_state, "the app's own suggestion"

    swap = at.selectbox(key="offers-swap-0-inloopspreekuur-jgz")
    assert swap.value == "inloopspreekuur-jgz"
    assert swap.options[0] == "Inloopspreekuur van de jeugdverpleegkundige", "best first"
    assert "Ouderavond over tieners (past minder goed)" in swap.options, "for another age"
    swap.set_value("gezinsmaatje")
    run(at)
    assert at.session_state[CHOSEN] == ("gezinsmaatje", "koffieochtend-baby")
    text = page(at)
    assert "Een idee dichtbij: Gezinsmaatje." in text
    assert (
        "Inloopspreekuur"
        not in text.split("Wat kan een kleine volgende stap zijn?")[1].split("Een stap dichtbij")[0]
    ), "the reflection follows the swap"

    at.button(key="offers-remove-1-koffieochtend-baby").click()
    run(at)
    assert at.session_state[CHOSEN] == ("gezinsmaatje",)
    assert "Een idee dichtbij: Koffieochtend" not in page(at)

    at.selectbox(key="offers-add-gezinsmaatje").set_value("buurtmaaltijd")
    run(at)
    assert at.session_state[CHOSEN] == ("gezinsmaatje", "buurtmaaltijd")

    made = recorded_downloads(monkeypatch)
    go(at, DOSSIER)
    assert "Op de PDF staat ook dit aanbod: Gezinsmaatje, Buurtmaaltijd." in page(at)
    words = pdf_words(made["pdf"]())
    assert "Een stap dichtbij" in words and "Gezinsmaatje" in words and "Buurtmaaltijd" in words
    assert "Inloopspreekuur" not in words
    assert "Gesprekshulp" not in words, "not ticked: not printed"

    go(at, RESULT)
    at.button(key="offers-reset").click()
    run(at)
    assert CHOSEN not in at.session_state
    assert "Een idee dichtbij: Inloopspreekuur" in page(at)


def test_removing_every_suggestion_brings_back_the_built_in_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = FAMILIES["newcomer_baby"]()
    at = open_app(monkeypatch, m)
    at.button(key="offers-remove-0-koffieochtend-baby").click()
    run(at)
    assert at.session_state[CHOSEN] == ()
    text = page(at)
    assert "Er is nu geen aanbod gekozen." in text
    assert reflect(m, "nl", "nurse").paragraphs[-1].text in text


def test_the_conversation_guide_beside_the_reflection_printed_only_when_ticked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = FAMILIES["stressful_mother_in_law"]()
    at = open_app(monkeypatch, m)
    assert "Gesprekshulp" in [s.value for s in at.subheader]
    text = page(at)
    assert "Lastig contact: uw schoonmoeder" in text
    assert "Wat wilt u vertellen over het contact met uw schoonmoeder?" in text
    at.checkbox(key="guide-print-box").check()
    run(at)
    assert at.session_state[GUIDE_PRINT] is True
    made = recorded_downloads(monkeypatch)
    go(at, DOSSIER)
    assert "De gesprekshulp staat ook op de PDF." in page(at)
    words = pdf_words(made["pdf"]())
    assert "Gesprekshulp voor de jeugdverpleegkundige" in words
    go(at, RESULT)
    assert at.checkbox(key="guide-print-box").value is True, "kept across steps"


def test_the_parent_at_home_gets_the_offers_but_no_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    m = FAMILIES["newcomer_baby"]()
    at = open_app(monkeypatch, m, mode="parent", lang="en")
    subheaders = [s.value for s in at.subheader]
    assert "A step close to home" in subheaders
    assert "Conversation guide" not in subheaders
    assert "An idea close to home: Walking with the pram." in page(at)
    at.session_state[GUIDE_PRINT] = True  # ticked earlier in nurse mode
    made = recorded_downloads(monkeypatch)
    go(at, DOSSIER)
    words = pdf_words(made["pdf"]())
    assert "Walking with the pram" in words and "Conversation guide" not in words


def test_a_broken_file_names_line_and_field_and_the_app_carries_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    broken = source.replace('layer = "light_support"', 'layer = "steuntje"', 1)
    line = next(i for i, x in enumerate(broken.splitlines(), 1) if 'layer = "steuntje"' in x)
    path = tmp_path / "aanbod.toml"
    path.write_text(broken, encoding="utf-8")
    m = FAMILIES["only_grandma"]()
    at = open_app(monkeypatch, m, offers=path)
    warning = page(at)
    assert "In het bestand met het lokale aanbod (aanbod.toml) klopt iets niet." in warning
    assert f"Regel {line}, aanbod 12 (gezinsmaatje), veld 'layer'" in warning
    assert "De app werkt gewoon door, met de vaste tips." in warning
    assert "Traceback" not in warning and not at.exception
    assert reflect(m, "nl", "nurse").paragraphs[-1].text in warning, "the built-in steps"
    made = recorded_downloads(monkeypatch)
    go(at, DOSSIER)
    words = pdf_words(made["pdf"]())
    assert "Wat valt op" in words and "Een stap dichtbij" not in words

    at.session_state["lang"] = "en"
    go(at, RESULT)
    assert f"Line {line}, offer 12 (gezinsmaatje), field 'layer'" in page(at)


def test_a_missing_file_says_so_and_without_the_setting_nothing_changes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    m = FAMILIES["mixed_no_age"]()
    at = open_app(monkeypatch, m, offers=tmp_path / "weg.toml")
    assert "Het bestand met het lokale aanbod (weg.toml) is er niet." in page(at)
    monkeypatch.delenv("ECOMAP_OFFERS")
    at = open_app(monkeypatch, m, offers=None)
    assert "Een stap dichtbij" not in [s.value for s in at.subheader]
    assert reflect(m, "nl", "nurse").paragraphs[-1].text in page(at)
