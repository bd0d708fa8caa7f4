"""Load through the deployment recipe: N people entering names at once, against one or two app
instances behind Caddy (deploy/Caddyfile), on a real PostgreSQL. Loopback only; it stops by
itself (every session has a bounded number of steps, every wait a timeout, every run a deadline).

    .venv/bin/python bench/load.py                       # N = 1, 10, 50; one and two instances
    .venv/bin/python bench/load.py --sessions 20 --instances 1 --profile bench/out/profile
    .venv/bin/python bench/load.py --quick               # N = 1, 5: a smoke run (~1 min)

Each simulated person is one Streamlit session on its own websocket, speaking Streamlit's own
protocol (protobuf BackMsg / ForwardMsg, as the browser does) through the proxy: it opens the
app, presses "Beginnen", then types ``--names`` names on the first question, one at a time,
waiting ``--think`` seconds (±50 %) between them, as a person typing the next name does. Like a
browser it keeps the page's 5-second fragment running while it waits (the draft watch). The
figure is **Enter → table**: from sending the Enter (the form's submit) until the page's table
that lists the new name arrives from the server. Browser rendering is not included (the
in-browser Enter → map figure is in bench/run.py).

After each run every person's draft is read back from PostgreSQL: a name typed (and answered)
but not in the draft, or a name whose table never came, is a lost person.

``--profile DIR`` records the busiest instance with py-spy (``pip install -e ".[bench]"``)
during each run and writes a flame graph (SVG) and py-spy's raw profile for each N there.

The load generator runs on the same two cores as everything else: with many sessions its own
CPU time (parsing every page the server sends) is part of what the figures show.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

STEP_TIMEOUT = 60.0
"""Seconds one answer may take before it counts as lost."""
CONNECT_TIMEOUT = 30.0
FIRST_FORM = "emotional"
"""The first question's step key: its name box is ``add-emotional``."""


@dataclass
class Result:
    """One simulated person: Enter → table times (ms), names typed, and what went wrong."""

    index: int
    times: list[float] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    token: str | None = None
    errors: list[str] = field(default_factory=list)
    fragment_runs: int = 0
    reruns: int = 0
    """Every script run this person asked for (page start, buttons, names, fragments)."""


class Session:
    """One browser tab, as Streamlit's frontend speaks to the server (only what this needs)."""

    def __init__(self, ws: Any) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.ws = ws
        self.ForwardMsg = ForwardMsg
        self.widgets: dict[str, str] = {}
        """Widget id by the user key it ends with (``next``, ``add-emotional``, ...)."""
        self.query = ""
        self.fragments: dict[str, float] = {}
        """Fragments the page asked to rerun on their own: fragment id → interval (s)."""
        self.lock = asyncio.Lock()

    async def rerun(
        self,
        states: list[dict[str, Any]] | None = None,
        *,
        fragment: str = "",
        wait_for: str | None = None,
    ) -> float | None:
        """Send a rerun (with these widget states) and read until the run (and any rerun it asked
        for) has finished; with ``wait_for``, the seconds until a table containing that text
        arrived (None: never)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query
        client.page_script_hash = ""
        if fragment:
            client.fragment_id = fragment
            client.is_auto_rerun = True
        for state in states or []:
            w = client.widget_states.widgets.add()
            w.id = state["id"]
            for key in ("trigger_value", "string_value", "bool_value"):
                if key in state:
                    setattr(w, key, state[key])
        async with self.lock:
            started = time.perf_counter()
            await self.ws.send(msg.SerializeToString())
            seen: float | None = None
            needle = wait_for.encode() if wait_for else b""
            while True:
                raw = await asyncio.wait_for(self.ws.recv(), STEP_TIMEOUT)
                fwd = self.ForwardMsg()
                fwd.ParseFromString(raw)
                kind = fwd.WhichOneof("type")
                if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    etype = element.WhichOneof("type")
                    widget = getattr(element, etype)
                    wid = getattr(widget, "id", "")
                    if wid:
                        self.widgets[_user_key(wid)] = wid
                    if needle and seen is None and etype == "table" and needle in raw:
                        seen = time.perf_counter() - started
                elif kind == "page_info_changed":
                    self.query = fwd.page_info_changed.query_string
                elif kind == "auto_rerun":
                    self.fragments[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
                # A run that saved a new draft asks for one more (ui/drafts.finish): the
                # browser reads on, and so does this, or the next name meets that rerun.
                elif (
                    kind == "script_finished"
                    and fwd.script_finished != self.ForwardMsg.FINISHED_EARLY_FOR_RERUN
                ):
                    return seen

    def widget(self, key: str) -> str:
        return self.widgets[key]


def _user_key(widget_id: str) -> str:
    """The user key a generated widget id ends with: ``$$ID-<hash>-<key>`` → ``<key>``."""
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" else widget_id


async def _watch(session: Session, result: Result, stop: asyncio.Event) -> None:
    """Like the browser: rerun each fragment the page asked for, at its interval, while idle."""
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=_interval(session))
            return
        except TimeoutError:
            pass
        for fragment in list(session.fragments):
            await session.rerun(fragment=fragment)
            result.fragment_runs += 1
            result.reruns += 1


def _interval(session: Session) -> float:
    return min(session.fragments.values(), default=5.0)


async def person(
    index: int,
    url: str,
    ssl_context: Any,
    names: int,
    think: float,
    rng: random.Random,
    hold: float = 0.0,
) -> Result:
    import websockets

    result = Result(index)
    ws_url = url.replace("https://", "wss://") + "/_stcore/stream"
    stop = asyncio.Event()
    await asyncio.sleep(rng.uniform(0, 1.0))  # people do not press Enter in the same ms
    try:
        async with websockets.connect(
            ws_url,
            ssl=ssl_context,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=url,  # type: ignore[arg-type]
            open_timeout=CONNECT_TIMEOUT,
            max_size=2**25,
            ping_interval=None,
        ) as ws:
            session = Session(ws)
            await session.rerun()
            await session.rerun([{"id": session.widget("next"), "trigger_value": True}])
            result.reruns += 2
            watcher = asyncio.create_task(_watch(session, result, stop))
            try:
                for i in range(names):
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                    name = f"Persoon {index} {i}"  # no Markdown characters: the table escapes them
                    result.typed.append(name)
                    box = session.widget(f"add-{FIRST_FORM}")
                    go = session.widget(f"add-{FIRST_FORM}-go")
                    seen = await session.rerun(
                        [
                            {"id": box, "string_value": name},
                            {"id": go, "trigger_value": True},
                        ],
                        wait_for=name,
                    )
                    result.reruns += 1
                    if seen is None:
                        result.errors.append(f"no table with {name}")
                    else:
                        result.times.append(seen * 1000)
                        result.answered.append(name)
                await asyncio.sleep(hold)  # an idle window: only its 5 s draft check runs
            finally:
                stop.set()
                await watcher
            result.token = parse_qs(session.query).get("d", [None])[0]
    except Exception as exc:  # counted, never raised: one broken session must not end the run
        result.errors.append(f"{type(exc).__name__}: {exc}"[:200])
    return result


async def crowd(
    url: str,
    ssl_context: Any,
    n: int,
    names: int,
    think: float,
    deadline: float,
    hold: float = 0.0,
) -> list[Result]:
    rng = random.Random(n)
    tasks = [
        asyncio.create_task(
            person(i, url, ssl_context, names, think, random.Random(rng.random()), hold)
        )
        for i in range(n)
    ]
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    results = [t.result() for t in done]
    for i in range(len(pending)):
        results.append(Result(-1 - i, errors=["did not finish before the deadline"]))
    return results


def lost_people(results: list[Result], database_url: str) -> list[str]:
    """Names typed but missing from the session's draft in PostgreSQL, or never answered."""
    from ecomap.store import open_store

    store = open_store(database_url)
    lost: list[str] = []
    try:
        for r in results:
            lost += [f"{name} (no table)" for name in r.typed if name not in r.answered]
            if not r.answered:
                continue
            draft = store.load(r.token) if r.token else None
            kept = {p.name for p in draft.ecomap.people} if draft else set()
            lost += [f"{name} (not in the draft)" for name in r.answered if name not in kept]
    finally:
        store.close()
    return lost


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (from /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def rss_mb(pids: list[int]) -> float:
    """The largest resident memory (MB) of these processes now (from /proc)."""
    sizes = [0.0]
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes)


def run_config(
    instances: int,
    sizes: list[int],
    args: argparse.Namespace,
    folder: Path,
    database_url: str,
) -> list[dict[str, Any]]:
    from conftest import StreamlitServer, free_port
    from stack import HOST, Proxy, app_env, make_certificate, tls_context

    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOMAP_")}
    env.update(app_env(database_url) | {"PYTHONUNBUFFERED": "1"})
    rows: list[dict[str, Any]] = []
    with ExitStack() as stack:
        apps = []
        for i in range(instances):
            app = StreamlitServer(free_port(), env, folder / f"app-{instances}-{i}.log")
            app.start()
            stack.callback(app.stop)
            apps.append(app)
        cert, key = make_certificate(folder)
        proxy_dir = folder / f"proxy-{instances}"
        proxy_dir.mkdir()
        proxy = Proxy(proxy_dir, [f"{HOST}:{a.port}" for a in apps], cert, key)
        proxy.start()
        stack.callback(proxy.stop)
        context = tls_context(cert)
        pids = [a.process.pid for a in apps if a.process]
        proxy_pid = [proxy.process.pid] if proxy.process else []
        # Warm up: the first run of a fresh process imports the app's modules.
        asyncio.run(crowd(proxy.url, context, 2 * instances, 1, 0.1, 120))
        for n in sizes:
            profiler = _start_profiler(args.profile, pids, instances, n)
            cpu0, proxy0, load0 = cpu_seconds(pids), cpu_seconds(proxy_pid), os.getloadavg()[0]
            own0 = time.process_time()
            started = time.perf_counter()
            results = asyncio.run(
                crowd(proxy.url, context, n, args.names, args.think, args.deadline, args.hold)
            )
            wall = time.perf_counter() - started
            cpu, proxy_cpu = cpu_seconds(pids) - cpu0, cpu_seconds(proxy_pid) - proxy0
            own = time.process_time() - own0
            _stop_profiler(profiler)
            times = [t for r in results for t in r.times]
            lost = lost_people(results, database_url)
            errors = [e for r in results for e in r.errors]
            answers = len(times)
            reruns = sum(r.reruns for r in results)
            row = {
                "instances": instances,
                "sessions": n,
                "answers": answers,
                "median_ms": round(statistics.median(times), 1) if times else None,
                "p95_ms": round(percentile(times, 0.95), 1) if times else None,
                "max_ms": round(max(times), 1) if times else None,
                "lost": len(lost),
                "lost_examples": lost[:5],
                "errors": len(errors),
                "error_examples": errors[:3],
                "fragment_runs": sum(r.fragment_runs for r in results),
                "wall_s": round(wall, 1),
                "app_cpu_s": round(cpu, 1),
                "reruns": reruns,
                "app_cpu_ms_per_rerun": round(1000 * cpu / reruns, 1) if reruns else None,
                "proxy_cpu_s": round(proxy_cpu, 1),
                "app_rss_mb": round(rss_mb(pids), 1),
                "generator_cpu_s": round(own, 1),
                "load_average_1min": [round(load0, 2), round(os.getloadavg()[0], 2)],
            }
            rows.append(row)
            print(_line(row), file=sys.stderr, flush=True)
    return rows


def _start_profiler(
    out: str | None, pids: list[int], instances: int, n: int
) -> subprocess.Popen[bytes] | None:
    if not out:
        return None
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        raise SystemExit('py-spy is missing: .venv/bin/pip install -e ".[bench]"')
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"instances{instances}-sessions{n}"
    # One instance is enough: with several, each gets its share of the same work.
    return subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(pids[0]),
            "--rate",
            "100",
            "--format",
            "raw",
            "--output",
            f"{stem}.txt",
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop_profiler(profiler: subprocess.Popen[bytes] | None) -> None:
    if profiler is None:
        return
    profiler.send_signal(2)  # SIGINT: py-spy writes its file and stops
    try:
        profiler.wait(timeout=60)
    except subprocess.TimeoutExpired:
        profiler.kill()
        profiler.wait()
    raw = Path(str(profiler.args[profiler.args.index("--output") + 1]))  # type: ignore[index]
    if raw.exists():
        summary = summarise(raw)
        raw.with_suffix(".summary.txt").write_text(summary + "\n")
        print(summary, file=sys.stderr, flush=True)


def summarise(raw: Path, top: int = 25) -> str:
    """py-spy's raw profile (one collapsed stack and its sample count a line) as two lists:
    the functions with the most samples in them (inclusive, each counted once a stack), and
    where the samples were taken (self). Shares of all samples of the busy process."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_frame(f) for f in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + n
        own[frames[-1]] = own.get(frames[-1], 0) + n
    if not total:
        return "no samples"

    def rows(table: dict[str, int]) -> list[str]:
        best = sorted(table.items(), key=lambda kv: -kv[1])[:top]
        return [f"{100 * n / total:5.1f} %  {name}" for name, n in best]

    return "\n".join(
        [f"{total} samples", "", "inclusive:", *rows(inclusive), "", "self:", *rows(own)]
    )


def _frame(frame: str) -> str:
    """``function (path/to/file.py:12)`` → ``function (file.py)``, shorter and line-free."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    if path.startswith(f"{ROOT}/"):
        path = path[len(f"{ROOT}/") :]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    return f"{name} ({path})"


def _line(row: dict[str, Any]) -> str:
    return (
        f"| {row['instances']} | {row['sessions']} | {row['answers']} "
        f"| {_ms(row['median_ms'])} | {_ms(row['p95_ms'])} | {row['lost']} | {row['errors']} "
        f"| {_ms(row['app_cpu_ms_per_rerun'])} | {row['wall_s']:.0f} "
        f"| {row['load_average_1min'][1]:.1f} |"
    )


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


HEADER = (
    "| instances | sessions | answers | Enter → table median ms | p95 ms | lost people "
    "| errors | app CPU ms per rerun | wall s | load avg after |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sessions", default="1,10,50", help="comma-separated N")
    parser.add_argument("--instances", default="1,2", help="comma-separated instance counts")
    parser.add_argument("--names", type=int, default=5, help="names each person types")
    parser.add_argument("--think", type=float, default=2.0, help="seconds between names (±50%%)")
    parser.add_argument(
        "--hold", type=float, default=0.0, help="seconds each window then stays open, idle"
    )
    parser.add_argument("--deadline", type=float, default=240.0, help="seconds per run, at most")
    parser.add_argument("--profile", help="folder for py-spy profiles of one instance")
    parser.add_argument("--quick", action="store_true", help="N = 1, 5 and 3 names")
    parser.add_argument("--out", default=str(HERE / "load-results.json"))
    args = parser.parse_args(argv)
    if args.quick:
        args.sessions, args.names = "1,5", 3
    sizes = [int(n) for n in args.sessions.split(",")]
    configs = [int(n) for n in args.instances.split(",")]

    from pg import running_postgres

    rows: list[dict[str, Any]] = []
    print(HEADER, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="ecomap-load-") as tmp, running_postgres() as pg:
        database_url = pg.new_database()
        for instances in configs:
            rows += run_config(instances, sizes, args, Path(tmp), database_url)
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "names_per_session": args.names,
        "think_s": args.think,
        "hold_s": args.hold,
        "rows": rows,
    }
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(HEADER)
    for row in rows:
        print(_line(row))
    print(f"\nresults written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
