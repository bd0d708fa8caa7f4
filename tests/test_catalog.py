"""The text catalog is complete: every id has text in every language, placeholders match, and no
text is orphaned (every id is used by the code, literally or through an f-string pattern)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from ecomap.model import LANGUAGES, Language
from ecomap.texts.catalog import (
    direction,
    entries,
    language_name,
    lower,
    lower_first,
    plural,
    plural_forms,
    text,
    upper_first,
)
from ecomap.texts.wording import ARTICLE_IDS, style

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT / "app.py", *ROOT.glob("ecomap/**/*.py"), *ROOT.glob("ui/**/*.py")]


def _items(entry: str | list[str] | dict[str, str]) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    return list(entry.values()) if isinstance(entry, dict) else entry


def _placeholders(entry: str | list[str] | dict[str, str]) -> set[str]:
    items = _items(entry)
    return {f for item in items for _, f, _, _ in string.Formatter().parse(item) if f}


def _needed(key: str, lang: Language) -> bool:
    """Article texts only belong to languages that put articles before role words."""
    return style(lang) == "articles" or not key.startswith(ARTICLE_IDS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_id_in_every_language(lang: Language) -> None:
    nl, here = set(entries("nl")), set(entries(lang))
    missing = sorted(k for k in nl - here if _needed(k, lang))
    extra = sorted(here - nl)
    assert not missing, f"{lang} lacks {missing}"
    assert not extra, f"{lang} has ids Dutch lacks: {extra}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_across_languages(lang: Language) -> None:
    """The same placeholders in every language; a plural form may leave the number out ("one
    other", Arabic's forms for one and two), but never brings a placeholder of its own."""
    nl = entries("nl")
    for key, entry in entries(lang).items():
        assert type(entry) is type(nl[key]), f"{key}: a different kind of entry than in Dutch"
        if isinstance(entry, dict):
            for form, item in entry.items():
                assert _placeholders(item) <= _placeholders(nl[key]), f"{lang}:{key}.{form}"
        else:
            assert _placeholders(entry) == _placeholders(nl[key]), f"{lang}:{key}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_tables_have_the_forms_of_their_language(lang: Language) -> None:
    """Polish and Ukrainian need four forms, Arabic six (CLDR): none missing, none invented."""
    for key, entry in entries(lang).items():
        if isinstance(entry, dict):
            assert set(entry) == set(plural_forms(lang)), (
                f"{lang}:{key} has forms {sorted(entry)}, {lang} needs {plural_forms(lang)}"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_empty_texts(lang: Language) -> None:
    for key, entry in entries(lang).items():
        items = _items(entry)
        assert items and all(i.strip() for i in items), f"{lang}:{key} is empty"


_NUMBERS = "count|n|max|max_[a-z]+|seconds|total|page|pages|line|date|period"
"""Placeholders that are filled with digits (a count, a size, a date)."""
_LATIN_THEN_NUMBER = re.compile(rf"[A-Za-z][.,:;!?]\s+(\d|\{{({_NUMBERS})\}})")
"""A Latin word ending a sentence, then a number or a numeric placeholder: in right-to-left the
three run together left to right ("ecomap. 10" for "made with ecomap. At most 10 MB"), so the
sentence's full stop shows between the word and the number instead of after the word."""


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if direction(lang) == "rtl"])
def test_right_to_left_texts_keep_a_latin_word_apart_from_the_next_number(lang: str) -> None:
    assert _LATIN_THEN_NUMBER.search("صُنع بـ ecomap. {max_mb} ميغابايت")  # the check works
    for key, entry in entries(lang).items():
        for item in _items(entry):
            assert not _LATIN_THEN_NUMBER.search(item), f"{lang}:{key}: {item}"


@pytest.mark.parametrize(
    ("lang", "n", "form"),
    [
        ("nl", 1, "one"), ("nl", 2, "other"), ("pl", 1, "one"), ("pl", 3, "few"),
        ("pl", 5, "many"), ("pl", 22, "few"), ("pl", 25, "many"), ("uk", 21, "one"),
        ("uk", 24, "few"), ("uk", 11, "many"), ("ar", 0, "zero"), ("ar", 2, "two"),
        ("ar", 3, "few"), ("ar", 11, "many"), ("ar", 100, "other"), ("tr", 2, "other"),
    ],
)  # fmt: skip
def test_counts_take_the_form_cldr_gives(lang: Language, n: int, form: str) -> None:
    """The days a draft is kept: "22 dni" but "25 dni" differ in Polish (few vs many)."""
    table = entries(lang)["privacy.period"]
    assert isinstance(table, dict)
    expected = table[form].format(count=n)
    assert plural("privacy.period", lang, n) == expected
    assert text("privacy.period", lang, count=n) == expected


def test_writing_direction_and_names_come_from_cldr() -> None:
    assert [direction(lang) for lang in LANGUAGES] == ["ltr", "ltr", "ltr", "rtl", "ltr", "ltr"]
    assert language_name("ar") == "العربية"
    assert language_name("tr") == "Türkçe"
    assert language_name("uk") == "Українська"


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


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang not in ("nl", "en")])
def test_a_translation_is_no_copy_of_english(lang: Language) -> None:
    """A language the app offers is really there: at most a few texts equal their English text
    (a placeholder-only line such as "{where}: {reason}", a name, a separator)."""
    en, here = entries("en"), entries(lang)
    same = sorted(k for k, v in here.items() if isinstance(v, str) and v == en.get(k))
    assert len(same) <= 25, f"{lang}: {len(same)} texts are still English: {same[:40]}"


def test_capitals_and_lower_case_follow_the_language() -> None:
    """Turkish has a dotted and a dotless i: a name typed "ilknur" starts a sentence as "İlknur",
    and a label lowered inside a sentence keeps its dotless ı."""
    assert upper_first("ilknur", "tr") == "İlknur"
    assert upper_first("ilknur", "nl") == "Ilknur"
    assert lower("IŞIK", "tr") == "ışık" and lower("İYİ", "tr") == "iyi"
    assert lower("IJs", "nl") == "ijs"
    assert lower_first("Oma", "nl") == "oma" and upper_first("", "tr") == ""
