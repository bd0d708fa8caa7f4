"""Readable names for the model's fixed choices (category, support form, direction, quality).

One place maps an enum value to its text id, so every renderer (map, PDF, table, reflection, app)
says "Een luisterend oor" for ``emotional`` in exactly the same words.
"""

from __future__ import annotations

from typing import Literal

from ecomap.model import Category, Direction, Language, Quality, SupportForm
from ecomap.texts.catalog import text

_KIND: dict[type, str] = {
    Category: "category",
    SupportForm: "form",
    Direction: "direction",
    Quality: "quality",
}

Field = Literal["name", "short", "explain", "person", "map"]


def label(
    value: Category | SupportForm | Direction | Quality, lang: Language, field: Field = "name"
) -> str:
    """The words for one choice. ``name`` exists for forms, directions and qualities; a
    category is called by its ``short`` words everywhere a person reads it (the editor, the
    table, a comparison), with ``explain`` (who belongs there) beside them, ``person`` (what
    someone in the group is called when no role is known) and ``map`` (a region's name on the
    map: at most two short lines). ``short`` and ``explain`` exist for forms too."""
    return text(f"labels.{_KIND[type(value)]}.{value.value}.{field}", lang)


def closeness_label(level: int | None, lang: Language) -> str:
    """Words for a closeness level 1-5 (None is the middle, 3)."""
    return text(f"labels.closeness.{3 if level is None else level}", lang)


def family_label(lang: Language) -> str:
    """What the centre of the map is called."""
    return text("labels.family.name", lang)
