"""The question steps: one per support form, one for whom the parent helps, and wishes.

Each question works the same way, so that a nurse and parent learn it once:
type a name and press Enter (the box empties and keeps focus), tick people already named, or tap
a typical co-educator. The map holds the truth; the widgets are set from it on every run, so undo
and edits elsewhere always show.
"""

from __future__ import annotations

import streamlit as st

from ecomap.drawing.pictograms import img
from ecomap.edit import (
    DEFAULT_CATEGORY,
    add_person,
    add_support,
    find_person,
    set_supporters,
    set_wishes,
)
from ecomap.model import LANGUAGES, MAX_PEOPLE, Category, Direction, EcoMap, SupportForm
from ecomap.texts.catalog import has, text, words
from ecomap.texts.roles import suggest_category
from ui.both import also_shown
from ui.name_group import group_prompt, remember
from ui.state import apply, current, say
from ui.texts import also_lang, lang, mode, name_of, pictured, plain, shown_as, t


def _add_and_tick(
    m: EcoMap, name: str, form: SupportForm, direction: Direction, category: Category
) -> EcoMap:
    m, person_id = add_person(m, name, category=category, lang=lang())
    return add_support(m, person_id, form, direction)


def _age_key(base: str, any_age: str, suffix: str = "") -> str:
    """``age.<base>.<age>`` when the youngest child's age is known and there is such a text
    (with ``suffix``, the mode, after it), else ``any_age`` (the text for any age, app.toml)."""
    age = current().child_age
    if age is not None and has(f"age.{base}.{age.value}{suffix}", lang()):
        return f"age.{base}.{age.value}"
    return any_age


def _suggestion_list(step: str) -> str:
    """The text id of this step's suggestions (for the child's age, when known)."""
    return _age_key(f"suggest.{step}", f"app.suggest.{step}")


def _known_as(m: EcoMap, list_id: str, index: int) -> str | None:
    """The name of the person on the map who is suggestion ``index`` of ``list_id`` in any
    language ("Oma" for "Grandma"), if any."""
    for language in LANGUAGES:
        found = find_person(m, words(list_id, language)[index])
        if found is not None:
            return found.name
    return None


def _add(name: str, form: SupportForm, direction: Direction, step: str = "") -> bool:
    """Add a named person with this support; a name given before is the same person."""
    if not name.strip():
        say("info", t("app.add.empty"))
        return False
    before = find_person(current(), name)
    if before is None and len(current().people) >= MAX_PEOPLE:
        say("error", t("app.add.full", count=MAX_PEOPLE))  # everyone named so far stays
        return False
    # The group a role word in the name suggests (as ``add_person`` would find), looked up once:
    # without one, the step asks for the group (``remember``).
    suggested = suggest_category(name, lang())
    category = suggested or DEFAULT_CATEGORY
    done = apply(lambda m: _add_and_tick(m, name, form, direction, category))
    if done and before is not None:
        say("info", t("app.add.again", name=plain(before.name)))
    elif done and step:
        added = find_person(current(), name)
        if added is not None:
            remember(step, added.id, has_role=suggested is not None)
    return done


def _typed(key: str, form: SupportForm, direction: Direction) -> None:
    """Enter in the name box (or its button): add the name.

    The box sits in a form with ``clear_on_submit``: the browser empties it at once and keeps
    the focus, so a fast typist's next name never lands behind the previous one (clearing from
    the server, in a callback, arrives too late for someone typing at 80 ms a key)."""
    _add(st.session_state[key] or "", form, direction, key.removeprefix("add-"))


def _suggested(key: str, form: SupportForm, direction: Direction, list_id: str) -> None:
    index = st.session_state[key]
    if index is not None:
        # Someone named as this suggestion in another language is the same person.
        name = _known_as(current(), list_id, index) or words(list_id, lang())[index]
        _add(name, form, direction)
    st.session_state[key] = None


def _ticked(key: str, form: SupportForm, direction: Direction) -> None:
    chosen = st.session_state[key] or []
    apply(lambda m: set_supporters(m, form, direction, chosen))


def _flows(direction: Direction, way: Direction) -> bool:
    """Whether a tie's direction includes this way (receives or gives)."""
    return direction.parent_receives if way.parent_receives else direction.parent_gives


def ask(step: str, form: SupportForm, direction: Direction) -> None:
    """Name box, chips of people already named, and suggestions, for one form and direction."""
    m = current()
    add_key = f"add-{step}"
    with st.form(f"form-{step}", clear_on_submit=True, enter_to_submit=True, border=False):
        st.text_input(
            t("app.add.label"),
            key=add_key,
            placeholder=t("app.add.placeholder"),
            autocomplete="off",
        )
        st.form_submit_button(
            t("app.add.button"),
            key=f"{add_key}-go",
            on_click=_typed,
            args=(add_key, form, direction),
        )
    if m.people:
        chips_key = f"chips-{step}-{form.value}"
        # Each person with their group's pictogram: "the one with the house" is easy to find.
        names = {p.id: pictured(p.category, plain(p.name)) for p in m.people}
        st.session_state[chips_key] = [
            tie.person_id for tie in m.ties if tie.form == form and _flows(tie.direction, direction)
        ]
        st.pills(
            t("app.chips.label"),
            list(names),
            selection_mode="multi",
            format_func=shown_as(names),
            key=chips_key,
            on_change=_ticked,
            args=(chips_key, form, direction),
            wrap=True,
        )
    group_prompt(step)
    list_id = _suggestion_list(step)
    shown = words(list_id, lang())
    open_ones = [i for i in range(len(shown)) if _known_as(m, list_id, i) is None]
    if open_ones:
        suggest_key = f"suggest-{step}"
        st.pills(
            t("app.suggest.label"),
            open_ones,
            format_func=shown_as({i: shown[i] for i in open_ones}),
            key=suggest_key,
            on_change=_suggested,
            args=(suggest_key, form, direction, list_id),
            wrap=True,
        )


PICTURE_PX = 56
"""The pictogram beside a question: as tall as two lines of the heading."""


def form_step(form: SupportForm) -> None:
    """Who helps the parent with this form of support (also in the parent's own language)."""
    question = _age_key(f"q.{form.value}", f"app.q.{form.value}", f".{mode()}")
    # The form's pictogram beside the question: a parent who reads poorly sees which of the
    # four it is (the same picture as on the chips, in the table and in the map's legend).
    with st.container(horizontal=True, vertical_alignment="center", gap="small", wrap=False):
        st.html(
            f'<div class="ecomap-question-pictogram" data-form="{form.value}">'
            f"{img(form, PICTURE_PX)}</div>",
            width="content",
        )
        st.header(t(f"{question}.{mode()}"), anchor=False)
    explained = _age_key(f"help.{form.value}", f"app.help.{form.value}", f".{mode()}")
    st.write(t(f"{explained}.{mode()}"))
    other = also_lang()
    if other is not None:
        also_shown(
            other,
            [text(f"{explained}.{mode()}", other)],
            lead=text(f"{question}.{mode()}", other),
        )
    ask(form.value, form, Direction.RECEIVES)


def gives_step() -> None:
    """Whom the parent helps: choose the form first, then name or tick people."""
    st.header(t(f"app.q.gives.{mode()}"), anchor=False)
    st.write(t(f"app.help.gives.{mode()}"))
    st.session_state.setdefault("gives-form", SupportForm.PRACTICAL)
    form = st.segmented_control(
        t("app.gives.form"),
        list(SupportForm),
        format_func=shown_as({f: pictured(f, name_of(f, "short")) for f in SupportForm}),
        key="gives-form",
        required=True,
        wrap=True,
    )
    ask("gives", form or SupportForm.PRACTICAL, Direction.GIVES)


def _wished() -> None:
    apply(lambda m: set_wishes(m, st.session_state["wishes"] or []))


def wishes_step() -> None:
    """Which support the parent would like more of: missing support matters too."""
    st.header(t(f"app.wishes.{mode()}"), anchor=False)
    st.write(t("app.wishes.help"))
    st.session_state["wishes"] = list(current().wishes)
    st.pills(
        t(f"app.wishes.{mode()}"),
        list(SupportForm),
        selection_mode="multi",
        format_func=shown_as({f: pictured(f, name_of(f)) for f in SupportForm}),
        key="wishes",
        on_change=_wished,
        label_visibility="collapsed",
        wrap=True,
    )
