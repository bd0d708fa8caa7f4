"""Plane geometry of the support lines: crossing tests, routing round boxes, parallel strands."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.drawing import routes


def test_a_segment_through_a_box_hits_it_and_one_touching_it_does_not() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert routes.hits((-5, 5), (15, 5), box)
    assert not routes.hits((-5, 10), (15, 10), box), "along an edge is not inside"
    assert not routes.hits((-5, -5), (0, 0), box), "ending on a corner is not inside"
    assert not routes.hits((20, 0), (30, 10), box)


def test_distance_between_a_segment_and_a_box() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert routes.distance((-5, 15), (15, 15), box) == pytest.approx(5)
    assert routes.distance((13, 13), (20, 20), box) == pytest.approx(math.hypot(3, 3))
    assert routes.distance((-5, 5), (15, 5), box) == 0


def _wall() -> list[routes.Rect]:
    """Three boxes in a row between a start above and the goal below, with gaps between."""
    return [(-100.0, -10.0, -22.0, 10.0), (-18.0, -10.0, 18.0, 10.0), (22.0, -10.0, 100.0, 10.0)]


def test_a_route_bends_round_a_box_in_the_way_and_keeps_clear_of_all() -> None:
    walls = _wall()
    obstacles = routes.Obstacles(walls)
    path = obstacles.route((0.0, -60.0), (0.0, 60.0))
    assert path is not None and len(path) > 2, "it had to bend"
    for rect in walls:
        for a, b in itertools.pairwise(path):
            assert not routes.hits(a, b, rect)
    # Through one of the two gaps, not round the whole wall.
    assert routes.length(path) < 140


def test_a_route_is_straight_when_nothing_is_in_the_way() -> None:
    assert routes.Obstacles(_wall()).route((0.0, -60.0), (0.0, -20.0)) == [
        (0.0, -60.0),
        (0.0, -20.0),
    ]


def test_no_route_out_of_a_closed_room() -> None:
    room = [(-50.0, -50.0, 50.0, -40.0), (-50.0, 40.0, 50.0, 50.0), (-50.0, -50.0, -40.0, 50.0),
            (40.0, -50.0, 50.0, 50.0)]  # fmt: skip
    assert routes.Obstacles(room).route((0.0, 0.0), (200.0, 0.0)) is None


def test_the_goals_box_blocks_every_stretch_but_the_last() -> None:
    family = (-30.0, -10.0, 30.0, 10.0)
    obstacles = routes.Obstacles([family])
    path = obstacles.route((0.0, -80.0), (0.0, 0.0), goal_rect=0)
    assert path == [(0.0, -80.0), (0.0, 0.0)], "straight into its own goal's box"
    path = obstacles.route((-80.0, 30.0), (80.0, 30.0))
    assert path == [(-80.0, 30.0), (80.0, 30.0)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_routes_through_random_boxes_never_enter_one(seed: int) -> None:
    rng = random.Random(seed)
    rects: list[routes.Rect] = []
    for _ in range(25):
        x, y = rng.uniform(-200, 200), rng.uniform(-200, 200)
        rects.append((x, y, x + rng.uniform(10, 60), y + rng.uniform(8, 30)))
    start, goal = (-260.0, rng.uniform(-250, 250)), (260.0, rng.uniform(-250, 250))
    path = routes.Obstacles(rects).route(start, goal)
    if path is None:
        return  # boxes may close a way off completely; then nothing is drawn through them
    assert path[0] == start and path[-1] == goal
    for a, b in itertools.pairwise(path):
        for rect in rects:
            assert not routes.hits(a, b, rect)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000))
def test_sight_lines_are_the_same_in_plain_python_and_on_arrays(seed: int) -> None:
    """``visible`` answers small questions in plain Python and large ones on arrays (faster
    each way): both must agree, also on a grid where lines run along edges, touch corners and
    run flat, and with boxes skipped everywhere or only for the goal."""
    rng = random.Random(seed)
    rects: list[routes.Rect] = []
    for _ in range(rng.randint(1, 30)):
        x, y = rng.randint(-10, 10) * 10.0, rng.randint(-10, 10) * 10.0
        rects.append((x, y, x + rng.randint(1, 6) * 10.0, y + rng.randint(1, 4) * 10.0))
    obstacles = routes.Obstacles(rects)
    corners = [(r[i], r[j]) for r in rects for i, j in ((0, 1), (2, 1), (2, 3), (0, 3))]
    for _ in range(20):
        a = rng.choice(corners) if rng.random() < 0.5 else (rng.randint(-12, 12) * 10.0, 0.0)
        targets = [
            rng.choice(corners) if rng.random() < 0.6 else (rng.uniform(-130, 130), 5.0 * k)
            for k in range(rng.randint(1, 10))
        ]
        targets += [(a[0], rng.randint(-12, 12) * 10.0), (rng.randint(-12, 12) * 10.0, a[1])]
        skip = frozenset(rng.sample(range(len(rects)), k=min(len(rects), rng.randint(0, 2))))
        goal = rng.choice(targets)
        goal_skip = frozenset({rng.randrange(len(rects))})
        assert len(targets) * len(rects) < routes._ARRAYS_FROM  # the plain Python way
        expected = obstacles._visible_arrays(a, targets, skip, goal, goal_skip)
        assert obstacles.visible(a, targets, skip, goal, goal_skip) == expected
        assert obstacles.visible(a, targets, skip) == obstacles._visible_arrays(
            a, targets, skip, None, frozenset()
        )


def test_a_large_sight_line_question_goes_to_the_arrays_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(7)
    rects: list[routes.Rect] = []
    for _ in range(80):
        x, y = rng.uniform(0, 600), rng.uniform(-400, 400)
        rects.append((x, y, x + rng.uniform(40, 150), y + rng.uniform(20, 60)))
    obstacles = routes.Obstacles(rects)
    a = (-20.0, 0.0)  # left of every box
    targets = [(rng.uniform(0, 600), rng.uniform(-400, 400)) for _ in range(200)]
    called: list[int] = []
    arrays = routes.Obstacles._visible_arrays
    monkeypatch.setattr(
        routes.Obstacles,
        "_visible_arrays",
        lambda self, *args: called.append(1) or arrays(self, *args),
    )
    on_arrays = obstacles.visible(a, targets, frozenset())
    assert called, "a question this large is answered on arrays"
    monkeypatch.setattr(routes, "_ARRAYS_FROM", 10**9)
    assert obstacles.visible(a, targets, frozenset()) == on_arrays
    assert len(called) == 1, "and in plain Python when told so"
    assert 0 < sum(on_arrays) < len(targets), "some targets seen, some hidden"


def test_strands_run_parallel_at_the_given_distance() -> None:
    path = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0)]
    left = routes.offset(path, 3.0)
    assert left[0] == pytest.approx((0.0, -3.0))
    assert left[-1] == pytest.approx((103.0, 100.0))
    assert routes.clearance(left, (-1.0, -1.0, 99.0, 1.0)) == pytest.approx(2.0)


def test_a_line_is_cut_where_it_leaves_one_box_and_enters_the_other() -> None:
    start, end = (-10.0, -10.0, 10.0, 10.0), (90.0, -10.0, 110.0, 10.0)
    cut = routes.clip([(0.0, 0.0), (100.0, 0.0)], start, end)
    assert [pytest.approx(p) for p in cut] == [(10.0, 0.0), (90.0, 0.0)]


def test_a_point_along_a_polyline() -> None:
    path = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
    assert routes.along(path, 5) == pytest.approx((5.0, 0.0))
    assert routes.along(path, 15) == pytest.approx((10.0, 5.0))
    assert routes.along(path, 99) == (10.0, 10.0)
