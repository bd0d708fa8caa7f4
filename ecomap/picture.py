"""The eco-map as a still picture: PNG and SVG downloads, and the vector figure on the dossier PDF.

The picture uses the same geometry as the screen (``ecomap.placement.plan``): the family in the
centre, Kesselring's four categories as half rings (informal left, formal right, close inside,
distant outside), every person in the box the screen gives them. A nurse who sees the map on the
screen recognises it on paper.

Paper is often printed in black and white, so nothing depends on colour alone: each support form
has its own line pattern as well as its own colour (Okabe-Ito, readable with colour blindness),
arrow heads show which way support flows, a stressful contact has a thick outline, thick lines and
a "!" badge, and a comparison with an earlier map marks people with a black "new"/"moved" badge.

Drawing uses matplotlib's object API (``Figure``), never pyplot: pyplot keeps global state that
would leak between the sessions of a web app. Style settings are applied with ``rc_context`` only
while rendering, one drawing at a time (a lock: rcParams are global). Units: the layout's units
are CSS pixels; one unit becomes ``scale`` points.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final, Literal
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Wedge

from ecomap.anonymise import anonymised, comparison_names, display_names
from ecomap.catalog import text
from ecomap.changes import Comparison, Mark, compare
from ecomap.labels import family_label, label
from ecomap.model import FAMILY_ID, Category, Direction, EcoMap, Language, Quality, SupportForm
from ecomap.placement import FAMILY_FONT_PX, FONT_PX, REGION_FONT_PX, Placement, plan, wrap_label
from ecomap.reflection import join_names
from ecomap.style import FORM_COLOUR

# --------------------------------------------------------------------------- style

Dash = Literal["solid"] | tuple[float, tuple[float, ...]]

FORM_STYLE: Final[Mapping[SupportForm, tuple[str, Dash]]] = {
    SupportForm.EMOTIONAL: (FORM_COLOUR[SupportForm.EMOTIONAL], "solid"),
    SupportForm.PRACTICAL: (FORM_COLOUR[SupportForm.PRACTICAL], (0, (6, 3))),  # dashed
    SupportForm.INFORMATIONAL: (FORM_COLOUR[SupportForm.INFORMATIONAL], (0, (1, 2))),  # dotted
    SupportForm.NORMATIVE: (FORM_COLOUR[SupportForm.NORMATIVE], (0, (6, 2, 1, 2))),  # dash-dot
}
"""Colour (Okabe-Ito) and line pattern (offset, on/off lengths in line widths) per support form."""

REGION_GREY: Final = {
    Category.INFORMAL_CLOSE: "#EBEBEB",
    Category.INFORMAL_DISTANT: "#F6F6F6",
    Category.FORMAL_EVERYDAY: "#EBEBEB",
    Category.FORMAL_YOUTHCARE: "#F6F6F6",
}
LINE_PT: Final = 1.3
"""Width of a support line in points; a stressful contact's lines are ``STRESS_FACTOR`` thicker."""
STRESS_FACTOR: Final = 2.2
ARC_STEP: Final = 0.14
"""Bend between the lines of several forms to one person (matplotlib arc3 ``rad``), so all show."""
LEGEND_FONT_PT: Final = 8.0
LEGEND_ROW_IN: Final = 0.21
"""Height (inches) of one legend row."""
GID_PREFIX: Final = "person-"
"""SVG group id of a person's name: ``person-<id>``."""
EDGE_GAP: Final = 2.0
"""Space (units) between a box and the end of a line."""
PADDING: Final = 12.0
"""Free border around the map (units)."""

Legend = Literal["bottom", "none"]


_RC_LOCK = threading.RLock()
"""matplotlib's settings (rcParams) are one global dict and ``rc_context`` is not thread-safe;
downloads render on their own threads, so drawing and saving take turns (no user data here)."""


@contextmanager
def _style(*, text_as_paths: bool = True) -> Iterator[None]:
    """Settings for one drawing only: ``rc_context`` restores the previous ones afterwards."""
    with (
        _RC_LOCK,
        matplotlib.rc_context(
            {
                "font.family": "DejaVu Sans",  # ships with matplotlib; Latin, Cyrillic, Arabic
                "svg.fonttype": "path" if text_as_paths else "none",
                "pdf.fonttype": 42,
                "svg.hashsalt": "ecomap",  # stable ids: the same map gives the same SVG bytes
            }
        ),
    ):
        yield


@dataclass(frozen=True)
class _Geometry:
    scale: float
    """Points per layout unit."""
    map_w: float
    map_h: float
    """Size of the map area in inches."""


def _form_handles(lang: Language) -> list[Line2D]:
    return [
        Line2D([], [], color=colour, linestyle=dash, linewidth=LINE_PT * 1.4, label=label(f, lang))
        for f, (colour, dash) in FORM_STYLE.items()
    ]


def _legend_handles(lang: Language, marks: bool) -> list[Line2D]:
    handles = _form_handles(lang)
    handles.append(
        Line2D(
            [0, 1],
            [0, 0],
            color="black",
            linewidth=LINE_PT,
            marker=">",
            markersize=6,
            label=text("dossier.picture.arrow", lang),
        )
    )
    handles.append(
        Line2D(
            [],
            [],
            color="black",
            linewidth=LINE_PT * STRESS_FACTOR,
            marker="$!$",
            markersize=9,
            label=text("dossier.picture.stressful", lang),
        )
    )
    if marks:
        for key in ("new", "moved"):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="s",
                    markersize=8,
                    markerfacecolor="black",
                    markeredgecolor="black",
                    label=text(f"dossier.picture.legend_{key}", lang),
                )
            )
    return handles


def draw_map(
    ecomap: EcoMap,
    lang: Language = "nl",
    *,
    anonymise: bool = False,
    previous: EcoMap | None = None,
    width_in: float = 7.0,
    legend: Legend = "bottom",
) -> Figure:
    """Draw the map on a new matplotlib ``Figure`` (``width_in`` inches wide).

    ``anonymise`` prints roles instead of names (see ``ecomap.anonymise``). ``previous`` is an
    earlier map of the same family: new and moved people get a badge, people no longer on the map
    are listed under it. ``legend="none"`` leaves out the legend and that list (the PDF has its
    own, see ``legend_figure``).
    """
    comparison = compare(previous, ecomap) if previous is not None else None
    shown = anonymised(ecomap, lang) if anonymise else ecomap
    placement = plan(shown)
    gone = _gone_line(ecomap, comparison, lang, anonymise) if legend == "bottom" else None
    with _style():
        return _draw(shown, placement, lang, comparison, width_in, legend, gone)


def _gone_line(
    current: EcoMap, comparison: Comparison | None, lang: Language, anonymise: bool
) -> str | None:
    """'No longer on the map: Piet.' under a comparison picture (None when nobody is gone)."""
    if comparison is None or not comparison.removed:
        return None
    if anonymise:
        labels = comparison_names(current.people, comparison.removed, lang)
        names = [labels[p.id] for p in comparison.removed]
    else:
        names = [p.name for p in comparison.removed]
    return text("dossier.picture.gone", lang, names=join_names(names, lang))


def _draw(
    ecomap: EcoMap,
    placement: Placement,
    lang: Language,
    comparison: Comparison | None,
    width_in: float,
    legend: Legend,
    gone: str | None,
) -> Figure:
    x0, y0, x1, y1 = placement.extent
    x0, y0, x1, y1 = x0 - PADDING, y0 - PADDING, x1 + PADDING, y1 + PADDING
    units_w, units_h = x1 - x0, y1 - y0
    map_w = width_in
    map_h = map_w * units_h / units_w
    marks = comparison.marks() if comparison is not None else {}
    below = 0.0
    if legend == "bottom":
        handles = _legend_handles(lang, bool(marks))
        below = 0.25 + LEGEND_ROW_IN * math.ceil(len(handles) / 2) + (0.3 if gone else 0.0)
    fig_h = map_h + below
    fig = Figure(figsize=(width_in, fig_h))
    ax = fig.add_axes((0.0, below / fig_h, 1.0, map_h / fig_h))
    ax.set_xlim(x0, x1)
    ax.set_ylim(-y1, -y0)  # y points down in the layout, up in matplotlib: flip
    ax.set_aspect("equal")
    ax.set_axis_off()
    geo = _Geometry(scale=map_w * 72.0 / units_w, map_w=map_w, map_h=map_h)

    _draw_regions(ax, placement, lang, geo)
    _draw_people(ax, ecomap, placement, lang, geo, marks)
    _draw_ties(ax, ecomap, placement, geo)

    if legend == "bottom":
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, below / fig_h),
            ncols=2,
            frameon=False,
            fontsize=LEGEND_FONT_PT,
            handlelength=4.0,
        )
    if gone:
        fig.text(0.02, 0.08 / fig_h, gone, fontsize=8, ha="left", va="bottom", color="#333333")
    return fig


def legend_figure(lang: Language = "nl", *, marks: bool = False, width_in: float = 2.2) -> Figure:
    """The legend on its own, one entry per row (the dossier PDF puts it beside the map).

    Long entries wrap to the width. ``marks`` adds the badges of a comparison.
    """
    with _style():
        handles = _legend_handles(lang, marks)
        chars = max(12, int((width_in - 0.75) * 72 / (LEGEND_FONT_PT * 0.56)))
        for handle in handles:
            handle.set_label(textwrap.fill(str(handle.get_label()), chars))
        lines = sum(str(h.get_label()).count("\n") + 1 for h in handles)
        height = 0.1 + LEGEND_ROW_IN * len(handles) + 0.13 * (lines - len(handles))
        fig = Figure(figsize=(width_in, height))
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, 1.0),
            borderaxespad=0.0,
            borderpad=0.2,
            ncols=1,
            frameon=False,
            fontsize=LEGEND_FONT_PT,
            handlelength=3.0,
        )
        return fig


@functools.lru_cache(maxsize=16)
def legend_svg(lang: Language, marks: bool, width_in: float) -> tuple[bytes, float]:
    """``legend_figure`` as SVG bytes (``figure_svg``) and its height in inches.

    Kept per process for each (language, marks, width): the legend holds no user data and
    depends on nothing else, and drawing it again costs ~20 ms per dossier PDF. The bytes are
    immutable, so sessions can share them."""
    figure = legend_figure(lang, marks=marks, width_in=width_in)
    return figure_svg(figure), float(figure.get_size_inches()[1])


def _draw_regions(ax: Axes, placement: Placement, lang: Language, geo: _Geometry) -> None:
    for category, region in placement.regions.items():
        theta1, theta2 = (90.0, 270.0) if region.side == "left" else (-90.0, 90.0)
        ax.add_patch(
            Wedge(
                (0.0, 0.0),
                region.r_outer,
                theta1,
                theta2,
                width=region.r_outer - region.r_inner,
                facecolor=REGION_GREY[category],
                edgecolor="#BBBBBB",
                linewidth=0.6,
                zorder=0,
            )
        )
        lx, ly = region.label_pos
        lines = wrap_label(
            label(category, lang, "name"),
            font_px=REGION_FONT_PX,
            max_width=region.label_size[0],
            max_lines=2,
        )
        ax.text(
            lx,
            -ly,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=REGION_FONT_PX * geo.scale,
            fontweight="bold",
            color="#555555",
            linespacing=1.05,
            zorder=1,
        )


def _draw_people(
    ax: Axes,
    ecomap: EcoMap,
    placement: Placement,
    lang: Language,
    geo: _Geometry,
    marks: Mapping[str, Mark],
) -> None:
    quality = {p.id: p.quality for p in ecomap.people}
    for node, (x, y) in placement.positions.items():
        w, h = placement.sizes[node]
        is_family = node == FAMILY_ID
        stressful = quality.get(node) == Quality.STRESSFUL
        mark = marks.get(node)
        box = FancyBboxPatch(
            (x - w / 2, -y - h / 2),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=6",
            facecolor="#222222" if is_family else "white",
            edgecolor="black",
            linewidth=2.4 if (stressful or mark) else 0.8,
            linestyle="--" if mark == "moved" else "-",
            zorder=3,
        )
        ax.add_patch(box)
        lines = placement.labels.get(node) or []
        if is_family and not lines:
            lines = wrap_label(family_label(lang), font_px=FAMILY_FONT_PX)
        font_px = FAMILY_FONT_PX if is_family else FONT_PX
        ax.text(
            x,
            -y,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=font_px * geo.scale,
            fontweight="normal",  # the layout sized boxes for regular text
            color="white" if is_family else "black",
            linespacing=1.0,
            zorder=4,
            gid=f"{GID_PREFIX}{node}",  # node ids are generated tokens, safe as SVG ids
        )
        if stressful:
            _badge(ax, x + w / 2, -y + h / 2, "!", geo)
        if mark:
            _badge(
                ax, x - w / 2, -y + h / 2 + 4, text(f"dossier.picture.{mark}", lang), geo, "left"
            )


def _badge(
    ax: Axes,
    x: float,
    y: float,
    word: str,
    geo: _Geometry,
    ha: Literal["left", "center"] = "center",
) -> None:
    """A small black label with white text on a box's edge: readable in black and white."""
    ax.text(
        x,
        y,
        word,
        ha=ha,
        va="center",
        fontsize=max(5.0, 12.0 * geo.scale),
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "round,pad=0.25", "facecolor": "black", "edgecolor": "black"},
        zorder=6,
    )


def _draw_ties(
    ax: Axes,
    ecomap: EcoMap,
    placement: Placement,
    geo: _Geometry,
) -> None:
    """One line per tie, bent a little differently per form so that several ties between the same
    person and the family all stay visible; arrow heads point the way support flows.

    Lines run between the edges of the two boxes (computed here: matplotlib's own clipping to a
    patch costs seconds for a large map)."""
    family = placement.positions[FAMILY_ID]
    family_size = placement.sizes[FAMILY_ID]
    quality = {p.id: p.quality for p in ecomap.people}
    for person in ecomap.people:
        ties = sorted(ecomap.ties_of(person.id), key=lambda t: list(SupportForm).index(t.form))
        if not ties:
            continue
        centre = placement.positions[person.id]
        px, py = _edge_point(centre, placement.sizes[person.id], family)
        fx, fy = _edge_point(family, family_size, centre)
        width = LINE_PT * (STRESS_FACTOR if quality[person.id] == Quality.STRESSFUL else 1.0)
        for i, tie in enumerate(ties):
            colour, dash = FORM_STYLE[tie.form]
            rad = (i - (len(ties) - 1) / 2) * ARC_STEP
            arrow = {
                Direction.RECEIVES: "-|>",
                Direction.GIVES: "<|-",
                Direction.BOTH: "<|-|>",
            }[tie.direction]
            ax.add_patch(
                FancyArrowPatch(
                    (px, -py),
                    (fx, -fy),
                    shrinkA=0.0,
                    shrinkB=0.0,
                    arrowstyle=arrow,
                    mutation_scale=9 + 3 * (width / LINE_PT - 1),
                    connectionstyle=f"arc3,rad={rad:.3f}",
                    color=colour,
                    linestyle=dash,
                    linewidth=width,
                    zorder=2,
                )
            )


def _edge_point(
    centre: tuple[float, float], size: tuple[float, float], towards: tuple[float, float]
) -> tuple[float, float]:
    """Where the straight line from a box's centre towards a point leaves the box (plus a small
    gap), in layout units (y down)."""
    (cx, cy), (w, h) = centre, size
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return centre
    hw, hh = w / 2 + EDGE_GAP, h / 2 + EDGE_GAP
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return (cx + t * dx, cy + t * dy)


def render_png(
    ecomap: EcoMap,
    lang: Language = "nl",
    *,
    anonymise: bool = False,
    previous: EcoMap | None = None,
    dpi: int = 150,
) -> bytes:
    """The map as PNG (``dpi`` dots per inch; 7 inches wide, legend below)."""
    fig = draw_map(ecomap, lang, anonymise=anonymise, previous=previous)
    buffer = io.BytesIO()
    with _style():
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def render_svg(
    ecomap: EcoMap,
    lang: Language = "nl",
    *,
    anonymise: bool = False,
    previous: EcoMap | None = None,
    legend: Legend = "bottom",
    width_in: float = 7.0,
) -> bytes:
    """The map as SVG for download. Text stays text (``<text>``, XML-escaped): searchable,
    editable in Inkscape, and shaped by the viewer, which needs a sans-serif font."""
    figure = draw_map(
        ecomap, lang, anonymise=anonymise, previous=previous, legend=legend, width_in=width_in
    )
    svg = figure_svg(figure, text_as_paths=False).decode("utf-8")
    # Each name is wrapped over lines on the map; a <title> holds it whole (for search and for
    # screen readers). Ids are generated tokens; the name is XML-escaped.
    for person_id, name in display_names(ecomap, lang, anonymise=anonymise).items():
        group = f'<g id="{GID_PREFIX}{person_id}">'
        svg = svg.replace(group, f"{group}<title>{escape(name)}</title>", 1)
    return svg.encode("utf-8")


def figure_svg(fig: Figure, *, text_as_paths: bool = True) -> bytes:
    """A figure as SVG bytes with stable ids and no date (same map, same bytes). With
    ``text_as_paths`` letters become outlines, so the SVG needs no font (the PDF uses this)."""
    buffer = io.BytesIO()
    with _style(text_as_paths=text_as_paths):
        fig.savefig(
            buffer,
            format="svg",
            facecolor="white",
            metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
        )
    return buffer.getvalue()
