"""ecomap's questionnaire: a parent names who helps them raise their child, and how.

Run with ``./scripts/run.sh`` (``streamlit run app.py``). The page is described in ``ui/``; this
file sets up the session and draws the current step.
"""

from __future__ import annotations

import streamlit as st

from ecomap.catalog import text
from ecomap.model import EcoMap
from ui import drafts
from ui.steps import page

st.session_state.setdefault("lang", "nl")
st.session_state.setdefault("mode", "nurse")
st.session_state.setdefault("step", 0)
st.session_state.setdefault("map", EcoMap())
st.session_state.setdefault("history", [])
st.session_state.setdefault("messages", [])
st.session_state.setdefault("offer_undo", False)

st.set_page_config(page_title=text("app.title", st.session_state["lang"]), layout="wide")
drafts.start()  # brings back the draft named in the URL; saves changes made by callbacks
try:
    page()
finally:
    drafts.sync()  # saves changes made while drawing (also when the run stops or fails)
