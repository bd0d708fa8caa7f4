"""The shipped font (Ecomap Sans) and widths measured with it: what the map plans is what it draws.

The browser test loads the font from a data: URL (no request) in a Chromium that sees no system
fonts (tests/fonts.conf), and checks canvas ``measureText`` against ``text_width``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.drawing.fonts import FONT_FAMILY, covers, drawable, font_bytes, font_path, text_width

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "ecomap" / "web" / "fonts"

# What people are called, per script; the mixed ones hold Arabic and Latin in one label.
SAMPLES = {
    "Dutch": ["Oma Jansen", "de juf van groep 2", "Zoë en Daniël", "IJsbrand van 't Hof"],
    "Turkish": ["Ayşe Yılmaz", "İstanbul Çiğdem", "Gülşen Öztürk", "ağabey Ümit"],
    "Polish": ["Łucja Wójcik", "Źdźbło Żółć", "Grzegorz Brzęczyszczykiewicz", "ciocia Małgośka"],
    "Ukrainian": ["Олена Коваленко", "бабуся Ївга", "Тетяна Ґудзь", "Київ, вулиця Хрещатик"],
    "Greek": ["Γιαγιά Ελένη", "Δήμητρα Παπαδοπούλου"],
    "Arabic": ["فاطمة الزهراء", "مُحَمَّد", "جدتي", "الجيران", "لا إله", "می\u200cخواهم"],
    "Arabic+Latin": ["Fatma فاطمة", "فاطمة Fatma", "juf سارة (groep 2)", "AVATAR محمد To"],
}
LINE_CONTROLS = set("\n\r\t")


# --------------------------------------------------------------------------- widths


def test_widths_grow_with_the_text_and_the_size() -> None:
    assert text_width("", 15) == 0.0
    assert 0 < text_width("O", 15) < text_width("Om", 15) < text_width("Oma", 15)
    assert text_width("Oma Jansen", 30) == pytest.approx(2 * text_width("Oma Jansen", 15))
    # About half an em per letter for this sans: 15 px type, 10 letters.
    assert 50 < text_width("Oma Jansen", 15) < 100


def test_bold_is_wider() -> None:
    for texts in SAMPLES.values():
        for text in texts:
            assert text_width(text, 15, bold=True) > text_width(text, 15), text


def test_arabic_is_shaped() -> None:
    """Joined letters take other (narrower or wider) forms than the same letters alone."""
    for word in ("سلام", "محمد", "فاطمة", "جدتي"):
        isolated = sum(text_width(letter, 15) for letter in word)
        assert text_width(word, 15) != pytest.approx(isolated, abs=0.01), word
    # lam + alef is one ligature glyph
    buf = hb.Buffer()
    buf.add_str("لا")
    buf.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(font_bytes())), buf, {})
    assert len(buf.glyph_infos) == 1


def test_harakat_take_no_width() -> None:
    assert text_width("مُحَمَّد", 15) == pytest.approx(text_width("محمد", 15))


def test_latin_and_cyrillic_kern() -> None:
    for pair in ("AV", "To", "Ту"):
        assert text_width(pair, 15) < sum(text_width(ch, 15) for ch in pair), pair


def test_mixed_arabic_and_latin_is_measured_per_script() -> None:
    """One label with both: Latin kerns, Arabic joins, as the browser shapes each run."""
    mixed = text_width("AVATAR محمد", 15)
    assert mixed == pytest.approx(text_width("AVATAR ", 15) + text_width("محمد", 15))


def test_measuring_is_kept_only_where_the_caller_says() -> None:
    """Widths are kept in the caller's own dictionary (the app keeps one per session), never in a
    process-wide cache: its keys are what people typed."""
    from ecomap.drawing.fonts import measuring

    memo: dict[object, object] = {}
    with measuring(memo):
        first = text_width("Buurvrouw Ineke", 15)
        assert text_width("Buurvrouw Ineke", 12) == pytest.approx(first * 12 / 15)
    assert ("Buurvrouw Ineke", False) in memo
    size = len(memo)
    text_width("Buurvrouw Anneke", 15)
    assert len(memo) == size, "outside the block nothing is kept"


# --------------------------------------------------------------------------- coverage


def test_drawable_replaces_letters_the_font_lacks() -> None:
    assert drawable("王芳") == "\ufffd\ufffd"
    assert drawable("ሰላም Ans") == "\ufffd\ufffd\ufffd Ans"  # Ge'ez: one per letter
    assert drawable("x\udc00y") == "x\ufffdy"  # a lone surrogate (from broken JSON)


def test_drawable_leaves_out_a_symbol_the_font_lacks_with_one_space() -> None:
    """A nurse's dossier reads "Opa Kees", not "Opa Kees �" (one picture is one cluster: ZWJ
    families, skin tones, flags, variation selectors)."""
    assert drawable("Opa Kees 👴") == "Opa Kees"
    assert drawable("Het contact met opa Kees 👴 voelt goed.") == (
        "Het contact met opa Kees voelt goed."
    )
    assert drawable("Dat is opa Kees 👴.") == "Dat is opa Kees."
    assert drawable("Fatma 😀😀 Ayşe") == "Fatma Ayşe"
    assert drawable("👨\u200d👩\u200d👧 gezin") == "gezin"
    assert drawable("👍🏽!") == "!"
    assert drawable("🇳🇱 NL") == "NL"
    assert drawable("Oma❤\ufe0fAns") == "Oma Ans"
    assert drawable("Oma 🌸\nAns") == "Oma\nAns"


def test_a_name_of_only_symbols_is_not_drawn_empty() -> None:
    assert drawable("❤\ufe0f") == "\ufffd"
    assert drawable("👴 👵") == "\ufffd"
    assert drawable("") == ""


def test_drawable_draws_compatibility_forms_as_their_plain_letters() -> None:
    """A name typed on a phone with a fullwidth keyboard is still read, not shown as �."""
    assert drawable("＜script＞") == "<script>"
    assert drawable("Ｆａｔｍａ") == "Fatma"
    assert drawable("ﬁ") == "fi"


def test_drawable_keeps_letters_marks_and_joiners() -> None:
    for texts in SAMPLES.values():
        for text in texts:
            assert drawable(text) == text, text
    for text in (
        "e\u0301",  # e + combining acute
        "Nguyễn Thị Ánh",
        "می\u200cخواهم",  # Persian: ZWNJ
        "ل\u200dا",  # ZWJ between Arabic letters
        "\u2068Fatma\u2069 قال",  # a name in isolates inside Arabic
        "\u200fعلي\u200e",
        "Oʻzbekiston",
        "№ 12, 5 €, 10 ₺, 20 ₴, 3 zł",
        "a\nb\tc",
    ):
        assert drawable(text) == text, text


def test_drawable_drops_what_cannot_show_on_a_letter() -> None:
    assert drawable("1\ufe0f\u20e3") == "1"  # keycap: the digit stays


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_drawable_text_is_all_drawn(text: str) -> None:
    out = drawable(text)
    assert all(covers(ch) or ch in LINE_CONTROLS for ch in out)
    assert drawable(out) == out


def user_visible_texts() -> dict[Path, str]:
    files = [p for p in sorted((ROOT / "questions").rglob("*")) if p.is_file()]
    # The map's own script and style (its badges and symbols are drawn with the font).
    files += [ROOT / "ecomap" / "web" / name for name in ("map.js", "index.js", "map.css")]
    assert len(files) > 10
    return {p: p.read_text(encoding="utf-8") for p in files}


def test_every_text_the_app_shows_is_covered() -> None:
    """Every character in every language's texts and in the map's script has a glyph: no symbol in
    the map, the legend or the PDF shows as an empty box."""
    missing = {
        f"{path.relative_to(ROOT)}: {ch!r} U+{ord(ch):04X}"
        for path, text in user_visible_texts().items()
        for ch in set(text) - LINE_CONTROLS
        if not covers(ch)
    }
    assert not missing, sorted(missing)


# --------------------------------------------------------------------------- the files


def documented_sha256() -> dict[str, str]:
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"`(EcomapSans-\w+\.ttf)`[^`\n]*`([0-9a-f]{64})`", readme))


def test_font_files_are_the_documented_ones() -> None:
    documented = documented_sha256()
    assert set(documented) == {"EcomapSans-Regular.ttf", "EcomapSans-Bold.ttf"}
    for bold in (False, True):
        path = font_path(bold)
        assert documented[path.name] == hashlib.sha256(font_bytes(bold)).hexdigest(), path.name
        assert path.stat().st_size < 400 * 1024
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_font_files_are_named_ecomap_sans() -> None:
    cmaps = []
    for bold, style in ((False, "Regular"), (True, "Bold")):
        font = TTFont(font_path(bold))
        name = font["name"]
        assert name.getDebugName(1) == FONT_FAMILY == "Ecomap Sans"
        assert name.getDebugName(2) == style
        assert name.getDebugName(6) == f"EcomapSans-{style}"
        assert "Noto Sans Arabic" in name.getDebugName(5)  # where it came from
        assert font["OS/2"].usWeightClass == (700 if bold else 400)
        assert {"GSUB", "GPOS", "GDEF"} <= set(font.keys())
        assert "fpgm" not in font  # no hinting
        cmaps.append(set(font.getBestCmap()))
    assert cmaps[0] == cmaps[1]  # covers() holds for both weights
    for cp in (0xFFFD, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069):
        assert cp in cmaps[0], hex(cp)


def test_measuring_needs_no_rendering_library() -> None:
    code = (
        "import sys, ecomap.drawing.fonts as f; f.text_width('Oma', 15); f.drawable('x');"
        "print(sorted(m for m in ('streamlit', 'matplotlib', 'fpdf', 'fontTools', 'PIL')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the browser

MEASURE = """async ([regular, bold, texts]) => {
  const faces = [
    new FontFace("Ecomap Sans", `url(data:font/ttf;base64,${regular})`),
    new FontFace("Ecomap Sans", `url(data:font/ttf;base64,${bold})`, {weight: "bold"}),
  ];
  for (const face of faces) { document.fonts.add(face); await face.load(); }
  const ctx = document.getElementById("c").getContext("2d");
  const out = {status: faces.map(f => f.status)};
  ctx.font = "15px sans-serif";
  out.system = ctx.measureText("Oma Jansen").width;
  for (const weight of ["normal", "bold"]) {
    ctx.font = `${weight} 15px "Ecomap Sans"`;
    out[weight] = texts.map(t => ctx.measureText(t).width);
  }
  return out;
}"""


@pytest.mark.browser
def test_chromium_measures_what_text_width_says(new_page: Any) -> None:
    page, _ = new_page()
    page.set_content("<!doctype html><html><body><canvas id='c'></canvas></body></html>")
    texts = [t for ts in SAMPLES.values() for t in ts]
    b64 = [base64.b64encode(font_bytes(bold)).decode("ascii") for bold in (False, True)]
    got = page.evaluate(MEASURE, [*b64, texts])
    assert got["status"] == ["loaded", "loaded"]
    assert got["system"] == 0, "the browser sees system fonts: FONTCONFIG_FILE was not applied"
    for weight, bold in (("normal", False), ("bold", True)):
        for text, width in zip(texts, got[weight], strict=True):
            assert width == pytest.approx(text_width(text, 15, bold=bold), abs=0.5), (weight, text)


def test_the_pages_arabic_range_holds_every_arabic_letter_the_app_shows() -> None:
    """``ranges_named("arabic")`` is the ``unicode-range`` the page uses Ecomap Sans for
    (``ui.chrome``): every Arabic character of the Arabic texts must fall in it, or the page
    would draw it in Streamlit's font, which has none."""
    import unicodedata

    from ecomap.drawing.fonts import ranges_named

    ranges = ranges_named("arabic")
    inside = {cp for first, last in ranges for cp in range(first, last + 1)}
    used = {
        c
        for text in user_visible_texts().values()
        for c in text
        if "ARABIC" in unicodedata.name(c, "")
    }
    assert len(used) > 30
    assert {c for c in used if ord(c) not in inside} == set()
    assert not any(first <= ord("a") <= last for first, last in ranges), "Latin is not in it"
