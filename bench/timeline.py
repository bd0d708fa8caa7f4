"""Where Enter -> map goes, step by step: the server's and the browser's side of one typed name.

    .venv/bin/python bench/timeline.py            # the app and the floor, 20 names each, ~40 s
    .venv/bin/python bench/timeline.py --names 10

``bench/run.py`` says how long Enter -> map takes; this says where that time goes. The app (a
30-person draft, as in run.py) and the floor (a bare Streamlit form + 30-row table) are served
with stamps (``timeline_site/sitecustomize.py``: messages handled, queued and written, the map's
layout) and the page records its own (websocket frames, animation frames, the map's ``update``
and drawing). Names are typed in turns; the table gives medians in ms from Enter. Server and
page stamps come from two clocks (Python's and the page's), so compare within a column block,
not across it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT), str(ROOT / "tests")]

import run  # noqa: E402
from maps import network  # noqa: E402

PAGE_STAMPS = """(() => {
  const log = (globalThis.__timeline = []);
  const stamp = (what) => log.push([performance.timeOrigin + performance.now(), what]);
  const Socket = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Socket(...args);
    ws.addEventListener("message", (e) => stamp(`frame ${e.data.byteLength ?? e.data.size}`));
    return ws;
  };
  window.WebSocket.prototype = Socket.prototype;
  Object.assign(window.WebSocket, Socket);
  const frame = () => { stamp("animation frame"); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(() => {
    for (const view of globalThis.ecomapMaps || []) {
      if (view.timeline || !view.network) continue;
      view.timeline = true;
      const update = view.update.bind(view);
      view.update = (data) => { stamp("map update"); return update(data); };
      view.network.on("afterDrawing", () => stamp("map drawn"));
    }
  }, 50);
})();"""
"""Page stamps (an init script): only kinds of events and frame sizes, no content."""

SERVER_EVENTS = {
    "backmsg rerun_script": "server: Enter handled",
    "layout start": "server: map layout starts",
    "layout end": "server: map layout ends",
    "queued delta:bidi_component": "server: map queued",
    "written delta:bidi_component": "server: map written",
    "written delta:table": "server: table written",
    "written script_finished": "server: run finished, written",
}
SHOWN = "shown (as bench/run.py measures it)"
FRAMES = "animation frames until the run ended (count)"
PAGE_EVENTS = {"map update": "page: map update()", "map drawn": "page: map drawn"}


def _served_with_stamps(server: Any, log: Path) -> Any:
    server.env = {
        **server.env,
        "TIMELINE_LOG": str(log),
        "PYTHONPATH": os.pathsep.join([str(HERE / "timeline_site"), str(ROOT)]),
    }
    return server


def _server_events(log: Path, t0: float, t1: float) -> dict[str, float]:
    """The first of each server event between Enter (t0) and shown (t1), in ms from t0."""
    out: dict[str, float] = {}
    for line in log.read_text().splitlines():
        at, event = line.split(" ", 1)
        ms = float(at) - t0
        if not -1 <= ms <= t1 - t0 + 5:
            continue
        for prefix, label in SERVER_EVENTS.items():
            if event.startswith(prefix) and label not in out:
                out[label] = ms
    return out


def _page_events(stamps: list[list[Any]], t0: float) -> dict[str, float]:
    out: dict[str, float] = {}
    sized = [(int(str(w).split()[1]), t - t0) for t, w in stamps if str(w).startswith("frame ")]
    if sized:
        out["page: first frame from the server"] = sized[0][1]
        out["page: largest frame arrives (the map; the floor: its table)"] = max(sized)[1]
    for t, what in stamps:
        label = PAGE_EVENTS.get(str(what))
        if label and label not in out:
            out[label] = t - t0
    drawn = out.get("page: map drawn")
    if drawn is not None:
        later = [t - t0 for t, w in stamps if w == "animation frame" and t - t0 > drawn]
        if later:
            out["page: next animation frame after drawing"] = later[0]
    out[FRAMES] = sum(1 for _, w in stamps if w == "animation frame")
    return out


def _median(rows: dict[str, dict[str, list[float]]], event: str) -> float:
    return statistics.median(rows["app"].get(event) or rows["floor"].get(event) or [0.0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--names", type=int, default=20, help="names typed into each page")
    args = parser.parse_args()

    from conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        FONTCONFIG,
        StreamlitServer,
        free_port,
        wait_for_app,
    )
    from playwright.sync_api import sync_playwright

    from ecomap.catalog import text
    from ecomap.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="ecomap-timeline-"))
    url = f"sqlite:///{folder / 'drafts.db'}"
    token = open_store(url).create(network(30)).token
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
    env.update({"ECOMAP_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"})
    logs = {key: folder / f"{key}.stamps" for key in ("app", "floor")}
    servers = {
        "app": _served_with_stamps(
            StreamlitServer(free_port(), env, folder / "app.log"), logs["app"]
        ),
        "floor": _served_with_stamps(run._form_and_table_app(folder, env), logs["floor"]),
    }
    label = text("app.add.label", "nl")
    rows: dict[str, dict[str, list[float]]] = {key: defaultdict(list) for key in servers}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG)},
        )
        pages: dict[str, tuple[Any, Any, str]] = {}
        try:
            for key, server in servers.items():
                server.start()
                context = chromium.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(PAGE_STAMPS)
                page = context.new_page()
                if key == "app":
                    page.goto(f"{server.url}/?d={token}")
                    wait_for_app(page)
                    start = text("app.nav.start", "nl")
                    page.get_by_role("button", name=start, exact=True).click()
                    page.wait_for_function(run.MAP_SHOWS, arg="Ans 0", timeout=30_000)
                else:
                    page.goto(server.url)
                wait_for_app(page)
                shows = run.MAP_SHOWS if key == "app" else run.TABLE_SHOWS
                pages[key] = (page, page.get_by_label(label, exact=True), shows)
            for i in range(args.names + 1):  # the first, unmeasured, warms both
                for key, (page, box, shows) in pages.items():
                    name = f"Tijd {i}"
                    box.fill(name)
                    wait_for_app(page)
                    page.evaluate("globalThis.__timeline.length = 0")
                    t0 = time.time() * 1000
                    box.press("Enter")
                    page.wait_for_function(shows, arg=name, timeout=60_000, polling="raf")
                    t1 = time.time() * 1000
                    wait_for_app(page)
                    if not i:
                        continue
                    stamps = page.evaluate("globalThis.__timeline")
                    events = {
                        **_server_events(logs[key], t0, t1),
                        **_page_events(stamps, t0),
                        SHOWN: t1 - t0,
                    }
                    for event, ms in events.items():
                        rows[key][event].append(ms)
        finally:
            chromium.close()
            for server in servers.values():
                server.stop()
    if not rows["app"].get("server: map written"):
        raise SystemExit(
            f"no server stamps: see {folder / 'app.log'} (Streamlit's internals moved?)"
        )
    print(f"Enter -> shown, 30 people, {args.names} names each; medians, ms from Enter\n")
    print("| event | app | floor |\n|---|---:|---:|")
    found = set(rows["app"]) | set(rows["floor"])
    page = sorted((e for e in found if e.startswith("page")), key=lambda e: _median(rows, e))
    events = [e for e in SERVER_EVENTS.values() if e in found] + page + [SHOWN, FRAMES]
    for event in events:
        cells = [
            f"{statistics.median(v):.1f}" if (v := rows[key].get(event)) else "–" for key in servers
        ]
        print(f"| {event} | {cells[0]} | {cells[1]} |")
    shown = {k: statistics.median(rows[k][SHOWN]) for k in servers}
    print(f"\nratio app / floor: {shown['app'] / shown['floor']:.2f}")
    json.dump(rows, (folder / "timeline.json").open("w"))
    print(f"(every figure: {folder / 'timeline.json'})")


if __name__ == "__main__":
    main()
