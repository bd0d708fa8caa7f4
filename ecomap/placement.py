"""Where everybody stands on Kesselring's grid: the shared geometry of every drawing of the map.

The family sits at the centre (0, 0). The horizontal axis is professionality: informal people on
the left (x < 0), professionals on the right (x > 0). Proximity is the distance from the centre: the
close categories fill the inner half ring of their side, the distant ones the outer half ring. A
person's closeness (1-5, 5 = nearest) moves them radially inside their ring.

Units: 1 unit = 1 CSS pixel on the HTML canvas at zoom 1; y points DOWN (as in vis-network and
SVG). Every node is an axis-aligned box (the node with its label) centred on its position.

Why a row packer and not a force layout: the picture must be the same every time (a nurse and a
parent look at the same map at the next consult), no two labels may overlap, and adding a person
must not move the others. So each region is filled in the map's own order: person ``j`` of a region
gets a preferred spot (an angle from a low-discrepancy sequence, so the first few spread out over
the half ring and later ones fill the gaps; a radius from their closeness) and takes the free spot
nearest to it. Earlier people never depend on later ones, so appending a person moves nobody, as
long as the region does not have to grow. A region grows in fixed steps, only when its people no
longer fit; then the rings outside it on the same side move outwards as a whole.

Free spots are found with a bucketed index of placed boxes, so a layout is O(n) in practice.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from ecomap.model import FAMILY_ID, Category, EcoMap

__all__ = [
    "FAMILY_ID",
    "Placement",
    "Region",
    "label_box",
    "layout",
    "plan",
    "text_width",
    "wrap_label",
]

# --------------------------------------------------------------------------- sizes (units)

FONT_PX = 15.0
"""Font size of a person's name. vis-network draws one text line per ``FONT_PX`` units."""
FAMILY_FONT_PX = 18.0
"""Font size of the family's name at the centre."""
REGION_FONT_PX = 14.0
"""Font size of a region's name (bold)."""
BOX_MARGIN = 6.0
"""Space between a name and the edge of its box, on every side."""
TEXT_MAX_WIDTH = 160.0
"""Longest line of a name before it wraps: about 18 letters, so that long Dutch compounds such as
"Consultatiebureau" or "Jeugdbescherming" stay whole."""
MAX_LINES = 4
"""A longer name is cut with an ellipsis on the map; the full name is in the tooltip."""
MIN_BOX_WIDTH = 44.0
"""Smallest box: big enough to tap with a finger."""
GAP = 10.0
"""Free space between any two boxes, and between a box and a ring's edge."""
AXIS_GAP = 16.0
"""Free space between the informal (left) and the formal (right) half."""
FAMILY_TEXT_MAX_WIDTH = 220.0
"""Longest line of the family's label ("Gezin Jansen-El Amrani" fits on two lines)."""
FAMILY_MIN_BOX = (120.0, 46.0)
"""The family box is at least this big, so its size does not depend on the language."""
REGION_LABEL_BOX = (176.0, 40.0)
"""Space kept free for a region's name (two lines of bold 14 px text), whatever the language."""
RING_WIDTHS = (230.0, 190.0)
"""Thickness of the inner and the outer half ring when few people are in them. The inner ring is
thicker: it has less room per unit of thickness, and most families have more people close by."""
RING_STEP = 60.0
"""A half ring grows by this much when its people no longer fit."""
FILL = 0.5
"""Share of a ring's area that boxes may cover before it grows (the rest is air around them)."""
_RADIAL = 3.0
"""How much more a change of distance to the family costs than a move along the ring."""
_BUCKET = 32.0
_Y_STEP = 8.0

Side = Literal["left", "right"]

# Inner ring first: the outer ring on the same side starts where the inner one ends.
_RINGS: dict[Side, tuple[Category, Category]] = {
    "left": (Category.INFORMAL_CLOSE, Category.INFORMAL_DISTANT),
    "right": (Category.FORMAL_EVERYDAY, Category.FORMAL_YOUTHCARE),
}


@dataclass(frozen=True)
class Region:
    """One category's area: a half ring around the family (left = informal, right = formal)."""

    category: Category
    side: Side
    r_inner: float
    """Inner radius in units."""
    r_outer: float
    """Outer radius in units."""
    label_pos: tuple[float, float]
    """Centre of the region's name (units); the box of ``label_size`` there is kept free."""
    label_size: tuple[float, float] = REGION_LABEL_BOX
    """Width and height (units) of the space kept free for the region's name."""


@dataclass(frozen=True)
class Placement:
    """The whole geometry of one map; every renderer (HTML, PDF, PNG, SVG) draws from this."""

    positions: dict[str, tuple[float, float]]
    """Node id -> centre (x, y) in units; y points down. The family is at (0, 0)."""
    sizes: dict[str, tuple[float, float]]
    """Node id -> (width, height) in units of the node's box, its label included."""
    regions: dict[Category, Region]
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """(min_x, min_y, max_x, max_y) of everything drawn: rings, boxes and region names."""
    labels: dict[str, list[str]] = field(default_factory=dict)
    """Node id -> the lines of its label as planned (wrapped, maybe cut); the family's is empty
    when the map has no family label (the renderer then writes the word for family)."""


# --------------------------------------------------------------------------- text size


def _char_em(ch: str) -> float:
    """A generous width of one character in em, so a box never ends up narrower than the text
    drawn in it: an estimate that is too wide only costs a little air. Measured in Chromium, it
    is 10-25% above Arial/Liberation Sans and about DejaVu Sans (the wider fallback font)."""
    if ch.isascii():
        if ch in " ilj.,:;'|!`()[]{}-/\\tfr\"":
            return 0.4
        if ch in "mwMW@%" or ch.isupper():
            return 0.97
        return 0.58  # other letters, digits: at most 0.556 em in Arial
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or 0xFE00 <= ord(ch) <= 0xFE0F:
        return 0.0  # combining marks, zero-width joiners, direction marks, variation selectors
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.1
    if cat == "Ll":
        return 0.85
    return 1.1


def text_width(text: str, font_px: float = FONT_PX) -> float:
    """Estimated width in units of one line of text at ``font_px``."""
    return sum(_char_em(ch) for ch in text) * font_px


_AFTER_HYPHEN = re.compile(r"(?<=[-\u2010\u2011])(?=\w)")
"""Where a hyphenated word may break: right after a hyphen that is followed by a letter."""


def _split_long(word: str, font_px: float, max_width: float) -> list[str]:
    """Cut a word that is wider than a line into pieces that fit (never inside a mark or joiner)."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and _char_em(ch) > 0 and text_width(current + ch, font_px) > max_width:
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_label(
    text: str,
    *,
    font_px: float = FONT_PX,
    max_width: float = TEXT_MAX_WIDTH,
    max_lines: int = MAX_LINES,
) -> list[str]:
    """Break a name into lines of at most ``max_width`` units; cut with "…" after ``max_lines``.

    Every renderer uses these lines, so the map, the PDF and the picture wrap a name the same way.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        # A compound breaks after its hyphen first ("Moskee-" / "vrouwengroep"), and only a part
        # still too wide for a line is cut between letters. Parts of one word join without space.
        parts = [p for p in _AFTER_HYPHEN.split(word) if p]
        pieces = [piece for part in parts for piece in _split_long(part, font_px, max_width)]
        for k, piece in enumerate(pieces):
            glue = " " if k == 0 else ""
            candidate = f"{current}{glue}{piece}" if current else piece
            if text_width(candidate, font_px) <= max_width:
                current = candidate
            else:
                lines.append(current)
                current = piece
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", font_px) > max_width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def _box_of(lines: list[str], font_px: float) -> tuple[float, float]:
    width = max(text_width(line, font_px) for line in lines) + 2 * BOX_MARGIN
    height = len(lines) * font_px + 2 * BOX_MARGIN
    return (max(MIN_BOX_WIDTH, math.ceil(width)), height)


def label_box(text: str, font_px: float = FONT_PX) -> tuple[float, float]:
    """Estimated (width, height) in units of a node's box showing ``text`` as wrapped on the map."""
    return _box_of(wrap_label(text, font_px=font_px), font_px)


# --------------------------------------------------------------------------- packing


def _spread(j: int) -> float:
    """Where along the half ring the ``j``-th person of a region would like to be, in (0, 1)
    from top to bottom: 1/2, 1/4, 3/4, 1/8, 5/8, ... (van der Corput), so any number of people
    is spread evenly and a new person never changes the others' wishes."""
    n, denom, t = j + 1, 1.0, 0.0
    while n:
        denom *= 2
        n, bit = divmod(n, 2)
        t += bit / denom
    return 0.1 + 0.8 * t


@dataclass
class _Box:
    u0: float
    u1: float
    y0: float
    y1: float


class _Packer:
    """Free-spot search inside one half ring, in side-free coordinates: ``u`` = distance from the
    vertical axis (u = -x on the left, x on the right), ``y`` as on the map."""

    def __init__(self, r_inner: float, r_outer: float) -> None:
        self.ri = r_inner + GAP / 2
        self.ro = r_outer - GAP / 2
        self.boxes: list[_Box] = []
        self.buckets: dict[int, list[int]] = {}

    def _near(self, y0: float, y1: float) -> list[_Box]:
        seen: set[int] = set()
        out: list[_Box] = []
        for k in range(math.floor(y0 / _BUCKET), math.floor(y1 / _BUCKET) + 1):
            for i in self.buckets.get(k, ()):
                if i not in seen:
                    seen.add(i)
                    out.append(self.boxes[i])
        return out

    def _free(self, w: float, h: float, yc: float) -> list[tuple[float, float]]:
        """Free intervals for the centre ``u`` of a w x h box centred at height ``yc``."""
        y0, y1 = yc - h / 2, yc + h / 2
        far = max(abs(y0), abs(y1))
        if far >= self.ro:
            return []
        near = 0.0 if y0 <= 0 <= y1 else min(abs(y0), abs(y1))
        lo = max(AXIS_GAP / 2, math.sqrt(max(0.0, self.ri**2 - near**2))) + w / 2
        hi = math.sqrt(self.ro**2 - far**2) - w / 2
        if lo > hi:
            return []
        blocked = sorted(
            (b.u0 - GAP - w / 2, b.u1 + GAP + w / 2)
            for b in self._near(y0 - GAP, y1 + GAP)
            if b.y0 < y1 + GAP and y0 < b.y1 + GAP
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

    def place(self, w: float, h: float, pu: float, py: float) -> tuple[float, float] | None:
        """Put a box as near (pu, py) as it fits; None if the ring is full.

        "Near" weighs a change of radius ``_RADIAL`` times more than a move along the ring, so a
        person pushed aside by others keeps the distance to the family that their closeness gave.
        Every cost is at least the plain distance, so the scan can stop once rows are further away
        than the best spot found.
        """
        target = math.hypot(pu, py)
        k2 = _RADIAL**2 - 1

        def cost(u: float, y: float) -> float:
            return math.sqrt((u - pu) ** 2 + (y - py) ** 2 + k2 * (math.hypot(u, y) - target) ** 2)

        best: tuple[float, float] | None = None
        best_d = math.inf
        j = 0
        while j * _Y_STEP <= min(best_d, 2 * self.ro):
            for yc in (py - j * _Y_STEP, py + j * _Y_STEP) if j else (py,):
                if k2 * (abs(yc) - target) ** 2 > best_d**2:
                    continue  # every spot on this row is too far from the family's distance
                on_ring = math.sqrt(max(0.0, target**2 - yc**2))
                for a, b in self._free(w, h, yc):
                    for u in {min(max(pu, a), b), min(max(on_ring, a), b)}:
                        d = cost(u, yc)
                        if d < best_d:
                            best, best_d = (u, yc), d
            j += 1
        if best is not None:
            self._add(_Box(best[0] - w / 2, best[0] + w / 2, best[1] - h / 2, best[1] + h / 2))
        return best

    def _add(self, box: _Box) -> None:
        self.boxes.append(box)
        index = len(self.boxes) - 1
        lo, hi = box.y0 - GAP, box.y1 + GAP
        for k in range(math.floor(lo / _BUCKET), math.floor(hi / _BUCKET) + 1):
            self.buckets.setdefault(k, []).append(index)


def _ring_width(r_inner: float, base: float, sizes: list[tuple[float, float]]) -> float:
    """The smallest ring thickness (``base`` plus whole RING_STEPs) whose area holds the boxes."""
    need = sum((w + GAP) * (h + GAP) for w, h in sizes) / FILL
    need += (REGION_LABEL_BOX[0] + GAP) * (REGION_LABEL_BOX[1] + GAP)
    r_outer = math.sqrt(r_inner**2 + 2 * need / math.pi)
    steps = max(0, math.ceil((r_outer - r_inner - base) / RING_STEP))
    return base + steps * RING_STEP


def _radial_range(angle: float, w: float, h: float, ri: float, ro: float) -> tuple[float, float]:
    """Along the ray at ``angle`` (0 = straight up, pi = straight down), the nearest and furthest
    centre radius at which a w x h box lies wholly inside the ring (with GAP/2 to both edges) and
    keeps clear of the vertical axis. Wide boxes have a narrow range at 9 and 3 o'clock."""
    s, c = math.sin(angle), abs(math.cos(angle))
    r_in, r_out = ri + GAP / 2, ro - GAP / 2
    # Outer edge: the far corner (r s + w/2, r c + h/2) stays within r_out.
    b = s * w + c * h
    disc = b * b - 4 * ((w * w + h * h) / 4 - r_out * r_out)
    hi = (-b + math.sqrt(disc)) / 2 if disc > 0 else 0.0
    # Inner edge: the near corner (r s - w/2, r c - h/2) (or the near side, when the box
    # straddles the horizontal axis) stays outside r_in.
    lo = (r_in + w / 2) / s if s > 0 else math.inf
    if lo * c > h / 2:  # the box does not straddle the horizontal axis at that radius
        disc = b * b - 4 * ((w * w + h * h) / 4 - r_in * r_in)
        lo = (b + math.sqrt(max(0.0, disc))) / 2
    # Vertical axis: the box's near side stays AXIS_GAP/2 from it.
    lo = max(lo, (AXIS_GAP / 2 + w / 2) / s if s > 0 else math.inf)
    return lo, hi


def _preferred(
    closeness: int, j: int, size: tuple[float, float], ri: float, ro: float
) -> tuple[float, float]:
    """Preferred (u, y) of the ``j``-th person of a region: the angle from ``_spread``; the radius
    from closeness, across the whole range where this box fits on that ray (5 = as near the
    family as it fits, 1 = as far as it fits, 3 = halfway)."""
    angle = math.pi * _spread(j)
    lo, hi = _radial_range(angle, *size, ri, ro)
    if lo > hi:  # does not fit on this ray: aim at the middle of the ring, the packer moves it
        lo = hi = (ri + ro) / 2
    r = lo + (hi - lo) * (5 - closeness) / 4
    return (r * math.sin(angle), -r * math.cos(angle))


def _pack_region(
    r_inner: float, base: float, people: list[tuple[str, int, tuple[float, float]]]
) -> tuple[float, tuple[float, float], dict[str, tuple[float, float]]]:
    """Lay out one half ring (side-free): returns its outer radius, the label centre, and each
    person's centre as (u, y). Grows the ring step by step until everybody fits."""
    width = _ring_width(r_inner, base, [size for _, _, size in people])
    while True:
        r_outer = r_inner + width
        packer = _Packer(r_inner, r_outer)
        lw, lh = REGION_LABEL_BOX
        label = packer.place(lw, lh, AXIS_GAP / 2 + lw / 2, -(r_inner + r_outer) / 2)
        spots: dict[str, tuple[float, float]] = {}
        for j, (pid, closeness, (w, h)) in enumerate(people):
            pu, py = _preferred(closeness, j, (w, h), r_inner, r_outer)
            spot = packer.place(w, h, pu, py)
            if spot is None:
                break
            spots[pid] = spot
        if label is not None and len(spots) == len(people):
            return r_outer, label, spots
        width += RING_STEP


def plan(ecomap: EcoMap) -> Placement:
    """The full geometry of a map: positions, box sizes, the four regions and the extent.

    Depends only on the people (their order, category, closeness, name) and the family label,
    never on the language, so the Dutch and English map look the same.
    """
    labels: dict[str, list[str]] = {}
    sizes: dict[str, tuple[float, float]] = {}
    if ecomap.family_label:
        labels[FAMILY_ID] = wrap_label(
            ecomap.family_label, font_px=FAMILY_FONT_PX, max_width=FAMILY_TEXT_MAX_WIDTH
        )
        fw, fh = _box_of(labels[FAMILY_ID], FAMILY_FONT_PX)
    else:
        labels[FAMILY_ID] = []
        fw, fh = FAMILY_MIN_BOX
    sizes[FAMILY_ID] = (max(fw, FAMILY_MIN_BOX[0]), max(fh, FAMILY_MIN_BOX[1]))
    positions: dict[str, tuple[float, float]] = {FAMILY_ID: (0.0, 0.0)}
    r_family = math.hypot(*sizes[FAMILY_ID]) / 2 + GAP

    by_category: dict[Category, list[tuple[str, int, tuple[float, float]]]] = {
        c: [] for c in Category
    }
    for person in ecomap.people:
        labels[person.id] = wrap_label(person.name)
        sizes[person.id] = _box_of(labels[person.id], FONT_PX)
        by_category[person.category].append(
            (person.id, person.effective_closeness, sizes[person.id])
        )

    regions: dict[Category, Region] = {}
    reach: dict[Side, float] = {}
    for side, rings in _RINGS.items():
        sign = -1.0 if side == "left" else 1.0
        r_inner = r_family
        for category, base in zip(rings, RING_WIDTHS, strict=True):
            r_outer, (lu, ly), spots = _pack_region(r_inner, base, by_category[category])
            label_pos = (float(round(sign * lu)), float(round(ly)))
            regions[category] = Region(category, side, r_inner, r_outer, label_pos)
            for pid, (u, y) in spots.items():
                # Whole units: vis-network floors node positions, and integers survive JSON.
                positions[pid] = (float(round(sign * u)), float(round(y)))
            r_inner = r_outer
        reach[side] = r_inner
    # Keep the map's own order in the dicts (family first), whatever the region order.
    ordered = {FAMILY_ID: positions[FAMILY_ID]}
    ordered.update({p.id: positions[p.id] for p in ecomap.people})
    return Placement(
        positions=ordered,
        sizes=sizes,
        regions={c: regions[c] for c in Category},
        extent=(-reach["left"], -max(reach.values()), reach["right"], max(reach.values())),
        labels=labels,
    )


def layout(ecomap: EcoMap) -> dict[str, tuple[float, float]]:
    """Node id -> centre (x, y) in units, y down; the same as ``plan(ecomap).positions``."""
    return plan(ecomap).positions
