"""The dossier PDF: a valid A4 page with the map as vector, every name and the reflection, fonts
embedded, the map's JSON attached (and read back equal), roles instead of names when anonymised."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from ecomap.drawing.fonts import drawable
from ecomap.drawing.picture import draw_map, figure_svg
from ecomap.files.pdf import render_pdf
from ecomap.files.pdf_base import place_svg as _place_svg
from ecomap.files.read import read_map
from ecomap.model import Category, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.texts.reflection import reflect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from maps import network

NAMES = ("Ayşe Yılmaz-Öztürk", "Łucja Wiśniewska", "Zoë de Vries", "Ahmet Çelik")
ARABIC = "محمد العربي"


def fifteen() -> EcoMap:
    """15 people as in a busy real network, some with names in other scripts."""
    base = network(15)
    people = list(base.people)
    for i, name in enumerate((*NAMES, ARABIC)):
        people[i] = people[i].model_copy(update={"name": name})
    people[5] = people[5].model_copy(update={"name": "Opa Kees 👍"})
    return base.model_copy(
        update={
            "people": people,
            "date": dt.date(2026, 3, 3),
            "family_label": "Gezin Jansen",
            "filled_in_by": "JGZ Noord",
            "note": "Volgende keer: slapen en de opvang.",
        }
    )


def pdf_text(data: bytes) -> str:
    """The text a reader sees: poppler's pdftotext when installed (as CI has), else pypdf."""
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        )
        raw = out.stdout.decode("utf-8")
    else:
        raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(raw.replace("\u202b", "").replace("\u202c", "").split())


@pytest.fixture(scope="module")
def fifteen_pdf() -> bytes:
    return render_pdf(fifteen(), "nl", "nurse")


def test_fifteen_people_fit_one_a4_page(fifteen_pdf: bytes, output_dir: Path) -> None:
    (output_dir / "dossier-15.pdf").write_bytes(fifteen_pdf)
    reader = PdfReader(io.BytesIO(fifteen_pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )


def test_every_name_the_reflection_and_the_note_are_on_the_page(fifteen_pdf: bytes) -> None:
    words = pdf_text(fifteen_pdf)
    for person in fifteen().people:
        assert drawable(person.name) in words, person.name
    assert "Opa Kees" in words and "\ufffd" not in words, "an emoji is left out, as on the map"
    for paragraph in reflect(fifteen(), "nl", "nurse").paragraphs:
        assert drawable(paragraph.text) in words
    assert "Volgende keer: slapen en de opvang." in words
    assert "3 maart 2026" in words and "Gezin Jansen" in words and "JGZ Noord" in words


def test_the_map_is_vector_and_fonts_are_embedded(fifteen_pdf: bytes) -> None:
    page = PdfReader(io.BytesIO(fifteen_pdf)).pages[0]
    assert list(page.images) == []  # no raster: the map is drawn as paths
    fonts = page["/Resources"]["/Font"]  # type: ignore[index]
    assert fonts
    for ref in fonts.values():  # type: ignore[union-attr]
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_the_attached_json_reads_back_to_an_equal_map(fifteen_pdf: bytes) -> None:
    attachments = PdfReader(io.BytesIO(fifteen_pdf)).attachments
    assert list(attachments) == ["ecomap.json"]
    assert read_map(fifteen_pdf) == fifteen()


def test_anonymised_pdf_holds_no_name_anywhere(output_dir: Path) -> None:
    ecomap = fifteen()
    data = render_pdf(ecomap, "nl", "nurse", anonymise=True)
    (output_dir / "dossier-15-anonymised.pdf").write_bytes(data)
    words = pdf_text(data)
    attached = PdfReader(io.BytesIO(data)).attachments["ecomap.json"][0].decode("utf-8")
    for person in ecomap.people:
        for part in person.name.split():
            if len(part) > 2 and part not in ("Opa", "👍"):
                assert part not in words, part
                assert part not in attached, part
    assert "Oma" in words
    assert "Namen zijn vervangen door rollen" in words
    back = read_map(data)
    assert [p.id for p in back.people] == [p.id for p in ecomap.people]
    assert back.ties == ecomap.ties


def test_comparison_with_an_earlier_map_is_printed() -> None:
    now = EcoMap(
        date=dt.date(2026, 6, 1),
        people=[
            Person(id="a", name="Fatma", category=Category.INFORMAL_DISTANT),
            Person(id="b", name="Oma", category=Category.INFORMAL_CLOSE),
        ],
        ties=[Tie(person_id="a", form=SupportForm.PRACTICAL)],
    )
    earlier = EcoMap(
        date=dt.date(2026, 3, 3),
        people=[
            Person(id="b", name="Oma", category=Category.INFORMAL_CLOSE),
            Person(id="c", name="Piet", category=Category.INFORMAL_DISTANT),
        ],
    )
    words = pdf_text(render_pdf(now, "nl", "nurse", previous=earlier))
    assert "Wat is er veranderd?" in words
    assert "Sinds de vorige keer is Fatma erbij gekomen." in words
    assert "Piet staat er nu niet meer op." in words


def test_english_parent_print_and_an_empty_map() -> None:
    data = render_pdf(EcoMap(language="en"), "en", "parent")
    words = pdf_text(data)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert "Who helps to raise the child?" in words
    assert "Nobody is on the map yet." in words
    assert read_map(data) == EcoMap(language="en", date=EcoMap(language="en").date)


def test_sixty_people_still_print_and_read_back(output_dir: Path) -> None:
    ecomap = network(60)
    data = render_pdf(ecomap, "nl", "nurse")
    (output_dir / "dossier-60.pdf").write_bytes(data)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert 1 <= pages <= 3
    assert read_map(data) == ecomap


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_page_renders_in_greyscale_for_a_person_to_look_at(
    fifteen_pdf: bytes, output_dir: Path
) -> None:
    """pdftoppm (poppler) opens the page; the greyscale image is left in test-output/."""
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "60",
            "-png",
            "-singlefile",
            "-",
            str(output_dir / "dossier-15"),
        ],
        input=fifteen_pdf,
        check=True,
    )
    assert (output_dir / "dossier-15.png").stat().st_size > 10_000


def test_stressful_contact_is_marked_in_the_table() -> None:
    ecomap = EcoMap(
        people=[
            Person(
                id="a",
                name="Buurman Jan",
                category=Category.INFORMAL_DISTANT,
                quality=Quality.STRESSFUL,
            )
        ]
    )
    assert "Lastig !" in pdf_text(render_pdf(ecomap))


def test_the_map_is_drawn_exactly_as_fpdf2_imports_the_svg() -> None:
    """The PDF draws the map's glyphs without fpdf2's per-letter copies; the drawing operators
    must be the ones ``FPDF.image`` writes for the same SVG (up to extra save/restore pairs,
    which change nothing). Fails if a new fpdf2 changes what the shortcut relies on."""
    svg = figure_svg(draw_map(fifteen(), "nl", legend="none", width_in=5.0))

    def operators(place: str) -> list[bytes]:
        pdf = FPDF(unit="mm", format="A4")
        pdf.add_page()
        if place == "image":
            pdf.image(io.BytesIO(svg), x=12, y=30, w=127, h=127)
        else:
            _place_svg(pdf, svg, x=12, y=30, w=127, h=127)
        content = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].get_contents()
        assert content is not None
        return [t for t in content.get_data().split() if t not in (b"q", b"Q")]

    fast = operators("shared")
    assert len(fast) > 10_000  # the whole map, letters included
    assert fast == operators("image")


def _all_pdf_strings(data: bytes) -> str:
    """Every text a PDF carries besides the page: metadata, attachment names and descriptions,
    and the attachment itself."""
    reader = PdfReader(io.BytesIO(data))
    parts = [str(v) for v in (reader.metadata or {}).values()]
    for name, contents in reader.attachments.items():
        parts.append(name)
        parts += [c.decode("utf-8") for c in contents]
    return "\n".join(parts)


def test_anonymised_pdf_leaves_out_the_note_and_family_label_unless_confirmed() -> None:
    """Issue 11.3: the note "Oma Ans en Lisa helpen veel" was printed (and attached) while the
    footer said names were replaced."""
    ecomap = fifteen().model_copy(
        update={
            "note": "Oma Ans en Lisa helpen veel",
            "previous_note": "Lisa belt vaak",
            "previous_date": dt.date(2025, 11, 1),
        }
    )
    data = render_pdf(ecomap, "nl", "nurse", anonymise=True)
    words, hidden = pdf_text(data), _all_pdf_strings(data)
    for secret in ("Lisa", "Ans", "Gezin Jansen", "JGZ Noord", "Yılmaz", "Wiśniewska"):
        assert secret not in words, secret
        assert secret not in hidden, secret
    assert "Vrije tekst, zoals de notitie, staat er niet in" in words
    confirmed = pdf_text(render_pdf(ecomap, "nl", "nurse", anonymise=True, keep_free_text=True))
    assert "Oma Ans en Lisa helpen veel" in confirmed
    assert "Vorige kaart: 1 november 2025" in confirmed


def test_the_page_has_a_role_column_the_wishes_and_who_filled_it_in() -> None:
    ecomap = EcoMap(
        date=dt.date(2026, 6, 1),
        people=[
            Person(id="a", name="Fatma", role="buurvrouw", category=Category.INFORMAL_DISTANT),
            Person(id="b", name="Jeugdverpleegkundige", category=Category.FORMAL_EVERYDAY),
        ],
        ties=[Tie(person_id="a", form=SupportForm.PRACTICAL)],
        wishes=[SupportForm.EMOTIONAL, SupportForm.INFORMATIONAL],
        child_age="toddler",
    )
    data = render_pdf(ecomap, "nl", "parent")
    words = pdf_text(data)
    if shutil.which("pdftotext"):  # the table as laid out: the role beside the name
        layout = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert re.search(r"Naam +Rol +Groep +Het gezin krijgt +Het gezin geeft +Contact", layout)
        assert re.search(r"Fatma +buurvrouw +Buurt en kennissen +Helpen", layout)
    assert "Graag meer: een luisterend oor, advies en informatie" in words
    assert "Ingevuld door de ouder, thuis" in words
    assert "Jongste kind: peuter" in words
    nurse = pdf_text(render_pdf(ecomap, "nl", "nurse"))
    assert "Ingevuld door de ouder, samen met de jeugdverpleegkundige" in nurse


def test_a_long_word_broken_over_two_lines_gets_a_hyphen() -> None:
    from ecomap.files.pdf import SOFT_HYPHEN, hyphenated

    assert (
        hyphenated("Jeugdverpleegkundige").replace(SOFT_HYPHEN, "-") == "Jeugd-ver-pleeg-kun-dige"
    )
    assert hyphenated("Peuterspeelzaal").replace(SOFT_HYPHEN, "-") == "Peu-ter-speel-zaal"
    assert hyphenated("Oma Ans") == "Oma Ans"
    from ecomap.drawing.fonts import font_path

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("EcomapSans", "", font_path())
    pdf.set_font("EcomapSans", size=12)
    pdf.multi_cell(30, 5, hyphenated("Consultatiebureau"))
    # pypdf, not pdftotext: poppler joins a word hyphenated at a line end back together
    lines = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text().split("\n")
    assert len(lines) == 2 and lines[0].startswith("Con") and lines[0].endswith("-"), lines
