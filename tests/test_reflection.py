"""The reflection a parent reads: strengths first, kind about what is missing, in plain (B1) Dutch,
never stigmatising, the same every time, in the voice that fits who is reading."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st
from languages import forbidden

from ecomap import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.model import LANGUAGES
from ecomap.texts.catalog import text
from ecomap.texts.reflection import MODES, Reflection, join_names, reflect
from ecomap.texts.wording import call, isolated

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EMO, PRA, INF, NOR = (
    SupportForm.EMOTIONAL,
    SupportForm.PRACTICAL,
    SupportForm.INFORMATIONAL,
    SupportForm.NORMATIVE,
)
CLOSE, DISTANT, EVERYDAY, YOUTHCARE = (
    Category.INFORMAL_CLOSE,
    Category.INFORMAL_DISTANT,
    Category.FORMAL_EVERYDAY,
    Category.FORMAL_YOUTHCARE,
)
BOTH, GIVES, RECEIVES = Direction.BOTH, Direction.GIVES, Direction.RECEIVES


# ---------------------------------------------------------------------------------------------
# Example maps: each a small scene a nurse meets in the consultation room.


def p(
    pid: str,
    name: str,
    category: Category,
    quality: Quality = Quality.SUPPORTIVE,
    closeness: int | None = None,
) -> Person:
    return Person(id=pid, name=name, category=category, quality=quality, closeness=closeness)


def t(pid: str, form: SupportForm, direction: Direction = RECEIVES) -> Tie:
    return Tie(person_id=pid, form=form, direction=direction)


def m(people: list[Person], ties: list[Tie], wishes: list[SupportForm] | None = None) -> EcoMap:
    return EcoMap(date=dt.date(2026, 11, 1), people=people, ties=ties, wishes=wishes or [])


def empty() -> EcoMap:
    return m([], [])


def empty_all_wishes() -> EcoMap:
    return m([], [], [EMO, PRA, INF, NOR])


def one_person_one_tie() -> EcoMap:
    return m([p("a", "Oma Ans", CLOSE)], [t("a", PRA)])


def grandma_does_everything() -> EcoMap:
    return m(
        [p("a", "Oma Ans", CLOSE, closeness=5), p("b", "Buurman Piet", DISTANT)],
        [t("a", EMO), t("a", PRA), t("a", NOR), t("b", INF)],
    )


def only_professionals() -> EcoMap:
    return m(
        [
            p("cb", "Consultatiebureau", EVERYDAY),
            p("wt", "Wijkteam", YOUTHCARE),
            p("ko", "Kinderopvang De Vlinder", EVERYDAY),
        ],
        [t("cb", INF), t("cb", NOR), t("wt", INF), t("wt", EMO), t("ko", PRA)],
    )


BIG_NAMES = [
    ("Mark", CLOSE),
    ("Oma Ans", CLOSE),
    ("Opa Kees", CLOSE),
    ("Fatma", CLOSE),
    ("Tante Linda", CLOSE),
    ("Buurvrouw Ria", DISTANT),
    ("Sanne", DISTANT),
    ("Youssef", DISTANT),
    ("Eva", DISTANT),
    ("Juf Petra", EVERYDAY),
    ("Consultatiebureau", EVERYDAY),
    ("Trainer Bas", EVERYDAY),
    ("Lotte", DISTANT),
    ("Ahmed", CLOSE),
]


def big_informal() -> EcoMap:
    people = [p(f"p{i}", n, c) for i, (n, c) in enumerate(BIG_NAMES)]
    forms = list(SupportForm)
    ties = [t(f"p{i}", forms[i % 4]) for i in range(len(people))]
    ties += [t(f"p{i}", forms[(i + 1) % 4], BOTH) for i in range(0, len(people), 3)]
    return m(people, ties)


def stressful_ties() -> EcoMap:
    return m(
        [
            p("a", "Mijn moeder", CLOSE),
            p("b", "Ex-partner Rob", CLOSE, Quality.STRESSFUL),
            p("c", "Schoonmoeder Greet", CLOSE, Quality.MIXED),
            p("d", "Buurvrouw Ria", DISTANT),
        ],
        [t("a", EMO), t("a", PRA), t("b", PRA), t("c", NOR), t("d", INF), t("d", EMO)],
    )


def everyone_gives() -> EcoMap:
    return m(
        [p("a", "Zus Mirjam", CLOSE), p("b", "Buurvrouw Ria", DISTANT), p("c", "Sanne", DISTANT)],
        [t("a", EMO, GIVES), t("b", PRA, GIVES), t("c", PRA, GIVES), t("c", INF, GIVES)],
    )


def all_wishes() -> EcoMap:
    return m(
        [p("a", "Oma Ans", CLOSE), p("b", "Juf Petra", EVERYDAY)],
        [t("a", PRA), t("b", INF)],
        [EMO, PRA, INF, NOR],
    )


def long_names() -> EcoMap:
    names = [
        "Mevrouw Van den Berg-Hoekstra",
        "Juf Annemarie van groep twee",
        "Meneer Abdelkader El Idrissi",
        "Peuterspeelzaal De Kleine Beer in de Vogelwijk",
        "Buurvrouw Wilhelmina van der Zee",
    ]
    people = [p(f"n{i}", n, CLOSE if i % 2 else DISTANT) for i, n in enumerate(names)]
    ties = [t(f"n{i}", f) for i, f in enumerate([EMO, PRA, INF, EMO, PRA])]
    ties.append(t("n0", NOR, BOTH))
    return m(people, ties, [INF])


def people_without_ties() -> EcoMap:
    return m([p("a", "Opa Kees", CLOSE), p("b", "Buurman Piet", DISTANT)], [])


def well_covered() -> EcoMap:
    people = [
        p("a", "Mark", CLOSE),
        p("b", "Oma Ans", CLOSE),
        p("c", "Buurvrouw Ria", DISTANT),
        p("d", "Juf Petra", EVERYDAY),
    ]
    ties = [
        t("a", EMO),
        t("b", EMO),
        t("a", PRA),
        t("c", PRA, BOTH),
        t("d", INF),
        t("b", INF),
        t("b", NOR),
        t("c", NOR),
    ]
    return m(people, ties)


def many_people() -> EcoMap:
    cats = list(Category)
    forms = list(SupportForm)
    people = [p(f"x{i}", f"Persoon {i}", cats[i % 4]) for i in range(40)]
    ties = [t(f"x{i}", forms[(i * 3) % 4], [RECEIVES, GIVES, BOTH][i % 3]) for i in range(40)]
    return m(people, ties, [NOR])


def only_stressful() -> EcoMap:
    return m([p("a", "Ex-partner Rob", CLOSE, Quality.STRESSFUL)], [t("a", PRA)])


def example(name: str) -> Callable[[], EcoMap]:
    def load() -> EcoMap:
        return EcoMap.from_json((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))

    load.__name__ = name
    return load


# Which paragraphs each scene gets, in order: the rules fire exactly when they should.
SCENES: dict[Callable[[], EcoMap], tuple[str, ...]] = {
    empty: ("empty", "next_steps"),
    empty_all_wishes: ("empty", "wishes", "next_steps"),
    one_person_one_tie: ("strengths", "gaps", "next_steps"),
    grandma_does_everything: ("strengths", "one_person", "next_steps"),
    only_professionals: ("strengths", "only_professional", "next_steps"),
    big_informal: ("strengths", "giving", "next_steps"),
    stressful_ties: ("strengths", "stressful", "next_steps"),
    everyone_gives: ("strengths", "gaps", "giving", "next_steps"),
    all_wishes: ("strengths", "wishes", "next_steps"),
    long_names: ("strengths", "giving", "wishes", "next_steps"),
    people_without_ties: ("strengths", "gaps", "next_steps"),
    well_covered: ("strengths", "giving", "next_steps"),
    many_people: ("strengths", "giving", "wishes", "next_steps"),
    only_stressful: ("strengths", "gaps", "stressful", "next_steps"),
    example("groot-informeel-netwerk"): (
        "strengths",
        "stressful",
        "giving",
        "wishes",
        "next_steps",
    ),
    example("vooral-professionals"): (
        "strengths",
        "only_professional",
        "giving",
        "wishes",
        "next_steps",
    ),
    example("leeg"): ("empty", "wishes", "next_steps"),
}
SCENE_IDS = [f.__name__ for f in SCENES]


def sentences(r: Reflection) -> list[str]:
    """A simple splitter on . ! ? (names like "Opvoeden.nl" have no space after the dot)."""
    return [s for para in r.paragraphs for s in re.split(r"(?<=[.!?])\s+", para.text) if s]


def word_count(sentence: str) -> int:
    return len(sentence.split())


# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("scene", "kinds"), SCENES.items(), ids=SCENE_IDS)
def test_rules_fire_exactly_when_they_should(
    scene: Callable[[], EcoMap], kinds: tuple[str, ...], mode: str, lang: str
) -> None:
    r = reflect(scene(), lang, mode)  # type: ignore[arg-type]
    assert r.kinds == kinds
    assert all(para.sentences for para in r.paragraphs)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("scene", SCENES, ids=SCENE_IDS)
def test_dutch_is_plain_b1(scene: Callable[[], EcoMap], mode: str) -> None:
    r = reflect(scene(), "nl", mode)  # type: ignore[arg-type]
    lengths = [word_count(s) for s in sentences(r)]
    assert sum(lengths) / len(lengths) <= 15, r.text
    assert max(lengths) <= 22, max(sentences(r), key=word_count)
    textstat.set_lang("nl")  # global in textstat; its default language tries to download
    assert textstat.flesch_reading_ease(r.text) >= 65, r.text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scene", SCENES, ids=SCENE_IDS)
def test_never_stigmatising(scene: Callable[[], EcoMap], lang: str, mode: str) -> None:
    words = reflect(scene(), lang, mode).text.lower()  # type: ignore[arg-type]
    assert not [w for w in forbidden(lang) if w in words]


SAFE_NAMES = ["Ans", "Piet", "Fatma", "Oma Ans", "Juf Petra", "Consultatiebureau", "Mo", "Ria"]


@st.composite
def ecomaps(draw: st.DrawFn) -> EcoMap:
    n = draw(st.integers(0, 12))
    people = [
        Person(
            id=f"p{i}",
            name=draw(st.sampled_from(SAFE_NAMES)),
            category=draw(st.sampled_from(list(Category))),
            quality=draw(st.sampled_from(list(Quality))),
            closeness=draw(st.none() | st.integers(1, 5)),
        )
        for i in range(n)
    ]
    ties = [
        Tie(person_id=f"p{i}", form=form, direction=draw(st.sampled_from(list(Direction))))
        for i in range(n)
        for form in draw(st.sets(st.sampled_from(list(SupportForm))))
    ]
    wishes = draw(st.lists(st.sampled_from(list(SupportForm)), max_size=4))
    return EcoMap(people=people, ties=ties, wishes=wishes)


@settings(max_examples=150, deadline=None)
@given(ecomaps())
def test_any_map_reads_kind_short_and_strengths_first(ecomap: EcoMap) -> None:
    for lang in LANGUAGES:
        for mode in MODES:
            r = reflect(ecomap, lang, mode)
            lowered = r.text.lower()
            assert not [w for w in forbidden(lang) if w in lowered], r.text
            assert r.kinds[0] == ("strengths" if ecomap.people else "empty")
            assert r.kinds[-1] == "next_steps"
            if lang == "nl":
                assert max(word_count(s) for s in sentences(r)) <= 22, r.text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("scene", [s for s in SCENES if s().people], ids=lambda s: s.__name__)
def test_strengths_come_first_and_name_people(scene: Callable[[], EcoMap], mode: str) -> None:
    ecomap = scene()
    first = reflect(ecomap, "nl", mode).paragraphs[0]  # type: ignore[arg-type]
    assert first.kind == "strengths"
    said = first.sentences[0].casefold()
    called = [call(person.name, "nl", mode).text.casefold() for person in ecomap.people]  # type: ignore[arg-type]
    assert any(c in said for c in called) or re.search(r"mensen|iemand", said)


def test_strengths_start_with_who_gives_most_and_name_the_forms() -> None:
    first = reflect(grandma_does_everything()).paragraphs[0]
    assert first.sentences == (
        "Oma Ans helpt u het meest: met een luisterend oor, praktische hulp en een voorbeeld.",
        "Ook buurman Piet is er voor u.",
        "U krijgt steun op alle vier de manieren: "
        "een luisterend oor, praktische hulp, advies en een voorbeeld.",
    )
    assert reflect(one_person_one_tie()).paragraphs[0].sentences == (
        "Oma Ans staat dicht bij u.",
        "U krijgt praktische hulp.",
    )
    r = reflect(stressful_ties())
    # "mijn moeder" as the nurse says it; the stressful ex-partner is not among the strengths
    assert r.paragraphs[0].sentences[0] == "Uw moeder en schoonmoeder Greet staan dicht bij u."
    assert "Rob" not in r.paragraphs[0].text
    assert "ex-partner Rob" in r.paragraphs[1].text


def test_who_gives_all_four_forms_is_named_as_such_not_who_was_entered_first() -> None:
    ecomap = m(
        [p("a", "Buurman Piet", DISTANT), p("b", "Lotte", CLOSE), p("c", "Sanne", CLOSE)],
        [t("a", INF), t("c", EMO), *(t("b", form) for form in SupportForm)],
    )
    assert reflect(ecomap).paragraphs[0].sentences[:2] == (
        "Lotte steunt u op alle vier de manieren.",
        "Ook Sanne staat dicht bij u.",
    )
    assert reflect(ecomap, "nl", "parent").paragraphs[0].sentences[0] == (
        "Lotte steunt je op alle vier de manieren."
    )


def test_an_example_from_a_hard_contact_is_not_praised_as_a_plain_strength() -> None:
    ecomap = m(
        [p("a", "Jeroen", CLOSE), p("b", "Schoonmoeder", CLOSE, Quality.STRESSFUL)],
        [t("a", EMO), t("a", PRA), t("b", NOR)],
    )
    r = reflect(ecomap)
    assert "voorbeeld" not in r.paragraphs[0].text
    hard = next(x for x in r.paragraphs if x.kind == "stressful")
    assert hard.sentences[:4] == (
        "Het contact met uw schoonmoeder voelt lastig.",
        "Goed dat u dat zegt.",
        "Uw schoonmoeder geeft u wel een voorbeeld.",
        "Dat kan dubbel voelen.",
    )


def test_well_covered_forms_are_named() -> None:
    first = reflect(grandma_does_everything()).paragraphs[0]
    assert not any("meer mensen" in s for s in first.sentences)
    r = reflect(well_covered())
    assert r.paragraphs[0].sentences[-1] == "Daarvoor kunt u bij meer mensen terecht."
    partly = m(
        [p("a", "Ans", CLOSE), p("b", "Piet", CLOSE)],
        [t("a", EMO), t("b", EMO), t("a", PRA)],
    )
    assert reflect(partly).paragraphs[0].sentences[-1] == (
        "Voor een luisterend oor kunt u bij meer mensen terecht."
    )


def test_gaps_name_forms_not_covered_and_leave_wished_ones_to_the_wishes() -> None:
    r = reflect(one_person_one_tie())
    gaps = r.paragraphs[1]
    assert gaps.sentences[0] == (
        "Voor een luisterend oor, advies en een voorbeeld staat nog geen naam op de kaart."
    )
    wished = reflect(m([p("a", "Ans", CLOSE)], [t("a", PRA)], [EMO]))
    assert "luisterend oor" not in wished.paragraphs[1].text
    assert wished.paragraphs[1].sentences[0].startswith("Voor advies en een voorbeeld")


def test_one_person_fires_for_an_informal_helper_not_for_a_professional() -> None:
    r = reflect(grandma_does_everything())
    assert r.paragraphs[1].sentences == (
        "Oma Ans doet veel voor u.",
        "We kunnen samen kijken wie ook eens kan bijspringen.",
        "Dan hoeft oma Ans niet alles te doen.",
    )
    # two people sharing equally: nothing rests on one
    shared = m([p("a", "Ans", CLOSE), p("b", "Piet", CLOSE)], [t("a", EMO), t("b", PRA)])
    assert "one_person" not in reflect(shared).kinds
    # a single form from a single person is a gap, not "much on one person"
    assert "one_person" not in reflect(one_person_one_tie()).kinds
    # a professional doing much is their job
    pro = m([p("w", "Wijkteam", YOUTHCARE)], [t("w", EMO), t("w", INF), t("w", PRA)])
    assert "one_person" not in reflect(pro).kinds
    assert "only_professional" in reflect(pro).kinds


def test_mostly_professional_counts_received_support() -> None:
    r = reflect(only_professionals())
    para = r.paragraphs[1]
    assert para.sentences == (
        "Uw steun komt nu vooral van hulpverleners.",
        "Goed dat u hen weet te vinden.",
        "Ook buren of andere ouders kunnen helpen.",
    )
    # half from the own circle: not "mostly professional"
    mixed = m(
        [p("a", "Ans", CLOSE), p("cb", "Consultatiebureau", EVERYDAY)],
        [t("a", EMO), t("a", PRA), t("cb", INF), t("cb", NOR)],
    )
    assert "only_professional" not in reflect(mixed).kinds


def test_stressful_and_mixed_ties_are_named_kindly() -> None:
    r = reflect(stressful_ties(), "nl", "nurse")
    para = r.paragraphs[1]
    assert para.kind == "stressful"
    assert para.sentences == (
        "Het contact met ex-partner Rob voelt lastig.",
        "Goed dat u dat zegt.",
        "Met schoonmoeder Greet is het soms fijn en soms lastig.",
        "We kunnen daar samen over praten, als u dat wilt.",
    )


def test_giving_is_a_strength_too() -> None:
    r = reflect(everyone_gives(), "nl", "parent")
    giving = next(x for x in r.paragraphs if x.kind == "giving")
    assert giving.sentences == (
        "Je steunt zelf ook zus Mirjam, buurvrouw Ria en Sanne.",
        "Je geeft een luisterend oor, praktische hulp en advies.",
        "Dat is ook een sterk punt.",
        "Je doet veel voor anderen.",
        "Ook jij mag om hulp vragen.",
    )
    mutual = reflect(m([p("a", "Ria", DISTANT)], [t("a", PRA, BOTH)]))
    assert "Met Ria is het geven en nemen." in mutual.text
    assert "steunt zelf ook" not in mutual.text


def test_wishes_lead_the_next_steps() -> None:
    r = reflect(m([p("a", "Ans", CLOSE)], [t("a", EMO), t("a", PRA)], [INF]))
    assert r.paragraphs[-2].sentences[0] == "U zou graag vaker advies krijgen."
    steps = r.paragraphs[-1].sentences
    assert steps[0] == "Wat kan een kleine volgende stap zijn?"
    assert steps[1] == text("reflection.nurse.next_steps.information_young", "nl")
    assert len(steps) == 3  # one or two steps, not a list


def test_next_steps_fit_the_situation() -> None:
    def steps(e: EcoMap) -> str:
        return reflect(e).paragraphs[-1].text

    assert text("reflection.nurse.next_steps.share_load", "nl") in steps(grandma_does_everything())
    # the childcare on the map is where to meet other parents
    assert "Bij kinderopvang De Vlinder kunt u misschien andere ouders ontmoeten." in steps(
        only_professionals()
    )
    assert text("reflection.nurse.next_steps.meet.any", "nl") in steps(empty())
    covered = steps(well_covered())
    assert covered == "Blijf in contact met de mensen om u heen. " + text(
        "reflection.nurse.next_steps.bring_map", "nl"
    )


def test_empty_map_is_warm() -> None:
    r = reflect(empty())
    assert "Samen kijken we wie er in uw buurt is." in r.text
    assert r.paragraphs[0].sentences[0] == "Goed dat u de tijd neemt voor deze kaart."


def test_mode_changes_the_address() -> None:
    for scene in SCENES:
        nurse = reflect(scene(), "nl", "nurse").text
        parent = reflect(scene(), "nl", "parent").text
        assert re.search(r"\b(u|uw)\b", nurse), nurse
        assert not re.search(r"\b(je|jij|jou|jouw)\b", nurse), nurse
        assert re.search(r"\b(je|jij|jou|jouw)\b", parent), parent
        assert not re.search(r"\b(u|uw)\b", parent), parent


def test_nurse_mode_speaks_to_both() -> None:
    assert "We kunnen" in reflect(grandma_does_everything(), "nl", "nurse").text
    assert "We kunnen" not in reflect(grandma_does_everything(), "nl", "parent").text


def test_english() -> None:
    r = reflect(grandma_does_everything(), "en")
    assert r.paragraphs[0].sentences == (
        "Oma Ans helps you most: with a listening ear, practical help and an example.",
        "Buurman Piet is there for you too.",
        "You get support in all four ways: a listening ear, practical help, advice and an example.",
    )
    assert "Oma Ans does a lot for you." in r.text
    assert reflect(empty(), "en", "parent").paragraphs[0].text.startswith("It is good that you")
    assert not re.search(r"\b(u|uw|je|en|een)\b", reflect(big_informal(), "en").text)


def test_deterministic() -> None:
    for scene in SCENES:
        assert reflect(scene(), "nl", "parent") == reflect(scene(), "nl", "parent")
        assert str(reflect(scene())) == reflect(scene()).text


def test_text_layout() -> None:
    r = reflect(stressful_ties())
    assert r.text == "\n\n".join(" ".join(x.sentences) for x in r.paragraphs)
    assert r.text.count("\n\n") == len(r.paragraphs) - 1


def test_names_are_joined_naturally_and_capped() -> None:
    assert join_names(["Ans"], "nl") == "Ans"
    assert join_names(["Ans", "Piet"], "nl") == "Ans en Piet"
    assert join_names(["Ans", "Piet", "Fatma"], "nl") == "Ans, Piet en Fatma"
    assert join_names(["Ans", "Piet", "Fatma"], "en") == "Ans, Piet and Fatma"
    seven = ["Ans", "Piet", "Fatma", "Mo", "Ria", "Kees", "Eva"]
    assert join_names(seven, "nl") == "Ans, Piet en vijf anderen"
    assert join_names(seven, "en") == "Ans, Piet and five others"
    long = ["Ans", "Mevrouw Wilhelmina van der Zee-Hoekstra uit de Vogelwijk", "Piet"]
    assert join_names(long, "nl") == "Ans en twee anderen"
    many = [f"N{i}" for i in range(16)]
    assert join_names(many, "nl") == "N0, N1 en 14 anderen", "words up to twelve, then digits"
    assert join_names(["Ans", long[1]], "nl") == "Ans en nog iemand"


def test_names_are_plain_text() -> None:
    odd = "<b>{oma}</b>"
    r = reflect(m([p("a", odd, CLOSE)], [t("a", EMO)]))
    assert r.paragraphs[0].sentences[0] == f"{odd} staat dicht bij u."
    lower = reflect(m([p("a", "oma Ans", CLOSE)], [t("a", EMO)]))
    assert lower.paragraphs[0].sentences[0].startswith("Oma Ans")


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        reflect(empty(), "nl", "robot")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["groot-informeel-netwerk", "vooral-professionals", "leeg"])
def test_examples_are_valid_dutch_dated_maps(name: str) -> None:
    ecomap = example(name)()
    assert ecomap.language == "nl"
    assert ecomap.date.year >= 2026
    for mode in MODES:
        assert reflect(ecomap, ecomap.language, mode).text


def test_example_shapes() -> None:
    big = example("groot-informeel-netwerk")()
    assert 12 <= len(big.people) <= 16
    assert {t.form for t in big.ties} == set(SupportForm)
    assert any(t.direction is not RECEIVES for t in big.ties)
    assert [x.quality for x in big.people].count(Quality.MIXED) == 1
    assert big.wishes
    pros = example("vooral-professionals")()
    assert sum(x.category.is_formal for x in pros.people) >= 3
    assert set(pros.wishes) == {EMO, PRA}
    assert not example("leeg")().people


def test_in_arabic_a_typed_name_is_isolated_and_elsewhere_it_stands_as_typed() -> None:
    """Unicode isolates keep "Juf Mila (school)" in its own order inside an Arabic sentence
    (issue 12.2); no other language gets invisible characters around a name."""
    assert call("Juf Mila (school)", "ar").text == "\u2068Juf Mila (school)\u2069"
    assert isolated("Oma Ans", "ar") == "\u2068Oma Ans\u2069"
    for lang in ("nl", "en", "tr", "pl", "uk"):
        assert "\u2068" not in call("Juf Mila (school)", lang).text  # type: ignore[arg-type]
    m = EcoMap(
        language="ar",
        people=[Person(id="a", name="Oma Ans", category=Category.INFORMAL_CLOSE, closeness=1)],
        ties=[Tie(person_id="a", form=SupportForm.EMOTIONAL)],
    )
    assert "\u2068Oma Ans\u2069" in reflect(m, "ar", "nurse").text
