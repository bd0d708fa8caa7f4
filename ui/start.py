"""The first screen: who fills this in (with the nurse, or alone at home), and what to expect."""

from __future__ import annotations

import streamlit as st

from ecomap.model import LANGUAGES, Language
from ecomap.texts.catalog import language_name
from ui.child import child_age_choice
from ui.dossier import open_earlier
from ui.drafts import privacy_panel
from ui.state import set_lang, set_mode
from ui.texts import MODES, also_lang, lang, mode, shown_as, t


def _mode_chosen() -> None:
    set_mode(st.session_state["mode-choice"])


def _also_chosen() -> None:
    st.session_state["also_lang"] = st.session_state["also-choice"]


def second_language_choice() -> None:
    """In a consult: the parent's own language beside the nurse's (``ui.both``)."""
    choices: list[Language | None] = [None, *(c for c in LANGUAGES if c != lang())]
    st.session_state["also-choice"] = also_lang()
    words = {code: language_name(code) for code in LANGUAGES}
    st.selectbox(
        t("app.language.also"),
        choices,
        format_func=shown_as({None: t("app.language.also_none"), **words}),
        key="also-choice",
        help=t("app.language.also_help"),
        on_change=_also_chosen,
    )


def start_step() -> None:
    st.session_state["mode-choice"] = mode()
    st.radio(
        t("app.mode.label"),
        MODES,
        format_func=shown_as({m: t(f"app.mode.{m}") for m in MODES}),
        key="mode-choice",
        on_change=_mode_chosen,
    )
    if mode() == "nurse":
        second_language_choice()
    child_age_choice()
    st.markdown(t(f"app.start.intro.{mode()}"))


def start_after() -> None:
    """Below the "Begin" button, so that a parent new to the app meets it before a file box:
    an earlier map to continue with, then what is kept and the buttons to keep or delete
    nothing."""
    open_earlier("start")
    privacy_panel()


def _lang_chosen() -> None:
    chosen = st.session_state["lang-choice"]
    if chosen:
        set_lang(chosen)


def language_switch() -> None:
    """Always on screen: switching keeps every answer, only the words change. A list, not a row
    of buttons: six languages do not fit beside the title, and each is named in its own words."""
    st.session_state["lang-choice"] = lang()
    st.selectbox(
        t("app.language.label"),
        LANGUAGES,
        format_func=shown_as({code: language_name(code) for code in LANGUAGES}),
        key="lang-choice",
        on_change=_lang_chosen,
    )
