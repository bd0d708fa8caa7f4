"""How people are called inside a sentence, so that a generated text reads as a person writes it.

A parent types names the way they speak: "Oma Ans", "Juf Mila", but also a bare role, "Gezinscoach"
or "Consultatiebureau", or "mijn moeder". In a sentence a bare role needs its article ("de
gezinscoach", "het consultatiebureau"), a family word reads best with "uw"/"je" ("uw partner"),
"mijn moeder" becomes "uw moeder" when the nurse reads it aloud, and a plural ("andere ouders")
takes a plural verb. A name that holds a personal name ("Juf Mila", "Buurvrouw Ria") is left
exactly as typed. The word lists live in ``questions/<lang>/wording.toml``.

In an anonymised print people are called by the labels of ``ecomap.texts.anonymise``: a role ("Oma",
"Buurvrouw (2)") or their group's person word ("Kennis"). ``call(..., anonymous=True)`` reads such
a label: "de buurvrouw", "buurvrouw 2", "een kennis".

Counts up to twelve are words ("vijf anderen"), as in plain Dutch.

Turkish, Arabic, Polish and Ukrainian have no articles of this kind, and their possessives and
cases change the word itself ("anneniz", "twojej mamy"), which no word list can do for any name
a parent types. Their ``wording.style`` is ``as_typed``: a name stands in a sentence exactly as
typed, and their sentences are written so that a name can stand as typed (the name as subject,
or after a colon). Only ``articles`` languages need the ``wording.article``, ``wording.title``
and ``wording.possessive`` texts; an ``as_typed`` language may still list ``article.plural``
(words that take a plural verb, "komşular").

In a right-to-left language (Arabic) a typed name is wrapped in Unicode isolates (FSI ... PDI,
U+2068/U+2069): a Latin name, or one ending in a digit or a bracket ("Oma Ans", "Buurvrouw (2)"),
then keeps its own order and does not pull the Arabic words around it out of theirs. The model
strips these characters from what a parent types (``ecomap.model``), so only this code adds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ecomap.model import LANGUAGES, Category, Language
from ecomap.texts.catalog import direction, has, plural, text, words
from ecomap.texts.labels import label
from ecomap.texts.roles import fold, suggest_category

Mode = Literal["nurse", "parent"]

MAX_NAMES = 3
"""A list of names shows at most this many; longer lists become "Ans, Piet en vijf anderen"."""
MAX_NAME_WORDS = 6
"""Words of names per list (beyond the first name), so a sentence stays short (B1)."""

_NUMBERED = re.compile(r"^(?P<base>.+?) \((?P<n>\d+)\)$")
"""An anonymous label shared by several people: "Buurvrouw (2)"."""


@dataclass(frozen=True)
class Called:
    """How someone (or a list of people) is called inside a sentence."""

    text: str
    plural: bool = False
    """Takes a plural verb ("andere ouders helpen", "Ans en Piet staan")."""

    def __str__(self) -> str:
        return self.text


Style = Literal["articles", "as_typed"]
ARTICLE_IDS = ("wording.article.", "wording.title.", "wording.possessive.")
"""Texts only a language of style ``articles`` needs (the catalog test knows them)."""


def style(lang: Language) -> Style:
    """How ``lang`` puts a typed name into a sentence (see the module docstring)."""
    return "as_typed" if text("wording.style", lang) == "as_typed" else "articles"


@dataclass(frozen=True)
class _Words:
    style: Style
    default: str
    neuter: str
    neuter_words: tuple[str, ...]
    bare: frozenset[str]
    plain: frozenset[str]
    own: tuple[str, ...]
    own_prefixes: tuple[str, ...]
    plural: frozenset[str]
    mine: frozenset[str]
    leading: frozenset[str]
    connectors: frozenset[str]
    adjectives: frozenset[str]
    indefinite: str
    indefinite_vowel: str
    lower_titles: bool


@cache
def _words(lang: Language) -> _Words:
    """The word lists of every language together (a Dutch "Oma" on an English screen is still
    grandma), with the articles of ``lang``."""

    def fl(key: str) -> list[str]:
        ids = ((other, f"wording.article.{key}") for other in LANGUAGES)
        return [fold(w) for other, i in ids if has(i, other) for w in words(i, other)]

    def own(key: str) -> str:
        return text(key, lang) if has(key, lang) else ""

    return _Words(
        style=style(lang),
        default=own("wording.article.default"),
        neuter=own("wording.article.neuter"),
        neuter_words=tuple(fl("neuter_words")),
        bare=frozenset(fl("bare")),
        plain=frozenset(fl("plain")),
        own=tuple(fl("own")),
        own_prefixes=tuple(fl("own_prefixes")),
        plural=frozenset(fl("plural")),
        mine=frozenset(fl("mine")),
        leading=frozenset(fl("leading")),
        connectors=frozenset(fl("connectors")),
        adjectives=frozenset(fl("adjectives")),
        indefinite=own("wording.article.indefinite"),
        indefinite_vowel=own("wording.article.indefinite_vowel"),
        lower_titles=own("wording.title.case") == "lower",
    )


def number(n: int, lang: Language) -> str:
    """A count as people say it: words up to twelve ("vijf"), digits above."""
    numbers = words("wording.number.words", lang)
    return numbers[n] if 0 <= n < len(numbers) else str(n)


def _ends_with(word: str, heads: Sequence[str]) -> bool:
    """``word`` is one of ``heads``, or a compound ending in one (at least two letters before)."""
    return any(word == h or (word.endswith(h) and len(word) - len(h) >= 2) for h in heads)


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
"""One word: letters, joined by hyphens or apostrophes ("ex-partner", "collega's")."""


def _is_own(word: str, w: _Words) -> bool:
    """A family or friend word ("zus"), also after a family prefix ("schoonmoeder",
    "ex-partner"), but not any compound ending in one ("buurvrouw" is no "vrouw")."""
    word = word.replace("-", "")
    return word in w.own or any(
        word == p + o for p in w.own_prefixes for o in w.own if word.startswith(p)
    )


ROLE_LANGUAGES: tuple[Language, ...] = ("nl", "en")
"""Besides the sentence's own language, whose role words count as roles in a name: Dutch and
English, the languages of the places a family meets here ("juf", "consultatiebureau"). Not all
six: a role word of one language is a first name in another (Turkish "anne", mother, is the
Dutch name Anne: "Juf Anne" must stay a name, and her name must not pass for a role when the
print is anonymised)."""


def _is_role_word(word: str, lang: Language, w: _Words) -> bool:
    """Whether ``word`` (one word as typed) is a role: in the word lists, or suggested as one
    by ``ecomap.texts.roles``. Anything with other characters (``<b>``) is not."""
    if not _WORD.fullmatch(word):
        return False
    folded = fold(word)
    return (
        folded in w.bare
        or _is_own(folded, w)
        or _ends_with(folded, w.neuter_words)
        or suggest_category(word, lang, ROLE_LANGUAGES) is not None
    )


def is_role_word(word: str, lang: Language) -> bool:
    """Whether one typed word is a role ("juf", "schoonmoeder", "consultatiebureau")."""
    return _is_role_word(word, lang, _words(lang))


def is_connector(word: str, lang: Language) -> bool:
    """A small word that may stand inside a role ("van", "groep"), or a leading "mijn"/"de"."""
    w = _words(lang)
    return fold(word) in w.connectors | w.mine | w.leading


def _lower(word: str) -> str:
    """A role word inside a sentence: lower case, but an acronym stays ("de BSO")."""
    return word if len(word) > 1 and word.isupper() else word.lower()


FSI, PDI = "\u2068", "\u2069"
"""First strong isolate and pop directional isolate (Unicode bidi, UAX #9)."""


def isolated(name: str, lang: Language) -> str:
    """A typed name as it stands in a sentence of ``lang``: isolated in right-to-left text."""
    return f"{FSI}{name}{PDI}" if direction(lang) == "rtl" else name


def call(name: str, lang: Language, mode: Mode = "nurse", *, anonymous: bool = False) -> Called:
    """``name`` as it stands inside a sentence (see the module docstring), isolated in a
    right-to-left language. The first letter of a sentence is capitalised by the caller."""
    called = _call(name, lang, mode, anonymous=anonymous)
    return Called(isolated(called.text, lang), plural=called.plural)


def _call(name: str, lang: Language, mode: Mode, *, anonymous: bool) -> Called:
    w = _words(lang)
    if w.style == "as_typed":
        folded_name = fold(name)
        last = folded_name.split()[-1:] or [""]
        return Called(name, plural=folded_name in w.plural or last[0] in w.plural)
    if anonymous:
        numbered = _NUMBERED.match(name)
        if numbered:  # "Buurvrouw (2)" -> "buurvrouw 2": the table shows which one
            base = numbered["base"]
            is_role = _is_role_word(base, lang, w) or base in _group_nouns(lang)
            return Called(f"{_lower(base) if is_role else base} {numbered['n']}")
        if name in _group_nouns(lang):
            article = w.indefinite_vowel if name[:1].lower() in "aeiou" else w.indefinite
            return Called(f"{article} {name[:1].lower()}{name[1:]}")
    parts = name.split()
    folded = [fold(p) for p in parts]
    possessive = False
    if len(parts) > 1 and folded[0] in w.mine:
        parts, folded, possessive = parts[1:], folded[1:], True
    elif len(parts) > 1 and folded[0] in w.leading:
        parts, folded = parts[1:], folded[1:]
    whole = " ".join(folded)
    plural = whole in w.plural or (len(folded) == 1 and folded[0] in w.plural)
    if whole in w.plain:
        return Called(" ".join(_lower(p) for p in parts), plural=True)
    if whole in w.bare:
        return Called(" ".join(parts), plural=plural)
    lead = 1 if len(parts) > 1 and folded[0] in w.adjectives else 0  # "beste vriendin"
    head = folded[lead]
    if not _is_role_word(parts[lead], lang, w):
        return Called(name)  # a personal name: as typed
    if not all(
        f in w.connectors or f.isdigit() or _is_role_word(p, lang, w)
        for p, f in zip(parts[lead + 1 :], folded[lead + 1 :], strict=True)
    ):
        # A role before a personal name ("Buurvrouw Ria"): as typed, in Dutch with the role in
        # lower case ("buurvrouw Ria"), as Dutch writes it inside a sentence.
        words_as_typed = name.split()
        if w.lower_titles and not possessive and len(words_as_typed) > 1:
            words_as_typed[0] = _lower(words_as_typed[0])
        return Called(" ".join(words_as_typed))
    role = " ".join(_lower(p) if not p[:1].isdigit() else p for p in parts)
    if head in w.bare:
        return Called(" ".join(parts), plural=plural)
    if possessive or _is_own(head, w):
        return Called(f"{text(f'wording.possessive.{mode}', lang)} {role}", plural=plural)
    article = w.neuter if _ends_with(head, w.neuter_words) else w.default
    return Called(f"{article} {role}", plural=plural)


@cache
def _group_nouns(lang: Language) -> frozenset[str]:
    """The person words of the four groups ("Kennis"), which ``ecomap.texts.anonymise`` uses for
    people without a role."""
    return frozenset(label(c, lang, "person") for c in Category)


def join_words(items: Sequence[str], lang: Language) -> str:
    """Join words as people say them: "Ans, Piet en Fatma" (en: "Ans, Piet and Fatma")."""
    if len(items) <= 1:
        return "".join(items)
    comma = text("reflection.join.comma", lang)
    return text("reflection.join.last", lang, rest=comma.join(items[:-1]), last=items[-1])


def join_names(names: Sequence[str], lang: Language) -> str:
    """A natural list of names, capped: all of up to three short names, otherwise the first one or
    two and a count ("Ans, Piet en vijf anderen", "Ans en nog iemand")."""
    if len(names) <= MAX_NAMES and sum(len(n.split()) for n in names[1:]) <= MAX_NAME_WORDS:
        return join_words(names, lang)
    shown = [names[0]]
    if len(names[1].split()) <= MAX_NAME_WORDS and len(names) > 2:
        shown.append(names[1])
    rest = len(names) - len(shown)
    others = plural("reflection.join.others", lang, rest, count=number(rest, lang))
    return join_words([*shown, others], lang)


def join_called(items: Sequence[Called], lang: Language) -> Called:
    """Several people in one sentence: joined as ``join_names`` does; plural when more than one
    (or when the one is a plural, "andere ouders")."""
    joined = join_names([i.text for i in items], lang)
    return Called(joined, plural=len(items) > 1 or any(i.plural for i in items))
