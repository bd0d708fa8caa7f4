"""The draft store's small interface: what the app needs to keep a family's answers safe.

A draft is one family's map in progress, kept server-side under an unguessable token that lives
only in that browser's page URL. A reload, a dropped connection or a server restart finds the same
draft again through the token; another browser, without the token, finds nothing.

Writes use optimistic concurrency: every draft carries a version counter that each save raises by
one. ``save(token, map, expected_version=v)`` refuses with :class:`DraftConflict` when somebody
else saved in between, so the caller can reload and re-apply its change. ``update(token, fn)``
does exactly that in a loop, which is why concurrent changes never lose an update.

A draft deleted on purpose ("delete everything now", "keep nothing") stays deleted: the store
keeps a hash of its token (never the token, never any data) for the retention period, so a
window that still holds the token learns it was deleted (:class:`DraftDeleted`) instead of
bringing the answers back. An expired draft leaves no such mark.

A *copy* is a draft of its own, made from another one (``create(map, copy_of=token)``): the
version a window sets aside when its edits collide with another window's. It is listed with the
draft it came from (``Draft.copies``) and deleted with it.

Nothing here logs map contents or tokens, and no exception message contains them: both are
family data (the token is the key to it).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from ecomap.model import EcoMap

TOKEN_BYTES = 24
"""Random bytes in a token: 192 bits, far beyond guessing (128 bits would already do)."""

TOKEN_LENGTH = 32
"""Characters in a token: base64url of 24 bytes, without padding."""

_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")

DEFAULT_RETENTION = timedelta(days=7)
"""How long an untouched draft is kept: long enough to pick it up after a weekend."""

MAX_RETENTION_DAYS = 366.0
"""Upper bound for ``ECOMAP_RETENTION_DAYS``: a draft is not an archive."""

RETENTION_ENV = "ECOMAP_RETENTION_DAYS"


def new_token() -> str:
    """A fresh draft token: 192 random bits from the OS's secure generator, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value: object) -> bool:
    """True when ``value`` has the exact shape of a token from :func:`new_token`.

    Checked before any query so that a hostile ``?d=`` value (very long, odd characters, SQL)
    never reaches the database at all.
    """
    return isinstance(value, str) and _TOKEN_SHAPE.fullmatch(value) is not None


def retention_from_env(environ: dict[str, str] | None = None) -> timedelta:
    """The retention time from ``ECOMAP_RETENTION_DAYS`` (days, may be fractional), default 7.

    A value that is not a number, or outside (0, 366] days, is a configuration mistake: it raises
    ValueError at start-up instead of keeping family data for an unintended time.
    """
    env = os.environ if environ is None else environ
    raw = env.get(RETENTION_ENV, "").strip()
    if not raw:
        return DEFAULT_RETENTION
    try:
        days = float(raw)
    except ValueError:
        raise ValueError(f"{RETENTION_ENV} must be a number of days, like 7") from None
    if not 0 < days <= MAX_RETENTION_DAYS:
        raise ValueError(f"{RETENTION_ENV} must be more than 0 and at most {MAX_RETENTION_DAYS:g}")
    return timedelta(days=days)


@dataclass(frozen=True)
class Draft:
    """One stored draft as read back: the map, its version counter and when it was last saved.

    ``updated_at`` is timezone-aware UTC. ``version`` starts at 1 and rises by one per save.
    """

    token: str
    ecomap: EcoMap
    version: int
    updated_at: datetime
    copies: tuple[str, ...] = ()
    """Tokens of the live copies made from this draft, oldest first."""


class DraftError(Exception):
    """Base class of store errors. Messages never contain the token or any map content."""


class DraftConflict(DraftError):
    """Somebody else saved the draft after you read it: reload it and apply your change again.

    Raised by ``save`` with a stale ``expected_version``; by ``update`` only when it kept losing
    the race for an unreasonable number of attempts.
    """


class DraftNotFound(DraftError, LookupError):
    """No draft under this token: never created, deleted, expired, or a malformed token."""


class DraftDeleted(DraftNotFound):
    """The draft was deleted on purpose (not expired): do not start it again with its answers."""


@runtime_checkable
class DraftStore(Protocol):
    """Where drafts live. Implementations must be safe to share between threads and processes.

    The store object holds only connections and settings, never a family's data, so one store per
    process may serve every user.
    """

    @property
    def retention(self) -> timedelta:
        """How long an untouched draft is kept before it expires."""
        ...

    def create(self, ecomap: EcoMap, *, copy_of: str | None = None) -> Draft:
        """Store ``ecomap`` under a new token (version 1); ``copy_of`` names the draft it is a
        copy of (it is then listed with that draft and deleted with it)."""
        ...

    def load(self, token: str) -> Draft | None:
        """The draft, or None for an unknown, expired, deleted or malformed token."""
        ...

    def version(self, token: str) -> int | None:
        """The stored version of a live draft, else None: one cheap look, for a window that
        checks now and then whether another window saved."""
        ...

    def was_deleted(self, token: str) -> bool:
        """Whether the draft was deleted on purpose within the retention period."""
        ...

    def save(self, token: str, ecomap: EcoMap, expected_version: int | None = None) -> Draft:
        """Replace the draft's map and raise its version by one; this also renews its expiry.

        With ``expected_version``, the save happens only when the stored version still equals it
        (compare-and-set); otherwise :class:`DraftConflict`. Without it, the last save wins.
        Raises :class:`DraftDeleted` when the draft was deleted on purpose, and
        :class:`DraftNotFound` when there is no (live) draft under ``token`` otherwise.
        """
        ...

    def update(self, token: str, fn: Callable[[EcoMap], EcoMap]) -> Draft:
        """Read, apply ``fn``, save with the version read; on a conflict, read again and retry.

        ``fn`` may run more than once, so it must be a pure function of the map it gets.
        Raises :class:`DraftNotFound` (or :class:`DraftDeleted`) when the draft is gone.
        """
        ...

    def delete(self, token: str) -> bool:
        """Remove the draft and its copies at once, and mark them deleted on purpose. True when
        there was one."""
        ...

    def purge_expired(self, now: datetime | None = None) -> int:
        """Remove every expired draft (and expired deletion marks); returns how many drafts.
        ``now`` defaults to the current time."""
        ...

    def close(self) -> None:
        """Release connections (the data stays)."""
        ...
