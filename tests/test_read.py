"""Opening a saved map again: ecomap JSON or a dossier PDF restore the map exactly; anything else
(damaged, foreign, newer, huge, junk) is refused with one plain sentence."""

from __future__ import annotations

import datetime as dt
import io
import json
import tracemalloc
from collections.abc import Callable

import pdf_bombs
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ecomap.files.read import CODES, MapReadError, read_map
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie


def example() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        family_label="Gezin J.",
        filled_in_by="JGZ",
        people=[
            Person(id="p1", name="Ayşe Yılmaz", role="oma", category=Category.INFORMAL_CLOSE),
            Person(
                id="p2",
                name="<script>alert(1)</script>",
                category=Category.INFORMAL_DISTANT,
                closeness=2,
                quality=Quality.STRESSFUL,
            ),
            Person(id="p3", name="محمد 👍", category=Category.FORMAL_EVERYDAY),
        ],
        ties=[
            Tie(person_id="p1", form=SupportForm.PRACTICAL, direction=Direction.BOTH),
            Tie(person_id="p3", form=SupportForm.INFORMATIONAL),
        ],
        wishes=[SupportForm.EMOTIONAL],
        note="Volgende keer: over de opvang.",
    )


def pdf_with(attachments: dict[str, bytes]) -> bytes:
    """A small PDF made by another program, with the given attached files."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Not a map")
    for name, content in attachments.items():
        pdf.embed_file(basename=name, bytes=content)
    return bytes(pdf.output())


def refused(data: bytes, **kw: int) -> MapReadError:
    with pytest.raises(MapReadError) as info:
        read_map(data, **kw)
    return info.value


def test_json_round_trips_exactly() -> None:
    ecomap = example()
    assert read_map(ecomap.to_json().encode()) == ecomap


def test_json_with_byte_order_mark_is_read() -> None:
    ecomap = example()
    assert read_map(b"\xef\xbb\xbf" + ecomap.to_json().encode()) == ecomap


def test_pdf_attachment_is_read() -> None:
    ecomap = example()
    data = pdf_with({"notes.txt": b"hello", "ecomap.json": ecomap.to_json().encode()})
    assert read_map(data) == ecomap


def test_names_with_script_stay_plain_text() -> None:
    """A name is text: it is kept as typed (shown escaped everywhere), never interpreted."""
    assert read_map(example().to_json().encode()).people[1].name == "<script>alert(1)</script>"


def test_pdf_without_attachment() -> None:
    assert refused(pdf_with({})).code == "pdf_without_map"


def test_pdf_with_a_foreign_attachment() -> None:
    assert refused(pdf_with({"invoice.xml": b"<invoice/>"})).code == "pdf_without_map"


def test_pdf_whose_map_attachment_is_not_a_map() -> None:
    assert refused(pdf_with({"ecomap.json": b"\xff\xfejunk"})).code == "not_utf8"
    assert refused(pdf_with({"ecomap.json": b'{"a": 1}'})).code == "not_a_map"


def test_truncated_pdf() -> None:
    data = pdf_with({"ecomap.json": example().to_json().encode()})
    for cut in (len(data) // 2, 200, 20):
        assert refused(data[:cut]).code in ("damaged_pdf", "pdf_without_map")


def test_pdf_with_a_password() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with({"ecomap.json": b"{}"}))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert refused(out.getvalue()).code == "locked_pdf"


def test_json_with_an_extra_field() -> None:
    raw = json.loads(example().to_json())
    raw["people"][0]["password"] = "x"
    error = refused(json.dumps(raw).encode())
    assert error.code == "invalid_map"
    assert error.details("nl") == ["Persoon 1: dit veld kennen we niet."]
    assert error.details("en")[0].startswith("Person 1")


def test_json_with_a_missing_field() -> None:
    raw = json.loads(example().to_json())
    del raw["people"][2]["category"]
    error = refused(json.dumps(raw).encode())
    assert error.code == "invalid_map"
    assert error.details("nl") == ["Persoon 3, groep: dit ontbreekt."]
    assert "Persoon 3, groep: dit ontbreekt." in error.message("nl")


def test_invalid_map_message_never_repeats_the_input() -> None:
    raw = json.loads(example().to_json())
    raw["people"][1]["category"] = "<img src=x onerror=alert(1)>"
    error = refused(json.dumps(raw).encode())
    assert "onerror" not in error.message("nl") and "onerror" not in error.message("en")


def test_newer_schema_version() -> None:
    raw = json.loads(example().to_json())
    raw["schema_version"] = 99
    assert refused(json.dumps(raw).encode()).code == "newer_version"


def test_other_json_is_not_a_map() -> None:
    for other in (b"[]", b'"text"', b"42", b'{"name": "package"}', b"{not json"):
        assert refused(other).code == "not_a_map", other


def test_deeply_nested_json_is_refused_not_crashing() -> None:
    assert refused(b"[" * 200_000 + b"]" * 200_000, max_bytes=10**6).code == "not_a_map"


def test_huge_file_is_refused_before_reading() -> None:
    assert refused(b"{" + b" " * (100 * 1024 * 1024)).code == "too_big"


def test_small_limit_is_respected_and_told() -> None:
    error = refused(example().to_json().encode(), max_bytes=100)
    assert error.code == "too_big"
    assert "1 MB" in error.message("en")


def test_empty_and_blank_files() -> None:
    assert refused(b"").code == "empty"
    assert refused(b" \n\t ").code == "empty"
    assert refused(b"\xef\xbb\xbf  ").code == "empty"


def test_binary_junk() -> None:
    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    assert refused(junk).code == "not_utf8"


def test_a_map_with_pdf_in_its_text_is_still_json() -> None:
    ecomap = example().model_copy(update={"family_label": "%PDF-1.7"})
    assert read_map(ecomap.to_json().encode()) == ecomap


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_code_has_a_plain_message(lang: str) -> None:
    for code in CODES:
        message = MapReadError(code).message(lang)  # type: ignore[arg-type]
        assert message.endswith(".") and "{" not in message and len(message) < 200


# --------------------------------------------------------------------------- inflation bombs

LIMIT = 10 * 1024 * 1024


def peak_while(action: Callable[[], object]) -> int:
    """The most memory (bytes) Python held at once while ``action`` ran."""
    tracemalloc.start()
    try:
        action()
    except MapReadError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_many_attachments_are_refused_before_any_is_inflated() -> None:
    """The attack: a small PDF with many attachments named ecomap.json, each a stream that
    inflates to megabytes. Refused for their number, before a byte is inflated."""
    bomb = pdf_bombs.attachments(30, 5 * pdf_bombs.MB)
    assert len(bomb) < 20_000
    assert refused(bomb).code == "too_many_files"
    assert peak_while(lambda: read_map(bomb)) < 2 * LIMIT


def test_same_named_attachments_are_not_all_inflated() -> None:
    """Only the first ``ecomap.json`` is read; the others are never inflated."""
    bomb = pdf_bombs.attachments(8, 8 * pdf_bombs.MB)
    assert refused(bomb).code == "not_a_map"  # eight megabytes of zeros are no map
    assert peak_while(lambda: read_map(bomb)) < 3 * LIMIT


@pytest.mark.parametrize(
    "make",
    [pdf_bombs.attachments, pdf_bombs.xref_stream, pdf_bombs.object_stream],
    ids=["attachment", "xref-stream", "object-stream"],
)
def test_what_a_pdf_inflates_to_is_bounded_in_total(make: Callable[[int], bytes]) -> None:
    """Wherever the compressed data sits (the attachment, the cross-reference stream read when
    the file opens, an object stream holding the catalog), inflating stops at the limit."""
    bomb = (
        make(70 * pdf_bombs.MB) if make is not pdf_bombs.attachments else make(1, 70 * pdf_bombs.MB)
    )
    assert len(bomb) < 5_000
    assert refused(bomb).code == "too_big"
    assert peak_while(lambda: read_map(bomb)) < 3 * LIMIT


def test_the_limit_is_shared_by_everything_in_one_file() -> None:
    """Several streams each under the limit, together over it: refused all the same."""
    bomb = pdf_bombs.attachments(1, 6 * 1024 * 1024)
    assert refused(bomb, max_bytes=5 * 1024 * 1024).code == "too_big"
    assert refused(pdf_bombs.object_stream(4 * 1024 * 1024), max_bytes=3 * 1024 * 1024).code == (
        "too_big"
    )


def test_an_ecomap_pdf_still_opens_within_the_limits() -> None:
    from ecomap.files.pdf import render_pdf

    ecomap = example()
    assert read_map(render_pdf(ecomap)) == ecomap
    assert read_map(pdf_with({"a.txt": b"x", "ecomap.json": ecomap.to_json().encode()})) == ecomap
