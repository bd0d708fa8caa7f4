"""The model accepts what a person would enter, refuses nonsense with a clear message, and
round-trips through JSON exactly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from ecomap import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.model import MAX_PEOPLE
from ecomap.texts.errors import explain

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "ecomap.schema.json"


def small_map() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 11, 1),
        family_label="Gezin J.",
        people=[
            Person(id="p1", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
            Person(
                id="p2",
                name="Buurvrouw Fatma",
                role="buurvrouw",
                category=Category.INFORMAL_DISTANT,
                closeness=4,
                quality=Quality.MIXED,
            ),
        ],
        ties=[
            Tie(person_id="p1", form=SupportForm.PRACTICAL),
            Tie(person_id="p2", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        ],
        wishes=[SupportForm.INFORMATIONAL],
    )


def test_json_round_trip_is_exact() -> None:
    m = small_map()
    assert EcoMap.from_json(m.to_json()) == m
    assert EcoMap.from_json(m.to_json()).to_json() == m.to_json()


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(1)>",
        "</script><script>alert(1)</script>",
        "Ayşe Öztürk",
        "أم علي",
        "Łucja 👵",
        "{{7*7}}",
        'O\'Brien "Bob"',
    ],
)
def test_any_characters_are_kept_as_text(name: str) -> None:
    p = Person(id="p1", name=name, category=Category.INFORMAL_CLOSE)
    assert p.name == name


def test_name_is_trimmed_and_bounded() -> None:
    assert Person(id="p1", name="  Oma\nAns  ", category="informal_close").name == "Oma Ans"
    with pytest.raises(ValidationError) as err:
        Person(id="p1", name="   ", category="informal_close")
    assert explain(err.value, "nl") == ["Naam: dit mag niet leeg zijn."]
    with pytest.raises(ValidationError) as err:
        Person(id="p1", name="x" * 81, category="informal_close")
    assert "81" in explain(err.value, "en")[0]
    assert Person(id="p1", name="x" * 80, category="informal_close")


def test_errors_name_the_person_and_never_echo_input() -> None:
    data = json.loads(small_map().to_json())
    data["people"][1]["name"] = "<script>evil()</script>" * 10
    data["people"][1]["category"] = "cousin"
    with pytest.raises(ValidationError) as err:
        EcoMap.model_validate(data)
    messages = explain(err.value, "nl")
    assert messages[0].startswith("Persoon 2, naam:")
    assert any("groep" in m for m in messages)
    assert not any("script" in m for m in messages)


def test_ties_must_point_to_people_and_not_repeat() -> None:
    m = small_map()
    with pytest.raises(ValidationError, match="unknown person"):
        EcoMap(people=m.people, ties=[Tie(person_id="nobody", form="emotional")])
    with pytest.raises(ValidationError, match="twice"):
        EcoMap(people=m.people, ties=[m.ties[0], m.ties[0]])


def test_newer_schema_is_refused_with_a_clear_message() -> None:
    data = json.loads(small_map().to_json())
    data["schema_version"] = 99
    with pytest.raises(ValidationError) as err:
        EcoMap.model_validate(data)
    assert "nieuwere versie" in explain(err.value, "nl")[0]


def test_people_are_bounded() -> None:
    people = [
        Person(id=f"p{i}", name=f"P{i}", category="informal_close") for i in range(MAX_PEOPLE + 1)
    ]
    with pytest.raises(ValidationError) as err:
        EcoMap(people=people)
    assert str(MAX_PEOPLE) in explain(err.value, "en")[0]


def test_person_ids_are_safe_tokens() -> None:
    with pytest.raises(ValidationError):
        Person(id="<b>", name="x", category="informal_close")


def test_wishes_are_unique_and_ordered() -> None:
    m = EcoMap(wishes=["normative", "emotional", "normative"])
    assert m.wishes == [SupportForm.EMOTIONAL, SupportForm.NORMATIVE]


def test_directions_and_categories_know_their_axes() -> None:
    assert Direction.BOTH.parent_gives and Direction.BOTH.parent_receives
    assert not Direction.GIVES.parent_receives
    assert [c.value for c in Category] == [
        "informal_close",
        "informal_distant",
        "formal_everyday",
        "formal_youthcare",
    ]
    assert Category.FORMAL_EVERYDAY.is_formal and Category.FORMAL_EVERYDAY.is_close


def test_committed_json_schema_is_current() -> None:
    """docs/ecomap.schema.json is what other tools validate against: it must match the code.
    Regenerate with: python -m ecomap schema > docs/ecomap.schema.json"""
    current = json.dumps(EcoMap.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SCHEMA.read_text(encoding="utf-8") == current


XML_ILLEGAL = [
    *("\ufffe", "\uffff", "\ud800", "\udfff", "\ufdd0", "\ufdef"),
    *("\U0001fffe", "\U0010ffff"),
]
"""Noncharacters and lone surrogates: XML cannot hold them, UTF-8 cannot encode a surrogate, and
a font has no glyph for them. The model drops them, like control characters."""


@pytest.mark.parametrize("bad", XML_ILLEGAL)
def test_characters_xml_cannot_hold_are_dropped_from_every_text(bad: str) -> None:
    p = Person(id="p1", name=f"Oma{bad} Ans", role=f"o{bad}ma", category=Category.INFORMAL_CLOSE)
    assert (p.name, p.role) == ("Oma Ans", "oma")
    m = EcoMap(people=[p], family_label=f"Gezin{bad}", filled_in_by=f"{bad}JGZ", note=f"a{bad}\nb")
    assert (m.family_label, m.filled_in_by, m.note) == ("Gezin", "JGZ", "a\nb")
    m.to_json().encode("utf-8")  # serialises (a lone surrogate would not)
    with pytest.raises(ValidationError) as err:
        Person(id="p1", name=bad * 3, category=Category.INFORMAL_CLOSE)
    assert explain(err.value, "nl") == ["Naam: dit mag niet leeg zijn."]


def test_a_map_file_with_noncharacters_is_read_cleaned() -> None:
    raw = json.loads(small_map().to_json())
    raw["people"][0]["name"] = "Oma\ufffe Ans\uffff"
    assert EcoMap.model_validate_json(json.dumps(raw)).people[0].name == "Oma Ans"
