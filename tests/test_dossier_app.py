"""The "Print / save" step, driven like a user would (AppTest): a download for every format, the
consult note, and opening an earlier map: a good PDF restores the map (after asking), a hostile or
broken file gives one plain message and leaves the map as it was, comparing shows what changed."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from apptest_support import run
from streamlit.testing.v1 import AppTest

from ecomap.files.exports import EXPORTS
from ecomap.files.pdf import render_pdf
from ecomap.model import Category, Direction, EcoMap, Person, SupportForm, Tie
from ui.dossier import download_bytes, file_name

ROOT = Path(__file__).resolve().parent.parent

# The step on its own, in the session the app sets up (the app's step list may not have it yet).
HARNESS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import streamlit as st
from ecomap.model import EcoMap
from ui.dossier import dossier_step
from ui.state import take_messages

st.session_state.setdefault("lang", "nl")
st.session_state.setdefault("mode", "nurse")
st.session_state.setdefault("map", EcoMap())
st.session_state.setdefault("history", [])
st.session_state.setdefault("messages", [])
st.session_state.setdefault("offer_undo", False)
for kind, message in take_messages():
    (st.error if kind == "error" else st.success)(message)
dossier_step()
"""


def current_map() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 6, 1),
        people=[
            Person(id="a", name="Fatma", role="buurvrouw", category=Category.INFORMAL_DISTANT),
            Person(id="b", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
        ],
        ties=[
            Tie(person_id="a", form=SupportForm.PRACTICAL),
            Tie(person_id="b", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        ],
    )


def earlier_map() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        people=[
            Person(id="b", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
            Person(id="c", name="Piet", category=Category.INFORMAL_DISTANT),
        ],
        ties=[Tie(person_id="c", form=SupportForm.INFORMATIONAL)],
        note="Eerste gesprek.",
    )


def start(ecomap: EcoMap | None = None) -> AppTest:
    at = AppTest.from_string(HARNESS, default_timeout=60)
    at.session_state["map"] = ecomap or current_map()
    at.run()
    assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in (
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "error",
        "success",
        "warning",
    ):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.label) for e in at.button]
    return "\n".join(parts)


def upload(at: AppTest, name: str, data: bytes, mime: str = "application/pdf") -> AppTest:
    at.get("file_uploader")[0].set_value((name, data, mime))  # type: ignore[attr-defined]
    return run(at)


def test_a_download_button_for_every_format() -> None:
    at = start()
    keys = {b.key for b in at.get("download_button")}  # type: ignore[attr-defined]
    assert keys == {f"dossier-download-{key}" for key in EXPORTS}
    labels = " ".join(b.proto.label for b in at.get("download_button"))
    assert "PDF voor het dossier" in labels and "GraphML" in labels


def test_each_download_makes_its_file() -> None:
    m = current_map()
    for key in EXPORTS:
        data = download_bytes(m.to_json(), key, "nl", "nurse", anonymise=False)
        assert data, key
    assert download_bytes(m.to_json(), "pdf", "nl", "nurse", False).startswith(b"%PDF")
    with zipfile.ZipFile(io.BytesIO(download_bytes(m.to_json(), "csv", "nl", "nurse", False))) as z:
        assert sorted(z.namelist()) == ["people.csv", "ties.csv"]
    assert file_name(m, ".pdf") == "ecomap-2026-06-01.pdf"


def test_anonymised_download_holds_no_names() -> None:
    data = download_bytes(current_map().to_json(), "json", "nl", "nurse", anonymise=True)
    assert b"Fatma" not in data and b"Ans" not in data


def test_the_consult_note_is_kept_in_the_map() -> None:
    at = start()
    at.text_area(key="dossier-note").input("Volgende keer: slapen.")
    run(at)
    assert at.session_state["map"].note == "Volgende keer: slapen."


def test_uploading_a_dossier_pdf_restores_the_map_after_asking() -> None:
    at = start()
    upload(at, "dossier.pdf", render_pdf(earlier_map()))
    assert "De kaart van 3 maart 2026 is gelezen. Aantal mensen: 2." in page_text(at)
    assert at.session_state["map"] == current_map()  # nothing replaced yet
    at.button(key="dossier-continue").click()
    run(at)
    assert "Weet u het zeker?" in page_text(at)
    assert at.session_state["map"] == current_map()
    at.button(key="dossier-replace-yes").click()
    run(at)
    continued = at.session_state["map"]
    assert continued.people == earlier_map().people and continued.ties == earlier_map().ties
    # today's map: today's date, the earlier one kept as "vorige kaart", the old note apart
    assert continued.date == dt.date.today()
    assert continued.previous_date == dt.date(2026, 3, 3)
    assert (continued.note, continued.previous_note) == ("", "Eerste gesprek.")
    shown = page_text(at)
    assert "De kaart van 3 maart 2026 staat open." in shown
    assert at.text_area(key="dossier-note").value == ""
    assert "Notitie van de vorige keer (3 maart 2026): Eerste gesprek\\." in shown
    # the comparison with the earlier map is there right away
    assert "Wat is er veranderd?" in shown


def test_saying_no_keeps_the_current_map() -> None:
    at = start()
    upload(at, "kaart.json", earlier_map().to_json().encode(), "application/json")
    at.button(key="dossier-continue").click()
    run(at)
    at.button(key="dossier-replace-no").click()
    run(at)
    assert at.session_state["map"] == current_map()
    assert "Weet u het zeker?" not in page_text(at)


def _pdf_with_other_attachment() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(basename="factuur.xml", bytes=b"<factuur/>")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kapot.pdf", b"%PDF-1.7\n1 0 obj <<", "Deze PDF is beschadigd"),
        ("ander.pdf", b"", "Dit bestand is leeg."),
        ("factuur.pdf", None, "In deze PDF zit geen kaart."),
        ("kaart.json", b'{"schema_version": 1, "people": [{"id": "x"}]}', "klopt iets niet"),
        ("nieuw.json", b'{"schema_version": 99}', "nieuwere versie"),
        ("rommel.json", bytes(range(256)) * 40, "De tekens in dit bestand"),
        ("groot.json", b"{" + b" " * (11 * 1024 * 1024), "te groot"),
    ],
)
def test_a_bad_upload_gives_a_message_and_changes_nothing(
    name: str, data: bytes | None, message: str
) -> None:
    at = start()
    before = at.session_state["map"]
    upload(at, name, _pdf_with_other_attachment() if data is None else data)
    assert message in " ".join(e.value for e in at.error)
    assert "Uw kaart is niet veranderd." in page_text(at)
    assert at.session_state["map"] == before
    assert not at.get("button") or all(
        b.key not in ("dossier-continue", "dossier-compare") for b in at.button
    )


def test_a_name_with_script_is_shown_as_text() -> None:
    hostile = earlier_map().model_copy(
        update={
            "people": [
                Person(
                    id="x", name="<img src=x onerror=alert(1)>", category=Category.INFORMAL_CLOSE
                )
            ],
            "ties": [],
        }
    )
    at = start()
    upload(at, "kaart.json", hostile.to_json().encode(), "application/json")
    at.button(key="dossier-compare").click()
    run(at)
    shown = page_text(at)
    assert re.search(r"(?<!\\)<img", shown) is None  # escaped for Markdown, never HTML
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in shown


def test_comparing_shows_what_changed_in_words_and_on_the_map() -> None:
    at = start()
    upload(at, "dossier.pdf", render_pdf(earlier_map()))
    at.button(key="dossier-compare").click()
    run(at)
    shown = page_text(at)
    assert "Wat is er veranderd?" in shown
    assert "Sinds de vorige keer is Fatma erbij gekomen" in shown
    assert "Piet staat er nu niet meer op" in shown
    assert len(at.get("image")) == 1  # the map with new and moved people marked
    assert at.session_state["map"] == current_map()  # comparing never replaces
    at.button(key="dossier-stop-compare").click()
    run(at)
    assert "Wat is er veranderd?" not in page_text(at)


def test_comparison_in_roles_when_anonymised() -> None:
    at = start()
    at.checkbox(key="dossier-anonymise").check()
    run(at)
    upload(at, "kaart.json", earlier_map().to_json().encode(), "application/json")
    at.button(key="dossier-compare").click()
    run(at)
    shown = page_text(at)
    assert "Sinds de vorige keer is de buurvrouw erbij gekomen" in shown
    assert "Fatma" not in shown and "Piet" not in shown


def test_the_step_is_part_of_the_app() -> None:
    """In the real app (with drafts and the other steps) the step opens, and a broken upload
    leaves the map as it was."""
    from ui.steps import steps

    keys = [s.key for s in steps()]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["map"] = current_map()
    at.session_state["step"] = keys.index("dossier")
    run(at)
    assert "Printen en bewaren" in page_text(at)
    upload(at, "kapot.pdf", b"%PDF-1.7 junk")
    assert at.session_state["map"] == current_map()
    assert "Uw kaart is niet veranderd." in page_text(at)


def test_an_uploaded_file_is_read_once_not_on_every_rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a PDF costs time and memory; while it sits in the upload box, every click reruns
    the page. The file is read once; a different file is read again."""
    import ui.dossier

    calls: list[int] = []
    real = ui.dossier.read_map

    def counting(data: bytes, **kwargs: int) -> EcoMap:
        calls.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(ui.dossier, "read_map", counting)
    at = start()
    upload(at, "dossier.pdf", render_pdf(earlier_map()))
    for anonymise in (True, False, True):  # three clicks, three reruns
        at.checkbox(key="dossier-anonymise").set_value(anonymise)
        run(at)
    assert "Aantal mensen: 2" in page_text(at)
    assert len(calls) == 1
    upload(at, "kapot.pdf", b"%PDF-1.7 junk")
    run(at)
    assert "Deze PDF is beschadigd" in " ".join(e.value for e in at.error)
    assert len(calls) == 2
