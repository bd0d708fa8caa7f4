"""The deployment recipe, proven with real parts: PostgreSQL, two ``streamlit run`` instances on
it, and Caddy with ``deploy/Caddyfile`` (unchanged; only its environment is set, as
``deploy/compose.yaml`` sets it) terminating TLS with a certificate the test makes itself.

A browser fills in a map through the proxy; the instance that holds its session is killed
(SIGKILL, no goodbye); the browser reconnects through the proxy to the other instance, which
finds the draft by the ``?d=`` token in the page address, and every person is there. The
browser then goes on working on the new instance (a name, a download, a 10 MB upload), and the
draft in the database has it all.
Every response through the proxy carries the security headers, the page runs without a single
Content-Security-Policy violation (a listener in every frame reports them), and nothing is
asked of another host (the ``new_page`` fixture).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import StreamlitServer, table_names, wait_for_app, wait_for_table_names
from pg import running_postgres
from stack import HOST, Proxy, app_env, make_certificate, require_tools, tls_context
from test_bench import load_load as load_bench

from ecomap.model import EcoMap
from ecomap.store import open_store
from ecomap.texts.catalog import text

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

HEADERS = {
    "strict-transport-security": r"^max-age=\d{8,}",
    "referrer-policy": r"^no-referrer$",
    "x-content-type-options": r"^nosniff$",
    "content-security-policy": r"^default-src 'self';",
}
"""Headers every response through the proxy must carry (values as regular expressions)."""

CSP_NEEDS = (
    "frame-ancestors 'none'",
    "object-src 'none'",
    "font-src 'self' data:",
    "connect-src 'self'",
)
"""Parts of the policy the app relies on or that keep it tight."""

REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`
    + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""
"""Runs in every frame: the browser itself logs CSP refusals where
Playwright does not see them, so every violation is also written to the console here."""

FIRST = ("Sam", "Oma Ans", "Lotte")
SECOND = "Fatma"
AFTER = "Juf Mila"


@dataclass
class Stack:
    database_url: str
    apps: list[StreamlitServer]
    proxy: Proxy
    cert: Path


@pytest.fixture
def stack(tmp_path: Path, streamlit_server: Any) -> Iterator[Stack]:
    require_tools()
    cert, key = make_certificate(tmp_path)
    with running_postgres() as pg:
        url = pg.new_database()
        apps = [streamlit_server(app_env(url)) for _ in range(2)]
        proxy = Proxy(tmp_path / "proxy", [f"{HOST}:{app.port}" for app in apps], cert, key)
        proxy.folder.mkdir()
        proxy.start()
        try:
            yield Stack(url, apps, proxy, cert)
        finally:
            proxy.stop()
            for app in apps:
                app.stop()  # before PostgreSQL stops, so that no instance waits on it


def active_sessions(app: StreamlitServer) -> int:
    """Streamlit's own count of the sessions an instance holds (asked directly, not through the
    proxy, which answers 404 for the metrics)."""
    with urllib.request.urlopen(f"{app.url}/_stcore/metrics", timeout=5) as r:
        text = r.read().decode()
    found = re.search(r"^active_sessions (\d+)$", text, re.MULTILINE)
    assert found, text
    return int(found.group(1))


def fetch(url: str, cert: Path, timeout: float = 10) -> tuple[int, Any]:
    """GET without following redirects: (status, headers)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(
        NoRedirect, urllib.request.HTTPSHandler(context=tls_context(cert))
    )
    try:
        with opener.open(url, timeout=timeout) as r:
            return r.status, r.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers


def check_headers(where: str, headers: dict[str, str]) -> list[str]:
    """What is missing or wrong in one response's headers (lower-case names)."""
    wrong = [
        f"{where}: {name}={headers.get(name)!r}"
        for name, pattern in HEADERS.items()
        if not re.search(pattern, headers.get(name, ""))
    ]
    if "server" in headers:
        wrong.append(f"{where}: server={headers['server']!r}")
    return wrong


def test_headers_redirect_and_internal_pages(stack: Stack) -> None:
    """Without a browser: the headers on the app page, a script, the health page and a 404; the
    instance cookie's flags; plain HTTP redirects; Streamlit's metrics and agent API are not
    reachable from outside."""
    proxy, cert = stack.proxy, stack.cert
    problems: list[str] = []
    for path in ("/", "/_stcore/health", "/static/js/does-not-exist.js", "/app/static/x"):
        status, headers = fetch(proxy.url + path, cert)
        assert status in (200, 404), (path, status)
        problems += check_headers(path, {k.lower(): v for k, v in headers.items()})
    assert not problems, problems

    status, headers = fetch(proxy.url + "/", cert)
    policy = headers["Content-Security-Policy"]
    for part in CSP_NEEDS:
        assert part in policy
    assert "http:" not in policy and "https:" not in policy and "*" not in policy, policy
    instance = [c for c in headers.get_all("Set-Cookie") if c.startswith("ecomap_instance=")]
    assert len(instance) == 1, headers.get_all("Set-Cookie")
    flags = {f.strip().lower() for f in instance[0].split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags, instance

    for internal in ("/_stcore/metrics", "/_stcore/agent/openapi.json"):
        assert fetch(proxy.url + internal, cert)[0] == 404, internal
    # Asked directly, the instance does have them: it is the proxy that keeps them in.
    assert active_sessions(stack.apps[0]) == 0

    status, headers = fetch(f"http://{HOST}:{proxy.http_port}/some/page?x=1", cert)
    assert status in (301, 308), status
    assert headers["Location"].startswith(f"https://{HOST}"), headers["Location"]
    assert headers["Location"].endswith("/some/page?x=1"), headers["Location"]

    # With every instance gone the proxy answers an error and logs it: without the draft
    # token from the address, and without the client's address or headers.
    for app in stack.apps:
        app.stop()
    token = "T0kenT0kenT0kenT0kenT0kenT0ken12"
    status, _ = fetch(f"{proxy.url}/?lang=nl&d={token}", cert, timeout=60)  # tries for 10 s
    assert status >= 500, status
    log = proxy.log_text()
    assert '"status":502' in log or '"status":503' in log, log[-2000:]
    assert "lang=nl" in log, "the log shows the rest of the address"
    assert token not in log
    assert "remote_ip" not in log and "Python-urllib" not in log


def test_the_map_survives_its_instance_through_the_proxy(
    stack: Stack, new_page: Any, output_dir: Path
) -> None:
    page, watch = new_page(width=1280, height=900, ignore_https_errors=True)
    page.context.add_init_script(REPORT_CSP_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    responses: list[tuple[str, dict[str, str]]] = []
    page.on("response", lambda r: responses.append((r.url, r.headers)))

    page.goto(stack.proxy.url)
    wait_for_app(page)
    page.get_by_role("button", name="Beginnen", exact=True).click()
    page.get_by_role("heading", name="Bij wie kunt u uw verhaal kwijt?").wait_for()
    box = page.get_by_label("Naam", exact=True)

    def enter(name: str) -> None:
        box.fill(name)
        box.press("Enter")
        page.get_by_role("toolbar", name=re.compile("Al genoemd")).get_by_role(
            "button", name=name, exact=True
        ).wait_for()
        wait_for_app(page)

    for name in FIRST:
        enter(name)
    page.get_by_role("button", name="Volgende", exact=True).click()
    page.get_by_role("heading", name="Wie past weleens op of haalt de kinderen?").wait_for()
    wait_for_app(page)
    enter(SECOND)
    everyone = [*FIRST, SECOND]
    wait_for_table_names(page, everyone)
    token = re.search(r"[?&]d=([A-Za-z0-9_-]{32})", page.url)
    assert token, page.url
    draft = open_store(stack.database_url).load(token.group(1))
    assert draft is not None
    assert [p.name for p in draft.ecomap.people] == everyone

    # Sticky: one instance holds this browser's session, the other none.
    sessions = [active_sessions(app) for app in stack.apps]
    assert sorted(sessions) == [0, 1], sessions
    holder = stack.apps[sessions.index(1)]
    other = stack.apps[sessions.index(0)]
    cookie_before = {c["name"]: c["value"] for c in page.context.cookies()}["ecomap_instance"]

    # Kill the instance the browser is on; the page reconnects through the proxy.
    assert holder.process is not None
    holder.process.send_signal(signal.SIGKILL)
    holder.process.wait(timeout=10)
    page.get_by_text("Welkom terug. De antwoorden van eerder staan er weer.").wait_for(
        timeout=60_000
    )
    wait_for_app(page, timeout=60_000)
    assert active_sessions(other) == 1, "the browser is on the other instance now"
    cookie_after = {c["name"]: c["value"] for c in page.context.cookies()}["ecomap_instance"]
    assert cookie_after != cookie_before, "the proxy moved the browser's cookie along"
    assert token.group(1) in page.url, "the same draft link"
    page.screenshot(path=str(output_dir / "deploy-after-failover.png"))

    # The same step (it is in the address), every person is there, and the new instance takes
    # the next name and saves it.
    page.get_by_role("heading", name="Wie past weleens op of haalt de kinderen?").wait_for()
    wait_for_app(page)
    assert table_names(page) == everyone
    enter(AFTER)
    wait_for_table_names(page, [*everyone, AFTER])
    draft = open_store(stack.database_url).load(token.group(1))
    assert draft is not None
    assert [p.name for p in draft.ecomap.people] == [*everyone, AFTER]

    # Downloads and uploads live in the instance's memory: through the proxy they reach the
    # instance this browser is on now. A map file just under the reader's 10 MiB passes the
    # proxy's body limit.
    for n in range(4, 11):
        page.get_by_role("button", name="Volgende", exact=True).click()
        page.get_by_text(text("app.progress", "nl", n=n, total=10, name="")).wait_for()
        wait_for_app(page)
    page.get_by_role("heading", name=text("dossier.app.title", "nl")).wait_for()
    page.get_by_text(text("dossier.app.more_files", "nl"), exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=text("dossier.app.download.json", "nl")).click()
    saved = EcoMap.from_json(Path(download.value.path()).read_text())
    assert [p.name for p in saved.people] == [*everyone, AFTER]
    padded = saved.to_json().encode()
    padded += b" " * (10_200_000 - len(padded))
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "kaart.json", "mimeType": "application/json", "buffer": padded}]
    )
    page.get_by_role("button", name=text("dossier.app.continue", "nl")).wait_for()
    assert active_sessions(other) == 1

    # Headers on everything the browser got through the proxy; no CSP violation anywhere.
    ours = [(url, h) for url, h in responses if url.startswith(stack.proxy.url)]
    assert any(url.rstrip("/") == stack.proxy.url or "?d=" in url for url, _ in ours)
    problems = [p for url, headers in ours for p in check_headers(url, headers)]
    assert not problems, problems[:5]
    violations = [line for line in console if "Content Security Policy" in line or "CSP" in line]
    assert not violations, violations
    assert not watch.foreign


def test_several_people_at_once_lose_nobody(stack: Stack) -> None:
    """bench/load.py's sessions (Streamlit's own protocol on a websocket each) through the
    proxy: every name typed shows in that page's table and is in that person's draft. No
    timing is asserted."""
    load = load_bench()
    crowd = load.crowd(stack.proxy.url, tls_context(stack.cert), 4, 2, 0.2, 120.0)
    # Its own thread: Playwright's sync API may already run an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        results = pool.submit(asyncio.run, crowd).result()
    assert [r.errors for r in results] == [[]] * 4
    assert all(len(r.answered) == 2 and r.token for r in results)
    assert load.lost_people(results, stack.database_url) == []
    assert len({r.token for r in results}) == 4, "four drafts, one per person"
