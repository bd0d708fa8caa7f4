"""ecomap's questionnaire: a parent names who helps them raise their child, and how.

Run with ``./scripts/run.sh`` (``streamlit run app.py``). The page is described in ``ui/``; this
file sets up the session and draws the current step.
"""

from __future__ import annotations

import logging

import streamlit as st

from ecomap.texts.catalog import text
from ui import address, drafts, heap, map_view
from ui.state import go, session_defaults, step
from ui.steps import page, steps
from ui.texts import mode, t

log = logging.getLogger("ecomap.app")

for key, value in session_defaults().items():
    st.session_state.setdefault(key, value)
address.restore(len(steps()))  # a reload comes back at the same step, mode and language

title = text("app.title", st.session_state["lang"])
if st.session_state.get("page-title") != title:  # the browser keeps it: sent once, not per run
    st.set_page_config(page_title=title, layout="wide")
    st.session_state["page-title"] = title
drafts.start()  # brings back the draft named in the URL
try:
    page()
except Exception as exc:
    # A bug, not the family's doing. The log gets the error's type only: its message and
    # traceback can hold names (pydantic repeats the input). The screen gets a calm sentence and
    # a way back (no English traceback box); the draft is saved below.
    log.error("drawing the page failed: %s", type(exc).__name__)
    st.error(t(f"app.error.{mode()}"))
    st.button(t("app.nav.back"), key="error-back", on_click=go, args=(max(step() - 1, 0),))
finally:
    drafts.finish()  # after drawing: takes in other windows' changes, saves, watches for them
    address.keep()
    map_view.lay_out_ahead()  # for the next name typed, while nobody waits
    heap.settle()  # once per process, when the app is warm
