"""The picture and its text alternative, redrawn after every change.

The map page from ``render_html`` is large (~700 KB of vis-network), so the last one is kept in the
session under a hash of exactly what it was drawn from (map JSON + language): a rerun where
nothing changed reuses it, and sessions never share anything.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from ecomap.html_map import render_html
from ecomap.model import EcoMap, SupportForm
from ui.state import current
from ui.texts import lang, mode, name_of, plain, t


def _map_html(m: EcoMap) -> str:
    key = hashlib.sha256(f"{lang()}\n{m.to_json()}".encode()).hexdigest()
    cached = st.session_state.get("map_html")
    if not cached or cached[0] != key:
        cached = (key, render_html(m, lang()))
        st.session_state["map_html"] = cached
    html: str = cached[1]
    return html


FULL = ("name", "role", "category", "receives", "gives", "quality")
COMPACT = ("name", "receives", "gives")
"""The table beside the questions has room for who and which support; the last step shows all."""


def people_table(m: EcoMap, columns: tuple[str, ...] = FULL) -> pd.DataFrame:
    """One row per person: who, which group, which support each way, how it feels.

    ``st.table`` reads every cell as Markdown, so names and roles are made inert with ``plain``
    (a name like ``![x](http://...)`` would otherwise load an image from another host)."""

    def forms(person_id: str, receives: bool) -> str:
        chosen: list[SupportForm] = [
            tie.form
            for tie in m.ties_of(person_id)
            if (tie.direction.parent_receives if receives else tie.direction.parent_gives)
        ]
        return ", ".join(name_of(f, "short") for f in SupportForm if f in chosen)

    rows = [
        {
            t("app.table.name"): plain(p.name),
            t("app.table.role"): plain(p.role),
            t("app.table.category"): name_of(p.category, "short"),
            t("app.table.receives"): forms(p.id, receives=True),
            t("app.table.gives"): forms(p.id, receives=False),
            t("app.table.quality"): name_of(p.quality),
        }
        for p in m.people
    ]
    return pd.DataFrame(rows, columns=[t(f"app.table.{c}") for c in columns])


def draw_map(m: EcoMap, height: int) -> None:
    """The interactive map (it fits itself to the frame)."""
    st.iframe(_map_html(m), height=height, alt=t("app.map.alt"))


def draw_table(m: EcoMap, columns: tuple[str, ...]) -> None:
    """The text alternative: the same people and support as a real table (read aloud, printed)."""
    st.caption(t("app.map.table"))
    st.table(people_table(m, columns).set_index(t("app.table.name")))


def live_map() -> None:
    """Beside the questions: the map and the table, or a friendly placeholder before anyone is
    named."""
    m = current()
    st.subheader(t(f"app.map.{mode()}"))
    if not m.people:
        st.info(t("app.map.empty"))
        return
    draw_map(m, height=520)
    draw_table(m, COMPACT)
