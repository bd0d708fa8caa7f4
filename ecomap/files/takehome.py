"""The take-home page: one page for the parent, in the parent's language and voice.

The dossier PDF (``ecomap.files.pdf``) is for the child's file; this page goes home with the parent
(printed on A4, or as a PDF for the phone). It holds only what a parent needs to look at again:
a friendly title, the map drawn large, what is strong (the reflection's strengths paragraph, in
the parent's voice), one small next step (the first the reflection proposes, a chosen local offer
when there is one: ``ecomap.texts.reflection.first_step``) and the legend. No table, no consult
note, no "filled in by", no conversation guide, no list of changes.

Two page sizes (``PAGES``): A4, and a page with a phone screen's proportions (90 × 195 mm) whose
text is large enough to read on a phone without zooming. Everything fits one page: when the
words take more room, the map gets less height first, then every text a little smaller
(``_fit``).

It carries the map, as the dossier does: the map's JSON is attached (PDF/A-3B, ``ecomap.json``),
so putting this page in the app opens the map again (``ecomap.files.read.read_map``). What the nurse
wrote (the consult note, the earlier note, the family label, who filled it in) is not on the
page, and is not in the attachment either: the page may be shown to anyone at home.

Anonymised, people are called by role on the page and in the attachment. Right to left (Arabic),
the text runs right to left and the legend moves to the left (``ecomap.files.pdf_base``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from ecomap.drawing.picture import draw_map, figure_svg, legend_svg
from ecomap.drawing.placement import plan
from ecomap.drawing.style import INK, REGION_FILL
from ecomap.files.pdf_base import FONT, EcomapPDF, place_svg
from ecomap.model import Category, EcoMap, Language
from ecomap.offers import OfferChoice
from ecomap.texts.anonymise import anonymised
from ecomap.texts.catalog import text
from ecomap.texts.changes import long_date
from ecomap.texts.offer_text import practical_lines
from ecomap.texts.reflection import first_step, reflect

__all__ = ["PAGES", "Page", "for_home", "render_takehome", "render_takehome_phone"]

MM_PER_IN: Final = 25.4
LINE: Final = 0.46
"""Line height per point of font size (mm): 11 pt text gets 5 mm lines."""


@dataclass(frozen=True)
class Page:
    """One page size and the sizes on it (mm and points)."""

    width: float
    height: float
    margin: float
    title_pt: float
    heading_pt: float
    body_pt: float
    small_pt: float
    map_h: float
    """Tallest the map gets."""
    min_map_h: float
    """Below this the texts get smaller instead of the map."""
    legend_w: float
    """Width of the legend; beside the texts when it leaves them room, else below them."""
    legend_zoom: float
    """How much larger than the dossier's the legend is drawn (its letters are 8 pt at 1)."""
    beside: bool
    """The legend beside the texts (A4), or under them (the narrow phone page)."""


A4: Final = Page(
    width=210.0,
    height=297.0,
    margin=15.0,
    title_pt=20.0,
    heading_pt=13.0,
    body_pt=11.5,
    small_pt=8.5,
    map_h=150.0,
    min_map_h=100.0,
    legend_w=62.0,
    legend_zoom=1.25,
    beside=True,
)
PHONE: Final = Page(
    width=90.0,
    height=195.0,
    margin=4.5,
    title_pt=13.0,
    heading_pt=10.5,
    body_pt=9.5,
    small_pt=7.0,
    map_h=95.0,
    min_map_h=55.0,
    legend_w=81.0,
    legend_zoom=1.15,
    beside=False,
)
"""A phone screen's proportions: 9 : 19.5, as most phones since 2019 (a 9 : 16 page left the
words too small beside a large map and the legend). A phone shows the page its own width (about
70 mm), so 9.5 pt text reads as about 7.5 pt: small print, readable without zooming; the map's
names are drawn at the map's own scale, as large as the width allows."""
PAGES: Final = {"a4": A4, "phone": PHONE}

SMALLEST: Final = 0.8
"""The texts shrink at most to this share of their size to keep everything on one page."""
GAP: Final = 4.0
STEP_FILL: Final = REGION_FILL[Category.INFORMAL_CLOSE]
"""The step's box: the warm colour of the parent's own circle on the map (pale; prints grey)."""


def for_home(ecomap: EcoMap) -> EcoMap:
    """The map without what the nurse wrote about the family (the consult note, the earlier
    note, the family label, who filled it in, the notes of earlier versions): what goes home
    and is attached to the page. People, ties, wishes, the child's age and the dates stay, so
    the map opens again as it was."""
    return ecomap.model_copy(
        update={
            "note": "",
            "previous_note": "",
            "family_label": None,
            "filled_in_by": None,
            "history": [v.model_copy(update={"note": ""}) for v in ecomap.history],
        }
    )


@dataclass(frozen=True)
class _Words:
    """What the page says, in reading order."""

    title: str
    made: str
    strong_heading: str
    strong: str
    step_heading: str
    step: str
    step_details: str
    legend: str
    keep: str


def _words(shown: EcoMap, lang: Language, anonymise: bool, offers: OfferChoice | None) -> _Words:
    chosen = offers.offers if offers is not None else ()
    reflection = reflect(shown, lang, "parent", anonymous=anonymise, offers=chosen)
    strong = next((p.text for p in reflection.paragraphs if p.kind in ("strengths", "empty")), "")
    step = first_step(shown, lang, "parent", anonymous=anonymise, offers=chosen)
    offer = next((o for o in chosen if o.id == step.offer_id), None)
    details = " · ".join(practical_lines(offer, lang)) if offer is not None else ""
    keep = text("takehome.pdf.keep", lang)
    if anonymise:
        keep = f"{text('takehome.pdf.anonymised', lang)} {keep}"
    return _Words(
        title=text("takehome.pdf.title", lang),
        made=text("takehome.pdf.made", lang, date=long_date(shown.date, lang)),
        strong_heading=text("takehome.pdf.strong", lang),
        strong=strong,
        step_heading=text("takehome.pdf.step", lang),
        step=step.sentence,
        step_details=details,
        legend=text("takehome.pdf.legend", lang),
        keep=keep,
    )


def _scaled(page: Page, factor: float) -> Page:
    return replace(
        page,
        title_pt=page.title_pt * factor,
        heading_pt=page.heading_pt * factor,
        body_pt=page.body_pt * factor,
        small_pt=page.small_pt * factor,
        legend_zoom=page.legend_zoom * factor,
    )


class _Sheet(EcomapPDF):
    """One page, no automatic page break: the layout makes everything fit."""

    def __init__(self, lang: Language, page: Page) -> None:
        super().__init__(lang, (page.width, page.height))
        self.page_size = page
        self.set_margins(page.margin, page.margin, page.margin)
        self.set_auto_page_break(auto=False)

    def height_of(self, words: str, width: float, pt: float, bold: bool = False) -> float:
        """How tall ``words`` are as a paragraph ``width`` mm wide at ``pt`` points."""
        if not words:
            return 0.0
        self.set_font(FONT, "B" if bold else "", pt)
        lines = self.multi_cell(width, pt * LINE, words, dry_run=True, output="LINES")
        return len(lines) * pt * LINE

    def paragraph(
        self, words: str, x: float, y: float, width: float, pt: float, bold: bool = False
    ) -> float:
        """``words`` at (``x``, ``y``) from the start side; returns the y below them."""
        if not words:
            return y
        self.set_font(FONT, "B" if bold else "", pt)
        self.set_xy(self.from_start(x, width), y)
        self.multi_cell(width, pt * LINE, words, align=self.start, new_x="LEFT", new_y="NEXT")
        return self.get_y()


@dataclass(frozen=True)
class _Plan:
    page: Page
    text_w: float
    """Width of the column with what is strong and the step."""
    texts_h: float
    """Height of that column (headings, paragraphs, the step's box)."""
    legend: bytes
    legend_h: float
    map_w: float
    map_h: float


def _step_box_h(sheet: _Sheet, words: _Words, page: Page, width: float) -> float:
    pad = page.body_pt * 0.25
    inner = width - 2 * pad
    return (
        2 * pad
        + sheet.height_of(words.step, inner, page.body_pt)
        + sheet.height_of(words.step_details, inner, page.small_pt)
    )


def _texts_h(sheet: _Sheet, words: _Words, page: Page, width: float) -> float:
    heading = page.heading_pt * LINE + 1.0
    return (
        heading
        + sheet.height_of(words.strong, width, page.body_pt)
        + GAP
        + heading
        + _step_box_h(sheet, words, page, width)
    )


def _fit(sheet: _Sheet, words: _Words, shown: EcoMap, base: Page) -> _Plan:
    """Sizes that put everything on the one page: the map as large as the page allows (up to
    ``map_h``), the texts at their size; when the map would get less than ``min_map_h``, the
    texts a step smaller (down to ``SMALLEST``)."""
    x0, y0, x1, y1 = plan(shown).view
    aspect = (y1 - y0) / (x1 - x0)
    content_w = base.width - 2 * base.margin
    factor = 1.0
    while True:
        page = _scaled(base, factor)
        legend_w = min(page.legend_w, content_w)
        legend, legend_in = legend_svg(
            sheet.lang, False, round(legend_w / MM_PER_IN / page.legend_zoom, 2)
        )
        legend_h = legend_in * page.legend_zoom * MM_PER_IN
        legend_block = page.heading_pt * LINE + 1.0 + legend_h
        text_w = content_w - legend_w - GAP * 2 if page.beside else content_w
        texts_h = _texts_h(sheet, words, page, text_w)
        below_map = max(texts_h, legend_block) if page.beside else texts_h + GAP + legend_block
        top = (
            page.title_pt * LINE * _title_lines(sheet, words, page, content_w)
            + page.small_pt * LINE
            + GAP
        )
        footer = sheet.height_of(words.keep, content_w, page.small_pt) + GAP
        room = page.height - 2 * page.margin - top - footer - below_map - GAP
        map_h = min(page.map_h, content_w * aspect, room)
        if map_h >= page.min_map_h or factor <= SMALLEST:
            map_h = max(map_h, 10.0)
            map_w = min(content_w, map_h / aspect)
            return _Plan(page, text_w, texts_h, legend, legend_h, map_w, map_w * aspect)
        factor = round(factor - 0.05, 2)


def _title_lines(sheet: _Sheet, words: _Words, page: Page, width: float) -> int:
    return round(
        sheet.height_of(words.title, width, page.title_pt, bold=True) / (page.title_pt * LINE)
    )


def _draw(sheet: _Sheet, words: _Words, shown: EcoMap, fit: _Plan) -> None:
    """Title and date, the map across the page, what is strong and the step in its box, the
    legend beside them (A4) or under them (phone), and the line that says to keep the page."""
    page = fit.page
    m = page.margin
    content_w = page.width - 2 * m
    y = sheet.paragraph(words.title, m, m, content_w, page.title_pt, bold=True)
    sheet.set_text_color(90)
    y = sheet.paragraph(words.made, m, y, content_w, page.small_pt) + GAP
    sheet.set_text_color(0)

    figure = draw_map(shown, sheet.lang, legend="none", width_in=fit.map_w / MM_PER_IN)
    width_in, height_in = figure.get_size_inches()
    map_h = fit.map_w * float(height_in) / float(width_in)
    map_x = m + (content_w - fit.map_w) / 2
    place_svg(sheet, figure_svg(figure), x=map_x, y=y, w=fit.map_w, h=map_h)
    y += map_h + GAP

    text_y = sheet.paragraph(words.strong_heading, m, y, fit.text_w, page.heading_pt, True)
    text_y = sheet.paragraph(words.strong, m, text_y + 1.0, fit.text_w, page.body_pt) + GAP
    text_y = sheet.paragraph(words.step_heading, m, text_y, fit.text_w, page.heading_pt, True)
    text_y += 1.0
    box_h = _step_box_h(sheet, words, page, fit.text_w)
    sheet.set_fill_color(STEP_FILL)
    sheet.set_draw_color(INK)
    sheet.set_line_width(0.3)
    sheet.rect(
        sheet.from_start(m, fit.text_w), text_y, fit.text_w, box_h, style="DF", round_corners=True
    )
    pad = page.body_pt * 0.25
    inner = fit.text_w - 2 * pad
    after = sheet.paragraph(words.step, m + pad, text_y + pad, inner, page.body_pt)
    sheet.set_text_color(60)
    sheet.paragraph(words.step_details, m + pad, after, inner, page.small_pt)
    sheet.set_text_color(0)
    sheet.set_fill_color(0)  # the legend's letters take the fill colour: black again
    sheet.set_draw_color(0)
    text_y += box_h

    if page.beside:
        legend_x, legend_y = m + content_w - min(page.legend_w, content_w), y
    else:
        legend_x, legend_y = m, text_y + GAP
    legend_w = min(page.legend_w, content_w)
    after = sheet.paragraph(words.legend, legend_x, legend_y, legend_w, page.heading_pt, True)
    place_svg(
        sheet,
        fit.legend,
        x=sheet.from_start(legend_x, legend_w),
        y=after + 1.0,
        w=legend_w,
        h=fit.legend_h,
    )

    sheet.set_text_color(90)
    keep_h = sheet.height_of(words.keep, content_w, page.small_pt)
    sheet.paragraph(words.keep, m, page.height - m - keep_h, content_w, page.small_pt)
    sheet.set_text_color(0)


def render_takehome(
    ecomap: EcoMap,
    lang: Language = "nl",
    anonymise: bool = False,
    *,
    offers: OfferChoice | None = None,
    page: Page = A4,
) -> bytes:
    """The take-home page of ``ecomap`` as PDF bytes (PDF/A-3B, one page), in ``lang`` and the
    parent's voice, with the map's JSON attached (``for_home``: without the nurse's notes).

    ``anonymise``: roles instead of names, on the page and in the attachment. ``offers``: the
    local offers chosen for the family; the step is the first of them when the reflection
    proposes it, with where and when. ``page``: A4 (default) or ``PHONE``."""
    home = for_home(ecomap)
    shown = anonymised(home, lang) if anonymise else home
    sheet = _Sheet(lang, page)
    sheet.set_up(text("takehome.pdf.title", lang))
    sheet.add_page()
    words = _words(shown, lang, anonymise, offers)
    fit = _fit(sheet, words, shown, page)
    _draw(sheet, words, shown, fit)
    sheet.attach_map(shown, text("takehome.pdf.attachment", lang))
    return bytes(sheet.output())


def render_takehome_phone(
    ecomap: EcoMap,
    lang: Language = "nl",
    anonymise: bool = False,
    *,
    offers: OfferChoice | None = None,
) -> bytes:
    """``render_takehome`` on the phone-sized page (``PHONE``)."""
    return render_takehome(ecomap, lang, anonymise, offers=offers, page=PHONE)
