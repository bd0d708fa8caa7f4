"""Colours shared by the screen map (``html_map``) and the printed map (``picture``/``pdf``).

A nurse who points at "the green dashed line" on the screen must find the same line on paper, so
both renderers take their colours from here. Okabe-Ito colours (safe for colour-blind readers);
each support form also has its own line pattern in each renderer, so the map still reads in
black and white.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from ecomap.model import SupportForm

FORM_COLOUR: Final[Mapping[SupportForm, str]] = {
    SupportForm.EMOTIONAL: "#0072B2",  # blue, solid line
    SupportForm.PRACTICAL: "#009E73",  # bluish green, long dashes
    SupportForm.INFORMATIONAL: "#E69F00",  # orange, dotted
    SupportForm.NORMATIVE: "#CC79A7",  # reddish purple, dash-dot
}
STRESS_COLOUR: Final = "#D55E00"
"""Vermillion: a stressful contact (also drawn thicker and marked "!")."""
INK: Final = "#222222"
