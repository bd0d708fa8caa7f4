"""Deterministic example networks of any size for benchmarks: same n, same map, every run.

People are spread over the four categories roughly as in real networks (most in the own circle),
with about two support ties each, some both ways, a few mixed or stressful.
"""

from __future__ import annotations

import datetime as dt

from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie

_FIRST = ["Ans", "Piet", "Fatma", "Joost", "Ayşe", "Mohammed", "Sanne", "Daan", "Łucja", "Kees"]
_ROLES = {
    Category.INFORMAL_CLOSE: ["oma", "opa", "zus", "vriendin", "partner"],
    Category.INFORMAL_DISTANT: ["buurvrouw", "collega", "moeder van klasgenoot", "buurman"],
    Category.FORMAL_EVERYDAY: ["juf", "consultatiebureau", "kinderopvang", "sporttrainer"],
    Category.FORMAL_YOUTHCARE: ["wijkteam", "opvoedhulp"],
}
_SPREAD = (
    [Category.INFORMAL_CLOSE] * 4
    + [Category.INFORMAL_DISTANT] * 3
    + [Category.FORMAL_EVERYDAY] * 2
    + [Category.FORMAL_YOUTHCARE]
)
_FORMS = list(SupportForm)


def person(i: int) -> Person:
    category = _SPREAD[i % len(_SPREAD)]
    roles = _ROLES[category]
    return Person(
        id=f"p{i}",
        name=f"{_FIRST[i % len(_FIRST)]} {i}",
        role=roles[i % len(roles)],
        category=category,
        closeness=1 + (i * 7) % 5,
        quality=Quality.STRESSFUL
        if i % 17 == 5
        else Quality.MIXED
        if i % 7 == 3
        else Quality.SUPPORTIVE,
    )


def ties(i: int) -> list[Tie]:
    first = _FORMS[i % 4]
    second = _FORMS[(i + 1 + i // 4) % 4]
    out = [Tie(person_id=f"p{i}", form=first, direction=Direction.RECEIVES)]
    if second != first:
        direction = (
            Direction.BOTH if i % 3 == 0 else Direction.GIVES if i % 5 == 0 else Direction.RECEIVES
        )
        out.append(Tie(person_id=f"p{i}", form=second, direction=direction))
    return out


def network(n: int) -> EcoMap:
    """A map with n people and ~2 ties each (n <= MAX_PEOPLE)."""
    return EcoMap(
        date=dt.date(2026, 11, 1),
        family_label="Benchmark",
        people=[person(i) for i in range(n)],
        ties=[t for i in range(n) for t in ties(i)],
        wishes=[SupportForm.PRACTICAL],
    )
