"""The page address remembers where this window was: the step, the mode and the language(s).

A reload (or a dropped connection) starts a new Streamlit session; the draft brings the answers
back (``ui.drafts``), and the address brings back the rest:
``?d=<token>&step=3&mode=parent&lang=en`` (and ``&also=ar``: the parent's own language beside
the nurse's, ``ui.both``).
These belong to the window, not to the family's answers, so two windows on one draft can be at
different steps. Only values the app knows are read back; anything else is ignored. A default
(the first step, nurse mode, Dutch) is left out of the address.
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from ecomap.model import LANGUAGES, Language
from ui.texts import MODES

STEP, MODE, LANG, ALSO = "step", "mode", "lang", "also"
_READ = "address-read"
_DRAFT = "d"
"""The draft token's parameter (``ui.drafts.QUERY_KEY``); it stays first in the address."""


def restore(steps: int) -> None:
    """On a session's first run: take the step, mode and language from the address."""
    ss = st.session_state
    if ss.get(_READ):
        return
    ss[_READ] = True
    params = st.query_params
    step = params.get(STEP, "")
    if step.isdigit() and 0 <= int(step) < steps:
        ss["step"] = int(step)
    if params.get(MODE) in MODES:
        ss["mode"] = params[MODE]
    if params.get(LANG) in LANGUAGES:
        ss["lang"] = params[LANG]
    if params.get(ALSO) in LANGUAGES:
        ss["also_lang"] = params[ALSO]


def chosen_language() -> Language | None:
    """The language the address asks for, if any (it wins over a restored draft's)."""
    value = st.query_params.get(LANG)
    return cast(Language, value) if value in LANGUAGES else None


def keep() -> None:
    """At the end of every run: write this window's step, mode and language into the address
    (only when they changed, the draft token first)."""
    ss = st.session_state
    wanted: dict[str, str] = {}
    if token := st.query_params.get(_DRAFT):
        wanted[_DRAFT] = token
    if int(ss.get("step", 0)):
        wanted[STEP] = str(ss["step"])
    if ss.get("mode", "nurse") != "nurse":
        wanted[MODE] = str(ss["mode"])
    if ss.get("lang", "nl") != "nl":
        wanted[LANG] = str(ss["lang"])
    if ss.get("also_lang"):
        wanted[ALSO] = str(ss["also_lang"])
    if list(st.query_params.to_dict().items()) != list(wanted.items()):  # the order counts too
        st.query_params.from_dict(wanted)
