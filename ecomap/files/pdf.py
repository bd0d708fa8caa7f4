"""The dossier PDF: one A4 page with the map, the reflection and the table of people.

A JGZ nurse prints it for the child's dossier (often in black and white) and at the next consult
uploads it again: the map's JSON rides along as a file attachment (``ecomap.json``), which
``ecomap.files.read.read_map`` finds. The page holds: title and date (with the optional family
label and "filled in by"), the map as a vector drawing beside its legend and the reflection,
optionally what changed since an earlier map, the table of people, and the consult note (or room to
write one).

Built with fpdf2 (no hand-made PDF syntax): Ecomap Sans (the map's own font) is embedded and
text that needs it (Arabic and other joining scripts, combining marks, an emoji) is shaped with
HarfBuzz, so Turkish, Polish and Arabic names print correctly; a character the font lacks (an
emoji) prints as U+FFFD, as on the map drawing (``ecomap.drawing.fonts.drawable``), never as the
font's .notdef box, which PDF/A forbids. Plain Latin, Greek
and Cyrillic text skips shaping: it prints the same letters, only without kerning, and takes
less time. The map is matplotlib's SVG placed as vector paths, so it stays sharp on paper.
Sizes are in millimetres.

The PDF is PDF/A-3B (``COMPLIANCE``), a format for archives, with the JSON as an associated file.
Its metadata (the XMP) holds the fixed title, the program and dates, never a name or other text
typed about the family.

The anonymised print calls people by role (``ecomap.texts.anonymise``) everywhere: in the drawing,
the table, the reflection, the comparison, and in the attached JSON, so the file holds no names.

With local offers chosen for the family (``ecomap.offers``), the reflection names them and a short
section below the table lists each with where, when, cost and how to join; the nurse's
conversation guide (``ecomap.texts.guide``) is printed only when asked for, in nurse mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from fpdf.fonts import FontFace

from ecomap.drawing.picture import draw_map, figure_svg, legend_svg
from ecomap.drawing.placement import plan
from ecomap.files.pdf_base import COMPLIANCE, FONT, EcomapPDF, place_svg
from ecomap.model import Category, EcoMap, Language, Person, SupportForm
from ecomap.offers import Offer, OfferChoice
from ecomap.texts.anonymise import anonymised, comparison_names, has_free_text
from ecomap.texts.catalog import text
from ecomap.texts.changes import compare, describe, long_date
from ecomap.texts.guide import conversation_guide
from ecomap.texts.labels import label
from ecomap.texts.offer_text import practical_lines
from ecomap.texts.reflection import Mode, reflect

__all__ = ["COMPLIANCE", "hyphenated", "render_pdf"]

PAGE_W: Final = 210.0
MARGIN: Final = 12.0
CONTENT_W: Final = PAGE_W - 2 * MARGIN
MAP_W: Final = 118.0
"""Widest the map drawing gets; the column to its right holds the legend and the reflection."""
MAP_H: Final = 132.0
"""Tallest the map drawing gets (mm): a tall map is drawn narrower, so the page keeps room for
the table."""
GUTTER: Final = 5.0
LEGEND_W: Final = 62.0
"""Width of the legend beside the map (mm); the reflection takes the whole column."""
BODY_PT: Final = 8.5
SIDE_PT: Final = 8.0
TABLE_PT: Final = 8.0
NOTE_BOX_H: Final = 16.0
"""Height of the empty box left for a handwritten note when no note was typed."""
_TABLE_WIDTHS: Final = (31, 25, 33, 39, 32, 26)
"""Table columns (mm): name, role, group, the family receives, the family gives, contact."""
_ANONYMOUS_WIDTHS: Final = (40, 52, 32, 28, 34)
"""Anonymised, the first column is the role (there is no name): role, group, receives, gives,
contact."""
SOFT_HYPHEN: Final = "\u00ad"
LONG_WORD: Final = 12
"""Words of this many letters or more get soft hyphens, so that a word too long for its column
breaks with a hyphen ("Jeugdverpleeg-kundige") instead of anywhere without one."""


class _Dossier(EcomapPDF):
    """An A4 page with our footer (what the file holds, and page x of y) on every page, written
    as PDF/A-3B (``COMPLIANCE``)."""

    def __init__(self, lang: Language, anonymise: bool, left_out: bool = False) -> None:
        super().__init__(lang, "A4")
        self.anonymise = anonymise
        self.left_out = left_out
        """Free text (the note, the family label) was left out of this anonymised print."""

    def footer(self) -> None:
        self.set_y(-MARGIN - 4)
        self.set_font(FONT, size=7)
        self.set_text_color(90)
        lines = [text("dossier.pdf.footer", self.lang)]
        if self.anonymise:
            lines.append(text("dossier.pdf.anonymised", self.lang))
            if self.left_out:
                lines.append(text("dossier.pdf.left_out", self.lang))
        top = self.get_y()
        self.set_x(self.from_start(MARGIN, CONTENT_W - 25))
        self.multi_cell(CONTENT_W - 25, 3.2, " ".join(lines), align=self.start, new_y="TOP")
        self.set_xy(self.from_start(MARGIN + CONTENT_W - 25, 25), top)
        self.cell(
            25,
            3.2,
            text("dossier.pdf.page", self.lang, page=self.page_no(), pages="{nb}"),
            align=self.end,
        )
        self.set_text_color(0)


def render_pdf(
    ecomap: EcoMap,
    lang: Language = "nl",
    mode: Mode = "nurse",
    anonymise: bool = False,
    previous: EcoMap | None = None,
    *,
    keep_free_text: bool = False,
    offers: OfferChoice | None = None,
    guide: bool = False,
) -> bytes:
    """The dossier PDF of ``ecomap`` as bytes (PDF/A-3B), with the map's JSON attached.

    ``previous``: an earlier map of the same family; what changed is told on the page and new or
    moved people are marked on the map. ``anonymise``: roles instead of names everywhere,
    including the attached JSON; free text (the note, the family label, who filled it in) is left
    out unless ``keep_free_text`` (the user confirmed it holds no names). ``offers``: the local
    offers chosen for the family (named in the reflection and listed with their details);
    ``guide``: print the nurse's conversation guide (nurse mode only).
    """
    shown = anonymised(ecomap, lang, keep_free_text=keep_free_text) if anonymise else ecomap
    left_out = anonymise and has_free_text(ecomap) and not keep_free_text
    pdf = _Dossier(lang, anonymise, left_out)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 8)
    pdf.set_up(text("dossier.pdf.title", lang))
    pdf.alias_nb_pages()
    pdf.add_page()

    _header(pdf, shown, lang, mode)
    chosen = offers.offers if offers is not None else ()
    _map_and_reflection(pdf, ecomap, shown, lang, mode, anonymise, previous, chosen)
    if previous is not None:
        _changes(pdf, ecomap, previous, lang, mode, anonymise)
    _table(pdf, shown, lang, anonymise)
    _wishes(pdf, shown, lang)
    if offers is not None:
        _offers(pdf, offers, lang)
    if guide and mode == "nurse":
        _guide(pdf, shown, lang, anonymise)
    _note(pdf, shown, lang)

    pdf.attach_map(shown, text("dossier.pdf.attachment", lang))
    return bytes(pdf.output())


def _heading(pdf: EcomapPDF, words: str, width: float = 0) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.cell(
        width,
        5.5,
        words,
        align=pdf.start,
        new_x="LMARGIN" if not width else "LEFT",
        new_y="NEXT",
    )
    pdf.set_font(FONT, size=BODY_PT)


def _header(pdf: EcomapPDF, ecomap: EcoMap, lang: Language, mode: Mode) -> None:
    """Title; date, family label, who filled it in (as typed, or from the mode: the parent with
    the nurse, or the parent at home), the youngest child's age and the earlier map's date."""
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, text("dossier.pdf.title", lang), align=pdf.start, new_x="LMARGIN", new_y="NEXT")
    parts = [long_date(ecomap.date, lang)]
    if ecomap.family_label:
        parts.append(ecomap.family_label)
    if ecomap.filled_in_by:
        parts.append(text("dossier.pdf.filled_in_by", lang, name=ecomap.filled_in_by))
    else:
        parts.append(text(f"dossier.pdf.filled_in_by_mode.{mode}", lang))
    if ecomap.child_age is not None:
        age = text(f"labels.age.{ecomap.child_age.value}.word", lang)
        parts.append(text("dossier.pdf.child_age", lang, age=age))
    if ecomap.previous_date is not None:
        parts.append(text("dossier.pdf.previous", lang, date=long_date(ecomap.previous_date, lang)))
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(0, 4.5, "  ·  ".join(parts), align=pdf.start, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _map_and_reflection(
    pdf: EcomapPDF,
    ecomap: EcoMap,
    shown: EcoMap,
    lang: Language,
    mode: Mode,
    anonymise: bool,
    previous: EcoMap | None,
    offers: Sequence[Offer] = (),
) -> None:
    """The map on the left; legend and reflection in the column on its right (mirrored for a
    right-to-left language: the map on the right, the column on its left)."""
    top = pdf.get_y()
    x0, y0, x1, y1 = plan(anonymised(ecomap, lang) if anonymise else ecomap).view
    map_w = min(MAP_W, MAP_H * (x1 - x0) / (y1 - y0))
    figure = draw_map(
        ecomap, lang, anonymise=anonymise, previous=previous, legend="none", width_in=map_w / 25.4
    )
    width_in, height_in = figure.get_size_inches()
    map_h = map_w * float(height_in) / float(width_in)
    place_svg(pdf, figure_svg(figure), x=pdf.from_start(MARGIN, map_w), y=top, w=map_w, h=map_h)

    side_w = CONTENT_W - map_w - GUTTER
    side_x = pdf.from_start(MARGIN + map_w + GUTTER, side_w)
    legend_w = min(side_w, LEGEND_W)
    legend, legend_in = legend_svg(lang, previous is not None, legend_w / 25.4)
    legend_h = legend_in * 25.4
    legend_x = pdf.from_start(MARGIN + map_w + GUTTER, legend_w)
    place_svg(pdf, legend, x=legend_x, y=top, w=legend_w, h=legend_h)

    pdf.set_xy(side_x, top + legend_h + 3)
    _heading(pdf, text("dossier.pdf.reflection", lang), side_w)
    pdf.set_font(FONT, size=SIDE_PT)
    for paragraph in reflect(shown, lang, mode, anonymous=anonymise, offers=offers).paragraphs:
        pdf.set_x(side_x)
        pdf.multi_cell(side_w, 3.6, paragraph.text, align=pdf.start, new_x="LEFT", new_y="NEXT")
        pdf.ln(1.2)
    pdf.set_xy(MARGIN, max(top + map_h, pdf.get_y()) + 3)


def _changes(
    pdf: EcomapPDF,
    ecomap: EcoMap,
    previous: EcoMap,
    lang: Language,
    mode: Mode,
    anonymise: bool,
) -> None:
    comparison = compare(previous, ecomap)
    name = None
    if anonymise:
        labels = comparison_names(ecomap.people, comparison.removed, lang)

        def name(person: Person) -> str:
            return labels[person.id]

    _heading(pdf, text("dossier.pdf.changes", lang))
    sentences = describe(comparison, lang, mode, name=name, anonymous=anonymise)
    pdf.multi_cell(0, 4, " ".join(sentences), align=pdf.start, new_x="LMARGIN")
    pdf.ln(2)


_VOWELS: Final = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûü")
_CLUSTER_FIRST: Final = frozenset("pbtdkgfvc")
"""Consonants that go with a following l or r to the next syllable ("ver-pleeg", "ka-prie")."""


def hyphenated(words: str) -> str:
    """``words`` with soft hyphens in every word of ``LONG_WORD`` letters or more, where a simple
    rule finds a syllable start: before a consonant followed by a vowel (with a "pl", "tr" and the
    like kept together), never within two letters of either end. A line that breaks at one
    shows a hyphen; elsewhere it prints nothing."""

    def breaks(word: str) -> set[int]:
        low = word.lower()
        out: set[int] = set()
        for i in range(2, len(low) - 2):
            if low[i] in _VOWELS or low[i + 1] not in _VOWELS:
                continue
            start = i
            if low[i] in "lr" and low[i - 1] in _CLUSTER_FIRST and low[i - 2] not in _VOWELS:
                start = i - 1  # "ver-pleeg"
            elif low[i] == "h" and low[i - 1] == "c":
                start = i - 2 if low[i - 2] == "s" else i - 1  # "-ch", "-sch"
            if start >= 1 and low[start - 1] == "s" and low[start - 2 : start - 1] not in _VOWELS:
                start -= 1  # "ter-speel", "ge-sprek"
            if any(c in _VOWELS for c in low[:start]) and start - 1 not in out and start >= 2:
                out.add(start)
        return out

    def one(word: str) -> str:
        if len(word) < LONG_WORD or not word.isalpha():
            return word
        at = breaks(word)
        return "".join((SOFT_HYPHEN if i in at else "") + c for i, c in enumerate(word))

    return " ".join(one(w) for w in words.split(" "))


def _forms(forms: Sequence[SupportForm], lang: Language) -> str:
    return ", ".join(label(f, lang, "short") for f in forms) or "–"


def _table(pdf: EcomapPDF, ecomap: EcoMap, lang: Language, anonymise: bool) -> None:
    """Who is on the map: name and role (anonymised: the role only), group, which support the
    family receives and gives, how the contact feels. Right to left, the columns run from the
    right (the name in the rightmost one)."""

    def in_order(cells: list[str]) -> list[str]:
        return cells[::-1] if pdf.rtl else cells

    _heading(pdf, text("dossier.pdf.people", lang))
    if not ecomap.people:
        pdf.multi_cell(0, 4, text("dossier.pdf.no_people", lang), align=pdf.start, new_x="LMARGIN")
        pdf.ln(2)
        return
    order = list(Category)
    people = sorted(ecomap.people, key=lambda p: order.index(p.category))
    pdf.set_font(FONT, size=TABLE_PT)
    first = (
        ["dossier.pdf.col_role"] if anonymise else ["dossier.pdf.col_name", "dossier.pdf.col_role"]
    )
    headings = [
        text(key, lang)
        for key in (
            *first,
            "dossier.pdf.col_category",
            "dossier.pdf.col_receives",
            "dossier.pdf.col_gives",
            "dossier.pdf.col_quality",
        )
    ]
    widths = _ANONYMOUS_WIDTHS if anonymise else _TABLE_WIDTHS
    with pdf.table(
        col_widths=widths[::-1] if pdf.rtl else widths,
        width=CONTENT_W,
        line_height=3.2,
        text_align="RIGHT" if pdf.rtl else "LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
        borders_layout="HORIZONTAL_LINES",
        padding=(0.3, 1.0),
    ) as table:
        table.row(in_order(headings))
        for person in people:
            ties = sorted(ecomap.ties_of(person.id), key=lambda t: list(SupportForm).index(t.form))
            quality = label(person.quality, lang)
            who = [person.name] if anonymise else [person.name, person.role or "–"]
            table.row(
                in_order(
                    [
                        *(hyphenated(w) for w in who),
                        hyphenated(label(person.category, lang, "short")),
                        _forms([t.form for t in ties if t.direction.parent_receives], lang),
                        _forms([t.form for t in ties if t.direction.parent_gives], lang),
                        quality + (" !" if person.quality.value == "stressful" else ""),
                    ]
                )
            )
    pdf.ln(1.5)


def _wishes(pdf: EcomapPDF, ecomap: EcoMap, lang: Language) -> None:
    """The support the family would like more of, as a line of its own: the bold lead first
    (on the right, right to left), the forms beside it."""
    if not ecomap.wishes:
        return
    forms = ", ".join(label(f, lang).lower() for f in ecomap.wishes)
    lead = text("dossier.pdf.wishes", lang)
    pdf.set_font(FONT, "B", BODY_PT)
    lead_w = pdf.get_string_width(lead) + 1.5
    top = pdf.get_y()
    pdf.set_x(pdf.from_start(MARGIN, lead_w))
    pdf.cell(lead_w, 4, lead, align=pdf.start)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_xy(pdf.from_start(MARGIN + lead_w, CONTENT_W - lead_w), top)
    pdf.multi_cell(CONTENT_W - lead_w, 4, forms, align=pdf.start, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _offers(pdf: EcomapPDF, choice: OfferChoice, lang: Language) -> None:
    """The local offers chosen for the family: name and description, then where, when, cost,
    how to join and the languages on one line; who offers them (and whether it is an example)."""
    if not choice.offers:
        return
    _heading(pdf, text("offers.pdf.heading", lang))
    source = text("offers.pdf.from", lang, organisation=choice.about.organisation)
    if choice.about.example:
        source = f"{source} · {text('offers.pdf.example', lang)}"
    pdf.set_font(FONT, size=SIDE_PT)
    pdf.multi_cell(0, 3.6, source, align=pdf.start, new_x="LMARGIN", new_y="NEXT")
    for offer in choice.offers:
        pdf.set_font(FONT, "B", BODY_PT)
        pdf.multi_cell(0, 4, offer.name.in_(lang), align=pdf.start, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=BODY_PT)
        pdf.multi_cell(
            0, 4, offer.description.in_(lang), align=pdf.start, new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font(FONT, size=SIDE_PT)
        details = " · ".join(practical_lines(offer, lang))
        pdf.multi_cell(0, 3.6, details, align=pdf.start, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.ln(1)


def _guide(pdf: EcomapPDF, ecomap: EcoMap, lang: Language, anonymise: bool) -> None:
    """The nurse's conversation guide: what stands out (bold), then its open questions."""
    _heading(pdf, text("guide.pdf.heading", lang))
    for topic in conversation_guide(ecomap, lang, anonymous=anonymise):
        pdf.set_font(FONT, "B", SIDE_PT)
        pdf.multi_cell(0, 3.6, topic.lead, align=pdf.start, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=SIDE_PT)
        for question in topic.questions:
            pdf.multi_cell(0, 3.6, f"– {question}", align=pdf.start, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)
    pdf.set_font(FONT, size=BODY_PT)
    pdf.ln(1)


def _note(pdf: EcomapPDF, ecomap: EcoMap, lang: Language) -> None:
    """The note of the earlier map, if any, then the consult note as typed, or an empty box to
    write one by hand. A typed note moves to a new page only when it does not fit."""
    pdf.set_font(FONT, size=BODY_PT)
    if ecomap.note:
        lines = pdf.multi_cell(0, 4, ecomap.note, dry_run=True, output="LINES")
        needed = 5.5 + 4 * (len(lines) if isinstance(lines, list) else 1)
    else:
        needed = 5.5 + NOTE_BOX_H
    if pdf.will_page_break(needed):
        pdf.add_page()
    if ecomap.previous_note and ecomap.previous_date is not None:
        _heading(
            pdf, text("dossier.pdf.previous_note", lang, date=long_date(ecomap.previous_date, lang))
        )
        pdf.multi_cell(0, 4, ecomap.previous_note, align=pdf.start, new_x="LMARGIN")
        pdf.ln(2)
    _heading(pdf, text("dossier.pdf.note", lang))
    if ecomap.note:
        pdf.multi_cell(0, 4, ecomap.note, align=pdf.start, new_x="LMARGIN")
    else:
        pdf.set_draw_color(150)
        pdf.rect(MARGIN, pdf.get_y(), CONTENT_W, NOTE_BOX_H)
        pdf.set_draw_color(0)
        pdf.ln(NOTE_BOX_H)
