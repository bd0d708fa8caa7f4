"""The benchmark suite: what a nurse and a parent wait for, measured on this machine.

    .venv/bin/python bench/run.py            # all sections; prints a table, writes results.json
    .venv/bin/python bench/run.py --quick    # fewer repetitions (a smoke run)
    .venv/bin/python bench/run.py --only core,pdf

Sections: core (validation -> graph -> layout -> render_html -> reflect per change; median, p95),
html (bytes sent for the map), pdf (render_pdf median and size), rerun (one AppTest rerun after
adding a person), browser (Enter -> map shows the person, in real Chromium; cold start to first
paint).
Times are wall-clock milliseconds; maps come from bench/maps.py (deterministic).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from maps import network  # noqa: E402

SIZES = (10, 30, 100, 300)


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Run fn `warmup` times unmeasured, then `repeat` times; milliseconds per run."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2), "runs": len(ms)}


def bench_core(quick: bool) -> dict[str, Any]:
    from ecomap.graph import build_graph
    from ecomap.html_map import render_html
    from ecomap.model import EcoMap
    from ecomap.placement import layout
    from ecomap.reflection import reflect

    out: dict[str, Any] = {}
    for n in SIZES:
        text = network(n).to_json()

        def change(text: str = text) -> None:
            m = EcoMap.model_validate_json(text)
            build_graph(m)
            layout(m)
            render_html(m, "nl")
            reflect(m, "nl", "nurse")

        repeat = 5 if quick else (30 if n <= 100 else 15)
        out[str(n)] = summary(timed(change, repeat))
        out[str(n)]["stages_median_ms"] = stages(text, max(3, repeat // 3))
    return out


def stages(text: str, repeat: int) -> dict[str, float]:
    """Where the time of one change goes (medians), to explain how it grows with n."""
    from ecomap.graph import build_graph
    from ecomap.html_map import render_html
    from ecomap.model import EcoMap
    from ecomap.placement import layout
    from ecomap.reflection import reflect

    m = EcoMap.model_validate_json(text)
    parts: dict[str, Callable[[], object]] = {
        "validate": lambda: EcoMap.model_validate_json(text),
        "graph": lambda: build_graph(m),
        "layout": lambda: layout(m),
        "render_html": lambda: render_html(m, "nl"),
        "reflect": lambda: reflect(m, "nl", "nurse"),
    }
    return {k: round(statistics.median(timed(f, repeat)), 2) for k, f in parts.items()}


def bench_html(quick: bool) -> dict[str, Any]:
    from ecomap.html_map import render_html

    return {str(n): {"bytes": len(render_html(network(n), "nl").encode())} for n in SIZES}


SECTIONS: dict[str, Callable[[bool], dict[str, Any]]] = {
    "core": bench_core,
    "html": bench_html,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
        "date": time.strftime("%Y-%m-%d"),
    }
    for name in args.only.split(","):
        print(f"running {name} ...", file=sys.stderr)
        results[name] = SECTIONS[name](args.quick)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
