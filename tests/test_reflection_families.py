"""The reflection fits the family (issue 11.1), on eleven stories a nurse meets (``families.py``),
in nurse and parent mode: what a nurse reading it aloud would notice."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import textstat
from families import FAMILIES
from languages import forbidden
from stories import DOC, render
from test_reflection import sentences, word_count

from ecomap.model import Category, ChildAge, EcoMap, SupportForm
from ecomap.texts.anonymise import anonymised
from ecomap.texts.labels import label
from ecomap.texts.reflection import MODES, reflect
from ecomap.texts.wording import call

STORIES = list(FAMILIES.items())
IDS = list(FAMILIES)


def steps(ecomap: EcoMap, mode: str = "nurse") -> str:
    return reflect(ecomap, "nl", mode).paragraphs[-1].text  # type: ignore[arg-type]


def test_the_stories_document_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run: .venv/bin/python tests/stories.py"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "story"), STORIES, ids=IDS)
def test_every_story_reads_plain_kind_and_in_one_voice(
    name: str, story: Callable[[], EcoMap], mode: str
) -> None:
    r = reflect(story(), "nl", mode)  # type: ignore[arg-type]
    lengths = [word_count(s) for s in sentences(r)]
    assert sum(lengths) / len(lengths) <= 15 and max(lengths) <= 22, r.text
    textstat.set_lang("nl")
    assert textstat.flesch_reading_ease(r.text) >= 65, r.text
    assert not [w for w in forbidden("nl") if w in r.text.lower()], r.text
    wrong = r"\b(je|jij|jouw)\b" if mode == "nurse" else r"\b(u|uw)\b"
    assert not re.search(wrong, r.text, re.IGNORECASE), r.text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "story"), STORIES, ids=IDS)
def test_no_name_more_than_twice_in_a_paragraph_and_nothing_that_reads_two_ways(
    name: str, story: Callable[[], EcoMap], mode: str
) -> None:
    ecomap = story()
    for paragraph in reflect(ecomap, "nl", mode).paragraphs:  # type: ignore[arg-type]
        lowered = paragraph.text.casefold()
        for person in ecomap.people:
            said = call(person.name, "nl", mode).text.casefold()  # type: ignore[arg-type]
            assert len(re.findall(rf"\b{re.escape(said)}\b", lowered)) <= 2, paragraph.text
        assert not re.search(r"\bwie \S+( \S+)? af en toe kan helpen", paragraph.text)
    assert "meer steun:" not in reflect(ecomap, "nl", mode).text  # type: ignore[arg-type]


def test_next_steps_never_ask_a_neighbour_when_a_neighbour_already_helps() -> None:
    for name in ("newcomer_baby", "mixed_no_age"):
        for mode in MODES:
            assert "een buur of een andere ouder" not in steps(FAMILIES[name](), mode), name
    assert "Misschien kent buurman Henk nog iemand" in steps(FAMILIES["mixed_no_age"]())


def test_next_steps_build_on_the_places_already_on_the_map() -> None:
    assert "Bij de moskee kunt u misschien andere ouders ontmoeten." in steps(
        FAMILIES["newcomer_baby"]()
    )
    toddler = steps(FAMILIES["newcomers_toddler"]())
    assert "Bij de kerk" in toddler
    assert "U kunt het wijkteam vragen naar een vrijwilliger" in toddler
    assert "Bij de BSO kunt u misschien andere ouders ontmoeten." in steps(
        FAMILIES["father_with_professionals"]()
    )


def test_the_nurse_speaks_in_the_consultatiebureau_not_about_it() -> None:
    for _, story in STORIES:
        assert "Op het consultatiebureau kunt u" not in reflect(story(), "nl", "nurse").text
    assert "We kunnen u informatie geven" in steps(FAMILIES["only_grandma"]())
    assert "Op het consultatiebureau kun je vragen" in steps(FAMILIES["only_grandma"](), "parent")


def test_no_peuterspeelzaal_or_koffieochtend_for_a_father_of_school_children() -> None:
    for story in ("father_with_professionals", "parent_who_mostly_gives", "father_of_teenagers"):
        for mode in MODES:
            text = reflect(FAMILIES[story](), "nl", mode).text  # type: ignore[arg-type]
            assert "peuterspeelzaal" not in text and "koffieochtend" not in text, story
    school = EcoMap(child_age=ChildAge.SCHOOL, wishes=[SupportForm.EMOTIONAL])
    assert "op het schoolplein of langs het sportveld" in steps(school)


def test_strengths_start_with_who_gives_most() -> None:
    first = reflect(FAMILIES["everything_on_the_partner"]()).paragraphs[0].sentences[0]
    assert first == "Mark steunt u op alle vier de manieren."
    first = reflect(FAMILIES["large_network"]()).paragraphs[0].sentences[0]
    assert first.startswith("Uw moeder helpt u het meest")


def test_an_example_from_the_hard_mother_in_law_is_not_praised() -> None:
    r = reflect(FAMILIES["stressful_mother_in_law"]())
    assert "voorbeeld" not in r.paragraphs[0].text
    assert "Uw schoonmoeder geeft u wel een voorbeeld. Dat kan dubbel voelen." in r.text


def test_grammar_articles_and_counts_in_words() -> None:
    pros = reflect(FAMILIES["father_with_professionals"]()).text
    assert pros.startswith("De gezinscoach helpt u het meest")
    assert "de huisarts en twee anderen zijn er voor u" in pros
    assert (
        "Ook Fatma, opa Kees en twee anderen staan dicht bij u."
        in reflect(FAMILIES["large_network"]()).text
    )
    assert (
        "Met andere ouders is het geven en nemen."
        in reflect(FAMILIES["parent_who_mostly_gives"]()).text
    )


def test_a_parent_who_mostly_gives_hears_they_may_ask_too() -> None:
    text = reflect(FAMILIES["parent_who_mostly_gives"](), "nl", "parent").text
    assert "Je doet veel voor anderen. Ook jij mag om hulp vragen." in text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "story"), STORIES, ids=IDS)
def test_anonymised_reflection_reads_with_role_labels(
    name: str, story: Callable[[], EcoMap], mode: str
) -> None:
    ecomap = story()
    text = reflect(anonymised(ecomap, "nl"), "nl", mode, anonymous=True).text  # type: ignore[arg-type]
    assert not re.search(r"\(\d+\)", text), text
    for category in Category:
        assert label(category, "nl", "short") not in text, text
    for person in ecomap.people:
        for word in person.name.split():
            if word[:1].isupper() and word not in ("Oma", "Opa", "Mijn", "Zus", "Juf", "BSO"):
                assert not re.search(rf"\b{re.escape(word)}\b", text) or word in (
                    "Moskee",
                    "Kerk",
                    "Wijkteam",
                    "Consultatiebureau",
                    "Huisarts",
                    "Gezinscoach",
                    "Mentor",
                    "Peuterspeelzaal",
                    "Schoonmoeder",
                    "Jeugdarts",
                    "Andere",
                    "Buurvrouw",
                    "Buurman",
                    "Collega",
                    "Trainer",
                    "Tante",
                    "Vriendin",
                ), (word, text)
