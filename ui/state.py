"""The session's state: the map, the step, language and mode, and a short undo history.

Every change to the map goes through ``apply`` (a pure edit from ``ecomap.edit``) and ``commit``:
one seam where history is kept. A change that does not validate never replaces the map; its
explanation is queued as a message instead. Changes made in another window on the same draft come
in through ``take_in`` (``ui.drafts``), which keeps the undo history and the widgets consistent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from ecomap.edit import set_language
from ecomap.model import EcoMap, Language
from ecomap.texts.errors import explain
from ui.texts import Mode, lang

HISTORY = 20
"""How many earlier maps undo can go back to: plenty for a consult, small in memory."""


def session_defaults() -> dict[str, Any]:
    """What a new session starts with (fresh objects each time: sessions never share them)."""
    return {
        "lang": "nl",
        "also_lang": None,  # the parent's own language beside the nurse's (ui/texts.also_lang)
        "mode": "nurse",
        "step": 0,
        "map": EcoMap(),
        "history": [],
        "messages": [],
        "offer_undo": False,
    }


def current() -> EcoMap:
    m = st.session_state["map"]
    assert isinstance(m, EcoMap)
    return m


def commit(new_map: EcoMap) -> None:
    """Make ``new_map`` the map, keeping the old one for undo (the one place maps are replaced)."""
    old = current()
    if new_map == old:
        return
    history: list[str] = st.session_state["history"]
    history.append(old.to_json())
    del history[:-HISTORY]
    st.session_state["map"] = new_map
    st.session_state["offer_undo"] = False


def apply(change: Callable[[EcoMap], EcoMap]) -> bool:
    """Run one edit on the current map; on bad input keep the map and say what was wrong."""
    try:
        new_map = change(current())
    except ValidationError as exc:
        for line in explain(exc, lang()):
            say("error", line)
        return False
    commit(new_map)
    return True


def take_in(new_map: EcoMap, rebase: Callable[[EcoMap], EcoMap], note_key: str) -> None:
    """Another window's changes, merged in: the map becomes ``new_map`` without an undo step of
    its own, and every earlier map in the undo history gets the same changes (``rebase``), so
    undo takes back this window's own steps and never the other window's.

    Widgets are set from the map on every run, and Streamlit drops the state of a widget that is
    not drawn or whose choices changed (a person who is gone); the one exception is the note box
    (``note_key``, filled from the map once), which is emptied here so that it is filled from the
    new map on its next run.
    """
    old = current()
    history: list[str] = st.session_state["history"]
    history[:] = [rebase(EcoMap.from_json(h)).to_json() for h in history]
    st.session_state["map"] = new_map
    if old.note != new_map.note:
        st.session_state.pop(note_key, None)


def can_undo() -> bool:
    return bool(st.session_state["history"])


def undo() -> None:
    history: list[str] = st.session_state["history"]
    if history:
        st.session_state["map"] = EcoMap.from_json(history.pop())


def say(kind: str, message: str) -> None:
    """Queue a message for the next screen (callbacks run before the page is drawn)."""
    st.session_state["messages"].append((kind, message))


SHOWN = "messages-shown"
"""Session key: the messages this run has shown, until the run ends (``keep_shown``)."""


def take_messages() -> list[tuple[str, str]]:
    messages: list[tuple[str, str]] = st.session_state["messages"]
    st.session_state["messages"] = []
    st.session_state[SHOWN] = messages
    return messages


def keep_shown(again: bool) -> None:
    """At the end of a run: forget what it has shown, or, when the page is about to run once more
    (``again``), queue it to be shown again, before anything said since."""
    shown: list[tuple[str, str]] = st.session_state.pop(SHOWN, [])
    if again:
        st.session_state["messages"][:0] = shown


def set_lang(new: Language) -> None:
    """Switch language; the answers stay, only the words change (and the map's language tag)."""
    st.session_state["lang"] = new
    st.session_state["map"] = set_language(current(), new)


def set_mode(new: Mode) -> None:
    st.session_state["mode"] = new


def step() -> int:
    return int(st.session_state["step"])


def go(index: int) -> None:
    st.session_state["step"] = index
