"""The eco-map as a directed graph, and the few figures that describe the network.

Support flows both ways ("halen en brengen"), so edges point the way the support goes: from the
person to the family when the parent receives it, from the family to the person when the parent
gives it. The figures are what the reflection, the PDF and the app's summary talk about: who covers
which form of support, how much rests on one person, informal versus formal help. They are counts,
shares (0-1) and person ids, never text: the words are chosen by the renderers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from ecomap.model import FAMILY_ID, Category, EcoMap, Quality, SupportForm


def build_graph(ecomap: EcoMap) -> nx.MultiDiGraph:
    """One node for the family, one per person, one edge per direction of every support tie.

    Nodes: ``FAMILY_ID`` with ``kind="family"``; each person under their (generated, safe) id with
    ``kind="person"``, ``name``, ``role``, ``category`` (string value), ``closeness`` (1-5, the
    effective value: unset counts as the middle, 3) and ``quality`` (string value).
    Edges: keyed by the form's value, with attributes ``form``, ``direction``, ``quality`` (of the
    person) and ``category`` (of the person), all string values. A tie the parent receives runs
    person -> family, one the parent gives runs family -> person, ``both`` gives one edge each way.
    Because a person has at most one tie per form, (source, target, key) is unique.
    """
    graph = nx.MultiDiGraph()
    graph.add_node(FAMILY_ID, kind="family")
    for person in ecomap.people:
        graph.add_node(
            person.id,
            kind="person",
            name=person.name,
            role=person.role,
            category=person.category.value,
            closeness=person.effective_closeness,
            quality=person.quality.value,
        )
    people = {p.id: p for p in ecomap.people}
    for tie in ecomap.ties:
        person = people[tie.person_id]
        attrs = {
            "form": tie.form.value,
            "direction": tie.direction.value,
            "quality": person.quality.value,
            "category": person.category.value,
        }
        if tie.direction.parent_receives:
            graph.add_edge(person.id, FAMILY_ID, key=tie.form.value, **attrs)
        if tie.direction.parent_gives:
            graph.add_edge(FAMILY_ID, person.id, key=tie.form.value, **attrs)
    return graph


@dataclass(frozen=True)
class NetworkFigures:
    """The figures of one eco-map. Person ids are listed in the order of the map's people list;
    forms in the model's order (emotional, practical, informational, normative). Every category and
    every form is a key of the per-category and per-form mappings, with 0 or () when empty."""

    people: int
    """Number of people on the map (with or without ties)."""
    people_per_category: Mapping[Category, int]
    """Number of people in each of Kesselring's four categories."""
    ties_per_category: Mapping[Category, int]
    """Number of support ties (one per person and form, whatever the direction) per category."""
    ties_per_form: Mapping[SupportForm, int]
    """Number of support ties (whatever the direction) per form."""
    received_from: Mapping[SupportForm, tuple[str, ...]]
    """Per form, the people the parent receives it from (direction receives or both)."""
    given_to: Mapping[SupportForm, tuple[str, ...]]
    """Per form, the people the parent gives it to (direction gives or both)."""
    covered_forms: tuple[SupportForm, ...]
    """Forms the parent receives from at least one person."""
    uncovered_forms: tuple[SupportForm, ...]
    """Forms the parent receives from no one on the map (yet)."""
    single_source_forms: tuple[SupportForm, ...]
    """Covered forms that exactly one person gives: they rest on that one person."""
    supporters: tuple[str, ...]
    """People the parent receives at least one form of support from."""
    receivers: tuple[str, ...]
    """People the parent gives at least one form of support to."""
    mutual: tuple[str, ...]
    """People with whom support goes both ways: the parent both receives from and gives to them
    (in one tie with direction both, or in different forms)."""
    without_ties: tuple[str, ...]
    """People on the map without any support tie (drawn, but no form chosen yet)."""
    received: int
    """Number of ties on which the parent receives support (a ``both`` tie counts here and in
    ``given``)."""
    given: int
    """Number of ties on which the parent gives support."""
    main_supporter: str | None
    """The person carrying the most received ties (the first in map order on a tie); None when the
    parent receives nothing."""
    main_supporter_ties: int
    """How many received ties the main supporter carries (0 without one)."""
    main_supporter_share: float
    """The main supporter's share of all received ties, 0-1 (0.0 when nothing is received)."""
    informal_people: int
    """People in the two informal categories (own circle, close or further away)."""
    formal_people: int
    """People in the two formal categories (everyday places, youth care)."""
    informal_received: int
    """Received ties from informal people."""
    formal_received: int
    """Received ties from formal people."""
    stressful: tuple[str, ...]
    """People whose relationship the parent marked as stressful."""
    mixed: tuple[str, ...]
    """People whose relationship the parent marked as mixed (sometimes good, sometimes hard)."""
    wishes: tuple[SupportForm, ...]
    """Forms the parent would like more of."""

    @property
    def formal_share(self) -> float:
        """Share (0-1) of the received ties that come from professionals; 0.0 when the parent
        receives nothing."""
        return self.formal_received / self.received if self.received else 0.0


def network_figures(ecomap: EcoMap) -> NetworkFigures:
    """Compute all figures in one pass over the model (the graph adds nothing they need)."""
    forms = list(SupportForm)
    people_per_category = dict.fromkeys(Category, 0)
    ties_per_category = dict.fromkeys(Category, 0)
    ties_per_form = dict.fromkeys(SupportForm, 0)
    received_from: dict[SupportForm, list[str]] = {f: [] for f in forms}
    given_to: dict[SupportForm, list[str]] = {f: [] for f in forms}
    received_count: dict[str, int] = {}
    gives_to: set[str] = set()
    with_ties: set[str] = set()
    received = given = informal_received = formal_received = 0

    category = {p.id: p.category for p in ecomap.people}
    for person in ecomap.people:
        people_per_category[person.category] += 1
    # Ties in map order of people, so every id list below follows the people list.
    order = {p.id: i for i, p in enumerate(ecomap.people)}
    for tie in sorted(ecomap.ties, key=lambda t: (order[t.person_id], forms.index(t.form))):
        cat = category[tie.person_id]
        with_ties.add(tie.person_id)
        ties_per_category[cat] += 1
        ties_per_form[tie.form] += 1
        if tie.direction.parent_receives:
            received += 1
            received_from[tie.form].append(tie.person_id)
            received_count[tie.person_id] = received_count.get(tie.person_id, 0) + 1
            if cat.is_formal:
                formal_received += 1
            else:
                informal_received += 1
        if tie.direction.parent_gives:
            given += 1
            given_to[tie.form].append(tie.person_id)
            gives_to.add(tie.person_id)

    ids = [p.id for p in ecomap.people]
    main: str | None = None
    main_ties = 0
    for pid in ids:  # strict > keeps the first in map order on a tie
        if received_count.get(pid, 0) > main_ties:
            main, main_ties = pid, received_count[pid]

    return NetworkFigures(
        people=len(ids),
        people_per_category=people_per_category,
        ties_per_category=ties_per_category,
        ties_per_form=ties_per_form,
        received_from={f: tuple(v) for f, v in received_from.items()},
        given_to={f: tuple(v) for f, v in given_to.items()},
        covered_forms=tuple(f for f in forms if received_from[f]),
        uncovered_forms=tuple(f for f in forms if not received_from[f]),
        single_source_forms=tuple(f for f in forms if len(received_from[f]) == 1),
        supporters=tuple(i for i in ids if i in received_count),
        receivers=tuple(i for i in ids if i in gives_to),
        mutual=tuple(i for i in ids if i in received_count and i in gives_to),
        without_ties=tuple(i for i in ids if i not in with_ties),
        received=received,
        given=given,
        main_supporter=main,
        main_supporter_ties=main_ties,
        main_supporter_share=main_ties / received if received else 0.0,
        informal_people=sum(1 for p in ecomap.people if not p.category.is_formal),
        formal_people=sum(1 for p in ecomap.people if p.category.is_formal),
        informal_received=informal_received,
        formal_received=formal_received,
        stressful=tuple(p.id for p in ecomap.people if p.quality is Quality.STRESSFUL),
        mixed=tuple(p.id for p in ecomap.people if p.quality is Quality.MIXED),
        wishes=tuple(ecomap.wishes),
    )
