"""The graph follows the support the way it flows, and the figures say what a nurse would count by
hand on the drawn map."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.graph import build_graph, network_figures
from ecomap.model import FAMILY_ID

EMO, PRA, INF, NOR = (
    SupportForm.EMOTIONAL,
    SupportForm.PRACTICAL,
    SupportForm.INFORMATIONAL,
    SupportForm.NORMATIVE,
)


def person(pid: str, category: Category, quality: Quality = Quality.SUPPORTIVE) -> Person:
    return Person(id=pid, name=f"Naam {pid}", role="rol", category=category, quality=quality)


def sample() -> EcoMap:
    """oma: three forms received (one both ways); buur: gives practical both ways; juf: advice;
    wijkteam: advice and stressful; tante: nothing yet, mixed; vriendin: the parent gives."""
    return EcoMap(
        date=dt.date(2026, 11, 1),
        people=[
            person("oma", Category.INFORMAL_CLOSE),
            person("buur", Category.INFORMAL_DISTANT),
            person("juf", Category.FORMAL_EVERYDAY),
            person("wijk", Category.FORMAL_YOUTHCARE, Quality.STRESSFUL),
            person("tante", Category.INFORMAL_CLOSE, Quality.MIXED),
            person("vriendin", Category.INFORMAL_CLOSE),
        ],
        ties=[
            Tie(person_id="oma", form=PRA),
            Tie(person_id="oma", form=EMO, direction=Direction.BOTH),
            Tie(person_id="oma", form=NOR),
            Tie(person_id="buur", form=PRA, direction=Direction.BOTH),
            Tie(person_id="juf", form=INF),
            Tie(person_id="wijk", form=INF),
            Tie(person_id="vriendin", form=EMO, direction=Direction.GIVES),
        ],
        wishes=[SupportForm.PRACTICAL],
    )


def test_nodes_carry_what_the_renderers_draw() -> None:
    g = build_graph(sample())
    assert g.nodes[FAMILY_ID]["kind"] == "family"
    assert set(g.nodes) == {FAMILY_ID, "oma", "buur", "juf", "wijk", "tante", "vriendin"}
    oma = g.nodes["oma"]
    assert oma["kind"] == "person"
    assert oma["name"] == "Naam oma"
    assert oma["category"] == "informal_close"
    assert oma["closeness"] == 3  # unset closeness is the middle
    assert g.nodes["wijk"]["quality"] == "stressful"


def test_edges_follow_the_direction_of_support() -> None:
    g = build_graph(sample())
    # received: person -> family
    assert g.has_edge("oma", FAMILY_ID, key="practical")
    assert not g.has_edge(FAMILY_ID, "oma", key="practical")
    # both: one edge each way, same key
    assert g.has_edge("oma", FAMILY_ID, key="emotional")
    assert g.has_edge(FAMILY_ID, "oma", key="emotional")
    # given: family -> person only
    assert g.has_edge(FAMILY_ID, "vriendin", key="emotional")
    assert not g.has_edge("vriendin", FAMILY_ID)
    data = g.edges["wijk", FAMILY_ID, "informational"]
    assert data == {
        "form": "informational",
        "direction": "receives",
        "quality": "stressful",
        "category": "formal_youthcare",
    }
    assert g.number_of_edges() == 7 + 2  # two ties go both ways
    assert g.degree("tante") == 0


def test_figures_count_people_ties_and_coverage() -> None:
    f = network_figures(sample())
    assert f.people == 6
    assert f.people_per_category == {
        Category.INFORMAL_CLOSE: 3,
        Category.INFORMAL_DISTANT: 1,
        Category.FORMAL_EVERYDAY: 1,
        Category.FORMAL_YOUTHCARE: 1,
    }
    assert f.ties_per_category[Category.INFORMAL_CLOSE] == 4
    assert f.ties_per_form == {EMO: 2, PRA: 2, INF: 2, NOR: 1}
    assert f.received_from == {
        EMO: ("oma",),
        PRA: ("oma", "buur"),
        INF: ("juf", "wijk"),
        NOR: ("oma",),
    }
    assert f.given_to == {EMO: ("oma", "vriendin"), PRA: ("buur",), INF: (), NOR: ()}
    assert f.covered_forms == (EMO, PRA, INF, NOR)
    assert f.uncovered_forms == ()
    assert f.single_source_forms == (EMO, NOR)
    assert f.supporters == ("oma", "buur", "juf", "wijk")
    assert f.receivers == ("oma", "buur", "vriendin")
    assert f.mutual == ("oma", "buur")
    assert f.without_ties == ("tante",)
    assert (f.received, f.given) == (6, 3)
    assert f.stressful == ("wijk",)
    assert f.mixed == ("tante",)
    assert f.wishes == (SupportForm.PRACTICAL,)


def test_figures_show_how_much_rests_on_one_person() -> None:
    f = network_figures(sample())
    assert f.main_supporter == "oma"
    assert f.main_supporter_ties == 3
    assert f.main_supporter_share == pytest.approx(3 / 6)


def test_figures_balance_informal_and_formal() -> None:
    f = network_figures(sample())
    assert (f.informal_people, f.formal_people) == (4, 2)
    assert (f.informal_received, f.formal_received) == (4, 2)
    assert f.formal_share == pytest.approx(2 / 6)


def test_mutual_also_when_forms_differ() -> None:
    m = EcoMap(
        people=[person("a", Category.INFORMAL_DISTANT)],
        ties=[
            Tie(person_id="a", form=PRA, direction=Direction.GIVES),
            Tie(person_id="a", form=INF),
        ],
    )
    assert network_figures(m).mutual == ("a",)


def test_main_supporter_tie_goes_to_the_first_on_the_map() -> None:
    m = EcoMap(
        people=[person("a", Category.INFORMAL_CLOSE), person("b", Category.INFORMAL_CLOSE)],
        ties=[Tie(person_id="b", form=EMO), Tie(person_id="a", form=PRA)],
    )
    f = network_figures(m)
    assert f.main_supporter == "a"
    assert f.main_supporter_share == pytest.approx(0.5)


def test_empty_map() -> None:
    m = EcoMap(wishes=[SupportForm.EMOTIONAL])
    g = build_graph(m)
    assert list(g.nodes) == [FAMILY_ID]
    assert g.number_of_edges() == 0
    f = network_figures(m)
    assert f.people == 0
    assert f.covered_forms == ()
    assert f.uncovered_forms == (EMO, PRA, INF, NOR)
    assert f.main_supporter is None
    assert f.main_supporter_share == 0.0
    assert f.formal_share == 0.0
    assert f.wishes == (SupportForm.EMOTIONAL,)
    assert all(n == 0 for n in f.people_per_category.values())


@st.composite
def ecomaps(draw: st.DrawFn) -> EcoMap:
    n = draw(st.integers(0, 10))
    people = [
        person(f"p{i}", draw(st.sampled_from(list(Category))), draw(st.sampled_from(list(Quality))))
        for i in range(n)
    ]
    ties = [
        Tie(person_id=f"p{i}", form=form, direction=draw(st.sampled_from(list(Direction))))
        for i in range(n)
        for form in draw(st.sets(st.sampled_from(list(SupportForm))))
    ]
    return EcoMap(people=people, ties=ties)


@settings(max_examples=100, deadline=None)
@given(ecomaps())
def test_figures_agree_with_the_drawn_graph(ecomap: EcoMap) -> None:
    """What the figures say is what a reader counts on the drawn map: arrows into the family are
    received support, arrows out of it are given support."""
    g = build_graph(ecomap)
    f = network_figures(ecomap)
    assert f.received == g.in_degree(FAMILY_ID)
    assert f.given == g.out_degree(FAMILY_ID)
    assert set(f.supporters) == set(g.predecessors(FAMILY_ID))
    assert set(f.receivers) == set(g.successors(FAMILY_ID))
    assert set(f.mutual) == set(f.supporters) & set(f.receivers)
    assert set(f.without_ties) == {n for n in g if n != FAMILY_ID and g.degree(n) == 0}
    for form in SupportForm:
        into = {u for u, _, k in g.in_edges(FAMILY_ID, keys=True) if k == form.value}
        assert set(f.received_from[form]) == into
        assert (form in f.covered_forms) == bool(into)
    assert f.informal_received + f.formal_received == f.received
    assert sum(f.people_per_category.values()) == f.people == len(g) - 1
    assert 0.0 <= f.main_supporter_share <= 1.0
