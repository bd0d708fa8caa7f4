"""Nothing leaks (issue 6): not between families, not into logs, not through a crash, not into
module state.

- Two browsers at the same time each see only their own people (Chromium, one server).
- The server's log, after typing, editing, a failing upload and a database that is away, holds
  no name, role, note or draft token; nor does Python logging (DEBUG) during AppTest runs.
- An unexpected error shows a calm sentence, keeps the draft, and logs only the error's type.
- No module in ``ecomap/``, ``ui/`` or ``app.py`` keeps user data in module globals: no module-level
  container is ever changed, no ``global`` rebinding, caches are keyed by language or settings
  only, and after a run with distinctive names no module global holds them.
"""

from __future__ import annotations

import ast
import importlib
import logging
import os
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from apptest_support import APP, run
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.store import open_store
from ecomap.texts.catalog import text

ROOT = Path(__file__).resolve().parent.parent

# Distinctive words: found in a log only if they leaked there.
NAMES = ["Wilhelmina Quast", "Barend Zuurdeeg"]
ROLES = ["peettante Quirina", "schaakclub Ypsilon"]
NOTE = "Xandra heeft slaapproblemen sinds de verhuizing naar Kwelderweg"
TYPED_A, TYPED_B = "Annegreet Vossepoel", "Bonifatius Keizerwaard"
CHIPS = text("app.chips.label", "nl")


def family() -> EcoMap:
    people = [
        Person(id=f"p{i}", name=n, role=r, category=Category.INFORMAL_CLOSE)
        for i, (n, r) in enumerate(zip(NAMES, ROLES, strict=True))
    ]
    ties = [Tie(person_id=p.id, form=SupportForm.EMOTIONAL) for p in people]
    return EcoMap(people=people, ties=ties, note=NOTE)


def secrets_in(log: str, tokens: list[str]) -> list[str]:
    words = [*NAMES, *ROLES, NOTE, TYPED_A, TYPED_B]
    parts = [w for name in words for w in name.split() if len(w) >= 6] + tokens
    return [w for w in parts if w.lower() in log.lower()]


# --------------------------------------------------------------------------- in Chromium


def _begin(page: Any) -> None:
    from conftest import wait_for_app

    page.get_by_role("button", name="Beginnen", exact=True).click()
    page.get_by_text("Stap 2 van 10").wait_for()
    wait_for_app(page)


def _type(page: Any, name: str) -> None:
    from conftest import wait_for_app

    box = page.get_by_label("Naam", exact=True)
    box.click()
    box.press_sequentially(name)
    box.press("Enter")
    page.get_by_role("toolbar", name=CHIPS).get_by_role("button", name=name).wait_for()
    wait_for_app(page)


def _token(page: Any) -> str:
    from urllib.parse import parse_qs, urlparse

    page.wait_for_url(re.compile(r".*\?d=[A-Za-z0-9_-]{32}(&|$)"))
    return parse_qs(urlparse(page.url).query)["d"][0]


@pytest.mark.browser
def test_two_browsers_at_once_see_only_their_own_people_and_the_log_stays_clean(
    streamlit_server: Any, new_page: Any
) -> None:
    from conftest import map_labels, wait_for_app

    server = streamlit_server({"STREAMLIT_LOGGER_LEVEL": "debug"})
    a, _ = new_page()
    b, _ = new_page()
    for page in (a, b):  # both open before either types
        page.goto(server.url)
        wait_for_app(page)
    _begin(a)
    _begin(b)
    _type(a, TYPED_A)
    _type(b, TYPED_B)
    _type(a, "Oma")
    token_a, token_b = _token(a), _token(b)
    assert token_a != token_b
    for page, own, other in ((a, TYPED_A, TYPED_B), (b, TYPED_B, TYPED_A)):
        page.reload()
        wait_for_app(page)
        page.get_by_text("Stap 2 van 10").wait_for()  # back at the same step
        wait_for_app(page)
        body = page.locator("[data-testid='stMain']").inner_text()
        assert own in body and other not in body
        assert not [n for n in map_labels(page) if other in n]

    # A restored draft with roles and a note, walked to the end; a broken file uploaded.
    draft = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(family())
    c, _ = new_page()
    c.goto(f"{server.url}/?d={draft.token}")
    wait_for_app(c)
    c.get_by_text(text("privacy.notice.restored", "nl")).wait_for()
    for n in range(2, 11):
        c.get_by_role("button", name="Beginnen" if n == 2 else "Volgende", exact=True).click()
        c.get_by_text(f"Stap {n} van 10").wait_for()
        wait_for_app(c)
    c.get_by_text(NOTE).wait_for()
    c.locator("input[type='file']").set_input_files(
        files=[{"name": "x.json", "mimeType": "application/json", "buffer": b'{"people": 1}'}]
    )
    c.get_by_text(text("dossier.app.kept.nurse", "nl")).wait_for()

    log = server.log_text()
    assert len(log.splitlines()) > 50, "the log ran at its most talkative level (debug)"
    assert secrets_in(log, [token_a, token_b, draft.token]) == []


@pytest.mark.browser
def test_a_database_that_is_away_logs_no_names(streamlit_server: Any, new_page: Any) -> None:
    from conftest import wait_for_app

    server = streamlit_server({"ECOMAP_DATABASE_URL": "sqlite:////proc/no-such-dir/drafts.db"})
    page, _ = new_page()
    page.goto(server.url)
    wait_for_app(page)
    _begin(page)
    _type(page, TYPED_A)
    page.get_by_text(text("privacy.notice.save_failed", "nl")).wait_for()
    assert "d=" not in page.url
    log = server.log_text()
    assert "saving a draft failed" in log, "the failure itself is logged (its type only)"
    assert secrets_in(log, []) == []


# --------------------------------------------------------------------------- AppTest


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    monkeypatch.setenv("ECOMAP_DATABASE_URL", url)
    return url


def test_a_whole_apptest_run_logs_nothing_personal(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = family()
    run(at)
    token = at.query_params["d"]
    for step in range(1, 10):
        at.session_state["step"] = step
        run(at)
    at.session_state["step"] = 1
    run(at)
    at.text_input(key="add-emotional").set_value(TYPED_A)
    at.button(key="add-emotional-go").click()
    run(at)
    at.session_state["step"] = 9
    run(at)
    at.get("file_uploader")[0].set_value(("x.json", b"{", "application/json"))  # type: ignore[attr-defined]
    run(at)
    assert at.error
    assert secrets_in(caplog.text, [str(token)]) == []


def _crash_with_names() -> None:
    """A bug whose message carries family data, as pydantic's messages do (they echo input)."""
    Person(id="p1", name=NAMES[0] + " " + "x" * 100, category=Category.INFORMAL_CLOSE)


def test_an_unexpected_error_is_calm_keeps_the_draft_and_logs_no_names(
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    import ui.steps

    with pytest.raises(ValidationError, match=NAMES[0]):
        _crash_with_names()  # the message really holds the name
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = family()
    run(at)
    token = at.query_params["d"]
    changed = family().model_copy(update={"note": "Later aangevuld"})
    monkeypatch.setattr(ui.steps, "page", _crash_with_names)
    at.session_state["map"] = changed
    at.run()
    assert [e.value for e in at.error] == [text("app.error.nurse", "nl")]
    assert at.button(key="error-back").label == text("app.nav.back", "nl")
    assert not at.exception, "no English traceback box under the calm message"
    assert secrets_in(caplog.text, [str(token)]) == []
    assert "ValidationError" in caplog.text, "the log still says what kind of error it was"
    # Streamlit's own loggers write to stderr themselves, or (once configured) propagate.
    logged = caplog.text + "".join(capfd.readouterr())
    assert "drawing the page failed" in logged
    assert secrets_in(logged, [str(token)]) == [], "... without the original message"

    monkeypatch.undo()
    at.button(key="error-back").click()
    run(at)
    reopened = open_store(db_url).load(str(token))
    assert reopened is not None and reopened.ecomap == changed, "the draft kept the change"


# --------------------------------------------------------------------------- module state

MUTATORS = {
    "append",
    "extend",
    "insert",
    "update",
    "add",
    "pop",
    "popitem",
    "clear",
    "remove",
    "discard",
    "setdefault",
    "appendleft",
    "__setitem__",
    "__delitem__",
    "sort",
    "reverse",
}
MUTABLE_CALLS = {"list", "dict", "set", "defaultdict", "deque", "OrderedDict", "Counter"}


def _sources() -> list[Path]:
    return sorted([*(ROOT / "ecomap").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "app.py"])


def _module_containers(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        literal = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        call = isinstance(value, ast.Call) and (
            (isinstance(value.func, ast.Name) and value.func.id in MUTABLE_CALLS)
            or (isinstance(value.func, ast.Attribute) and value.func.attr in MUTABLE_CALLS)
        )
        if isinstance(value, literal) or call:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_module_level_containers_are_never_changed() -> None:
    problems: list[str] = []
    containers: dict[Path, set[str]] = {}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _sources()}
    for path, tree in trees.items():
        containers[path] = _module_containers(tree)
    every_name = set().union(*containers.values())
    assert {"EXPORTS", "_LAZY"} <= every_name, "the check sees the module-level tables"
    for path, tree in trees.items():
        where = path.relative_to(ROOT)
        own = containers[path]
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                problems.append(f"{where}:{node.lineno}: 'global {', '.join(node.names)}'")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value
                name = target.id if isinstance(target, ast.Name) else None
                if isinstance(target, ast.Attribute) and target.attr in every_name:
                    name = target.attr  # other_module.TABLE.append(...)
                if name in (own | every_name) and node.func.attr in MUTATORS:
                    problems.append(f"{where}:{node.lineno}: {name}.{node.func.attr}(...)")
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                for t in targets:
                    base = t.value if isinstance(t, ast.Subscript) else None
                    if isinstance(node, ast.AugAssign) and isinstance(t, ast.Name):
                        base = t
                    if isinstance(base, ast.Name) and base.id in own:
                        problems.append(f"{where}:{node.lineno}: {base.id} changed")
    assert problems == []


def _strings(value: Any, depth: int = 0, seen: set[int] | None = None) -> Iterator[str]:
    """Every string reachable from a module global through containers and plain objects."""
    seen = set() if seen is None else seen
    if depth > 6 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, depth + 1, seen)
            yield from _strings(v, depth + 1, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item, depth + 1, seen)
    elif hasattr(value, "__dict__") and not isinstance(value, type | ModuleType):
        if callable(value):
            return
        yield from _strings(vars(value), depth + 1, seen)


def _session(people: EcoMap, typed: str) -> None:
    """One family's visit: every step with their map, and one name typed."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = people
    run(at)
    for step in (1, 7, 8, 9):
        at.session_state["step"] = step
        run(at)
    at.session_state["step"] = 1
    run(at)
    at.text_input(key="add-emotional").set_value(typed)
    at.button(key="add-emotional-go").click()
    run(at)
    assert typed in [p.name for p in at.session_state["map"].people]


def _our_modules() -> dict[str, ModuleType]:
    for package in ("ecomap", "ui"):
        for info in pkgutil.walk_packages([str(ROOT / package)], f"{package}."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
    return {n: m for n, m in sys.modules.items() if n.split(".")[0] in ("ecomap", "ui") and m}


def _cache_sizes(modules: dict[str, ModuleType]) -> dict[str, int]:
    """Entries in every process-wide ``functools`` cache of our modules."""
    return {
        f"{name}.{attr}": int(value.cache_info().currsize)
        for name, module in modules.items()
        for attr, value in vars(module).items()
        if callable(getattr(value, "cache_info", None))
    }


def test_after_a_session_no_module_global_holds_a_name(db_url: str) -> None:
    modules = _our_modules()
    assert "ui.people" in modules and "ecomap.drawing.html_map" in modules
    _session(family(), TYPED_A)
    sizes = _cache_sizes(modules)
    assert "ecomap.texts.catalog.entries" in sizes, "the check sees the caches"

    found = [
        f"{name}.{attr}"
        for name, module in modules.items()
        for attr, value in vars(module).items()
        if not attr.startswith("__")
        and any(
            secret in s for s in _strings(value) for secret in (*NAMES, *ROLES, "Xandra", TYPED_A)
        )
    ]
    assert found == []

    # Another family: a cache keyed by anything they typed would grow; none may.
    other = EcoMap(
        people=[Person(id="z", name="Zeger", role="neef Zeger", category=Category.INFORMAL_CLOSE)],
        note="Iets anders",
    )
    _session(other, TYPED_B)
    assert _cache_sizes(modules) == sizes
