"""The map's renderer in a real Chromium with NO system fonts (tests/fonts.conf): the exported
page draws every box exactly as planned, in the shipped font, names fit their boxes, hostile names
run nothing, and a phone shows the whole map.

Pages are loaded with ``page.set_content`` (no file:// or http request); the ``new_page`` fixture
fails the test if the page contacts any other host or opens any dialog (an executed ``alert(1)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import map_facts, map_view
from test_html_map import example_map, payload_map

from ecomap.drawing.fonts import FONT_FAMILY
from ecomap.drawing.html_map import render_html
from ecomap.drawing.placement import BOX_MARGIN, FAMILY_FONT_PX, FAMILY_ID, FONT_PX, plan
from ecomap.model import EcoMap
from ecomap.texts.catalog import text

pytestmark = pytest.mark.browser

TEXT_WIDTHS = """([face, lines]) => {
  const ctx = document.createElement("canvas").getContext("2d");
  return lines.map(([text, px, bold]) => {
    ctx.font = `${bold ? "bold" : "normal"} ${px}px "${face}"`;
    return ctx.measureText(text).width;
  });
}"""


def open_map(new_page: Any, html: str, width: int = 1280, height: int = 900) -> tuple[Any, Any]:
    page, watch = new_page(width=width, height=height)
    page.set_content(html)
    map_view(page)  # drawn
    return page, watch


def assert_drawn_as_planned(page: Any, ecomap: EcoMap) -> None:
    """vis-network draws every box where and as big as ``plan`` said (within 1 unit), and the
    browser, with only the shipped font, measures every label line no wider than planned."""
    geometry = plan(ecomap)
    facts = map_facts(page)
    assert set(facts["nodes"]) == set(geometry.positions)
    for node, (x, y) in geometry.positions.items():
        w, h = geometry.sizes[node]
        f = facts["nodes"][node]
        assert (f["x"], f["y"]) == pytest.approx((x, y), abs=0.01), node
        assert f["w"] == pytest.approx(w, abs=1.0), node
        assert f["h"] == pytest.approx(h, abs=1.0), node
    asked = []
    for node, lines in geometry.labels.items():
        bold = node == FAMILY_ID
        asked += [(line, FAMILY_FONT_PX if bold else FONT_PX, bold) for line in lines]
    measured = page.evaluate(TEXT_WIDTHS, [FONT_FAMILY, asked])
    for (line, _px, bold), drawn in zip(asked, measured, strict=True):
        room = geometry.sizes[FAMILY_ID if bold else _owner(geometry, line)][0] - 2 * BOX_MARGIN
        assert drawn > 0, f"{line!r} not drawn in the shipped font"
        assert drawn <= room + 1.0, (line, drawn, room)


def _owner(geometry: Any, line: str) -> str:
    return next(node for node, lines in geometry.labels.items() if line in lines)


def test_hostile_names_run_nothing_in_chromium(new_page: Any, output_dir: Path) -> None:
    ecomap = payload_map()
    page, watch = open_map(new_page, render_html(ecomap, "nl"))
    assert_drawn_as_planned(page, ecomap)
    page.wait_for_timeout(300)  # give any onerror/onload handler the chance to fire
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("iframe, object, embed, a, form, math").count() == 0
    # The only images are the legend's eight pictograms, inlined (ecomap.drawing.pictograms).
    sources = page.locator("img").evaluate_all(
        "l => l.map(i => i.matches('.legend img.pictogram') ? i.getAttribute('src') : 'stray')"
    )
    assert len(sources) == 8
    assert all(src.startswith("data:image/svg+xml;base64,") for src in sources)
    legend = page.locator(".legend").inner_html()
    for person in ecomap.people:
        assert person.name not in legend
    assert watch.dialogs == []
    assert watch.foreign == []
    assert watch.console_errors == []
    page.screenshot(path=str(output_dir / "map-payloads.png"))


def test_the_example_map_is_drawn_as_planned_in_the_shipped_font(
    new_page: Any, output_dir: Path
) -> None:
    ecomap = example_map()
    for lang in ("nl", "en"):
        page, watch = open_map(new_page, render_html(ecomap, lang))
        assert_drawn_as_planned(page, ecomap)
        faces = page.evaluate(
            "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert faces.count(FONT_FAMILY) == 2, "regular and bold, from the page itself"
        page.screenshot(path=str(output_dir / f"map-example-{lang}.png"), full_page=True)
        assert watch.console_errors == []


def test_on_a_phone_the_whole_map_fits_the_width_and_names_stay_readable(
    new_page: Any, output_dir: Path
) -> None:
    ecomap = example_map()
    phone, _ = open_map(new_page, render_html(ecomap, "nl"), width=375, height=667)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    facts = map_facts(phone)
    assert facts["frame"][2] <= 375
    assert FONT_PX * facts["scale"] >= 13, "names at 13 CSS px or more"
    assert phone.locator(".legend").get_attribute("open") is None, "legend folded on a phone"
    phone.screenshot(path=str(output_dir / "map-example-phone.png"), full_page=True)
    phone.locator(".legend summary").click()
    phone.locator(".legend li").first.wait_for(state="visible")


def test_a_big_map_is_drawn_as_planned(new_page: Any) -> None:
    from test_placement import random_map

    ecomap = random_map(120, seed=11)
    page, _ = open_map(new_page, render_html(ecomap, "nl"))
    assert_drawn_as_planned(page, ecomap)


def test_data_of_another_version_is_refused_in_words(new_page: Any) -> None:
    html = render_html(example_map(), "nl").replace('{"v":1,', '{"v":99,', 1)
    page, watch = new_page()
    page.set_content(html)
    page.wait_for_selector(".ecomap[data-failed]")
    assert page.locator(".hint").text_content() == text("map.page.failed", "nl")
    assert any("cannot be drawn" in e for e in watch.console_errors)
    watch.console_errors.clear()
