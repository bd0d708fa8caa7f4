"""Which local offers fit this family: a pure function with a fixed scoring order.

The domain documents ask professionals to point parents to low-threshold support close to home,
led by what the parent wishes. So the matching reads the family's **needs**, in this order (the
same facts the reflection reads, ``ecomap.texts.reflection.findings``):

1. the forms of support the parent wishes for (the parent's wishes lead);
2. the forms no warm contact gives yet (support from a contact that feels hard does not count);
3. with mostly professional help: a listening ear and an example, from other parents;
4. with much resting on one informal helper: what that helper gives, so others can share it.

An empty map needs everything, a listening ear first (as the reflection's "meet other parents").

An offer **fits** when it is for the youngest child's age (with the age not given: only an offer
for every age) and spoken in the parent's language. Fitting offers that meet a need are ranked by,
in this order (each a tie-break for the one before):

1. the earliest need it meets (a wish before a gap, a gap before the rest);
2. the lowest layer of the support pyramid (basis before extra support);
3. the lowest rung of the contact ladder (meeting before network building);
4. the most needs it meets;
5. meant for this age, rather than for every age;
6. the easiest way in (walk in, then sign up, then via the nurse);
7. the lowest cost (free, a contribution, paid);
8. the organisation's order in the file.

The best one is chosen; then, counting only the needs it leaves, the best of the others, if any
meets one: one or two offers, each for something the other does not cover. Nothing here reads the
session or writes anything: the same map and file always give the same offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ecomap.model import EcoMap, Language, SupportForm
from ecomap.offers import Cost, Joining, Layer, Offer, Rung
from ecomap.texts.reflection import findings

MAX_OFFERS = 2
"""Offers suggested at most: one or two small steps, not a list to work through."""

Why = Literal["wish", "gap", "own_circle", "share_load"]


@dataclass(frozen=True)
class Need:
    """A form of support the family could use more of, and why (which rule found it)."""

    form: SupportForm
    why: Why


@dataclass(frozen=True)
class Match:
    """One offer, scored for one family."""

    offer: Offer
    fits: bool
    """For the child's age (or for every age, with no age given) and in the parent's language."""
    meets: tuple[SupportForm, ...]
    """The needs it meets, in the order of need."""
    key: tuple[int, ...]
    """The sort key (lower is better), in the order the module's docstring gives."""


def needs(ecomap: EcoMap) -> tuple[Need, ...]:
    """The family's needs in order (wishes, gaps, own circle, share the load); a form once."""
    facts = findings(ecomap)
    found: list[Need] = [Need(form, "wish") for form in ecomap.wishes]
    found += [Need(form, "gap") for form in SupportForm if form not in facts.warm_covered]
    if facts.mostly_professional:
        found += [
            Need(SupportForm.EMOTIONAL, "own_circle"),
            Need(SupportForm.NORMATIVE, "own_circle"),
        ]
    if facts.one_person is not None:
        person = facts.one_person.id
        found += [
            Need(form, "share_load")
            for form in SupportForm
            if person in facts.figures.received_from[form]
        ]
    first: dict[SupportForm, Need] = {}
    for need in found:
        first.setdefault(need.form, need)
    return tuple(first.values())


def _fits(offer: Offer, ecomap: EcoMap, lang: Language) -> bool:
    return offer.for_age(ecomap.child_age) and lang in offer.languages


def _score(
    offer: Offer, index: int, ecomap: EcoMap, lang: Language, wanted: Sequence[SupportForm]
) -> Match:
    meets = tuple(form for form in wanted if form in offer.forms)
    fits = _fits(offer, ecomap, lang)
    first_need = wanted.index(meets[0]) if meets else len(SupportForm)
    specific = ecomap.child_age is not None and ecomap.child_age in offer.ages
    key = (
        0 if fits else 1,
        0 if meets else 1,
        first_need,
        list(Layer).index(offer.layer),
        list(Rung).index(offer.rung),
        -len(meets),
        0 if specific else 1,
        list(Joining).index(offer.join),
        list(Cost).index(offer.cost),
        index,
    )
    return Match(offer, fits, meets, key)


def rank_offers(ecomap: EcoMap, offers: Sequence[Offer], lang: Language) -> tuple[Match, ...]:
    """Every offer, best first for this family: fitting ones that meet a need, then fitting ones
    that meet none, then the ones that do not fit (age or language): the order of the nurse's
    choice list."""
    wanted = [need.form for need in needs(ecomap)]
    scored = [_score(offer, i, ecomap, lang, wanted) for i, offer in enumerate(offers)]
    return tuple(sorted(scored, key=lambda m: m.key))


def choose_offers(
    ecomap: EcoMap, offers: Sequence[Offer], lang: Language, limit: int = MAX_OFFERS
) -> tuple[Offer, ...]:
    """One or two offers for this family (none when nothing fits a need): the best, then the
    best for the needs the chosen ones leave."""
    wanted = [need.form for need in needs(ecomap)]
    chosen: list[Offer] = []
    while len(chosen) < limit and wanted:
        candidates = [
            _score(offer, i, ecomap, lang, wanted)
            for i, offer in enumerate(offers)
            if offer.id not in {o.id for o in chosen}
        ]
        best = min((m for m in candidates if m.fits and m.meets), key=lambda m: m.key, default=None)
        if best is None:
            break
        chosen.append(best.offer)
        wanted = [form for form in wanted if form not in best.offer.forms]
    return tuple(chosen)
