"""The layout on Kesselring's grid: axes, closeness, no overlapping names, stable when adding."""

from __future__ import annotations

import itertools
import math
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecomap.model import MAX_NAME, MAX_PEOPLE, Category, EcoMap, Person
from ecomap.placement import (
    FAMILY_ID,
    MAX_LINES,
    TEXT_MAX_WIDTH,
    Placement,
    label_box,
    layout,
    plan,
    text_width,
    wrap_label,
)

NAMES = [
    "Oma",
    "Buurvrouw Els",
    "Juf Anouk van groep 3",
    "Tante Fatima",
    "Mo",
    "Jan-Willem van der Heijden",
    "Consultatiebureau",
    "Jeugdbescherming Noord-Holland",
    "😀👨‍👩‍👧 Familie",
    "Ahmed",
]


def person(i: int, category: Category, closeness: int | None = None, name: str = "") -> Person:
    return Person(
        id=f"p{i}", name=name or NAMES[i % len(NAMES)], category=category, closeness=closeness
    )


def random_map(n: int, seed: int) -> EcoMap:
    rng = random.Random(seed)
    return EcoMap(
        people=[
            person(
                i,
                rng.choice(list(Category)),
                rng.choice([None, 1, 2, 3, 4, 5]),
                rng.choice([*NAMES, "x" * rng.randint(1, MAX_NAME), "W" * rng.randint(1, 30)]),
            )
            for i in range(n)
        ]
    )


def overlapping(geometry: Placement) -> list[tuple[str, str]]:
    """Pairs of boxes (a node with its label, or a region's name) that overlap; sweep over x."""
    items = [(node, xy, geometry.sizes[node]) for node, xy in geometry.positions.items()]
    items += [(f"region:{c.value}", r.label_pos, r.label_size) for c, r in geometry.regions.items()]
    boxes = sorted(
        (x - w / 2, x + w / 2, y - h / 2, y + h / 2, node) for node, (x, y), (w, h) in items
    )
    bad: list[tuple[str, str]] = []
    for i, (_x0, x1, y0, y1, a) in enumerate(boxes):
        for u0, _u1, v0, v1, b in boxes[i + 1 :]:
            if u0 >= x1:
                break
            if v0 < y1 and y0 < v1:
                bad.append((a, b))
    return bad


def radius(geometry: Placement, node: str) -> float:
    return math.hypot(*geometry.positions[node])


def inside_region(geometry: Placement, ecomap: EcoMap) -> None:
    """Every box lies wholly inside its category's half ring (so regions never mix)."""
    for p in ecomap.people:
        region = geometry.regions[p.category]
        x, y = geometry.positions[p.id]
        w, h = geometry.sizes[p.id]
        corners = [(x + dx * w / 2, y + dy * h / 2) for dx in (-1, 1) for dy in (-1, 1)]
        for cx, cy in corners:
            assert (cx < 0) == (region.side == "left"), p.id
            assert region.r_inner - 1e-6 <= math.hypot(cx, cy) <= region.r_outer + 1e-6, p.id


# --------------------------------------------------------------------------- the axes


def test_family_in_the_centre_and_informal_left_formal_right() -> None:
    m = EcoMap(people=[person(i, c) for i, c in enumerate(Category)])
    g = plan(m)
    assert g.positions[FAMILY_ID] == (0.0, 0.0)
    assert g.positions["p0"][0] < 0  # informal_close
    assert g.positions["p1"][0] < 0  # informal_distant
    assert g.positions["p2"][0] > 0  # formal_everyday
    assert g.positions["p3"][0] > 0  # formal_youthcare
    assert g.regions[Category.INFORMAL_CLOSE].side == "left"
    assert g.regions[Category.FORMAL_YOUTHCARE].side == "right"


@pytest.mark.parametrize("seed", range(5))
def test_close_categories_are_nearer_the_centre(seed: int) -> None:
    m = random_map(40, seed)
    g = plan(m)
    for close, distant in [
        (Category.INFORMAL_CLOSE, Category.INFORMAL_DISTANT),
        (Category.FORMAL_EVERYDAY, Category.FORMAL_YOUTHCARE),
    ]:
        near = [radius(g, p.id) for p in m.people if p.category is close]
        far = [radius(g, p.id) for p in m.people if p.category is distant]
        if near and far:
            assert max(near) < min(far)
        assert g.regions[close].r_outer <= g.regions[distant].r_inner
    inside_region(g, m)


@pytest.mark.parametrize("category", list(Category))
def test_closeness_moves_people_radially(category: Category) -> None:
    m = EcoMap(people=[person(i, category, c) for i, c in enumerate([1, 2, 3, 4, 5])])
    g = plan(m)
    radii = [radius(g, f"p{i}") for i in range(5)]
    assert radii == sorted(radii, reverse=True), "closeness 5 must be nearest the family"
    assert radii[0] - radii[4] > 60


@pytest.mark.parametrize("category", list(Category))
@pytest.mark.parametrize("before", [0, 1, 2, 3, 5])
def test_raising_closeness_moves_a_person_inwards(category: Category, before: int) -> None:
    """One person, after ``before`` others in the same ring: closeness 1 -> 5 never moves them
    outwards, and 5 is clearly nearer than 1."""
    others = [person(i, category, 3, "Buurvrouw Els") for i in range(before)]
    radii = []
    for closeness in (1, 2, 3, 4, 5):
        m = EcoMap(people=[*others, person(before, category, closeness, "Tante Fatima")])
        radii.append(radius(plan(m), f"p{before}"))
    assert all(a >= b - 1.5 for a, b in itertools.pairwise(radii)), radii
    assert radii[0] - radii[4] > 40, radii


def test_unset_closeness_is_the_middle() -> None:
    a = plan(EcoMap(people=[person(0, Category.INFORMAL_CLOSE, None)]))
    b = plan(EcoMap(people=[person(0, Category.INFORMAL_CLOSE, 3)]))
    assert a.positions == b.positions


def test_every_region_has_a_label_place_inside_it() -> None:
    g = plan(EcoMap())
    for category, region in g.regions.items():
        x, y = region.label_pos
        assert region.category is category
        assert (x < 0) == (region.side == "left")
        assert region.r_inner < math.hypot(x, y) < region.r_outer


def test_language_does_not_move_anybody() -> None:
    m = random_map(20, 1)
    assert plan(m).positions == plan(m.model_copy(update={"language": "en"})).positions


# --------------------------------------------------------------------------- no overlap


@pytest.mark.parametrize("n", range(1, 61))
def test_no_overlap_up_to_60_people(n: int) -> None:
    m = random_map(n, seed=n)
    g = plan(m)
    assert set(g.positions) == {FAMILY_ID, *(p.id for p in m.people)}
    assert overlapping(g) == []
    inside_region(g, m)


ADVERSARIAL = {
    "all in one category, all nearest": [
        person(i, Category.INFORMAL_CLOSE, 5) for i in range(MAX_PEOPLE)
    ],
    "all in youth care, all furthest": [
        person(i, Category.FORMAL_YOUTHCARE, 1) for i in range(MAX_PEOPLE)
    ],
    "80-character names": [
        person(i, list(Category)[i % 4], name=("Lange naam " * 8)[:MAX_NAME])
        for i in range(MAX_PEOPLE)
    ],
    "80 wide letters, no spaces": [
        person(i, list(Category)[i % 2], 5, name="W" * MAX_NAME) for i in range(MAX_PEOPLE)
    ],
    "emoji names": [
        person(i, Category.FORMAL_EVERYDAY, name="👨‍👩‍👧‍👦😀🧑🏽‍🍼" * 6) for i in range(MAX_PEOPLE)
    ],
    "60 in one category": [person(i, Category.FORMAL_EVERYDAY) for i in range(60)],
}


@pytest.mark.parametrize("case", ADVERSARIAL)
def test_no_overlap_in_adversarial_maps(case: str) -> None:
    m = EcoMap(people=ADVERSARIAL[case], family_label="Familie " + "W" * 60)
    g = plan(m)
    assert overlapping(g) == []
    inside_region(g, m)


_person_strategy = st.tuples(
    st.sampled_from(list(Category)),
    st.sampled_from([None, 1, 2, 3, 4, 5]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=MAX_NAME,
    ).filter(lambda s: s.strip()),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_person_strategy, min_size=0, max_size=60))
def test_no_overlap_for_random_maps(people: list[tuple[Category, int | None, str]]) -> None:
    m = EcoMap(people=[person(i, c, k, name) for i, (c, k, name) in enumerate(people)])
    g = plan(m)
    assert overlapping(g) == []
    inside_region(g, m)


def test_extent_holds_every_box() -> None:
    m = random_map(60, 7)
    g = plan(m)
    x0, y0, x1, y1 = g.extent
    for node, (x, y) in g.positions.items():
        w, h = g.sizes[node]
        assert x0 <= x - w / 2 and x + w / 2 <= x1
        assert y0 <= y - h / 2 and y + h / 2 <= y1


# --------------------------------------------------------------------------- stability


def test_same_map_same_positions() -> None:
    m = random_map(50, 3)
    first = layout(m)
    assert layout(EcoMap.from_json(m.to_json())) == first
    assert plan(m).positions == first


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Category)), st.sampled_from([None, 1, 3, 5])),
        max_size=30,
    ),
    st.sampled_from(list(Category)),
    st.sampled_from([None, 1, 2, 3, 4, 5]),
)
def test_adding_a_person_moves_nobody_while_no_ring_grows(
    people: list[tuple[Category, int | None]], category: Category, closeness: int | None
) -> None:
    """Adding one person leaves everybody else exactly where they were, unless a ring had to
    grow; with up to 6 people per category (even with long names) no ring grows."""
    before = EcoMap(people=[person(i, c, k) for i, (c, k) in enumerate(people)])
    after = before.model_copy(
        update={"people": [*before.people, person(len(people), category, closeness)]}
    )
    g0, g1 = plan(before), plan(after)
    if max(sum(1 for p in after.people if p.category is c) for c in Category) <= 6:
        assert g1.regions == g0.regions
    if g1.regions == g0.regions:
        assert all(g1.positions[k] == v for k, v in g0.positions.items())
    else:  # only the new person's side can change
        other = [c for c in Category if c.is_formal != category.is_formal]
        assert all(g1.regions[c] == g0.regions[c] for c in other)
        for p in before.people:
            if p.category in other:
                assert g1.positions[p.id] == g0.positions[p.id]


def test_adding_to_a_full_ring_keeps_other_side_and_most_of_the_ring() -> None:
    base = [person(i, list(Category)[i % 4]) for i in range(40)]
    base += [person(i, Category.INFORMAL_CLOSE) for i in range(40, 70)]
    before = EcoMap(people=base)
    g0 = plan(before)
    # Add people to informal_close, one at a time, until its ring has to grow.
    while True:
        newcomer = person(len(base), Category.INFORMAL_CLOSE)
        g1 = plan(EcoMap(people=[*base, newcomer]))
        grown = g1.regions[Category.INFORMAL_CLOSE].r_outer
        if grown != g0.regions[Category.INFORMAL_CLOSE].r_outer:
            break
        assert all(g1.positions[k] == v for k, v in g0.positions.items())
        g0, base = g1, [*base, newcomer]
    # The formal side does not change at all.
    for p in base:
        if p.category.is_formal:
            assert g1.positions[p.id] == g0.positions[p.id]
    # In the grown ring most people stay within about one box of where they were.
    moved = [
        math.dist(g0.positions[p.id], g1.positions[p.id])
        for p in base
        if p.category is Category.INFORMAL_CLOSE
    ]
    assert sorted(moved)[len(moved) // 2] < 120
    # The ring outside it moves outwards as a whole, keeping its shape (angle) roughly.
    for p in base:
        if p.category is Category.INFORMAL_DISTANT:
            a0 = math.atan2(*reversed(g0.positions[p.id]))
            a1 = math.atan2(*reversed(g1.positions[p.id]))
            assert radius(g1, p.id) > radius(g0, p.id)
            assert abs(a0 - a1) < 0.5


# --------------------------------------------------------------------------- labels


def test_wrap_label_keeps_lines_within_width_and_cuts_long_names() -> None:
    lines = wrap_label("Jeugdbescherming " + "heel erg lange naam " * 5)
    assert len(lines) <= MAX_LINES
    assert all(text_width(line) <= TEXT_MAX_WIDTH for line in lines)
    assert lines[-1].endswith("…")
    assert wrap_label("Consultatiebureau") == ["Consultatiebureau"]
    assert wrap_label("Oma Ria") == ["Oma Ria"]


def test_label_box_grows_with_the_text() -> None:
    w1, h1 = label_box("Mo")
    w2, h2 = label_box("Buurvrouw Els")
    w3, h3 = label_box("Juf Anouk van groep 3 van de Regenboogschool")
    assert w1 < w2 <= w3
    assert h1 == h2 < h3


def test_layout_of_300_people_is_fast_enough_to_measure() -> None:
    """Not a timing assertion: prints the figure for the report and checks it still works."""
    m = EcoMap.model_construct(
        people=[person(i, list(Category)[i % 4], name=NAMES[i % 10]) for i in range(300)],
        ties=[],
        family_label=None,
    )
    start = time.perf_counter()
    g = plan(m)
    print(f"layout of 300 people: {(time.perf_counter() - start) * 1000:.1f} ms")
    assert overlapping(g) == []


def test_hyphenated_names_break_after_the_hyphen_not_inside_a_word() -> None:
    from ecomap.placement import wrap_label

    assert wrap_label("Moskee-vrouwengroep") == ["Moskee-", "vrouwengroep"]
    assert wrap_label("Jan-Willem") == ["Jan-Willem"]  # fits: stays whole
