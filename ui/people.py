"""About each person: role, group, how close, how it feels, and which support flows which way.

Also the repairs a real conversation needs: rename, merge two entries that turn out to be the
same person, and delete with undo. Every widget is set from the map on each run, so nothing typed
elsewhere is lost and undo shows at once.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ecomap.edit import delete_person, direction_of, merge, rename, set_tie, update_person
from ecomap.model import MAX_NAME, MAX_ROLE, Category, Direction, Person, Quality, SupportForm
from ecomap.texts.labels import closeness_label
from ecomap.texts.roles import suggest_category
from ui.state import apply, can_undo, current, say, undo
from ui.texts import at_bound, lang, mode, name_of, plain, shown_as, t


def _set(key: str, value: Any) -> None:
    st.session_state[key] = value


def _renamed(person_id: str, key: str) -> None:
    apply(lambda m: rename(m, person_id, st.session_state[key]))


def _changed(person_id: str, field: str, key: str) -> None:
    value = st.session_state[key]
    if value is not None:
        apply(lambda m: update_person(m, person_id, **{field: value}))


def _direction(person_id: str, form: SupportForm, key: str) -> None:
    apply(lambda m: set_tie(m, person_id, form, st.session_state[key]))


def _merge(keep_id: str, key: str) -> None:
    drop_id = st.session_state[key]
    if not drop_id:
        return
    m = current()
    keep, drop = m.person(keep_id).name, m.person(drop_id).name
    if apply(lambda m: merge(m, keep_id, drop_id)):
        say("success", t("app.people.merged", keep=plain(keep), drop=plain(drop)))
        st.session_state["offer_undo"] = True


def _delete(person_id: str) -> None:
    name = current().person(person_id).name
    if apply(lambda m: delete_person(m, person_id)):
        say("success", t("app.people.deleted", name=plain(name)))
        st.session_state["offer_undo"] = True


def _undo() -> None:
    undo()
    st.session_state["offer_undo"] = False
    say("info", t("app.people.undone"))


def _suggestion(p: Person, scope: str) -> None:
    """The group the role suggests, changeable in one click (only shown when it differs)."""
    suggested = suggest_category(p.role, lang()) if p.role else None
    if suggested is None or suggested == p.category:
        return
    st.caption(t("app.people.suggestion", category=name_of(suggested, "short")))
    st.button(
        t("app.people.use_suggestion", category=name_of(suggested, "short")),
        key=f"{scope}use-{p.id}",
        on_click=lambda: apply(lambda m: update_person(m, p.id, category=suggested)),
    )


def editor(p: Person, scope: str = "") -> None:
    """Everything about one person, each widget changing the map at once. ``scope`` prefixes the
    widget keys, so the same editor can also open beside the map (on a tap there)."""
    m = current()
    left, right = st.columns(2)
    with left:
        key = f"{scope}name-{p.id}"
        _set(key, p.name)
        st.text_input(
            t("app.people.name"),
            key=key,
            max_chars=MAX_NAME,
            on_change=_renamed,
            args=(p.id, key),
        )
        at_bound(p.name, MAX_NAME)
        key = f"{scope}role-{p.id}"
        _set(key, p.role)
        st.text_input(
            t("app.people.role"),
            key=key,
            placeholder=t("app.people.role_help"),
            max_chars=MAX_ROLE,
            on_change=_changed,
            args=(p.id, "role", key),
        )
        at_bound(p.role, MAX_ROLE)
        _suggestion(p, scope)
        key = f"{scope}category-{p.id}"
        _set(key, p.category)
        st.radio(  # the map's words for the groups, each with who belongs there
            t("app.people.category"),
            list(Category),
            format_func=shown_as({c: name_of(c, "short") for c in Category}),
            captions=[name_of(c, "explain") for c in Category],
            key=key,
            on_change=_changed,
            args=(p.id, "category", key),
        )
        key = f"{scope}closeness-{p.id}"
        _set(key, p.effective_closeness)
        st.select_slider(
            t("app.people.closeness"),
            [1, 2, 3, 4, 5],
            format_func=shown_as({n: closeness_label(n, lang()) for n in range(1, 6)}),
            key=key,
            on_change=_changed,
            args=(p.id, "closeness", key),
        )
        key = f"{scope}quality-{p.id}"
        _set(key, p.quality)
        st.segmented_control(
            t("app.people.quality"),
            list(Quality),
            format_func=shown_as({q: name_of(q) for q in Quality}),
            key=key,
            required=True,
            on_change=_changed,
            args=(p.id, "quality", key),
            wrap=True,
        )
    with right:
        st.markdown(f"**{t('app.people.forms')}**")
        for form in SupportForm:
            key = f"{scope}tie-{p.id}-{form.value}"
            _set(key, direction_of(m, p.id, form))
            st.selectbox(
                name_of(form),
                list(Direction),
                index=None,
                format_func=shown_as({d: name_of(d) for d in Direction}),
                placeholder=t("app.people.none"),
                key=key,
                on_change=_direction,
                args=(p.id, form, key),
            )
        others = {o.id: o.name for o in m.people if o.id != p.id}
        if others:
            key = f"{scope}merge-{p.id}"
            st.selectbox(
                t("app.people.merge"),
                list(others),
                index=None,
                format_func=shown_as(others),
                placeholder="—",
                key=key,
            )
            st.button(
                t("app.people.merge_button"),
                key=f"{scope}merge-go-{p.id}",
                on_click=_merge,
                args=(p.id, key),
            )
        st.button(
            t("app.people.delete"), key=f"{scope}delete-{p.id}", on_click=_delete, args=(p.id,)
        )


def people_step() -> None:
    st.header(t("app.step.people"), anchor=False)
    st.write(t(f"app.people.{mode()}"))
    if st.session_state.get("offer_undo") and can_undo():
        st.button(t("app.people.undo"), key="undo", on_click=_undo, type="primary")
    m = current()
    if not m.people:
        st.info(t("app.people.empty"))
    for p in m.people:
        summary = f"{plain(p.name)} · {name_of(p.category, 'short')}"
        with st.expander(summary, key=f"person-{p.id}"):
            editor(p)
