"""The first screen: who fills this in (with the nurse, or alone at home), and what to expect."""

from __future__ import annotations

import streamlit as st

from ecomap.catalog import language_name
from ecomap.model import LANGUAGES
from ui.child import child_age_choice
from ui.dossier import open_earlier
from ui.drafts import privacy_panel
from ui.state import set_lang, set_mode
from ui.texts import MODES, lang, mode, shown_as, t


def _mode_chosen() -> None:
    set_mode(st.session_state["mode-choice"])


def start_step() -> None:
    st.session_state["mode-choice"] = mode()
    st.radio(
        t("app.mode.label"),
        MODES,
        format_func=shown_as({m: t(f"app.mode.{m}") for m in MODES}),
        key="mode-choice",
        on_change=_mode_chosen,
    )
    child_age_choice()
    st.markdown(t(f"app.start.intro.{mode()}"))
    open_earlier("start")


def start_after() -> None:
    """Below the "Begin" button: what is kept, and the buttons to keep or delete nothing."""
    privacy_panel()


def _lang_chosen() -> None:
    chosen = st.session_state["lang-choice"]
    if chosen:
        set_lang(chosen)


def language_switch() -> None:
    """Always on screen: switching keeps every answer, only the words change."""
    st.session_state["lang-choice"] = lang()
    st.segmented_control(
        t("app.language.label"),
        LANGUAGES,
        format_func=shown_as({code: language_name(code) for code in LANGUAGES}),
        key="lang-choice",
        required=True,
        on_change=_lang_chosen,
    )
