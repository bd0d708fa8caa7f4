"""Helpers shared by the AppTest suites: open the real app, run it, read its map."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from ecomap.model import EcoMap

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(at: AppTest) -> AppTest:
    """Run (or rerun) the script; a run that raised is a failed test."""
    at.run()
    assert not at.exception, at.exception
    return at


def the_map(at: AppTest) -> EcoMap:
    """The map the session holds now."""
    m = at.session_state["map"]
    assert isinstance(m, EcoMap)
    return m
