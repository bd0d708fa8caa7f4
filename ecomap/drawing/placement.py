"""Where everybody stands on Kesselring's grid, and where their lines run: the shared geometry of
every drawing of the map (the app, the HTML export, the PDF, SVG and PNG).

The family sits at the centre (0, 0). The horizontal axis is professionality: informal people on
the left (x < 0), professionals on the right (x > 0). Proximity is the distance from the centre:
the close categories fill the inner half ring of their side, the distant ones the outer half
ring. A person's closeness (1-5, 5 = nearest) moves them across their ring.

Units: 1 unit = 1 CSS pixel on the map's canvas at zoom 1; y points DOWN (as in vis-network and
SVG). Every node is an axis-aligned box (the node with its label) centred on its position.

Why it looks like this:
- **Readable on a phone.** The rings are ellipses, ``STRETCH`` times taller than wide, and only as
  thick as their people need: a map of 30 people is about 400 units wide, so at full width on a
  375 px phone (and in the side column of a laptop) names stay at least 13 CSS px. ``view`` is the
  part of the grid that holds people: what a drawing shows by default.
- **Lines never cross a person.** Each person's line runs from their box to the family and keeps
  ``CORRIDOR`` units clear of every other box. Boxes keep ``GAP`` (more than two corridors) from
  each other, so a line can always pass between two; a spot from which the straight line is
  clear is preferred unless it is much further from where the person belongs. Once everybody
  stands, each line is straight where it can be and otherwise bends round the boxes in its way
  (``ecomap.drawing.routes``). Each form of support is its own strand along that line (``Line``),
  within the corridor. Region names are drawn over lines, with a white halo. (On a side with more
  than ``ROUTE_LIMIT`` people, the later lines are straight: routing them would take seconds.)
- **The same every time, and stable.** The picture depends only on the people (their order,
  category, closeness, name) and the family label, never on the language, the ties or the screen.
  Each half ring is filled in the map's own order: person ``j`` of a region gets a preferred spot
  (an angle from a low-discrepancy sequence, so the first few spread out and later ones fill the
  gaps; a radius from their closeness) and takes the free spot nearest to it. Earlier people never
  depend on later ones, so appending a person moves nobody, as long as no ring has to grow. A ring
  grows in fixed steps, only when its people no longer fit; then that side is laid out again (the
  other side never changes).
"""

from __future__ import annotations

import copy
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Literal

from ecomap.drawing import routes
from ecomap.drawing.fonts import drawable, measuring, text_width
from ecomap.drawing.routes import Point, Rect
from ecomap.model import (
    FAMILY_ID,
    MAX_PEOPLE,
    Category,
    Direction,
    EcoMap,
    Person,
    Quality,
    SupportForm,
    Tie,
)

__all__ = [
    "FAMILY_ID",
    "Ellipse",
    "LayoutCache",
    "Line",
    "Placement",
    "Region",
    "label_box",
    "layout",
    "meaning_of",
    "plan",
    "prepare",
    "text_width",
    "wrap_label",
]

# --------------------------------------------------------------------------- sizes (units)

FONT_PX = 15.0
"""Font size of a person's name. vis-network draws one text line per ``FONT_PX`` units."""
FAMILY_FONT_PX = 17.0
"""Font size of the family's name at the centre (bold)."""
REGION_FONT_PX = 15.0
"""Font size of a region's name (bold): at the default view at least 13 CSS px, like names."""
REGION_LINE = 1.15
"""Line height of a region's name, in font sizes."""
BOX_MARGIN = 4.0
"""Space between a name and the edge of its box, on every side."""
TEXT_MAX_WIDTH = 140.0
"""Longest line of a name before it wraps: about 18 letters, so that long Dutch compounds such as
"Consultatiebureau" or "Jeugdbescherming" stay whole (a test keeps them so)."""
MAX_LINES = 4
"""A longer name is cut with an ellipsis on the map; the full name is in the table."""
MIN_BOX_WIDTH = 44.0
"""Smallest box: big enough to tap with a finger."""
GAP = 10.6
"""Free space between any two boxes, and between a box and a ring's edge: more than two
corridors (and the 0.2 units ``routes.Obstacles`` keeps round a corner), so a line can always
pass between two boxes."""
AXIS_GAP = 16.0
"""Free space between the informal (left) and the formal (right) half."""
FAMILY_TEXT_MAX_WIDTH = 200.0
"""Longest line of the family's label ("Gezin Jansen-El Amrani" fits on two lines)."""
FAMILY_MIN_BOX = (110.0, 44.0)
"""The family box is at least this big, so its size does not depend on the language."""
REGION_LABEL_WIDTH = 112.0
"""Longest line of a region's name on the map (its short map name, field ``map`` of
``questions/*/labels.toml``; a test keeps every language within two such lines)."""
REGION_LABEL_BOX = (REGION_LABEL_WIDTH + 4.0, 2 * REGION_FONT_PX * REGION_LINE + 4.0)
"""Space kept free for a region's name (two lines of bold text), whatever the language."""
STRETCH = 1.45
"""The rings are ellipses about this many times taller than wide: a phone's screen is narrow,
and boxes are wider than tall, so a tall map holds more names at a readable size."""
HALF_WIDTHS = 364.0
"""How far boxes may reach from the vertical axis on the two sides together (units), for up to
``HALF_WIDTHS_PEOPLE`` people: with the axis gap and a border the map stays within about 390
units, so at full width on a 375 px phone names are drawn at 13 CSS px or more. A ring that
needs more room grows in height, not width. A bigger map gets ``sqrt(n / HALF_WIDTHS_PEOPLE)``
times as much (zooming helps there)."""
HALF_WIDTHS_PEOPLE = 40
HALF_MIN = AXIS_GAP / 2 + TEXT_MAX_WIDTH + 2 * BOX_MARGIN + GAP + 8.0
"""The least either side gets of ``HALF_WIDTHS``: room for the widest name box."""
HALF_STEP = 24.0
"""The split of ``HALF_WIDTHS`` between the sides follows how much each side holds, in steps of
this many units, so adding one person seldom moves it."""
OUTER_SIDE = 90.0
"""Room kept for the outer ring beside the inner one (units): once the inner ring reaches this
close to the side's edge it grows only in height."""
RING_MIN = 100.0
"""Thinnest a half ring can be (horizontal units): room for its name and a closeness range."""
RING_STEP = 20.0
"""A half ring grows by this much (horizontally, or ``STRETCH`` times that in height) when its
people no longer fit."""
FILL = 0.75
"""Share of a ring's area that boxes (with their gaps) may cover in the first try; a ring that
is still too small grows until everybody fits."""
VIEW_PAD = 10.0
"""Free border around ``view``."""

STRAND_WIDTH = 1.4
"""Width of one support line (a strand)."""
STRESS_WIDTH = 2.2
"""Width of a strand to a stressful contact."""
STRAND_SPACING = 2.2
"""Distance between the centres of two strands along one person's line."""
CORRIDOR = 5.0
"""Half the width kept free of other boxes along a person's line: four strands of a stressful
contact (1.5 spacings + half a strand = 4.4 units), half a unit of rounding, and air."""
EDGE_GAP = 2.0
"""Space between a box and the end of a line."""
ARROW = 6.0
"""Length (and width) of an arrow head on a strand."""
ARROW_FROM = 8.0
"""Distance from the person's box to the arrow head that points at the family."""

ROUTE_LIMIT = 50
"""Up to this many people on one side of the map, no line passes through a box: lines bend round
the boxes in their way (a map of 60 people has about 40 on its larger side). A bigger side would
take seconds to route; there the people after these get a straight line (drawn behind the
boxes), and zooming in helps."""

STRAIGHT_SLACK = 25.0
"""How much further (in cost units, about layout units) from their preferred spot a person may
be put to keep their line straight, before a spot with a bent line is taken."""
_RADIAL = 5.0
"""How much more a change of distance to the family costs than a move along the ring."""
_BUCKET = 32.0
_Y_STEP = 6.0
_NEAREST, _FURTHEST = 0.15, 0.85
"""Where closeness 5 and 1 would like to be across a ring (0 = inner edge, 1 = outer edge)."""
_RUNGS = 2
"""A ring's thickness is always a multiple of this many rungs (``RING_STEP``) above
``RING_MIN``: its climb starts on one (``_thickness``) and a full ring grows this many at once.
One rung at a time made every second name typed into one ring lay its side out anew (30 people:
9 of 16 appends); two rungs at once: 5 of 16, and maps of up to 40 people keep their size (50
and 60 people: 2-4 % taller)."""
_MAX_GROWTH = 400
"""Safety bound on ring growth steps (a ring that grows can always take one more box)."""
_SAMPLE = 14.0
"""Spacing of the extra candidate spots tried along a free stretch of a row."""

Side = Literal["left", "right"]

# Inner ring first: the outer ring on the same side starts where the inner one ends.
_RINGS: dict[Side, tuple[Category, Category]] = {
    "left": (Category.INFORMAL_CLOSE, Category.INFORMAL_DISTANT),
    "right": (Category.FORMAL_EVERYDAY, Category.FORMAL_YOUTHCARE),
}


@dataclass(frozen=True)
class Ellipse:
    """An ellipse around the family: ``a`` is its horizontal, ``b`` its vertical half axis."""

    a: float
    b: float

    def u_at(self, y: float) -> float:
        """How far from the vertical axis the ellipse reaches at height ``y`` (0 beyond it)."""
        q = 1.0 - (y / self.b) ** 2
        return self.a * math.sqrt(q) if q > 0 else 0.0

    def inside(self, u: float, y: float) -> bool:
        return (u / self.a) ** 2 + (y / self.b) ** 2 < 1.0

    def grown(self, by: float) -> Ellipse:
        return Ellipse(self.a + by, self.b + by)

    def toward(self, other: Ellipse, share: float) -> Ellipse:
        """The ellipse ``share`` (0-1) of the way from this one to ``other``."""
        return Ellipse(self.a + (other.a - self.a) * share, self.b + (other.b - self.b) * share)


@dataclass(frozen=True)
class Region:
    """One category's area: the half of an elliptical ring on its side of the axis (left =
    informal, right = formal), between the ellipses ``inner`` and ``outer``."""

    category: Category
    side: Side
    inner: Ellipse
    outer: Ellipse
    label_pos: tuple[float, float]
    """Centre of the region's name (units); the box of ``label_size`` there is kept free."""
    label_size: tuple[float, float] = REGION_LABEL_BOX
    """Width and height (units) of the space kept free for the region's name."""

    def depth(self, u: float, y: float) -> float:
        """Where (u, y) lies across the ring: 0 on the inner edge, 1 on the outer edge, below 0
        inside it and above 1 beyond it."""
        lo, hi = -1.0, 2.0
        for _ in range(30):
            mid = (lo + hi) / 2
            if self.inner.toward(self.outer, mid).inside(u, y):
                hi = mid
            else:
                lo = mid
        return (lo + hi) / 2


@dataclass(frozen=True)
class Line:
    """One drawn support line: one form of support between one person and the family."""

    person_id: str
    form: SupportForm
    points: tuple[Point, ...]
    """From the edge of the person's box to the edge of the family's box (units, y down)."""
    width: float
    """Stroke width in units."""
    arrows: tuple[tuple[Point, Point], ...] = ()
    """Arrow heads as (tip, back): the middle of the head's back edge; the head is ``ARROW``
    long and as wide. Both sit near the person, so each line says its own direction where it
    starts: one pointing at the family when the family receives, one pointing at the person
    when the family gives."""


@dataclass(frozen=True)
class Placement:
    """The whole geometry of one map; every renderer (HTML, PDF, PNG, SVG) draws from this."""

    positions: dict[str, tuple[float, float]]
    """Node id -> centre (x, y) in units; y points down. The family is at (0, 0)."""
    sizes: dict[str, tuple[float, float]]
    """Node id -> (width, height) in units of the node's box, its label included."""
    regions: dict[Category, Region]
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """(min_x, min_y, max_x, max_y) of the whole grid: rings, boxes and region names."""
    view: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """(min_x, min_y, max_x, max_y) of the part that holds people, the family and the four
    region names, with ``VIEW_PAD`` around it: what a drawing shows by default."""
    labels: dict[str, list[str]] = field(default_factory=dict)
    """Node id -> the lines of its label as planned (wrapped, maybe cut, characters the font
    lacks replaced); the family's is empty when the map has no family label (the renderer then
    writes the word for family)."""
    paths: dict[str, tuple[Point, ...]] = field(default_factory=dict)
    """Person id -> the middle of their line, from their box's centre to the family's centre
    (two points when straight, more where it bends round other boxes)."""
    lines: tuple[Line, ...] = ()
    """Every support line to draw, one per tie, in the order of the map's ties."""


# --------------------------------------------------------------------------- text size


_AFTER_HYPHEN = re.compile(r"(?<=[-\u2010\u2011])(?=\w)")
"""Where a hyphenated word may break: right after a hyphen that is followed by a letter."""


def _split_long(word: str, font_px: float, max_width: float, bold: bool) -> list[str]:
    """Cut a word that is wider than a line into pieces that fit (never inside a mark)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and not _joins(ch) and text_width(current + ch, font_px, bold=bold) > max_width:
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


def _joins(ch: str) -> bool:
    """Combining marks, joiners and variation selectors stay with the letter before them."""
    import unicodedata

    return unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0xFE00 <= ord(ch) <= 0xFE0F


def _wrap(
    text: str, font_px: float, max_width: float, max_lines: int, bold: bool
) -> tuple[str, ...]:
    cache = _ACTIVE.get()
    key = ("wrap", text, font_px, max_width, max_lines, bold)
    if cache is not None and key in cache.memo:
        return cache.memo[key]  # type: ignore[return-value]
    lines = _wrapped(text, font_px, max_width, max_lines, bold)
    if cache is not None:
        cache.memo[key] = lines
    return lines


def _wrapped(
    text: str, font_px: float, max_width: float, max_lines: int, bold: bool
) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        # A compound breaks after its hyphen first ("Moskee-" / "vrouwengroep"), and only a part
        # still too wide for a line is cut between letters. Parts of one word join without space.
        parts = [p for p in _AFTER_HYPHEN.split(word) if p]
        pieces = [piece for part in parts for piece in _split_long(part, font_px, max_width, bold)]
        for k, piece in enumerate(pieces):
            glue = " " if k == 0 else ""
            candidate = f"{current}{glue}{piece}" if current else piece
            if text_width(candidate, font_px, bold=bold) <= max_width:
                current = candidate
            else:
                lines.append(current)
                current = piece
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", font_px, bold=bold) > max_width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return tuple(lines)


def wrap_label(
    text: str,
    *,
    font_px: float = FONT_PX,
    max_width: float = TEXT_MAX_WIDTH,
    max_lines: int = MAX_LINES,
    bold: bool = False,
) -> list[str]:
    """Break a name into lines of at most ``max_width`` units; cut with "…" after ``max_lines``.
    Characters the map's font cannot draw (an emoji) become "�" first, so every machine draws
    exactly the measured text. Every renderer uses these lines: the map, the PDF and the picture
    wrap a name the same way."""
    return list(_wrap(drawable(text), font_px, max_width, max_lines, bold))


def _box_of(lines: Sequence[str], font_px: float, bold: bool = False) -> tuple[float, float]:
    width = max(text_width(line, font_px, bold=bold) for line in lines) + 2 * BOX_MARGIN
    height = len(lines) * font_px + 2 * BOX_MARGIN
    return (max(MIN_BOX_WIDTH, math.ceil(width)), height)


def label_box(text: str, font_px: float = FONT_PX) -> tuple[float, float]:
    """(width, height) in units of a node's box showing ``text`` as wrapped on the map."""
    return _box_of(wrap_label(text, font_px=font_px), font_px)


# --------------------------------------------------------------------------- one side


def _spread(j: int) -> float:
    """Where along the half ring the ``j``-th person of a region would like to be, in (0, 1)
    from top to bottom: 1/4, 3/4, 1/8, 5/8, 3/8, ... (van der Corput), so any number of people
    is spread evenly and a new person never changes the others' wishes. It starts above and
    below the family, where a ring is deepest (``STRETCH``), so closeness shows best there."""
    n, denom, t = j + 2, 1.0, 0.0
    while n:
        denom *= 2
        n, bit = divmod(n, 2)
        t += bit / denom
    return 0.1 + 0.8 * t


class _Index:
    """Rectangles bucketed by rows of ``_BUCKET`` units, for "what is near this row"."""

    def __init__(self) -> None:
        self.items: list[Rect] = []
        self.rows: dict[int, list[int]] = {}

    def add(self, rect: Rect) -> None:
        self.items.append(rect)
        index = len(self.items) - 1
        for k in range(math.floor(rect[1] / _BUCKET), math.floor(rect[3] / _BUCKET) + 1):
            self.rows.setdefault(k, []).append(index)

    def copy(self) -> _Index:
        new = _Index()
        new.items = list(self.items)
        new.rows = {k: list(v) for k, v in self.rows.items()}
        return new

    def near(self, y0: float, y1: float) -> list[Rect]:
        seen: set[int] = set()
        out: list[Rect] = []
        for k in range(math.floor(y0 / _BUCKET), math.floor(y1 / _BUCKET) + 1):
            for i in self.rows.get(k, ()):
                if i not in seen:
                    seen.add(i)
                    out.append(self.items[i])
        return out


@dataclass(frozen=True)
class _Ring:
    """A half ring in side-free coordinates, with the room a box keeps to its edges."""

    inner: Ellipse
    outer: Ellipse
    u_max: float

    @property
    def thickness(self) -> float:
        return self.outer.a - self.inner.a

    @functools.cached_property
    def room(self) -> tuple[Ellipse, Ellipse]:
        """The (outer, inner) edges a box's centre row must keep inside: ``GAP / 2`` from both
        (kept: a packer asks it for hundreds of rows per person)."""
        return self.outer.grown(-GAP / 2), self.inner.grown(GAP / 2)

    @functools.cached_property
    def _mid(self) -> Ellipse:
        return self.inner.toward(self.outer, 0.5)

    def radial(self, u: float, y: float) -> float:
        """A cheap measure of distance from the family, in units (the elliptical radius for the
        ellipse halfway across the ring)."""
        mid = self._mid
        return math.hypot(u, y * mid.a / mid.b)


class _Side:
    """One half of the map (informal or formal), in side-free coordinates: ``u`` = distance from
    the vertical axis (u = -x on the left, x on the right), ``y`` as on the map.

    Holds the boxes already placed (people, the family, region names). A new box keeps ``GAP``
    from every box; because ``GAP`` is more than two corridors wide, a line can always pass
    between two boxes, so every line can be routed once all boxes stand."""

    def __init__(self, family: Rect) -> None:
        self.family = family
        self.boxes = _Index()
        self.boxes.add(family)
        self.names: set[Rect] = set()
        """The region names' boxes: kept free of other boxes, not of lines (a name is drawn
        over the lines, with a white halo)."""

    def copy(self) -> _Side:
        new = copy.copy(self)
        new.boxes = self.boxes.copy()
        new.names = set(self.names)
        return new

    def free(self, ring: _Ring, w: float, h: float, yc: float) -> list[tuple[float, float]]:
        """Free intervals for the centre ``u`` of a w x h box centred at height ``yc``, wholly
        inside ``ring`` (with GAP/2 to both edges) and within its ``u_max``."""
        outer, inner = ring.room
        y0, y1 = yc - h / 2, yc + h / 2
        far = max(abs(y0), abs(y1))
        if far >= outer.b:
            return []
        near = 0.0 if y0 <= 0 <= y1 else min(abs(y0), abs(y1))
        lo = max(AXIS_GAP / 2, inner.u_at(near)) + w / 2
        hi = min(outer.u_at(far), ring.u_max) - w / 2
        if lo > hi:
            return []
        blocked = sorted(
            (b[0] - GAP - w / 2, b[2] + GAP + w / 2)
            for b in self.boxes.near(y0 - GAP, y1 + GAP)
            if b[1] < y1 + GAP and y0 < b[3] + GAP
        )
        free: list[tuple[float, float]] = []
        start = lo
        for a, b in blocked:
            if a > start:
                free.append((start, min(a, hi)))
            start = max(start, b)
            if start > hi:
                break
        if start <= hi:
            free.append((start, hi))
        return free

    def straight(self, centre: Point, own: Rect) -> bool:
        """Whether the straight line from ``centre`` to the family keeps clear of every box."""
        y0, y1 = sorted((centre[1], 0.0))
        for rect in self.boxes.near(y0 - CORRIDOR, y1 + CORRIDOR):
            if rect == own or rect == self.family or rect in self.names:
                continue
            if routes.hits(centre, (0.0, 0.0), routes.grow(rect, CORRIDOR)):
                return False
        return True


def _centre(rect: Rect) -> Point:
    return ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)


def _preferred(
    closeness: int, j: int, size: tuple[float, float], ring: _Ring
) -> tuple[float, float, float]:
    """Preferred (u, y) of the ``j``-th person of a region: the angle from ``_spread``; how far
    across the ring from closeness, the same share of the ring for everybody (5 = near its inner
    edge, 1 = near its outer edge, 3 = halfway). Returns (u, y, distance): where the box does
    not fit just there (the ring is cut off at the side's edge), the packer looks for the
    nearest spot at that distance from the family, further round the ring."""
    angle = math.pi * _spread(j)
    share = _NEAREST + (_FURTHEST - _NEAREST) * (5 - closeness) / 4
    e = ring.inner.toward(ring.outer, share)
    u, y = e.a * math.sin(angle), -e.b * math.cos(angle)
    w = size[0]
    return (min(max(u, AXIS_GAP / 2 + w / 2), ring.u_max - w / 2), y, ring.radial(u, y))


def _candidates(
    side: _Side, ring: _Ring, w: float, h: float, pu: float, py: float, target: float | None = None
) -> list[tuple[float, float, float]]:
    """Free spots for a w x h box, nearest to (pu, py) first: (cost, u, y).

    "Near" weighs a change of distance to the family ``_RADIAL`` times more than a move along
    the ring, so a person pushed aside by others keeps the distance their closeness gave. Rows
    are scanned outwards from ``py`` until no spot on a row can be within ``STRAIGHT_SLACK`` of
    the best one found."""
    if target is None:
        target = ring.radial(pu, py)
    k2 = _RADIAL**2 - 1

    def cost(u: float, y: float) -> float:
        return math.sqrt((u - pu) ** 2 + (y - py) ** 2 + k2 * (ring.radial(u, y) - target) ** 2)

    found: list[tuple[float, float, float]] = []
    best = math.inf
    j = 0
    limit = 2 * ring.outer.b
    while j * _Y_STEP <= min(best + STRAIGHT_SLACK, limit):
        for yc in (py - j * _Y_STEP, py + j * _Y_STEP) if j else (py,):
            for a, b in side.free(ring, w, h, yc):
                spots = {a, b, min(max(pu, a), b)}
                steps = int((b - a) // _SAMPLE)
                spots.update(a + (b - a) * i / (steps + 1) for i in range(1, min(steps, 8) + 1))
                for u in spots:
                    d = cost(u, yc)
                    found.append((d, u, yc))
                    best = min(best, d)
        j += 1
    found.sort()
    return found


def _place(
    side: _Side,
    ring: _Ring,
    w: float,
    h: float,
    pu: float,
    py: float,
    target: float,
    blocks: Callable[[Rect], bool] | None,
) -> Point | None:
    """Put a box as near (pu, py) as it fits; None if the ring is full. Within
    ``STRAIGHT_SLACK`` of the nearest spot it prefers one from which a straight line to the
    family passes no box placed so far and that ``blocks`` no line drawn so far; then one with
    only the straight line. Without ``blocks`` (lines are not routed), just the nearest."""
    candidates = _candidates(side, ring, w, h, pu, py, target)
    if not candidates:
        return None
    if blocks is None:
        return (candidates[0][1], candidates[0][2])
    best_cost = candidates[0][0]
    first_straight: Point | None = None
    for d, u, y in candidates:  # nearest first: the first that keeps both clear wins
        if d > best_cost + STRAIGHT_SLACK:
            break
        rect = routes.box((u, y), (w, h))
        if side.straight((u, y), rect):
            if not blocks(rect):
                return (u, y)
            first_straight = first_straight or (u, y)
    return first_straight or (candidates[0][1], candidates[0][2])


def _grow(inner: Ellipse, thickness: float, cap: float) -> Ellipse:
    """The outer edge of a ring ``thickness`` units thick (``STRETCH`` times that in height),
    no wider than ``cap``: beyond it the ring grows only in height."""
    return Ellipse(
        min(inner.a + thickness, max(cap, inner.a + RING_MIN)), inner.b + STRETCH * thickness
    )


def _half_ring_area(inner: Ellipse, outer: Ellipse) -> float:
    return math.pi / 2 * (outer.a * outer.b - inner.a * inner.b)


def _thickness(inner: Ellipse, cap: float, sizes: Iterable[tuple[float, float]]) -> float:
    """The first ring thickness to try: on the ladder ``RING_MIN`` + k ``RING_STEP``, what holds
    the boxes with their gaps and the region's name at ``FILL``, rounded up to a whole
    ``_RUNGS`` rungs: one more person seldom changes where the climb starts, and the first try
    mostly fits (a ring that does not grows ``_RUNGS`` rungs at a time until everybody fits)."""
    need = sum((w + GAP) * (h + GAP) for w, h in sizes) / FILL
    need += (REGION_LABEL_BOX[0] + GAP) * (REGION_LABEL_BOX[1] + GAP)
    t = RING_MIN
    while _half_ring_area(inner, _grow(inner, t + RING_STEP, cap)) < need:
        t += RING_STEP
    rungs = round((t - RING_MIN) / RING_STEP)
    return RING_MIN + -(-rungs // _RUNGS) * _RUNGS * RING_STEP


_Entry = tuple[str, Category, int, tuple[float, float]]
"""A person to place: id, category, closeness, box size."""


@dataclass
class _SideLayout:
    rings: dict[Category, _Ring]
    labels: dict[Category, Point]
    spots: dict[str, Point]
    paths: dict[str, list[Point]]


@dataclass
class _Fold:
    """One side after placing its region names and a first part of its people, in the map's
    order, with every line drawn so far: the layout is a fold over the people, so appending a
    person is one more step from the state before (``LayoutCache`` keeps the last states)."""

    rings: dict[Category, _Ring]
    labels: dict[Category, Point]
    side: _Side
    obstacles: routes.Obstacles
    """Every box but the region names, grown by the corridor: what lines keep clear of."""
    where: dict[Rect, int]
    """A box -> its index in ``obstacles``."""
    placed: dict[str, Point] = field(default_factory=dict)
    boxes: dict[str, Rect] = field(default_factory=dict)
    paths: dict[str, list[Point]] = field(default_factory=dict)
    segments: dict[int, set[str]] = field(default_factory=dict)
    """Row (of ``_BUCKET`` units) -> the people whose line passes it."""
    order: dict[Category, int] = field(default_factory=dict)

    def copy(self) -> _Fold:
        """An independent copy to step on (rings, points and boxes are immutable: shared)."""
        return replace(
            self,
            rings=dict(self.rings),
            labels=dict(self.labels),
            side=self.side.copy(),
            obstacles=self.obstacles.copy(),
            where=dict(self.where),
            placed=dict(self.placed),
            boxes=dict(self.boxes),
            paths={pid: list(path) for pid, path in self.paths.items()},
            segments={k: set(v) for k, v in self.segments.items()},
            order=dict(self.order),
        )

    def add_box(self, rect: Rect, *, name: bool = False) -> None:
        self.side.boxes.add(rect)
        if name:
            self.side.names.add(rect)
        else:
            self.where[rect] = len(self.obstacles.rects)
            self.obstacles.add(routes.grow(rect, CORRIDOR))

    def route(self, pid: str) -> None:
        """Draw (again) one person's line: straight when that keeps clear of every box, else the
        shortest way round the boxes in its way, on this side of the axis."""
        own = self.boxes[pid]
        centre = _centre(own)
        if self.side.straight(centre, own):
            self._draw(pid, [centre, (0.0, 0.0)])
            return
        found = self.obstacles.route(
            centre,
            (0.0, 0.0),
            skip=self.where[own],
            goal_rect=self.where[self.side.family],
            known=[p for k, p in self.paths.items() if k != pid],
        )
        # GAP leaves a way between any two boxes, so a route always exists.
        self._draw(pid, found if found is not None else [centre, (0.0, 0.0)])

    def _draw(self, pid: str, path: list[Point]) -> None:
        """Keep a person's line, and which rows of ``_BUCKET`` units it passes."""
        old = self.paths.get(pid)
        if old is not None:
            for k in self._rows(old):
                self.segments[k].discard(pid)
        self.paths[pid] = path
        for k in self._rows(path):
            self.segments.setdefault(k, set()).add(pid)

    @staticmethod
    def _rows(path: list[Point]) -> range:
        lo, hi = min(y for _, y in path) - CORRIDOR, max(y for _, y in path) + CORRIDOR
        return range(math.floor(lo / _BUCKET), math.floor(hi / _BUCKET) + 1)

    def step(self, entry: _Entry) -> bool:
        """Place one more person and draw their line; lines the new box now blocks are drawn
        again. False when the person's ring is full."""
        pid, category, closeness, (w, h) = entry
        ring = self.rings[category]
        pu, py, target = _preferred(closeness, self.order[category], (w, h), ring)
        routed = len(self.placed) < ROUTE_LIMIT
        spot = _place(
            self.side,
            ring,
            w,
            h,
            pu,
            py,
            target,
            (lambda r: bool(self._crossed(r))) if routed else None,
        )
        if spot is None:
            return False
        self.order[category] += 1
        rect = routes.box(spot, (w, h))
        self.placed[pid], self.boxes[pid] = spot, rect
        self.add_box(rect)
        if len(self.placed) > ROUTE_LIMIT:  # a very big map: lines straight, behind the boxes
            self._draw(pid, [spot, (0.0, 0.0)])
            return True
        for other in self._crossed(rect):
            self.route(other)
        self.route(pid)
        return True

    def _crossed(self, rect: Rect) -> list[str]:
        """The people whose line would pass through ``rect`` (grown by the corridor)."""
        _, y0, _, y1 = grown = routes.grow(rect, CORRIDOR)
        out = []
        for k in range(math.floor(y0 / _BUCKET), math.floor(y1 / _BUCKET) + 1):
            for pid in self.segments.get(k, ()):
                if pid not in out and any(
                    routes.hits(a, b, grown) for a, b in itertools.pairwise(self.paths[pid])
                ):
                    out.append(pid)
        return out


def _start(side_name: Side, family: Rect, rings: dict[Category, _Ring]) -> _Fold | Category:
    """A side with only the family and its region names; the ring whose name does not fit."""
    side = _Side(family)
    fold = _Fold(
        rings,
        {},
        side,
        routes.Obstacles([], allowed=lambda p: p[0] >= 0),  # lines stay on this side
        {},
        order=dict.fromkeys(rings, 0),
    )
    fold.where[family] = 0
    fold.obstacles.add(routes.grow(family, CORRIDOR))
    lw, lh = REGION_LABEL_BOX
    for category, ring in rings.items():
        # The region's name: at the top of its ring, next to the axis.
        top = -(ring.inner.b + GAP / 2 + lh / 2)
        spots = _candidates(side, ring, lw, lh, AXIS_GAP / 2 + lw / 2, top)
        if not spots:
            return category
        fold.labels[category] = (spots[0][1], spots[0][2])
        fold.add_box(routes.box(fold.labels[category], (lw, lh)), name=True)
    return fold


def _lay_out_side(
    side_name: Side, family: Rect, core: Ellipse, people: tuple[_Entry, ...], u_max: float
) -> _SideLayout:
    """Lay out one half of the map (side-free coordinates): region names first, then people in
    the map's order, each with their line; grow a ring until everybody fits. With a
    ``LayoutCache`` active, a side whose people did not change costs nothing, and one with a
    person added at the end costs one step."""
    cache = _ACTIVE.get()
    inner, outer = _RINGS[side_name]
    # The inner ring stops widening OUTER_SIDE short of the edge, but never before the widest
    # box (a name or the region's name) fits in it beside the axis.
    widest = max(REGION_LABEL_BOX[0], TEXT_MAX_WIDTH + 2 * BOX_MARGIN)
    caps = {inner: max(u_max - OUTER_SIDE, AXIS_GAP / 2 + widest + 2 * GAP), outer: u_max + GAP}
    sizes = {c: [size for _, cat, _, size in people if cat is c] for c in (inner, outer)}
    thick = {inner: _thickness(core, caps[inner], sizes[inner])}
    thick[outer] = _thickness(_grow(core, thick[inner], caps[inner]), caps[outer], sizes[outer])
    for _ in range(_MAX_GROWTH):
        first = _grow(core, thick[inner], caps[inner])
        rings = {
            inner: _Ring(core, first, u_max),
            outer: _Ring(first, _grow(first, thick[outer], caps[outer]), u_max),
        }
        setting = (side_name, family, core, u_max, thick[inner], thick[outer])
        full = cache.failed(setting, people) if cache is not None else None
        if full is not None:  # these rings were too small for these people before
            thick[full] += _RUNGS * RING_STEP
            continue
        fold, done = _resume(cache, setting, people)
        if fold is None:
            started = _start(side_name, family, rings)
            if isinstance(started, _Fold):
                fold = started
            else:
                full = started
        if fold is not None:
            for index in range(done, len(people)):
                if cache is not None and done < index == len(people) - 1:
                    # A side laid out anew: also keep it without its last person, from which
                    # another last person (after undo, or after ``prepare``) is one step.
                    cache.keep(setting, people[:index], fold.copy())
                if not fold.step(people[index]):
                    full = people[index][1]
                    if cache is not None:
                        cache.fail(setting, people[: index + 1], full)
                    break
        if full is None and fold is not None:
            if cache is not None:
                cache.keep(setting, people, fold)
            return _SideLayout(
                fold.rings,
                fold.labels,
                dict(fold.placed),
                {pid: list(path) for pid, path in fold.paths.items()},
            )
        assert full is not None
        thick[full] += _RUNGS * RING_STEP
    raise RuntimeError("the map's layout did not converge")  # a bug: every ring can grow


def _resume(
    cache: LayoutCache | None, setting: tuple[object, ...], people: tuple[_Entry, ...]
) -> tuple[_Fold | None, int]:
    """The kept state with these rings for the longest first part of these people, and how many
    it holds. A kept state is never changed: when people are left to place, the caller gets a
    copy to step on; when it holds them all, the kept state itself (about 0.2-0.9 ms saved per
    plan at 30 people: after an append the other side is unchanged)."""
    if cache is None:
        return None, 0
    best: tuple[_Fold | None, int] = (None, 0)
    for (kept_setting, kept_people), fold in cache.sides.items():
        n = len(kept_people)
        if kept_setting == setting and best[1] < n <= len(people) and people[:n] == kept_people:
            best = (fold, n)
    kept, done = best
    if kept is None or done == len(people):
        return kept, done  # nothing to step: the caller only reads it
    return kept.copy(), done


class LayoutCache:
    """What laying out a map may keep for the next time: text widths, wrapped labels and each
    person's strands, the last states of each side (``_Fold``) and which rings were too small
    for which people. One per session (the app keeps it in the session's state), never shared:
    its keys come from what one family typed. Bounded, so a long session does not grow without
    end."""

    SIDES = 8
    FAILURES = 64
    MEMO = 20_000

    def __init__(self) -> None:
        self.memo: dict[object, object] = {}
        self.sides: dict[tuple[tuple[object, ...], tuple[_Entry, ...]], _Fold] = {}
        self.failures: dict[tuple[tuple[object, ...], tuple[_Entry, ...]], Category] = {}

    def keep(self, setting: tuple[object, ...], people: tuple[_Entry, ...], fold: _Fold) -> None:
        self.sides.pop((setting, people), None)
        self.sides[(setting, people)] = fold  # the newest last
        while len(self.sides) > self.SIDES:
            del self.sides[next(iter(self.sides))]
        if len(self.memo) > self.MEMO:
            self.memo.clear()

    def fail(self, setting: tuple[object, ...], people: tuple[_Entry, ...], full: Category) -> None:
        """With these rings, the last of ``people`` did not fit (in ring ``full``)."""
        self.failures[(setting, people)] = full
        while len(self.failures) > self.FAILURES:
            del self.failures[next(iter(self.failures))]

    def failed(self, setting: tuple[object, ...], people: tuple[_Entry, ...]) -> Category | None:
        """The full ring when these rings are known to be too small for (the start of)
        ``people``."""
        for (kept_setting, kept_people), full in self.failures.items():
            n = len(kept_people)
            if kept_setting == setting and n <= len(people) and people[:n] == kept_people:
                return full
        return None


_ACTIVE: ContextVar[LayoutCache | None] = ContextVar("ecomap_layout_cache", default=None)
"""The cache of the plan being made (``plan(..., cache=)``), or None."""


# --------------------------------------------------------------------------- the whole map


def _family_box(ecomap: EcoMap) -> tuple[list[str], tuple[float, float]]:
    if ecomap.family_label:
        lines = wrap_label(
            ecomap.family_label,
            font_px=FAMILY_FONT_PX,
            max_width=FAMILY_TEXT_MAX_WIDTH,
            max_lines=2,
            bold=True,
        )
        fw, fh = _box_of(lines, FAMILY_FONT_PX, bold=True)
    else:
        lines = []
        fw, fh = FAMILY_MIN_BOX
    return lines, (max(fw, FAMILY_MIN_BOX[0]), max(fh, FAMILY_MIN_BOX[1]))


def plan(ecomap: EcoMap, cache: LayoutCache | None = None) -> Placement:
    """The full geometry of a map: positions, box sizes, the four regions, every line, the extent
    and the default view. ``cache``: one ``LayoutCache`` per session makes the next plan of a
    slightly changed map fast (the result is the same with or without it)."""
    if cache is None:
        cache = LayoutCache()  # still worth it within one plan: words repeat
    token = _ACTIVE.set(cache)
    try:
        with measuring(cache.memo):
            return _plan(ecomap)
    finally:
        _ACTIVE.reset(token)


_NEXT_ID = "next-person"
"""The id of the person ``prepare`` imagines (the app's ids are random; a map that came in with
this id is not laid out ahead)."""


def prepare(ecomap: EcoMap, cache: LayoutCache, category: Category) -> None:
    """Lay out ahead, in ``cache``, the map with one more person in ``category``, named like the
    longest name there now: when their ring is full, its side is laid out with the grown rings
    now, while nobody waits (the app calls this after the page is sent), and the next person
    typed into that ring costs a step or two instead (``_lay_out_side`` keeps a side laid out
    anew without its last person). Plans are the same with or without it; it moves work earlier.

    The longest name: a box at least as large as the next one's fails wherever that one would;
    with the median name, appends at 30 people still laid a side out anew 3 times in 16; with
    the longest, never after the first long name (``bench/NOTES.md``)."""
    if len(ecomap.people) >= MAX_PEOPLE or any(p.id == _NEXT_ID for p in ecomap.people):
        return  # nobody can be added, or that id is taken
    names = [p.name for p in ecomap.people if p.category is category] or ["?"]
    imagined = Person(id=_NEXT_ID, name=max(names, key=len), category=category)
    plan(ecomap.model_copy(update={"people": [*ecomap.people, imagined]}), cache)


def _plan(ecomap: EcoMap) -> Placement:
    labels: dict[str, list[str]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    labels[FAMILY_ID], sizes[FAMILY_ID] = _family_box(ecomap)
    fw, fh = sizes[FAMILY_ID]
    family = routes.box((0.0, 0.0), (fw, fh))
    # The smallest ellipse of the rings' shape around the family's box, and a gap.
    a = math.hypot(fw / 2, fh / 2 / STRETCH) + GAP
    core = Ellipse(a, STRETCH * a)

    by_side: dict[Side, list[_Entry]] = {"left": [], "right": []}
    for person in ecomap.people:
        labels[person.id] = wrap_label(person.name)
        sizes[person.id] = _box_of(labels[person.id], FONT_PX)
        side: Side = "right" if person.category.is_formal else "left"
        by_side[side].append(
            (person.id, person.category, person.effective_closeness, sizes[person.id])
        )

    u_max = _half_widths(by_side, len(ecomap.people))
    positions: dict[str, tuple[float, float]] = {FAMILY_ID: (0.0, 0.0)}
    paths: dict[str, tuple[Point, ...]] = {}
    regions: dict[Category, Region] = {}
    for side_name, people in by_side.items():
        sign = -1.0 if side_name == "left" else 1.0
        done = _lay_out_side(side_name, family, core, tuple(people), u_max[side_name])
        for category, ring in done.rings.items():
            lu, ly = done.labels[category]
            regions[category] = Region(
                category,
                side_name,
                ring.inner,
                ring.outer,
                (float(round(sign * lu)), float(round(ly))),
            )
        for pid, (u, y) in done.spots.items():
            # Whole units: vis-network floors node positions, and integers survive JSON.
            positions[pid] = (float(round(sign * u)), float(round(y)))
            path = [(sign * pu, py) for pu, py in done.paths[pid]]
            path[0] = positions[pid]
            paths[pid] = tuple(path)

    ordered = {FAMILY_ID: positions[FAMILY_ID]}
    ordered.update({p.id: positions[p.id] for p in ecomap.people})
    left = max(regions[c].outer.a for c in _RINGS["left"])
    right = max(regions[c].outer.a for c in _RINGS["right"])
    height = max(r.outer.b for r in regions.values())
    extent = (-left, -height, right, height)
    placement = Placement(
        positions=ordered,
        sizes=sizes,
        regions={c: regions[c] for c in Category},
        extent=extent,
        view=_view(ordered, sizes, regions.values(), extent),
        labels=labels,
        paths={p.id: paths[p.id] for p in ecomap.people},
    )
    return replace(placement, lines=_lines(placement, ecomap))


def _half_widths(by_side: dict[Side, list[_Entry]], people: int) -> dict[Side, float]:
    """How far each side's boxes may reach from the axis: ``HALF_WIDTHS`` shared by how much
    area each side's boxes need, in whole ``HALF_STEP``s."""
    # Beyond HALF_WIDTHS_PEOPLE the map widens with the square root of its size, in whole
    # steps of two HALF_STEPs, so one more person seldom changes it.
    wider = HALF_WIDTHS * max(1.0, math.sqrt(people / HALF_WIDTHS_PEOPLE)) - HALF_WIDTHS
    total = HALF_WIDTHS + math.floor(wider / (2 * HALF_STEP)) * 2 * HALF_STEP
    label = (REGION_LABEL_BOX[0] + GAP) * (REGION_LABEL_BOX[1] + GAP) * 2
    need = {
        side: label + sum((w + GAP) * (h + GAP) for _, _, _, (w, h) in entries)
        for side, entries in by_side.items()
    }
    left = total * need["left"] / (need["left"] + need["right"])
    left = HALF_MIN + round((left - HALF_MIN) / HALF_STEP) * HALF_STEP
    left = min(max(left, HALF_MIN), total - HALF_MIN)
    return {"left": left, "right": total - left}


def _view(
    positions: dict[str, tuple[float, float]],
    sizes: dict[str, tuple[float, float]],
    regions: Iterable[Region],
    extent: tuple[float, float, float, float],
) -> tuple[float, float, float, float]:
    rects = [routes.box(positions[n], sizes[n]) for n in positions]
    rects += [routes.box(r.label_pos, r.label_size) for r in regions]
    x0 = min(r[0] for r in rects) - VIEW_PAD
    y0 = min(r[1] for r in rects) - VIEW_PAD
    x1 = max(r[2] for r in rects) + VIEW_PAD
    y1 = max(r[3] for r in rects) + VIEW_PAD
    return (max(x0, extent[0]), max(y0, extent[1]), min(x1, extent[2]), min(y1, extent[3]))


def _lines(placement: Placement, ecomap: EcoMap) -> tuple[Line, ...]:
    """One strand per tie along its person's path, side by side in the forms' order, from the
    edge of the person's box to the edge of the family's box."""
    family = routes.grow(routes.box((0.0, 0.0), placement.sizes[FAMILY_ID]), EDGE_GAP)
    by_person: dict[str, list[Tie]] = {}
    for tie in ecomap.ties:
        by_person.setdefault(tie.person_id, []).append(tie)
    forms = list(SupportForm)
    cache = _ACTIVE.get()
    strands: dict[tuple[str, SupportForm], Line] = {}
    for person in ecomap.people:
        ties = sorted(by_person.get(person.id, []), key=lambda t: forms.index(t.form))
        if not ties:
            continue
        # A person's strands depend on these only: after a change most are as before.
        key = (
            "strands",
            person.id,
            placement.positions[person.id],
            placement.sizes[person.id],
            placement.paths[person.id],
            person.quality is Quality.STRESSFUL,
            tuple((t.form, t.direction) for t in ties),
            family,
        )
        found = cache.memo.get(key) if cache is not None else None
        if not isinstance(found, tuple):
            found = _strands(placement, person, ties, family)
            if cache is not None:
                cache.memo[key] = found
        for line in found:
            strands[(person.id, line.form)] = line
    return tuple(strands[(t.person_id, t.form)] for t in ecomap.ties)


def _strands(
    placement: Placement, person: Person, ties: Sequence[Tie], family: Rect
) -> tuple[Line, ...]:
    """One person's strands (see ``_lines``)."""
    own = routes.grow(
        routes.box(placement.positions[person.id], placement.sizes[person.id]), EDGE_GAP
    )
    width = STRESS_WIDTH if person.quality is Quality.STRESSFUL else STRAND_WIDTH
    path = placement.paths[person.id]
    out = []
    for i, tie in enumerate(ties):
        shift = (i - (len(ties) - 1) / 2) * STRAND_SPACING
        points = routes.clip(routes.offset(path, shift), own, family)
        out.append(
            Line(person.id, tie.form, _rounded(points), width, _arrows(points, tie.direction))
        )
    return tuple(out)


def _rounded(points: Iterable[Point]) -> tuple[Point, ...]:
    """Whole units (a line's half-unit of rounding is within its corridor)."""
    return tuple((float(round(x)), float(round(y))) for x, y in points)


def _arrows(points: Sequence[Point], direction: Direction) -> tuple[tuple[Point, Point], ...]:
    """The arrow heads of one strand (see ``Line.arrows``), on the strand itself; on a very
    short strand they move closer together."""
    room = routes.length(points)
    heads: list[tuple[Point, Point]] = []
    if direction.parent_gives:  # at the person's edge, pointing at the person
        heads.append((points[0], routes.along(points, min(ARROW, room / 3))))
    if direction.parent_receives:  # a little further on, pointing at the family
        start = ARROW_FROM + (ARROW if direction.parent_gives else 0.0)
        start = min(start, max(0.0, room - ARROW))
        heads.append((routes.along(points, start + ARROW), routes.along(points, start)))
    return tuple((_rounded([tip])[0], _rounded([back])[0]) for tip, back in heads)


def layout(ecomap: EcoMap) -> dict[str, tuple[float, float]]:
    """Node id -> centre (x, y) in units, y down; the same as ``plan(ecomap).positions``."""
    return plan(ecomap).positions


def meaning_of(placement: Placement, x: float, y: float) -> tuple[Category, int]:
    """What a spot on the map means: the category whose half ring holds (x, y) and the closeness
    (1-5) its place across that ring gives. Used when a person is dragged: the map then snaps
    them to their new group and closeness. A spot on the family counts as nearest in the inner
    ring; beyond the grid, as furthest in the outer ring."""
    inner, outer = _RINGS["left" if x < 0 else "right"]
    u = abs(x)
    first = placement.regions[inner]
    category = inner if first.outer.inside(u, y) else outer
    depth = placement.regions[category].depth(u, y)
    return category, 5 - round(4 * min(1.0, max(0.0, depth)))
