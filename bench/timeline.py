"""Where Enter -> map goes, step by step: the server's and the browser's side of one typed name.

    .venv/bin/python bench/timeline.py            # the app and the floor, 20 names each, ~40 s
    .venv/bin/python bench/timeline.py --names 10 --out /tmp/timeline.json

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


def _stamped(server: Any, log: Path) -> Any:
    """``server`` (not started yet), set to load ``timeline_site`` and stamp into ``log``."""
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
    parser.add_argument("--out", type=Path, help="also write every figure here (JSON)")
    args = parser.parse_args()

    from conftest import CHROMIUM, CHROMIUM_ARGS, FONTCONFIG, StreamlitServer, free_port
    from playwright.sync_api import sync_playwright

    from ecomap.store import open_store
    from ecomap.texts.catalog import text

    url, tmp = run._isolated_store()
    rows: dict[str, dict[str, list[float]]] = {"app": defaultdict(list), "floor": defaultdict(list)}
    with tmp, sync_playwright() as pw:
        folder = Path(tmp.name)
        token = open_store(url).create(network(30)).token
        env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
        env.update({"ECOMAP_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"})
        logs = {key: folder / f"{key}.stamps" for key in rows}
        servers = {
            "app": StreamlitServer(free_port(), env, folder / "app.log"),
            "floor": run._form_and_table_app(folder, env),
        }
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG)},
        )
        try:
            typists = {}
            for key, server in servers.items():
                _stamped(server, logs[key]).start()
                context = chromium.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(PAGE_STAMPS)
                page = context.new_page()
                if key == "app":
                    run.open_at_map(page, server.url, token)
                else:
                    page.goto(server.url)
                shows = run.MAP_SHOWS if key == "app" else run.TABLE_SHOWS
                box = page.get_by_label(text("app.add.label", "nl"), exact=True)
                typists[key] = run._Typist(page, box, shows)
            for i in range(args.names + 1):  # the first, unmeasured, warms both
                for key, typist in typists.items():
                    typist.page.evaluate("globalThis.__timeline.length = 0")
                    shown, _ = typist.add(f"Tijd {i}")
                    if not i:
                        continue
                    t0 = typist.pressed_ms
                    stamps = typist.page.evaluate("globalThis.__timeline")
                    events = {
                        **_server_events(logs[key], t0, t0 + shown),
                        **_page_events([s for s in stamps if s[0] >= t0], t0),
                        SHOWN: shown,
                    }
                    for event, ms in events.items():
                        rows[key][event].append(ms)
        finally:
            chromium.close()
            for server in servers.values():
                server.stop()
        if not rows["app"].get("server: map written"):
            log = (folder / "app.log").read_text(errors="replace")[-2000:]
            raise SystemExit(f"no server stamps (Streamlit's internals moved?):\n{log}")
    _print(rows, args.names)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))


def _print(rows: dict[str, dict[str, list[float]]], names: int) -> None:
    print(f"Enter -> shown, 30 people, {names} names each; medians, ms from Enter\n")
    print("| event | app | floor |\n|---|---:|---:|")
    found = set(rows["app"]) | set(rows["floor"])
    page = sorted((e for e in found if e.startswith("page")), key=lambda e: _median(rows, e))
    for event in [e for e in SERVER_EVENTS.values() if e in found] + page + [SHOWN, FRAMES]:
        cells = [f"{statistics.median(v):.1f}" if (v := rows[k].get(event)) else "–" for k in rows]
        print(f"| {event} | {cells[0]} | {cells[1]} |")
    shown = {k: statistics.median(rows[k][SHOWN]) for k in rows}
    print(f"\nratio app / floor: {shown['app'] / shown['floor']:.2f}")


if __name__ == "__main__":
    main()
