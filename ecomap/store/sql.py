"""Drafts in a SQL database through SQLAlchemy Core: SQLite by default, PostgreSQL for a cluster.

Two tables. ``drafts``: the token (primary key), the map as JSON text, a version counter, when it
was last saved, when it expires, and the token of the draft it is a copy of (if any).
``deleted_drafts``: the SHA-256 of each token deleted on purpose, until the retention has passed.
SQLite needs no set-up (a file); PostgreSQL lets several app instances behind a load balancer
share one database. The schema is created on first start (and ``copy_of`` added to a ``drafts``
table made before copies existed).

Concurrency: every save is one ``UPDATE ... WHERE token = ? AND version = ?`` whose affected row
count tells whether it won, so two writers can never both win with the same version (atomic
compare-and-set in the database, no lock held between reading and writing). SQLite runs in WAL
mode with a busy timeout so that threads wait for each other instead of failing.

Privacy: SQLAlchemy never echoes, its statement parameters are hidden in logs and error messages
(``hide_parameters``), and this engine's own logger is capped at WARNING so that even a DEBUG
logging set-up cannot print fetched rows (the family's data) or tokens.

Deleted means gone from the files too. SQLite runs with ``secure_delete`` (freed space is
overwritten with zeros), and after every delete and purge a ``wal_checkpoint(TRUNCATE)`` copies the
current pages into ``drafts.db`` and empties ``drafts.db-wal``, which otherwise keeps the deleted
row and older versions of every draft. The database file is created 0600 before SQLite opens it;
SQLite gives ``-wal`` and ``-shm`` the database file's mode, and files an older version left
readable are made 0600 when the store opens. PostgreSQL keeps a deleted row in the table's file
until VACUUM removes it, so the store runs ``VACUUM`` on the table after every delete and purge;
the server's write-ahead log (``pg_wal``), replicas and backups keep it until the server recycles
them, which is the database operator's setting (see README).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    and_,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.elements import ColumnElement

from ecomap.model import EcoMap
from ecomap.store.base import (
    TOKEN_LENGTH,
    Draft,
    DraftConflict,
    DraftDeleted,
    DraftError,
    DraftNotFound,
    is_token,
    new_token,
)

log = logging.getLogger(__name__)

ENGINE_LOGGING_NAME = "ecomap_drafts"
"""Names this engine's SQLAlchemy loggers, so that they can be capped (see module docstring)."""

logging.getLogger(f"sqlalchemy.engine.Engine.{ENGINE_LOGGING_NAME}").setLevel(logging.WARNING)

SQLITE_BUSY_TIMEOUT_MS = 30_000
"""How long (milliseconds) a SQLite writer waits for another one before giving up."""

CONNECT_TIMEOUT_SECONDS = 10
"""How long (seconds) to wait for a PostgreSQL server that does not answer."""

UPDATE_ATTEMPTS = 200
"""How often ``update`` re-reads and retries after losing a race before it gives up."""


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _reconnecting(
    method: Callable[Concatenate[SqlDraftStore, _P], _R],
) -> Callable[Concatenate[SqlDraftStore, _P], _R]:
    """Run a store method once more when its database connection turned out to be dead (the
    server restarted, a network blip, an idle connection dropped): SQLAlchemy then throws that
    connection and the pool's older ones away, so the second try gets a fresh one.

    This replaces ``pool_pre_ping``, which paid a ``SELECT 1`` round trip on every checkout
    (twice per change, once per idle window's check every 5 s) to notice the same rare event
    beforehand. A try that failed this way committed nothing, so trying again is safe."""

    @functools.wraps(method)
    def again(store: SqlDraftStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(store, *args, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            log.info("the database connection was lost; trying once more")
            return method(store, *args, **kwargs)

    return again


def _utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every database.

    PostgreSQL has ``timestamptz``; SQLite stores text without a zone. Values are converted to
    UTC before they are written and come back aware, so comparisons agree on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

drafts = Table(
    "drafts",
    metadata,
    Column("token", String(TOKEN_LENGTH), primary_key=True),
    Column("data", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
    Column("copy_of", String(TOKEN_LENGTH), nullable=True),
    Index("ix_drafts_copy_of", "copy_of"),
)
"""The drafts. ``data`` is the map's JSON (the same format as an exported file); ``copy_of`` is
the token of the draft this one was set aside from, or NULL."""

deleted_drafts = Table(
    "deleted_drafts",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("expires_at", UtcDateTime, nullable=False, index=True),
)
"""Drafts deleted on purpose: the SHA-256 (hex) of the token, nothing else, for the retention."""

COPY_DEPTH = 10
"""How deep copies of copies are followed when a draft is deleted (one level is the rule)."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class InvalidDraft(DraftError, ValueError):
    """The map does not pass validation, so it was not saved (it could not be read back)."""


def normalise_url(url: str | URL) -> URL:
    """Plain ``postgresql://`` and ``postgres://`` URLs use psycopg 3 (the driver we ship)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def _make_engine(url: URL) -> Engine:
    options: dict[str, Any] = {
        "echo": False,
        "echo_pool": False,
        "hide_parameters": True,
        "logging_name": ENGINE_LOGGING_NAME,
    }
    if url.get_backend_name() == "sqlite":
        options["connect_args"] = {
            "check_same_thread": False,
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
        }
        if _sqlite_file(url) is None:  # in memory: one shared connection, or each sees its own
            options["poolclass"] = StaticPool
        else:
            options["pool_size"] = 10
            options["max_overflow"] = 20
    else:
        options["pool_size"] = 5
        options["max_overflow"] = 20
        if url.get_backend_name() == "postgresql":
            # Seconds; a database that is away must not hang a family's page for minutes.
            options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    engine = create_engine(url, **options)
    if url.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
                cursor.execute("PRAGMA secure_delete = ON")
                if _sqlite_file(url) is not None:
                    cursor.execute("PRAGMA journal_mode = WAL")
                    cursor.execute("PRAGMA synchronous = NORMAL")
            finally:
                cursor.close()

    return engine


SQLITE_SIDE_FILES = ("-wal", "-shm")


def _private_files(path: Path) -> None:
    """Family data is readable by the app's user only: the folder 0700 when we make it, the
    database file created 0600 before SQLite opens it (SQLite then gives ``-wal`` and ``-shm`` the
    same mode), and any file an older version left readable made 0600."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        if file.exists():
            os.chmod(file, 0o600)


class SqlDraftStore:
    """The :class:`~ecomap.store.base.DraftStore` on SQLite or PostgreSQL.

    ``url`` is a SQLAlchemy URL (``sqlite:///data/drafts.db``, ``postgresql://user@host/db``);
    ``retention`` is how long an untouched draft lives. ``clock`` returns the current time (aware
    UTC); tests pass their own. Safe to share between threads: it holds a connection pool only.
    """

    def __init__(
        self,
        url: str | URL,
        retention: timedelta,
        *,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        if retention <= timedelta(0):
            raise ValueError("retention must be positive")
        self._retention = retention
        self._clock = clock
        self.url = normalise_url(url)
        self._path = _sqlite_file(self.url)
        if self._path is not None:
            _private_files(self._path)
        self._engine = _make_engine(self.url)
        self._create_schema()

    @property
    def retention(self) -> timedelta:
        return self._retention

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for maintenance and tests; the app needs only the methods)."""
        return self._engine

    def _create_schema(self) -> None:
        """Create the tables on first start. Two instances starting at once may race: the loser's
        CREATE (or ALTER) fails, and a second look finds what the winner made."""
        try:
            self._create_or_upgrade()
        except DBAPIError:
            time.sleep(0.2)
            self._create_or_upgrade()

    def _create_or_upgrade(self) -> None:
        metadata.create_all(self._engine, checkfirst=True)
        columns = {c["name"] for c in inspect(self._engine).get_columns(drafts.name)}
        if "copy_of" not in columns:  # a database made before copies existed
            with self._engine.begin() as conn:
                conn.exec_driver_sql(
                    f"ALTER TABLE {drafts.name} ADD COLUMN copy_of VARCHAR({TOKEN_LENGTH})"
                )
            for index in drafts.indexes:
                index.create(self._engine, checkfirst=True)

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return a timezone-aware time")
        return now.astimezone(UTC)

    def _live(self, now: datetime) -> ColumnElement[bool]:
        """Not expired: by its stored expiry, and by the current retention (which may have been
        shortened since the draft was saved)."""
        return and_(drafts.c.expires_at > now, drafts.c.updated_at > now - self._retention)

    @staticmethod
    def _serialise(ecomap: EcoMap) -> str:
        """The map as JSON, checked to read back: a draft that cannot be loaded is a lost draft."""
        data = ecomap.model_dump_json()
        try:
            EcoMap.model_validate_json(data)
        except ValidationError:
            raise InvalidDraft("the map is not valid; nothing was saved") from None
        return data

    @_reconnecting
    def create(self, ecomap: EcoMap, *, copy_of: str | None = None) -> Draft:
        if copy_of is not None and not is_token(copy_of):
            raise DraftNotFound("no draft under this token")
        data = self._serialise(ecomap)
        for _ in range(3):
            token = new_token()
            now = self._now()
            try:
                with self._engine.begin() as conn:
                    conn.execute(
                        insert(drafts).values(
                            token=token,
                            data=data,
                            version=1,
                            updated_at=now,
                            expires_at=now + self._retention,
                            copy_of=copy_of,
                        )
                    )
            except IntegrityError:  # a token collision: 2**-192, but never overwrite a draft
                continue
            return Draft(token, EcoMap.model_validate_json(data), 1, now)
        raise DraftError("could not create a draft")

    @_reconnecting
    def load(self, token: str) -> Draft | None:
        if not is_token(token):
            return None
        now = self._now()
        with self._engine.connect() as conn:
            row = conn.execute(
                select(drafts.c.data, drafts.c.version, drafts.c.updated_at).where(
                    drafts.c.token == token, self._live(now)
                )
            ).first()
            if row is None:
                return None
            copies = tuple(
                conn.execute(
                    select(drafts.c.token)
                    .where(drafts.c.copy_of == token, self._live(now))
                    .order_by(drafts.c.updated_at)
                ).scalars()
            )
        try:
            ecomap = EcoMap.model_validate_json(row.data)
        except ValidationError:
            log.warning("a stored draft could not be read (written by another version?)")
            return None
        return Draft(token, ecomap, int(row.version), row.updated_at, copies)

    @_reconnecting
    def version(self, token: str) -> int | None:
        if not is_token(token):
            return None
        with self._engine.connect() as conn:
            found = conn.execute(
                select(drafts.c.version).where(drafts.c.token == token, self._live(self._now()))
            ).scalar_one_or_none()
        return None if found is None else int(found)

    @_reconnecting
    def was_deleted(self, token: str) -> bool:
        if not is_token(token):
            return False
        with self._engine.connect() as conn:
            found = conn.execute(
                select(deleted_drafts.c.digest).where(
                    deleted_drafts.c.digest == _digest(token),
                    deleted_drafts.c.expires_at > self._now(),
                )
            ).first()
        return found is not None

    @_reconnecting
    def save(self, token: str, ecomap: EcoMap, expected_version: int | None = None) -> Draft:
        if not is_token(token):
            raise DraftNotFound("no draft under this token")
        data = self._serialise(ecomap)
        now = self._now()
        stmt = (
            update(drafts)
            .where(drafts.c.token == token, self._live(now))
            .values(
                data=data,
                version=drafts.c.version + 1,
                updated_at=now,
                expires_at=now + self._retention,
            )
            .returning(drafts.c.version)
        )
        if expected_version is not None:
            stmt = stmt.where(drafts.c.version == expected_version)
        with self._engine.begin() as conn:
            version = conn.execute(stmt).scalar_one_or_none()
        if version is None:
            if expected_version is not None and self.version(token) is not None:
                raise DraftConflict("the draft was changed by someone else; reload and retry")
            if self.was_deleted(token):
                raise DraftDeleted("this draft was deleted on purpose")
            raise DraftNotFound("no draft under this token")
        return Draft(token, EcoMap.model_validate_json(data), int(version), now)

    def update(self, token: str, fn: Callable[[EcoMap], EcoMap]) -> Draft:
        for attempt in range(UPDATE_ATTEMPTS):
            draft = self.load(token)
            if draft is None:
                if self.was_deleted(token):
                    raise DraftDeleted("this draft was deleted on purpose")
                raise DraftNotFound("no draft under this token")
            try:
                return self.save(token, fn(draft.ecomap), expected_version=draft.version)
            except DraftConflict:
                # Jittered back-off (seconds) so that losers do not collide again in lockstep.
                time.sleep(random.uniform(0, min(0.05, 0.002 * (attempt + 1))))
        raise DraftConflict("the draft kept changing; try again")

    @_reconnecting
    def delete(self, token: str) -> bool:
        """Delete the draft and its copies (and theirs), and mark every one deleted on purpose
        (also when the draft itself had just expired: a window may still hold its answers)."""
        if not is_token(token):
            return False
        expires = self._now() + self._retention
        with self._engine.begin() as conn:
            doomed, todo = [token], [token]
            for _ in range(COPY_DEPTH):
                todo = list(
                    conn.execute(select(drafts.c.token).where(drafts.c.copy_of.in_(todo))).scalars()
                )
                if not todo:
                    break
                doomed += todo
            removed = conn.execute(delete(drafts).where(drafts.c.token == token)).rowcount > 0
            conn.execute(delete(drafts).where(drafts.c.token.in_(doomed)))
            digests = [_digest(t) for t in doomed]
            conn.execute(delete(deleted_drafts).where(deleted_drafts.c.digest.in_(digests)))
            conn.execute(
                insert(deleted_drafts), [{"digest": d, "expires_at": expires} for d in digests]
            )
        self._scrub()
        return removed

    def _scrub(self) -> None:
        """Make what was deleted unreadable in the database's files (see the module docstring).
        A failure is logged (its type only) and left to the next delete or purge."""
        try:
            if self._path is not None:
                with self._engine.connect() as conn:
                    busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
                if busy:
                    log.warning("the draft database was busy; its log is emptied at the next try")
            elif self._engine.dialect.name == "postgresql":
                vacuum = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
                with vacuum as conn:
                    conn.exec_driver_sql(f"VACUUM {drafts.name}")
        except DBAPIError as exc:
            log.warning("cleaning up after a delete failed: %s", type(exc).__name__)

    @_reconnecting
    def purge_expired(self, now: datetime | None = None) -> int:
        moment = self._now() if now is None else now.astimezone(UTC)
        with self._engine.begin() as conn:
            removed = conn.execute(
                delete(drafts).where(
                    or_(
                        drafts.c.expires_at <= moment,
                        drafts.c.updated_at <= moment - self._retention,
                    )
                )
            ).rowcount
            conn.execute(delete(deleted_drafts).where(deleted_drafts.c.expires_at <= moment))
        if removed:
            log.info("removed %d expired drafts", removed)
        self._scrub()  # also drops older versions of live drafts from the SQLite log, hourly
        return int(removed)

    def close(self) -> None:
        self._engine.dispose()
