"""The last step: the map large, the reflection for this mode and language, and the full table."""

from __future__ import annotations

import streamlit as st

from ecomap.reflection import reflect
from ui.map_view import FULL, draw_map, draw_table, large_button, touch_panel
from ui.state import current
from ui.texts import lang, mode, plain, t


def result_step() -> None:
    m = current()
    st.header(t(f"app.result.{mode()}"))
    if not m.people:
        st.info(t("app.people.empty"))
        return
    map_column, text_column = st.columns([3, 2], gap="large")
    with map_column:
        large_button()
        draw_map(m)
        touch_panel(m)
    with text_column:
        st.subheader(t("app.result.reflection"))
        for paragraph in reflect(m, lang(), mode()).paragraphs:
            st.markdown(plain(paragraph.text))
    draw_table(m, FULL)
