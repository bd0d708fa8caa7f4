"""Roles instead of names, for dossiers that must not hold third parties' names.

A child's dossier is about the child and the parents; the grandmother, the neighbour and the
teacher did not consent to being named in it. The anonymised print therefore calls every person by
their role ("Buurvrouw"), or by their group's short name when no role was given, numbered when
several share one ("Buurvrouw (2)"). Initials are not used: in a small network they still identify.
A role that contains a name on the map ("vriendin Sanne") is not used either, the group name is.

The same labels go everywhere the print goes (picture, PDF text, embedded JSON, CSV, GraphML), so
an anonymised file holds no name of anyone on the map.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ecomap.labels import label
from ecomap.model import MAX_NAME, EcoMap, Language, Person

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> set[str]:
    """Words of two letters or more, case-folded: what could give a name away inside a role."""
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 2}


def _name_words(people: Sequence[Person], also_avoid: Iterable[str] = ()) -> set[str]:
    """Words of names that would identify someone inside a role. A word that is somebody's whole
    role on this map ("opa" in the name "Opa Kees") says nothing more than that role does."""
    roles = {" ".join(p.role.casefold().split()) for p in people}
    words = set().union(*(_tokens(p.name) for p in people), *(_tokens(n) for n in also_avoid))
    return words - roles


def anonymous_names(
    people: Sequence[Person], lang: Language, *, also_avoid: Iterable[str] = ()
) -> dict[str, str]:
    """Person id -> the label printed instead of the name, in the order of ``people``.

    ``also_avoid``: further names that may not appear in a label (people on an earlier map).
    """
    names = _name_words(people, also_avoid)
    bases: dict[str, str] = {}
    for person in people:
        role = " ".join(person.role.split())
        if role and not (_tokens(role) & names):
            base = role[:1].upper() + role[1:]
        else:
            base = label(person.category, lang, "short")
        bases[person.id] = base[: MAX_NAME - 6].rstrip()
    counts = Counter(bases.values())
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for person in people:
        base = bases[person.id]
        if counts[base] > 1:
            seen[base] += 1
            out[person.id] = f"{base} ({seen[base]})"
        else:
            out[person.id] = base
    return out


def display_names(ecomap: EcoMap, lang: Language, *, anonymise: bool) -> dict[str, str]:
    """Person id -> what to print for them: the name, or the anonymous label."""
    if anonymise:
        return anonymous_names(ecomap.people, lang)
    return {p.id: p.name for p in ecomap.people}


def anonymised(ecomap: EcoMap, lang: Language) -> EcoMap:
    """A copy of the map with every name replaced by its anonymous label, and roles that gave a
    name away emptied. Ids, groups, ties, wishes and the consult note are kept as they are."""
    labels = anonymous_names(ecomap.people, lang)
    names = _name_words(ecomap.people)
    people = [
        p.model_copy(
            update={"name": labels[p.id], "role": "" if _tokens(p.role) & names else p.role}
        )
        for p in ecomap.people
    ]
    return ecomap.model_copy(update={"people": people})


def comparison_names(
    current: Sequence[Person], removed: Sequence[Person], lang: Language
) -> dict[str, str]:
    """Anonymous labels for a comparison: the current people as on the current map, and the
    people no longer on it (whose ids never clash with current ones) labelled among themselves."""
    labels = anonymous_names(current, lang)
    labels.update(anonymous_names(removed, lang, also_avoid=[p.name for p in current]))
    return labels
