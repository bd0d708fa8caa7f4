"""Suggest a Kesselring category from the role a parent types: "Oma Ans", "de juf van groep 2".

Why: in a 10-20 minute consult nobody wants to pick a category for every person. The app proposes
one from the role (or the name, which often holds the role: "buurman Piet") and the parent keeps
or changes it. It is only ever a suggestion: the model stores what the user chose, and ``None``
means "I do not know" (the UI then asks).

The words live in ``questions/<lang>/roles.toml`` (translators and nurses can extend them), in
three lists per category:

- ``words``: whole words or phrases. In a phrase ``a|b`` means "a or b" and ``...`` skips 0 to
  ``MAX_GAP`` words, so "moeder|vader van ... vriendje" finds "de moeder van Daan's vriendje".
- ``heads``: also at the END of a compound, the way Dutch builds words ("schoonmoeder",
  "voetbaltrainer", "jeugdverpleegkundige"). A head of ``LONG_HEAD`` letters or more needs a
  first part of at least ``MIN_PREFIX`` letters. A short head ("oma", "juf") only counts after a
  listed prefix (``compound.short_head_prefixes``: "oppasoma", "muziekjuf"), so "diploma",
  "Paloma" and "Thomas" are no grandmother.
- ``modifiers``: also at the START of a compound whose last part says little
  ("kinderopvangmedewerker", "jeugdzorgwerkers"); at least ``MIN_REST`` letters must follow.

Two neighbouring words are also tried as one, because compounds are often typed apart
("jongeren werk", "wijk team").

Words in ``compound.not_roles`` are never a role, even when they end in one ("burgemeester" is
no "meester", "dierenarts" no doctor). A word may carry one of ``compound.endings`` (plural,
diminutive: "vrienden", "zusje"). Case and diacritics are ignored (NFKD, combining marks dropped,
casefold): "Crèche" = "creche".

When several entries match, the best one wins by this rule (deterministic): the phrase with the
most words; then a whole word over a head, and a head over a modifier (in Dutch the last part of
a compound says what it is: "oppasoma" is a grandmother); then the longest matching entry (the
most specific: "kinderopvang" over "collega"); then the earliest in the text; then the category
order of the model. A title therefore beats a name: names are in no list.

Decisions the sources leave open (also written in the TOML files):

- Faith (kerk, moskee, imam, pastor, synagoge, ...) is suggested as ``informal_distant``:
  Kesselring mentions faith with the second category and says its place differs per family; a
  family for whom the mosque or church is close moves the person closer.
- Online sources (YouTube influencer, forum, internet) are ``informal_distant``: no professional
  who knows the family, and at a distance.
- The bike-shop owner (fietsenmaker), hairdresser and shopkeeper are ``informal_distant``: people
  from the neighbourhood, not part of a service for children. Common surnames that are also
  trades ("Bakker", "Baker") are left out: the text may be a name.
- Leisure volunteers and leaders (sports club, scouting) are ``formal_everyday``, as Kesselring
  places the sports coach.

Languages: the text is tried in its own language first, then in the other languages (Dutch
parents say "grandma" and English-speaking parents in the Netherlands say "consultatiebureau").
The word lists are the same for every user, so they are built once per process.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from itertools import pairwise
from typing import Literal

from ecomap.model import LANGUAGES, Category, Language
from ecomap.texts.catalog import words

MAX_GAP = 3
"""Most words a ``...`` in a phrase skips."""
LONG_HEAD = 4
"""Letters from which a head combines with any first part (shorter heads need a listed prefix)."""
MIN_PREFIX = 2
"""Fewest letters before a long head ("ex" + "partner")."""
MIN_REST = 2
"""Fewest letters after a modifier ("kerk" + "en" is still the church)."""
MAX_INPUT = 200
"""Characters looked at; a role is at most 120 characters long, this bounds the work on junk."""

_GAP = "..."
_TOKEN = re.compile(r"[^\W_]+")
ListKind = Literal["words", "heads", "modifiers"]
_LIST_KINDS: tuple[ListKind, ...] = ("words", "heads", "modifiers")


class MatchKind(IntEnum):
    """How an entry matched; a higher value is the stronger evidence."""

    MODIFIER = 0
    """At the start of a longer word."""
    HEAD = 1
    """At the end of a longer word."""
    WHOLE = 2
    """A whole word or phrase."""


@dataclass(frozen=True)
class Suggestion:
    """The suggested category and the entry of ``roles.toml`` that decided it."""

    category: Category
    term: str
    """The entry as written in ``roles.toml`` (never the user's text)."""
    kind: MatchKind
    language: Language
    """The word list that matched (may differ from the requested language)."""


def fold(text: str) -> str:
    """Lower case without diacritics: NFKD, combining marks dropped, casefold; the Turkish
    dotless "ı" counts as "i" (as "İ" does), so "KIZ", "kız" and "kiz" typed on a keyboard
    without Turkish letters are the same word."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().replace("ı", "i")


def tokenize(text: str) -> list[str]:
    """Folded words; hyphens, apostrophes and spaces separate ("Daan's" -> daan, s)."""
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True)
class _Entry:
    category: Category
    source: str
    slots: tuple[frozenset[str] | None, ...]
    """One set of accepted words per position; None is a gap of 0..MAX_GAP words."""


@dataclass(frozen=True)
class _Lexicon:
    whole: dict[str, tuple[_Entry, ...]]
    phrases: tuple[_Entry, ...]
    phrases_by_word: dict[str, tuple[int, ...]]
    """A word -> the phrases (their index in ``phrases``) whose first word it can be: a phrase
    is only tried when that word was typed (a name without a role word tries none)."""
    heads: dict[str, tuple[_Entry, ...]]
    modifiers: dict[str, tuple[_Entry, ...]]
    short_prefixes: frozenset[str]
    not_roles: tuple[str, ...]
    endings: tuple[str, ...]


def _parse(source: str, category: Category) -> _Entry:
    slots: list[frozenset[str] | None] = []
    for chunk in source.split():
        if chunk == _GAP:
            slots.append(None)
        elif "|" in chunk:
            alternatives = [tokenize(a) for a in chunk.split("|")]
            if any(len(a) != 1 for a in alternatives):
                raise ValueError(f"roles: each alternative in {source!r} must be one word")
            slots.append(frozenset(a[0] for a in alternatives))
        else:
            slots.extend(frozenset([t]) for t in tokenize(chunk))
    if not any(slots):
        raise ValueError(f"roles: entry {source!r} has no words")
    return _Entry(category, source, tuple(slots))


@cache
def _lexicon(lang: Language) -> _Lexicon:
    """The word lists of one language, parsed once (they are the same for every user)."""
    whole: dict[str, list[_Entry]] = {}
    phrases: list[_Entry] = []
    heads: dict[str, list[_Entry]] = {}
    modifiers: dict[str, list[_Entry]] = {}
    for category in Category:
        for list_kind in _LIST_KINDS:
            for source in words(f"roles.{category.value}.{list_kind}", lang):
                entry = _parse(source, category)
                single = entry.slots[0] if len(entry.slots) == 1 else None
                if single is None or len(single) != 1:
                    if list_kind != "words":
                        raise ValueError(f"roles: {list_kind} entry {source!r} must be one word")
                    phrases.append(entry)
                    continue
                (word,) = single
                whole.setdefault(word, []).append(entry)
                if list_kind == "heads":
                    heads.setdefault(word, []).append(entry)
                elif list_kind == "modifiers":
                    modifiers.setdefault(word, []).append(entry)
    by_word: dict[str, list[int]] = {}
    for index, entry in enumerate(phrases):
        first = next(slot for slot in entry.slots if slot is not None)
        for word in first:
            by_word.setdefault(word, []).append(index)
    return _Lexicon(
        whole={k: tuple(v) for k, v in whole.items()},
        phrases=tuple(phrases),
        phrases_by_word={k: tuple(v) for k, v in by_word.items()},
        heads={k: tuple(v) for k, v in heads.items()},
        modifiers={k: tuple(v) for k, v in modifiers.items()},
        short_prefixes=frozenset(
            fold(p) for p in words("roles.compound.short_head_prefixes", lang)
        ),
        not_roles=tuple(fold(w) for w in words("roles.compound.not_roles", lang)),
        endings=tuple(fold(e) for e in words("roles.compound.endings", lang)),
    )


def _stems(token: str, lex: _Lexicon) -> tuple[str, ...]:
    """The token, and the token without a plural/diminutive ending (at least 2 letters left)."""
    cut = (token[: -len(e)] for e in lex.endings if token.endswith(e))
    return (token, *(s for s in cut if len(s) >= 2))


# Score: (words in the entry, match kind, letters, -position, -category order); highest wins.
_Score = tuple[int, int, int, int, int]
_ORDER = {c: i for i, c in enumerate(Category)}


def _score(entry: _Entry, kind: MatchKind, letters: int, position: int) -> _Score:
    words_in_entry = sum(1 for s in entry.slots if s is not None)
    return (words_in_entry, int(kind), letters, -position, -_ORDER[entry.category])


def _phrase_end(
    slots: tuple[frozenset[str] | None, ...], stems: list[tuple[str, ...]], i: int
) -> int | None:
    """Index after a match of ``slots`` starting at token ``i``, or None."""
    if not slots:
        return i
    first, rest = slots[0], slots[1:]
    if first is None:
        for j in range(i, min(i + MAX_GAP, len(stems)) + 1):
            end = _phrase_end(rest, stems, j)
            if end is not None:
                return end
        return None
    if i < len(stems) and not first.isdisjoint(stems[i]):
        return _phrase_end(rest, stems, i + 1)
    return None


def _best(tokens: list[str], lex: _Lexicon, lang: Language) -> Suggestion | None:
    found: list[tuple[_Score, Suggestion]] = []

    def add(entry: _Entry, kind: MatchKind, letters: int, position: int) -> None:
        suggestion = Suggestion(entry.category, entry.source, kind, lang)
        found.append((_score(entry, kind, letters, position), suggestion))

    stems = [_stems(t, lex) for t in tokens]
    # Dutch compounds are often typed apart ("jongeren werk", "wijk team"): try each pair joined.
    joined = [
        (i, a + b, _stems(a + b, lex))
        for i, (a, b) in enumerate(pairwise(tokens))
        if len(a) >= MIN_PREFIX and len(b) >= MIN_PREFIX
    ]
    plain = [(i, token, stems[i]) for i, token in enumerate(tokens)]
    for i, token, token_stems in [*plain, *joined]:
        if any(s.endswith(nr) for s in token_stems for nr in lex.not_roles):
            continue
        for stem in token_stems:
            for entry in lex.whole.get(stem, ()):
                add(entry, MatchKind.WHOLE, len(stem), i)
            for cut in range(1, len(stem)):  # every split "prefix + head" of the word
                prefix, head = stem[:cut], stem[cut:]
                long_ok = len(head) >= LONG_HEAD and len(prefix) >= MIN_PREFIX
                if long_ok or prefix in lex.short_prefixes:
                    for entry in lex.heads.get(head, ()):
                        add(entry, MatchKind.HEAD, len(head), i)
        for cut in range(1, len(token) - MIN_REST + 1):  # every split "modifier + rest"
            for entry in lex.modifiers.get(token[:cut], ()):
                add(entry, MatchKind.MODIFIER, cut, i)
    present = frozenset().union(*stems)
    tried = sorted({i for word in present for i in lex.phrases_by_word.get(word, ())})
    for entry in (lex.phrases[i] for i in tried):  # in the lists' order, as the scores tie
        if any(slot is not None and slot.isdisjoint(present) for slot in entry.slots):
            continue  # a word of the phrase is missing: no need to try every position
        for i in range(len(tokens)):
            end = _phrase_end(entry.slots, stems, i)
            if end is not None:
                add(entry, MatchKind.WHOLE, sum(len(t) for t in tokens[i:end]), i)
                break
    return max(found, key=lambda pair: pair[0])[1] if found else None


def suggest(
    text: str, lang: Language = "nl", also: Sequence[Language] = LANGUAGES
) -> Suggestion | None:
    """The best match for ``text`` with its evidence, or None; see the module docstring. The
    word lists of ``lang`` come first, then those of ``also`` (every language: a parent may type
    "consultatiebureau" in English or "oma" in Turkish)."""
    tokens = tokenize(text[:MAX_INPUT])
    if not tokens:
        return None
    for language in (lang, *(other for other in also if other != lang)):
        best = _best(tokens, _lexicon(language), language)
        if best is not None:
            return best
    return None


def suggest_category(
    text: str, lang: Language = "nl", also: Sequence[Language] = LANGUAGES
) -> Category | None:
    """The category a role or name suggests ("mijn schoonmoeder" -> informal_close), or None
    when it is not known. Only a suggestion: the user's choice is what the model stores."""
    found = suggest(text, lang, also)
    return found.category if found else None
