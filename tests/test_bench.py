"""The benchmark runs end to end in quick mode for tiny maps and writes JSON a person can read.

No timing is asserted (times depend on the machine); only that every section ran, gave numbers
for every size, and that the printed table shows them.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ecomap_bench_run", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[Any, str]:
    out = tmp_path / "results.json"
    assert load_bench().main(["--quick", "--out", str(out), *args]) == 0
    return json.loads(out.read_text()), capsys.readouterr().out


def test_quick_run_for_tiny_maps_writes_every_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, printed = run(tmp_path, capsys, "--only", "core,html,rerun,pdf", "--sizes", "2,4")
    assert results["sizes"] == [2, 4]
    for n in ("2", "4"):
        for section in ("core", "rerun", "pdf"):
            assert results[section][n]["median_ms"] > 0, (section, n)
            assert results[section][n]["p95_ms"] >= results[section][n]["median_ms"]
        assert set(results["core"][n]["stages_median_ms"]) == {
            "validate", "graph", "layout", "map_data", "reflect",
        }  # fmt: skip
        assert results["pdf"][n]["bytes"] > 1000
        html = results["html"][n]
        assert 0 < html["app_bytes"] < html["export_bytes"]
    assert results["html"]["2"]["app_bytes"] < results["html"]["4"]["app_bytes"]
    # The printed table has one row per size with the medians in it.
    assert "| people | core median ms" in printed
    row = next(line for line in printed.splitlines() if line.startswith("| 4 |"))
    assert f"{results['core']['4']['median_ms']:,.1f}" in row
    assert f"{results['pdf']['4']['median_ms']:,.1f}" in row


@pytest.mark.browser
def test_quick_browser_section_measures_enter_and_cold_start(tmp_path: Path) -> None:
    """Run as the README says, in its own process (a test session may already hold a
    Playwright instance, and there can be only one per thread)."""
    from conftest import _require_chromium

    _require_chromium()
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "browser", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    browser = json.loads(out.read_text())["browser"]
    assert browser["enter_to_map_30"]["runs"] == 3
    assert browser["enter_to_map_30"]["median_ms"] > 0
    assert browser["enter_to_map_30"]["then_median_ms"] > 0  # the app's table showed each name
    assert browser["enter_to_table_30_bare_streamlit"]["median_ms"] > 0
    assert browser["enter_ratio_to_bare_streamlit"] > 0
    assert browser["enter_to_map_30_map_alone"]["median_ms"] > 0  # the map drew each name
    assert browser["enter_ratio_to_map_alone"] > 0
    assert browser["enter_to_map_30"]["bytes_median"] > 0
    assert browser["enter_to_map_30_home_network"]["median_ms"] > 0
    assert browser["cold_start"]["cold_start_ms"] >= browser["cold_start"]["server_start_ms"] > 0
    assert browser["cold_start"]["bare_streamlit_ms"] > 0
    assert "Enter → map shows the new person" in done.stdout


def load_load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ecomap_bench_load", BENCH.parent / "load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_profile_summary_reads_py_spys_collapsed_stacks(tmp_path: Path) -> None:
    raw = tmp_path / "p.txt"
    raw.write_text(
        "run (a/x.py:1);page (ui/steps.py:5);live_map (ui/map_view.py:9) 3\n"
        "run (a/x.py:1);start (ui/drafts.py:2) 1\n"
    )
    summary = load_load().summarise(raw)
    assert summary.startswith("4 samples")
    assert " 75.0 %  page (ui/steps.py)" in summary
    assert "100.0 %  run (a/x.py)" in summary


@pytest.mark.browser
def test_timeline_shows_where_enter_to_map_goes_on_both_sides() -> None:
    """``bench/timeline.py`` stamps Streamlit's own message path: when a Streamlit upgrade moves
    what it wraps, this fails instead of the tool printing an empty table."""
    from conftest import _require_chromium

    _require_chromium()
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / "timeline.py"), "--names", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:4]]
        for line in done.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| event")
    }
    for event in ("server: Enter handled", "server: map layout ends", "server: map written"):
        assert float(rows[event][0]) > 0, event  # the app's column
    assert float(rows["server: table written"][1]) > 0  # the floor's
    assert float(rows["page: map drawn"][0]) > float(rows["page: map update()"][0]) > 0
    assert float(rows["shown (as bench/run.py measures it)"][1]) > 0
    assert "ratio app / floor" in done.stdout
