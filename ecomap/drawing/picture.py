"""The eco-map as a still picture: PNG and SVG downloads, and the vector figure on the dossier PDF.

The picture uses the same geometry as the screen (``ecomap.drawing.placement.plan``): the family in
the centre, Kesselring's four categories as half rings (informal left, formal right, close inside,
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
from typing import Any, Final, Literal
from xml.sax.saxutils import escape

import matplotlib
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend as MplLegend
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, PathPatch, Polygon
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, Transform

from ecomap.drawing.fonts import FONT_FAMILY, font_path
from ecomap.drawing.map_data import region_lines
from ecomap.drawing.pictograms import VIEWBOX, Pictogrammed, outlines
from ecomap.drawing.placement import (
    ARROW,
    FAMILY_FONT_PX,
    FONT_PX,
    REGION_FONT_PX,
    REGION_LINE,
    Placement,
    plan,
)
from ecomap.drawing.style import (
    FORM_COLOUR,
    FORM_DASH,
    INK,
    MIXED_OPACITY,
    REGION_GREY,
    STRESS_COLOUR,
)
from ecomap.model import FAMILY_ID, Category, EcoMap, Language, Quality, SupportForm
from ecomap.texts.anonymise import anonymised, comparison_names, display_names
from ecomap.texts.catalog import text
from ecomap.texts.changes import Comparison, Mark, compare
from ecomap.texts.labels import family_label, label
from ecomap.texts.reflection import join_names

# --------------------------------------------------------------------------- style

Dash = Literal["solid"] | tuple[float, tuple[float, ...]]


def _dash(form: SupportForm, points_per_unit: float) -> Dash:
    """``style.FORM_DASH`` (layout units) as a matplotlib line style in points."""
    pattern = FORM_DASH[form]
    return (0.0, tuple(d * points_per_unit for d in pattern)) if pattern else "solid"


FORM_STYLE: Final[Mapping[SupportForm, tuple[str, Dash]]] = {
    f: (FORM_COLOUR[f], _dash(f, 1.0)) for f in SupportForm
}
"""Colour and line pattern per support form for the legend (patterns at 1 point per unit)."""

LINE_PT: Final = 1.3
"""Width (points) of a support line in the legend; a stressful contact's is ``STRESS_FACTOR``
thicker."""
STRESS_FACTOR: Final = 2.2
LEGEND_FONT_PT: Final = 8.0
LEGEND_ROW_IN: Final = 0.26
"""Height (inches) of one legend row (a row is as tall as its pictogram, ``PICTOGRAM_EM``)."""
PICTOGRAM_EM: Final = 2.2
"""A pictogram in the legend is this many times the legend's font size tall (18 pt at 8 pt:
6 mm on paper, as large as 24 CSS px on a screen at 100 %)."""
LEGEND_HANDLE_EM: Final = 5.5
"""Width of a legend entry's picture (pictogram and line) in font sizes."""
GID_PREFIX: Final = "person-"
"""SVG group id of a person's name: ``person-<id>``."""
ARC_POINTS: Final = 72
"""Points per half ellipse when a region is drawn as a polygon."""

Legend = Literal["bottom", "none"]


_RC_LOCK = threading.RLock()
"""matplotlib's settings (rcParams) are one global dict and ``rc_context`` is not thread-safe;
downloads render on their own threads, so drawing and saving take turns (no user data here)."""


@functools.cache
def _register_font() -> None:
    """Make Ecomap Sans known to matplotlib (once per process: the font, no user data)."""
    for bold in (False, True):
        font_manager.fontManager.addfont(str(font_path(bold)))


@contextmanager
def _style(*, text_as_paths: bool = True) -> Iterator[None]:
    """Settings for one drawing only: ``rc_context`` restores the previous ones afterwards."""
    _register_font()
    with (
        _RC_LOCK,
        matplotlib.rc_context(
            {
                "font.family": FONT_FAMILY,  # the map's own font, as on the screen
                "lines.scale_dashes": False,  # dash lengths are given in points
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


@functools.cache
def _pictogram_paths(
    value: Pictogrammed,
) -> tuple[tuple[MplPath, str | None, str | None, float], ...]:
    """A pictogram's outlines as matplotlib paths (72 × 72 grid, y down) with fill, stroke and
    stroke width (per process: the vendored files, no user data)."""
    out = []
    for shape in outlines(value):
        vertices: list[tuple[float, float]] = []
        codes: list[int] = []
        for op, points in shape.ops:
            if op == "moveTo":
                vertices.append(points[0])
                codes.append(int(MplPath.MOVETO))
            elif op == "lineTo":
                vertices.append(points[0])
                codes.append(int(MplPath.LINETO))
            elif op == "curveTo":
                vertices.extend(points)
                codes.extend([int(MplPath.CURVE4)] * len(points))
            elif op == "qCurveTo":
                vertices.extend(points)
                codes.extend([int(MplPath.CURVE3)] * len(points))
            elif op == "closePath" and vertices:
                vertices.append(vertices[-1])
                codes.append(int(MplPath.CLOSEPOLY))
        if vertices:
            out.append((MplPath(vertices, codes), shape.fill, shape.stroke, shape.stroke_width))
    return tuple(out)


class _Pictogram:
    """A legend entry with a pictogram: a support form's (beside its line) or a group's."""

    def __init__(self, value: Pictogrammed, words: str, line: Line2D | None = None) -> None:
        self.value, self.line, self._label = value, line, words

    def get_label(self) -> str:
        return self._label

    def set_label(self, words: str) -> None:
        self._label = words


class _PictogramHandler(HandlerBase):
    """Draws a ``_Pictogram`` in its legend row: the pictogram, then the form's line."""

    def create_artists(  # type: ignore[override]
        self,
        legend: MplLegend,
        orig_handle: _Pictogram,
        xdescent: float,
        ydescent: float,
        width: float,
        height: float,
        fontsize: float,
        trans: Transform,
    ) -> list[Artist]:
        size = PICTOGRAM_EM * fontsize
        left, middle = -xdescent, height / 2 - ydescent
        place = Affine2D().scale(size / VIEWBOX, -size / VIEWBOX).translate(left, middle + size / 2)
        # The line first: it is the entry's handle (``Legend.legend_handles``), as before.
        artists: list[Artist] = []
        if orig_handle.line is not None:
            line = Line2D([left + size + 0.3 * fontsize, width - xdescent], [middle, middle])
            line.update_from(orig_handle.line)  # colour, width and the dash pattern itself
            line.set_transform(trans)
            artists.append(line)
        for path, fill, stroke, stroke_width in _pictogram_paths(orig_handle.value):
            artists.append(
                PathPatch(
                    path,
                    facecolor=fill or "none",
                    edgecolor=stroke or "none",
                    linewidth=stroke_width * size / VIEWBOX * 1.25 if stroke else 0.0,
                    capstyle="round",
                    joinstyle="round",
                    transform=place + trans,
                )
            )
        return artists


_HANDLERS: Final = {_Pictogram: _PictogramHandler()}
"""``handler_map`` of every legend with pictograms."""


def _form_handles(lang: Language) -> list[Any]:
    """One entry per support form: its pictogram and its line (colour and pattern)."""
    return [
        _Pictogram(
            f,
            label(f, lang),
            Line2D([], [], color=colour, linestyle=dash, linewidth=LINE_PT * 1.4),
        )
        for f, (colour, dash) in FORM_STYLE.items()
    ]


def _group_handles(lang: Language) -> list[Any]:
    """One entry per group: its pictogram and its name on the map."""
    return [_Pictogram(c, label(c, lang, "map")) for c in Category]


def _legend_handles(lang: Language, marks: bool) -> list[Any]:
    handles = _form_handles(lang) + _group_handles(lang)
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

    ``anonymise`` prints roles instead of names (see ``ecomap.texts.anonymise``). ``previous`` is an
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
    x0, y0, x1, y1 = placement.view  # the part with people, as the screen shows it
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
    _draw_ties(ax, ecomap, placement, geo)
    _draw_people(ax, ecomap, placement, lang, geo, marks)

    if legend == "bottom":
        fig.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, below / fig_h),
            ncols=2,
            frameon=False,
            fontsize=LEGEND_FONT_PT,
            handlelength=LEGEND_HANDLE_EM,
            handleheight=PICTOGRAM_EM,
            handler_map=_HANDLERS,
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
        chars = max(12, int((width_in - 0.95) * 72 / (LEGEND_FONT_PT * 0.56)))
        for handle in handles:
            handle.set_label(textwrap.fill(str(handle.get_label()), chars))
        fig = Figure(figsize=(width_in, 8.0))
        drawn = fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, 1.0),
            borderaxespad=0.0,
            borderpad=0.2,
            ncols=1,
            frameon=False,
            fontsize=LEGEND_FONT_PT,
            handlelength=LEGEND_HANDLE_EM,
            handleheight=PICTOGRAM_EM,
            handler_map=_HANDLERS,
        )
        # As tall as the legend really is (pictogram rows and wrapped labels), measured once.
        fig.draw_without_rendering()
        height = drawn.get_window_extent().height / fig.dpi + 0.04
        fig.set_size_inches(width_in, height)
        return fig


@functools.lru_cache(maxsize=16)
def legend_svg(lang: Language, marks: bool, width_in: float) -> tuple[bytes, float]:
    """``legend_figure`` as SVG bytes (``figure_svg``) and its height in inches.

    Kept per process for each (language, marks, width): the legend holds no user data and
    depends on nothing else, and drawing it again costs ~20 ms per dossier PDF. The bytes are
    immutable, so sessions can share them."""
    figure = legend_figure(lang, marks=marks, width_in=width_in)
    return figure_svg(figure), float(figure.get_size_inches()[1])


def _half_ellipse(a: float, b: float, side: str, reverse: bool) -> list[tuple[float, float]]:
    """Points along half an ellipse (matplotlib's y up), top to bottom on ``side``."""
    sign = -1.0 if side == "left" else 1.0
    steps = range(ARC_POINTS + 1)
    pts = [
        (sign * a * math.sin(math.pi * i / ARC_POINTS), b * math.cos(math.pi * i / ARC_POINTS))
        for i in steps
    ]
    return pts[::-1] if reverse else pts


def _draw_regions(ax: Axes, placement: Placement, lang: Language, geo: _Geometry) -> None:
    for category, region in placement.regions.items():
        ring = _half_ellipse(region.outer.a, region.outer.b, region.side, False)
        ring += _half_ellipse(region.inner.a, region.inner.b, region.side, True)
        ax.add_patch(
            Polygon(
                ring,
                closed=True,
                facecolor=REGION_GREY[category],
                edgecolor="#BBBBBB",
                linewidth=0.6,
                zorder=0,
            )
        )
        lx, ly = region.label_pos
        _lines_of_text(
            ax,
            region_lines(category, lang),
            lx,
            ly,
            REGION_FONT_PX * REGION_LINE,
            fontsize=REGION_FONT_PX * geo.scale,
            fontweight="bold",
            color="#555555",
            zorder=1,
            path_effects=[_halo(geo)],
        )


def _halo(geo: _Geometry) -> object:
    from matplotlib import patheffects

    return patheffects.withStroke(linewidth=max(1.0, 4 * geo.scale), foreground="white")


def _lines_of_text(
    ax: Axes,
    lines: list[str],
    x: float,
    y: float,
    step: float,
    *,
    gid: str | None = None,
    **style: Any,
) -> None:
    """Lines of text centred on (x, y) (layout units, y down), one line every ``step`` units, as
    the screen draws them. With ``gid``, line ``i`` gets the SVG id ``<gid>-<i>``."""
    n = len(lines)
    for i, line in enumerate(lines):
        ax.text(
            x,
            -(y + (i - (n - 1) / 2) * step),
            line,
            ha="center",
            va="center_baseline",
            gid=None if gid is None else f"{gid}-{i}",
            **style,
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
            boxstyle="round,pad=0,rounding_size=5",
            facecolor="#222222" if is_family else "white",
            edgecolor="black",
            linewidth=2.4 if (stressful or mark) else 0.8,
            linestyle="--" if mark == "moved" else "-",
            zorder=3,
        )
        ax.add_patch(box)
        lines = placement.labels.get(node) or [family_label(lang)]
        font_px = FAMILY_FONT_PX if is_family else FONT_PX
        _lines_of_text(
            ax,
            lines,
            x,
            y,
            font_px,
            fontsize=font_px * geo.scale,
            fontweight="bold" if is_family else "normal",  # as the layout measured them
            color="white" if is_family else INK,
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
    """Every support line as planned (``Placement.lines``): the strand in its form's colour and
    pattern (vermillion for a stressful contact), lighter for a mixed one, with its arrow heads."""
    quality = {p.id: p.quality for p in ecomap.people}
    for line in placement.lines:
        q = quality[line.person_id]
        colour = STRESS_COLOUR if q is Quality.STRESSFUL else FORM_COLOUR[line.form]
        alpha = MIXED_OPACITY if q is Quality.MIXED else 1.0
        xs, ys = zip(*line.points, strict=True)
        ax.add_line(
            Line2D(
                xs,
                [-y for y in ys],
                color=colour,
                alpha=alpha,
                linewidth=line.width * geo.scale,
                linestyle=_dash(line.form, geo.scale),
                solid_capstyle="round",
                dash_capstyle="round",
                solid_joinstyle="round",
                zorder=2,
            )
        )
        for (tx, ty), (bx, by) in line.arrows:
            ax.add_patch(
                Polygon(
                    _arrow_head((tx, -ty), (bx, -by)),
                    closed=True,
                    facecolor=colour,
                    edgecolor="none",
                    alpha=alpha,
                    zorder=2,
                )
            )


def _arrow_head(tip: tuple[float, float], back: tuple[float, float]) -> list[tuple[float, float]]:
    """The triangle of an arrow head ``ARROW`` long and 0.9 ``ARROW`` wide (as on screen)."""
    dx, dy = tip[0] - back[0], tip[1] - back[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = tip[0] - ux * ARROW, tip[1] - uy * ARROW
    half = ARROW * 0.45
    return [tip, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]


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
    # Each name is wrapped over lines on the map; a <title> on its first line holds it whole (for
    # search and for screen readers). Ids are generated tokens; the name is XML-escaped.
    for person_id, name in display_names(ecomap, lang, anonymise=anonymise).items():
        group = f'<g id="{GID_PREFIX}{person_id}-0">'
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
