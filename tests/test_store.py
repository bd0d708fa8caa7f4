"""Drafts survive: the same suite runs on SQLite and on a real PostgreSQL server started here.

What a family would notice: what was entered comes back exactly after a reload or a restart; a
stranger without the token gets nothing; two sessions never see each other's people; 20 writers
at once lose no change; "delete now" and expiry really remove the row; nothing of the family ends
up in the logs.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pg import PgServer, running_postgres
from sqlalchemy import create_engine, text

from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.store import (
    DEFAULT_RETENTION,
    Draft,
    DraftConflict,
    DraftDeleted,
    DraftNotFound,
    DraftStore,
    InvalidDraft,
    SqlDraftStore,
    default_url,
    is_token,
    new_token,
    open_store,
    retention_from_env,
)

RETENTION = timedelta(days=7)
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand: expiry is tested without waiting or wall-clock time."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self.now += delta


def person(i: int | str, name: str | None = None) -> Person:
    return Person(id=f"p{i}", name=name or f"Person {i}", category=Category.INFORMAL_CLOSE)


def family_map() -> EcoMap:
    """A map with every kind of field filled, including text that tends to break things."""
    people = [
        Person(id="oma", name="Oma Fenneke 👵", role="oma (moeder van mij)", closeness=5,
               category=Category.INFORMAL_CLOSE),
        Person(id="buur", name="<b>Buurvrouw</b> 'Ans' \"&\"", role="buurvrouw",
               category=Category.INFORMAL_DISTANT, quality=Quality.MIXED),
        Person(id="cb", name="Verpleegkundige Ümit", role="JGZ", category=Category.FORMAL_EVERYDAY),
        Person(id="wt", name="وقت العائلة", role="wijkteam", closeness=1,
               category=Category.FORMAL_YOUTHCARE, quality=Quality.STRESSFUL),
    ]  # fmt: skip
    ties = [
        Tie(person_id="oma", form=SupportForm.PRACTICAL, direction=Direction.BOTH),
        Tie(person_id="oma", form=SupportForm.EMOTIONAL),
        Tie(person_id="buur", form=SupportForm.INFORMATIONAL, direction=Direction.GIVES),
        Tie(person_id="cb", form=SupportForm.NORMATIVE),
    ]
    return EcoMap(
        family_label="Gezin J.",
        filled_in_by="ouder",
        people=people,
        ties=ties,
        wishes=[SupportForm.PRACTICAL],
        note="Eerste regel.\nTweede regel; DROP TABLE drafts; --",
    )


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'drafts.db'}"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_store(store_url: str, clock: Clock) -> Iterator[Callable[..., SqlDraftStore]]:
    """Factory for store objects on the same database (a second one plays a restarted server)."""
    opened: list[SqlDraftStore] = []

    def make(retention: timedelta = RETENTION) -> SqlDraftStore:
        store = SqlDraftStore(store_url, retention, clock=clock)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: Callable[..., SqlDraftStore]) -> SqlDraftStore:
    return make_store()


def rows(url: str, where: str = "1=1") -> int:
    """Count rows in the drafts table by asking the database directly, past the store."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(text(f"SELECT count(*) FROM drafts WHERE {where}")).scalar_one()
            )
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- the suite


def test_is_a_draft_store(store: SqlDraftStore) -> None:
    assert isinstance(store, DraftStore)
    assert store.retention == RETENTION


def test_round_trip_returns_exactly_what_was_entered(store: SqlDraftStore, clock: Clock) -> None:
    original = family_map()
    created = store.create(original)
    assert created.version == 1
    assert created.updated_at == T0

    loaded = store.load(created.token)
    assert loaded is not None
    assert loaded.ecomap == original
    assert loaded.ecomap.to_json() == original.to_json()
    assert loaded.version == 1
    assert loaded.updated_at == T0

    clock.advance(timedelta(minutes=3))
    changed = original.model_copy(update={"people": [*original.people, person(9, "Tante Mies")]})
    saved = store.save(created.token, changed)
    assert saved.version == 2
    again = store.load(created.token)
    assert again is not None
    assert again.ecomap == changed
    assert again.version == 2
    assert again.updated_at == T0 + timedelta(minutes=3)


def test_restart_reads_the_same_draft(make_store: Callable[..., SqlDraftStore]) -> None:
    first = make_store()
    token = first.create(family_map()).token
    first.close()  # the server goes down over lunch

    second = make_store()  # and comes back: a new store on the same database
    draft = second.load(token)
    assert draft is not None
    assert draft.ecomap == family_map()


def test_tokens_are_unguessable(store: SqlDraftStore) -> None:
    tokens = [new_token() for _ in range(1000)]
    assert len(set(tokens)) == 1000
    for token in tokens:
        assert len(token) == 32  # 24 random bytes = 192 bits, base64url
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        assert is_token(token)
    made = {store.create(EcoMap()).token for _ in range(20)}
    assert len(made) == 20 and all(is_token(t) for t in made)


def test_another_browser_without_the_token_gets_nothing(store: SqlDraftStore) -> None:
    token = store.create(family_map()).token
    assert store.load(new_token()) is None
    assert store.load(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert store.load(token.lower() if token != token.lower() else token.upper()) is None


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        "x",
        "' OR '1'='1",
        "%' OR token LIKE '%",
        "a" * 33,
        "a" * 100_000,
        "../../etc/passwd",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\x00",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA A",
        "ÅAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
    ],
)
def test_malformed_token_gives_nothing_and_changes_nothing(
    store: SqlDraftStore, store_url: str, hostile: str
) -> None:
    store.create(family_map())
    assert not is_token(hostile)
    assert store.load(hostile) is None
    assert store.delete(hostile) is False
    with pytest.raises(DraftNotFound):
        store.save(hostile, EcoMap())
    with pytest.raises(DraftNotFound):
        store.update(hostile, lambda m: m)
    assert rows(store_url) == 1


def test_expired_draft_is_never_returned(store: SqlDraftStore, clock: Clock) -> None:
    token = store.create(family_map()).token
    clock.advance(RETENTION - timedelta(seconds=1))
    assert store.load(token) is not None
    clock.advance(timedelta(seconds=1))
    assert store.load(token) is None
    with pytest.raises(DraftNotFound):
        store.save(token, family_map())
    with pytest.raises(DraftNotFound):
        store.update(token, lambda m: m)


def test_each_save_renews_the_retention(store: SqlDraftStore, clock: Clock) -> None:
    token = store.create(EcoMap()).token
    for _ in range(3):  # a family working on the map every 6 days keeps it
        clock.advance(timedelta(days=6))
        store.update(token, lambda m: m.model_copy(update={"note": m.note + "x"}))
    clock.advance(timedelta(days=6))
    draft = store.load(token)
    assert draft is not None
    assert draft.ecomap.note == "xxx"


def test_shorter_retention_applies_to_existing_drafts(
    make_store: Callable[..., SqlDraftStore], clock: Clock
) -> None:
    token = make_store(timedelta(days=30)).create(EcoMap()).token
    clock.advance(timedelta(days=3))
    shorter = make_store(timedelta(days=2))  # the organisation tightened its policy
    assert shorter.load(token) is None
    assert shorter.purge_expired() == 1


def test_stale_version_is_a_conflict_and_keeps_the_winner(store: SqlDraftStore) -> None:
    token = store.create(EcoMap()).token
    mine = EcoMap(people=[person(1, "Mijn oma")])
    theirs = EcoMap(people=[person(2, "Hun buurman")])
    assert store.save(token, mine, expected_version=1).version == 2
    with pytest.raises(DraftConflict):
        store.save(token, theirs, expected_version=1)
    draft = store.load(token)
    assert draft is not None
    assert draft.version == 2
    assert [p.name for p in draft.ecomap.people] == ["Mijn oma"]
    # The loser reloads and re-applies: now it works.
    assert store.save(token, theirs, expected_version=draft.version).version == 3


def test_save_without_version_wins_and_unknown_token_is_not_found(store: SqlDraftStore) -> None:
    token = store.create(EcoMap()).token
    assert store.save(token, EcoMap(note="a")).version == 2
    assert store.save(token, EcoMap(note="b")).version == 3
    with pytest.raises(DraftNotFound):
        store.save(new_token(), EcoMap())
    with pytest.raises(DraftNotFound):
        store.save(new_token(), EcoMap(), expected_version=1)


def test_an_invalid_map_is_refused_and_the_draft_kept(store: SqlDraftStore) -> None:
    token = store.create(family_map()).token
    broken = EcoMap(people=[person(1)])
    broken.people.append(person(1))  # list mutation bypasses validation: two people, one id
    with pytest.raises(InvalidDraft):
        store.save(token, broken)
    with pytest.raises(InvalidDraft):
        store.create(broken)
    draft = store.load(token)
    assert draft is not None
    assert draft.ecomap == family_map()
    assert draft.version == 1


def test_twenty_writers_on_one_draft_lose_no_update(store: SqlDraftStore) -> None:
    token = store.create(EcoMap()).token
    start = threading.Barrier(20)

    def add(i: int) -> Draft:
        start.wait()
        return store.update(
            token, lambda m: m.model_copy(update={"people": [*m.people, person(i)]})
        )

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(add, range(20)))

    draft = store.load(token)
    assert draft is not None
    assert sorted(p.id for p in draft.ecomap.people) == sorted(f"p{i}" for i in range(20))
    assert draft.version == 21
    assert sorted(r.version for r in results) == list(range(2, 22))


def test_twenty_sessions_at_once_never_see_each_others_people(store: SqlDraftStore) -> None:
    start = threading.Barrier(20)

    def session(i: int) -> tuple[str, int]:
        start.wait()
        token = store.create(EcoMap(family_label=f"Gezin {i}")).token
        for j in range(3):
            store.update(
                token,
                lambda m, j=j: m.model_copy(
                    update={"people": [*m.people, person(f"{i}_{j}", f"Naam {i}-{j}")]}
                ),
            )
        return token, i

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(session, range(20)))

    assert len({token for token, _ in results}) == 20
    for token, i in results:
        draft = store.load(token)
        assert draft is not None
        assert draft.ecomap.family_label == f"Gezin {i}"
        assert [p.name for p in draft.ecomap.people] == [f"Naam {i}-{j}" for j in range(3)]
        assert draft.version == 4


def test_delete_removes_the_row_at_once(store: SqlDraftStore, store_url: str) -> None:
    token = store.create(family_map()).token
    other = store.create(family_map()).token
    assert rows(store_url, f"token = '{token}'") == 1  # token shape is [A-Za-z0-9_-] only

    assert store.delete(token) is True
    assert rows(store_url, f"token = '{token}'") == 0
    assert store.load(token) is None
    assert store.delete(token) is False
    with pytest.raises(DraftNotFound):
        store.update(token, lambda m: m)
    assert store.load(other) is not None


def test_purge_removes_expired_rows_only(
    store: SqlDraftStore, store_url: str, clock: Clock
) -> None:
    old = [store.create(EcoMap()).token for _ in range(3)]
    clock.advance(timedelta(days=5))
    recent = [store.create(EcoMap()).token for _ in range(2)]
    touched = old[0]
    store.save(touched, EcoMap(note="nog bezig"))  # saving renews the oldest one

    clock.advance(timedelta(days=3))  # old ones are now 8 days untouched
    assert store.purge_expired() == 2
    assert rows(store_url) == 3
    for token in [touched, *recent]:
        assert store.load(token) is not None
    assert store.purge_expired() == 0

    assert store.purge_expired(now=clock.now + timedelta(days=30)) == 3
    assert rows(store_url) == 0


def test_several_instances_starting_at_once_create_the_schema_once(store_url: str) -> None:
    start = threading.Barrier(4)

    def boot(_: int) -> str:
        start.wait()
        instance = SqlDraftStore(store_url, RETENTION)
        try:
            return instance.create(EcoMap()).token
        finally:
            instance.close()

    with ThreadPoolExecutor(4) as pool:
        tokens = list(pool.map(boot, range(4)))
    assert rows(store_url) == 4 and len(set(tokens)) == 4


def test_nothing_of_the_family_reaches_the_logs(
    store: SqlDraftStore, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "psycopg", "ecomap"):
        caplog.set_level(logging.DEBUG, logger=name)
    secret_names = ["Zwaantje Brakkeveld", "Xerxes Quadflieg", "Ydwine Oosterhuisje"]
    ecomap = EcoMap(
        people=[person(i, n) for i, n in enumerate(secret_names)],
        note="Geheime notitie Wobbegong",
    )
    created = store.create(ecomap)
    token = created.token
    store.load(token)
    store.save(token, ecomap, expected_version=1)
    with pytest.raises(DraftConflict) as conflict:
        store.save(token, ecomap, expected_version=1)
    store.update(token, lambda m: m.model_copy(update={"note": m.note + " Sneeuwklokje"}))
    clock.advance(RETENTION * 2)
    assert store.purge_expired() == 1
    store.load(token)
    store.delete(token)

    assert caplog.records, "the log capture saw nothing: this test would prove nothing"
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    for secret in [*secret_names, "Wobbegong", "Sneeuwklokje", token]:
        assert secret not in logged
        assert secret not in str(conflict.value)


# --------------------------------------------------------------------------- opening


def test_open_store_defaults_to_a_private_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ECOMAP_DATABASE_URL", raising=False)
    monkeypatch.delenv("ECOMAP_RETENTION_DAYS", raising=False)
    monkeypatch.setenv("ECOMAP_DATA_DIR", str(tmp_path / "nieuw" / "map"))
    assert default_url() == f"sqlite:///{tmp_path / 'nieuw' / 'map' / 'drafts.db'}"
    store = open_store()
    try:
        token = store.create(family_map()).token
        assert store.retention == DEFAULT_RETENTION == timedelta(days=7)
    finally:
        store.close()
    db = tmp_path / "nieuw" / "map" / "drafts.db"
    assert db.exists()
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    again = open_store()
    try:
        assert again.load(token) is not None
    finally:
        again.close()


def test_open_store_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'elders.db'}"
    monkeypatch.setenv("ECOMAP_DATABASE_URL", url)
    monkeypatch.setenv("ECOMAP_DATA_DIR", str(tmp_path / "niet-hier"))
    monkeypatch.setenv("ECOMAP_RETENTION_DAYS", "2.5")
    store = open_store()
    try:
        store.create(EcoMap())
        assert store.retention == timedelta(days=2.5)
    finally:
        store.close()
    assert rows(url) == 1
    assert not (tmp_path / "niet-hier").exists()


@pytest.mark.parametrize("bad", ["zeven", "0", "-1", "1000", "nan", "inf"])
def test_a_wrong_retention_setting_stops_the_start(bad: str) -> None:
    with pytest.raises(ValueError, match="ECOMAP_RETENTION_DAYS"):
        retention_from_env({"ECOMAP_RETENTION_DAYS": bad})
    assert retention_from_env({}) == timedelta(days=7)
    assert retention_from_env({"ECOMAP_RETENTION_DAYS": " 14 "}) == timedelta(days=14)


# --------------------------------------------------------------------------- gone from the files

GONE = "Zwaantje Quirinus"
OLD_NAME = "Oudenaam Pietronella"
KEPT = "Blijvende Bertha"


def _named(name: str) -> EcoMap:
    return EcoMap(people=[person(1, name)], note=f"notitie over {name}")


def _sqlite_files(db: Path) -> dict[str, bytes]:
    return {
        suffix or "db": Path(f"{db}{suffix}").read_bytes()
        for suffix in ("", "-wal", "-shm")
        if Path(f"{db}{suffix}").exists()
    }


def _found(files: dict[str, bytes], word: str) -> list[str]:
    return [name for name, data in files.items() if word.encode() in data]


def test_sqlite_delete_and_purge_leave_nothing_in_the_files(tmp_path: Path, clock: Clock) -> None:
    """A deleted draft, an expired one after the purge, and the old versions of a draft that was
    changed: none is left in drafts.db, drafts.db-wal or drafts.db-shm."""
    db = tmp_path / "drafts.db"
    store = SqlDraftStore(f"sqlite:///{db}", RETENTION, clock=clock)
    try:
        gone = store.create(_named(GONE)).token
        kept = store.create(_named(OLD_NAME)).token
        store.save(kept, _named(KEPT))  # the old name is now an old version
        assert _found(_sqlite_files(db), GONE), "the test reads the files the store writes"
        assert _found(_sqlite_files(db), OLD_NAME)

        assert store.delete(gone)
        files = _sqlite_files(db)
        assert _found(files, GONE) == []
        assert _found(files, OLD_NAME) == []
        assert _found(files, KEPT), "the live draft is still there"

        clock.advance(RETENTION + timedelta(days=1))
        expired = _sqlite_files(db)
        assert _found(expired, KEPT)
        assert store.purge_expired() == 1
        assert _found(_sqlite_files(db), KEPT) == []
    finally:
        store.close()


def test_every_file_sqlite_creates_is_private(tmp_path: Path) -> None:
    db = tmp_path / "data" / "drafts.db"
    store = SqlDraftStore(f"sqlite:///{db}", RETENTION)
    try:
        token = store.create(_named(GONE)).token
        store.save(token, _named(KEPT))
        files = [Path(f"{db}{suffix}") for suffix in ("", "-wal", "-shm")]
        assert all(f.exists() for f in files), "WAL mode: the side files exist while open"
        assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {
            f.name: 0o600 for f in files
        }
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    finally:
        store.close()


def test_files_left_readable_by_an_older_version_are_made_private(tmp_path: Path) -> None:
    db = tmp_path / "drafts.db"
    first = SqlDraftStore(f"sqlite:///{db}", RETENTION)
    first.create(_named(KEPT))
    for suffix in ("", "-wal", "-shm"):
        os.chmod(f"{db}{suffix}", 0o644)  # as the store before issue 14 left them
    again = SqlDraftStore(f"sqlite:///{db}", RETENTION)
    try:
        for suffix in ("", "-wal", "-shm"):
            assert stat.S_IMODE(os.stat(f"{db}{suffix}").st_mode) == 0o600, suffix
    finally:
        again.close()
        first.close()


@pytest.mark.postgres
def test_postgresql_delete_and_purge_vacuum_the_row_out_of_the_table_file(
    pg_server: PgServer, clock: Clock
) -> None:
    """PostgreSQL keeps a deleted row in the table's file until VACUUM; the store runs it after
    a delete and after a purge. (The server's own write-ahead log keeps it until the server
    recycles it: see README, Privacy and data.)"""
    url = pg_server.new_database()
    store = SqlDraftStore(url, RETENTION, clock=clock)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def table_file() -> bytes:
        with admin.connect() as conn:
            conn.execute(text("CHECKPOINT"))  # the server writes its buffers to the files
            where = "current_setting('data_directory') || '/' || pg_relation_filepath('drafts')"
            path = conn.execute(text(f"SELECT {where}")).scalar_one()
        return Path(path).read_bytes()

    try:
        gone = store.create(_named(GONE)).token
        store.create(_named(KEPT))
        assert GONE.encode() in table_file(), "the test reads the table's own file"
        assert store.delete(gone)
        data = table_file()
        assert GONE.encode() not in data
        assert KEPT.encode() in data

        clock.advance(RETENTION + timedelta(days=1))
        assert store.purge_expired() == 1
        assert KEPT.encode() not in table_file()
    finally:
        store.close()
        admin.dispose()


# --------------------------------------------------------------------------- deleted stays deleted


def test_a_deleted_draft_stays_deleted_for_every_window(
    store: SqlDraftStore, store_url: str, clock: Clock
) -> None:
    """Another window still holding the token learns the draft was deleted on purpose (and does
    not bring it back); the mark is a hash of the token, nothing else, kept for the retention."""
    token = store.create(_named(GONE)).token
    other = store.create(_named(KEPT)).token
    assert store.delete(token)
    assert store.load(token) is None and store.version(token) is None
    assert store.was_deleted(token) and not store.was_deleted(other)
    with pytest.raises(DraftDeleted):
        store.save(token, _named(GONE), expected_version=1)
    with pytest.raises(DraftDeleted):
        store.save(token, _named(GONE))
    with pytest.raises(DraftDeleted):
        store.update(token, lambda m: m)
    assert rows(store_url) == 1
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            marks = [tuple(r) for r in conn.execute(text("SELECT * FROM deleted_drafts"))]
    finally:
        engine.dispose()
    assert len(marks) == 1
    assert token not in str(marks) and GONE not in str(marks)

    clock.advance(RETENTION + timedelta(seconds=1))
    store.purge_expired()
    assert not store.was_deleted(token)  # the mark expires with the retention period


def test_an_expired_draft_is_not_a_deleted_one(store: SqlDraftStore, clock: Clock) -> None:
    token = store.create(_named(KEPT)).token
    clock.advance(RETENTION)
    store.purge_expired()
    assert not store.was_deleted(token)
    with pytest.raises(DraftNotFound) as gone:
        store.save(token, _named(KEPT))
    assert not isinstance(gone.value, DraftDeleted)


def test_version_is_a_cheap_look_at_the_stored_version(store: SqlDraftStore) -> None:
    token = store.create(EcoMap()).token
    assert store.version(token) == 1
    store.save(token, EcoMap(note="x"))
    assert store.version(token) == 2
    assert store.version(new_token()) is None and store.version("' OR 1=1 --") is None


def test_a_copy_is_linked_to_its_draft_and_deleted_with_it(store: SqlDraftStore) -> None:
    """The version a window set aside after a collision is a draft of its own (its own link),
    listed with the draft it came from, and "delete everything now" deletes it too."""
    main = store.create(_named(KEPT)).token
    copy = store.create(_named(GONE), copy_of=main)
    loaded = store.load(main)
    assert loaded is not None and loaded.copies == (copy.token,)
    copy_loaded = store.load(copy.token)
    assert copy_loaded is not None and copy_loaded.ecomap == _named(GONE)
    assert store.delete(main)
    assert store.load(copy.token) is None and store.was_deleted(copy.token)


def test_a_database_made_before_copies_existed_is_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    token = new_token()
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE drafts (token VARCHAR(32) PRIMARY KEY, data TEXT NOT NULL, "
                "version INTEGER NOT NULL, updated_at DATETIME NOT NULL, "
                "expires_at DATETIME NOT NULL)"
            )
        )
        conn.execute(
            text("INSERT INTO drafts VALUES (:t, :d, 3, '2999-01-01', '2999-01-08')"),
            {"t": token, "d": _named(KEPT).to_json()},
        )
    engine.dispose()
    store = SqlDraftStore(url, timedelta(days=366 * 1000))
    try:
        draft = store.load(token)
        assert draft is not None and draft.version == 3 and draft.copies == ()
        copy = store.create(EcoMap(), copy_of=token).token
        loaded = store.load(token)
        assert loaded is not None and loaded.copies == (copy,)
    finally:
        store.close()


@pytest.mark.postgres
def test_postgresql_connections_dropped_by_the_server_cost_no_save(
    pg_server: PgServer, clock: Clock
) -> None:
    """The server ends every connection (a restart, a failover, an idle timeout): the next
    calls still work, once on dead pooled connections and again after, without a ping before
    every use."""
    url = pg_server.new_database()
    store = SqlDraftStore(url, RETENTION, clock=clock)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def drop_connections() -> int:
        with admin.connect() as conn:
            return len(
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
            )

    try:
        draft = store.create(_named(KEPT))
        assert store.version(draft.token) == 1
        assert drop_connections() >= 1, "the store's pooled connection was ended"
        saved = store.save(draft.token, _named(GONE), expected_version=1)
        assert saved.version == 2
        drop_connections()
        assert store.version(draft.token) == 2
        drop_connections()
        loaded = store.load(draft.token)
        assert loaded is not None and loaded.ecomap == _named(GONE)
        drop_connections()
        assert store.delete(draft.token)
        assert store.was_deleted(draft.token)
    finally:
        store.close()
        admin.dispose()
