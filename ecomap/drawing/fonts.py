"""The one font ecomap ships (Ecomap Sans) and the widths of text drawn in it, in CSS px."""

# Every renderer draws labels in Ecomap Sans (Noto Sans + Noto Sans Arabic; web/fonts/README.md):
# the browser loads it from the package, the PDF and pictures embed it, so the widths measured
# here are the widths drawn on every machine, whatever fonts it has. Pass text through
# drawable() first, so nothing falls back to another font. Pure Python on top of uharfbuzz; no
# Streamlit, no rendering library.

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import uharfbuzz as hb  # type: ignore[import-untyped]

from ecomap.drawing import WEB

__all__ = [
    "FONT_FAMILY",
    "covers",
    "drawable",
    "font_bytes",
    "font_path",
    "measuring",
    "ranges_named",
    "text_width",
]

FONT_FAMILY = "Ecomap Sans"
"""The family name in the font files' name table; use it in CSS ``font-family`` and FontFace."""

REPLACEMENT = "\ufffd"
_HERE = WEB / "fonts"
"""The font files: inside the map's web assets, so the browser loads the very same bytes."""
_FILES = {False: "EcomapSans-Regular.ttf", True: "EcomapSans-Bold.ttf"}
_ZWJ = "\u200d"
_LINE_CONTROLS = frozenset("\n\r\t")


def font_path(bold: bool = False) -> Path:
    """The TTF file of Ecomap Sans Regular (or Bold), inside the installed package."""
    return _HERE / _FILES[bold]


@cache
def font_bytes(bold: bool = False) -> bytes:
    """The bytes of :func:`font_path` (read once), e.g. for a data: URL or an embedded font."""
    return font_path(bold).read_bytes()


@cache
def _font(bold: bool) -> hb.Font:
    # The default scale is the face's units per em: advances come back in font units.
    return hb.Font(hb.Face(font_bytes(bold)))


@cache
def _upem() -> int:
    return int(_font(False).face.upem)


@cache
def _coverage() -> frozenset[int]:
    # Regular and Bold map the same code points (a test checks it).
    return frozenset(_font(False).face.unicodes)


def covers(char: str) -> bool:
    """Whether Ecomap Sans has a glyph for ``char`` (one character)."""
    return ord(char) in _coverage()


def ranges_named(word: str) -> tuple[tuple[int, int], ...]:
    """The code points of Ecomap Sans with ``word`` in their Unicode name ("arabic": the letters,
    and also the comma, question mark, tatweel, vowel marks and Arabic-Indic digits, which
    HarfBuzz counts as common or inherited), as (first, last) ranges, inclusive: what a CSS
    ``unicode-range`` needs to use this font for that script only (``ui.chrome``)."""
    word = word.upper()
    points = sorted(
        cp for cp in _coverage() if word in unicodedata.name(chr(cp), "").replace("-", " ").split()
    )
    ranges: list[tuple[int, int]] = []
    for cp in points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return tuple(ranges)


_MEMO: ContextVar[dict[object, object] | None] = ContextVar("ecomap_text_widths", default=None)
"""Where measured widths are kept while ``measuring`` is on: a dictionary the caller owns (the
app keeps one per session), never a process-wide cache, because the keys are what people typed."""


@contextmanager
def measuring(memo: dict[object, object]) -> Iterator[None]:
    """Keep widths (and scripts of characters) measured in this block in ``memo``."""
    token = _MEMO.set(memo)
    try:
        yield
    finally:
        _MEMO.reset(token)


def _script(char: str) -> str | None:
    memo = _MEMO.get()
    if memo is None:
        return _script_of(char)
    key = ("script", char)
    if key not in memo:
        memo[key] = _script_of(char)
    return memo[key]  # type: ignore[return-value]


def _script_of(char: str) -> str | None:
    """HarfBuzz's script of one character; None for Common and Inherited (spaces, digits, marks)."""
    buf = hb.Buffer()
    buf.add_str(char)
    buf.guess_segment_properties()
    script = buf.script
    return None if script in (None, "Zyyy", "Zinh", "Zzzz") else str(script)


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of one script, as browsers itemize text before shaping.

    Common and inherited characters (spaces, digits, punctuation, marks, joiners) stay in the
    run they follow; at the start of the text they join the first run with a script."""
    runs: list[tuple[int, int]] = []
    start, current = 0, None
    for i, char in enumerate(text):
        script = _script(char)
        if script is None or script == current:
            continue
        if current is None:
            current = script
            continue
        runs.append((start, i))
        start, current = i, script
    runs.append((start, len(text)))
    return runs


def _advance_units(text: str, bold: bool) -> int:
    memo = _MEMO.get()
    if memo is None:
        return _shaped_units(text, bold)
    key = (text, bold)
    if key not in memo:
        memo[key] = _shaped_units(text, bold)
    return memo[key]  # type: ignore[return-value]


def _shaped_units(text: str, bold: bool) -> int:
    """The advance width of one line in font units (shaped per script run, default features)."""
    font = _font(bold)
    total = 0
    for start, end in _runs(text):
        buf = hb.Buffer()
        buf.add_str(text, start, end - start)  # the whole text is context, as in a browser
        buf.language = "en"  # no language-specific forms, the same on every machine
        buf.guess_segment_properties()
        hb.shape(font, buf, {})
        total += sum(pos.x_advance for pos in buf.glyph_positions)
    return total


def text_width(text: str, font_px: float, *, bold: bool = False) -> float:
    """The advance width in CSS px of ``text`` as one line in Ecomap Sans at ``font_px`` px.

    HarfBuzz shapes it with its real metrics: kerning, Arabic joining and ligatures, marks, with
    direction and script per run guessed as a browser does; the width is the sum of the glyph
    advances, which is what canvas ``measureText(text).width`` reports. ``text`` is one line
    (no ``\\n``); characters the font lacks count as its .notdef box, so measure
    ``drawable(text)``. Inside ``measuring(memo)`` repeated words cost a dictionary look-up.
    """
    if not text:
        return 0.0
    return _advance_units(text, bold) * font_px / _upem()


def _is_mark(char: str) -> bool:
    """Combining marks, variation selectors, emoji modifiers and tags: part of the char before."""
    cp = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or 0x1F3FB <= cp <= 0x1F3FF
        or 0xE0020 <= cp <= 0xE007F
    )


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def drawable(text: str) -> str:
    """``text`` with what Ecomap Sans cannot draw replaced by U+FFFD (�) or left out (below), so
    that what the map draws is exactly what was measured, on every machine.

    A character the font lacks but whose compatibility form (NFKC) it has is drawn in that form:
    fullwidth letters and signs, ligatures, superscript digits.

    A letter the font lacks (CJK, Ge'ez, ...) becomes one U+FFFD together with what belongs to
    it: its combining marks, variation selectors and skin-tone modifiers. A symbol it lacks (an
    emoji, with its modifiers, an emoji joined to it with ZWJ, or a flag's two letters) is left
    out with one space beside it: "Opa Kees 👴" is drawn "Opa Kees", not "Opa Kees �", which
    reads as a fault in a dossier; a symbol between two words leaves one space. A text of
    nothing but such symbols is one U+FFFD, so no name is drawn empty. Combining marks and
    joiners (ZWJ, ZWNJ) on letters the font has stay. Marks and invisible format characters the
    font lacks, on a letter it has, are dropped (there is nothing to see). Tabs and line breaks
    stay as they are.
    """
    out: list[str] = []
    chars = list(text)
    i, n = 0, len(chars)
    while i < n:
        char = chars[i]
        i += 1
        if char in _LINE_CONTROLS or covers(char):
            out.append(char)
            continue
        same = unicodedata.normalize("NFKC", char)  # a fullwidth "＜" is a "<", "ﬁ" is "fi"
        if same != char and same.strip() and all(covers(c) for c in same):
            out.append(same)
            continue
        if unicodedata.category(char) == "Cf":
            continue  # an invisible format character the font lacks: nothing to see
        if _is_mark(char) and out and out[-1] not in _LINE_CONTROLS:
            continue  # a mark the font lacks on a letter it has (on a replaced one: absorbed)
        # An unknown base: absorb its cluster into one replacement character, or none.
        if _is_regional_indicator(char) and i < n and _is_regional_indicator(chars[i]):
            i += 1
        while i < n:
            nxt = chars[i]
            if _is_mark(nxt):
                i += 1
            elif nxt == _ZWJ and i + 1 < n and not covers(chars[i + 1]):
                i += 2  # emoji ZWJ emoji: one picture
            else:
                break
        if not unicodedata.category(char).startswith("S"):
            out.append(REPLACEMENT)
            continue
        after = chars[i] if i < n else ""
        if out and out[-1] == " " and (not after or after.isspace() or _is_punctuation(after)):
            out.pop()  # "Kees 👴." -> "Kees."
        elif (not out or out[-1].isspace()) and after == " ":
            i += 1  # "👴 Kees" -> "Kees"
        elif out and out[-1].isalnum() and after.isalnum():
            out.append(" ")  # "Oma❤Ans" -> "Oma Ans"
    drawn = "".join(out)
    return drawn if drawn.strip() or not text.strip() else REPLACEMENT
