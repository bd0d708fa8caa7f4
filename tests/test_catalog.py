"""The text catalog is complete: every id has text in every language, placeholders match, and no
text is orphaned (every id is used by the code, literally or through an f-string pattern)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from ecomap.catalog import entries
from ecomap.model import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "app.py", *ROOT.glob("ecomap/**/*.py"), *ROOT.glob("ui/**/*.py")]


def _placeholders(entry: str | list[str]) -> set[str]:
    items = [entry] if isinstance(entry, str) else entry
    return {f for item in items for _, f, _, _ in string.Formatter().parse(item) if f}


def test_every_id_in_every_language() -> None:
    ids = {lang: set(entries(lang)) for lang in LANGUAGES}
    for lang in LANGUAGES:
        missing = ids["nl"] - ids[lang]
        extra = ids[lang] - ids["nl"]
        assert not missing, f"{lang} lacks {sorted(missing)}"
        assert not extra, f"{lang} has ids Dutch lacks: {sorted(extra)}"


def test_placeholders_match_across_languages() -> None:
    nl = entries("nl")
    for lang in LANGUAGES:
        for key, entry in entries(lang).items():
            assert _placeholders(entry) == _placeholders(nl[key]), key
            assert type(entry) is type(nl[key]), f"{key}: text in one language, list in another"


def test_no_empty_texts() -> None:
    for lang in LANGUAGES:
        for key, entry in entries(lang).items():
            items = [entry] if isinstance(entry, str) else entry
            assert items and all(i.strip() for i in items), f"{lang}:{key} is empty"


def _patterns() -> tuple[set[str], list[re.Pattern[str]]]:
    """Literal strings and f-string shapes in the code (an f-string ``f"form.{f}.name"`` becomes
    the pattern ``form\\..+\\.name``)."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in CODE:
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif (
                isinstance(node, ast.JoinedStr)
                and isinstance(node.values[0], ast.Constant)
                and "." in str(node.values[0].value)
            ):  # only f-strings that start like an id ("form.{...}"), not f"{a}.{b}"
                parts = [
                    re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values
                ]
                patterns.append(re.compile("".join(parts)))
    return literals, patterns


def test_no_orphaned_text() -> None:
    literals, patterns = _patterns()
    orphans = [
        key
        for key in entries("nl")
        if key not in literals and not any(p.fullmatch(key) for p in patterns)
    ]
    assert not orphans, f"texts no code uses: {orphans}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_hard_coded_in_ui(lang: str) -> None:
    """A smoke check that the catalog loads for every language (the UI relies on it)."""
    assert entries(lang)["labels.family.name"]
