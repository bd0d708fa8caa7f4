"""Changes to an eco-map, one small step at a time, as the questionnaire makes them.

Every function takes a map and returns a NEW map; nothing is mutated. That keeps undo trivial
(the UI keeps the old maps) and makes a half-done change impossible: either the whole new map
validates, or pydantic raises ``ValidationError`` and the caller still holds the old map
untouched. The UI turns that error into plain words with ``ecomap.texts.errors.explain``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from ecomap.model import (
    Category,
    Direction,
    EcoMap,
    Language,
    Person,
    SupportForm,
    Tie,
)
from ecomap.texts.roles import suggest_category

DEFAULT_CATEGORY = Category.INFORMAL_CLOSE
"""Used when neither role nor name suggests a category: a parent who names someone by first name
mostly means family or a friend. The UI shows the choice, and one click changes it."""


def new_person_id() -> str:
    """A short random id ("p" + 8 hex digits). Random, not a counter, so that ids from two sessions
    or two saved maps never collide when maps are merged, and never carry user text."""
    return "p" + secrets.token_hex(4)


def _rebuild(m: EcoMap, **changes: Any) -> EcoMap:
    """A validated copy of ``m`` with some fields replaced (``model_copy`` skips validation)."""
    data = {name: getattr(m, name) for name in type(m).model_fields}
    data.update(changes)
    return EcoMap.model_validate(data)


def name_key(name: str) -> str:
    """How two names are compared: case- and whitespace-insensitive ("  Oma  ans" == "oma Ans")."""
    return " ".join(name.split()).casefold()


def find_person(m: EcoMap, name: str) -> Person | None:
    """The person already called ``name`` (compared with ``name_key``), if any."""
    key = name_key(name)
    return next((p for p in m.people if name_key(p.name) == key), None)


def suggested_category(name: str, role: str, lang: Language) -> Category:
    """The category a new person gets: from the role, else from the name ("oma", "juf"), else the
    default. Only ever a starting point; the parent decides."""
    for hint in (role, name):
        if hint.strip() and (found := suggest_category(hint, lang)) is not None:
            return found
    return DEFAULT_CATEGORY


def add_person(
    m: EcoMap,
    name: str,
    role: str = "",
    category: Category | None = None,
    *,
    lang: Language = "nl",
) -> tuple[EcoMap, str]:
    """Add someone, or find them if they are already there (same name, ignoring case and spaces).

    Returns the (possibly unchanged) map and the person's id, so a name typed in a second question
    stays one person with more ties. Raises ``ValidationError`` for an empty or too long name or
    when the map is full.
    """
    existing = find_person(m, name)
    if existing is not None:
        return m, existing.id
    person = Person(
        id=new_person_id(),
        name=name,
        role=role,
        category=category or suggested_category(name, role, lang),
    )
    return _rebuild(m, people=[*m.people, person]), person.id


def _check_person(m: EcoMap, person_id: str) -> None:
    m.person(person_id)  # KeyError for an unknown id: a programming error, not user input


def set_tie(m: EcoMap, person_id: str, form: SupportForm, direction: Direction | None) -> EcoMap:
    """Set which way one form of support flows with one person; ``None`` removes the tie.

    The tie keeps its place in the list, so the map's order (and its drawing) stays stable."""
    _check_person(m, person_id)
    ties: list[Tie] = []
    placed = False
    for tie in m.ties:
        if tie.person_id == person_id and tie.form == form:
            placed = True
            if direction is not None:
                ties.append(Tie(person_id=person_id, form=form, direction=direction))
        else:
            ties.append(tie)
    if not placed and direction is not None:
        ties.append(Tie(person_id=person_id, form=form, direction=direction))
    return _rebuild(m, ties=ties)


def direction_of(m: EcoMap, person_id: str, form: SupportForm) -> Direction | None:
    """Which way ``form`` flows with this person, or None when it does not."""
    return next((t.direction for t in m.ties if t.person_id == person_id and t.form == form), None)


def combine(a: Direction | None, b: Direction | None) -> Direction | None:
    """Both flows together: receives + gives = both; anything + None = itself."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    return Direction.BOTH


def _without(direction: Direction | None, part: Direction) -> Direction | None:
    """``direction`` with one way taken out: both - gives = receives, receives - receives = None."""
    if direction is None:
        return None
    receives = direction.parent_receives and not part.parent_receives
    gives = direction.parent_gives and not part.parent_gives
    if receives and gives:
        return Direction.BOTH
    if receives:
        return Direction.RECEIVES
    return Direction.GIVES if gives else None


def add_support(m: EcoMap, person_id: str, form: SupportForm, direction: Direction) -> EcoMap:
    """Add one way of support to what is already there (ticking "receives" on a "gives" tie makes
    it "both"), as when a person is ticked in a question."""
    return set_tie(m, person_id, form, combine(direction_of(m, person_id, form), direction))


def remove_support(m: EcoMap, person_id: str, form: SupportForm, direction: Direction) -> EcoMap:
    """Take one way of support away and keep the other (un-ticking a person in a question)."""
    return set_tie(m, person_id, form, _without(direction_of(m, person_id, form), direction))


def set_supporters(
    m: EcoMap,
    form: SupportForm,
    direction: Direction,
    person_ids: Iterable[str],
) -> EcoMap:
    """Make exactly ``person_ids`` have ``direction`` for ``form`` (what the chips of one question
    show); the other way of each tie is left as it was."""
    chosen = set(person_ids)
    for person in m.people:
        current = direction_of(m, person.id, form)
        has_it = current is not None and combine(current, direction) == current
        if person.id in chosen and not has_it:
            m = add_support(m, person.id, form, direction)
        elif person.id not in chosen and has_it:
            m = remove_support(m, person.id, form, direction)
    return m


def update_person(m: EcoMap, person_id: str, **changes: Any) -> EcoMap:
    """Change any of a person's fields (role, category, closeness, quality, name); the id stays."""
    if "id" in changes:
        raise ValueError("a person's id never changes")
    _check_person(m, person_id)
    people = [
        Person.model_validate({**p.model_dump(), **changes}) if p.id == person_id else p
        for p in m.people
    ]
    return _rebuild(m, people=people)


def rename(m: EcoMap, person_id: str, name: str) -> EcoMap:
    """Give a person another name; all their ties stay with them."""
    return update_person(m, person_id, name=name)


def merge(m: EcoMap, keep_id: str, drop_id: str) -> EcoMap:
    """Two entries turn out to be the same person: keep one, move the other's ties onto it.

    When both had the same form, the directions combine (receives + gives = both). The kept
    person's name, role, category, closeness and quality stay as they were."""
    _check_person(m, keep_id)
    _check_person(m, drop_id)
    if keep_id == drop_id:
        return m
    for tie in m.ties_of(drop_id):
        m = add_support(m, keep_id, tie.form, tie.direction)
    return delete_person(m, drop_id)


def delete_person(m: EcoMap, person_id: str) -> EcoMap:
    """Remove a person and every tie with them."""
    _check_person(m, person_id)
    return _rebuild(
        m,
        people=[p for p in m.people if p.id != person_id],
        ties=[t for t in m.ties if t.person_id != person_id],
    )


def set_wishes(m: EcoMap, wishes: Iterable[SupportForm]) -> EcoMap:
    """The forms of support the parent would like more of (order and duplicates do not matter)."""
    return _rebuild(m, wishes=list(wishes))


def set_language(m: EcoMap, lang: Language) -> EcoMap:
    """The language the map was filled in (printed maps and reflections use it)."""
    return _rebuild(m, language=lang)


_FURTHER = {
    Category.INFORMAL_CLOSE: Category.INFORMAL_DISTANT,
    Category.FORMAL_EVERYDAY: Category.FORMAL_YOUTHCARE,
}
"""The ring just outside each close category, on the same side of the map."""
_CLOSER = {far: near for near, far in _FURTHER.items()}


def move(m: EcoMap, person_id: str, category: Category, closeness: int) -> EcoMap:
    """Put a person in another group and/or at another closeness (a drag on the map, or the
    buttons beside it). Unchanged when they are there already."""
    person = m.person(person_id)
    if person.category is category and person.effective_closeness == closeness:
        return m
    return update_person(m, person_id, category=category, closeness=closeness)


def closer(m: EcoMap, person_id: str) -> EcoMap:
    """One step nearer the family: closeness + 1, or from the inner edge of an outer ring into
    the outer edge of the ring inside it. Nobody is nearer than closeness 5 in a close ring."""
    p = m.person(person_id)
    if p.effective_closeness < 5:
        return move(m, person_id, p.category, p.effective_closeness + 1)
    if p.category in _CLOSER:
        return move(m, person_id, _CLOSER[p.category], 1)
    return m


def further(m: EcoMap, person_id: str) -> EcoMap:
    """One step away from the family: the mirror of ``closer``."""
    p = m.person(person_id)
    if p.effective_closeness > 1:
        return move(m, person_id, p.category, p.effective_closeness - 1)
    if p.category in _FURTHER:
        return move(m, person_id, _FURTHER[p.category], 5)
    return m
