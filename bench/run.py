"""The benchmark suite: what a nurse and a parent wait for, measured on this machine.

    .venv/bin/python bench/run.py            # everything (~2 min): a table, and results.json
    .venv/bin/python bench/run.py --quick    # fewer repetitions (a smoke run, ~20 s)
    .venv/bin/python bench/run.py --only core,pdf --sizes 10,30

Sections, for 10, 30, 100 and 300 people (bench/maps.py: deterministic, ~2 ties each):
- core: one change as the app does it: validate -> graph -> layout (``plan``) -> ``map_data``
  (what the map component gets, drawn from that plan) -> ``reflect``; median, p95 and CPU
  median; ``stages_median_ms`` says where the time goes. The figures are without the app's
  per-session ``LayoutCache`` (as for a map opened afresh); "append" says what adding one person
  costs with it.
- html: bytes of the map's data the app sends on every change, and of the standalone export.
- rerun: one AppTest run of ``app.py`` after typing a new name on the first question (the map
  beside it); median.
- pdf: ``render_pdf`` median, CPU median and size.
- browser: headless Chromium (/usr/bin/chromium) against ``streamlit run`` with a 30-person draft:
  Enter on a new name -> the map shows that person (median of 20), taken in turns with the same
  in a bare Streamlit app (a form and a 30-row table: the floor of any Streamlit app) and in a
  bare form with only the map component (the map's own floor); the bytes the page receives per
  change; cold start (server start -> app title shown, median of 3).
Times are wall-clock milliseconds unless named CPU; the 1-minute load average before and after
is recorded, because other work on the machine makes wall-clock times longer.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from maps import network  # noqa: E402

from ecomap.model import MAX_PEOPLE  # noqa: E402

SIZES = (10, 30, 100, 300)


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Run fn `warmup` times unmeasured, then `repeat` times; wall-clock milliseconds per run."""
    return timed_cpu(fn, repeat, warmup)[0]


def timed_cpu(
    fn: Callable[[], object], repeat: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Like ``timed``, plus this process's CPU milliseconds per run: on a machine shared with
    other work the wall clock also counts waiting for a core; CPU time shows the cost itself."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def summary(ms: list[float], cpu: list[float] | None = None) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    out = {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2), "runs": len(ms)}
    if cpu:
        out["cpu_median_ms"] = round(statistics.median(cpu), 2)
    return out


def bench_core(quick: bool) -> dict[str, Any]:
    from ecomap.drawing.map_data import map_data
    from ecomap.drawing.placement import plan
    from ecomap.graph import build_graph
    from ecomap.model import EcoMap
    from ecomap.texts.reflection import reflect

    out: dict[str, Any] = {}
    for n in SIZES:
        text = network(n).to_json()

        def change(text: str = text) -> None:
            m = EcoMap.model_validate_json(text)
            build_graph(m)
            geometry = plan(m)  # the layout; map_data draws from it instead of planning again
            map_data(m, "nl", "nurse", geometry=geometry, touch=True)
            reflect(m, "nl", "nurse")

        repeat = 5 if quick else (30 if n <= 100 else 15)
        out[str(n)] = summary(*timed_cpu(change, repeat))
        out[str(n)]["stages_median_ms"] = stages(text, max(3, repeat // 3))
    return out


def stages(text: str, repeat: int) -> dict[str, float]:
    """Where the time of one change goes (medians), to explain how it grows with n."""
    from ecomap.drawing.map_data import map_data
    from ecomap.drawing.placement import plan
    from ecomap.graph import build_graph
    from ecomap.model import EcoMap
    from ecomap.texts.reflection import reflect

    m = EcoMap.model_validate_json(text)
    geometry = plan(m)

    parts: dict[str, Callable[[], object]] = {
        "validate": lambda: EcoMap.model_validate_json(text),
        "graph": lambda: build_graph(m),
        "layout": lambda: plan(m),
        "map_data": lambda: map_data(m, "nl", "nurse", geometry=geometry, touch=True),
        "reflect": lambda: reflect(m, "nl", "nurse"),
    }
    return {k: round(statistics.median(timed(f, repeat)), 2) for k, f in parts.items()}


def bench_html(quick: bool) -> dict[str, Any]:
    """Bytes of the map: its data as the app sends it on every change (compact JSON), and the
    standalone HTML export."""
    from ecomap.drawing.html_map import render_html
    from ecomap.drawing.map_data import map_data

    out: dict[str, Any] = {}
    for n in SIZES:
        m = network(n)
        data = json.dumps(map_data(m, "nl", touch=True), separators=(",", ":"), ensure_ascii=False)
        out[str(n)] = {
            "app_bytes": len(data.encode()),
            "export_bytes": len(render_html(m, "nl").encode()),
        }
    return out


def bench_pdf(quick: bool) -> dict[str, Any]:
    """``render_pdf`` (the dossier page with the drawn map), median and size."""
    import warnings

    from ecomap.files.pdf import render_pdf

    warnings.simplefilter("ignore")  # missing-glyph notes are not what we measure
    out: dict[str, Any] = {}
    for n in SIZES:
        m = network(n)
        data = render_pdf(m)
        repeat = 1 if quick else (5 if n <= 100 else 3)
        out[str(n)] = summary(*timed_cpu(lambda m=m: render_pdf(m), repeat, warmup=0))
        out[str(n)]["bytes"] = len(data)
    return out


def _isolated_store() -> tuple[str, Any]:
    """A throw-away SQLite draft store (the app saves a draft on every change)."""
    import os
    import tempfile

    tmp = tempfile.TemporaryDirectory(prefix="ecomap-bench-")
    url = f"sqlite:///{Path(tmp.name) / 'drafts.db'}"
    os.environ["ECOMAP_DATABASE_URL"] = url
    return url, tmp


def bench_rerun(quick: bool) -> dict[str, Any]:
    """One AppTest rerun after typing a new name on the first question (map beside it)."""
    from streamlit.testing.v1 import AppTest

    _, tmp = _isolated_store()
    out: dict[str, Any] = {}
    with tmp:
        for n in SIZES:
            additions = 3 if quick else (10 if n <= 100 else 5)
            start_n = min(n, MAX_PEOPLE - additions - 1)  # a full map takes nobody new
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["map"] = network(start_n)
            at.session_state["step"] = 1
            at.run()
            times = []
            for i in range(additions + 1):
                at.text_input(key="add-emotional").input(f"Nieuw {i}")
                at.button(key="add-emotional-go").click()
                start = time.perf_counter()
                at.run()
                elapsed = (time.perf_counter() - start) * 1000
                if at.exception:
                    raise RuntimeError(f"the app failed: {at.exception}")
                if i:  # the first addition warms up caches
                    times.append(elapsed)
            got = len(at.session_state["map"].people)
            if got != start_n + additions + 1:
                raise RuntimeError(f"{got} people after adding {additions + 1} to {start_n}")
            out[str(n)] = summary(times)
    return out


MAP_SHOWS = """name => [...(globalThis.ecomapMaps || [])].some(
  v => v.drawn && v.drawn.people.some(p => p.lines.join(" ") === name))"""
"""True once a map in the page has drawn a box labelled ``name`` (``web/map.js`` keeps the data
of its last drawing)."""

TABLE_SHOWS = """name => [...document.querySelectorAll("[data-testid='stTable'] tbody th")]
  .some(th => th.innerText.trim() === name)"""
"""True once the page's table shows a row for ``name`` (the bare app's floor)."""


NAMES = 20
"""Names typed into each page for Enter -> map (20, not 10 as before 2026-12-03 evening: with 10,
the ratio to the floor moved by up to 0.5 from one run to the next on this 2-core machine)."""

HOME_NETWORK = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 10_000_000 / 8,
    "uploadThroughput": 2_000_000 / 8,
}
"""A modest home or 4G connection: 10 Mbit/s down, 2 Mbit/s up, 40 ms latency (bytes/s, ms)."""


def open_at_map(page: Any, url: str, token: str) -> None:
    """Open the 30-person draft ``token`` and go to the first question, beside the map."""
    from conftest import wait_for_app

    from ecomap.texts.catalog import text

    page.goto(f"{url}/?d={token}")
    wait_for_app(page)
    page.get_by_role("button", name=text("app.nav.start", "nl"), exact=True).click()
    page.wait_for_function(MAP_SHOWS, arg="Ans 0", timeout=30_000)
    wait_for_app(page)


class _Typist:
    """Types new names into one page's name box, one at a time: ms from Enter until ``shows``
    is true for the name, and the bytes the page received over the websocket meanwhile."""

    def __init__(self, page: Any, box: Any, shows: str, then: str | None = None) -> None:
        self.page, self.box, self.shows, self.then = page, box, shows, then
        self.received: list[int] = []
        self.pressed_ms = 0.0
        """When Enter was last pressed: epoch milliseconds (``bench/timeline.py``)."""
        self.then_ms: list[float] = []
        """ms from Enter until ``then`` (the app's table beside the map) shows the name too."""
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda e: self.received.append(_frame_bytes(e)))
        self.cdp = cdp

    def add(self, name: str) -> tuple[float, int]:
        from conftest import wait_for_app

        self.box.fill(name)
        wait_for_app(self.page)
        self.received.clear()
        start = time.perf_counter()
        self.pressed_ms = time.time() * 1000  # the wall clock, to match server stamps
        self.box.press("Enter")
        self.page.wait_for_function(self.shows, arg=name, timeout=60_000, polling="raf")
        elapsed = (time.perf_counter() - start) * 1000
        if self.then:
            self.page.wait_for_function(self.then, arg=name, timeout=60_000, polling="raf")
            self.then_ms.append((time.perf_counter() - start) * 1000)
        wait_for_app(self.page)
        return elapsed, sum(self.received)


def _in_turns(typists: dict[str, _Typist], prefix: str, count: int) -> dict[str, Any]:
    """``count`` names in each page, taken in turns (so both see the same load on the machine),
    after one unmeasured name each (it warms the servers' caches)."""
    times: dict[str, list[float]] = {k: [] for k in typists}
    sizes: dict[str, list[int]] = {k: [] for k in typists}
    for i in range(count + 1):
        for key, typist in typists.items():
            ms, size = typist.add(f"{prefix} {key} {i}")
            if i:
                times[key].append(ms)
                sizes[key].append(size)
    out: dict[str, Any] = {}
    for key, typist in typists.items():
        out[key] = {**summary(times[key]), "bytes_median": statistics.median(sizes[key])}
        if typist.then_ms:
            then = typist.then_ms[-count:]  # without the unmeasured first name
            out[key]["then_median_ms"] = round(statistics.median(then), 1)
        typist.then_ms.clear()
    return out


def _frame_bytes(event: dict[str, Any]) -> int:
    """Bytes of one websocket frame (binary frames arrive base64-encoded)."""
    import base64
    import binascii

    payload = str(event["response"].get("payloadData", ""))
    if event["response"].get("opcode") == 2:
        try:
            return len(base64.b64decode(payload))
        except binascii.Error:
            return len(payload)
    return len(payload.encode())


def _served(folder: Path, name: str, source: str, env: dict[str, str]) -> Any:
    """A ``streamlit run`` of the one-file app ``source`` in ``folder/name``, with our settings."""
    import conftest

    bare = folder / name
    (bare / ".streamlit").mkdir(parents=True)
    (bare / ".streamlit" / "config.toml").write_bytes(
        (ROOT / ".streamlit/config.toml").read_bytes()
    )
    (bare / "app.py").write_text(source)

    class Server(conftest.StreamlitServer):
        def start(self) -> None:
            root, conftest.ROOT = conftest.ROOT, bare  # start() runs ROOT/app.py in ROOT
            try:
                super().start()
            finally:
                conftest.ROOT = root

    return Server(conftest.free_port(), env, folder / f"{name}.log")


def _form_and_table_app(folder: Path, env: dict[str, str]) -> Any:
    """The floor: a bare Streamlit app with the same name box (a form that clears itself, Enter
    submits) and a table of the same 30 people, and nothing else."""
    from ecomap.texts.catalog import text

    label = json.dumps(text("app.add.label", "nl"))
    names = json.dumps([p.name for p in network(30).people])
    source = (
        "import pandas as pd\nimport streamlit as st\n\n"
        f"st.session_state.setdefault('rows', {names})\n\n\n"
        "def add():\n    st.session_state['rows'].append(st.session_state['name'])\n\n\n"
        "with st.form('f', clear_on_submit=True, enter_to_submit=True, border=False):\n"
        f"    st.text_input({label}, key='name')\n"
        "    st.form_submit_button('+', on_click=add)\n"
        "st.table(pd.DataFrame({'Naam': st.session_state['rows'], 'Steun': 'Luisteren'})"
        ".set_index('Naam'))\n"
    )
    return _served(folder, "floor", source, env)


def _form_and_map_app(folder: Path, env: dict[str, str]) -> Any:
    """The map's own floor: the same name box and the map component with the same 30 people,
    laid out with a session ``LayoutCache`` as the app does, and nothing else (no questions,
    chips, table or draft). Its Enter -> map is what Streamlit's components, the layout and the
    drawing cost; what the app takes beyond it is the rest of the page."""
    from ecomap.texts.catalog import text

    label = json.dumps(text("app.add.label", "nl"))
    start = json.dumps(network(30).to_json())
    source = f"""import streamlit as st

from ecomap.edit import DEFAULT_CATEGORY, add_person, add_support
from ecomap.drawing.map_data import map_data
from ecomap.model import Direction, EcoMap, SupportForm
from ecomap.drawing.placement import LayoutCache, plan, prepare
from ui.map_view import KEY, _component, payload

st.session_state.setdefault("map", EcoMap.from_json({start}))
st.session_state.setdefault("cache", LayoutCache())


def add():
    m, pid = add_person(st.session_state["map"], st.session_state["name"], lang="nl")
    st.session_state["map"] = add_support(m, pid, SupportForm.EMOTIONAL, Direction.RECEIVES)


with st.form("f", clear_on_submit=True, enter_to_submit=True, border=False):
    st.text_input({label}, key="name")
    st.form_submit_button("+", on_click=add)
m = st.session_state["map"]
data = map_data(m, "nl", "nurse", geometry=plan(m, st.session_state["cache"]), touch=True)
_component()(key=KEY, data=payload({{**data, "large": False}}), height="content")  # as the app
prepare(m, st.session_state["cache"], DEFAULT_CATEGORY)  # as the app does, after the page
"""
    return _served(folder, "map-floor", source, env)


def _floor_server(folder: Path, env: dict[str, str]) -> Any:
    """The same ``streamlit run`` and settings for a one-line app that only shows our title:
    the part of a cold start that is Streamlit itself (its server and its ~2.7 MB frontend)."""
    from ecomap.texts.catalog import text

    title = json.dumps(text("app.title", "nl"))
    return _served(folder, "bare", f"import streamlit as st\n\nst.title({title})\n", env)


def _cold_start(chromium: Any, server: Any) -> dict[str, float]:
    """Start the server, open the app in a fresh browser context (empty cache), wait for the
    title; then stop the server again. Milliseconds."""
    from ecomap.texts.catalog import text

    started = time.perf_counter()
    server.start()
    healthy = time.perf_counter()
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url)
    page.get_by_role("heading", name=text("app.title", "nl")).wait_for()
    shown = time.perf_counter()
    paint = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0"
    )
    context.close()
    server.stop()
    return {
        "cold_start_ms": (shown - started) * 1000,
        "server_start_ms": (healthy - started) * 1000,
        "page_to_title_ms": (shown - healthy) * 1000,
        "first_contentful_paint_ms": float(paint),
    }


def bench_browser(quick: bool) -> dict[str, Any]:
    """Real Chromium against ``streamlit run``: cold start, and Enter -> the map shows the person.

    Cold start: from starting the server process until a fresh browser shows the app's title
    (the first paint a user sees), also split into server start and page load; median of 3
    starts, each beside a start of a one-line Streamlit app (what Streamlit itself costs).
    Then a draft with 30 people is opened by its link and 20 new names are typed, one at
    a time: the time from pressing Enter until the map in the page shows that name (median),
    and until the table under it does too, and the websocket bytes per change; in turns with
    the same in the bare form-and-table app, whose Enter -> table is the floor (the ratio of the
    two medians is reported)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        FONTCONFIG,
        StreamlitServer,
        free_port,
        wait_for_app,
    )
    from playwright.sync_api import sync_playwright

    from ecomap.store import open_store
    from ecomap.texts.catalog import text

    url, tmp = _isolated_store()
    with tmp:
        token = open_store(url).create(network(30)).token
        env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
        env.update({"ECOMAP_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"})
        server = StreamlitServer(free_port(), env, Path(tmp.name) / "streamlit.log")
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                env={**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG)},  # as the tests: no fonts
            )
            try:
                floor_server = _floor_server(Path(tmp.name), env)
                starts, floor = [], []
                for _ in range(1 if quick else 3):  # taken in turns: both see the same load
                    starts.append(_cold_start(chromium, server))
                    floor.append(_cold_start(chromium, floor_server))
                cold = {
                    key: round(statistics.median(s[key] for s in starts), 1) for key in starts[0]
                }
                cold["runs"] = len(starts)
                cold["bare_streamlit_ms"] = round(
                    statistics.median(s["cold_start_ms"] for s in floor), 1
                )
                server.start()
                page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
                open_at_map(page, server.url, token)
                label = text("app.add.label", "nl")
                table_server = _form_and_table_app(Path(tmp.name), env)
                map_server = _form_and_map_app(Path(tmp.name), env)
                bare, alone = [], []
                for floor_app, pages in ((table_server, bare), (map_server, alone)):
                    floor_app.start()
                    context = chromium.new_context(viewport={"width": 1280, "height": 900})
                    pages.append(context.new_page())
                    pages[0].goto(floor_app.url)
                    wait_for_app(pages[0])
                alone[0].wait_for_function(MAP_SHOWS, arg="Ans 0", timeout=30_000)
                typists = {
                    "app": _Typist(
                        page, page.get_by_label(label, exact=True), MAP_SHOWS, TABLE_SHOWS
                    ),
                    "floor": _Typist(bare[0], bare[0].get_by_label(label, exact=True), TABLE_SHOWS),
                    "map_floor": _Typist(
                        alone[0], alone[0].get_by_label(label, exact=True), MAP_SHOWS
                    ),
                }
                enter = _in_turns(typists, "Nieuw", 3 if quick else NAMES)
                # The same over a home connection (Chromium's network emulation, which also
                # slows the websocket): what a parent at home or a remote consult waits for.
                for typist in typists.values():
                    typist.cdp.send("Network.emulateNetworkConditions", HOME_NETWORK)
                home = _in_turns(typists, "Thuis", 3 if quick else 6)
                table_server.stop()
                map_server.stop()
            finally:
                chromium.close()
                server.stop()
    ratio = enter["app"]["median_ms"] / enter["floor"]["median_ms"]
    return {
        "cold_start": cold,
        "enter_to_map_30": enter["app"],
        "enter_to_table_30_bare_streamlit": enter["floor"],
        "enter_ratio_to_bare_streamlit": round(ratio, 2),
        "enter_to_map_30_map_alone": enter["map_floor"],
        "enter_ratio_to_map_alone": round(
            enter["app"]["median_ms"] / enter["map_floor"]["median_ms"], 2
        ),
        "enter_ratio_map_alone_to_bare_streamlit": round(
            enter["map_floor"]["median_ms"] / enter["floor"]["median_ms"], 2
        ),
        "enter_to_map_30_home_network": home["app"],
        "enter_to_table_30_bare_streamlit_home_network": home["floor"],
        "home_network": HOME_NETWORK,
    }


SECTIONS: dict[str, Callable[[bool], dict[str, Any]]] = {
    "core": bench_core,
    "html": bench_html,
    "rerun": bench_rerun,
    "pdf": bench_pdf,
    "browser": bench_browser,
}


def _cell(section: dict[str, Any], n: int, key: str, scale: float = 1.0) -> str:
    value = section.get(str(n), {}).get(key)
    if value is None:
        return "–"
    return f"{value / scale:,.1f}" if scale != 1.0 else f"{value:,.1f}"


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table (also readable as plain text)."""
    core, html = results.get("core", {}), results.get("html", {})
    rerun, pdf = results.get("rerun", {}), results.get("pdf", {})
    machine = results.get("machine", {})
    rows = [
        f"Python {machine.get('python')}, {machine.get('cpus')} CPUs, load average (1 min) "
        f"before/after: {machine.get('load_average_1min')}",
        "",
        "| people | core median ms | core p95 ms | core CPU ms | rerun median ms "
        "| PDF median ms | PDF CPU ms | PDF KB | map page in app KB | standalone map KB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in SIZES:
        rows.append(
            f"| {n} | {_cell(core, n, 'median_ms')} | {_cell(core, n, 'p95_ms')} "
            f"| {_cell(core, n, 'cpu_median_ms')} | {_cell(rerun, n, 'median_ms')} "
            f"| {_cell(pdf, n, 'median_ms')} | {_cell(pdf, n, 'cpu_median_ms')} "
            f"| {_cell(pdf, n, 'bytes', 1024)} | {_cell(html, n, 'app_bytes', 1024)} "
            f"| {_cell(html, n, 'export_bytes', 1024)} |"
        )
    if core:
        stage_names = list(core[str(SIZES[0])]["stages_median_ms"])
        rows += ["", "| core stage (median ms) | " + " | ".join(str(n) for n in SIZES) + " |"]
        rows.append("|---|" + "---:|" * len(SIZES))
        for stage in stage_names:
            cells = " | ".join(f"{core[str(n)]['stages_median_ms'][stage]:.2f}" for n in SIZES)
            rows.append(f"| {stage} | {cells} |")
    browser = results.get("browser")
    if browser:
        cold, enter = browser["cold_start"], browser["enter_to_map_30"]
        home = browser["enter_to_map_30_home_network"]
        floor = browser["enter_to_table_30_bare_streamlit"]
        alone = browser["enter_to_map_30_map_alone"]
        home_floor = browser["enter_to_table_30_bare_streamlit_home_network"]
        rows += [
            "",
            "| in headless Chromium against `streamlit run` | ms |",
            "|---|---:|",
            f"| Enter → map shows the new person, 30 people (median of {enter['runs']}) "
            f"| {enter['median_ms']:.0f} (p95 {enter['p95_ms']:.0f}) |",
            f"| the floor: Enter → table in a bare Streamlit form + 30-row table, in turns "
            f"| {floor['median_ms']:.0f} (p95 {floor['p95_ms']:.0f}) |",
            f"| ratio app / floor | {browser['enter_ratio_to_bare_streamlit']:.2f} |",
            f"| in the app, Enter → the table under the map shows the new person "
            f"| {enter['then_median_ms']:.0f} |",
            f"| the map alone: Enter → map in a bare form + the map component, in turns "
            f"| {alone['median_ms']:.0f} (p95 {alone['p95_ms']:.0f}) |",
            f"| ratio map alone / floor; app / map alone "
            f"| {browser['enter_ratio_map_alone_to_bare_streamlit']:.2f}; "
            f"{browser['enter_ratio_to_map_alone']:.2f} |",
            f"| bytes the page receives per change (median): app / map alone / floor "
            f"| {enter['bytes_median']:,.0f} / {alone['bytes_median']:,.0f} "
            f"/ {floor['bytes_median']:,.0f} |",
            f"| the same over a home connection (10 Mbit/s, 40 ms; median of {home['runs']}) "
            f"| {home['median_ms']:.0f} (p95 {home['p95_ms']:.0f}); floor "
            f"{home_floor['median_ms']:.0f} |",
            f"| cold start: server start → app title shown (median of {cold['runs']}) "
            f"| {cold['cold_start_ms']:.0f} |",
            f"| of which server start (health ok) | {cold['server_start_ms']:.0f} |",
            f"| of which page load → app title shown | {cold['page_to_title_ms']:.0f} |",
            "| first contentful paint (from navigation) "
            f"| {cold['first_contentful_paint_ms']:.0f} |",
            f"| the same for a one-line Streamlit app (Streamlit's own part) "
            f"| {cold['bare_streamlit_ms']:.0f} |",
        ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    global SIZES
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="comma-separated numbers of people"
    )
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    SIZES = tuple(int(n) for n in args.sizes.split(","))
    load = round(os.getloadavg()[0], 2)  # other work on the machine skews wall-clock times
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%d"),
        "quick": args.quick,
        "sizes": list(SIZES),
    }
    for name in args.only.split(","):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results[name] = SECTIONS[name](args.quick)
    results["machine"]["load_average_1min"] = [load, round(os.getloadavg()[0], 2)]
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nresults written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
