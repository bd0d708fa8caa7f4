"""The text catalog: every word a person reads, looked up by a stable id, Dutch first.

Texts live in ``questions/<lang>/<topic>.toml`` (not in code), so a translator or a JGZ nurse can
improve the wording without touching Python. Nested TOML tables flatten to dotted ids:
``[reflection.strengths] intro = "..."`` is ``reflection.strengths.intro``. A value is a string,
a list of strings (for word lists and examples), or a **plural table**: a table whose keys are
CLDR plural categories (``zero``, ``one``, ``two``, ``few``, ``many``, ``other``), one text per
form the language has. Dutch and English have ``one`` and ``other``; Polish and Ukrainian also
``few`` and ``many``; Arabic all six. ``plural()`` picks the form by Babel's CLDR rules
("1 dzień", "2 dni", "5 dni"), so no code ever decides what a count looks like in a language.

Babel also says which way a language is written (``direction``) and what the language calls
itself (``language_name``): facts of CLDR, not texts to translate.

The files are read once per process: they are the same for every user, so caching them is safe.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale

from ecomap.model import LANGUAGES, Language

PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories, in CLDR's order."""

Plural = dict[str, str]
"""One text per CLDR plural category of the language (always with ``other``)."""
Entry = str | list[str] | Plural


def questions_dir() -> Path:
    """Where the text files are: ``$ECOMAP_QUESTIONS``, the source tree, or the installed copy."""
    if env := os.environ.get("ECOMAP_QUESTIONS"):
        return Path(env)
    package = Path(__file__).resolve().parent.parent  # ecomap/
    for candidate in (package.parent / "questions", package / "questions"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the questions/ folder with the texts is missing")


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, Entry], source: Path) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if _is_plural(value):
            if full in out:
                raise ValueError(f"text id {full!r} is defined twice ({source.name})")
            out[full] = dict(value)
        elif isinstance(value, dict):
            _flatten(full, value, out, source)
        elif isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            if full in out:
                raise ValueError(f"text id {full!r} is defined twice ({source.name})")
            out[full] = value
        else:
            raise ValueError(f"text id {full!r} in {source} must be a string or list of strings")


def _is_plural(value: object) -> bool:
    """A table of texts keyed by plural categories only, ``other`` among them."""
    return (
        isinstance(value, dict)
        and "other" in value
        and set(value) <= set(PLURAL_FORMS)
        and all(isinstance(v, str) for v in value.values())
    )


@cache
def _locale(lang: Language) -> Locale:
    return Locale.parse(lang)


def plural_forms(lang: Language) -> tuple[str, ...]:
    """The plural categories ``lang`` distinguishes (CLDR), in CLDR's order."""
    tags = _locale(lang).plural_form.tags | {"other"}
    return tuple(f for f in PLURAL_FORMS if f in tags)


def direction(lang: Language) -> Literal["ltr", "rtl"]:
    """Which way ``lang`` is written: the page's ``dir``, the PDF's paragraph direction."""
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


_DOTTED_I = frozenset({"tr"})
"""Languages with a dotted and a dotless i: "i" ↔ "İ" and "ı" ↔ "I" (Python's ``upper`` and
``lower`` know only "i" ↔ "I")."""


def upper_first(words: str, lang: Language) -> str:
    """The first letter as a capital, as ``lang`` writes it: Turkish "ilknur" is "İlknur"."""
    if lang in _DOTTED_I and words[:1] == "i":
        return "İ" + words[1:]
    return words[:1].upper() + words[1:]


def lower(words: str, lang: Language) -> str:
    """Lower case as ``lang`` writes it: Turkish "IŞIK" is "ışık", "İL" is "il"."""
    if lang in _DOTTED_I:
        words = words.replace("I", "ı").replace("İ", "i")
    return words.lower()


def lower_first(words: str, lang: Language) -> str:
    """The first letter in lower case (a label inside a sentence), as ``lang`` writes it."""
    return lower(words[:1], lang) + words[1:]


def language_name(lang: Language) -> str:
    """What the language calls itself ("Türkçe", "العربية"), the same on every screen, so a parent
    finds her own language whatever language is showing."""
    return upper_first(_locale(lang).get_display_name(lang) or lang, lang)


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
    them before a user does). A plural table takes its form from the whole number ``count``."""
    entry = entries(lang)[key]
    if isinstance(entry, dict):
        count = values.get("count")
        if not isinstance(count, int):
            raise TypeError(f"text id {key!r} depends on a count; give count=<int>")
        return plural(key, lang, count, **values)
    if not isinstance(entry, str):
        raise TypeError(f"text id {key!r} is a list; use words()")
    return entry.format(**values) if values else entry


def plural(key: str, lang: Language, n: int, /, **values: object) -> str:
    """The form of a plural table for the count ``n``, by the language's CLDR rules. ``{count}``
    is ``n`` unless the caller gives how to show it (number words: ``count="vijf"``)."""
    entry = entries(lang)[key]
    if not isinstance(entry, dict):
        raise TypeError(f"text id {key!r} does not depend on a count; use text()")
    form = _locale(lang).plural_form(abs(n))
    chosen = entry.get(form, entry["other"])
    return chosen.format(**{"count": n, **values})


def words(key: str, lang: Language = "nl") -> list[str]:
    """A list entry (word lists, examples) by id."""
    entry = entries(lang)[key]
    if not isinstance(entry, list):
        raise TypeError(f"text id {key!r} is no word list; use text() or plural()")
    return list(entry)


def has(key: str, lang: Language = "nl") -> bool:
    return key in entries(lang)
