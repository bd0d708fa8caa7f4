"""Lines that never pass through a box: plane geometry for the eco-map's support lines.

A reader takes a line through someone's box for a relation that is not there, so every line from
a person to the family must keep clear of every other box. This module has the geometry for
that, free of the model: points and axis-aligned rectangles in layout units (1 unit = 1 CSS px
at zoom 1, y pointing down, as in ``ecomap.drawing.placement``).

- ``hits``/``clearance``: does a segment come within a distance of a rectangle.
- ``Obstacles.route``: the shortest way from a start to a goal around rectangles (A* over their
  corners), when the straight way is blocked.
- ``offset``/``clip``: the parallel strands drawn along one path (one per form of support) and
  their ends cut at the boxes they leave and enter.
"""

from __future__ import annotations

import copy
import heapq
import math
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
"""(x0, y0, x1, y1) with x0 <= x1 and y0 <= y1."""

_EPS = 1e-9


def grow(rect: Rect, by: float) -> Rect:
    """The rectangle with every side moved outwards by ``by`` units."""
    x0, y0, x1, y1 = rect
    return (x0 - by, y0 - by, x1 + by, y1 + by)


def box(centre: Point, size: tuple[float, float]) -> Rect:
    """The rectangle of a box of (width, height) around ``centre``."""
    (x, y), (w, h) = centre, size
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _entry(a: Point, b: Point, rect: Rect) -> float | None:
    """Where (0..1 along a->b) the segment first enters the open rectangle, or None if it never
    does (Liang-Barsky; touching an edge or a corner is not entering)."""
    x0, y0, x1, y1 = rect
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < _EPS:
            if q <= _EPS:
                return None  # parallel to this side and on or outside it
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t1 - t0 <= _EPS:
            return None
    return t0


def hits(a: Point, b: Point, rect: Rect) -> bool:
    """Whether the segment a-b passes through the inside of ``rect``."""
    return _entry(a, b, rect) is not None


def _point_rect_distance(p: Point, rect: Rect) -> float:
    x0, y0, x1, y1 = rect
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    return math.hypot(dx, dy)


def _point_segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 < _EPS
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def distance(a: Point, b: Point, rect: Rect) -> float:
    """The exact shortest distance between the segment a-b and ``rect`` (0 when they meet)."""
    if hits(a, b, rect) or _point_rect_distance(a, rect) == 0 or _point_rect_distance(b, rect) == 0:
        return 0.0
    x0, y0, x1, y1 = rect
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return min(
        _point_rect_distance(a, rect),
        _point_rect_distance(b, rect),
        *(_point_segment_distance(c, a, b) for c in corners),
    )


def clearance(points: Sequence[Point], rect: Rect) -> float:
    """The shortest distance between a polyline and ``rect``."""
    return min(distance(a, b, rect) for a, b in pairwise(points))


def length(points: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in pairwise(points))


_WIDENINGS = 6
"""How often a route search may widen its set of corners before it tries them all."""
_AROUND = 40.0
"""How far (units) a widening search looks round the corners it tried."""
_CORNER_CAP = 160
"""Most corners a route search takes before it joins a known line instead."""
_HOP = 160.0
"""Longest step between two corners in the first search over all corners."""
_JOIN_STEP = 24.0
"""Spacing (units) of the points along known lines that a line may join."""
_JOIN_TRIES = 64
"""How many of the nearest such points are tried."""
_NONE: frozenset[int] = frozenset()
_ARRAYS_FROM = 2048
"""From this many target-rectangle pairs on, ``Obstacles.visible`` works on arrays."""


class Obstacles:
    """Rectangles a line must not enter (already grown by the clearance it needs), prepared
    once for many routes: a row index for "which rectangles could this segment meet", and the
    corners a shortest way can bend at (each pushed ``margin`` outwards, those inside another
    rectangle or refused by ``allowed`` left out)."""

    _ROW = 48.0

    def __init__(
        self,
        rects: Sequence[Rect],
        *,
        allowed: Callable[[Point], bool] = lambda _p: True,
        margin: float = 0.2,
    ) -> None:
        self.rects = list(rects)
        self._allowed = allowed
        self._margin = margin
        self.rows: dict[int, list[int]] = {}
        for i, r in enumerate(self.rects):
            for k in range(math.floor(r[1] / self._ROW), math.floor(r[3] / self._ROW) + 1):
                self.rows.setdefault(k, []).append(i)
        self._seen: dict[tuple[Point, Point], tuple[int, ...]] = {}
        self._array = np.array(self.rects, dtype=float).reshape(-1, 4)
        self.corners: list[tuple[Point, int]] = []
        for i, r in enumerate(self.rects):
            x0, y0, x1, y1 = grow(r, margin)
            for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
                if allowed(c) and not self._inside_any(c):
                    self.corners.append((c, i))

    def copy(self) -> Obstacles:
        """An independent copy, to add to (a fraction of the cost of ``copy.deepcopy``: the
        rectangles and points are tuples and the array is replaced, never changed in place)."""
        new = copy.copy(self)
        new.rects = list(self.rects)
        new.rows = {k: list(v) for k, v in self.rows.items()}
        new._seen = dict(self._seen)
        new.corners = list(self.corners)
        return new

    def add(self, rect: Rect) -> None:
        """One more rectangle: its corners join, corners it covers leave."""
        i = len(self.rects)
        self.rects.append(rect)
        for k in range(math.floor(rect[1] / self._ROW), math.floor(rect[3] / self._ROW) + 1):
            self.rows.setdefault(k, []).append(i)
        self._array = np.vstack([self._array, np.array(rect, dtype=float)])
        self._seen.clear()
        self.corners = [(c, j) for c, j in self.corners if _point_rect_distance(c, rect) > 0]
        x0, y0, x1, y1 = grow(rect, self._margin)
        for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
            if self._allowed(c) and not self._inside_any(c):
                self.corners.append((c, i))

    def _near(self, y0: float, y1: float) -> set[int]:
        out: set[int] = set()
        for k in range(math.floor(y0 / self._ROW), math.floor(y1 / self._ROW) + 1):
            out.update(self.rows.get(k, ()))
        return out

    def _inside_any(self, p: Point) -> bool:
        return any(_point_rect_distance(p, self.rects[i]) == 0 for i in self._near(p[1], p[1]))

    def clear(self, a: Point, b: Point, skip: frozenset[int] = frozenset()) -> bool:
        """Whether the segment a-b enters none of the rectangles (but those in ``skip``)."""
        key = (a, b) if a <= b else (b, a)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._first_two(a, b)
        return all(i in skip for i in found)

    def _first_two(self, a: Point, b: Point) -> tuple[int, ...]:
        """Up to three rectangles the segment a-b enters: enough to answer ``clear`` when the
        start's own box and the goal's are skipped (the routes on one side share most segments,
        so the answers are kept)."""
        lo_x, hi_x = min(a[0], b[0]), max(a[0], b[0])
        lo_y, hi_y = min(a[1], b[1]), max(a[1], b[1])
        out: list[int] = []
        for i in self._near(lo_y, hi_y):
            r = self.rects[i]
            if r[2] <= lo_x or r[0] >= hi_x or r[3] <= lo_y or r[1] >= hi_y:
                continue
            if hits(a, b, r):
                out.append(i)
                if len(out) == 3:
                    break
        return tuple(out)

    def visible(
        self,
        a: Point,
        targets: Sequence[Point],
        skip: frozenset[int],
        goal: Point | None = None,
        goal_skip: frozenset[int] = frozenset(),
    ) -> list[bool]:
        """For each target: whether the segment from ``a`` to it enters no rectangle (but those
        in ``skip``, and for a target equal to ``goal`` also those in ``goal_skip``), by the slab
        test (touching an edge is not entering, as ``hits``).

        A route search asks this for ~12 targets among ~10 nearby rectangles at a time: plain
        Python then takes 7-30 us where numpy's per-call overhead alone is ~45 us (12 against
        52 us a call on average, over the calls of 15 appends at 30 people); from
        ``_ARRAYS_FROM`` target-rectangle pairs on, the arrays are faster (``bench/NOTES.md``,
        2026-12-03, night). Both give the same answers (``tests/test_routes.py``)."""
        if not targets:
            return []
        lo_y = min(a[1], min(t[1] for t in targets))
        hi_y = max(a[1], max(t[1] for t in targets))
        near = [(i, self.rects[i]) for i in self._near(lo_y, hi_y) if i not in skip]
        if len(near) * len(targets) >= _ARRAYS_FROM:
            return self._visible_arrays(a, targets, skip, goal, goal_skip)
        ax, ay = a
        out = []
        for target in targets:
            tx, ty = target
            also = goal_skip if goal is not None and target == goal else _NONE
            lo_x, hi_x = (ax, tx) if ax <= tx else (tx, ax)
            lo_y, hi_y = (ay, ty) if ay <= ty else (ty, ay)
            dx, dy = tx - ax, ty - ay
            flat_x, flat_y = abs(dx) < _EPS, abs(dy) < _EPS
            clear = True
            for i, (x0, y0, x1, y1) in near:
                if x1 <= lo_x or x0 >= hi_x or y1 <= lo_y or y0 >= hi_y or i in also:
                    continue  # (their boxes do not overlap: the segment cannot enter it)
                # The slab test as in _visible_arrays, the same sums in the same order (the
                # nearer edge divides to the smaller share; comparisons, not min and max: this
                # loop is most of a route search's time).
                lo, hi = 0.0, 1.0
                if flat_x:
                    if not x0 + _EPS < ax < x1 - _EPS:
                        continue
                else:
                    ta, tb = (x0 - ax) / dx, (x1 - ax) / dx
                    if dx < 0:
                        ta, tb = tb, ta
                    lo = ta if ta > lo else lo
                    hi = tb if tb < hi else hi
                if flat_y:
                    if not y0 + _EPS < ay < y1 - _EPS:
                        continue
                else:
                    ta, tb = (y0 - ay) / dy, (y1 - ay) / dy
                    if dy < 0:
                        ta, tb = tb, ta
                    lo = ta if ta > lo else lo
                    hi = tb if tb < hi else hi
                if hi - lo > _EPS:
                    clear = False
                    break
            out.append(clear)
        return out

    def _visible_arrays(
        self,
        a: Point,
        targets: Sequence[Point],
        skip: frozenset[int],
        goal: Point | None,
        goal_skip: frozenset[int],
    ) -> list[bool]:
        """``visible`` for all targets at once, on arrays."""
        t = np.asarray(targets, dtype=float)
        x0, y0, x1, y1 = self._array.T
        near = (
            (x1 > min(a[0], t[:, 0].min()))
            & (x0 < max(a[0], t[:, 0].max()))
            & (y1 > min(a[1], t[:, 1].min()))
            & (y0 < max(a[1], t[:, 1].max()))
        )
        for i in skip:
            near[i] = False
        ids = np.flatnonzero(near)
        if ids.size == 0:
            return [True] * len(targets)
        dx = t[:, :1] - a[0]
        dy = t[:, 1:] - a[1]
        lo = np.zeros((len(targets), ids.size))
        hi = np.ones((len(targets), ids.size))
        for d, start, edge0, edge1 in ((dx, a[0], x0[ids], x1[ids]), (dy, a[1], y0[ids], y1[ids])):
            flat = np.abs(d) < _EPS
            safe = np.where(flat, 1.0, d)
            ta, tb = (edge0 - start) / safe, (edge1 - start) / safe
            inside = (start > edge0 + _EPS) & (start < edge1 - _EPS)  # for a flat direction
            lo = np.where(flat, np.where(inside, lo, np.inf), np.maximum(lo, np.minimum(ta, tb)))
            hi = np.where(flat, hi, np.minimum(hi, np.maximum(ta, tb)))
        entered = hi - lo > _EPS
        if goal is not None and goal_skip:
            columns = [c for c, i in enumerate(ids.tolist()) if i in goal_skip]
            if columns:
                for k, target in enumerate(targets):
                    if target == goal:
                        entered[k, columns] = False  # (np.ix_ costs more than the test)
        blocked = np.asarray(entered.any(axis=1), dtype=bool)
        return [not bool(b) for b in blocked.tolist()]

    def route(
        self,
        start: Point,
        goal: Point,
        *,
        skip: int | None = None,
        goal_rect: int | None = None,
        known: Sequence[Sequence[Point]] = (),
    ) -> list[Point] | None:
        """The shortest polyline from ``start`` to ``goal`` that enters no rectangle, or None when
        there is none. Rectangle ``skip`` (the start's own box) never blocks; ``goal_rect`` (the
        family's box) blocks every stretch except one that ends at the goal.

        A* over the visibility graph of the corners: a shortest way round rectangles bends only
        at their corners. The search looks at the rectangles in the way and their neighbours
        first; when that grows past ``_CORNER_CAP`` corners (a far corner of a big map), the line
        joins the nearest visible point of a ``known`` line instead (one already routed to the
        same goal, so clear from there on); only then are all corners searched."""
        own = frozenset() if skip is None else frozenset({skip})
        at_goal = frozenset() if goal_rect is None else frozenset({goal_rect})

        def visible(a: Point, targets: Sequence[Point]) -> list[bool]:
            # The start's own box only lets the first stretch out, never a later one back in.
            return self.visible(a, targets, own if a == start else frozenset(), goal, at_goal)

        if visible(start, [goal])[0]:
            return [start, goal]
        # Bend only round the rectangles in the way: first those the straight segment meets,
        # then also those the segments from there meet, and so on; all corners as a last resort.
        by_rect: dict[int, list[Point]] = {}
        for c, i in self.corners:
            by_rect.setdefault(i, []).append(c)
        chosen: set[int] = set()
        reach = [start]
        for _ in range(_WIDENINGS):
            new = set()
            for a in reach:
                new |= self._blocking(a, goal, own)
            if chosen:  # and the neighbours of those already tried (a way out of a pocket)
                xs = [c[0] for c in reach] + [goal[0]]
                ys = [c[1] for c in reach] + [goal[1]]
                around = (
                    min(xs) - _AROUND,
                    min(ys) - _AROUND,
                    max(xs) + _AROUND,
                    max(ys) + _AROUND,
                )
                new |= {
                    i
                    for i in self._near(around[1], around[3])
                    if i not in own
                    and self.rects[i][0] < around[2]
                    and self.rects[i][2] > around[0]
                }
            new -= chosen
            if not new:
                break
            chosen |= new
            corners = [c for i in chosen for c in by_rect.get(i, ())]
            if len(corners) > _CORNER_CAP:
                break
            found = _a_star(start, goal, corners, visible)
            if found is not None:
                return found
            reach = [start, *corners]
        joined = self._join(start, known, own)
        if joined is not None:
            return joined
        corners = [c for c, i in self.corners if i != skip]
        for hop in (_HOP, math.inf):  # short hops first: fast, and enough in a dense map
            found = _a_star(start, goal, corners, visible, hop=hop)
            if found is not None:
                return found
        return None

    def _join(
        self, start: Point, known: Sequence[Sequence[Point]], own: frozenset[int]
    ) -> list[Point] | None:
        """``start``, then the nearest visible point of a known line, then that line's rest."""
        points: list[tuple[float, Point, int, int]] = []
        for k, line in enumerate(known):
            for j, (a, b) in enumerate(pairwise(line)):
                steps = max(1, int(math.dist(a, b) // _JOIN_STEP))
                for i in range(steps):
                    p = _lerp(a, b, i / steps)
                    if not self._inside_any(p):
                        points.append((math.dist(start, p), p, k, j))
        points.sort()
        nearest = points[:_JOIN_TRIES]
        seen = self.visible(start, [p for _, p, _, _ in nearest], own)
        for (_, p, k, j), ok in zip(nearest, seen, strict=True):
            rest = [p, *known[k][j + 1 :]]
            if ok and all(not hits(a, b, self.rects[i]) for i in own for a, b in pairwise(rest)):
                return [start, *rest]
        return None

    def _blocking(self, a: Point, b: Point, skip: frozenset[int]) -> set[int]:
        """Every rectangle the segment a-b enters (but those in ``skip``)."""
        lo_y, hi_y = min(a[1], b[1]), max(a[1], b[1])
        return {i for i in self._near(lo_y, hi_y) if i not in skip and hits(a, b, self.rects[i])}


def _a_star(
    start: Point,
    goal: Point,
    corners: list[Point],
    visible: Callable[[Point, Sequence[Point]], list[bool]],
    *,
    hop: float = math.inf,
) -> list[Point] | None:
    """A* from ``start`` to ``goal`` over ``corners``; a step between two corners is at most
    ``hop`` units long (the goal can always be reached in one step when visible)."""
    best: dict[Point, float] = {start: 0.0}
    came: dict[Point, Point] = {}
    queue: list[tuple[float, Point]] = [(math.dist(start, goal), start)]
    done: set[Point] = set()
    while queue:
        _, here = heapq.heappop(queue)
        if here == goal:
            path = [goal]
            while path[-1] != start:
                path.append(came[path[-1]])
            return path[::-1]
        if here in done:
            continue
        done.add(here)
        costs = {}
        for there in (goal, *corners):
            if there not in done and (there == goal or math.dist(here, there) <= hop):
                cost = best[here] + math.dist(here, there)
                if cost < best.get(there, math.inf):
                    costs[there] = cost
        targets = list(costs)
        for there, ok in zip(targets, visible(here, targets), strict=True):
            if ok:
                best[there] = costs[there]
                came[there] = here
                heapq.heappush(queue, (costs[there] + math.dist(there, goal), there))
    return None


def offset(points: Sequence[Point], by: float, *, miter_limit: float = 2.0) -> list[Point]:
    """The polyline moved ``by`` units to its left (negative: right), corners joined by mitres
    (at most ``miter_limit`` times ``by`` from the corner, so a sharp bend stays near the path).
    """
    if by == 0 or len(points) < 2:
        return list(points)
    normals = []
    for a, b in pairwise(points):
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        normals.append((dy / n, -dx / n))
    out = [(points[0][0] + by * normals[0][0], points[0][1] + by * normals[0][1])]
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by_) = normals[i - 1], normals[i]
        mx, my = ax + bx, ay + by_
        m = math.hypot(mx, my)
        if m < _EPS:
            mx, my, scale = ax, ay, 1.0
        else:
            mx, my = mx / m, my / m
            cos_half = mx * ax + my * ay
            scale = min(1.0 / max(cos_half, _EPS), miter_limit)
        out.append((points[i][0] + by * scale * mx, points[i][1] + by * scale * my))
    out.append((points[-1][0] + by * normals[-1][0], points[-1][1] + by * normals[-1][1]))
    return out


def _exit(a: Point, b: Point, rect: Rect) -> float | None:
    """Where (0..1 along a->b) a segment that starts inside ``rect`` leaves it."""
    t = _entry(b, a, rect)  # entering from the far end is leaving from this end
    return None if t is None else 1.0 - t


def clip(points: Sequence[Point], start_rect: Rect, end_rect: Rect) -> list[Point]:
    """The polyline without its parts inside ``start_rect`` (at its start) and ``end_rect``
    (at its end): a line drawn from the edge of one box to the edge of the other."""
    pts = list(points)
    # Leave the start box: drop the points inside it, cut the first segment that leaves it.
    while len(pts) >= 2 and _inside(pts[1], start_rect):
        pts.pop(0)
    if len(pts) >= 2 and _inside(pts[0], start_rect):
        t = _exit(pts[0], pts[1], start_rect)
        if t is not None:
            pts[0] = _lerp(pts[0], pts[1], t)
    # Enter the end box: cut at the first entry.
    for i in range(len(pts) - 1):
        t = _entry(pts[i], pts[i + 1], end_rect)
        if t is not None or _inside(pts[i + 1], end_rect):
            t = t if t is not None else 1.0
            return [*pts[: i + 1], _lerp(pts[i], pts[i + 1], t)]
    return pts


def along(points: Sequence[Point], distance: float) -> Point:
    """The point ``distance`` units along the polyline from its start (its end if shorter)."""
    left = distance
    for a, b in pairwise(points):
        step = math.dist(a, b)
        if step >= left and step > 0:
            return _lerp(a, b, left / step)
        left -= step
    return points[-1]


def _inside(p: Point, rect: Rect) -> bool:
    x0, y0, x1, y1 = rect
    return x0 < p[0] < x1 and y0 < p[1] < y1


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
