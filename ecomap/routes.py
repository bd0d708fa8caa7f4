"""Lines that never pass through a box: plane geometry for the eco-map's support lines.

A reader takes a line through someone's box for a relation that is not there, so every line from
a person to the family must keep clear of every other box. This module has the geometry for
that, free of the model: points and axis-aligned rectangles in layout units (1 unit = 1 CSS px
at zoom 1, y pointing down, as in ``ecomap.placement``).

- ``hits``/``clearance``: does a segment come within a distance of a rectangle.
- ``route``: the shortest way from a start to a goal around rectangles (A* over their
  corners), when the straight way is blocked.
- ``offset``/``clip``: the parallel strands drawn along one path (one per form of support) and
  their ends cut at the boxes they leave and enter.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

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


def route(
    start: Point,
    goal: Point,
    obstacles: Sequence[Rect],
    *,
    goal_obstacle: Rect | None = None,
    allowed: Callable[[Point], bool] = lambda _p: True,
    margin: float = 0.5,
) -> list[Point] | None:
    """The shortest polyline from ``start`` to ``goal`` that enters no obstacle, or None when
    there is none. Obstacles are already grown by the clearance the line needs.

    A* over the visibility graph of the obstacles' corners (pushed ``margin`` outwards): a
    shortest path round rectangles bends only at their corners, so this finds one whenever one
    exists. ``goal_obstacle`` (the family's box) blocks every stretch except one that ends at
    the goal; ``allowed`` rejects a bend point (e.g. one on the other half of the map)."""
    blocking = list(obstacles)

    def clear(a: Point, b: Point) -> bool:
        lo_x, hi_x = min(a[0], b[0]), max(a[0], b[0])
        lo_y, hi_y = min(a[1], b[1]), max(a[1], b[1])
        rects = blocking if (b != goal or goal_obstacle is None) else blocking[:-1]
        for r in rects:
            if r[2] <= lo_x or r[0] >= hi_x or r[3] <= lo_y or r[1] >= hi_y:
                continue
            if hits(a, b, r):
                return False
        return True

    if goal_obstacle is not None:
        blocking.append(goal_obstacle)
    if clear(start, goal):
        return [start, goal]
    corners: list[Point] = []
    for r in blocking:
        x0, y0, x1, y1 = grow(r, margin)
        for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):
            if allowed(c) and not any(_point_rect_distance(c, o) == 0 for o in blocking):
                corners.append(c)
    import heapq

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
        for there in (goal, *corners):
            if there in done or there == here:
                continue
            cost = best[here] + math.dist(here, there)
            if cost >= best.get(there, math.inf) or not clear(here, there):
                continue
            best[there] = cost
            came[there] = here
            heapq.heappush(queue, (cost + math.dist(there, goal), there))
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


def _inside(p: Point, rect: Rect) -> bool:
    x0, y0, x1, y1 = rect
    return x0 < p[0] < x1 and y0 < p[1] < y1


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
