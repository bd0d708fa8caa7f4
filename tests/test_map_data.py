"""The data contract between Python and the browser's map (ecomap/drawing/map_data.py <->
web/map.js): what the map is told to draw, and how small it stays."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_html_map import example_map, payload_map

from ecomap.drawing.fonts import text_width
from ecomap.drawing.map_data import CONTRACT, map_data, region_lines
from ecomap.drawing.placement import FAMILY_ID, REGION_FONT_PX, REGION_LABEL_WIDTH, plan
from ecomap.model import LANGUAGES, Category, EcoMap, Quality, SupportForm
from ecomap.texts.catalog import text
from ecomap.texts.labels import label

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from maps import network


def test_every_person_is_drawn_where_and_as_big_as_planned() -> None:
    m = example_map()
    g = plan(m)
    data = map_data(m, "nl")
    assert data["v"] == CONTRACT
    assert [p["id"] for p in data["people"]] == [p.id for p in m.people]
    for shown in data["people"]:
        assert (shown["x"], shown["y"]) == pytest.approx(g.positions[shown["id"]], abs=0.06)
        assert (shown["w"], shown["h"]) == pytest.approx(g.sizes[shown["id"]], abs=0.06)
        assert shown["lines"] == g.labels[shown["id"]]
    assert (data["family"]["w"], data["family"]["h"]) == pytest.approx(g.sizes[FAMILY_ID], abs=0.06)
    assert data["view"] == pytest.approx(list(g.view), abs=0.06)


def test_every_tie_is_one_strand_with_its_planned_points_and_arrows() -> None:
    m = example_map()
    g = plan(m)
    data = map_data(m, "nl")
    strands = {
        (p["id"], form): (direction, points, arrows)
        for p in data["people"]
        for form, direction, points, arrows in p.get("ties", [])
    }
    assert len(strands) == len(m.ties)
    for line in g.lines:
        _direction, points, arrows = strands[(line.person_id, line.form.value)]
        assert points == [int(c) for pt in line.points for c in pt]
        assert len(arrows) == 4 * len(line.arrows)
    for tie in m.ties:
        assert strands[(tie.person_id, tie.form.value)][0] == tie.direction.value


def test_quality_and_marks_are_said_only_when_they_are_there() -> None:
    m = example_map()
    data = map_data(m, "nl", marks={"p1": "new"})
    by_id = {p["id"]: p for p in data["people"]}
    for person in m.people:
        shown = by_id[person.id]
        if person.quality is Quality.SUPPORTIVE:
            assert "quality" not in shown
        else:
            assert shown["quality"] == person.quality.value
    assert by_id["p1"]["mark"] == "new"
    assert "mark" not in by_id["p0"]


def test_user_text_reaches_the_map_only_as_label_lines() -> None:
    """Names go into ``lines`` (drawn on a canvas); ids are generated; no other value holds
    them."""
    m = payload_map()
    data = map_data(m, "nl")

    def values(item: object) -> list[str]:
        if isinstance(item, dict):
            return [v for k, x in item.items() if k != "lines" for v in values(x)]
        if isinstance(item, list):
            return [v for x in item for v in values(x)]
        return [item] if isinstance(item, str) else []

    shown = set(values({k: data[k] for k in ("people", "family", "regions")}))
    for person in m.people:
        assert person.name not in shown
        assert person.id.isalnum()


def test_the_words_follow_the_language_and_the_voice() -> None:
    for lang in LANGUAGES:
        nurse = map_data(EcoMap(), lang, "nurse")["text"]
        parent = map_data(EcoMap(), lang, "parent")["text"]
        assert nurse["legend"] == text("map.legend.title.nurse", lang)
        assert parent["legend"] == text("map.legend.title.parent", lang)
        assert nurse["forms"] == {f.value: label(f, lang) for f in SupportForm}
    assert "je" in map_data(EcoMap(), "nl", "parent")["text"]["legend"].split()
    assert "u" in map_data(EcoMap(), "nl", "nurse")["text"]["legend"].split()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_region_names_fit_their_place_on_the_map_in_every_language(lang: str) -> None:
    for category in Category:
        lines = region_lines(category, lang)  # type: ignore[arg-type]
        assert 1 <= len(lines) <= 2
        assert not lines[-1].endswith("…"), (category, lines)
        for line in lines:
            assert text_width(line, REGION_FONT_PX, bold=True) <= REGION_LABEL_WIDTH


def test_a_change_at_30_people_sends_at_most_10_kb() -> None:
    """What the app sends again after every change: the data as the app hands it to Streamlit
    (``ui.map_view.payload``), and the component's small entry code (Streamlit sends it with
    the data)."""
    from ui.map_view import entry_code, payload

    data = map_data(network(30), "nl", touch=True)
    size = len(payload(data))
    entry = len(entry_code().encode())
    print(f"map data for 30 people: {size} bytes, entry code {entry} bytes")
    assert entry < 512
    assert size + entry <= 10 * 1024


def test_the_map_knows_when_it_may_be_touched() -> None:
    assert map_data(example_map(), "nl", touch=True, selected="p1")["touch"] is True
    assert map_data(example_map(), "nl")["selected"] is None
