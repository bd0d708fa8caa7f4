"""How long the dossier PDF and the pictures take, and how big they are, for 15 and 60 people.

    .venv/bin/python bench/pdf.py            # 15 and 60 people, 3 runs each
    .venv/bin/python bench/pdf.py 15 60 150  # other sizes

Prints one line per size and format: median wall-clock milliseconds (after one warm-up run),
size in KB, and pages for the PDF. Maps come from bench/maps.py (deterministic).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from maps import network  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from ecomap.drawing.picture import render_png, render_svg  # noqa: E402
from ecomap.files.pdf import render_pdf  # noqa: E402
from ecomap.files.tabular import csv_zip, to_graphml  # noqa: E402

RUNS = 3


def median_ms(fn: Callable[[], bytes]) -> tuple[float, bytes]:
    out = fn()  # warm-up (imports, font loading)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), out


def main(sizes: list[int]) -> None:
    warnings.simplefilter("ignore")  # missing-glyph notes are not what we measure
    for n in sizes:
        ecomap = network(n)
        formats: dict[str, Callable[[], bytes]] = {
            "pdf": partial(render_pdf, ecomap),
            "pdf anonymised": partial(render_pdf, ecomap, anonymise=True),
            "png": partial(render_png, ecomap),
            "svg": partial(render_svg, ecomap),
            "graphml": partial(to_graphml, ecomap),
            "csv zip": partial(csv_zip, ecomap),
        }
        for name, fn in formats.items():
            ms, data = median_ms(fn)
            extra = ""
            if name.startswith("pdf"):
                extra = f"  pages {len(PdfReader(io.BytesIO(data)).pages)}"
            print(f"{n:4d} people  {name:15s} {ms:8.0f} ms  {len(data) / 1024:7.1f} KB{extra}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [15, 60])
