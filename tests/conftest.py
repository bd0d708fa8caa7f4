"""Shared fixtures: example maps, a real headless Chromium, and `streamlit run` on a free port.

Browser tests use Debian's /usr/bin/chromium (Playwright's own browser download does not work
here). Locally they skip when it is missing; under CI=true a missing browser is a failure.
Every page records its requests and dialogs: a request to another host, or any dialog (an
executed XSS payload would open one), fails the test at teardown. The browser runs with
tests/fonts.conf as its fontconfig: no system fonts, so a page shows only the fonts it loads
itself, the same whatever fonts the machine has.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
CHROMIUM = os.environ.get("ECOMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# No font directories: Chromium has only the fonts a page loads (see the file's comment).
FONTCONFIG = Path(__file__).resolve().parent / "fonts.conf"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where tests leave screenshots and files for a person to look at (git-ignored)."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(autouse=True)
def _private_draft_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test keeps drafts in its own SQLite file, never in ./data (AppTest runs the real app,
    which saves drafts), and starts without local offers, whatever the machine's setting."""
    monkeypatch.setenv("ECOMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'drafts.db'}")
    monkeypatch.delenv("ECOMAP_OFFERS", raising=False)  # a test that wants offers sets them


# --------------------------------------------------------------------------- browser


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    if IN_CI:
        pytest.fail(f"CI=true but no Chromium at {CHROMIUM}: the browser tests must run in CI")
    pytest.skip(f"no Chromium at {CHROMIUM} (browser tests run in CI)")


class _Chromium:
    """One headless Chromium for the whole session, started again if it went away: a browser
    that crashed in one test (it happened once in CI, in a test at twice the pixel density)
    then fails that test only, not every browser test after it."""

    def __init__(self, playwright: Any) -> None:
        self.playwright = playwright
        self.chromium: Any = None

    def connected(self) -> Any:
        if self.chromium is None or not self.chromium.is_connected():
            self.chromium = self.playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                env={**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG)},
            )
        return self.chromium

    def close(self) -> None:
        if self.chromium is not None and self.chromium.is_connected():
            self.chromium.close()


@pytest.fixture(scope="session")
def _chromium() -> Iterator[_Chromium]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = _Chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture
def browser(_chromium: _Chromium) -> Any:
    """The session's Chromium (a new one if the last has crashed)."""
    return _chromium.connected()


@dataclass
class PageWatch:
    """What a page did that a test should know about: other hosts contacted, dialogs opened."""

    allowed_hosts: set[str]
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_request(self, request: Any) -> None:
        url = request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "javascript"):
            return
        if parsed.hostname not in self.allowed_hosts:
            self.foreign.append(url)

    def on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., tuple[Any, PageWatch]]]:
    """Factory: a fresh browser context + page that records requests and dialogs.

    ``page, watch = new_page(width=1280, height=900)``. At teardown the test fails if the page
    asked any host but 127.0.0.1/localhost, or if any dialog opened.
    """
    contexts: list[tuple[Any, PageWatch]] = []

    def make(width: int = 1280, height: int = 900, **kwargs: Any) -> tuple[Any, PageWatch]:
        context = browser.new_context(viewport={"width": width, "height": height}, **kwargs)
        watch = PageWatch(allowed_hosts={"127.0.0.1", "localhost"})
        context.on("request", watch.on_request)
        page = context.new_page()
        page.on("dialog", watch.on_dialog)
        page.on(
            "console",
            lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        # Dialogs inside iframes surface on the page too; popups count as a new page.
        context.on("page", lambda p: p.on("dialog", watch.on_dialog))
        contexts.append((context, watch))
        return page, watch

    yield make
    problems: list[str] = []
    for context, watch in contexts:
        context.close()
        if watch.foreign:
            problems.append(f"requests to other hosts: {watch.foreign[:5]}")
        if watch.dialogs:
            problems.append(f"dialogs opened (script ran): {watch.dialogs[:5]}")
    if problems:
        pytest.fail("; ".join(problems))


# --------------------------------------------------------------------------- streamlit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalProcess:
    """A server the tests start on this machine: stopped politely, then firmly; its log read
    back for failure messages. Subclasses set ``process`` and ``log_path``."""

    process: subprocess.Popen[bytes] | None
    log_path: Path

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class StreamlitServer(LocalProcess):
    """`streamlit run app.py` on 127.0.0.1 and a free port; can be stopped and started again."""

    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    base_path: str = ""
    """The app's base URL path (``server.baseUrlPath``, as behind a proxy), e.g. "/a/b"."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    def start(self) -> None:
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless=true",
            f"--server.port={self.port}",
            "--server.address=127.0.0.1",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
            *([f"--server.baseUrlPath={self.base_path}"] if self.base_path else []),
        ]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"streamlit did not become healthy; see {self.log_path}")


@pytest.fixture
def streamlit_server(
    tmp_path: Path,
) -> Iterator[Callable[..., StreamlitServer]]:
    """Factory: ``server = streamlit_server(extra_env={...}, base_path="/a/b")`` starts the app
    and waits until it is healthy. Stopped at teardown; ``server.stop(); server.start()``
    restarts on the same port. By default drafts go to a SQLite file in the test's own
    tmp_path."""
    servers: list[StreamlitServer] = []

    def start(extra_env: dict[str, str] | None = None, base_path: str = "") -> StreamlitServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
        env.update(
            {
                "ECOMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'drafts.db'}",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(extra_env or {})
        server = StreamlitServer(
            port=free_port(),
            env=env,
            log_path=tmp_path / f"streamlit-{len(servers)}.log",
            base_path=base_path,
        )
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


def wait_for_app(page: Any, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected and no script run is in progress (as Streamlit's own
    e2e suite does)."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )


def table_names(page: Any) -> list[str]:
    """The names in the first column of the app's people table (the text alternative of the map).

    The table is drawn after the map, so this waits until it has rows; call it once the step
    that shows it has settled (``wait_for_app``)."""
    rows = page.locator("[data-testid='stTable'] tbody tr th")
    rows.first.wait_for()
    return [str(c).strip() for c in rows.all_inner_texts()]


TABLE_NAMES = """() => [...document.querySelectorAll("[data-testid='stTable'] tbody tr th")]
    .map(c => c.innerText.trim())"""
"""The names in the people table's first column, as ``table_names`` reads them."""


def wait_for_table_names(page: Any, names: list[str], timeout: float = 20_000) -> None:
    """Wait until the people table lists exactly ``names``, in order.

    Right after a change the map shows it first and the table follows later in the same run
    (and ``wait_for_app`` may look before the run has started), so the old rows can still be
    on the page for a moment. On time-out this fails with the names the table does show."""
    check = f"names => JSON.stringify(({TABLE_NAMES})()) === JSON.stringify(names)"
    try:
        page.wait_for_function(check, arg=names, timeout=timeout)
    except Exception:  # Playwright's TimeoutError: say what the table shows instead
        assert table_names(page) == names
        raise


# --------------------------------------------------------------------------- the map

MAP_DRAWN = """() => [...(globalThis.ecomapMaps || [])].some(v => v.drawn !== null)"""
"""True once a map in the page has drawn (``ecomap/web/map.js`` keeps its last drawn data)."""


def map_view(page: Any) -> str:
    """A JavaScript expression for the page's (first) drawn map view."""
    page.wait_for_function(MAP_DRAWN, timeout=30_000)
    return "[...globalThis.ecomapMaps].find(v => v.drawn !== null)"


def map_labels(page: Any) -> list[str]:
    """The names as drawn on the map (each label's lines joined by a space)."""
    view = map_view(page)
    labels: list[str] = page.evaluate(f"() => {view}.drawn.people.map(p => p.lines.join(' '))")
    return labels


def map_facts(page: Any) -> dict[str, Any]:
    """Where vis-network drew each box (units), the view's scale (CSS px per unit), the drawing's
    size on screen (CSS px) and the data it drew."""
    view = map_view(page)
    facts: dict[str, Any] = page.evaluate(
        f"""() => {{ const v = {view}; const f = v.facts();
            const box = v.canvasHost.getBoundingClientRect();
            return {{...f, data: v.drawn, frame: [box.x, box.y, box.width, box.height]}}; }}"""
    )
    return facts
