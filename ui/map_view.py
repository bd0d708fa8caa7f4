"""The live map and its text alternative, redrawn after every change, and touching the map.

The map is a Streamlit custom component shipped inside the package (``ecomap/web``, registered
as ``ecomap.map`` in ``pyproject.toml``): its JavaScript is loaded once per page from the app
itself, keeps one vis-network alive across reruns and applies only what changed. Each rerun
sends only the map's data (``ecomap.drawing.map_data``, about 9 KB for 30 people).

Touching the map: drag a person to another place and their group and closeness become what that
place means (``ecomap.drawing.placement.meaning_of``; the map then snaps them to their planned
spot); tap a person and their editor opens under the map (the same one as on "Over iedereen"). The
same moves work without dragging (WCAG 2.2, 2.5.7): choose a person in the list under the map, then
"Dichterbij", "Verder weg" or another group. Every move can be undone.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import streamlit as st

from ecomap.drawing import WEB
from ecomap.drawing.map_data import map_data
from ecomap.drawing.placement import LayoutCache, Placement, meaning_of, plan, prepare
from ecomap.edit import DEFAULT_CATEGORY, closer, further, move
from ecomap.model import Category, EcoMap, SupportForm
from ecomap.texts.catalog import lower
from ecomap.texts.changes import Mark, compare
from ecomap.texts.labels import closeness_label
from ui.dossier import previous_map
from ui.people import editor
from ui.state import apply, can_undo, current, say, undo
from ui.texts import lang, mode, name_of, pictured, plain, shown_as, t

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("ecomap.map_view")


@functools.cache
def _component() -> Any:
    """The map component: ``index.js`` and ``map.css`` from ``ecomap/web``, served by the app.

    Declared on first use, not at import: Streamlit registers a package's components when its
    runtime starts, so importing this module (a test, a tool) must not need a running app. The
    cache holds the component's definition only, no user data. Its code is ``loader.js``
    (why: in that file), which loads ``index.js`` from the app's own origin."""
    return st.components.v2.component("ecomap.map", js=entry_code(), css="map.css")


def entry_code() -> str:
    """``loader.js`` as Streamlit sends it with every change of the map: without its comment
    lines, with the app's base URL path filled in."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    source = (WEB / "loader.js").read_text(encoding="utf-8").splitlines()
    code = "\n".join(line for line in source if not line.lstrip().startswith("//"))
    return code.replace("__BASE__", f"/{base}" if base else "")


KEY = "map-view"
"""Widget key of the map (one per page: the live map, the result or the large view)."""
SELECTED = "map-selected"
"""Session key: the person chosen on the map (tapped, or picked in the list), or None."""
LARGE = "map-large"
"""Session key: True while the large view is shown."""
UNDO = "map-undo"
"""Session key: True right after a move, while "undo" is offered beside the map."""
DRAW_MS: Final = 50
"""How long a run waits after sending a changed map before it sends the rest of the page, ms.

Streamlit sends each element as the script reaches it and the browser renders each as it
arrives. The map is sent before the rest of the page (``ui.steps.page``), but a browser that
gets the rest right behind it renders all of that first and shows the map last. Given this
moment, it shows the map first: Enter -> map at 30 people about 170 -> 90 ms median, the table
under it about 140 -> 170 ms (``bench/NOTES.md``, 2026-12-03, afternoon: 30 ms gave 145, 80 ms
no more than 50). The run sleeps (no CPU); nothing waits when the map did not change."""
_sleep = time.sleep  # (tests replace it)
_SENT = "map-sent"
"""Session key: a digest of the map data this session's browser was last sent."""
_PICK = "map-pick"
_LAYOUT = "map-layout-cache"
_AHEAD = "map-lay-out-ahead"
"""Session key: True when this run drew the map beside the questions (see ``lay_out_ahead``)."""


def _cache() -> LayoutCache:
    """This session's own ``LayoutCache``: never shared between sessions (its keys come from
    what one family typed)."""
    cache = st.session_state.setdefault(_LAYOUT, LayoutCache())
    assert isinstance(cache, LayoutCache)
    return cache


def geometry(m: EcoMap) -> Placement:
    """The map's layout: after a small change only what changed is laid out again."""
    return plan(m, _cache())


def lay_out_ahead() -> None:
    """At the very end of a run that showed the map beside the questions, when the page has been
    sent: lay out ahead for the next name (``ecomap.drawing.placement.prepare``; a name typed
    without a role word goes to the own circle), so that it reaches the map in a layout step or two
    even when its ring is full. Never fails the page: the next run simply lays out as before."""
    if not st.session_state.pop(_AHEAD, False):
        return
    try:
        prepare(current(), _cache(), DEFAULT_CATEGORY)
    except Exception as exc:  # a bug: the page is already drawn, and plans do not depend on it
        log.error("laying out ahead failed: %s", type(exc).__name__)


def _marks(m: EcoMap) -> dict[str, Mark] | None:
    """Who is new or moved since the earlier map, while it is being compared (as on the PDF)."""
    previous = previous_map()
    return compare(previous, m).marks() if previous is not None else None


def _data(m: EcoMap, *, large: bool = False) -> dict[str, Any]:
    data = map_data(
        m,
        lang(),
        mode(),
        geometry=geometry(m),
        marks=_marks(m),
        touch=True,
        selected=st.session_state.get(SELECTED),
    )
    data["large"] = large
    return data


def _where(m: EcoMap, person_id: str) -> str:
    p = m.person(person_id)
    return t(
        "app.touch.now",
        name=plain(p.name),
        group=name_of(p.category, "short"),
        closeness=lower(closeness_label(p.effective_closeness, lang()), lang()),
    )


def _moved_to(person_id: str, change: Callable[[EcoMap], EcoMap]) -> None:
    """Apply a move and say plainly where the person is now; offer to undo it."""
    before = current()
    if apply(change) and current() != before:
        st.session_state[UNDO] = True
        say("success", _where(current(), person_id))
    st.session_state[SELECTED] = person_id


def _dropped() -> None:
    """A person was dragged and dropped on the map: snap them to what that place means."""
    event = (st.session_state.get(KEY) or {}).get("moved")
    if not isinstance(event, dict):
        return
    person_id, x, y = event.get("id"), event.get("x"), event.get("y")
    m = current()
    if (
        not isinstance(person_id, str)
        or person_id not in {p.id for p in m.people}
        or not isinstance(x, int | float)
        or not isinstance(y, int | float)
    ):
        return  # not from our map: ignore it
    category, closeness = meaning_of(geometry(m), float(x), float(y))
    _moved_to(person_id, lambda m: move(m, person_id, category, closeness))


def _picked() -> None:
    """A person was tapped on the map: open their editor under it."""
    person_id = (st.session_state.get(KEY) or {}).get("picked")
    if isinstance(person_id, str) and person_id in {p.id for p in current().people}:
        st.session_state[SELECTED] = person_id


def _chosen() -> None:
    st.session_state[SELECTED] = st.session_state[_PICK]


def _undo_move() -> None:
    undo()
    st.session_state[UNDO] = False
    say("info", t("app.people.undone"))


def _done() -> None:
    st.session_state[SELECTED] = None


def draw_map(m: EcoMap, *, large: bool = False) -> None:
    """The interactive map; it sizes itself to the width it gets and the map's shape."""
    sent = payload(_data(m, large=large))
    _component()(
        key=KEY,
        data=sent,
        on_moved_change=_dropped,
        on_picked_change=_picked,
        height="content",
    )
    if _changed(sent) and _browser():
        _sleep(DRAW_MS / 1000)


def payload(data: dict[str, Any]) -> bytes:
    """The map data as it goes to the browser: compact UTF-8 JSON, as bytes (``index.js`` reads
    it back). Given a dict, Streamlit sends it as JSON with spaces and ``\\u`` escapes (10,496
    bytes at 30 people instead of 9,156), looks at each of its keys for a data frame and
    serialises it twice, once sorted for the element's identity; bytes it sends as they are and
    identifies by a hash (0.89 -> 0.18 ms per change, ``bench/NOTES.md``, 2026-12-03,
    evening)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def _browser() -> bool:
    """True when a browser is on the other end (AppTest has none, and no request headers)."""
    return bool(st.context.headers)


def _changed(sent: bytes) -> bool:
    """True when ``sent`` differs from the map this session's browser has already drawn (not
    on the page's first map: the browser is still loading the map's code then)."""
    digest = hash(sent)
    before = st.session_state.get(_SENT)
    st.session_state[_SENT] = digest
    return before is not None and before != digest


def touch_panel(m: EcoMap) -> None:
    """Under the map: choose a person (also by keyboard or screen reader), move them without
    dragging, undo a move, and edit everything about them."""
    ids = [p.id for p in m.people]
    selected = st.session_state.get(SELECTED)
    if selected not in ids:
        selected = st.session_state[SELECTED] = None
    names = {p.id: plain(p.name) for p in m.people}
    st.session_state[_PICK] = selected
    st.selectbox(
        t("app.touch.pick"),
        ids,
        index=None,
        format_func=shown_as(names),
        placeholder=t("app.touch.pick_placeholder"),
        key=_PICK,
        on_change=_chosen,
    )
    if st.session_state.get(UNDO) and can_undo():
        st.button(t("app.touch.undo"), key="map-undo-button", on_click=_undo_move)
    if selected is None:
        return
    person = m.person(selected)
    with st.container(border=True):
        st.markdown(f"**{plain(person.name)}** · {name_of(person.category, 'short')}")
        with st.container(horizontal=True):
            st.button(
                t("app.touch.closer"),
                key="map-closer",
                on_click=_moved_to,
                args=(selected, lambda m: closer(m, selected)),
            )
            st.button(
                t("app.touch.further"),
                key="map-further",
                on_click=_moved_to,
                args=(selected, lambda m: further(m, selected)),
            )
        group_key = f"map-group-{selected}"
        st.session_state[group_key] = person.category
        st.segmented_control(
            t("app.touch.group"),
            list(Category),
            format_func=shown_as({c: name_of(c, "short") for c in Category}),
            key=group_key,
            required=True,
            on_change=_group_chosen,
            args=(selected, group_key),
        )
        editor(person, scope="map-")
        st.button(t("app.touch.done"), key="map-done", on_click=_done, type="primary")


def _group_chosen(person_id: str, key: str) -> None:
    category = st.session_state[key]
    if category is None:
        return
    person = current().person(person_id)
    _moved_to(person_id, lambda m: move(m, person_id, category, person.effective_closeness))


FULL = ("name", "role", "category", "receives", "gives", "quality")
COMPACT = ("name", "receives", "gives")
"""The table beside the questions has room for who and which support; the last step shows all."""


def people_table(m: EcoMap, columns: tuple[str, ...] = FULL) -> pd.DataFrame:
    """One row per person: who, which group, which support each way, how it feels.

    ``st.table`` reads every cell as Markdown, so names and roles are made inert with ``plain``
    (a name like ``![x](http://...)`` would otherwise load an image from another host).

    pandas is imported here, not at the top: the start screen has no table, and importing it
    (~0.5 s) on a fresh server's first run delayed the first paint."""
    import pandas as pd

    def forms(person_id: str, receives: bool) -> str:
        chosen: list[SupportForm] = [
            tie.form
            for tie in m.ties_of(person_id)
            if (tie.direction.parent_receives if receives else tie.direction.parent_gives)
        ]
        # Each form with its pictogram (decorative: the words are the cell's text).
        return ", ".join(pictured(f, name_of(f, "short")) for f in SupportForm if f in chosen)

    rows = [
        {
            t("app.table.name"): plain(p.name),
            t("app.table.role"): plain(p.role),
            t("app.table.category"): pictured(p.category, name_of(p.category, "short")),
            t("app.table.receives"): forms(p.id, receives=True),
            t("app.table.gives"): forms(p.id, receives=False),
            t("app.table.quality"): name_of(p.quality),
        }
        for p in m.people
    ]
    return pd.DataFrame(rows, columns=[t(f"app.table.{c}") for c in columns])


def draw_table(m: EcoMap, columns: tuple[str, ...]) -> None:
    """The text alternative: the same people and support as a real table (read aloud, printed)."""
    st.caption(t("app.map.table"))
    st.table(people_table(m, columns).set_index(t("app.table.name")))


def _open_large() -> None:
    st.session_state[LARGE] = True


def _close_large() -> None:
    st.session_state[LARGE] = False


def large_button() -> None:
    st.button(
        t("app.map.large"), key="map-large-open", on_click=_open_large, icon=":material/fullscreen:"
    )


def live_map() -> None:
    """Beside the questions: the map, choosing and moving people, and the table; a friendly
    placeholder before anyone is named."""
    m = current()
    head = st.container()  # above the map, filled in after it: the map is sent first
    if m.people:
        draw_map(m)
    with head:
        heading, button = st.columns([3, 2], vertical_alignment="bottom")
        with heading:
            st.subheader(t(f"app.map.{mode()}"), anchor=False)
        if not m.people:
            st.info(t("app.map.empty"))
            return
        with button:
            large_button()
    st.session_state[_AHEAD] = True
    touch_panel(m)
    draw_table(m, COMPACT)


def large_view() -> None:
    """The map alone, as large as the screen allows, with its legend beside it: for a shared
    screen or a tablet in the consult."""
    m = current()
    # Less empty space above the map than a normal page has: every pixel goes to the map.
    st.html("<style>.stMainBlockContainer { padding-top: 3rem; }</style>")
    st.button(t("app.map.back"), key="map-large-close", on_click=_close_large, type="primary")
    draw_map(m, large=True)
    touch_panel(m)
