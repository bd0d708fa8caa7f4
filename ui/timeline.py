"""The timeline on the result step: the family's maps over time, any two of them compared, and
how the network grew per group and per form of support.

Shown only when the map carries earlier versions (``EcoMap.history``: a map continued on a later
day). Everything it shows comes from ``ecomap.history`` and ``ecomap.texts.changes``; this module
only draws: the list of versions with their dates and counts, two choices (an earlier and a later
map, any two), the comparison in the same words and with the same marked map as the comparison
with an uploaded map, and two small tables of counts per version.

The marked map is a picture (the page has one interactive map, the current one): drawn once per
pair of maps and language, and kept for this session only.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import streamlit as st

from ecomap.history import Growth, growth, support_count, versions
from ecomap.model import EcoMap
from ecomap.texts.changes import compare, describe, long_date
from ui.texts import lang, mode, name_of, plain, shown_as, t

if TYPE_CHECKING:
    import pandas as pd

OLDER = "timeline-older"
NEWER = "timeline-newer"
"""Widget keys of the two choices (positions in the list of versions, oldest first)."""
_PICTURE = "timeline-picture"
"""Session key: (hash of the pair of maps and the language, the marked map as PNG)."""


def _row(m: EcoMap, now: bool) -> str:
    words = "timeline.row_now" if now else "timeline.row"
    return t(words, date=long_date(m.date, lang()), people=len(m.people), support=support_count(m))


def _column(m: EcoMap, now: bool) -> str:
    day = long_date(m.date, lang())
    return t("timeline.now", date=day) if now else day


def growth_tables(counts: Growth, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counts as two tables, one column per version (oldest first): people per group (with
    everyone on the map first), and people per form of support the family receives."""
    import pandas as pd  # here, not at the top: only a map with a history needs it

    group, form = t("timeline.group"), t("timeline.form")
    groups = pd.DataFrame(
        [
            [t("timeline.everyone"), *counts.people],
            *([name_of(c, "short"), *row] for c, row in counts.groups),
        ],
        columns=[group, *columns],
    ).set_index(group)
    forms = pd.DataFrame(
        [[name_of(f), *row] for f, row in counts.forms], columns=[form, *columns]
    ).set_index(form)
    return groups, forms


def _marked_map(older: EcoMap, newer: EcoMap) -> bytes:
    """The later map with new and moved people marked, drawn once per pair and language."""
    key = hashlib.sha256(f"{older.to_json()}|{newer.to_json()}|{lang()}".encode()).hexdigest()
    cached = st.session_state.get(_PICTURE)
    if not (isinstance(cached, tuple) and cached[0] == key):
        from ecomap.drawing.picture import render_png

        cached = (key, render_png(newer, lang(), previous=older, dpi=110))
        st.session_state[_PICTURE] = cached
    picture: bytes = cached[1]
    return picture


def _compared(older: EcoMap, newer: EcoMap) -> None:
    """What changed from ``older`` to ``newer``: in words, and marked on the later map."""
    old, new = long_date(older.date, lang()), long_date(newer.date, lang())
    st.markdown(f"**{plain(t('timeline.pair', old=old, new=new))}**")
    for sentence in describe(compare(older, newer), lang(), mode()):
        st.markdown(f"- {plain(sentence)}")
    if newer.people:
        st.image(_marked_map(older, newer), caption=t("dossier.app.compare_caption"))


def timeline(m: EcoMap) -> None:
    """The whole timeline, for a map with earlier versions; nothing for a map without."""
    if not m.history:
        return
    maps = versions(m)
    last = len(maps) - 1
    st.subheader(t("timeline.title"), anchor=False)
    st.markdown(t(f"timeline.intro.{mode()}"))
    for index, version in enumerate(maps):
        st.markdown(f"- {plain(_row(version, index == last))}")
    labels = {i: _column(v, i == last) for i, v in enumerate(maps)}
    choices = list(labels)
    left, right = st.columns(2)
    with left:
        a = st.selectbox(
            t("timeline.older"), choices, index=0, format_func=shown_as(labels), key=OLDER
        )
    with right:
        b = st.selectbox(
            t("timeline.newer"), choices, index=last, format_func=shown_as(labels), key=NEWER
        )
    if a is None or b is None or a == b:
        st.info(t(f"timeline.pick_two.{mode()}"))
    else:  # any two, in date order whichever way they were chosen
        _compared(maps[min(a, b)], maps[max(a, b)])
    st.markdown(f"**{plain(t('timeline.growth'))}**")
    groups, forms = growth_tables(growth(maps), [labels[i] for i in choices])
    st.caption(t("timeline.groups"))
    st.table(groups)
    st.caption(t("timeline.forms"))
    st.table(forms)
