"""Comparing an earlier map with the current one: the facts, and the words a parent reads."""

from __future__ import annotations

import datetime as dt

import pytest

from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.texts.changes import compare, describe, normalised_name

EARLIER = dt.date(2026, 3, 3)


def person(
    pid: str, name: str, category: Category = Category.INFORMAL_CLOSE, **kw: object
) -> Person:
    return Person(id=pid, name=name, category=category, **kw)  # type: ignore[arg-type]


def tie(pid: str, form: SupportForm, direction: Direction = Direction.RECEIVES) -> Tie:
    return Tie(person_id=pid, form=form, direction=direction)


def earlier_map() -> EcoMap:
    return EcoMap(
        date=EARLIER,
        people=[
            person("a", "Piet"),
            person("b", "Oma", closeness=2),
            person("c", "Juf Anne", Category.FORMAL_EVERYDAY, quality=Quality.STRESSFUL),
        ],
        ties=[
            tie("a", SupportForm.EMOTIONAL),
            tie("b", SupportForm.PRACTICAL),
            tie("c", SupportForm.INFORMATIONAL),
        ],
        wishes=[SupportForm.NORMATIVE],
    )


def test_identical_maps_have_no_changes_and_say_so() -> None:
    old = earlier_map()
    result = compare(old, old.model_copy(deep=True))
    assert result.is_empty
    assert result.marks() == {}
    lines = describe(result, "nl")
    assert lines == [
        "We vergelijken deze kaart met die van 3 maart 2026.",
        "Sinds de vorige keer is er niets veranderd.",
    ]


def test_added_person_is_named_first_and_marked_new() -> None:
    old = earlier_map()
    new = old.model_copy(
        update={"people": [*old.people, person("d", "Fatma", Category.INFORMAL_DISTANT)]}
    )
    result = compare(old, new)
    assert [p.name for p in result.added] == ["Fatma"]
    assert result.marks() == {"d": "new"}
    assert describe(result, "nl")[1] == "Sinds de vorige keer is Fatma erbij gekomen."
    assert describe(result, "en")[1] == "Since last time, Fatma has joined."


def test_several_added_are_joined_in_one_sentence() -> None:
    old = earlier_map()
    new = old.model_copy(update={"people": [*old.people, person("d", "Fatma"), person("e", "Ali")]})
    assert "Sinds de vorige keer zijn Fatma en Ali erbij gekomen." in describe(compare(old, new))


def test_removed_person_is_said_gently_and_last() -> None:
    old = earlier_map()
    new = old.model_copy(
        update={"people": old.people[1:], "ties": [t for t in old.ties if t.person_id != "a"]}
    )
    result = compare(old, new)
    assert [p.name for p in result.removed] == ["Piet"]
    assert result.covered_lost == (SupportForm.EMOTIONAL,)
    lines = describe(result, "nl")
    assert lines[-1] == "Piet staat er nu niet meer op."
    assert "Voor een luisterend oor staat nu niemand op de kaart." in lines


def test_category_change_is_moved_and_marked() -> None:
    old = earlier_map()
    people = [
        *old.people[:2],
        old.people[2].model_copy(update={"category": Category.INFORMAL_DISTANT}),
    ]
    result = compare(old, old.model_copy(update={"people": people}))
    assert [(m.person.id, m.before, m.after) for m in result.moved] == [
        ("c", Category.FORMAL_EVERYDAY, Category.INFORMAL_DISTANT)
    ]
    assert result.marks() == {"c": "moved"}
    assert "Juf Anne staat nu in een andere groep: Buurt en kennissen." in describe(result)


def test_closeness_change_within_a_category() -> None:
    old = earlier_map()
    people = [
        old.people[0].model_copy(update={"closeness": 1}),  # None (=3) -> 1: further
        old.people[1].model_copy(update={"closeness": 5}),  # 2 -> 5: closer
        old.people[2].model_copy(update={"closeness": 3}),  # None -> 3: the same place
    ]
    result = compare(old, old.model_copy(update={"people": people}))
    assert [s.person.id for s in result.closer] == ["b"]
    assert [s.person.id for s in result.further] == ["a"]
    lines = describe(result, "nl")
    assert lines.index("Oma staat nu dichterbij.") < lines.index("Piet staat nu wat verder weg.")


def test_forms_gained_and_lost_per_person_and_overall() -> None:
    old = earlier_map()
    ties = [
        tie("a", SupportForm.EMOTIONAL),
        tie("a", SupportForm.NORMATIVE),  # gained, and nobody gave it before
        tie("b", SupportForm.EMOTIONAL),  # b: practical lost, emotional gained
        tie("c", SupportForm.INFORMATIONAL),
    ]
    result = compare(old, old.model_copy(update={"ties": ties}))
    gained = {c.person.id: c.forms for c in result.forms_gained}
    lost = {c.person.id: c.forms for c in result.forms_lost}
    assert gained == {"a": (SupportForm.NORMATIVE,), "b": (SupportForm.EMOTIONAL,)}
    assert lost == {"b": (SupportForm.PRACTICAL,)}
    assert result.covered_gained == (SupportForm.NORMATIVE,)
    assert result.covered_lost == (SupportForm.PRACTICAL,)
    lines = describe(result, "nl")
    assert "Er is nu ook iemand voor een voorbeeld." in lines
    assert "Bij Oma is er nu ook een luisterend oor." in lines
    assert "Bij Oma staat nu niet meer: praktische hulp." in lines
    # strengths first: every gain is told before any loss
    assert lines.index("Bij Oma is er nu ook een luisterend oor.") < lines.index(
        "Bij Oma staat nu niet meer: praktische hulp."
    )


def test_support_the_parent_only_gives_does_not_count_as_covered() -> None:
    old = EcoMap(date=EARLIER, people=[person("a", "Piet")])
    new = old.model_copy(update={"ties": [tie("a", SupportForm.PRACTICAL, Direction.GIVES)]})
    result = compare(old, new)
    assert result.covered_gained == ()
    assert [c.forms for c in result.forms_gained] == [(SupportForm.PRACTICAL,)]


def test_quality_better_and_worse() -> None:
    old = earlier_map()
    people = [
        old.people[0].model_copy(update={"quality": Quality.MIXED}),
        old.people[1],
        old.people[2].model_copy(update={"quality": Quality.SUPPORTIVE}),
    ]
    result = compare(old, old.model_copy(update={"people": people}))
    assert {(q.person.id, q.better) for q in result.quality} == {("a", False), ("c", True)}
    lines = describe(result, "nl")
    assert lines.index("Het contact met juf Anne voelt nu fijner.") < lines.index(
        "Het contact met Piet is nu wat lastiger."
    )


def test_wishes_changed_address_the_reader() -> None:
    old = earlier_map()
    new = old.model_copy(update={"wishes": [SupportForm.PRACTICAL]})
    result = compare(old, new)
    assert result.wishes_added == (SupportForm.PRACTICAL,)
    assert result.wishes_dropped == (SupportForm.NORMATIVE,)
    assert "U wilt nu graag praktische hulp erbij." in describe(result, "nl", "nurse")
    assert "Je wilt nu graag praktische hulp erbij." in describe(result, "nl", "parent")


def test_first_map_empty_everyone_is_new() -> None:
    old = EcoMap(date=EARLIER)
    new = earlier_map()
    result = compare(old, new)
    assert [p.id for p in result.added] == ["a", "b", "c"]
    assert result.removed == ()
    assert set(result.covered_gained) == {
        SupportForm.EMOTIONAL,
        SupportForm.PRACTICAL,
        SupportForm.INFORMATIONAL,
    }
    assert (
        describe(result, "nl")[1]
        == "Sinds de vorige keer zijn Piet, Oma en juf Anne erbij gekomen."
    )


def test_people_typed_in_again_match_by_name() -> None:
    """A map typed in anew at the next consult has new ids; the same name is the same person."""
    old = earlier_map()
    new = EcoMap(
        people=[person("x1", "  piet "), person("x2", "OMA", closeness=2), person("x3", "Kees")],
        ties=[tie("x1", SupportForm.EMOTIONAL), tie("x2", SupportForm.PRACTICAL)],
        wishes=[SupportForm.NORMATIVE],
    )
    result = compare(old, new)
    assert set(result.matched) == {("a", "x1"), ("b", "x2")}
    assert [p.name for p in result.added] == ["Kees"]
    assert [p.name for p in result.removed] == ["Juf Anne"]
    assert result.forms_gained == () and result.forms_lost == ()


def test_ambiguous_names_are_not_guessed() -> None:
    old = EcoMap(people=[person("a", "Sanne"), person("b", "Sanne")])
    new = EcoMap(people=[person("x", "Sanne")])
    result = compare(old, new)
    assert result.matched == ()
    assert len(result.added) == 1 and len(result.removed) == 2


def test_name_normalisation_ignores_case_accents_and_spaces() -> None:
    assert normalised_name("  Ayşe  Yılmaz ") == normalised_name("ayse yılmaz")
    assert normalised_name("Łucja") != normalised_name("Lucia")


def test_sentences_start_with_a_capital_and_names_can_be_replaced() -> None:
    old = EcoMap(date=EARLIER, people=[person("a", "oma Fatma", role="oma")])
    result = compare(old, EcoMap())
    assert describe(result, "nl")[1] == "Oma Fatma staat er nu niet meer op."
    hidden = describe(result, "nl", name=lambda p: p.role)
    assert "Fatma" not in " ".join(hidden)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_kind_of_change_has_words_in_both_languages(lang: str) -> None:
    old = earlier_map()
    new = EcoMap(
        people=[
            person("b", "Oma", Category.INFORMAL_DISTANT, quality=Quality.MIXED),
            person("c", "Juf Anne", Category.FORMAL_EVERYDAY, closeness=5),
            person("d", "Fatma"),
        ],
        ties=[tie("c", SupportForm.NORMATIVE), tie("d", SupportForm.EMOTIONAL)],
        wishes=[SupportForm.PRACTICAL],
    )
    lines = describe(compare(old, new), lang, "parent")  # type: ignore[arg-type]
    assert len(lines) >= 8
    assert all(line and line[0].isupper() and line.endswith(".") for line in lines)
    assert all("{" not in line for line in lines)


@pytest.mark.parametrize("n", [0, 5, 40])
def test_bigger_maps_against_themselves_and_against_nothing(n: int) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from maps import network

    ecomap = network(n)
    assert compare(ecomap, ecomap).is_empty
    assert len(compare(EcoMap(), ecomap).added) == n
    gone = compare(ecomap, EcoMap())
    assert len(gone.removed) == n and gone.added == ()
    if n:
        last = describe(gone, "nl")[-1]
        assert last.endswith("er nu niet meer op.") and len(last.split()) <= 15
