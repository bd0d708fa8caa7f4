"""The take-home page on the "Print / save" step (AppTest): two download buttons beside the
dossier PDF, labelled in the parent's language (her own when the nurse shows two languages), and
what they download is the take-home page in that language, in the parent's voice."""

from __future__ import annotations

import io

from pypdf import PdfReader
from streamlit.testing.v1 import AppTest
from test_dossier_app import HARNESS, current_map
from test_pdf import pdf_text

from ecomap.files.read import read_map
from ecomap.texts.catalog import text
from ui.dossier import TAKEHOME, download_bytes, file_name, takehome_bytes

MM = 72 / 25.4


def start(lang: str = "nl", also: str | None = None, mode: str = "nurse") -> AppTest:
    at = AppTest.from_string(HARNESS, default_timeout=60)
    at.session_state["map"] = current_map()
    at.session_state["lang"] = lang
    at.session_state["mode"] = mode
    if also is not None:
        at.session_state["also_lang"] = also
    at.run()
    assert not at.exception, at.exception
    return at


def buttons(at: AppTest) -> dict[str, str]:
    return {b.key: b.proto.label for b in at.get("download_button")}  # type: ignore[attr-defined]


def test_two_take_home_buttons_beside_the_dossier_pdf() -> None:
    at = start()
    labels = buttons(at)
    keys = list(labels)
    assert keys.index("dossier-download-pdf") + 1 == keys.index("dossier-download-takehome")
    assert labels["dossier-download-takehome"] == text("takehome.app.download.takehome", "nl")
    assert labels["dossier-download-takehome-phone"] == text(
        "takehome.app.download.takehome-phone", "nl"
    )
    shown = " ".join(str(m.value) for m in at.markdown) + " ".join(str(c.value) for c in at.caption)
    assert text("takehome.app.heading", "nl") in shown


def test_with_two_languages_the_buttons_speak_the_parents() -> None:
    at = start("nl", also="en")
    labels = buttons(at)
    assert labels["dossier-download-takehome"] == "Take-home page (A4)"
    assert labels["dossier-download-takehome-phone"] == "Take-home page (phone)"
    assert labels["dossier-download-pdf"] == text("dossier.app.download.pdf", "nl")


def test_the_buttons_give_the_take_home_pdfs() -> None:
    m = current_map()
    for key, size in zip(TAKEHOME, [(210.0, 297.0), (90.0, 195.0)], strict=True):
        data = takehome_bytes(m.to_json(), key, "en", anonymise=False)
        assert data.startswith(b"%PDF-")
        [page] = PdfReader(io.BytesIO(data)).pages
        assert (
            round(float(page.mediabox.width) / MM),
            round(float(page.mediabox.height) / MM),
        ) == tuple(round(s) for s in size)
        assert text("takehome.pdf.title", "en") in pdf_text(data)
        assert read_map(data).people == m.people
        assert download_bytes(m.to_json(), key, "en", "nurse", False)[:5] == b"%PDF-"
        assert file_name(m, ".pdf", key) == f"ecomap-2026-06-01-{key}.pdf"
    anonymous = takehome_bytes(m.to_json(), "takehome", "nl", anonymise=True)
    assert "Fatma" not in pdf_text(anonymous)
    assert [p.name for p in read_map(anonymous).people] != [p.name for p in m.people]
