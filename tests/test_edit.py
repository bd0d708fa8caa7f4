"""Map edits as the questionnaire makes them: new maps every time, never a lost or half-done map."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ecomap import edit
from ecomap.edit import (
    add_person,
    add_support,
    combine,
    delete_person,
    direction_of,
    find_person,
    merge,
    remove_support,
    rename,
    set_supporters,
    set_tie,
    set_wishes,
    update_person,
)
from ecomap.model import MAX_PEOPLE, Category, Direction, EcoMap, Person, Quality, SupportForm
from ecomap.texts.errors import explain

E, P, INF, N = (
    SupportForm.EMOTIONAL,
    SupportForm.PRACTICAL,
    SupportForm.INFORMATIONAL,
    SupportForm.NORMATIVE,
)
R, G, B = Direction.RECEIVES, Direction.GIVES, Direction.BOTH


@pytest.fixture(autouse=True)
def _no_suggestions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Role suggestions are another module's job; here a fixed stand-in keeps tests about edits."""
    table = {"juf": Category.FORMAL_EVERYDAY, "wijkteam": Category.FORMAL_YOUTHCARE}
    monkeypatch.setattr(
        edit, "suggest_category", lambda text, lang: table.get(text.strip().casefold())
    )


def _map(*names: str) -> tuple[EcoMap, list[str]]:
    m, ids = EcoMap(), []
    for name in names:
        m, pid = add_person(m, name)
        ids.append(pid)
    return m, ids


def test_new_ids_are_safe_tokens_and_differ() -> None:
    ids = {edit.new_person_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"p[0-9a-f]{8}", i) for i in ids)


def test_add_person_returns_new_map_and_leaves_the_old_one() -> None:
    before = EcoMap()
    after, pid = add_person(before, "Oma Ans")
    assert before.people == []
    assert after.person(pid).name == "Oma Ans"


def test_a_name_typed_again_is_the_same_person() -> None:
    m, pid = add_person(EcoMap(), "Oma Ans")
    again, same = add_person(m, "  oma   ANS ")
    assert same == pid
    assert again is m
    assert len(again.people) == 1
    assert find_person(again, "OMA ans") is not None
    assert find_person(again, "Opa") is None


def test_category_from_role_then_name_then_default() -> None:
    m, a = add_person(EcoMap(), "Mevrouw de Vries", role="juf")
    m, b = add_person(m, "Juf")
    m, c = add_person(m, "Sanne")
    m, d = add_person(m, "Karim", role="wijkteam", category=Category.INFORMAL_DISTANT)
    assert m.person(a).category == Category.FORMAL_EVERYDAY
    assert m.person(b).category == Category.FORMAL_EVERYDAY
    assert m.person(c).category == edit.DEFAULT_CATEGORY == Category.INFORMAL_CLOSE
    assert m.person(d).category == Category.INFORMAL_DISTANT, "the user's choice wins"


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_names_raise_and_keep_the_map(name: str) -> None:
    m, _ = _map("Oma")
    with pytest.raises(ValidationError) as info:
        add_person(m, name)
    assert len(m.people) == 1
    message = " ".join(explain(info.value, "nl"))
    assert "x" * 20 not in message, "the rejected input is never echoed"


def test_a_full_map_refuses_one_more_with_a_readable_message() -> None:
    m = EcoMap(
        people=[
            Person(id=f"q{i}", name=f"N{i}", category=Category.INFORMAL_CLOSE)
            for i in range(MAX_PEOPLE)
        ]
    )
    with pytest.raises(ValidationError) as info:
        add_person(m, "One more")
    assert str(MAX_PEOPLE) in " ".join(explain(info.value, "en"))
    assert len(m.people) == MAX_PEOPLE


def test_set_tie_adds_replaces_and_removes_in_place() -> None:
    m, (a, b) = _map("A", "B")
    m = set_tie(m, a, E, R)
    m = set_tie(m, b, P, G)
    m = set_tie(m, a, E, B)
    assert [(t.person_id, t.form, t.direction) for t in m.ties] == [(a, E, B), (b, P, G)]
    m = set_tie(m, a, E, None)
    assert [(t.person_id, t.form) for t in m.ties] == [(b, P)]
    assert set_tie(m, a, INF, None).ties == m.ties


def test_set_tie_for_unknown_person_is_an_error() -> None:
    with pytest.raises(KeyError):
        set_tie(EcoMap(), "nobody", E, R)


@pytest.mark.parametrize(
    ("a", "b", "both"),
    [(None, R, R), (R, None, R), (R, R, R), (R, G, B), (G, R, B), (B, G, B), (G, B, B)],
)
def test_combine(a: Direction | None, b: Direction | None, both: Direction) -> None:
    assert combine(a, b) == both


def test_ticking_both_ways_makes_both_and_unticking_keeps_the_other_way() -> None:
    m, (a,) = _map("Buurvrouw")
    m = add_support(m, a, P, R)
    m = add_support(m, a, P, G)
    assert direction_of(m, a, P) == B
    m = remove_support(m, a, P, R)
    assert direction_of(m, a, P) == G
    m = remove_support(m, a, P, G)
    assert direction_of(m, a, P) is None
    assert m.ties == []


def test_set_supporters_matches_the_ticked_chips() -> None:
    m, (a, b, c) = _map("A", "B", "C")
    m = set_tie(m, c, E, G)
    m = set_supporters(m, E, R, [a, c])
    assert (direction_of(m, a, E), direction_of(m, b, E), direction_of(m, c, E)) == (R, None, B)
    m = set_supporters(m, E, R, [b])
    assert (direction_of(m, a, E), direction_of(m, b, E), direction_of(m, c, E)) == (None, R, G)


def test_update_and_rename_keep_ties() -> None:
    m, (a, b) = _map("Ans", "Bert")
    m = set_tie(m, a, E, R)
    m = update_person(m, a, role="oma", closeness=5, quality=Quality.MIXED)
    m = rename(m, a, "Oma Ans")
    p = m.person(a)
    assert (p.name, p.role, p.closeness, p.quality) == ("Oma Ans", "oma", 5, Quality.MIXED)
    assert direction_of(m, a, E) == R
    assert m.person(b).name == "Bert"


def test_update_refuses_bad_values_and_id_changes() -> None:
    m, (a,) = _map("Ans")
    with pytest.raises(ValidationError):
        update_person(m, a, closeness=9)
    with pytest.raises(ValidationError):
        rename(m, a, "")
    with pytest.raises(ValueError, match="id"):
        update_person(m, a, id="p00000000")
    with pytest.raises(KeyError):
        update_person(m, "nobody", role="x")
    assert m.person(a).name == "Ans"


def test_merge_unions_ties_and_combines_directions() -> None:
    m, (keep, drop, other) = _map("Ans", "oma", "Bert")
    m = update_person(m, keep, role="oma")
    m = set_tie(m, keep, E, R)
    m = set_tie(m, drop, E, G)
    m = set_tie(m, drop, P, R)
    m = set_tie(m, other, N, R)
    merged = merge(m, keep, drop)
    assert [p.id for p in merged.people] == [keep, other]
    assert merged.person(keep).name == "Ans"
    assert {(t.form, t.direction) for t in merged.ties_of(keep)} == {(E, B), (P, R)}
    assert direction_of(merged, other, N) == R
    assert merge(m, keep, keep) is m


def test_delete_removes_person_and_ties_only() -> None:
    m, (a, b) = _map("A", "B")
    m = set_tie(set_tie(m, a, E, R), b, E, R)
    after = delete_person(m, a)
    assert [p.id for p in after.people] == [b]
    assert [t.person_id for t in after.ties] == [b]
    assert len(m.people) == 2, "the old map is still whole: that is what undo restores"


def test_wishes_are_unique_and_in_form_order() -> None:
    m = set_wishes(EcoMap(), [N, E, N])
    assert m.wishes == [E, N]
    assert set_wishes(m, []).wishes == []


def test_language_follows_the_user() -> None:
    assert edit.set_language(EcoMap(), "en").language == "en"


# ---------------------------------------------------------------- properties

_ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "tie", "untie", "merge", "delete"]),
        st.integers(0, 5),
        st.integers(0, 5),
        st.sampled_from(list(SupportForm)),
        st.sampled_from([R, G]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(_ops)
def test_any_sequence_of_edits_gives_a_valid_map(
    ops: list[tuple[str, int, int, SupportForm, Direction]],
) -> None:
    """Whatever order a user clicks in, the map stays valid and no tie points to nobody."""
    names = ["Ans", "Bert", "Cor", "Dewi", "Eva", "Fatma"]
    m = EcoMap()
    for op, i, j, form, direction in ops:
        ids = [p.id for p in m.people]
        if op == "add":
            m, _ = add_person(m, names[i])
        elif not ids:
            continue
        elif op == "tie":
            m = add_support(m, ids[i % len(ids)], form, direction)
        elif op == "untie":
            m = remove_support(m, ids[i % len(ids)], form, direction)
        elif op == "merge":
            keep, drop = ids[i % len(ids)], ids[j % len(ids)]
            forms_before = {t.form for t in m.ties if t.person_id in (keep, drop)}
            m = merge(m, keep, drop)
            assert {t.form for t in m.ties_of(keep)} == forms_before
        else:
            m = delete_person(m, ids[i % len(ids)])
    again = EcoMap.from_json(m.to_json())
    assert again == m
    assert len({edit.name_key(p.name) for p in m.people}) == len(m.people)
