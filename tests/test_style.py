"""The screen and the print use the same colour and the same kind of line for each support form,
so "the green dashed line" means the same on the screen and on paper."""

from __future__ import annotations

from test_html_map import example_map

from ecomap.drawing.map_data import map_data
from ecomap.drawing.picture import FORM_STYLE
from ecomap.drawing.style import FORM_COLOUR, FORM_DASH
from ecomap.model import SupportForm


def test_screen_and_print_share_colours_and_patterns() -> None:
    screen = map_data(example_map(), "nl")["forms"]
    for form in SupportForm:
        assert screen[form.value]["colour"] == FORM_STYLE[form][0] == FORM_COLOUR[form]
        paper = FORM_STYLE[form][1]
        if not FORM_DASH[form]:
            assert screen[form.value]["dash"] == [] and paper == "solid", form
        else:
            assert list(screen[form.value]["dash"]) == list(paper[1]), form  # type: ignore[index]


def test_four_forms_four_colours_four_patterns() -> None:
    assert len(set(FORM_COLOUR.values())) == 4
    assert len(set(FORM_DASH.values())) == 4
