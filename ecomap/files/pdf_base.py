"""What every ecomap PDF shares: the page class, the font, the map drawing as vector paths, the
map's JSON attached, and the writing direction. The dossier (``ecomap.files.pdf``) and the take-home
page (``ecomap.files.takehome``) are both built on it, so both embed the same font, shape the same
scripts, are PDF/A-3B, and open again in the app.

Right to left: for a language written that way (``ecomap.texts.catalog.direction``: Arabic) the page
shapes text with HarfBuzz as right-to-left Arabic, so paragraphs run right to left, letters join
and a Latin name inside an Arabic sentence keeps its own order (fpdf2's bidi algorithm splits the
line into runs); paragraphs are right-aligned (``EcomapPDF.start``) and the renderers mirror their
columns (``EcomapPDF.from_start``). Text without Arabic or another script that needs shaping skips
HarfBuzz (see ``needs_shaping``) and prints as it is, aligned the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final, Literal

from fpdf import FPDF
from fpdf.drawing import GraphicsContext, PaintedPath
from fpdf.drawing_primitives import Transform
from fpdf.svg import SVGObject

from ecomap.drawing.fonts import drawable, font_path
from ecomap.files.read import ATTACHMENT_NAME
from ecomap.model import EcoMap, Language
from ecomap.texts.catalog import direction

FONT: Final = "EcomapSans"
"""The page's font: Ecomap Sans, the map's own (embedded)."""
COMPLIANCE: Final = "PDF/A-3B"
"""The dossier is kept for years in the child's file, so it is an archival PDF: PDF/A-3, level B
(it looks the same in any reader decades on: fonts embedded, colours tied to sRGB by an output
intent, no JavaScript, no encryption, XMP metadata that says it is PDF/A). Part 3, because only
PDF/A-3 may carry a file that is not itself PDF/A: the map's JSON. fpdf2 writes the XMP
(``pdfaid``), the sRGB output intent and the trailer ``/ID``, and refuses what PDF/A forbids
(core fonts, encryption), so a change that would break the archive format fails loudly here.
The take-home page is the same kind of file: a parent may keep it for years too."""
ATTACHMENT_RELATIONSHIP: Final = "Data"
"""How the attached ``ecomap.json`` relates to the page, as PDF/A-3 requires every embedded file
to say (``/AFRelationship``): ``Data``, the information the page is drawn from. It is listed in
the catalog's ``/AF``, so an archive's software knows it belongs to the document."""
RTL_SHAPING: Final = {"direction": "rtl", "script": "arab", "language": "ara"}
"""HarfBuzz's settings for a right-to-left page (the one such language is Arabic)."""

Align = Literal["L", "R"]
_ISOLATES: Final = dict.fromkeys([*range(0x2066, 0x206A), 0x200E, 0x200F])
"""LRI, RLI, FSI and PDI, and the marks LRM and RLM, deleted by ``str.translate``."""
_ISOLATED: Final = re.compile("\u2068([^\u2066-\u2069]*)\u2069")
"""A name ``ecomap.texts.wording.isolated`` put between FSI and PDI."""


def marked(words: str) -> str:
    """``words`` with each isolated name followed by a mark of the name's own direction
    (LRM after a Latin name, RLM after an Arabic one) instead of the isolates.

    fpdf2's bidi algorithm does not know isolates: a Latin name ending in a bracket inside an
    Arabic sentence ("... وJuf Mila (school) أيضًا") printed as "(Juf Mila (school". A mark
    after the name gives the closing bracket the name's direction, which is all an isolate did
    there; the mark is dropped again when drawn (``_ISOLATES``)."""

    def mark(found: re.Match[str]) -> str:
        name = found[1]
        strong = next(
            (d for d in map(unicodedata.bidirectional, name) if d in ("L", "R", "AL")), "L"
        )
        return name + ("\u200e" if strong == "L" else "\u200f")

    return _ISOLATED.sub(mark, words)


def needs_shaping(words: str) -> bool:
    """Whether HarfBuzz must shape ``words``: true for scripts that join or reorder letters
    (Arabic, Hebrew, Indic), combining marks, bidi and joiner controls, and characters outside
    the font's simple ranges (an emoji, so that it prints as the same empty box as before).
    Latin (with Turkish and Polish letters), Greek and Cyrillic as precomposed letters, common
    punctuation and currency signs print the same letters without it (only unkerned)."""
    for char in words:
        code = ord(char)
        simple = (
            (code < 0x0590 and not unicodedata.combining(char))
            or 0x2010 <= code <= 0x2027
            or 0x2030 <= code <= 0x205E
            or 0x20A0 <= code <= 0x20CF
        )
        if not simple:
            return True
    return False


class _SharedDefinition(GraphicsContext):
    """An SVG ``<defs>`` element that every ``<use>`` of it draws as the same object.

    fpdf2 deep-copies the referenced element for each ``<use>``. matplotlib writes every letter
    of the map (text as outlines) as a ``<use>`` of a glyph path: ~330 deep copies at 30
    people, about a quarter of the PDF's time. The ``<use>``'s own transform and style sit on a
    new group around the reference, and drawing does not change it, so one object serves all
    (tests: the page's drawing operators are the same as with ``FPDF.image``)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _SharedDefinition:
        return self


class _SharedDefsSVG(SVGObject):
    """``SVGObject`` that registers each path definition once, as a ``_SharedDefinition``."""

    def update_xref(self, key: str | None, referenced: Any) -> None:
        # Only plain paths (glyphs, markers): a clipping path must stay what it is.
        if type(referenced) is PaintedPath:
            shared = _SharedDefinition()
            shared.add_item(referenced, clone=False)
            referenced = shared
        super().update_xref(key, referenced)


def place_svg(pdf: FPDF, svg: bytes, x: float, y: float, w: float, h: float) -> None:
    """Draw ``svg`` as vector paths in the box at (``x``, ``y``), ``w`` × ``h`` mm: what
    ``FPDF.image`` does for an SVG, through fpdf2's public drawing API, without the copies."""
    drawing = _SharedDefsSVG(svg)
    _, _, path = drawing.transform_to_rect_viewport(
        scale=1, width=w, height=h, ignore_svg_top_attrs=True
    )
    assert path.transform is not None
    path.transform = path.transform @ Transform.translation(x, y)
    pdf.draw_path(path, copy=False)


class EcomapPDF(FPDF):
    """A PDF/A-3B page in Ecomap Sans, in millimetres, that knows its language's direction.

    ``format`` is fpdf2's: "A4" or (width, height) in mm."""

    def __init__(self, lang: Language, format: str | tuple[float, float] = "A4") -> None:
        super().__init__(
            orientation="portrait", unit="mm", format=format, enforce_compliance=COMPLIANCE
        )
        self.lang: Language = lang
        self.rtl = direction(lang) == "rtl"
        """The language is written right to left: text shaped so, columns mirrored."""

    @property
    def start(self) -> Align:
        """Where a line of text starts: left, or right for a right-to-left language."""
        return "R" if self.rtl else "L"

    @property
    def end(self) -> Align:
        """Where a line of text ends (the page number, a date at the side)."""
        return "L" if self.rtl else "R"

    def from_start(self, x: float, w: float) -> float:
        """The left edge of a box ``w`` mm wide placed ``x`` mm from the start side: from the
        left margin's edge of the page, or, right to left, from its right edge."""
        return self.w - x - w if self.rtl else x

    def set_up(self, title: str) -> None:
        """Fonts (regular and bold), shaping for the language's direction, and the metadata
        (the fixed title, the program, the language: never a name)."""
        self.add_font(FONT, "", font_path(False))
        self.add_font(FONT, "B", font_path(True))
        if self.rtl:
            self.set_text_shaping(
                use_shaping_engine=True,
                direction=RTL_SHAPING["direction"],
                script=RTL_SHAPING["script"],
                language=RTL_SHAPING["language"],
            )
        else:
            self.set_text_shaping(True)
        self.set_title(title)
        self.set_creator("ecomap")
        self.set_lang(self.lang)

    def normalize_text(self, text: str) -> str:
        """Every text on the page as the map draws it (``ecomap.drawing.fonts.drawable``): a
        character Ecomap Sans lacks prints as one U+FFFD, as on the map, instead of silently
        vanishing (or as the font's .notdef box, which PDF/A forbids)."""
        return super().normalize_text(drawable(text))

    @contextmanager
    def _shaping_for(self, text: str) -> Iterator[None]:
        """Shaping off while ``text`` is laid out, when it does not need it (``needs_shaping``);
        the document's setting is restored afterwards."""
        shaping = self.text_shaping
        if shaping is None or needs_shaping(text):
            yield
            return
        self.text_shaping = None
        try:
            yield
        finally:
            self.text_shaping = shaping

    def _preload_font_styles(
        self, text: str | None, markdown: bool, *args: Any, **kwargs: Any
    ) -> Any:
        """Each run of one direction, without the bidi isolates (U+2066-U+2069) that
        ``ecomap.texts.wording`` puts around a name in right-to-left text. fpdf2 has already used
        them to order the runs (its bidi algorithm runs first and calls this per run); drawn, they
        are invisible glyphs that a PDF reader copies into the middle of the name ("فاطم ة"), so
        the name could not be found or copied whole."""
        if text:
            text = text.translate(_ISOLATES)
        return super()._preload_font_styles(text, markdown, *args, **kwargs)

    def multi_cell(
        self, w: float, h: float | None = None, text: str = "", *args: Any, **kwargs: Any
    ) -> Any:
        """``FPDF.multi_cell`` that shapes text with HarfBuzz only when the text needs it.

        Shaping measures every line break candidate through HarfBuzz: about a millisecond per
        cell, and the table has five cells per person. Latin text prints the same letters
        without it (unkerned, so a line may break one word earlier), so only cells with Arabic
        or another script that needs it (see ``needs_shaping``) pay. On a right-to-left page,
        a text without Arabic (a Latin name on its own) keeps its own order: a full stop stays
        at its end."""
        text = marked(text)
        with self._shaping_for(text):
            return super().multi_cell(w, h, text, *args, **kwargs)

    def cell(
        self,
        w: float | None = None,
        h: float | None = None,
        text: str = "",
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """``FPDF.cell``, shaped only when the text needs it (as ``multi_cell``)."""
        text = marked(text)
        with self._shaping_for(text):
            return super().cell(w, h, text, *args, **kwargs)

    def attach_map(self, ecomap: EcoMap, description: str) -> None:
        """The map's JSON as the associated file ``ecomap.json``, which
        ``ecomap.files.read.read_map`` finds when the page is uploaded again. Dated at noon of the
        map's date (no clock time that says when the file was made)."""
        self.embed_file(
            basename=ATTACHMENT_NAME,
            bytes=ecomap.to_json().encode("utf-8"),
            desc=description,
            mime_type="application/json",
            associated_file_relationship=ATTACHMENT_RELATIONSHIP,
            modification_date=dt.datetime.combine(ecomap.date, dt.time(12), tzinfo=dt.UTC),
        )
