"""``ui.heap.settle``: once the app is warm, a full garbage collection no longer walks it."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator

import pytest

from ui import heap


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(heap, "_settled", threading.Event())
    gc.unfreeze()  # (an app test before may have settled this process)
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()  # the test process goes on as before
    gc.set_threshold(*thresholds)


def test_after_settling_a_full_collection_walks_a_small_part_of_the_heap(fresh: None) -> None:
    import pandas  # noqa: F401  (the app is warm: its first table has been drawn)

    before = len(gc.get_objects())
    heap.settle()
    assert gc.get_freeze_count() > before / 2
    assert len(gc.get_objects()) < before / 10
    assert gc.get_threshold() == heap.THRESHOLDS


def test_it_waits_for_the_heavy_libraries_and_then_settles_once(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(1) or 0)
    import pandas

    monkeypatch.delitem(sys.modules, "pandas")
    heap.settle()  # the start screen: pandas is not loaded yet
    assert gc.get_freeze_count() == 0 and collected == []
    monkeypatch.setitem(sys.modules, "pandas", pandas)  # the first page with a table
    heap.settle()
    heap.settle()
    assert collected == [1]
    assert gc.get_freeze_count() > 0
