"""Imports flow one way: model → core and texts → drawing → files → the command line.

The folders of ``ecomap/`` are its layers (README, "Code layout"). A module that imports from a
layer above its own (the model from the PDF, a text from the drawing) ties the core to the way
it is shown, and ``ecomap/`` as a whole never imports Streamlit or the app's ``ui/``: the core
is tested and used without a browser or a server. These tests read the imports from the source
(``ast``), so a lazy import inside a function counts as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ecomap"

CORE = {"ecomap", "ecomap.graph", "ecomap.edit", "ecomap.history", "ecomap.merge"}
CORE |= {"ecomap.offers", "ecomap.matching"}
"""Top-level modules beside the model: what a map is and how it changes, and local offers."""

ENTRY = {"ecomap.cli", "ecomap.__main__"}

MAY_IMPORT: dict[str, set[str]] = {
    "model": set(),
    "core": {"model", "core", "texts"},
    "texts": {"model", "core", "texts"},
    "drawing": {"model", "core", "texts", "drawing"},
    "files": {"model", "core", "texts", "drawing", "files"},
    "store": {"model", "store"},
    "entry": {"model", "core", "texts", "drawing", "files", "store", "entry"},
}
"""For each layer, the layers its modules may import from. The text catalog is the one source
of every word, so the core's own messages (offers, edits) come from ``texts`` as well."""

FORBIDDEN_EVERYWHERE = ("streamlit", "ui", "app")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    """The layer of an ``ecomap`` module; a module in no layer fails, so a new one gets one."""
    if module == "ecomap.model":
        return "model"
    if module in CORE:
        return "core"
    if module in ENTRY:
        return "entry"
    for folder in ("texts", "drawing", "files", "store"):
        if module == f"ecomap.{folder}" or module.startswith(f"ecomap.{folder}."):
            return folder
    raise AssertionError(f"{module} is in no layer: put it in a folder or list it in this test")


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, also inside functions; ``from a import b`` gives ``a.b``
    when ``b`` is a submodule."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                folder = PACKAGE.parent / candidate.replace(".", "/")
                if folder.with_suffix(".py").is_file() or (folder / "__init__.py").is_file():
                    names.add(candidate)
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_every_module_imports_only_from_its_own_layer_or_below(path: Path) -> None:
    own = layer(module_name(path))
    for name in imported(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN_EVERYWHERE, f"{module_name(path)} imports {name}"
        if top == "ecomap" and name != "ecomap":
            assert layer(name) in MAY_IMPORT[own], (
                f"{module_name(path)} ({own}) imports {name} ({layer(name)})"
            )


def test_the_model_imports_no_other_ecomap_module() -> None:
    assert not {n for n in imported(PACKAGE / "model.py") if n.startswith("ecomap")}


def test_the_layer_check_notices_an_import_from_above(tmp_path: Path) -> None:
    source = tmp_path / "ecomap" / "texts" / "sample.py"
    source.parent.mkdir(parents=True)
    source.write_text("def f():\n    from ecomap.drawing.placement import plan\n")
    names = imported(source)
    assert "ecomap.drawing.placement" in names
    assert layer("ecomap.drawing.placement") not in MAY_IMPORT["texts"]


def test_every_folder_says_what_it_holds_in_its_first_line() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].endswith("."), init


def test_no_folder_grows_past_a_readable_size() -> None:
    """The flat package had 33 modules before it was split; a layer past ~15 wants folders."""
    for folder in [PACKAGE, *(p.parent for p in PACKAGE.glob("*/__init__.py"))]:
        assert len(list(folder.glob("*.py"))) <= 15, folder
