"""The last step: the map large, the reflection for this mode and language, and the full table.

Beside the reflection: the local offers chosen for this family, which can be swapped or removed
(when the organisation gave an offers file), and in nurse mode the conversation guide
(``ui.offers``). The reflection names the chosen offers, as the PDF does.
"""

from __future__ import annotations

import streamlit as st

from ecomap.model import EcoMap
from ecomap.texts.catalog import text
from ecomap.texts.changes import compare, describe
from ecomap.texts.reflection import reflect
from ui.both import also_shown
from ui.dossier import previous_map
from ui.map_view import FULL, draw_map, draw_table, large_button, touch_panel
from ui.offers import choice, guide_panel, offers_panel
from ui.state import current
from ui.texts import also_lang, lang, mode, plain, t
from ui.timeline import timeline


def _changes(m: EcoMap) -> None:
    """After continuing an earlier map: what changed since then, in words, right here."""
    previous = previous_map()
    if previous is None:
        return
    st.subheader(t("dossier.app.comparing"), anchor=False)
    for sentence in describe(compare(previous, m), lang(), mode()):
        st.markdown(f"- {plain(sentence)}")


def _beside_the_map(m: EcoMap) -> None:
    """The reflection (with the chosen offers), what changed, the offers, the guide."""
    chosen = choice(m)
    st.subheader(t("app.result.reflection"), anchor=False)
    offers = chosen.offers if chosen is not None else None
    for paragraph in reflect(m, lang(), mode(), offers=offers).paragraphs:
        st.markdown(plain(paragraph.text))
    other = also_lang()
    if other is not None:
        said = reflect(m, other, mode(), offers=offers).paragraphs
        also_shown(other, [p.text for p in said], lead=text("app.result.reflection", other))
    _changes(m)
    offers_panel(m)
    guide_panel(m)


def result_step() -> None:
    m = current()
    st.header(t(f"app.result.{mode()}"), anchor=False)
    if not m.people:  # the same warm words as on the PDF, wishes named, no map to draw
        _beside_the_map(m)
        return
    map_column, text_column = st.columns([3, 2], gap="large")
    with map_column:
        large_button()
        draw_map(m)
        touch_panel(m)
    with text_column:
        _beside_the_map(m)
    draw_table(m, FULL)
    timeline(m)  # the family's earlier maps, when this one continues them
