"""The picture and its text alternative, redrawn after every change.

The map page is sent again on every change, so it should be small: with Streamlit's static
serving on (``.streamlit/config.toml``) and vis-network's files in ``static/``, the page carries
only the data (``render_html(..., assets="app")``, ~30 KB for 30 people) and the browser keeps
the ~700 KB library in its cache. If static serving is off or a file is missing or stale, the map
falls back to the self-contained page: slower, never broken. The last page is kept in the session
under a hash of exactly what it was drawn from (map JSON + language): a rerun where nothing
changed reuses it, and sessions never share anything.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from ecomap.model import EcoMap, SupportForm
from ui.state import current
from ui.texts import lang, mode, name_of, plain, t

if TYPE_CHECKING:
    import pandas as pd

    from ecomap.html_map import Assets

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
"""What Streamlit serves at ``app/static/`` (the ``static`` folder beside ``app.py``)."""


@cache
def _static_ok(static_dir: Path) -> bool:
    """Whether every vis-network file is in ``static_dir`` exactly as pyvis ships it (checked
    once per process and folder: library files, no user data)."""
    from ecomap.html_map import APP_ASSETS, vis_asset

    for name in APP_ASSETS:
        path = static_dir / name
        if not path.is_file() or path.read_bytes() != vis_asset(name):
            log.warning("map: %s missing or different; sending the map self-contained", name)
            return False
    return True


def assets() -> Assets:
    """``app`` when the browser can load vis-network from this app, else ``inline``."""
    if st.get_option("server.enableStaticServing") and _static_ok(STATIC_DIR):
        return "app"
    return "inline"


def _map_html(m: EcoMap) -> str:
    # Imported on first use: pyvis brings jinja2, networkx and IPython (~0.2 s), which the start
    # screen of a fresh server does not need.
    from ecomap.html_map import render_html

    how = assets()
    key = hashlib.sha256(f"{lang()}\n{how}\n{m.to_json()}".encode()).hexdigest()
    cached = st.session_state.get("map_html")
    if not cached or cached[0] != key:
        cached = (key, render_html(m, lang(), assets=how))
        st.session_state["map_html"] = cached
    html: str = cached[1]
    return html


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
