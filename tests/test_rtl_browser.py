"""Right to left in a real Chromium (issue 12.2): in Arabic the page says ``lang="ar"
dir="rtl"``, the layout runs from the right (the questions on the right of the map, "Next" on
the left of "Back", the progress bar filling from the right), and a Latin name a parent typed
keeps its own order (it is isolated). Back in Dutch everything runs left to right again. With
Arabic as the parent's second language on a Dutch page, only that block runs right to left."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import map_view, wait_for_app

from ecomap.catalog import text

pytestmark = pytest.mark.browser

_FILLED = """(sel) => {
  const t = document.querySelector(sel).getBoundingClientRect();
  const f = document.querySelector(sel + " > div").getBoundingClientRect();
  return {track: [t.left, t.right], shown: [Math.max(t.left, f.left), Math.min(t.right, f.right)]};
}"""
"""The progress track's ends, and the part of its fill that shows (the track clips the rest)."""


def _x(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None
    return float(box["x"])


def test_arabic_runs_right_to_left_and_names_keep_their_order(
    streamlit_server: Any, new_page: Any
) -> None:
    server = streamlit_server()
    page, watch = new_page(width=1280, height=900)
    page.goto(f"{server.url}/?lang=ar&step=1")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.dir === 'rtl'", timeout=5_000)
    assert page.evaluate("document.documentElement.lang") == "ar"

    box = page.get_by_label(text("app.add.label", "ar"), exact=True)
    for name in ("Juf Mila (school)", "جدة فاطمة"):
        box.click()
        box.press_sequentially(name)
        box.press("Enter")
        page.get_by_role("button", name=re.compile(re.escape(name))).first.wait_for()
        wait_for_app(page)
    page.wait_for_function(f"() => {map_view(page)}.drawn.people.length === 2")

    back = page.get_by_role("button", name=text("app.nav.back", "ar"), exact=True)
    forward = page.get_by_role("button", name=text("app.nav.next", "ar"), exact=True)
    assert _x(forward) < _x(back), "Next comes after Back, reading from the right"
    question = page.get_by_role("heading", name=text("app.q.emotional.nurse", "ar"))
    the_map = page.locator("[data-testid='stMain'] .ecomap").first
    assert _x(question) > _x(the_map), "the question is on the right, the map left"
    # The progress bar fills from the right: its filled part touches the track's right end.
    bar = page.evaluate(_FILLED, "[data-testid='stProgressBarTrack']")
    (left, right), (shown_left, shown_right) = bar["track"], bar["shown"]
    assert abs(shown_right - right) < 1 and shown_left > left + 10, bar
    # A typed Latin name is isolated, so its brackets stay where the parent typed them.
    chip = page.get_by_role("button", name=re.compile("Juf Mila")).first
    assert "\u2068Juf Mila (school)\u2069" in chip.inner_text()
    assert watch.foreign == []

    page.goto(f"{server.url}/?lang=nl&step=1")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.dir === 'ltr'", timeout=5_000)
    back = page.get_by_role("button", name=text("app.nav.back", "nl"), exact=True)
    forward = page.get_by_role("button", name=text("app.nav.next", "nl"), exact=True)
    assert _x(forward) > _x(back)


def test_arabic_beside_dutch_runs_right_to_left_in_its_own_block(
    streamlit_server: Any, new_page: Any
) -> None:
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    page.goto(f"{server.url}/?also=ar&step=1")
    wait_for_app(page)
    block = page.locator(".ecomap-also[lang='ar']")
    block.wait_for()
    assert block.get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert text("app.q.emotional.nurse", "ar") in block.inner_text()
    style = block.evaluate("(e) => getComputedStyle(e).direction")
    assert style == "rtl"
