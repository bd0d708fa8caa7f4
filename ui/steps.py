"""The steps of the questionnaire, in order, and the frame around them (progress, navigation).

``steps()`` is the registry: a later step (printing, saving) is one more entry in the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import streamlit as st

from ecomap.model import SupportForm
from ui.chrome import chrome, focus_on_step
from ui.dossier import dossier_step
from ui.map_view import LARGE, large_view, live_map
from ui.people import people_step
from ui.questions import form_step, gives_step, wishes_step
from ui.result import result_step
from ui.start import language_switch, start_after, start_step
from ui.state import go, step, take_messages
from ui.texts import name_of, t

_STYLE = """<style>
[data-testid="InputInstructions"] { display: none; }
[data-stale="true"] { opacity: 1 !important; transition: none !important; }
</style>"""
"""Streamlit's own "Press Enter to submit form" hint is English only and covers the Dutch
placeholder, which already says to press Enter.

While a run draws a change, Streamlit marks every element it has not sent again yet as stale
and starts a fade on it (to a third after half a second). The app's runs take about 0.1 s, so the
fade was never seen, but starting it on the twenty-odd elements of a question step cost the
browser a frame of 10-25 ms just as the map's new data came in, and the map waited behind it
(Enter -> map at 30 people 2.0 -> 1.55 x the bare Streamlit floor; ``bench/NOTES.md``,
2026-12-03, evening). So elements stay as they are while a run goes on."""


@dataclass(frozen=True)
class Step:
    key: str
    title: Callable[[], str]
    """The step's name in the progress line (a function: the language can change)."""
    render: Callable[[], None]
    beside_map: bool = True
    """Show the live map beside this step (below it on a phone)."""
    after: Callable[[], None] | None = None
    """Drawn below the navigation (the start screen's privacy panel)."""


def _form(form: SupportForm) -> Step:
    return Step(form.value, partial(name_of, form), partial(form_step, form))


def steps() -> list[Step]:
    return [
        Step("start", partial(t, "app.step.start"), start_step, False, start_after),
        *(_form(form) for form in SupportForm),
        Step("gives", partial(t, "app.step.gives"), gives_step),
        Step("wishes", partial(t, "app.step.wishes"), wishes_step),
        Step("people", partial(t, "app.step.people"), people_step),
        Step("result", partial(t, "app.step.result"), result_step, beside_map=False),
        Step("dossier", partial(t, "dossier.app.step"), dossier_step, beside_map=False),
    ]


def _messages() -> None:
    """Messages sit in one container that is always there: a message that comes and goes must
    not shift what follows, or Streamlit remounts it and keyboard focus falls back to the top."""
    show = {"error": st.error, "success": st.success}
    with st.container():
        for kind, message in take_messages():
            show.get(kind, st.info)(message)


def _navigation(index: int, total: int) -> None:
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        if index > 0:
            st.button(t("app.nav.back"), key="back", on_click=go, args=(index - 1,))
        if index < total - 1:
            label = t("app.nav.start") if index == 0 else t("app.nav.next")
            st.button(label, key="next", type="primary", on_click=go, args=(index + 1,))


def _top(index: int, all_steps: list[Step]) -> None:
    """The title, the language switch and the progress line (with the step's heading focus)."""
    title, switch = st.columns([4, 1], vertical_alignment="bottom")
    with title:
        st.title(t("app.title"), anchor=False)
    with switch:
        language_switch()
    line = t("app.progress", n=index + 1, total=len(all_steps), name=all_steps[index].title())
    st.progress(index / (len(all_steps) - 1), text=line)
    focus_on_step(index, line)


def page() -> None:
    """The whole screen for the current step."""
    all_steps = steps()
    index = min(step(), len(all_steps) - 1)
    current_step = all_steps[index]
    if st.session_state.get(LARGE):
        st.html(_STYLE)
        chrome()
        _messages()
        large_view()
        return
    top = st.container()
    if current_step.beside_map:
        questions, side = st.columns(2, gap="large")
        # The map is sent first, before the top of the page and the questions left of it:
        # Streamlit sends each element as the script reaches it and the browser renders them
        # in that order, so a typed name reaches the map before the rest of the page is built
        # again (see ``map_view.DRAW_MS``). Reading and Tab order follow the layout.
        with side:
            live_map()
    with top:
        st.html(_STYLE)
        chrome()
        _top(index, all_steps)
    if current_step.beside_map:
        with questions:
            _messages()
            current_step.render()
            _navigation(index, len(all_steps))
    else:
        _messages()
        current_step.render()
        _navigation(index, len(all_steps))
        if current_step.after is not None:
            current_step.after()
