"""The pictograms in a real Chromium (issue 12.4): a picture beside each of the four support
questions, on the chips, in the table and eight in the map's legend; all of them come from the
app itself (data: URLs or the component's own files), load, and are decorative (empty alt).

Screenshots of the question step and the map with its legend go to ``$ECOMAP_SHOTS`` when set.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import map_view, wait_for_app

from ecomap.drawing.pictograms import FILES
from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.store import open_store

pytestmark = pytest.mark.browser

FORM_STEPS = {1: SupportForm.EMOTIONAL, 2: SupportForm.PRACTICAL}
"""The first two support questions by step; the other two follow with "Volgende"."""

_LOADED = """(imgs) => imgs.map(i => ({alt: i.getAttribute('alt'),
  w: i.getBoundingClientRect().width, ok: i.complete && i.naturalWidth > 0,
  src: i.src.slice(0, 80)}))"""


def _family() -> EcoMap:
    people = [
        Person(id="p1", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
        Person(id="p2", name="Buurvrouw Ria", category=Category.INFORMAL_DISTANT),
        Person(id="p3", name="Juf Sanne", category=Category.FORMAL_EVERYDAY),
        Person(id="p4", name="Wijkteam", category=Category.FORMAL_YOUTHCARE),
    ]
    ties = [Tie(person_id=p.id, form=f) for p, f in zip(people, SupportForm, strict=True)]
    return EcoMap(people=people, ties=ties, family_label="Gezin De Boer")


def _shot(page: Any, name: str) -> None:
    if folder := os.environ.get("ECOMAP_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _decorative(page: Any, locator: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = locator.evaluate_all(_LOADED)
    for image in found:
        assert image["alt"] == "", "decorative: the word beside it is the label"
        assert image["ok"], f"the picture loads from the app itself: {image['src']}"
        assert image["w"] >= 16
    return found


def test_pictograms_beside_questions_chips_table_and_legend(
    streamlit_server: Any, new_page: Any
) -> None:
    token = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(_family()).token
    server = streamlit_server()
    page, _watch = new_page(width=1280, height=900)
    page.goto(f"{server.url}/?d={token}&step=1")
    wait_for_app(page)
    map_view(page)
    wait_for_app(page)

    for number in range(4):
        form = list(SupportForm)[number]
        picture = page.locator(f".ecomap-question-pictogram[data-form='{form.value}'] img")
        picture.wait_for()
        (question,) = _decorative(page, picture)
        assert question["w"] >= 48, "as tall as two lines of the question"
        heading = page.get_by_role("heading", level=2).first
        box, pic = heading.bounding_box(), picture.bounding_box()
        assert abs((box["y"] + box["height"] / 2) - (pic["y"] + pic["height"] / 2)) < 40
        assert pic["x"] < box["x"], "the picture stands before the question"
        # Each person's chip shows the pictogram of their group.
        chips = page.locator("[data-testid='stButtonGroup'] button img")
        assert len(_decorative(page, chips)) >= len(FILES) // 2
        if number == 0:
            _shot(page, "question")
        if number < 3:
            page.get_by_role("button", name=re.compile("^Volgende$")).click()
            page.wait_for_function(
                "(f) => document.querySelector(`.ecomap-question-pictogram[data-form='${f}']`)",
                arg=list(SupportForm)[number + 1].value,
            )
            wait_for_app(page)

    # The table beside the questions: a picture beside each form a person gives.
    cells = page.locator("[data-testid='stTable'] td img")
    assert len(_decorative(page, cells)) >= 4
    # The map's legend: the four forms and the four groups, each with its picture.
    map_view(page)
    legend = page.locator(".ecomap .legend img.pictogram")
    legend.first.wait_for()
    found = _decorative(page, legend)
    assert len(found) == len(FILES) == 8
    assert all(image["src"].startswith(f"{server.url}/_stcore/bidi-components/") for image in found)
    names = page.locator(".ecomap .legend li").all_inner_texts()
    assert "Eigen kring" in [n.strip() for n in names]
    page.locator(".ecomap .legend").scroll_into_view_if_needed()
    _shot(page, "map-legend")
