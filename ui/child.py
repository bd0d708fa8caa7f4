"""On the start screen, optional: how old is the youngest child?

The answer shapes the questions ("Wie past weleens op of haalt de kinderen?" does not fit a baby
of four months) and the reflection's next steps (no peuterspeelzaal for a parent of teenagers).
It is stored in the map (``EcoMap.child_age``), so it comes back with the draft and the PDF.
"""

from __future__ import annotations

import streamlit as st

from ecomap.model import ChildAge, EcoMap
from ecomap.texts.catalog import text
from ui.state import commit, current
from ui.texts import lang, mode, shown_as, t

_KEY = "child-age"


def _chosen() -> None:
    m = current()
    commit(EcoMap.model_validate(m.model_dump() | {"child_age": st.session_state[_KEY]}))


def child_age_choice() -> None:
    """Four choices, none required; tapping the chosen one again leaves it open."""
    st.session_state[_KEY] = current().child_age
    words = {a: text(f"labels.age.{a.value}.name", lang()) for a in ChildAge}
    st.pills(
        t(f"age.question.{mode()}"),
        list(ChildAge),
        format_func=shown_as(words),
        key=_KEY,
        on_change=_chosen,
        help=t("age.question.help" if mode() == "nurse" else "age.question.help_parent"),
    )
