"""The map in a real Chromium: hostile names run nothing, boxes never overlap, screenshots.

Pages are loaded with ``page.set_content`` (no file:// or http request); the ``new_page`` fixture
fails the test if the page contacts any other host or opens any dialog (an executed ``alert(1)``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_html_map import example_map, payload_map
from xss_payloads import PAYLOADS

from ecomap.html_map import render_html
from ecomap.model import EcoMap
from ecomap.placement import FAMILY_ID, plan

pytestmark = pytest.mark.browser

NODE_FACTS = """() => {
  const net = window.ecomapNetwork;
  const out = {};
  for (const id of Object.keys(net.body.nodes)) {
    const n = net.body.nodes[id];
    out[id] = {x: n.x, y: n.y, w: n.shape.width, h: n.shape.height,
               lines: n.labelModule.lineCount};
  }
  return out;
}"""


def open_map(new_page: Any, html: str, width: int = 1280, height: int = 900) -> tuple[Any, Any]:
    page, watch = new_page(width=width, height=height)
    page.set_content(html)
    page.wait_for_selector("body[data-drawn]", timeout=15_000)
    assert page.locator("#mynetwork canvas").count() == 1
    return page, watch


def assert_drawn_as_planned(page: Any, ecomap: EcoMap) -> None:
    """The browser draws every box exactly as big and where ``plan`` said, so none overlap."""
    geometry = plan(ecomap)
    facts = page.evaluate(NODE_FACTS)
    assert set(facts) == set(geometry.positions)
    for node, (x, y) in geometry.positions.items():
        w, h = geometry.sizes[node]
        f = facts[node]
        assert (f["x"], f["y"]) == pytest.approx((x, y), abs=0.01), node
        assert f["w"] == pytest.approx(w, abs=0.5), node
        assert f["h"] == pytest.approx(h, abs=0.5), node
        if node != FAMILY_ID or geometry.labels[FAMILY_ID]:
            assert f["lines"] == len(geometry.labels[node]), node


def hover_every_person(page: Any, ecomap: EcoMap) -> None:
    """Move the mouse over each person: the tooltip must show the name as plain text."""
    page.evaluate("() => window.ecomapNetwork.setOptions({interaction: {tooltipDelay: 0}})")
    page.evaluate("() => window.ecomapNetwork.moveTo({scale: 1, position: {x: 0, y: 0}})")
    origin = page.locator("#mynetwork").bounding_box()
    tooltip = page.locator("div.vis-tooltip")
    for person in ecomap.people:
        spot = page.evaluate(
            """id => { const net = window.ecomapNetwork;
                       net.moveTo({position: net.getPosition(id), scale: 1});
                       return net.canvasToDOM(net.getPosition(id)); }""",
            person.id,
        )
        page.mouse.move(origin["x"] + spot["x"] + 2, origin["y"] + spot["y"] + 1)
        page.wait_for_function(
            """name => { const t = document.querySelector("div.vis-tooltip");
                         return t && t.style.visibility !== "hidden"
                                && t.innerText.split("\\n")[0] === name; }""",
            arg=person.name,
            timeout=5_000,
        )
        # innerText turns line breaks into <br>; anything else would be markup from a name.
        tags = tooltip.evaluate("el => Array.from(el.querySelectorAll('*'), c => c.tagName)")
        assert set(tags) <= {"BR"}


def test_hostile_names_run_nothing_in_chromium(new_page: Any, output_dir: Path) -> None:
    ecomap = payload_map()
    page, watch = open_map(new_page, render_html(ecomap, "nl"))
    assert_drawn_as_planned(page, ecomap)
    hover_every_person(page, ecomap)
    # Tap a hostile name: the details panel shows it as text.
    page.evaluate("window.ecomapNetwork.selectNodes(['x2'])")
    page.evaluate(
        "() => window.ecomapNetwork.body.emitter.emit('selectNode', {nodes: ['x2'], edges: []})"
    )
    assert page.locator("#info").inner_text().split("\n")[0] == PAYLOADS[2]
    assert set(page.locator("#info *").evaluate_all("els => els.map(e => e.tagName)")) <= {"BR"}
    page.wait_for_timeout(300)  # give any onerror/onload handler the chance to fire
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img, iframe, object, embed, a, form, math").count() == 0
    assert watch.dialogs == []
    assert watch.foreign == []
    assert watch.console_errors == []
    page.screenshot(path=str(output_dir / "map-payloads.png"))


def test_example_map_is_drawn_as_planned_with_screenshots(new_page: Any, output_dir: Path) -> None:
    ecomap = example_map()
    for lang in ("nl", "en"):
        page, watch = open_map(new_page, render_html(ecomap, lang))
        assert_drawn_as_planned(page, ecomap)
        page.screenshot(path=str(output_dir / f"map-example-{lang}.png"), full_page=True)
        assert watch.console_errors == []
    phone, _ = open_map(new_page, render_html(ecomap, "nl"), width=375, height=667)
    # On a phone the whole map fits the width (no sideways scrolling) and the legend starts
    # folded so the map gets most of the screen; one tap opens it.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    canvas = phone.locator("#mynetwork canvas").bounding_box()
    assert canvas["width"] <= 375 and canvas["height"] >= 400
    assert phone.locator("#legend").get_attribute("open") is None
    phone.screenshot(path=str(output_dir / "map-example-phone.png"), full_page=True)
    phone.locator("#legend summary").click()
    expect_legend = phone.locator("#legend li").first
    expect_legend.wait_for(state="visible")
    phone.screenshot(path=str(output_dir / "map-example-phone-legend.png"), full_page=True)


def test_big_map_is_drawn_as_planned(new_page: Any) -> None:
    from test_placement import random_map

    ecomap = random_map(150, seed=11)
    page, _ = open_map(new_page, render_html(ecomap, "nl"))
    assert_drawn_as_planned(page, ecomap)


# --------------------------------------------------------------------------- the app's variant


def test_app_page_without_the_library_says_so(new_page: Any) -> None:
    """Where the app's vis-network file cannot load, the frame is marked, never silently blank."""
    page, watch = new_page()
    page.set_content(render_html(example_map(), "nl", assets="app"))
    page.wait_for_selector("body[data-failed='vis-network']", timeout=15_000)
    assert page.evaluate("() => window.ecomapNetwork === undefined")
    assert page.locator("#info").is_visible()
    assert any("vis-network did not load" in e for e in watch.console_errors)


def test_in_the_app_the_library_comes_from_the_app_itself(
    streamlit_server: Any, new_page: Any
) -> None:
    """In the running app the map's srcdoc frame loads vis-network from ``/app/static/`` (same
    origin: the CSP's 'self' allows it in a srcdoc iframe), draws, and redraws after a change."""
    import os

    from conftest import wait_for_app

    from ecomap.html_map import APP_ASSETS
    from ecomap.store import open_store

    token = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(example_map()).token
    server = streamlit_server()
    page, watch = new_page()
    page.goto(f"{server.url}/?d={token}")
    wait_for_app(page)
    page.get_by_role("button", name="Beginnen", exact=True).click()
    shows = """name => [...document.querySelectorAll("iframe")].some(f => {
        const w = f.contentWindow;
        return w && w.ecomapNetwork && w.document.body.hasAttribute("data-drawn")
          && w.ecomapNetwork.body.data.nodes.get()
               .some(n => n.label.split(/\\s+/).join(" ") === name);
    })"""
    page.wait_for_function(shows, arg=example_map().people[0].name, timeout=30_000)
    wait_for_app(page)
    for name in APP_ASSETS:
        assert f"{server.url}/app/static/{name}" in watch.requests, name
    box = page.get_by_label("Naam", exact=True)
    box.fill("Buurvrouw Nel")
    box.press("Enter")
    page.wait_for_function(shows, arg="Buurvrouw Nel", timeout=30_000)
    failed = page.evaluate(
        """() => [...document.querySelectorAll("iframe")]
                 .filter(f => f.contentDocument.body.hasAttribute("data-failed")).length"""
    )
    assert failed == 0
    assert not [e for e in watch.console_errors if "Content Security Policy" in e]
