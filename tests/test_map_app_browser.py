"""The live map in the app, in a real Chromium against ``streamlit run``, with no system fonts:
it comes from the app itself, stays one vis-network across changes, is readable on a laptop and
a phone, and can be touched: drag a person to another group, or do the same by keyboard; tap a
person to edit them; undo a move; open the large view.

Maps reach the app as drafts (``?d=<token>&step=N``), so each test starts where it needs to be.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    map_facts,
    map_labels,
    map_view,
    table_names,
    wait_for_app,
    wait_for_table_names,
)

from ecomap.drawing.placement import FONT_PX, REGION_FONT_PX
from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.store import open_store
from ecomap.texts.catalog import text
from ecomap.texts.labels import label

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from maps import network

pytestmark = pytest.mark.browser

FIRST_QUESTION, RESULT = 1, 8
"""Steps: the first support question (the map beside it), and the map with the reflection."""


def _open(streamlit_server: Any, new_page: Any, m: EcoMap, step: int, **size: int) -> Any:
    token = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(m).token
    server = streamlit_server()
    page, watch = new_page(**size)
    page.goto(f"{server.url}/?d={token}&step={step}")
    wait_for_app(page)
    map_view(page)
    wait_for_app(page)
    return page, watch, server


def _family() -> EcoMap:
    people = [
        Person(id="p1", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
        Person(id="p2", name="Buurvrouw Ria", category=Category.INFORMAL_DISTANT),
        Person(id="p3", name="Juf Petra", category=Category.FORMAL_EVERYDAY),
        Person(id="p4", name="Wijkteam", category=Category.FORMAL_YOUTHCARE),
    ]
    ties = [Tie(person_id=p.id, form=SupportForm.EMOTIONAL) for p in people]
    return EcoMap(people=people, ties=ties, family_label="Gezin De Boer")


_GROUP_OF = """([name, column]) => {
  // One look at the table as it is now: a run may replace it between two separate reads.
  const table = document.querySelector("[data-testid='stTable']");
  if (!table) return null;
  const headers = [...table.querySelectorAll("thead th")].map(h => h.innerText.trim());
  const row = [...table.querySelectorAll("tbody tr")]
    .find(r => (r.querySelector("th")?.innerText || "").includes(name));
  const cell = row && headers.includes(column)
    ? row.querySelectorAll("th, td")[headers.indexOf(column)] : null;
  return cell ? cell.innerText.trim() : null;
}"""


def _group_of(page: Any, name: str) -> str | None:
    """The group the result step's table gives for ``name`` (None: not in the table)."""
    found = page.evaluate(_GROUP_OF, [name, text("app.table.category", "nl")])
    return None if found is None else str(found)


def _wait_for_group(page: Any, name: str, group: str) -> None:
    """Wait until the table gives ``group`` for ``name``: after a move the map shows it first
    and the table follows later in the same run."""
    try:
        page.wait_for_function(
            f"([name, column, group]) => ({_GROUP_OF})([name, column]) === group",
            arg=[name, text("app.table.category", "nl"), group],
            timeout=20_000,
        )
    except Exception:  # Playwright's TimeoutError: say what the table does give
        assert _group_of(page, name) == group
        raise


def _screen_point(page: Any, x: float, y: float) -> tuple[float, float]:
    """Where the map point (x, y) (units) is on the screen (CSS px), after scrolling the map into
    view."""
    page.locator("[data-testid='stBidiComponentIsolated']").first.scroll_into_view_if_needed()
    view = map_view(page)
    dom = page.evaluate(
        f"([x, y]) => {{ const v = {view}; const p = v.network.canvasToDOM({{x, y}});"
        " const b = v.canvasHost.getBoundingClientRect(); return [b.x + p.x, b.y + p.y]; }",
        [x, y],
    )
    return float(dom[0]), float(dom[1])


def _oma_into_everyday(page: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """Once the table has Oma Ans in "Eigen kring": where she is on the screen, and a spot in
    "Vaste plekken" (formal, close), beside the family on the right, to drag her to."""
    _wait_for_group(page, "Oma Ans", label(Category.INFORMAL_CLOSE, "nl", "short"))
    data = map_facts(page)["data"]
    oma = next(p for p in data["people"] if p["id"] == "p1")
    everyday = next(r for r in data["regions"] if r["category"] == "formal_everyday")
    target = ((everyday["inner"][0] + everyday["outer"][0]) / 2, 0.0)
    return _screen_point(page, oma["x"], oma["y"]), _screen_point(page, *target)


# --------------------------------------------------------------------------- the component


def test_the_map_comes_from_the_app_and_stays_one_network_across_changes(
    streamlit_server: Any, new_page: Any
) -> None:
    page, watch, _ = _open(streamlit_server, new_page, network(10), FIRST_QUESTION)
    view = map_view(page)
    page.evaluate(f"() => {{ {view}.network.__marker = 'first'; }}")
    box = page.get_by_label(text("app.add.label", "nl"), exact=True)
    for name in ("Buurvrouw Nel", "Opa Kees"):
        box.fill(name)
        box.press("Enter")
        page.wait_for_function(
            f"n => {view}.drawn.people.some(p => p.lines.join(' ') === n)", arg=name
        )
        wait_for_app(page)
    assert page.evaluate(f"() => {view}.network.__marker") == "first", "the same vis-network"
    assert page.evaluate("() => globalThis.ecomapMaps.size") == 1
    assets = [u for u in watch.requests if "/_stcore/bidi-components/ecomap.map/" in u]
    for name in ("index.js", "map.js", "vis-network.min.js", "fonts/EcomapSans-Regular.ttf"):
        hits = [u for u in assets if u.endswith("/" + name)]
        assert len(hits) == 1, (name, hits)  # loaded once, from the app's own origin
    assert watch.foreign == []
    assert not [e for e in watch.console_errors if "ecomap" in e.lower()]


def test_a_typed_name_draws_the_map_once(streamlit_server: Any, new_page: Any) -> None:
    """Each drawing is the whole canvas (on a phone or an old tablet that is what a change
    costs): a new name changes the boxes, the frame's height and the view, and each of those
    drew the map by itself, four drawings in all (``ecomap/web/map.js``, ``update``)."""
    page, _, _ = _open(streamlit_server, new_page, network(20), FIRST_QUESTION)
    view = map_view(page)
    box = page.get_by_label(text("app.add.label", "nl"), exact=True)
    for name in ("Buurvrouw Nel", "Opa Kees", "Juf Petra"):
        box.fill(name)
        wait_for_app(page)
        page.wait_for_timeout(300)  # nothing left to draw from before
        before = page.evaluate(f"() => {view}.draws")
        box.press("Enter")
        page.wait_for_function(
            f"n => {view}.drawn.people.some(p => p.lines.join(' ') === n)", arg=name
        )
        wait_for_app(page)
        page.wait_for_timeout(300)  # a drawing on a later frame would have come by now
        assert page.evaluate(f"() => {view}.draws") - before == 1, name


def test_a_typed_name_is_sent_to_the_map_before_the_rest_of_the_page(
    streamlit_server: Any, new_page: Any
) -> None:
    """The browser renders elements in the order they arrive and shows the map only when it
    gets to it: after Enter the map's data comes before the questions, the table and the page's
    top are sent again (``ui.steps.page``)."""
    import base64

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    page, _, _ = _open(streamlit_server, new_page, network(10), FIRST_QUESTION)
    frames: list[str] = []
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: (
            frames.append(e["response"]["payloadData"]) if e["response"]["opcode"] == 2 else None
        ),
    )
    view = map_view(page)
    box = page.get_by_label(text("app.add.label", "nl"), exact=True)
    box.fill("Opa Kees")
    wait_for_app(page)
    frames.clear()
    box.press("Enter")
    page.wait_for_function(
        f"n => {view}.drawn.people.some(p => p.lines.join(' ') === n)", arg="Opa Kees"
    )
    wait_for_app(page)
    sent = []
    for frame in frames:
        msg = ForwardMsg()
        msg.ParseFromString(base64.b64decode(frame))
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            sent.append(msg.delta.new_element.WhichOneof("type"))
    assert "bidi_component" in sent, sent
    first_map = sent.index("bidi_component")
    for later in ("text_input", "table", "button_group", "progress", "heading", "html"):
        assert later in sent[first_map:], (later, sent)
        assert later not in sent[:first_map], (later, sent)


def test_the_page_stays_as_it_is_while_a_change_is_drawn(
    streamlit_server: Any, new_page: Any
) -> None:
    """While a run draws a change, Streamlit marks what it has not sent again yet as stale and
    starts a fade on each of those elements; on the question steps that is some twenty of them,
    and starting those fades cost the browser a frame of 10-25 ms right when the map's new data
    came in (``bench/NOTES.md``, 2026-12-03, evening). The app keeps them as they are."""
    page, _, _ = _open(streamlit_server, new_page, network(10), FIRST_QUESTION)
    box = page.get_by_label(text("app.add.label", "nl"), exact=True)
    box.fill("Opa Kees")
    wait_for_app(page)
    box.press("Enter")
    styles = page.wait_for_function(
        """() => {
          const stale = [...document.querySelectorAll("[data-stale='true']")];
          return stale.length > 5 && stale.map(e => {
            const c = getComputedStyle(e);
            return [c.opacity, c.transitionDuration];
          });
        }""",
        polling="raf",
    ).json_value()
    wait_for_app(page)
    assert styles, "no element was stale during the run"
    assert {tuple(s) for s in styles} == {("1", "0s")}, styles


def test_the_map_works_under_a_base_path(streamlit_server: Any, new_page: Any) -> None:
    """Behind a proxy the app may live under a path (``server.baseUrlPath``): the map's entry
    (``ecomap/web/loader.js``, run by Streamlit from memory) still loads the map from the app's
    own address there, and a typed name reaches it."""
    server = streamlit_server(base_path="/gezin/kaart")
    token = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(network(5)).token
    page, watch = new_page()
    page.goto(f"{server.url}/?d={token}&step={FIRST_QUESTION}")
    wait_for_app(page)
    view = map_view(page)
    box = page.get_by_label(text("app.add.label", "nl"), exact=True)
    box.fill("Opa Kees")
    box.press("Enter")
    page.wait_for_function(
        f"n => {view}.drawn.people.some(p => p.lines.join(' ') === n)", arg="Opa Kees"
    )
    assets = [u for u in watch.requests if "/bidi-components/ecomap.map/" in u]
    assert any(
        u.endswith("/gezin/kaart/_stcore/bidi-components/ecomap.map/index.js") for u in assets
    )
    assert all("/gezin/kaart/_stcore/" in u for u in assets), assets
    assert watch.foreign == []


def test_boxes_are_drawn_as_planned_in_the_app(streamlit_server: Any, new_page: Any) -> None:
    from ecomap.drawing.placement import plan

    m = network(15)
    page, _, _ = _open(streamlit_server, new_page, m, FIRST_QUESTION)
    g = plan(m)
    facts = map_facts(page)
    for node, (x, y) in g.positions.items():
        f = facts["nodes"][node]
        assert (f["x"], f["y"]) == pytest.approx((x, y), abs=0.01), node
        assert (f["w"], f["h"]) == pytest.approx(g.sizes[node], abs=1.0), node


@pytest.mark.parametrize("people", [15, 30])
@pytest.mark.parametrize("size", [(1280, 900), (375, 812)])
def test_names_are_at_least_13_px_by_default(
    streamlit_server: Any, new_page: Any, output_dir: Path, people: int, size: tuple[int, int]
) -> None:
    """In the side column of a laptop and at full width on a phone, the default view draws
    names and region names at 13 CSS px or more, the whole part of the grid with people in it."""
    width, height = size
    page, _, _ = _open(
        streamlit_server, new_page, network(people), FIRST_QUESTION, width=width, height=height
    )
    facts = map_facts(page)
    scale = facts["scale"]
    print(f"{people} people at {width}px: names {FONT_PX * scale:.1f} CSS px")
    assert FONT_PX * scale >= 13
    assert REGION_FONT_PX * scale >= 13
    x0, y0, x1, y1 = facts["data"]["view"]
    frame_w, frame_h = facts["frame"][2], facts["frame"][3]
    assert (x1 - x0) * scale <= frame_w + 1 and (y1 - y0) * scale <= frame_h + 1, "all in view"
    assert set(map_labels(page)) == {p.name for p in network(people).people}
    page.locator("[data-testid='stBidiComponentIsolated']").first.screenshot(
        path=str(output_dir / f"app-map-{people}-{width}.png")
    )


# --------------------------------------------------------------------------- touch


def test_dragging_a_person_into_another_group_changes_the_table_and_undo_brings_them_back(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    page, _, _ = _open(streamlit_server, new_page, _family(), RESULT)
    start, end = _oma_into_everyday(page)
    page.mouse.move(*start)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(
            start[0] + (end[0] - start[0]) * i / 10, start[1] + (end[1] - start[1]) * i / 10
        )
        page.wait_for_timeout(20)
    page.screenshot(path=str(output_dir / "app-drag-during.png"))
    page.mouse.up()
    everyday_name = label(Category.FORMAL_EVERYDAY, "nl", "short")
    _wait_for_group(page, "Oma Ans", everyday_name)
    wait_for_app(page)
    moved = next(p for p in map_facts(page)["data"]["people"] if p["id"] == "p1")
    assert moved["x"] > 0, "drawn on the formal side now"
    page.get_by_text(
        text("app.touch.now", "nl", name="Oma Ans", group=everyday_name, closeness="")[:20]
    ).first.wait_for()
    page.screenshot(path=str(output_dir / "app-drag-after.png"))
    page.get_by_role("button", name=text("app.touch.undo", "nl"), exact=True).click()
    wait_for_app(page)
    page.wait_for_function(
        f"() => {map_view(page)}.drawn.people.find(p => p.id === 'p1').x < 0", timeout=20_000
    )
    _wait_for_group(page, "Oma Ans", label(Category.INFORMAL_CLOSE, "nl", "short"))


def test_the_same_move_by_keyboard(streamlit_server: Any, new_page: Any) -> None:
    """WCAG 2.2, 2.5.7: everything dragging does can be done without dragging. Only the
    keyboard: choose the person in the list under the map, then another group."""
    page, _, _ = _open(streamlit_server, new_page, _family(), RESULT)
    picker = page.get_by_label(text("app.touch.pick", "nl"))
    picker.focus()
    page.keyboard.type("Oma")
    page.keyboard.press("Enter")
    wait_for_app(page)
    closer = page.get_by_role("button", name=text("app.touch.closer", "nl"), exact=True)
    closer.wait_for()
    # Tab from the person's list into the group choice (one stop, as a radio group is), then the
    # arrow keys to "Vaste plekken" and Enter.
    everyday = label(Category.FORMAL_EVERYDAY, "nl", "short")
    group = page.get_by_role("radio", name=everyday, exact=True).first
    in_group = "el => el.closest('[role=radiogroup]')?.contains(document.activeElement)"
    for _ in range(12):
        page.keyboard.press("Tab")
        if group.evaluate(in_group):
            break
    assert group.evaluate(in_group), "reachable by Tab"
    for _ in range(len(Category)):
        if group.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowRight")
    assert group.evaluate("el => el === document.activeElement"), "reachable by the arrow keys"
    page.keyboard.press("Enter")
    wait_for_app(page)
    _wait_for_group(page, "Oma Ans", everyday)
    # "Verder weg" twice by keyboard: from the close ring's edge into the distant ring.
    further = page.get_by_role("button", name=text("app.touch.further", "nl"), exact=True)
    said = "() => [...document.querySelectorAll('[data-testid=stAlert]')].map(a => a.innerText)"
    for _ in range(3):
        before = page.evaluate(said)
        further.focus()
        page.keyboard.press("Enter")
        # Each move says where she is now: wait for that, so no press lands in a running rerun
        # (a busy machine may start the rerun after wait_for_app has already looked).
        page.wait_for_function(f"b => JSON.stringify(({said})()) !== b", arg=json.dumps(before))
        wait_for_app(page)
    _wait_for_group(page, "Oma Ans", label(Category.FORMAL_YOUTHCARE, "nl", "short"))


def test_tapping_a_person_opens_their_editor(streamlit_server: Any, new_page: Any) -> None:
    page, _, _ = _open(streamlit_server, new_page, _family(), FIRST_QUESTION)
    before = table_names(page)
    data = map_facts(page)["data"]
    juf = next(p for p in data["people"] if p["id"] == "p3")
    page.mouse.click(*_screen_point(page, juf["x"], juf["y"]))
    wait_for_app(page)
    # The editor opens beside the question's own (empty) name field, holding her name.
    names = page.get_by_label(text("app.people.name", "nl"), exact=True)
    names.nth(1).wait_for()
    assert [names.nth(i).input_value() for i in range(names.count())] == ["", "Juf Petra"]
    name_box = names.nth(1)
    name_box.fill("Juf Petra de Vries")
    name_box.press("Enter")
    wait_for_app(page)
    page.wait_for_function(
        f"() => {map_view(page)}.drawn.people.some(p => p.lines.join(' ') === 'Juf Petra de Vries')"
    )
    renamed = ["Juf Petra de Vries" if n == "Juf Petra" else n for n in before]
    assert renamed != before
    wait_for_table_names(page, renamed)


def test_the_large_view_shows_the_map_alone_with_the_legend_beside_it(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    """On a shared screen (1920 x 1080) the large view shows the whole map in the window, names
    as large as beside the questions give or take a tenth, the legend beside it: nothing to
    scroll while you talk about it. (Beside the questions the tall map runs below the window.)"""
    page, _, _ = _open(
        streamlit_server, new_page, network(15), FIRST_QUESTION, width=1920, height=1080
    )
    beside = map_facts(page)
    assert beside["frame"][1] + beside["frame"][3] > 1080, "beside the questions: scroll to see all"
    small = beside["scale"]
    page.get_by_role("button", name=text("app.map.large", "nl")).click()
    wait_for_app(page)
    page.get_by_role("button", name=text("app.map.back", "nl"), exact=True).wait_for()
    page.wait_for_function(f"() => {map_view(page)}.root.classList.contains('large')")
    page.wait_for_timeout(300)
    facts = map_facts(page)
    assert facts["scale"] >= 0.9 * small, "about as large as beside the questions"
    assert facts["scale"] * FONT_PX >= 13
    legend = page.locator(".legend").bounding_box()
    canvas = facts["frame"]
    assert legend["x"] >= canvas[0] + canvas[2] - 1, "the legend beside the map"
    assert canvas[1] + canvas[3] <= 1080, "the whole map in the window"
    assert page.get_by_role("heading", name=text("app.q.emotional.nurse", "nl")).count() == 0
    page.screenshot(path=str(output_dir / "app-large-view.png"))
    page.get_by_role("button", name=text("app.map.back", "nl"), exact=True).click()
    wait_for_app(page)
    page.get_by_role("heading", name=text("app.q.emotional.nurse", "nl")).wait_for()


def test_on_a_phone_the_large_view_puts_the_legend_under_the_map(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    """At 375 px a legend beside the map (300 px) left the map 35 px wide, and the page stayed
    scrolled to where the questions were, showing the legend: the large view on a phone is the
    map across the screen, in view, names readable, the legend below it."""
    page, _, _ = _open(streamlit_server, new_page, network(15), FIRST_QUESTION, **PHONE)
    page.get_by_role("button", name=text("app.map.large", "nl")).click()
    wait_for_app(page)
    page.wait_for_function(f"() => {map_view(page)}.root.classList.contains('large')")
    page.wait_for_timeout(300)
    facts = map_facts(page)
    canvas = facts["frame"]
    assert canvas[2] >= 300, canvas
    assert canvas[1] >= 0 and canvas[1] + canvas[3] <= PHONE["height"] + 1, "in the window"
    assert page.get_by_role("button", name=text("app.map.back", "nl"), exact=True).is_visible()
    assert facts["scale"] * FONT_PX >= 13
    legend = page.locator(".legend").bounding_box()
    assert legend["y"] >= canvas[1] + canvas[3] - 1, "the legend under the map"
    page.screenshot(path=str(output_dir / "app-large-view-phone.png"))


def test_after_continuing_an_earlier_map_the_new_person_is_marked_new(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    """As on the PDF: the map compared with the earlier one marks who is new."""
    server = streamlit_server()
    page, _ = new_page()
    page.goto(server.url)
    wait_for_app(page)
    earlier = _family().model_copy(update={"date": _family().date.replace(year=2025)})
    page.locator("input[type='file']").set_input_files(
        files=[
            {
                "name": "kaart.json",
                "mimeType": "application/json",
                "buffer": earlier.to_json().encode(),
            }
        ]
    )
    page.get_by_role("button", name=text("dossier.app.continue", "nl")).click()
    wait_for_app(page)
    page.get_by_role("button", name=text("app.nav.start", "nl"), exact=True).click()
    box = page.get_by_label(text("app.people.name", "nl"), exact=True)
    box.fill("Tante Mia")
    box.press("Enter")
    wait_for_app(page)
    page.wait_for_function(
        f"() => {map_view(page)}.drawn.people.some(p => p.lines.join(' ') === 'Tante Mia')"
    )
    people = map_facts(page)["data"]["people"]
    marks = {" ".join(p["lines"]): p.get("mark") for p in people}
    assert marks["Tante Mia"] == "new"
    assert marks["Oma Ans"] is None, "unchanged since the earlier map"
    page.screenshot(path=str(output_dir / "app-map-marked-new.png"))


def _finger_drag(page: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    """One finger down on ``start``, moved to ``end`` in steps, lifted (as on a phone)."""
    cdp = page.context.new_cdp_session(page)
    steps = [
        (start[0] + (end[0] - start[0]) * i / 12, start[1] + (end[1] - start[1]) * i / 12)
        for i in range(13)
    ]
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]},
    )
    for x, y in steps[1:]:
        page.wait_for_timeout(20)
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


PHONE = {"width": 375, "height": 800, "has_touch": True, "is_mobile": True}
"""A phone's screen and finger (Playwright's touch emulation in Chromium)."""


def test_on_a_phone_a_finger_tap_opens_the_editor(streamlit_server: Any, new_page: Any) -> None:
    page, _, _ = _open(streamlit_server, new_page, _family(), FIRST_QUESTION, **PHONE)
    juf = next(p for p in map_facts(page)["data"]["people"] if p["id"] == "p3")
    page.touchscreen.tap(*_screen_point(page, juf["x"], juf["y"]))
    wait_for_app(page)
    names = page.get_by_label(text("app.people.name", "nl"), exact=True)
    names.nth(1).wait_for()
    assert names.nth(1).input_value() == "Juf Petra"


def test_on_a_phone_a_finger_drag_moves_a_person(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    page, _, _ = _open(streamlit_server, new_page, _family(), RESULT, **PHONE)
    start, end = _oma_into_everyday(page)
    scrolled = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    _finger_drag(page, start, end)
    page.screenshot(path=str(output_dir / "app-finger-drag.png"))
    _wait_for_group(page, "Oma Ans", label(Category.FORMAL_EVERYDAY, "nl", "short"))
    after = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")
    assert after == scrolled, "the finger moved the person, not the page"
