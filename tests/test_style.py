"""The screen and the print use the same colour and the same kind of line for each support form,
so "the green dashed line" means the same on the screen and on paper."""

from __future__ import annotations

from ecomap.html_map import EDGE_STYLE
from ecomap.model import SupportForm
from ecomap.picture import FORM_STYLE


def test_screen_and_print_share_colours() -> None:
    for form in SupportForm:
        assert EDGE_STYLE[form]["color"] == FORM_STYLE[form][0], form


def test_screen_and_print_share_the_kind_of_line() -> None:
    """Solid on both, or dashed on both with the same number of dash/gap pairs."""
    for form in SupportForm:
        screen = EDGE_STYLE[form]["dashes"]
        paper = FORM_STYLE[form][1]
        if screen is False:
            assert paper == "solid", form
        else:
            assert paper != "solid" and len(paper[1]) == len(screen), form


def test_four_forms_four_colours() -> None:
    assert len({FORM_STYLE[f][0] for f in SupportForm}) == 4
