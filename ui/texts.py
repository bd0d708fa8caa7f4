"""Words on the screen: every text comes from ``questions/`` in the session's language.

``t("app.nav.next")`` is the catalog's ``text`` with the language filled in. Texts that differ
between nurse mode ("u") and parent mode ("je") have one id per mode; the call site names them
with an f-string (``t(f"app.q.{form}.{mode()}")``), so the catalog test still sees every id used.
User text (names, roles) goes through ``plain`` before it is shown as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, cast

import streamlit as st

from ecomap.drawing.pictograms import FILES
from ecomap.model import Category, Direction, Language, Quality, SupportForm
from ecomap.texts.catalog import text, words
from ecomap.texts.labels import Field, label
from ecomap.texts.wording import isolated

Mode = Literal["nurse", "parent"]
MODES: tuple[Mode, ...] = ("nurse", "parent")

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&])")
"""Markdown's special characters, plus ``&``: ``&lt;`` would otherwise show as ``<``."""


def lang() -> Language:
    return cast(Language, st.session_state["lang"])


def also_lang() -> Language | None:
    """In a consult: the parent's own language, shown beside the nurse's (``lang``) for the
    reflection and the four support questions. None when one language is enough, and for a
    parent on their own (they chose their language already)."""
    chosen = st.session_state.get("also_lang")
    if mode() == "parent" or chosen in (None, lang()):
        return None
    return cast(Language, chosen)


def parent_lang() -> Language:
    """The language the parent reads: what the take-home page is written in."""
    return also_lang() or lang()


def mode() -> Mode:
    return cast(Mode, st.session_state["mode"])


def t(key: str, **values: object) -> str:
    """One text in the session's language."""
    return text(key, lang(), **values)


def tw(key: str) -> list[str]:
    """A word list in the session's language."""
    return words(key, lang())


def name_of(value: Category | SupportForm | Direction | Quality, field: Field = "name") -> str:
    """The shared words for a fixed choice (the same as on the map and the PDF)."""
    return label(value, lang(), field)


SERVED = "_stcore/bidi-components/ecomap.map/"
"""Where the app serves the files of the map component (``ecomap/web``, registered as
``ecomap.map`` in ``pyproject.toml``): the browser fetches each once from the app itself and
caches it. Relative, so a deployment under a path prefix works too."""
PICTOGRAMS_URL = SERVED + "pictograms/"
"""Where the app serves the pictograms (files of the map component)."""


def pictured(value: Category | SupportForm, words: str) -> str:
    """``words`` with the value's pictogram before them, as Markdown (chips, table cells).

    The picture is decorative (empty alt text): the words stay the label a screen reader reads
    and a test finds; the picture helps a parent who reads poorly to find them again. It is a
    link to the file, not the picture inline: 30 people's chips and table rows with inline
    pictures made every change send about 440 KB instead of 26 KB (``bench/run.py``)."""
    return f"![]({PICTOGRAMS_URL}{FILES[value]}){words}"  # no space: the text stays the words


def shown_as(words: dict[Any, str]) -> Callable[[Any], str]:
    """A ``format_func`` that looks the words up in a table made while drawing.

    Streamlit (and AppTest) may call ``format_func`` outside the script run, where the session's
    language cannot be read; a finished table needs no session.
    """
    return words.__getitem__


def at_bound(value: str, limit: int) -> None:
    """Under a text box: say plainly when it is full. The box stops typing at ``limit``
    (``max_chars``) and Streamlit cuts longer input there, so without this line a pasted text
    would just end, unexplained."""
    if len(value) >= limit:
        st.caption(t("app.bound", count=limit))


def plain(user_text: str) -> str:
    """User text made inert for Markdown: ``**x**`` or ``<img ...>`` show as typed, never as
    formatting or HTML. On a right-to-left page it is also isolated
    (``ecomap.texts.wording.isolated``), so "Juf Mila (school)" on a chip in Arabic keeps its own
    order."""
    return isolated(_MARKDOWN.sub(r"\\\1", user_text), lang())
