"""Two windows on one draft: the merge keeps every edit of both that does not collide, reports
every collision (and resolves it to theirs, the stored draft), and invents nothing.

The properties look at a map as a flat set of *atoms* (a person's existence, each field of a
person, each of their ties, each wish, each map field), independent of how ``merge`` is written:
for every atom the merged map holds the side that changed it, or theirs where both changed it
differently, and exactly those places are reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecomap.edit import delete_person, set_tie, set_wishes, update_person
from ecomap.merge import Collision, merge
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def person(pid: str, name: str, **fields: Any) -> Person:
    return Person(
        id=pid, name=name, category=fields.pop("category", Category.INFORMAL_CLOSE), **fields
    )


def base_map() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        people=[
            person("oma", "Oma"),
            person("buur", "Buurman", category=Category.INFORMAL_DISTANT),
        ],
        ties=[
            Tie(person_id="oma", form=SupportForm.PRACTICAL),
            Tie(person_id="buur", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        ],
        wishes=[SupportForm.NORMATIVE],
        note="Eerste gesprek.",
    )


def added(m: EcoMap, pid: str, name: str, form: SupportForm = SupportForm.EMOTIONAL) -> EcoMap:
    return set_tie(
        m.model_copy(update={"people": [*m.people, person(pid, name)]}),
        pid,
        form,
        Direction.RECEIVES,
    )


def names(m: EcoMap) -> list[str]:
    return [p.name for p in m.people]


# --------------------------------------------------------------------------- examples


def test_alfa_in_one_window_and_bravo_in_the_other_are_both_kept() -> None:
    """The issue's reproduction: two windows each add someone; nobody is lost."""
    base = base_map()
    result = merge(base, added(base, "b", "Bravo"), added(base, "a", "Alfa"))
    assert result.collisions == ()
    assert names(result.ecomap) == ["Oma", "Buurman", "Bravo", "Alfa"]
    assert {t.person_id for t in result.ecomap.ties} == {"oma", "buur", "a", "b"}


def test_edits_to_different_things_are_all_kept() -> None:
    base = base_map()
    mine = set_wishes(
        update_person(base, "oma", role="oma van moederskant"), [SupportForm.PRACTICAL]
    )
    theirs = set_tie(
        update_person(delete_person(base, "buur"), "oma", quality=Quality.MIXED),
        "oma",
        SupportForm.INFORMATIONAL,
        Direction.GIVES,
    ).model_copy(update={"note": "Tweede gesprek."})
    result = merge(base, mine, theirs)
    assert result.collisions == ()
    oma = result.ecomap.person("oma")
    assert (oma.role, oma.quality) == ("oma van moederskant", Quality.MIXED)
    assert names(result.ecomap) == ["Oma"]  # the neighbour deleted in the other window
    assert {(t.form, t.direction) for t in result.ecomap.ties} == {
        (SupportForm.PRACTICAL, Direction.RECEIVES),
        (SupportForm.INFORMATIONAL, Direction.GIVES),
    }
    assert result.ecomap.wishes == [SupportForm.PRACTICAL]  # normative removed, practical added
    assert result.ecomap.note == "Tweede gesprek."


def test_the_same_field_changed_differently_is_reported_and_theirs_holds() -> None:
    base = base_map()
    mine = update_person(base, "oma", name="Oma Truus", closeness=5)
    theirs = update_person(base, "oma", name="Oma Ans").model_copy(update={"note": "Anders."})
    mine = mine.model_copy(update={"note": "Nog anders."})
    result = merge(base, mine, theirs)
    assert set(result.collisions) == {Collision("oma", "name"), Collision(None, "note")}
    oma = result.ecomap.person("oma")
    assert (oma.name, oma.closeness) == ("Oma Ans", 5)  # mine's closeness did not collide
    assert result.ecomap.note == "Anders."


def test_edited_on_one_side_and_deleted_on_the_other_is_a_collision() -> None:
    base = base_map()
    edited = update_person(base, "buur", role="buurman Kees")
    deleted = delete_person(base, "buur")
    mine_deleted = merge(base, deleted, edited)
    assert mine_deleted.collisions == (Collision("buur", "person"),)
    assert mine_deleted.ecomap.person("buur").role == "buurman Kees"
    theirs_deleted = merge(base, edited, deleted)
    assert theirs_deleted.collisions == (Collision("buur", "person"),)
    assert "Buurman" not in names(theirs_deleted.ecomap)
    # A tie added to a person the other window deleted is an edit too.
    tied = set_tie(base, "buur", SupportForm.PRACTICAL, Direction.GIVES)
    assert merge(base, deleted, tied).collisions == (Collision("buur", "person"),)


def test_the_same_change_on_both_sides_is_no_collision() -> None:
    base = base_map()
    both = update_person(delete_person(base, "buur"), "oma", name="Oma Ans")
    result = merge(base, both, both)
    assert result == merge(base, both, both) and result.collisions == ()
    assert result.ecomap == both


def test_the_language_follows_the_window_that_switched_it_and_never_collides() -> None:
    base = base_map()
    english = added(base, "a", "Alfa").model_copy(update={"language": "en"})
    assert merge(base, base, english).ecomap.language == "en"
    assert merge(base, english, base).ecomap.language == "en"
    both = merge(base, english, base.model_copy(update={"note": "x"}))
    assert both.ecomap.language == "en" and both.collisions == ()


def test_a_map_that_would_be_too_full_keeps_theirs_and_says_so() -> None:
    base = EcoMap(people=[person(f"p{i}", f"Naam {i}") for i in range(290)])
    mine = base.model_copy(
        update={"people": [*base.people, *(person(f"m{i}", f"Mijn {i}") for i in range(8))]}
    )
    theirs = base.model_copy(
        update={"people": [*base.people, *(person(f"t{i}", f"Hun {i}") for i in range(8))]}
    )
    result = merge(base, mine, theirs)
    assert result.collisions == (Collision(None, "people"),)
    assert result.ecomap == theirs


# --------------------------------------------------------------------------- properties

IDS = ["a", "b", "c"]
NAMES = ["Oma", "Opa", "Juf", "Kees"]
FORMS = list(SupportForm)


@st.composite
def maps(draw: st.DrawFn) -> EcoMap:
    present = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=4))
    people = [
        Person(
            id=pid,
            name=draw(st.sampled_from(NAMES)),
            role=draw(st.sampled_from(["", "oma", "juf"])),
            category=draw(st.sampled_from(list(Category))),
            closeness=draw(st.sampled_from([None, 1, 5])),
            quality=draw(st.sampled_from(list(Quality))),
        )
        for pid in present
    ]
    ties = [
        Tie(person_id=pid, form=form, direction=draw(st.sampled_from(list(Direction))))
        for pid in present
        for form in FORMS
        if draw(st.booleans())
    ]
    return EcoMap(
        date=dt.date(2026, 3, draw(st.sampled_from([3, 4]))),
        people=people,
        ties=ties,
        wishes=draw(st.lists(st.sampled_from(FORMS), unique=True)),
        note=draw(st.sampled_from(["", "a", "b"])),
        family_label=draw(st.sampled_from([None, "Gezin J."])),
    )


@st.composite
def edited(draw: st.DrawFn, base: EcoMap) -> EcoMap:
    """``base`` after a few edits a window can make (several are likely to touch the same atom)."""
    m = base
    for _ in range(draw(st.integers(0, 5))):
        ids = [p.id for p in m.people]
        action = draw(
            st.sampled_from(
                [
                    "add",
                    "delete",
                    "field",
                    "field",
                    "tie",
                    "tie",
                    "wishes",
                    "note",
                    "label",
                    "language",
                ]
            )
        )
        if action == "add" and (free := [i for i in IDS if i not in ids]):
            pid = draw(st.sampled_from(free))
            m = m.model_copy(
                update={"people": [*m.people, person(pid, draw(st.sampled_from(NAMES)))]}
            )
        elif action == "delete" and ids:
            m = delete_person(m, draw(st.sampled_from(ids)))
        elif action == "field" and ids:
            field, value = draw(
                st.sampled_from(
                    [
                        ("name", "Tante"),
                        ("role", "buur"),
                        ("closeness", 2),
                        ("quality", Quality.STRESSFUL),
                    ]
                )
            )
            m = update_person(m, draw(st.sampled_from(ids)), **{field: value})
        elif action == "tie" and ids:
            m = set_tie(
                m, draw(st.sampled_from(ids)), draw(st.sampled_from(FORMS[:2])),
                draw(st.sampled_from([None, *Direction])),
            )  # fmt: skip
        elif action == "wishes":
            m = set_wishes(m, draw(st.lists(st.sampled_from(FORMS), unique=True)))
        elif action == "note":
            m = m.model_copy(update={"note": draw(st.sampled_from(["", "x", "y"]))})
        elif action == "language":
            m = m.model_copy(update={"language": draw(st.sampled_from(["nl", "en"]))})
        elif action == "label":
            m = m.model_copy(update={"family_label": draw(st.sampled_from([None, "Wij", "Zij"]))})
    return m


@st.composite
def three(draw: st.DrawFn) -> tuple[EcoMap, EcoMap, EcoMap]:
    base = draw(maps())
    return base, draw(edited(base)), draw(edited(base))


Atom = tuple[str, ...]


def atoms(m: EcoMap) -> dict[Atom, object]:
    out: dict[Atom, object] = {}
    for p in m.people:
        out[("person", p.id)] = True
        for field in ("name", "role", "category", "closeness", "quality"):
            out[("field", p.id, field)] = getattr(p, field)
    for t in m.ties:
        out[("tie", t.person_id, t.form.value)] = t.direction
    for form in m.wishes:
        out[("wish", form.value)] = True
    for field in ("date", "note", "family_label", "filled_in_by", "language"):
        out[("map", field)] = getattr(m, field)
    return out


def _changed(base: dict[Atom, object], side: dict[Atom, object], pid: str) -> bool:
    keys = {k for k in (*base, *side) if len(k) > 1 and k[1] == pid and k[0] != "map"}
    return any(base.get(k) != side.get(k) for k in keys)


def expected_person_collisions(
    b: dict[Atom, object], m: dict[Atom, object], t: dict[Atom, object]
) -> set[str]:
    """People deleted on one side and edited (any atom) on the other."""
    out = set()
    for pid in IDS:
        if ("person", pid) not in b:
            continue
        mine_gone, theirs_gone = ("person", pid) not in m, ("person", pid) not in t
        if (mine_gone and not theirs_gone and _changed(b, t, pid)) or (
            theirs_gone and not mine_gone and _changed(b, m, pid)
        ):
            out.add(pid)
    return out


@PROPERTIES
@given(three())
def test_every_edit_that_does_not_collide_is_kept_and_every_collision_is_reported(
    maps3: tuple[EcoMap, EcoMap, EcoMap],
) -> None:
    base, mine, theirs = maps3
    result = merge(base, mine, theirs)
    b, m, t, r = atoms(base), atoms(mine), atoms(theirs), atoms(result.ecomap)
    gone_vs_edited = expected_person_collisions(b, m, t)
    reported = set(result.collisions)
    assert {c.person_id for c in reported if c.field == "person"} == gone_vs_edited
    expected_fields = set()
    for key in set(b) | set(m) | set(t):
        pid = key[1] if key[0] != "map" and key[0] != "wish" else None
        if pid in gone_vs_edited:
            assert r.get(key) == t.get(key), key  # the whole person as theirs has them
            continue
        bv, mv, tv = b.get(key), m.get(key), t.get(key)
        both_changed = mv != bv and tv != bv and mv != tv
        if both_changed and key[0] in ("field", "tie", "map") and key != ("map", "language"):
            expected_fields.add(
                Collision(pid, key[2] if key[0] == "field" else f"tie.{key[2]}")
                if pid
                else Collision(None, key[1])
            )
        want = tv if both_changed or mv == bv else mv
        assert r.get(key) == want, (key, bv, mv, tv)
    assert {c for c in reported if c.field != "person"} == expected_fields


@PROPERTIES
@given(three())
def test_merging_with_an_unchanged_side_gives_the_other_side(
    maps3: tuple[EcoMap, EcoMap, EcoMap],
) -> None:
    base, mine, theirs = maps3
    assert merge(base, mine, base) == merge(base, mine, mine)
    assert merge(base, mine, base).ecomap == mine and not merge(base, mine, base).collisions
    assert merge(base, base, theirs).ecomap == theirs and not merge(base, base, theirs).collisions
