"""The family's maps over time: each consult adds a dated version instead of replacing the map.

A map is continued at a next consult by opening its PDF or JSON. When that happens on a later day,
the earlier map becomes a ``Version`` in the new map's ``history`` (oldest first) and today's map
is the current one; the file of today's map then carries every earlier version, so opening last
year's PDF and continuing keeps the whole history. Continued on the same day (the same consult,
picked up again), the map simply goes on: nothing is added.

The timeline compares any two of the versions with ``ecomap.texts.changes`` (the same words and map
marks as the comparison with an uploaded map) and counts, per version, the people per group and
per form of support (``growth``). Everything here is pure: maps in, maps and counts out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ecomap.model import (
    MAX_HISTORY_PEOPLE,
    MAX_VERSIONS,
    Category,
    EcoMap,
    SupportForm,
    Version,
)


def snapshot(ecomap: EcoMap) -> Version:
    """The map as a version: its date, people, ties, wishes and note (no history of its own)."""
    return Version(
        date=ecomap.date,
        people=ecomap.people,
        ties=ecomap.ties,
        wishes=ecomap.wishes,
        note=ecomap.note,
    )


def bounded(history: Sequence[Version]) -> list[Version]:
    """At most ``MAX_VERSIONS`` versions with at most ``MAX_HISTORY_PEOPLE`` people together.

    What has to go is the oldest but one: the first map (where the family started, what "how the
    network grew" is measured from) and the most recent ones stay.
    """
    kept = list(history)

    def too_much() -> bool:
        people = sum(len(v.people) for v in kept)
        return len(kept) > MAX_VERSIONS or people > MAX_HISTORY_PEOPLE

    while too_much() and len(kept) > 2:
        del kept[1]
    while too_much() and kept:  # one or two versions over the people bound: keep the newest
        del kept[0]
    return kept


def continued(earlier: EcoMap, today: dt.date | None = None) -> EcoMap:
    """The map of a new consult that goes on from ``earlier``.

    On a later day: today's date, the earlier map added to the history as a version (its own
    history kept before it), its date kept as "vorige kaart", its note kept apart and the new note
    empty. On the same day (or a file dated later than today's clock): the map as it was, for it
    is still the same consult.
    """
    day = today or dt.date.today()
    if earlier.date >= day:
        return earlier
    return earlier.model_copy(
        update={
            "date": day,
            "previous_date": earlier.date,
            "previous_note": earlier.note,
            "note": "",
            "history": bounded([*earlier.history, snapshot(earlier)]),
        }
    )


def as_map(version: Version, current: EcoMap) -> EcoMap:
    """One version as a map of its own (for ``compare`` and the drawings), in the language and
    with the child's age of ``current``."""
    return EcoMap(
        date=version.date,
        language=current.language,
        child_age=current.child_age,
        people=version.people,
        ties=version.ties,
        wishes=version.wishes,
        note=version.note,
    )


def versions(ecomap: EcoMap) -> list[EcoMap]:
    """Every version of the family's map as maps, oldest first; the current map is the last one
    (without its history, like the others)."""
    return [
        *(as_map(v, ecomap) for v in ecomap.history),
        ecomap.model_copy(update={"history": []}),
    ]


def support_count(ecomap: EcoMap) -> int:
    """How many forms of support the parent receives on this map, counted per person and form
    ("Oma: luisteren en oppassen" is two)."""
    return sum(1 for tie in ecomap.ties if tie.direction.parent_receives)


@dataclass(frozen=True)
class Growth:
    """How the network changed over the versions: per version (oldest first, the current one
    last), how many people are in each group, and from how many people the family receives each
    form of support (a person who gives two forms counts for both)."""

    dates: tuple[dt.date, ...]
    people: tuple[int, ...]
    """Everyone on each version's map."""
    groups: tuple[tuple[Category, tuple[int, ...]], ...]
    forms: tuple[tuple[SupportForm, tuple[int, ...]], ...]


def growth(maps: Sequence[EcoMap]) -> Growth:
    """The counts of ``Growth`` for ``maps`` (usually ``versions(ecomap)``)."""

    def helpers(m: EcoMap, form: SupportForm) -> int:
        return len({t.person_id for t in m.ties if t.form is form and t.direction.parent_receives})

    return Growth(
        dates=tuple(m.date for m in maps),
        people=tuple(len(m.people) for m in maps),
        groups=tuple(
            (c, tuple(sum(1 for p in m.people if p.category is c) for m in maps)) for c in Category
        ),
        forms=tuple((f, tuple(helpers(m, f) for m in maps)) for f in SupportForm),
    )
