"""Helpers shared by the AppTest suites: open the real app, run it, read its map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from ecomap.model import EcoMap

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(at: AppTest) -> AppTest:
    """Run (or rerun) the script; a run that raised is a failed test."""
    at.run()
    assert not at.exception, at.exception
    return at


def go(at: AppTest, step: int) -> AppTest:
    """Jump to step number ``step`` (0 is the start screen) and run."""
    at.session_state["step"] = step
    return run(at)


def add(at: AppTest, step: str, name: str) -> None:
    """Type a name and submit (Enter in the browser, where the box also empties)."""
    at.text_input(key=f"add-{step}").input(name)
    at.button(key=f"add-{step}-go").click()
    run(at)


def the_map(at: AppTest) -> EcoMap:
    """The map the session holds now."""
    m = at.session_state["map"]
    assert isinstance(m, EcoMap)
    return m


def map_shown(at: AppTest) -> dict[str, Any] | None:
    """The map component's data in this run (``ecomap.drawing.map_data``), or None without a map."""
    elements = at.get("bidi_component")
    if not elements:
        return None
    assert len(elements) == 1, "one map per page"
    proto = elements[0].proto
    assert proto.component_name == "ecomap.map"
    data: dict[str, Any] = json.loads(proto.bytes)  # as ``ui.map_view.payload`` sends it
    return data
