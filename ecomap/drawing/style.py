"""Colours and line patterns shared by every drawing of the map: the browser's map
(``ecomap.drawing.map_data`` → ``web/map.js``) and the printed map (``picture``/``pdf``).

A nurse who points at "the green dashed line" on the screen must find the same line on paper, so
every renderer takes its colours and patterns from here. Okabe-Ito colours (safe for colour-blind
readers); each support form also has its own line pattern, so the map still reads in black and
white.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ecomap.model import Category, SupportForm

FORM_COLOUR: Final[Mapping[SupportForm, str]] = {
    SupportForm.EMOTIONAL: "#0072B2",  # blue, solid line
    SupportForm.PRACTICAL: "#009E73",  # bluish green, long dashes
    SupportForm.INFORMATIONAL: "#E69F00",  # orange, dotted
    SupportForm.NORMATIVE: "#CC79A7",  # reddish purple, dash-dot
}
FORM_DASH: Final[Mapping[SupportForm, tuple[float, ...]]] = {
    SupportForm.EMOTIONAL: (),
    SupportForm.PRACTICAL: (9.0, 4.0),
    SupportForm.INFORMATIONAL: (1.5, 3.0),
    SupportForm.NORMATIVE: (9.0, 3.0, 1.5, 3.0),
}
"""Line pattern per support form: lengths of dash, gap, dash, gap ... in layout units (empty:
solid). The lines' ends are round, so a 1.5-unit dash is a dot."""
STRESS_COLOUR: Final = "#D55E00"
"""Vermillion: a stressful contact (also drawn thicker and marked "!")."""
MIXED_OPACITY: Final = 0.45
"""A "sometimes good, sometimes hard" contact's lines are lighter (the legend shows the same)."""
INK: Final = "#222222"
REGION_FILL: Final[Mapping[Category, str]] = {
    Category.INFORMAL_CLOSE: "#FBEFD9",
    Category.INFORMAL_DISTANT: "#FDF8EE",
    Category.FORMAL_EVERYDAY: "#E3EEF8",
    Category.FORMAL_YOUTHCARE: "#F2F6FB",
}
"""The regions on screen: warm for the own circle, cool for professionals; lighter further out."""
REGION_GREY: Final[Mapping[Category, str]] = {
    Category.INFORMAL_CLOSE: "#EBEBEB",
    Category.INFORMAL_DISTANT: "#F6F6F6",
    Category.FORMAL_EVERYDAY: "#EBEBEB",
    Category.FORMAL_YOUTHCARE: "#F6F6F6",
}
"""The regions on paper: greys that print the same in colour and black and white."""
