"""Local offers, kept by the organisation: what a town offers parents, close to home.

A municipality's coalition (Kansrijke Start, a CJG, the JGZ) arranges its local offer along two
scales from the domain documents: the **contact ladder** (ontmoeten → dialoog → buurtklimaat →
netwerkvorming) and the **support pyramid** (basis → informatie → steuntje in de rug → extra
ondersteuning). An organisation lists its offers in one TOML file (format below, JSON Schema in
``docs/offers.schema.json``); the app reads the file named by ``$ECOMAP_OFFERS`` and the
reflection points a family to one or two offers that fit (``ecomap.matching``).

The file is the organisation's, not the family's: its words are shown as written (escaped by
every renderer), in Dutch, and in the family's language where the file gives it (English,
Turkish, Arabic, Polish, Ukrainian). Enum values are stable
English keys; the words people read for them live in ``questions/<lang>/offers.toml``.

A file that cannot be used never stops the app: ``load_offers`` raises ``OffersError``, whose
``messages(lang)`` name the line and the field in the user's language (never the file's content
beyond the offer's own code), and the app carries on with its built-in next steps.

Format (version 1)::

    format = 1
    [about]
    organisation = "CJG Voorbeeldstad"
    example = true                  # an example file, not a real offer (the app says so)
    updated = 2026-11-01            # optional

    [[offers]]
    id = "koffieochtend-baby"       # lower case letters, digits and dashes; unique
    name = "Koffieochtend voor ouders met een baby"      # or { nl = "...", en = "..." }
    description = { nl = "Koffie drinken met andere ouders.", en = "Coffee with other parents." }
    forms = ["emotional", "normative"]    # emotional, practical, informational, normative
    rung = "meeting"                # meeting, dialogue, neighbourhood, network_building
    layer = "basic"                 # basic, information, light_support, extra_support
    ages = ["baby"]                 # baby, toddler, school, teen; left out: every age
    where = "Buurthuis, Voorbeeldstad-Noord"
    when = "Elke dinsdag, 10.00 tot 11.30 uur"
    cost = "free"                   # free, contribution, paid
    cost_note = "€ 2 per keer"      # optional
    join = "walk_in"                # walk_in, sign_up, via_nurse
    join_note = "Aanmelden bij de bibliotheek"            # optional
    languages = ["nl", "en"]        # ISO 639 codes; left out: Dutch only
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ecomap.model import UNPRINTABLE, ChildAge, Language, SupportForm
from ecomap.texts.catalog import has, text, upper_first

OFFERS_ENV = "ECOMAP_OFFERS"
"""The setting: the path of the organisation's offers file. Unset or empty: no local offers."""

FORMAT_VERSION: Final = 1
MAX_OFFERS = 200
"""More than a town's whole offer for parents; keeps the app's choice lists short enough."""
MAX_FILE_BYTES = 1_000_000
"""Largest offers file read (1 MB, about a thousand offers of text): checked before reading."""
MAX_TITLE = 80
MAX_LINE = 160
"""A description, place or time is one line in plain words: at most this many characters."""
MAX_PROBLEMS = 5
"""Problems named in one message: enough to fix a file, short enough to read on a screen."""


class Rung(StrEnum):
    """The contact ladder (Kesselring 2013): how intense the contact between parents is, from a
    bench by the playground to weekly meetings. The order is meaningful: lowest rung first."""

    MEETING = "meeting"
    """Ontmoeten: parents meet, nothing is asked of them."""
    DIALOGUE = "dialogue"
    """Dialoog: parents talk with each other about raising children."""
    NEIGHBOURHOOD = "neighbourhood"
    """Buurtklimaat: parents and neighbours shape a friendly neighbourhood together."""
    NETWORK_BUILDING = "network_building"
    """Netwerkvorming: parents build lasting ties that help each other."""


class Layer(StrEnum):
    """The support pyramid (OOK in Balans), from its broad base to its top: lowest layer first."""

    BASIC = "basic"
    """Basis: a good environment, informal support and meeting, for everyone."""
    INFORMATION = "information"
    """Informatie: information and education, for parents looking for advice."""
    LIGHT_SUPPORT = "light_support"
    """Steuntje in de rug: a little push with a single question."""
    EXTRA_SUPPORT = "extra_support"
    """Extra ondersteuning: several questions, or complex ones."""


class Joining(StrEnum):
    """How a parent takes part: the lowest threshold first."""

    WALK_IN = "walk_in"
    SIGN_UP = "sign_up"
    VIA_NURSE = "via_nurse"


class Cost(StrEnum):
    """What taking part costs: free first (OOK in Balans asks for free, low-threshold offers)."""

    FREE = "free"
    CONTRIBUTION = "contribution"
    """A small contribution (coffee money, a few euros)."""
    PAID = "paid"


def _one_line(max_len: int) -> AfterValidator:
    """Trim, drop control and bidi characters, fold line breaks, check the length (as the map's
    own texts are checked, with the same error codes and so the same plain words)."""

    def check(value: str) -> str:
        value = " ".join(UNPRINTABLE.sub("", value).split())
        if not value:
            raise PydanticCustomError("empty", "this may not be empty")
        if len(value) > max_len:
            raise PydanticCustomError(
                "text_too_long",
                "this is {count} characters long; at most {max} fit",
                {"count": len(value), "max": max_len},
            )
        return value

    return AfterValidator(check)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Title = Annotated[
    str, _one_line(MAX_TITLE), Field(json_schema_extra={"minLength": 1, "maxLength": MAX_TITLE})
]
Line = Annotated[
    str, _one_line(MAX_LINE), Field(json_schema_extra={"minLength": 1, "maxLength": MAX_LINE})
]


class _Local(_Frozen):
    """A text per language: Dutch required (the app's first language), the app's other languages
    optional (``en``, ``tr``, ``ar``, ``pl``, ``uk``)."""

    nl: str

    def in_(self, lang: Language) -> str:
        """The text in ``lang``; the Dutch text when the file gives none in that language (the
        offer's name as the parent will hear it in town)."""
        return getattr(self, lang, None) or self.nl


class LocalTitle(_Local):
    """A name per language (at most ``MAX_TITLE`` characters)."""

    nl: Title
    en: Title | None = None
    tr: Title | None = None
    ar: Title | None = None
    pl: Title | None = None
    uk: Title | None = None


class LocalLine(_Local):
    """One line in plain words per language (at most ``MAX_LINE`` characters)."""

    nl: Line
    en: Line | None = None
    tr: Line | None = None
    ar: Line | None = None
    pl: Line | None = None
    uk: Line | None = None


def _dutch_if_plain(value: Any) -> Any:
    """A plain string in the file is the Dutch text: ``name = "..."`` is ``name.nl``."""
    return {"nl": value} if isinstance(value, str) else value


TitleText = Annotated[
    LocalTitle, BeforeValidator(_dutch_if_plain, json_schema_input_type=str | LocalTitle)
]
LineText = Annotated[
    LocalLine, BeforeValidator(_dutch_if_plain, json_schema_input_type=str | LocalLine)
]

OfferId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
"""The offer's own code: stable when its words change, safe in widget keys and files."""
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""An ISO 639 code: ``nl``, ``en``, ``ar``, ``ti``, ``prs``."""


class Offer(_Frozen):
    """One local offer for parents, as the organisation describes it."""

    id: OfferId
    name: TitleText
    description: LineText
    """What it is, in one line of plain words (B1): what a parent does there."""
    forms: Annotated[list[SupportForm], Field(min_length=1)]
    """The forms of support it gives (the family's gaps are matched against these)."""
    rung: Rung
    layer: Layer
    ages: list[ChildAge] = Field(default_factory=list)
    """The youngest child's ages it is for; empty: every age."""
    where: LineText
    when: LineText
    cost: Cost
    cost_note: LineText | None = None
    join: Joining
    join_note: LineText | None = None
    languages: Annotated[list[LanguageCode], Field(min_length=1)] = Field(
        default_factory=lambda: ["nl"]
    )
    """Languages spoken there; left out: Dutch."""

    @field_validator("forms", "ages", "languages")
    @classmethod
    def _once_each(cls, values: list[Any]) -> list[Any]:
        """A value named twice counts once (the file's order kept)."""
        return list(dict.fromkeys(values))

    def for_age(self, age: ChildAge | None) -> bool:
        """For this age; with the age not given, only an offer for every age is sure to fit."""
        if not self.ages:
            return True
        return age is not None and age in self.ages


class About(_Frozen):
    """Who keeps the file."""

    organisation: Title
    example: bool = False
    """An example file (a fictional town): the app and the PDF say it is no real offer."""
    updated: dt.date | None = None


class OffersFile(_Frozen):
    """The whole file: the organisation and its offers, in the organisation's order."""

    format: Literal[1] = FORMAT_VERSION
    about: About
    offers: Annotated[list[Offer], Field(min_length=1, max_length=MAX_OFFERS)]

    @field_validator("offers")
    @classmethod
    def _unique_ids(cls, offers: list[Offer]) -> list[Offer]:
        seen: set[str] = set()
        for index, offer in enumerate(offers):
            if offer.id in seen:
                raise PydanticCustomError(
                    "duplicate_offer",
                    "offer {index} has the code of an earlier offer",
                    {"index": index},
                )
            seen.add(offer.id)
        return offers

    def offer(self, offer_id: str) -> Offer | None:
        return next((o for o in self.offers if o.id == offer_id), None)


class OfferChoice(_Frozen):
    """The offers chosen for one family (by the matching, or swapped by the nurse), with who
    offers them: what the reflection names and the PDF lists."""

    about: About
    offers: tuple[Offer, ...] = ()


# ------------------------------------------------------------------------------- reading

ErrorCode = Literal[
    "not_found", "not_a_file", "too_big", "unreadable", "not_utf8", "syntax", "invalid"
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, without its content: where (line, the offer, the field as
    written in the file) and why (a pydantic error type or ``syntax``, with its numbers)."""

    kind: str
    line: int | None = None
    column: int | None = None
    offer: int | None = None
    """1-based number of the offer in the file."""
    offer_id: str | None = None
    """The offer's code, when it is a valid code (so it is safe to repeat)."""
    path: str = ""
    """The field's path inside the offer (or the file), as written: ``layer``, ``name.en``."""
    values: Mapping[str, str | int] = field(default_factory=dict)


class OffersError(Exception):
    """The offers file cannot be used. ``messages(lang)`` says why in plain words."""

    def __init__(self, code: ErrorCode, file_name: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(code)
        self.code: ErrorCode = code
        self.file_name = file_name
        self.problems = tuple(problems)

    def messages(self, lang: Language = "nl") -> list[str]:
        """The reason, then one line per problem (at most ``MAX_PROBLEMS``)."""
        first = text(
            f"offers.error.{self.code}",
            lang,
            file=self.file_name,
            max_kb=MAX_FILE_BYTES // 1000,
        )
        return [first, *(_problem_text(p, lang) for p in self.problems[:MAX_PROBLEMS])]


def _problem_text(problem: Problem, lang: Language) -> str:
    where: list[str] = []
    if problem.offer is not None:
        key = "offers.error.where.offer_id" if problem.offer_id else "offers.error.where.offer"
        where.append(text(key, lang, n=problem.offer, id=problem.offer_id or ""))
    if problem.path:
        # The field's own words: of the last part that has them ("description" in
        # "description.nl", "organisation" in "about.organisation", "forms" in "forms[2]").
        parts = [p.split("[")[0] for p in reversed(problem.path.split("."))]
        known = [f"offers.field.{p}" for p in parts if has(f"offers.field.{p}", lang)]
        if known:
            words = text(known[0], lang)
            where.append(
                text("offers.error.where.field_words", lang, field=problem.path, words=words)
            )
        else:
            where.append(text("offers.error.where.field", lang, field=problem.path))
    reason = _reason(problem, lang)
    place = ", ".join(where)
    if problem.line is not None and place:
        line = text("offers.error.at_line", lang, line=problem.line, where=place, reason=reason)
    elif problem.line is not None and problem.column is not None:
        line = text(
            "offers.error.at_line_column",
            lang,
            line=problem.line,
            column=problem.column,
            reason=reason,
        )
    elif problem.line is not None:
        line = text("offers.error.at_line_only", lang, line=problem.line, reason=reason)
    elif place:
        line = text("offers.error.at", lang, where=place, reason=reason)
    else:
        line = text("offers.error.at_end", lang, reason=reason)
    return upper_first(line, lang)


def _reason(problem: Problem, lang: Language) -> str:
    values = dict(problem.values)  # a count stays an int: it chooses the plural form
    for key in (f"offers.error.reason.{problem.kind}", f"errors.reason.{problem.kind}"):
        if has(key, lang):
            try:
                return text(key, lang, **values)
            except (KeyError, IndexError, TypeError):
                break
    return text("errors.reason.other", lang)


_CHOICES: Mapping[str, type[StrEnum]] = {
    "rung": Rung,
    "layer": Layer,
    "join": Joining,
    "cost": Cost,
    "forms": SupportForm,
    "ages": ChildAge,
}
"""The fields whose values are fixed choices: a wrong value is answered with the right ones."""


def _problems(exc: ValidationError, source: str) -> list[Problem]:
    lines = _key_lines(source)
    found: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = str(err["type"])
        ctx = err.get("ctx") or {}
        if kind == "duplicate_offer":
            loc = ("offers", int(ctx["index"]), "id")
        values: dict[str, str | int] = {
            k: v for k, v in ctx.items() if isinstance(v, int | str) and k != "expected"
        }
        offer: int | None = None
        offer_id: str | None = None
        path = list(loc)
        if len(path) >= 2 and path[0] == "offers" and isinstance(path[1], int):
            index = path[1]
            offer, path = index + 1, path[2:]
            offer_id = _offer_id(source, index)
        # A field path as the file writes it: ``forms[2]`` for a list item, ``name.en``.
        shown = ""
        for part in path:
            shown += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if shown else part)
        names = [p for p in path if isinstance(p, str)]
        if kind == "enum" and names and names[-1] in _CHOICES:
            values["expected"] = ", ".join(c.value for c in _CHOICES[names[-1]])
            kind = "choice"
        found.append(
            Problem(
                kind=kind,
                line=_find_line(lines, loc),
                offer=offer,
                offer_id=offer_id,
                path=shown,
                values=values,
            )
        )
    return found


def _offer_id(source: str, index: int) -> str | None:
    """The code of the offer at ``index``, only if it is a valid code (never other content)."""
    try:
        offers = tomllib.loads(source).get("offers")
        value = offers[index].get("id") if isinstance(offers, list) else None
    except (tomllib.TOMLDecodeError, IndexError, AttributeError):
        return None
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", value):
        return value
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\s\"'-]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\"'-]+(?:\s*\.\s*[A-Za-z0-9_\"'-]+)*)\s*=")
_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'[^']*'")


def _parts(dotted: str) -> list[str]:
    """``description . "nl"`` -> ``["description", "nl"]`` (our keys hold no dots or quotes)."""
    return [part.strip().strip("\"'") for part in dotted.split(".")]


def _key_lines(source: str) -> dict[tuple[str | int, ...], list[int]]:
    """Where every table and key of a TOML text is set: path (with array-of-tables indices, as
    pydantic's error locations have them) -> the 1-based lines that set it.

    A rough scanner, enough to point a person at a line (tomllib gives no positions): it follows
    ``[table]``, ``[[array]]`` and ``dotted.keys =``, and skips multi-line strings and the
    inside of multi-line arrays and inline tables."""
    found: dict[tuple[str | int, ...], list[int]] = {}
    arrays: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    depth = 0
    open_string: str | None = None

    def resolve(names: list[str]) -> tuple[str | int, ...]:
        path: list[str | int] = []
        for end, name in enumerate(names, start=1):
            path.append(name)
            if (count := arrays.get(tuple(names[:end]))) is not None:
                path.append(count - 1)
        return tuple(path)

    for number, raw in enumerate(source.splitlines(), start=1):
        if open_string is not None:
            if open_string in raw:
                open_string = None
            continue
        marked = raw.replace('"""', "\x00").replace("'''", "\x01")
        code = _STRING.sub('""', marked).split("#", 1)[0]
        if depth == 0:
            if header := _HEADER.match(raw):
                names = _parts(header.group(2))
                if header.group(1) == "[[":
                    arrays[tuple(names)] = arrays.get(tuple(names), 0) + 1
                table = resolve(names)
                found.setdefault(table, []).append(number)
                continue
            if key := _KEY.match(raw):
                found.setdefault(table + tuple(_parts(key.group(1))), []).append(number)
        for quote, mark in (('"""', "\x00"), ("'''", "\x01")):
            if code.count(mark) % 2 == 1:
                open_string = quote
        opened = code.count("[") + code.count("{")
        closed = code.count("]") + code.count("}")
        depth = max(0, depth + opened - closed)
    return found


def _find_line(
    lines: Mapping[tuple[str | int, ...], list[int]], loc: tuple[Any, ...]
) -> int | None:
    """The line of the most specific part of ``loc`` found in the file."""
    for end in range(len(loc), 0, -1):
        if (hit := lines.get(tuple(loc[:end]))) is not None:
            return hit[0]
    return None


def _syntax_problem(exc: tomllib.TOMLDecodeError, source: str) -> Problem:
    """tomllib's message holds ``(at line L, column C)`` or ``(at end of document)``. A key set
    twice ("Cannot overwrite a value") gets its own reason; when tomllib gives no line for it,
    the scanner finds the second line that sets it."""
    message = str(exc)
    twice = "overwrite" in message or "declare" in message
    at = re.search(r"at line (\d+), column (\d+)", message)
    lines = source.splitlines()
    if at is None:
        if twice:
            for path, numbers in _key_lines(source).items():
                if len(numbers) > 1 and not isinstance(path[-1], int):
                    return Problem("duplicate_key", line=numbers[1], path=str(path[-1]))
        return Problem("syntax")
    line, column = int(at.group(1)), int(at.group(2))
    key = _KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return Problem(
        "duplicate_key" if twice else "syntax",
        line=line,
        column=None if twice else column,
        path=_parts(key.group(1))[-1] if key else "",
    )


def parse_offers(data: bytes, file_name: str = "offers.toml") -> OffersFile:
    """The offers in ``data`` (a TOML file's bytes), or ``OffersError`` saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise OffersError("too_big", file_name)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        raise OffersError("not_utf8", file_name) from None
    source = source.removeprefix("\ufeff")  # a byte-order mark some editors write
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise OffersError("syntax", file_name, [_syntax_problem(exc, source)]) from None
    try:
        return OffersFile.model_validate(raw)
    except ValidationError as exc:
        raise OffersError("invalid", file_name, _problems(exc, source)) from None


def load_offers(path: Path) -> OffersFile:
    """The offers file at ``path``. Read again only when it changed (its modification time or
    size): every rerun of every session asks, and the file is the same for all of them."""
    name = path.name
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise OffersError("not_found", name) from None
    except OSError:
        raise OffersError("unreadable", name) from None
    if not path.is_file():
        raise OffersError("not_a_file", name)
    result = _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if isinstance(result, OffersError):  # a fresh exception: the cached one is shared
        raise OffersError(result.code, result.file_name, result.problems)
    return result


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int) -> OffersFile | OffersError:
    """Read and check one version of the file (keyed by path, mtime and size; a broken file's
    error is kept too, so a broken file is not parsed again on every rerun). The value is
    immutable and the same for every session: no family data is cached here."""
    del mtime_ns  # part of the cache key only
    name = Path(path).name
    if size > MAX_FILE_BYTES:
        return OffersError("too_big", name)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError:
        return OffersError("unreadable", name)
    try:
        return parse_offers(data, name)
    except OffersError as exc:
        return exc


def offers_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """The offers file the setting names (``$ECOMAP_OFFERS``), or None when it names none."""
    env = os.environ if environ is None else environ
    value = env.get(OFFERS_ENV, "").strip()
    return Path(value) if value else None


def offers_schema() -> dict[str, Any]:
    """The JSON Schema of the file (committed as ``docs/offers.schema.json``; a test keeps it
    current). TOML tables map one to one onto JSON objects, so editors that check TOML against
    a JSON Schema (Taplo, Even Better TOML) can use it."""
    return OffersFile.model_json_schema()
