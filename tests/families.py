"""Eleven family stories, as a nurse meets them in the consultation room: the fixtures of the
reflection tests (``test_reflection_families.py``) and of ``docs/reflection-stories.md``, which
quotes the reflection on each, before and after issue 11, in nurse and parent mode.

Each story is a function returning the map a nurse and parent would enter; ``FAMILIES`` lists
them with a one-line description. Names are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ecomap.model import (
    Category,
    ChildAge,
    Direction,
    EcoMap,
    Person,
    Quality,
    SupportForm,
    Tie,
)

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
R, G, B = Direction.RECEIVES, Direction.GIVES, Direction.BOTH
DAY = dt.date(2026, 11, 16)


def _p(
    pid: str,
    name: str,
    category: Category,
    role: str = "",
    quality: Quality = Quality.SUPPORTIVE,
    closeness: int | None = None,
) -> Person:
    return Person(
        id=pid, name=name, role=role, category=category, quality=quality, closeness=closeness
    )


def _t(pid: str, form: SupportForm, direction: Direction = R) -> Tie:
    return Tie(person_id=pid, form=form, direction=direction)


def _map(
    people: list[Person],
    ties: list[Tie],
    wishes: list[SupportForm] | None = None,
    age: ChildAge | None = None,
) -> EcoMap:
    return EcoMap(date=DAY, people=people, ties=ties, wishes=wishes or [], child_age=age)


def newcomer_baby() -> EcoMap:
    """A mother from Syria with a baby of four months. Her husband, the mosque, the neighbour who
    helps, the consultatiebureau. She would like someone to talk to."""
    return _map(
        [
            _p("samir", "Samir", CLOSE, "mijn man", closeness=5),
            _p("moskee", "Moskee", DISTANT),
            _p("hanneke", "Buurvrouw Hanneke", DISTANT),
            _p("cb", "Consultatiebureau", EVERYDAY),
        ],
        [
            _t("samir", EMO, B),
            _t("samir", PRA),
            _t("moskee", NOR),
            _t("hanneke", PRA),
            _t("cb", INF),
        ],
        [EMO],
        ChildAge.BABY,
    )


def father_of_teenagers() -> EcoMap:
    """A father alone with two teenagers: his sister, his ex (sometimes good, sometimes hard), a
    colleague, the football trainer and the mentor at school. He would like more advice."""
    return _map(
        [
            _p("marieke", "Zus Marieke", CLOSE),
            _p("linda", "Linda", CLOSE, "ex", Quality.MIXED),
            _p("erik", "Collega Erik", DISTANT),
            _p("bas", "Trainer Bas", EVERYDAY),
            _p("mentor", "Mentor", EVERYDAY),
        ],
        [
            _t("marieke", EMO),
            _t("marieke", NOR),
            _t("linda", PRA, B),
            _t("erik", EMO),
            _t("bas", NOR),
            _t("mentor", INF),
        ],
        [INF],
        ChildAge.TEEN,
    )


def newcomers_toddler() -> EcoMap:
    """Parents from Eritrea with a toddler, in the Netherlands for a year: the church, a language
    buddy, the wijkteam and the peuterspeelzaal. Nobody close yet; they wish for a listening ear
    and practical help."""
    return _map(
        [
            _p("kerk", "Kerk", DISTANT),
            _p("ellen", "Ellen", DISTANT, "taalmaatje"),
            _p("wijkteam", "Wijkteam", YOUTHCARE),
            _p("psz", "Peuterspeelzaal", EVERYDAY),
        ],
        [
            _t("kerk", EMO),
            _t("kerk", NOR),
            _t("ellen", INF),
            _t("wijkteam", INF),
            _t("psz", PRA),
        ],
        [EMO, PRA],
        ChildAge.TODDLER,
    )


def large_network() -> EcoMap:
    """A single mother of a schoolchild with a large own circle: family, neighbours, school
    parents, the teacher and the after-school club; she helps several of them back."""
    people = [
        _p("mam", "Mijn moeder", CLOSE, closeness=5),
        _p("kees", "Opa Kees", CLOSE),
        _p("linda", "Tante Linda", CLOSE),
        _p("fatma", "Fatma", CLOSE, "beste vriendin", closeness=5),
        _p("ria", "Buurvrouw Ria", DISTANT),
        _p("sanne", "Sanne", DISTANT, "moeder van Daans vriendje"),
        _p("youssef", "Youssef", DISTANT, "buurman"),
        _p("eva", "Eva", DISTANT, "collega"),
        _p("petra", "Juf Petra", EVERYDAY),
        _p("bso", "BSO De Boomhut", EVERYDAY),
        _p("bas", "Trainer Bas", EVERYDAY),
        _p("lotte", "Lotte", CLOSE, "vriendin"),
    ]
    ties = [
        _t("mam", EMO),
        _t("mam", PRA),
        _t("mam", NOR),
        _t("kees", PRA),
        _t("linda", EMO),
        _t("fatma", EMO, B),
        _t("fatma", NOR),
        _t("ria", PRA, B),
        _t("sanne", PRA, B),
        _t("youssef", PRA),
        _t("eva", EMO),
        _t("petra", INF),
        _t("bso", PRA),
        _t("bas", NOR),
        _t("lotte", EMO, G),
    ]
    return _map(people, ties, [], ChildAge.SCHOOL)


def only_grandma() -> EcoMap:
    """A young mother with a baby; her own mother does almost everything. She would like advice."""
    return _map(
        [_p("oma", "Oma", CLOSE, closeness=5)],
        [_t("oma", EMO), _t("oma", PRA), _t("oma", NOR)],
        [INF],
        ChildAge.BABY,
    )


def stressful_mother_in_law() -> EcoMap:
    """Parents of a toddler. The mother-in-law helps and shows how she would do it, but the
    contact is hard; a friend is sometimes good, sometimes hard."""
    return _map(
        [
            _p("jeroen", "Jeroen", CLOSE, "partner", closeness=5),
            _p("schoon", "Schoonmoeder", CLOSE, quality=Quality.STRESSFUL),
            _p("lisa", "Vriendin Lisa", CLOSE, quality=Quality.MIXED),
            _p("ha", "Huisarts", EVERYDAY),
        ],
        [
            _t("jeroen", EMO),
            _t("jeroen", PRA),
            _t("jeroen", INF),
            _t("schoon", PRA),
            _t("schoon", NOR),
            _t("lisa", EMO),
            _t("ha", INF),
        ],
        [],
        ChildAge.TODDLER,
    )


def parent_who_mostly_gives() -> EcoMap:
    """A mother of schoolchildren who helps many people: her neighbour, her sister, other parents.
    One friend listens to her."""
    return _map(
        [
            _p("ria", "Buurvrouw Ria", DISTANT),
            _p("mirjam", "Zus Mirjam", CLOSE),
            _p("ouders", "Andere ouders", DISTANT),
            _p("sanne", "Vriendin Sanne", CLOSE),
        ],
        [
            _t("ria", PRA, G),
            _t("ria", EMO, G),
            _t("mirjam", EMO, G),
            _t("ouders", PRA, B),
            _t("sanne", EMO),
        ],
        [],
        ChildAge.SCHOOL,
    )


def father_with_professionals() -> EcoMap:
    """A father of three schoolchildren whose help comes from professionals: the wijkteam, the
    gezinscoach, the teacher, the GP and the after-school club. He would like a listening ear."""
    return _map(
        [
            _p("wt", "Wijkteam", YOUTHCARE),
            _p("coach", "Gezinscoach", YOUTHCARE),
            _p("petra", "Juf Petra", EVERYDAY),
            _p("ha", "Huisarts", EVERYDAY),
            _p("bso", "BSO", EVERYDAY),
        ],
        [
            _t("wt", INF),
            _t("coach", EMO),
            _t("coach", NOR),
            _t("coach", INF),
            _t("petra", INF),
            _t("ha", INF),
            _t("bso", PRA),
        ],
        [EMO],
        ChildAge.SCHOOL,
    )


def nobody_named() -> EcoMap:
    """A parent of a toddler who names nobody today, but ticks two wishes."""
    return _map([], [], [EMO, PRA], ChildAge.TODDLER)


def everything_on_the_partner() -> EcoMap:
    """Parents of a baby: the partner gives all four forms of support; the consultatiebureau gives
    advice too."""
    return _map(
        [
            _p("mark", "Mark", CLOSE, "partner", closeness=5),
            _p("cb", "Consultatiebureau", EVERYDAY),
        ],
        [_t("mark", EMO), _t("mark", PRA), _t("mark", INF), _t("mark", NOR), _t("cb", INF)],
        [],
        ChildAge.BABY,
    )


def mixed_no_age() -> EcoMap:
    """No age given. The parent's mother and the neighbour help in practice, the jeugdarts gives
    advice, a friend is sometimes good, sometimes hard. The parent wishes for more practical
    help."""
    return _map(
        [
            _p("mam", "Mijn moeder", CLOSE),
            _p("henk", "Buurman Henk", DISTANT),
            _p("arts", "Jeugdarts", EVERYDAY),
            _p("tom", "Tom", CLOSE, "vriend", Quality.MIXED),
        ],
        [
            _t("mam", EMO),
            _t("mam", PRA),
            _t("henk", PRA),
            _t("arts", INF),
            _t("tom", NOR),
        ],
        [PRA],
    )


FAMILIES: dict[str, Callable[[], EcoMap]] = {
    f.__name__: f
    for f in (
        newcomer_baby,
        father_of_teenagers,
        newcomers_toddler,
        large_network,
        only_grandma,
        stressful_mother_in_law,
        parent_who_mostly_gives,
        father_with_professionals,
        nobody_named,
        everything_on_the_partner,
        mixed_no_age,
    )
}
"""Every story by name, in the order of ``docs/reflection-stories.md``."""
