"""Right where a name was typed: in which group does this person belong?

A name without a role word ("Jeroen", "Ellen") gets the own circle as a first guess
(``ecomap.edit.DEFAULT_CATEGORY``). A wijkteam worker named by first name would then be drawn in
the own circle until the "About everyone" step. So after such a name the question step asks at
once, in one tap, which group fits; the guess stays when nobody taps.
"""

from __future__ import annotations

import streamlit as st

from ecomap.edit import update_person
from ecomap.model import Category
from ui.state import apply, current
from ui.texts import name_of, plain, shown_as, t

_ASK = "ask-group"
"""Session key: (question step, person id) of the last name typed without a role word."""


def remember(step: str, person_id: str, *, has_role: bool) -> None:
    """After a new name was added on ``step``: ask for its group when the name holds no role
    word (``has_role``: ``ecomap.texts.roles.suggest_category`` found one)."""
    if not has_role:
        st.session_state[_ASK] = (step, person_id)
    else:
        st.session_state.pop(_ASK, None)


def _chosen(person_id: str, key: str) -> None:
    category = st.session_state[key]
    if category is not None:
        apply(lambda m: update_person(m, person_id, category=category))


def group_prompt(step: str) -> None:
    """The one-tap group choice for the last name typed on this step, if it needs one."""
    asked = st.session_state.get(_ASK)
    if not (isinstance(asked, tuple) and asked[0] == step):
        return
    person_id = asked[1]
    m = current()
    if person_id not in {p.id for p in m.people}:
        return
    person = m.person(person_id)
    key = f"group-{step}-{person_id}"
    st.session_state[key] = person.category
    st.pills(
        t("app.group_prompt", name=plain(person.name)),
        list(Category),
        format_func=shown_as({c: name_of(c, "short") for c in Category}),
        key=key,
        on_change=_chosen,
        args=(person_id, key),
        wrap=True,
    )
