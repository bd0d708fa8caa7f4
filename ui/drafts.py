"""Drafts in the app: the family's answers survive a reload, a dropped connection or a restart.

The draft lives server-side in the store (``ecomap.store``) under an unguessable token; the token
lives only in this browser's page URL (``?d=...``). So a reload finds the same draft, and another
browser without the link finds nothing. The app calls two functions:

- ``start()`` near the top of every run: on a session's first run it loads the draft named in the
  URL (or says that it is gone); on every run it saves changes made by callbacks.
- ``sync()`` at the end of every run: saves changes made while the page was drawn.

A draft row is created at the first change, not at the first visit: somebody who only looks, or
who chooses "keep nothing" first, never leaves a row behind. ``privacy_panel()`` draws the start
screen's plain words on what is kept, where and for how long, the "keep nothing" switch and the
"delete everything now" button.

The store is opened once per process (``st.cache_resource``): it holds a connection pool and
settings, never a family's data, so sharing it between sessions is safe. Expired drafts are purged
when the store opens and then at most once an hour, on some session's rerun.

Errors while saving never cost the session its map: the answers stay on screen, a friendly
sentence says saving failed, and the next run tries again. Logs get the error's type only.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import streamlit as st

from ecomap.model import EcoMap
from ecomap.store import (
    DraftConflict,
    DraftNotFound,
    DraftStore,
    default_url,
    is_token,
    open_store,
    retention_from_env,
)
from ui.state import current, say
from ui.texts import lang, mode, t

log = logging.getLogger(__name__)

QUERY_KEY = "d"
"""The URL parameter that carries the draft token."""

PURGE_EVERY_SECONDS = 3600
"""Expired drafts are removed at most this often (seconds), besides once when the store opens."""

KEEP_ON_DELETE = ("lang", "mode")
"""Session keys that survive "delete everything now": choices, not family data."""

# Session keys of this module (everything else in the session belongs to the app).
_STARTED = "draft-started"
_TOKEN = "draft-token"
_VERSION = "draft-version"
_SAVED = "draft-saved-json"
_OFF = "draft-off"
_FAILED = "draft-failed"
_OFF_WIDGET = "draft-off-choice"
DELETE_BUTTON = "draft-delete"


@st.cache_resource(show_spinner=False)
def _open(url: str, retention_seconds: float) -> DraftStore:
    """One store per process and database (the URL is the cache key, so tests can use many)."""
    store = open_store(url, timedelta(seconds=retention_seconds))
    store.purge_expired()
    return store


@st.cache_data(ttl=PURGE_EVERY_SECONDS, show_spinner=False)
def _purge(url: str, retention_seconds: float) -> int:
    """Purge now and then: cached for an hour, so at most one purge an hour per process."""
    return _open(url, retention_seconds).purge_expired()


def store() -> DraftStore:
    """The process's draft store (opened, and its expired drafts purged, on first use)."""
    url, seconds = default_url(), retention_from_env().total_seconds()
    opened = _open(url, seconds)
    _purge(url, seconds)
    return opened


def period() -> str:
    """The retention time in words ("7 dagen"); at least one day, rounded to whole days."""
    days = max(1, round(retention_from_env() / timedelta(days=1)))
    return t("privacy.period.one") if days == 1 else t("privacy.period.many", days=days)


def _forget_token() -> None:
    ss = st.session_state
    ss[_TOKEN] = None
    ss[_VERSION] = None
    ss[_SAVED] = None
    if QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]


def _remember(token: str, version: int, saved: EcoMap) -> None:
    ss = st.session_state
    ss[_TOKEN] = token
    ss[_VERSION] = version
    ss[_SAVED] = saved.to_json()
    if st.query_params.get(QUERY_KEY) != token:
        st.query_params[QUERY_KEY] = token


def _is_blank(ecomap: EcoMap) -> bool:
    """Nothing entered yet (the date and language are not answers)."""
    return ecomap == EcoMap(date=ecomap.date, language=ecomap.language)


def start() -> None:
    """Call near the top of every run, after the session's defaults are set."""
    ss = st.session_state
    try:
        store()  # opens the store once per process; purges expired drafts at most hourly
    except Exception as exc:  # the database is away: sync() will say so if it matters
        log.warning("opening the draft store failed: %s", type(exc).__name__)
    if not ss.get(_STARTED):
        ss[_STARTED] = True
        ss.setdefault(_OFF, False)
        ss[_TOKEN] = ss[_VERSION] = ss[_SAVED] = None
        _restore()
    sync()


def _restore() -> None:
    """The first run of a session: bring back the draft named in the URL, if it still exists."""
    raw = st.query_params.get(QUERY_KEY)
    if raw is None:
        return
    if not is_token(raw):
        _forget_token()  # a mangled or hostile value: never sent to the database
        return
    try:
        draft = store().load(raw)
    except Exception as exc:  # the database is away: work on, session only
        log.warning("loading a draft failed: %s", type(exc).__name__)
        say("error", t("privacy.notice.unavailable"))
        return
    if draft is None:
        _forget_token()
        say("info", t("privacy.notice.expired", period=period()))
        return
    st.session_state["map"] = draft.ecomap
    st.session_state["lang"] = draft.ecomap.language
    _remember(draft.token, draft.version, draft.ecomap)
    say("success", t("privacy.notice.restored"))


def sync() -> None:
    """Save the session's map when it changed since the last save (call at the end of a run)."""
    ss = st.session_state
    if not ss.get(_STARTED) or ss.get(_OFF):
        return
    ecomap = current()
    if ecomap.to_json() == ss.get(_SAVED):
        return
    token = ss.get(_TOKEN)
    if token is None and _is_blank(ecomap):
        return
    try:
        drafts = store()
        if token is None:
            draft = drafts.create(ecomap)
        else:
            try:
                draft = drafts.save(token, ecomap, expected_version=ss.get(_VERSION))
            except DraftConflict:
                # The same link is open in another window that saved in between. What this
                # window shows is what its user just did: it wins, and we say so.
                draft = drafts.save(token, ecomap)
                say("info", t("privacy.notice.other_window"))
    except DraftNotFound:  # expired or deleted elsewhere: keep the answers in a new draft
        _forget_token()
        sync()
        return
    except Exception as exc:
        log.warning("saving a draft failed: %s", type(exc).__name__)
        if not ss.get(_FAILED):
            say("error", t("privacy.notice.save_failed"))
        ss[_FAILED] = True
        return
    ss[_FAILED] = False
    _remember(draft.token, draft.version, ecomap)


def delete_now() -> None:
    """Remove the draft at once and start again with an empty map (a button callback)."""
    ss = st.session_state
    token = ss.get(_TOKEN)
    if token is not None:
        try:
            store().delete(token)
        except Exception as exc:
            log.warning("deleting a draft failed: %s", type(exc).__name__)
            say("error", t("privacy.notice.save_failed"))
            return
    keep = {key: ss[key] for key in KEEP_ON_DELETE if key in ss}
    off = bool(ss.get(_OFF))
    for key in list(ss.keys()):
        del ss[key]  # every answer, the undo history and widget values with names in them
    ss.update(keep)
    ss["map"] = EcoMap(language=lang())
    ss["messages"] = []
    ss[_STARTED] = True
    ss[_OFF] = off
    _forget_token()
    say("success", t("privacy.delete.done"))


def _off_changed() -> None:
    """The "keep nothing" switch: on removes the draft from the server and the link."""
    ss = st.session_state
    off = bool(ss[_OFF_WIDGET])
    ss[_OFF] = off
    if off:
        token = ss.get(_TOKEN)
        if token is not None:
            try:
                store().delete(token)
            except Exception as exc:
                log.warning("deleting a draft failed: %s", type(exc).__name__)
        _forget_token()


def privacy_panel() -> None:
    """For the start screen: what is kept, where and how long; "keep nothing"; "delete now"."""
    ss = st.session_state
    st.subheader(t("privacy.title"))
    if ss.get(_OFF):
        st.markdown(t("privacy.do_not_save.on"))
    else:
        st.markdown(t(f"privacy.kept.{mode()}", period=period()))
    ss[_OFF_WIDGET] = bool(ss.get(_OFF))
    st.toggle(t("privacy.do_not_save.label"), key=_OFF_WIDGET, on_change=_off_changed)
    delete_button()


def delete_button() -> None:
    """ "Delete everything now": shown whenever there is something to delete."""
    if st.session_state.get(_TOKEN) is not None or not _is_blank(current()):
        st.button(t("privacy.delete.button"), key=DELETE_BUTTON, on_click=delete_now)
