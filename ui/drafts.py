"""Drafts in the app: the family's answers survive a reload, a dropped connection or a restart.

The draft lives server-side in the store (``ecomap.store``) under an unguessable token; the token
lives only in this browser's page URL (``?d=...``). So a reload finds the same draft, and another
browser without the link finds nothing. The app calls two functions:

- ``start()`` near the top of every run: on a session's first run it loads the draft named in the
  URL (or says that it is gone); on every run it looks whether another window changed the draft
  (also every ``CHECK_EVERY_SECONDS`` while the window is idle, in a small fragment).
- ``finish()`` at the end of every run: saves what changed in this run, in callbacks or while the
  page was drawn. Saving after drawing, not before, lets a typed name reach the map without
  waiting for the database (a save is 3-30 ms, more under load). When the save itself changes
  what the page should show (another window saved in the same moment and its changes were merged
  in, the draft was deleted elsewhere, saving failed), the page runs once more to show it.

Two windows on one draft (two tabs, a phone and a laptop) never lose each other's work. A window
remembers the map it last saved or loaded; when the stored draft moved on (its save is refused
as a conflict, or a check finds a newer version) it merges both with ``ecomap.merge``: whatever
does not collide is kept from both, and it says so. A collision (the same thing filled in
differently in both windows) keeps the stored version, which the other window already shows;
this window's whole version is saved as a copy, a draft of its own with its own link, and both
windows show that link (the copy is listed with the draft and deleted with it). The undo history
gets the other window's changes too (``ui.state.take_in``).

"Delete everything now" (or "keep nothing") in one window deletes the draft for every window: the
store marks it deleted on purpose, and a window that still holds it clears its answers and says
why, instead of saving them again as a new draft. A draft that merely expired starts afresh.

A draft row is created at the first change, not at the first visit: somebody who only looks, or
who chooses "keep nothing" first, never leaves a row behind. ``privacy_panel()`` draws the start
screen's plain words on what is kept, where and for how long, the "keep nothing" switch and the
"delete everything now" button.

The store is opened once per process (``store()``): it holds a connection pool and settings,
never a family's data, so sharing it between sessions is safe. Expired drafts are purged
when the store opens and then at most once an hour, on some session's rerun.

Errors while saving never cost the session its map: the answers stay on screen, a friendly
sentence says saving failed, and the next run tries again. Logs get the error's type only.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache

import streamlit as st

from ecomap.edit import set_language
from ecomap.merge import Collision, merge
from ecomap.model import EcoMap
from ecomap.store import (
    Draft,
    DraftConflict,
    DraftDeleted,
    DraftNotFound,
    DraftStore,
    default_url,
    is_token,
    open_store,
    retention_from_env,
)
from ecomap.texts.catalog import has
from ui.address import chosen_language
from ui.dossier import NOTE
from ui.state import current, keep_shown, say, session_defaults, take_in
from ui.texts import lang, mode, plain, t

log = logging.getLogger(__name__)

QUERY_KEY = "d"
"""The URL parameter that carries the draft token."""

PURGE_EVERY_SECONDS = 3600
"""Expired drafts are removed at most this often (seconds), besides once when the store opens."""

CHECK_EVERY_SECONDS = 5
"""An idle window looks this often (seconds) whether another window changed its draft: one
look-up of the version number, a full load only when it changed."""

SAVE_ATTEMPTS = 5
"""How often one save merges and tries again when other windows keep saving in between."""

KEEP_ON_DELETE = ("lang", "mode")
"""Session keys that survive "delete everything now": choices, not family data."""

# Session keys of this module (everything else in the session belongs to the app).
_STARTED = "draft-started"
_TOKEN = "draft-token"
_VERSION = "draft-version"
_SAVED = "draft-saved-json"
_OFF = "draft-off"
_FAILED = "draft-failed"
_COPIES = "draft-copies"
"""Session key: tokens of the copies of this draft that this window has shown a link to."""
_RUNNING = "draft-full-run"
"""Session key: True from ``start`` to ``finish`` of a run of the whole page (a run of the
watching fragment alone has neither)."""
_OFF_WIDGET = "draft-off-choice"
DELETE_BUTTON = "draft-delete"
DELETE_YES = "draft-delete-yes"
DELETE_NO = "draft-delete-no"
UNDO_DELETE = "draft-delete-undo"
_ASK_DELETE = "draft-delete-ask"
_WIPED = "draft-wiped"
"""Session key: (the deleted map's JSON, when) for a short undo; this window's memory only."""
UNDO_SECONDS = 60
"""How long "delete everything now" can be undone. The answers are then only in this window's
memory on the server (not in the database); after this they are gone from there too."""


@dataclass
class _Opened:
    """A store and when it last purged expired drafts (``time.monotonic()``): settings and a
    connection pool, never a family's data."""

    store: DraftStore
    purged_at: float
    purging: threading.Lock = field(default_factory=threading.Lock)


_OPENING = threading.Lock()


@cache
def _opened(url: str, retention_seconds: float) -> _Opened:
    """One store per process and database (the URL is the key, so tests can use many)."""
    opened = open_store(url, timedelta(seconds=retention_seconds))
    opened.purge_expired()
    return _Opened(opened, time.monotonic())


def store() -> DraftStore:
    """The process's draft store (opened, and its expired drafts purged, on first use; purged
    again at most once every ``PURGE_EVERY_SECONDS``, by whichever run comes first).

    ``functools.cache`` and a clock, not ``st.cache_resource``/``st.cache_data``: this runs
    several times in every script run, and Streamlit's caches hash their arguments each call."""
    with _OPENING:
        opened = _opened(default_url(), retention_from_env().total_seconds())
    now = time.monotonic()
    if now - opened.purged_at >= PURGE_EVERY_SECONDS and opened.purging.acquire(blocking=False):
        try:
            opened.purged_at = now
            opened.store.purge_expired()
        finally:
            opened.purging.release()
    return opened.store


def period() -> str:
    """The retention time in words ("7 dagen"); at least one day, rounded to whole days."""
    days = max(1, round(retention_from_env() / timedelta(days=1)))
    return t("privacy.period", count=days)


def _forget_token() -> None:
    ss = st.session_state
    ss[_TOKEN] = None
    ss[_VERSION] = None
    ss[_SAVED] = None
    ss[_COPIES] = []
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
    except Exception as exc:  # the database is away: finish() will say so if it matters
        log.warning("opening the draft store failed: %s", type(exc).__name__)
    if not ss.get(_STARTED):
        ss[_STARTED] = True
        ss.setdefault(_OFF, False)
        ss[_TOKEN] = ss[_VERSION] = ss[_SAVED] = None
        ss[_COPIES] = []
        _restore()
    if ss.get(_WIPED) is not None:
        _forget_wiped()
    ss[_RUNNING] = True


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
        gone = "deleted" if _was_deleted(raw) else "expired"
        say("info", t(f"privacy.notice.{gone}", period=period()))
        return
    st.session_state["map"] = draft.ecomap
    chosen = chosen_language()
    if chosen is None:
        st.session_state["lang"] = draft.ecomap.language
    elif chosen != draft.ecomap.language:  # this window's language, from its address
        st.session_state["map"] = set_language(draft.ecomap, chosen)
    _remember(draft.token, draft.version, draft.ecomap)
    say("success", t("privacy.notice.restored"))
    st.session_state[_COPIES] = list(draft.copies)  # listed on the start screen, where this opens


def _was_deleted(token: str) -> bool:
    try:
        return store().was_deleted(token)
    except Exception as exc:
        log.warning("looking up a deleted draft failed: %s", type(exc).__name__)
        return False


def _link(token: str) -> str:
    """A Markdown link to a draft (the same page with another ``?d=``)."""
    return f"[{t('privacy.copy.link')}](?{QUERY_KEY}={token})"


def _tell_copies(draft: Draft) -> None:
    """Show a link to every copy of this draft that this window has not shown yet."""
    told: list[str] = st.session_state[_COPIES]
    for copy in draft.copies:
        if copy not in told:
            told.append(copy)
            say("info", t("privacy.notice.copy", link=_link(copy)))


def _what(collisions: tuple[Collision, ...], *maps: EcoMap) -> str:
    """The people and fields that collided, in words ("Oma Ans, de notitie")."""
    named = {p.id: p.name for m in reversed(maps) for p in m.people}
    parts: list[str] = []
    for c in collisions:
        if c.person_id is not None:
            part = plain(named[c.person_id])
        else:
            key = f"privacy.collision.{c.field}"
            part = t(key) if has(key, lang()) else t(f"errors.field.{c.field}")
        if part not in parts:
            parts.append(part)
    return ", ".join(parts)


def _take_in(drafts: DraftStore, stored: Draft) -> EcoMap:
    """Merge the stored draft (saved by another window) into this window's map; say what
    happened. On a collision this window's own version is first saved as a copy (nothing here
    changes if that fails). Returns the merged map, which is now the session's map."""
    ss = st.session_state
    base = EcoMap.from_json(ss[_SAVED])
    mine = current()
    result = merge(base, mine, stored.ecomap)
    if result.collisions:
        copy = drafts.create(mine, copy_of=stored.token)
        ss[_COPIES].append(copy.token)
        what = _what(result.collisions, result.ecomap, mine)
        say("info", t("privacy.notice.collision", what=what, link=_link(copy.token)))
    elif result.ecomap != mine:
        say("info", t("privacy.notice.merged"))
    _tell_copies(stored)
    take_in(result.ecomap, lambda earlier: merge(base, earlier, stored.ecomap).ecomap, NOTE)
    ss[_VERSION] = stored.version
    ss[_SAVED] = stored.ecomap.to_json()
    return result.ecomap


def _save(drafts: DraftStore, token: str, ecomap: EcoMap) -> Draft:
    """Save with the version this window last saw; when another window saved in between, merge
    its changes in and try again with the stored version."""
    for _ in range(SAVE_ATTEMPTS):
        try:
            return drafts.save(token, ecomap, expected_version=st.session_state.get(_VERSION))
        except DraftConflict:
            stored = drafts.load(token)
            if stored is None:
                gone = DraftDeleted if drafts.was_deleted(token) else DraftNotFound
                raise gone("no draft under this token") from None
            ecomap = _take_in(drafts, stored)
            if ecomap == stored.ecomap:
                return stored  # everything this window had is in the stored draft already
    raise DraftConflict("other windows kept saving")


def _check_other_windows() -> bool:
    """Whether another window changed or deleted this window's draft; if so, this window now
    shows it (merged in, or cleared). Cheap when nothing changed: one version look-up."""
    ss = st.session_state
    token = ss.get(_TOKEN)
    if token is None or ss.get(_OFF):
        return False
    try:
        drafts = store()
        version = drafts.version(token)
        if version == ss.get(_VERSION):
            return False
        if version is None:
            if not drafts.was_deleted(token):
                return False  # expired: the next save starts a new draft, as before
            _deleted_elsewhere()
            return True
        stored = drafts.load(token)
        if stored is None:
            return False
        _take_in(drafts, stored)
    except Exception as exc:  # the database is away: the next save will say so if it matters
        log.warning("checking the draft failed: %s", type(exc).__name__)
        return False
    return True


@st.fragment(run_every=CHECK_EVERY_SECONDS)
def _watch() -> None:
    """Runs on its own every few seconds: when another window changed the draft, the whole page
    runs again to show it (widgets are set from the map). A run of the whole page looks in
    ``finish`` instead, once the page is sent: the look-up took 1.5-2.7 ms of every change's
    way to the map in the server (``bench/NOTES.md``, 2026-12-03, night)."""
    if not st.session_state.get(_RUNNING) and _check_other_windows():
        st.rerun()


def finish() -> None:
    """Call at the end of every run: save, and run the page once more when saving changed what
    it shows (a merged map, answers cleared because the draft was deleted elsewhere, a message
    such as "saving failed") or made a new draft (the page then starts watching it for other
    windows), or when another window changed the draft (looked up here, after drawing: see
    ``_watch``). Each of these happens once, so this never loops."""
    ss = st.session_state
    shown, told, token = current(), len(ss["messages"]), ss.get(_TOKEN)
    if ss.get(_RUNNING) and token is not None and not ss.get(_OFF):
        _check_other_windows()
        # The watching fragment is the page's last element: everything before it is sent
        # without waiting for it, and it moves nothing on the page when it appears.
        _watch()
    ss.pop(_RUNNING, None)
    _sync()
    again = current() != shown or len(ss["messages"]) > told or ss.get(_TOKEN) != token
    keep_shown(again)  # what this run showed stays on the screen
    if again:
        st.rerun()


def _sync() -> None:
    """Save the session's map when it changed since the last save."""
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
        draft = drafts.create(ecomap) if token is None else _save(drafts, token, ecomap)
    except DraftDeleted:  # deleted in another window: its answers go too
        _deleted_elsewhere()
        return
    except DraftNotFound:  # expired: keep the answers in a new draft
        _forget_token()
        _sync()
        return
    except Exception as exc:
        log.warning("saving a draft failed: %s", type(exc).__name__)
        if not ss.get(_FAILED):
            say("error", t("privacy.notice.save_failed"))
        ss[_FAILED] = True
        return
    ss[_FAILED] = False
    _remember(draft.token, draft.version, draft.ecomap)


def _wiped() -> str | None:
    """The map deleted a moment ago (JSON), while it can still be undone."""
    wiped = st.session_state.get(_WIPED)
    if not isinstance(wiped, tuple):
        return None
    if time.monotonic() - wiped[1] > UNDO_SECONDS:
        st.session_state.pop(_WIPED, None)
        return None
    answer: str = wiped[0]
    return answer


@st.fragment(run_every=5)
def _forget_wiped() -> None:
    """While a deletion can be undone: once the time is up, forget the answers and redraw (the
    undo button goes)."""
    if _wiped() is None:
        st.rerun()


def _ask_delete() -> None:
    st.session_state[_ASK_DELETE] = True


def _keep_all() -> None:
    st.session_state.pop(_ASK_DELETE, None)


def _undo_delete() -> None:
    """Bring the deleted answers back, as a new draft (the old link stays deleted)."""
    wiped = _wiped()
    st.session_state.pop(_WIPED, None)
    if wiped is None:
        return
    st.session_state["map"] = EcoMap.from_json(wiped)
    say("success", t("privacy.delete.undone"))


def delete_now() -> None:
    """Remove the draft (for every window) at once and start again with an empty map (the "yes,
    delete everything" callback). For ``UNDO_SECONDS`` this window can still undo it."""
    wiped = current().to_json()
    token = st.session_state.get(_TOKEN)
    if token is not None:
        try:
            store().delete(token)
        except Exception as exc:
            log.warning("deleting a draft failed: %s", type(exc).__name__)
            say("error", t("privacy.notice.save_failed"))
            return
    _clear_answers("success", t(f"privacy.delete.done.{mode()}", seconds=UNDO_SECONDS))
    st.session_state[_WIPED] = (wiped, time.monotonic())


def _deleted_elsewhere() -> None:
    _clear_answers("info", t("privacy.notice.deleted_elsewhere"))


def _clear_answers(kind: str, message: str) -> None:
    """An empty map, nothing of the old answers left in the session, and ``message``."""
    ss = st.session_state
    keep = {key: ss[key] for key in KEEP_ON_DELETE if key in ss}
    off = bool(ss.get(_OFF))
    for key in list(ss.keys()):
        del ss[key]  # every answer, the undo history and widget values with names in them
    ss.update(session_defaults() | keep)
    ss["map"] = EcoMap(language=lang())
    ss[_STARTED] = True
    ss[_OFF] = off
    _forget_token()
    say(kind, message)


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
    st.subheader(t("privacy.title"), anchor=False)
    if ss.get(_OFF):
        st.markdown(t("privacy.do_not_save.on"))
    else:
        st.markdown(t(f"privacy.kept.{mode()}", period=period()))
        for copy in ss.get(_COPIES) or []:
            st.markdown(t("privacy.copy.listed", link=_link(copy)))
    ss[_OFF_WIDGET] = bool(ss.get(_OFF))
    st.toggle(t("privacy.do_not_save.label"), key=_OFF_WIDGET, on_change=_off_changed)
    delete_button()


def delete_button() -> None:
    """ "Delete everything now", shown whenever there is something to delete: it asks first,
    and can be undone for a short while."""
    ss = st.session_state
    if ss.get(_ASK_DELETE):
        st.warning(t(f"privacy.delete.confirm.{mode()}"))
        with st.container(horizontal=True):
            st.button(t("privacy.delete.yes"), key=DELETE_YES, on_click=delete_now)
            st.button(t("privacy.delete.no"), key=DELETE_NO, on_click=_keep_all, type="primary")
        return
    if _wiped() is not None:
        st.button(t("privacy.delete.undo"), key=UNDO_DELETE, on_click=_undo_delete, type="primary")
    if ss.get(_TOKEN) is not None or not _is_blank(current()):
        st.button(t("privacy.delete.button"), key=DELETE_BUTTON, on_click=_ask_delete)
