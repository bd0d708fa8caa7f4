"""One family over three consults, for the tests of the maps over time (``ecomap.history``).

Gezin B. (names invented) starts in March 2025 (``fixtures/format-1.json``, a file of format 1):
oma Ans helps, the parent helps neighbour Fatma, juf Mila gives advice; the parent would like an
example to follow. In October 2025 (``fixtures/format-2.json``, format 2) Fatma has come close
and they help each other, and a family coach, Karim, has come. In March 2026 the coaching has
ended, and a friend, Sanne, and the toddler group's other parents are there.

Each later map is made the way the app makes it: the earlier file is read and continued
(``ecomap.history.continued``), then edited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ecomap.files.read import read_map
from ecomap.history import continued
from ecomap.model import Category, Direction, EcoMap, Person, SupportForm, Tie

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIRST, SECOND, THIRD = dt.date(2025, 3, 4), dt.date(2025, 10, 1), dt.date(2026, 3, 3)
NAMES = ("Oma Ans", "Fatma", "Juf Mila", "Karim", "Sanne")


def first() -> EcoMap:
    """March 2025, as a format 1 file holds it."""
    return read_map((FIXTURES / "format-1.json").read_bytes())


def second() -> EcoMap:
    """October 2025: the first map continued, then changed (what ``format-2.json`` holds, but
    now with the first map as a version)."""
    changed = read_map((FIXTURES / "format-2.json").read_bytes())
    base = continued(first(), SECOND)
    return base.model_copy(
        update={
            "people": changed.people,
            "ties": changed.ties,
            "wishes": changed.wishes,
            "note": changed.note,
            "child_age": changed.child_age,
        }
    )


def third() -> EcoMap:
    """March 2026: three versions in all (two earlier ones, and this one)."""
    base = continued(second(), THIRD)
    people = [p for p in base.people if p.id != "p4"] + [
        Person(id="p5", name="Sanne", role="vriendin", category=Category.INFORMAL_CLOSE),
        Person(id="p6", name="Peutergroep", role="andere ouders", category="informal_distant"),
    ]
    ties = [t for t in base.ties if t.person_id != "p4"] + [
        Tie(person_id="p5", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        Tie(person_id="p6", form=SupportForm.NORMATIVE),
    ]
    return base.model_copy(
        update={"people": people, "ties": ties, "note": "Het gaat goed met de peutergroep."}
    )
