"""Server-side stamps for ``bench/timeline.py``: loaded by a ``streamlit run`` whose PYTHONPATH
starts with this folder (never by the app itself).

Each line of ``$TIMELINE_LOG`` is ``<epoch ms> <event>``: a message from the browser handled,
a message to it queued and written to its websocket (with what it holds), and when the map's
layout starts and ends. Streamlit internals (1.67) are wrapped by name; when a name is gone,
the tool says so instead of measuring nothing. Only message kinds and delta paths are logged,
never their content (no names)."""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from typing import Any

_LOG = open(os.environ.get("TIMELINE_LOG", os.devnull), "a", buffering=1)  # noqa: SIM115
_LOCK = threading.Lock()


def stamp(event: str) -> None:
    with _LOCK:
        _LOG.write(f"{time.time() * 1000:.3f} {event}\n")


def _kind(msg: Any) -> str:
    kind = str(msg.WhichOneof("type"))
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        if delta == "new_element":
            delta = str(msg.delta.new_element.WhichOneof("type"))
        kind = f"delta:{delta}"
    return f"{kind} {list(msg.metadata.delta_path)}"


def _wrap(owner: Any, name: str, before: Any) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        before(*args)
        return original(self, *args, **kwargs)

    setattr(owner, name, wrapped)


def _install() -> None:
    from streamlit.runtime import app_session
    from streamlit.web.server.starlette import starlette_websocket

    session = app_session.AppSession
    _wrap(session, "handle_backmsg", lambda msg: stamp(f"backmsg {msg.WhichOneof('type')}"))
    _wrap(session, "_enqueue_forward_msg", lambda msg: stamp(f"queued {_kind(msg)}"))
    client = starlette_websocket.StarletteSessionClient
    _wrap(client, "write_forward_msg", lambda msg: stamp(f"written {_kind(msg)}"))

    from ecomap.drawing import placement

    plan = placement.plan

    @functools.wraps(plan)
    def timed_plan(*args: Any, **kwargs: Any) -> Any:
        stamp("layout start")
        try:
            return plan(*args, **kwargs)
        finally:
            stamp("layout end")

    placement.plan = timed_plan  # modules that import ``plan`` later get this one


if os.environ.get("TIMELINE_LOG"):
    try:
        _install()
    except (ImportError, AttributeError) as exc:
        print(f"timeline: cannot stamp this Streamlit ({exc!r})", file=sys.stderr)
