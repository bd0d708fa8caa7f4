"""A real, throw-away PostgreSQL server for tests: Debian's ``initdb`` + ``pg_ctl`` in a temp dir.

The server listens on 127.0.0.1 and a free port, with a Unix socket in its own directory, trust
authentication for the user ``ecomap`` and no data anywhere but the temp dir, which is removed
afterwards. PostgreSQL refuses to run as root: then every server command runs as the ``postgres``
system user (created by the Debian package) through ``runuser``, with the temp dir owned by it.

Locally a missing PostgreSQL skips the tests that need it; under ``CI=true`` it fails them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
USER = "ecomap"


def _bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""

    def major(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI=true but {reason}: the PostgreSQL store tests must run in CI")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running server. ``url(db)`` is a SQLAlchemy URL; ``new_database()`` gives a fresh one."""

    port: int
    directory: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database (so each test starts from nothing) and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _runner() -> list[str]:
    """Prefix for server commands: nothing, or ``runuser -u postgres --`` when we are root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("running as root and there is no 'postgres' user to run PostgreSQL as")
    runuser = shutil.which("runuser")
    if runuser is None:
        _unavailable("running as root and 'runuser' is missing")
    return [str(runuser), "-u", "postgres", "--"]


@contextlib.contextmanager
def running_postgres() -> Iterator[PgServer]:
    """Start a temporary server, yield it, stop it and remove its files."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        _unavailable("PostgreSQL is not installed (apt-get install postgresql)")
        raise AssertionError("unreachable")
    prefix = _runner()
    top = Path(tempfile.mkdtemp(prefix="ecomap-pg-"))
    data, sockets, logfile = top / "data", top / "sock", top / "server.log"
    sockets.mkdir()
    if prefix:
        pw = pwd.getpwnam("postgres")
        for path in (top, sockets):
            os.chown(path, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    try:
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(logfile),
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=90,
        )
    except subprocess.CalledProcessError as exc:
        log = logfile.read_text(errors="replace") if logfile.exists() else ""
        shutil.rmtree(top, ignore_errors=True)
        raise RuntimeError(
            f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}\n{log}"
        ) from exc
    try:
        yield PgServer(port=port, directory=top)
    finally:
        subprocess.run(
            [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(top, ignore_errors=True)
