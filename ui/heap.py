"""Once per server process: keep the garbage collector from walking what the app keeps for good.

A full collection (generation 2) walks every object in the process: Streamlit's, pandas' and
pyarrow's, close to a million. In the app one took 54-209 ms (four at start-up, then one in the
31 changes of a measured session: 94 ms), inside a run, and every session of the process waits
for it (``bench/NOTES.md``, 2026-12-03, evening). Objects alive once the app is warm are moved
out of its reach with ``gc.freeze``; a full collection then walks only what came since (3.6 ms
in the same session). Memory is freed as before: objects go by reference counting, and what
runs create in cycles after the freeze is collected as usual."""

from __future__ import annotations

import gc
import sys
import threading

THRESHOLDS = (20_000, 20, 20)
"""``gc.set_threshold`` once settled (Python's default: 700, 10, 10). After the freeze, with the
default, collections of the young generations came twice per change of the map and took 2 ms
per change in all (at most 10 ms at once); with these 0.6 ms (21 changes each, ``bench/NOTES.md``).
Garbage in cycles waits a little longer to be freed (until 20,000 new objects)."""

_lock = threading.Lock()
_settled = threading.Event()
"""Set once this process has frozen its warm heap (a process fact, no user data)."""


def settle() -> None:
    """At the end of a run: the first time the heavy libraries are loaded (pandas comes with the
    first page that shows a table), collect once and freeze what is alive. Later calls do
    nothing."""
    if _settled.is_set() or "pandas" not in sys.modules:
        return
    with _lock:
        if not _settled.is_set():
            gc.collect()
            gc.freeze()
            gc.set_threshold(*THRESHOLDS)
            _settled.set()
