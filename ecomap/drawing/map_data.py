"""What the browser's map draws: the data contract between Python and ``ecomap/web/map.js``.

One renderer in the browser (``map.js``, on vis-network) draws the map for both the app's live
component and the standalone HTML export; this module says what it gets. Everything it draws comes
from here: the geometry from ``ecomap.drawing.placement`` (boxes, regions, every line with its arrow
heads), the colours and line patterns from ``ecomap.drawing.style``, the words from ``questions/``.
The renderer computes nothing that a PDF would have to compute again.

The contract, version ``CONTRACT``; all lengths in layout units (1 unit = 1 CSS px at zoom 1,
y pointing down); boxes rounded to 0.1, lines to whole units (as planned); kept small, because the
app sends it again after every change, as compact JSON in bytes (``ui.map_view.payload``;
about 9 KB for 30 people)::

    {"v": 1, "lang": "nl", "dir": "ltr",
     "view": [x0, y0, x1, y1],       # what the map shows by default (the part with people)
     "font": {"face", "px", "family_px", "region_px", "region_line", "margin"},
     "regions": [{"category", "side", "inner": [a, b], "outer": [a, b], "fill",
                  "at": [x, y], "lines": [...]}],     # half elliptical rings and their names
     "family": {"x", "y", "w", "h", "lines": [...]},
     "people": [{"id", "x", "y", "w", "h", "lines": [...],
                 "quality": "mixed"|"stressful",     # left out when supportive
                 "mark": "new"|"moved",              # left out when not marked
                 "ties": [[form, direction, [x, y, x, y, ...],      # one strand per tie
                           [tip_x, tip_y, back_x, back_y, ...]]]}],  # its arrow heads
     "widths": {quality: strand width}, "arrow": arrow head length,
     "forms": {"emotional": {"colour", "dash": [...]}, ...},
     "pictograms": {"emotional": "emotional.svg", ..., "informal_close": ...},  # files in
                                      # ecomap/web/pictograms/, shown decorative in the legend
     "stress_colour", "mixed_opacity", "ink",
     "text": {...},                   # legend, hints, badges: plain text, shown with textContent
     "touch": true|false,             # the app: drag and tap send events back
     "selected": person id or null}

Person ids are generated tokens, never user text. User text (names, the family label) reaches the
browser only as the planned label lines, in JSON, and is drawn on a canvas or set with
``textContent``: it is never parsed as HTML.

What the map sends back (``touch`` only), as Streamlit trigger values:
``moved``: ``{"id": person id, "x": units, "y": units}`` where a person was dropped;
``picked``: a person id, when a person is tapped or clicked.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Final

from ecomap.drawing.fonts import FONT_FAMILY
from ecomap.drawing.pictograms import FILES as PICTOGRAM_FILES
from ecomap.drawing.placement import (
    ARROW,
    BOX_MARGIN,
    FAMILY_FONT_PX,
    FAMILY_ID,
    FONT_PX,
    REGION_FONT_PX,
    REGION_LABEL_WIDTH,
    REGION_LINE,
    STRAND_WIDTH,
    STRESS_WIDTH,
    Placement,
    plan,
    wrap_label,
)
from ecomap.drawing.style import (
    FORM_COLOUR,
    FORM_DASH,
    INK,
    MIXED_OPACITY,
    REGION_FILL,
    STRESS_COLOUR,
)
from ecomap.model import Category, Direction, EcoMap, Language, Quality, SupportForm
from ecomap.texts.catalog import direction, text
from ecomap.texts.changes import Mark
from ecomap.texts.labels import family_label, label
from ecomap.texts.reflection import Mode

CONTRACT: Final = 1
"""Version of the data contract; ``map.js`` refuses data of another version (and says so)."""


def _n(value: float) -> float:
    """A number for the browser: 0.1 units is below what anyone can see."""
    return round(value, 1)


def region_lines(category: Category, lang: Language) -> list[str]:
    """A region's name on the map: its short map name, at most two lines."""
    return list(_region_lines(category, lang))


@functools.cache
def _region_lines(category: Category, lang: Language) -> tuple[str, ...]:
    # Kept: the same for every map and every session (the words and the font ship with the
    # app), and shaping them took half of ``map_data`` (0.9 of 1.7 ms at 30 people).
    return tuple(
        wrap_label(
            label(category, lang, "map"),
            font_px=REGION_FONT_PX,
            max_width=REGION_LABEL_WIDTH,
            max_lines=2,
            bold=True,
        )
    )


def texts(lang: Language, mode: Mode) -> dict[str, Any]:
    """Every word the map and its legend show, in one language and voice (a copy: the caller
    may add to it)."""
    return copy.deepcopy(_texts(lang, mode))


@functools.cache
def _texts(lang: Language, mode: Mode) -> dict[str, Any]:
    # Kept, as ``_region_lines``: words of the app, never a family's.
    return {
        "map": text("map.page.map", lang),
        "empty": text(f"map.page.empty.{mode}", lang),
        "hint": text(f"map.page.hint.{mode}", lang),
        "failed": text("map.page.failed", lang),
        "legend": text(f"map.legend.title.{mode}", lang),
        "axes": text(f"map.legend.axes.{mode}", lang),
        "forms_title": text("map.legend.forms", lang),
        "forms": {f.value: label(f, lang) for f in SupportForm},
        "groups_title": text("pictograms.legend_groups", lang),
        "groups": {c.value: label(c, lang, "map") for c in Category},
        "arrows_title": text("map.legend.arrows", lang),
        "arrows": {d.value: label(d, lang) for d in Direction},
        "feel_title": text("map.legend.feel", lang),
        "stressful": f"{label(Quality.STRESSFUL, lang)} ({text('map.legend.stressful', lang)})",
        "mixed": f"{label(Quality.MIXED, lang)} ({text('map.legend.mixed', lang)})",
        "marks": {
            "new": text("map.badge.new", lang),
            "moved": text("map.badge.moved", lang),
        },
        "wishes_title": text("map.wishes.title", lang),
    }


def map_data(
    ecomap: EcoMap,
    lang: Language = "nl",
    mode: Mode = "nurse",
    *,
    geometry: Placement | None = None,
    marks: dict[str, Mark] | None = None,
    touch: bool = False,
    selected: str | None = None,
) -> dict[str, Any]:
    """The contract for one map (see the module's docstring).

    ``geometry``: ``plan(ecomap)`` when the caller has it already. ``marks``: people new or moved
    since an earlier map. ``touch``: the map may be dragged and tapped (the app)."""
    g = geometry if geometry is not None else plan(ecomap)
    fw, fh = g.sizes[FAMILY_ID]
    directions = {(t.person_id, t.form): t.direction for t in ecomap.ties}
    strands: dict[str, list[list[Any]]] = {}
    for line in g.lines:
        strands.setdefault(line.person_id, []).append(
            [
                line.form.value,
                directions[(line.person_id, line.form)].value,
                [int(c) for point in line.points for c in point],
                [int(c) for tip, back in line.arrows for c in (*tip, *back)],
            ]
        )
    people = []
    for person in ecomap.people:
        x, y = g.positions[person.id]
        w, h = g.sizes[person.id]
        item: dict[str, Any] = {
            "id": person.id,
            "x": _n(x),
            "y": _n(y),
            "w": _n(w),
            "h": _n(h),
            "lines": g.labels[person.id],
        }
        if person.quality is not Quality.SUPPORTIVE:
            item["quality"] = person.quality.value
        if marks and person.id in marks:
            item["mark"] = marks[person.id]
        if person.id in strands:
            item["ties"] = strands[person.id]
        people.append(item)
    regions = [
        {
            "category": c.value,
            "side": r.side,
            "inner": [_n(r.inner.a), _n(r.inner.b)],
            "outer": [_n(r.outer.a), _n(r.outer.b)],
            "fill": REGION_FILL[c],
            "at": list(r.label_pos),
            "lines": region_lines(c, lang),
        }
        for c, r in g.regions.items()
    ]
    words = texts(lang, mode)
    words["wishes"] = ", ".join(label(f, lang) for f in ecomap.wishes)
    return {
        "v": CONTRACT,
        "lang": lang,
        "dir": direction(lang),
        "view": [_n(v) for v in g.view],
        "font": {
            "face": FONT_FAMILY,
            "px": FONT_PX,
            "family_px": FAMILY_FONT_PX,
            "region_px": REGION_FONT_PX,
            "region_line": REGION_LINE,
            "margin": BOX_MARGIN,
        },
        "regions": regions,
        "family": {
            "x": 0,
            "y": 0,
            "w": _n(fw),
            "h": _n(fh),
            "lines": g.labels[FAMILY_ID] or [family_label(lang)],
        },
        "people": people,
        "widths": {"supportive": STRAND_WIDTH, "mixed": STRAND_WIDTH, "stressful": STRESS_WIDTH},
        "arrow": ARROW,
        "forms": {
            f.value: {"colour": FORM_COLOUR[f], "dash": list(FORM_DASH[f])} for f in SupportForm
        },
        "pictograms": {value.value: file for value, file in PICTOGRAM_FILES.items()},
        "stress_colour": STRESS_COLOUR,
        "mixed_opacity": MIXED_OPACITY,
        "ink": INK,
        "text": words,
        "touch": touch,
        "selected": selected,
    }
