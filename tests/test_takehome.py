"""The take-home page (ecomap.files.takehome): one page, A4 or phone-shaped, with the map, what is
strong and one small step in the parent's voice, the legend, and nothing of the dossier; the map
rides along as ``ecomap.json`` and opens again; anonymised, no name is anywhere in the file.
Right to left (Arabic): the page and the dossier run right to left, shaped and mirrored."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from test_pdf import pdf_text
from test_pdfa import _every_text, pdfa_problems

from ecomap.cli import main
from ecomap.files.exports import EXPORTS, ExportOptions, export, format_for_path
from ecomap.files.pdf import render_pdf
from ecomap.files.read import read_map
from ecomap.files.takehome import (
    A4,
    PHONE,
    Page,
    _fit,
    _Sheet,
    _words,
    for_home,
    render_takehome,
    render_takehome_phone,
)
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie, Version
from ecomap.offers import OfferChoice, load_offers
from ecomap.texts import catalog
from ecomap.texts.catalog import text
from ecomap.texts.reflection import first_step, reflect

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4
SECRETS = ("Quirijntje", "Vlaswinkel", "Brunhildis", "Okkerse", "Zebedeus")
NOTE = "Geheime notitie over slapen"


def family(lang: str = "nl") -> EcoMap:
    people = [
        Person(
            id="a",
            name="Oma Quirijntje",
            role="oma",
            category=Category.INFORMAL_CLOSE,
            closeness=5,
        ),
        Person(id="b", name="Vlaswinkel", role="buurvrouw", category=Category.INFORMAL_DISTANT),
        Person(id="c", name="Dokter Brunhildis", category=Category.FORMAL_EVERYDAY),
        Person(
            id="d",
            name="Okkerse",
            category=Category.FORMAL_YOUTHCARE,
            quality=Quality.MIXED,
        ),
    ]
    ties = [
        Tie(person_id="a", form=SupportForm.EMOTIONAL),
        Tie(person_id="a", form=SupportForm.PRACTICAL, direction=Direction.BOTH),
        Tie(person_id="b", form=SupportForm.PRACTICAL),
        Tie(person_id="c", form=SupportForm.INFORMATIONAL),
    ]
    return EcoMap(
        date=dt.date(2026, 6, 1),
        language=lang,  # type: ignore[arg-type]
        people=people,
        ties=ties,
        wishes=[SupportForm.EMOTIONAL],
        note=NOTE,
        family_label="Gezin Zebedeus",
        filled_in_by="Zebedeus",
        previous_date=dt.date(2026, 3, 3),
        previous_note="Eerdere notitie",
        history=[Version(date=dt.date(2026, 3, 3), people=people[:1], note="Oude notitie")],
    )


@cache
def page(key: str) -> bytes:
    """The take-home pages the tests look at (cached: each takes a second)."""
    lang = "en" if key.startswith("en") else "nl"
    return {
        "nl": lambda: render_takehome(family(), "nl"),
        "nl-phone": lambda: render_takehome_phone(family(), "nl"),
        "en": lambda: render_takehome(family("en"), "en"),
        "nl-anonymised": lambda: render_takehome(family(), "nl", anonymise=True),
        "nl-phone-anonymised": lambda: render_takehome_phone(family(), "nl", anonymise=True),
        "nl-empty": lambda: render_takehome(EcoMap(date=dt.date(2026, 6, 1)), lang),
        "nl-offers": lambda: render_takehome(family(), "nl", offers=example_offers()),
        "nl-phone-sixty": lambda: render_takehome_phone(sixty(), "nl"),
    }[key]()


def example_offers() -> OfferChoice:
    offers = load_offers(ROOT / "examples" / "offers-voorbeeldstad.toml")
    return OfferChoice(about=offers.about, offers=tuple(offers.offers[:2]))


def sixty() -> EcoMap:
    categories = list(Category)
    people = [
        Person(id=f"p{i}", name=f"Persoon {i}", category=categories[i % 4]) for i in range(60)
    ]
    ties = [Tie(person_id=p.id, form=list(SupportForm)[i % 4]) for i, p in enumerate(people)]
    return EcoMap(date=dt.date(2026, 6, 1), people=people, ties=ties)


def size_mm(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [
        (round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1))
        for p in reader.pages
    ]


def squashed(words: str) -> str:
    return " ".join(words.split())


# --------------------------------------------------------------------------- the page


@pytest.mark.parametrize("key", ["nl", "en", "nl-empty", "nl-offers", "nl-anonymised"])
def test_one_a4_page(key: str) -> None:
    assert size_mm(page(key)) == [(210.0, 297.0)]


@pytest.mark.parametrize("key", ["nl-phone", "nl-phone-anonymised", "nl-phone-sixty"])
def test_the_phone_page_is_one_page_shaped_like_a_phone(key: str) -> None:
    [(width, height)] = size_mm(page(key))
    assert (width, height) == (PHONE.width, PHONE.height) == (90.0, 195.0)
    assert 1.7 <= height / width <= 2.2  # 16:9 to 20:9, as phone screens are


@pytest.mark.parametrize("key", ["nl", "nl-phone"])
def test_title_strengths_and_one_step_in_the_parents_voice(key: str) -> None:
    seen = pdf_text(page(key))
    m = family()
    strengths = next(p for p in reflect(m, "nl", "parent").paragraphs if p.kind == "strengths")
    steps = next(p for p in reflect(m, "nl", "parent").paragraphs if p.kind == "next_steps")
    step = first_step(m, "nl", "parent")
    assert squashed(text("takehome.pdf.title", "nl")) in seen
    assert squashed(strengths.text) in seen
    assert squashed(step.sentence) in seen
    assert steps.sentences[1] == step.sentence  # the reflection's first step ...
    assert squashed(steps.sentences[2]) not in seen  # ... and only that one
    assert text("takehome.pdf.strong", "nl") in seen and text("takehome.pdf.step", "nl") in seen
    assert text("takehome.pdf.legend", "nl") in seen
    assert " je " in f" {seen} " and " u " not in f" {seen} "


@pytest.mark.parametrize("key", ["nl", "nl-phone", "nl-offers"])
def test_nothing_of_the_dossier_is_on_the_page(key: str) -> None:
    seen = pdf_text(page(key))
    for dossier_id in (
        "dossier.pdf.col_name",
        "dossier.pdf.col_category",
        "dossier.pdf.people",
        "dossier.pdf.note",
        "dossier.pdf.changes",
        "dossier.pdf.reflection",
        "guide.pdf.heading",
        "offers.pdf.heading",
    ):
        assert text(dossier_id, "nl") not in seen, dossier_id
    assert "Ingevuld door" not in seen and "Zebedeus" not in seen
    for note in (NOTE, "Eerdere notitie", "Oude notitie"):
        assert note not in _every_text(page(key)), "a note went home on the page"


def test_the_step_is_the_chosen_offer_with_where_and_when() -> None:
    offers = example_offers()
    step = first_step(family(), "nl", "parent", offers=offers.offers)
    assert step.offer_id == offers.offers[0].id
    seen = pdf_text(page("nl-offers"))
    assert squashed(step.sentence) in seen
    assert offers.offers[0].name.in_("nl") in seen


def test_an_empty_map_gets_a_warm_start() -> None:
    seen = pdf_text(page("nl-empty"))
    empty = next(p for p in reflect(EcoMap(), "nl", "parent").paragraphs if p.kind == "empty")
    assert squashed(empty.text) in seen


@pytest.mark.parametrize("key", ["nl", "nl-phone", "nl-anonymised", "nl-empty", "nl-offers"])
def test_the_page_is_pdfa_3b(key: str) -> None:
    assert pdfa_problems(page(key)) == []


@pytest.mark.parametrize("key", ["nl", "nl-phone", "en"])
def test_uploading_the_page_opens_the_map_again(key: str) -> None:
    original = family("en" if key == "en" else "nl")
    restored = read_map(page(key))
    assert restored == for_home(original)
    assert [p.name for p in restored.people] == [p.name for p in original.people]
    assert restored.ties == original.ties and restored.history[0].date == dt.date(2026, 3, 3)
    assert not restored.note and not restored.filled_in_by and not restored.family_label


@pytest.mark.parametrize("key", ["nl-anonymised", "nl-phone-anonymised"])
def test_anonymised_no_name_anywhere(key: str) -> None:
    everything = _every_text(page(key))
    for secret in SECRETS:
        assert secret not in everything
    restored = read_map(page(key))
    assert [p.category for p in restored.people] == [p.category for p in family().people]
    assert text("takehome.pdf.anonymised", "nl") in pdf_text(page(key))


@pytest.mark.parametrize(("fmt", "tall", "wide"), [(A4, 100, 170), (PHONE, 55, 78)])
@pytest.mark.parametrize("ecomap", [family(), sixty(), EcoMap()], ids=["family", "sixty", "empty"])
def test_the_map_is_large(fmt: Page, tall: float, wide: float, ecomap: EcoMap) -> None:
    """The map gets at least ``tall`` mm of height, or (a wide map) ``wide`` mm of width."""
    sheet = _Sheet("nl", fmt)
    sheet.set_up("test")
    sheet.add_page()
    fit = _fit(sheet, _words(ecomap, "nl", False, None), ecomap, fmt)
    assert fit.map_h >= tall - 0.01 or fit.map_w >= wide
    assert fit.page.body_pt >= fmt.body_pt * 0.8


# --------------------------------------------------------------------------- registry, CLI


def test_both_pages_are_in_the_registry_and_pdf_still_means_the_dossier() -> None:
    for key in ("takehome", "takehome-phone"):
        assert EXPORTS[key].extension == ".pdf" and not EXPORTS[key].by_extension
    assert format_for_path("map.pdf") is EXPORTS["pdf"]
    data = export(family(), "takehome-phone", ExportOptions(lang="en", mode="nurse"))
    assert size_mm(data) == [(90.0, 195.0)]
    seen = pdf_text(data)
    assert text("takehome.pdf.title", "en") in seen
    assert " you " in f" {seen} "  # the parent's voice, whatever the mode


def test_the_command_line_renders_the_take_home_page(tmp_path: Path) -> None:
    source = tmp_path / "map.json"
    source.write_text(family().to_json(), encoding="utf-8")
    out = tmp_path / "thuis.pdf"
    assert main(["render", str(source), "-o", str(out), "--format", "takehome"]) == 0
    assert size_mm(out.read_bytes()) == [(210.0, 297.0)]
    assert read_map(out.read_bytes()).people == family().people
    phone = tmp_path / "telefoon.pdf"
    args = ["render", str(source), "-o", str(phone), "--format", "takehome-phone", "--anonymise"]
    assert main(args) == 0
    for secret in SECRETS:
        assert secret not in _every_text(phone.read_bytes())


# --------------------------------------------------------------------------- right to left

ARABIC = {
    "takehome.toml": {
        "title": "خريطتك: من معك ومع طفلك",
        "strong": "ما هو قوي",
        "step": "خطوة صغيرة",
        "keep": "احتفظ بهذه الورقة.",
    },
}
FATIMA = "جدة فاطمة"


@pytest.fixture
def arabic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The texts with Arabic for the take-home page (the translators' real texts are not there
    yet): a copy of questions/ where ar/takehome.toml is English with a few Arabic lines."""
    copy = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", copy)
    english = (ROOT / "questions" / "en" / "takehome.toml").read_text(encoding="utf-8")
    for key, value in ARABIC["takehome.toml"].items():
        english = re.sub(rf'^{key} = ".*"$', f'{key} = "{value}"', english, count=1, flags=re.M)
    (copy / "ar" / "takehome.toml").write_text(english, encoding="utf-8")
    monkeypatch.setenv("ECOMAP_QUESTIONS", str(copy))
    catalog.entries.cache_clear()
    yield
    monkeypatch.delenv("ECOMAP_QUESTIONS")
    catalog.entries.cache_clear()


def arabic_family() -> EcoMap:
    people = [
        Person(id="a", name=FATIMA, role="جدة", category=Category.INFORMAL_CLOSE, closeness=5),
        Person(id="b", name="Oma Ans", category=Category.INFORMAL_DISTANT),
    ]
    ties = [
        Tie(person_id="a", form=SupportForm.EMOTIONAL),
        Tie(person_id="a", form=SupportForm.PRACTICAL),
        Tie(person_id="b", form=SupportForm.PRACTICAL),
    ]
    return EcoMap(
        date=dt.date(2026, 6, 1),
        language="ar",
        people=people,
        ties=ties,
        note="تحدثنا مع Oma Ans عن المدرسة",
    )


def words_at(data: bytes) -> list[tuple[str, float, float, float]]:
    """Every word pdftotext finds: (word, xMin, xMax, yMin) in points. pdftotext gives an
    Arabic word's letters in the order they are drawn (right to left); they are turned back."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True
    ).stdout.decode("utf-8")
    return [
        (
            html_word[::-1] if re.search("[\u0600-\u06ff]", html_word) else html_word,
            float(x0),
            float(x1),
            float(y0),
        )
        for x0, y0, x1, html_word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            out,
        )
    ]


def shaped(data: bytes) -> bool:
    """Arabic was shaped: one letter drawn with two glyphs (a joining and a lone form), or two
    letters as one glyph (the lam-alef ligature), in the font's ToUnicode map."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            targets = re.findall(r"<[0-9A-F]{4}> <([0-9A-F]+)>", cmap)
            arabic = [t for t in targets if t.startswith("06")]
            if len(arabic) != len(set(arabic)) or any(len(t) > 4 for t in arabic):
                return True
    return False


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


@needs_poppler
@pytest.mark.usefixtures("arabic")
def test_the_arabic_take_home_page_runs_right_to_left() -> None:
    data = render_takehome(arabic_family(), "ar")
    width = 210 * MM
    words = words_at(data)
    title = [w for w in words if w[0] in ARABIC["takehome.toml"]["title"].split()]
    assert title, "the Arabic title is not on the page"
    assert max(w[2] for w in title) > width - 17 * MM  # it ends at the right margin
    assert min(w[1] for w in title) > width / 3  # and does not start at the left one
    strong = [w for w in words if w[0] in ARABIC["takehome.toml"]["strong"].split()]
    legend = [w for w in words if w[0] in ("How", "read", "map")]  # the legend's heading
    assert strong and legend
    assert min(w[1] for w in strong) > max(w[2] for w in legend), "the legend is not on the left"
    assert shaped(data)
    assert FATIMA in pdf_text(data)  # the name reads back in its own order
    dutch = words_at(render_takehome(family(), "nl"))
    first = next(w for w in dutch if w[0] == "Jouw")
    assert first[1] < 16 * MM  # left to right, the title starts at the left margin


@needs_poppler
@pytest.mark.usefixtures("arabic")
def test_the_arabic_dossier_runs_right_to_left_with_latin_names_in_order() -> None:
    data = render_pdf(arabic_family(), "ar")
    words = words_at(data)
    # The note, right to left: تحدثنا مع Oma Ans عن المدرسة (the Latin name left to right).
    y = next(w[3] for w in words if w[0] == "تحدثنا")
    line = sorted((w for w in words if abs(w[3] - y) < 1), key=lambda w: -w[1])
    order = [w[0] for w in line]
    assert order.index("تحدثنا") < order.index("مع") < order.index("Ans")
    assert order.index("Ans") < order.index("Oma") < order.index("عن")  # Oma left of Ans
    assert line[0][2] > 210 * MM - 13 * MM  # right-aligned

    # The table: the name in the rightmost column, the contact in the leftmost.
    # pdftotext reads the lam-alef ligature back as alef-lam ("الاسم" comes out as "االسم").
    def found(word: str) -> tuple[str, float, float, float]:
        return next(w for w in words if w[0] in (word, word.replace("لا", "ال")))

    heading_name = found(text("dossier.pdf.col_name", "ar"))
    heading_contact = found(text("dossier.pdf.col_quality", "ar"))
    assert heading_name[1] > heading_contact[2]
    assert shaped(data)
    assert FATIMA in pdf_text(data)


@needs_poppler
def test_a_latin_name_with_a_bracket_keeps_its_order_in_an_arabic_print() -> None:
    """fpdf2's bidi knows no isolates: without a mark after the name, "Juf Mila (school)" in an
    Arabic sentence printed as "(Juf Mila (school"."""
    m = EcoMap(
        language="ar",
        people=[
            Person(id="a", name=FATIMA, category=Category.INFORMAL_CLOSE, closeness=1),
            Person(id="b", name="Juf Mila (school)", category=Category.FORMAL_EVERYDAY),
        ],
        ties=[
            Tie(person_id="a", form=SupportForm.EMOTIONAL),
            Tie(person_id="b", form=SupportForm.EMOTIONAL),
            Tie(person_id="b", form=SupportForm.PRACTICAL),
        ],
    )
    for data in (render_takehome(m, "ar"), render_pdf(m, "ar")):
        words = [w[0] for w in words_at(data)]
        assert "(school)" in words, words
        assert not any(w.startswith("(Juf") for w in words), words
        assert "\u200e" not in pdf_text(data) and "\u2068" not in pdf_text(data)
