"""The text catalog: every word a person reads, looked up by a stable id, Dutch first.

Texts live in ``questions/<lang>/<topic>.toml`` (not in code), so a translator or a JGZ nurse can
improve the wording without touching Python. Nested TOML tables flatten to dotted ids:
``[reflection.strengths] intro = "..."`` is ``reflection.strengths.intro``. A value is a string
or a list of strings (for word lists and examples).

The files are read once per process: they are the same for every user, so caching them is safe.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ecomap.model import LANGUAGES, Language

Entry = str | list[str]


def questions_dir() -> Path:
    """Where the text files are: ``$ECOMAP_QUESTIONS``, the source tree, or the installed copy."""
    if env := os.environ.get("ECOMAP_QUESTIONS"):
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "questions", here / "questions"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the questions/ folder with the texts is missing")


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, Entry], source: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out, source)
        elif isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            if full in out:
                raise ValueError(f"text id {full!r} is defined twice ({source.name})")
            out[full] = value
        else:
            raise ValueError(f"text id {full!r} in {source} must be a string or list of strings")


@cache
def entries(lang: Language) -> dict[str, Entry]:
    """All texts of one language, id -> text. The topic file name is the id's first part."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    out: dict[str, Entry] = {}
    for path in sorted((questions_dir() / lang).glob("*.toml")):
        with path.open("rb") as fh:
            _flatten(path.stem, tomllib.load(fh), out, path)
    return out


def text(key: str, lang: Language = "nl", /, **values: object) -> str:
    """One text by id, with ``{placeholders}`` filled in. Unknown ids raise KeyError (a test catches
    them before a user does)."""
    entry = entries(lang)[key]
    if not isinstance(entry, str):
        raise TypeError(f"text id {key!r} is a list; use words()")
    return entry.format(**values) if values else entry


def words(key: str, lang: Language = "nl") -> list[str]:
    """A list entry (word lists, examples) by id."""
    entry = entries(lang)[key]
    if isinstance(entry, str):
        raise TypeError(f"text id {key!r} is a single text; use text()")
    return list(entry)


def has(key: str, lang: Language = "nl") -> bool:
    return key in entries(lang)
