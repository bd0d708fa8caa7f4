"""The nurse's conversation guide (issue 13.3): a topic for each thing that stands out, strengths
first, one or two open questions each, in the nurse's voice ("u"), never judging."""

from __future__ import annotations

import re

import pytest
from families import FAMILIES, _map, _p, _t
from languages import about, forbidden

from ecomap.model import LANGUAGES, Category, ChildAge, Direction, EcoMap, SupportForm
from ecomap.texts.anonymise import anonymised
from ecomap.texts.guide import conversation_guide

EMO, PRA, INF, NOR = (
    SupportForm.EMOTIONAL,
    SupportForm.PRACTICAL,
    SupportForm.INFORMATIONAL,
    SupportForm.NORMATIVE,
)


def kinds(m: EcoMap) -> list[str]:
    return [topic.kind for topic in conversation_guide(m)]


def test_each_thing_that_stands_out_gets_its_topic_strengths_first() -> None:
    assert kinds(FAMILIES["only_grandma"]()) == ["strengths", "wishes", "one_person"]
    assert kinds(FAMILIES["stressful_mother_in_law"]()) == [
        "strengths",
        "gap.normative",
        "stressful",
        "mixed",
    ]
    assert kinds(FAMILIES["father_with_professionals"]()) == ["strengths", "wishes", "own_circle"]
    assert kinds(FAMILIES["parent_who_mostly_gives"]()) == [
        "strengths",
        "gap.informational",
        "gap.normative",
        "gives_much",
    ]
    assert kinds(FAMILIES["nobody_named"]()) == ["empty", "wishes"]
    givers_only = _map(
        [_p("ria", "Buurvrouw Ria", Category.INFORMAL_DISTANT)], [_t("ria", PRA, Direction.GIVES)]
    )
    assert kinds(givers_only)[0] == "strengths_any", "nobody gives yet: still what goes well"


def test_a_form_nobody_covers_gets_its_own_questions_and_a_wished_one_is_left_to_the_wish() -> None:
    guide = conversation_guide(FAMILIES["newcomers_toddler"]())
    assert [t.kind for t in guide] == ["strengths", "wishes"], "all covered; two wishes"
    m = _map([_p("a", "Ans", Category.INFORMAL_CLOSE)], [_t("a", EMO)], [PRA], ChildAge.SCHOOL)
    topics = {t.kind: t for t in conversation_guide(m)}
    assert set(topics) == {"strengths", "wishes", "gap.informational", "gap.normative"}
    assert topics["wishes"].lead == "Graag meer: praktische hulp"


def test_the_questions_name_who_and_what_fits_the_age() -> None:
    topics = {t.kind: t for t in conversation_guide(FAMILIES["only_grandma"]())}
    assert topics["strengths"].questions[0] == "Wat betekent de steun van Oma voor u?"
    assert topics["one_person"].questions == (
        "Hoe is het voor u dat Oma zoveel doet?",
        "Wie zou Oma af en toe kunnen aflossen?",
    )
    m = _map([_p("a", "Ans", Category.INFORMAL_CLOSE)], [_t("a", EMO)], [], ChildAge.SCHOOL)
    practical = next(t for t in conversation_guide(m) if t.kind == "gap.practical")
    assert (
        practical.questions[1]
        == "Wie zou u weleens willen vragen om te helpen met halen en brengen?"
    )
    hard = next(
        t
        for t in conversation_guide(FAMILIES["stressful_mother_in_law"]())
        if t.kind == "stressful"
    )
    assert hard.lead == "Lastig contact: uw schoonmoeder"


def test_a_plural_helper_takes_a_plural_verb() -> None:
    m = _map([_p("o", "Andere ouders", Category.INFORMAL_CLOSE)], [_t("o", EMO), _t("o", PRA)])
    one = next(t for t in conversation_guide(m) if t.kind == "one_person")
    assert one.questions[0] == "Hoe is het voor u dat andere ouders zoveel doen?"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(FAMILIES))
def test_every_question_is_open_kind_and_in_the_nurses_voice(name: str, lang: str) -> None:
    guide = conversation_guide(FAMILIES[name](), lang)  # type: ignore[arg-type]
    assert guide and guide[0].kind in ("strengths", "strengths_any", "empty")
    for topic in guide:
        assert topic.lead and 1 <= len(topic.questions) <= 2, topic
        for question in topic.questions:
            assert question.endswith(("?", "؟")), question  # Arabic has its own question mark
            assert re.match(about(lang)["open_question"], question), (
                f"not an open question: {question}"
            )
            assert not re.search(about(lang)["why"], question, re.IGNORECASE), question
            assert len(question.split()) <= 15, question
        words = " ".join((topic.lead, *topic.questions)).lower()
        assert not [w for w in forbidden(lang) if w in words], words
        if lang == "nl":
            assert not re.search(r"\b(je|jij|jouw)\b", words), words


def test_anonymised_the_guide_names_roles() -> None:
    m = FAMILIES["stressful_mother_in_law"]()
    text = " ".join(
        " ".join((t.lead, *t.questions))
        for t in conversation_guide(anonymised(m, "nl"), "nl", anonymous=True)
    )
    assert "Lisa" not in text and "Jeroen" not in text
    assert "vriendin" in text
