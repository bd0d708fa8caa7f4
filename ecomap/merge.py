"""Two windows on one draft: a three-way merge of their edits, and what collided.

A parent may have the draft open in two windows (two tabs, or phone and laptop). Each window
remembers the map it last saved or loaded (``base``); when it finds that the stored draft
(``theirs``) moved on meanwhile, it merges its own map (``mine``) with it. Edits that do not touch
the same thing are all kept: people added or removed on either side, ties set or removed, a
person's fields changed on one side, wishes, the note and the labels.

A collision is the same thing changed differently on both sides: the same field of the same
person (name, role, group, closeness, how it feels, the direction of one form of support), a
map field (note, family label, who filled it in, date, the earlier versions), or a person edited
on one side and deleted on the other. A collision is never resolved silently: it is reported,
and the merged map holds *theirs* (the stored draft, which every other window already shows), so
the window that merges is the one whose edit is set aside, and it can tell its user at once and
keep its own version elsewhere. Should the merged map not be valid (together both sides named
more people than a map holds), the result is theirs with one collision for the whole map.

The map's ``language`` (the language it was filled in) merges like a field but never counts as a
collision: it is a choice of screen, not an answer, and where both windows switched, theirs holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, TypeVar

from pydantic import ValidationError

from ecomap.model import Direction, EcoMap, Person, SupportForm

PERSON_FIELDS: Final = ("name", "role", "category", "closeness", "quality")
MAP_FIELDS: Final = (
    "date",
    "family_label",
    "filled_in_by",
    "note",
    "child_age",
    "previous_date",
    "previous_note",
    "history",
)

T = TypeVar("T")


@dataclass(frozen=True)
class Collision:
    """Something both sides changed differently; the merged map holds theirs.

    ``person_id`` is None for a field of the map itself (``field`` is one of ``MAP_FIELDS``, or
    "people" when the merged map would not be valid). For a person, ``field`` is one of
    ``PERSON_FIELDS``, "tie.<form>" for the direction of one form of support, or "person" when one
    side deleted the person and the other edited them.
    """

    person_id: str | None
    field: str


@dataclass(frozen=True)
class Merged:
    """The merged map and every collision in it (empty when both sides' edits fit together)."""

    ecomap: EcoMap
    collisions: tuple[Collision, ...] = ()


def _three_way(base: T, mine: T, theirs: T) -> tuple[T, bool]:
    """The changed side's value, or theirs with ``True`` when both changed it differently."""
    if mine in (theirs, base):
        return theirs, False
    if theirs == base:
        return mine, False
    return theirs, True


Ties = dict[SupportForm, Direction]


def _ties(m: EcoMap) -> dict[str, Ties]:
    out: dict[str, Ties] = {}
    for tie in m.ties:
        out.setdefault(tie.person_id, {})[tie.form] = tie.direction
    return out


def _merge_person(
    pid: str,
    base: tuple[Person | None, Ties],
    mine: tuple[Person | None, Ties],
    theirs: tuple[Person | None, Ties],
) -> tuple[Person | None, Ties, list[Collision]]:
    """One person and their ties, merged: (person or None when gone, ties, collisions)."""
    (b, b_ties), (m, m_ties), (t, t_ties) = base, mine, theirs
    if m is None or t is None:
        if m is None and t is None:
            return None, {}, []
        kept, kept_ties = (m, m_ties) if t is None else (t, t_ties)
        if b is None:  # added on one side
            return kept, kept_ties, []
        if (kept, kept_ties) == (b, b_ties):  # deleted on the other side, untouched here
            return None, {}, []
        # Deleted on one side, edited on the other: theirs holds.
        return t, t_ties, [Collision(pid, "person")]
    fields: dict[str, Any] = {"id": pid}
    collisions: list[Collision] = []
    for name in PERSON_FIELDS:
        value, collided = _three_way(
            None if b is None else getattr(b, name), getattr(m, name), getattr(t, name)
        )
        fields[name] = value
        if collided:
            collisions.append(Collision(pid, name))
    ties: Ties = {}
    for form in SupportForm:
        direction, collided = _three_way(b_ties.get(form), m_ties.get(form), t_ties.get(form))
        if direction is not None:
            ties[form] = direction
        if collided:
            collisions.append(Collision(pid, f"tie.{form.value}"))
    return Person.model_validate(fields), ties, collisions


def _in_order(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Every key once: in the order of the side that changed the order (mine when both did),
    then what only the other side has, in its order, then what only the base had."""
    first, second = (theirs, mine) if mine == base else (mine, theirs)
    return list(dict.fromkeys([*first, *second, *base]))


def _tie_keys(m: EcoMap) -> list[str]:
    return [f"{t.person_id}|{t.form.value}" for t in m.ties]


def merge(base: EcoMap, mine: EcoMap, theirs: EcoMap) -> Merged:
    """``mine`` and ``theirs``, both edited from ``base``, as one map (see the module docstring).

    Order: people and ties keep the order of the side that changed it (mine when both did);
    what only the other side has comes after, in its order.
    """
    b_ties, m_ties, t_ties = _ties(base), _ties(mine), _ties(theirs)
    b_people, m_people, t_people = ({p.id: p for p in x.people} for x in (base, mine, theirs))
    people: list[Person] = []
    ties: dict[str, Ties] = {}
    collisions: list[Collision] = []
    ids = _in_order(list(b_people), list(m_people), list(t_people))
    for pid in ids:
        person, person_ties, found = _merge_person(
            pid,
            (b_people.get(pid), b_ties.get(pid, {})),
            (m_people.get(pid), m_ties.get(pid, {})),
            (t_people.get(pid), t_ties.get(pid, {})),
        )
        collisions += found
        if person is not None:
            people.append(person)
            ties[pid] = person_ties
    tie_order = _in_order(_tie_keys(base), _tie_keys(mine), _tie_keys(theirs))
    merged_ties = [
        {"person_id": pid, "form": form, "direction": ties[pid][SupportForm(form)]}
        for pid, form in (key.split("|") for key in tie_order)
        if SupportForm(form) in ties.get(pid, {})
    ]
    wishes = [
        form
        for form in SupportForm
        if _three_way(form in base.wishes, form in mine.wishes, form in theirs.wishes)[0]
    ]
    fields: dict[str, Any] = {}
    for name in MAP_FIELDS:
        fields[name], collided = _three_way(
            getattr(base, name), getattr(mine, name), getattr(theirs, name)
        )
        if collided:
            collisions.append(Collision(None, name))
    try:
        merged = EcoMap.model_validate(
            {
                **fields,
                "schema_version": mine.schema_version,
                "language": _three_way(base.language, mine.language, theirs.language)[0],
                "people": people,
                "ties": merged_ties,
                "wishes": wishes,
            }
        )
    except ValidationError:  # e.g. more people than a map holds: keep theirs, set all of mine aside
        return Merged(theirs, (Collision(None, "people"),))
    return Merged(merged, tuple(collisions))
