"""The eco-map data model: who supports the family, how, and in which direction.

Kesselring's model places every co-educator (medeopvoeder) on two axes, proximity to the family and
professionality, which gives four categories. Support comes in four forms and flows both ways
("halen en brengen"): parents receive support and give it. Values are stable English keys; the words
people read live in ``questions/``.

This module imports nothing of storage, rendering or the UI: everything else builds on it.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from itertools import pairwise
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 3
"""Version of the JSON format. A file with a higher version was written by a newer ecomap.

Format 2 adds three optional fields (``child_age``, ``previous_date``, ``previous_note``). Format
3 adds ``history``: the family's earlier maps, one dated ``Version`` per consult. Older files are
upgraded when they are read (``upgrade``): they open with those fields empty, and are written
back as format 3."""

MAX_PEOPLE = 300
"""Upper bound on people in one map: far above a real network (rarely over 50), low enough that
every screen stays fast and a hostile upload cannot grow without end."""

FAMILY_ID = "family"
"""Node id of the family at the centre of every map; no person may have it."""

MAX_VERSIONS = 24
"""Most earlier maps one file keeps: two consults a year for twelve years. Continuing a map that
already has this many drops the oldest but one (the first map, where the family started, stays);
a file with more is refused before it is read in full."""

MAX_HISTORY_PEOPLE = 2400
"""Most people in all earlier maps together (100 a map on average, where real networks rarely
pass 50): with ``MAX_VERSIONS`` and the upload limit, it keeps a file with a long history small
enough that every screen stays fast."""

MAX_NAME = 80
MAX_ROLE = 120
MAX_LABEL = 80
MAX_NOTE = 2000


class Category(StrEnum):
    """Kesselring's four categories: proximity (close/distant) x professionality (informal/formal).

    The order is meaningful: from the family's own circle outwards to youth care.
    """

    INFORMAL_CLOSE = "informal_close"
    """Partner, family members, friends."""
    INFORMAL_DISTANT = "informal_distant"
    """Neighbours, parents of classmates, colleagues, other families."""
    FORMAL_EVERYDAY = "formal_everyday"
    """Professionals met as a matter of course: school, childcare, JGZ, midwife, sports coach."""
    FORMAL_YOUTHCARE = "formal_youthcare"
    """Youth professionals: neighbourhood team, youth care, child protection."""

    @property
    def is_formal(self) -> bool:
        return self in (Category.FORMAL_EVERYDAY, Category.FORMAL_YOUTHCARE)

    @property
    def is_close(self) -> bool:
        """Close to the family on Kesselring's vertical axis."""
        return self in (Category.INFORMAL_CLOSE, Category.FORMAL_EVERYDAY)


class SupportForm(StrEnum):
    """The four forms of support (Kesselring et al. 2012)."""

    EMOTIONAL = "emotional"
    """A listening ear, shared experiences, recognition."""
    PRACTICAL = "practical"
    """Hands-on help: babysitting, taking the children to school."""
    INFORMATIONAL = "informational"
    """Advice, tips, information, feedback."""
    NORMATIVE = "normative"
    """Norms, values, role models: what is normal, what fits."""


class Direction(StrEnum):
    """Which way one form of support flows between the parent and a person."""

    RECEIVES = "receives"
    """The parent receives this support from the person."""
    GIVES = "gives"
    """The parent gives this support to the person."""
    BOTH = "both"
    """Both ways."""

    @property
    def parent_receives(self) -> bool:
        return self in (Direction.RECEIVES, Direction.BOTH)

    @property
    def parent_gives(self) -> bool:
        return self in (Direction.GIVES, Direction.BOTH)


class ChildAge(StrEnum):
    """How old the youngest child is, roughly: what fits a family changes with it (questions and
    next steps). Optional: the parent may leave it open."""

    BABY = "baby"
    """Up to about one year."""
    TODDLER = "toddler"
    """A peuter: about one to four."""
    SCHOOL = "school"
    """Primary school: about four to twelve."""
    TEEN = "teen"
    """About twelve to eighteen."""


class Quality(StrEnum):
    """How the relationship feels to the parent; classic eco-maps draw stressful ties too."""

    SUPPORTIVE = "supportive"
    MIXED = "mixed"
    STRESSFUL = "stressful"


Language = Literal["nl", "en", "tr", "ar", "pl", "uk"]
LANGUAGES: tuple[Language, ...] = ("nl", "en", "tr", "ar", "pl", "uk")
"""Dutch first (the nurse's language and the dossier's), then English, then the languages of
parents the JGZ meets often: Turkish, Arabic (right to left), Polish and Ukrainian. ISO 639-1
codes, also the CLDR locales whose plural rules and writing direction are used by
``ecomap.texts.catalog``."""

UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + end) for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF))
    + "]"
)
"""C0/C1 control characters, bidi embedding/override/isolate marks, lone surrogates and the 66
Unicode noncharacters (U+FDD0-U+FDEF and U+xFFFE/U+xFFFF in every plane): they print as boxes,
break CSV/XML (XML 1.0 cannot hold U+FFFE, U+FFFF or a surrogate; UTF-8 cannot encode a lone
surrogate), or make a name display reversed ("spoofed"). Arabic and Hebrew need none of them.
What is left is text every export can hold: tab, line feed and carriage return are the only
controls, and notes are the only text that keeps line breaks."""


def _clean(text: str) -> str:
    """Trim and drop control and bidi-override characters (UNPRINTABLE); keep all else."""
    return UNPRINTABLE.sub("", text).strip()


def _text(max_len: int, *, min_len: int = 0, one_line: bool = True) -> AfterValidator:
    """Validator: trim, drop control characters, fold line breaks, then check the length.

    Length is checked *after* cleaning, so "   " is an empty name and is refused.
    """

    def check(value: str) -> str:
        value = _clean(value)
        if one_line:
            value = " ".join(value.split())
        if len(value) < min_len:
            raise PydanticCustomError("empty", "this may not be empty")
        if len(value) > max_len:
            raise PydanticCustomError(
                "text_too_long",
                "this is {count} characters long; at most {max} fit",
                {"count": len(value), "max": max_len},
            )
        return value

    return AfterValidator(check)


Name = Annotated[str, _text(MAX_NAME, min_len=1)]
"""A display name: 1-80 characters after trimming. Any character is allowed; none is interpreted."""
Role = Annotated[str, _text(MAX_ROLE)]
Label = Annotated[str, _text(MAX_LABEL)]
Note = Annotated[str, _text(MAX_NOTE, one_line=False)]

PersonId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
"""A generated identifier; never user text, so it is safe wherever an id ends up (HTML, files)."""

Closeness = Annotated[int, Field(ge=1, le=5)]
"""Place within the category's region: 1 = at its far edge, 3 = middle, 5 = nearest the family."""

DEFAULT_CLOSENESS = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_assignment=True)


class Person(_Strict):
    """Someone in the family's network (a co-educator), or an online source or organisation."""

    id: PersonId
    name: Name
    role: Role = ""
    """Free text as the parent says it: "oma", "juf van groep 2", "buurman"."""
    category: Category
    """What the user chose; a suggestion from the role is only ever a default."""
    closeness: Closeness | None = None
    """Nearer (5) or further (1) within the category; None means the middle (3)."""
    quality: Quality = Quality.SUPPORTIVE

    @field_validator("id")
    @classmethod
    def _not_family(cls, v: str) -> str:
        if v == FAMILY_ID:
            raise PydanticCustomError("reserved_id", "this code is reserved for the family")
        return v

    @property
    def effective_closeness(self) -> int:
        return DEFAULT_CLOSENESS if self.closeness is None else self.closeness


class Tie(_Strict):
    """One form of support between the parent and one person, and which way it flows."""

    person_id: PersonId
    form: SupportForm
    direction: Direction = Direction.RECEIVES


def _check_people_and_ties(people: list[Person], ties: list[Tie]) -> None:
    """Every person once, every tie to a person on the same map, every form once per person: the
    same rules for the map of today and for each earlier version."""
    ids = [p.id for p in people]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise PydanticCustomError("duplicate_id", "two people have the same id {id}", {"id": dup})
    known = set(ids)
    seen: set[tuple[str, SupportForm]] = set()
    for tie in ties:
        if tie.person_id not in known:
            raise PydanticCustomError(
                "unknown_person",
                "a support tie points to an unknown person id {id}",
                {"id": tie.person_id},
            )
        key = (tie.person_id, tie.form)
        if key in seen:
            raise PydanticCustomError(
                "duplicate_tie",
                "person {id} has the support form {form} twice",
                {"id": tie.person_id, "form": tie.form.value},
            )
        seen.add(key)


def _unique_forms(forms: list[SupportForm]) -> list[SupportForm]:
    """Wishes once each, in the fixed order of the forms."""
    return sorted(set(forms), key=list(SupportForm).index)


class Version(_Strict):
    """The family's map as it was at one earlier consult: a dated snapshot the timeline compares.

    Only what changes between consults and is compared: the people, the ties, the wishes and that
    consult's note. No history of its own (the map holds the one list of versions) and no family
    label or who filled it in (those belong to the map worked on now).
    """

    date: dt.date
    people: list[Person] = Field(default_factory=list, max_length=MAX_PEOPLE)
    ties: list[Tie] = Field(default_factory=list)
    wishes: list[SupportForm] = Field(default_factory=list)
    note: Note = ""
    """The note of that consult, as it was written then."""

    @field_validator("wishes")
    @classmethod
    def _unique_wishes(cls, v: list[SupportForm]) -> list[SupportForm]:
        return _unique_forms(v)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_people_and_ties(self.people, self.ties)
        return self


def upgrade(data: Any) -> Any:
    """A map as an older ecomap wrote it, in today's format (``SCHEMA_VERSION``).

    Each format only added optional fields, so the steps change nothing but the version number:
    1 -> 2 (``child_age``, ``previous_date``, ``previous_note``: empty) and 2 -> 3 (``history``:
    empty; a format 2 file kept the earlier map's date and note, in ``previous_date`` and
    ``previous_note``, but never its people, so there is no version to make of it). Anything that
    is not an older map (a newer version, no version, not a number) is left for validation to
    refuse. The input is never changed.
    """
    if not isinstance(data, dict):
        return data
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        return data
    if not 1 <= version < SCHEMA_VERSION:
        return data
    return {**data, "schema_version": SCHEMA_VERSION}


class EcoMap(_Strict):
    """One family's eco-map at one moment: the people, the support ties, and the wishes."""

    schema_version: int = SCHEMA_VERSION
    date: dt.date = Field(default_factory=dt.date.today)
    language: Language = "nl"
    family_label: Label | None = None
    """An optional label the nurse or parent chooses ("Gezin J.", "Ons netwerk"); never required."""
    filled_in_by: Label | None = None
    child_age: ChildAge | None = None
    """The age of the youngest child (baby, toddler, school, teen), when the parent gives it."""
    people: list[Person] = Field(default_factory=list, max_length=MAX_PEOPLE)
    ties: list[Tie] = Field(default_factory=list)
    wishes: list[SupportForm] = Field(default_factory=list)
    """Support forms the parent would like more of: missing support matters as much as present."""
    note: Note = ""
    """A short consult note (typed in the app, printed on the dossier PDF)."""
    previous_date: dt.date | None = None
    """The date of the earlier map this one continues ("vorige kaart"), if it continues one."""
    previous_note: Note = ""
    """The note of that earlier map, kept apart: a new consult starts with an empty note."""
    history: list[Version] = Field(default_factory=list, max_length=MAX_VERSIONS)
    """The family's earlier maps, oldest first, each dated before this map: continuing a map on a
    later day adds it here (``ecomap.history.continued``), so the timeline can compare any two."""

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        return upgrade(data)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v > SCHEMA_VERSION:
            raise PydanticCustomError(
                "newer_version",
                "this map was made with a newer version of ecomap (format {version}); "
                "this version reads format {known} and older",
                {"version": v, "known": SCHEMA_VERSION},
            )
        if v < 1:
            raise PydanticCustomError("bad_version", "the format version must be 1 or higher")
        return v

    @field_validator("wishes")
    @classmethod
    def _unique_wishes(cls, v: list[SupportForm]) -> list[SupportForm]:
        return _unique_forms(v)

    @field_validator("history")
    @classmethod
    def _history_in_order(cls, v: list[Version], info: ValidationInfo) -> list[Version]:
        """Versions oldest first, one per day, all before this map's date; together not more
        people than ``MAX_HISTORY_PEOPLE``."""
        total = sum(len(version.people) for version in v)
        if total > MAX_HISTORY_PEOPLE:
            raise PydanticCustomError(
                "history_too_big",
                "the earlier maps hold {count} people together; at most {max} fit",
                {"count": total, "max": MAX_HISTORY_PEOPLE},
            )
        dates = [version.date for version in v]
        today = info.data.get("date")
        if any(a >= b for a, b in pairwise(dates)) or (
            isinstance(today, dt.date) and dates and dates[-1] >= today
        ):
            raise PydanticCustomError(
                "history_order",
                "the earlier maps must be in date order, one a day, all before this map's date",
            )
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_people_and_ties(self.people, self.ties)
        return self

    # Convenience look-ups (pure, no mutation).
    def person(self, person_id: str) -> Person:
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def ties_of(self, person_id: str) -> list[Tie]:
        return [t for t in self.ties if t.person_id == person_id]

    def to_json(self) -> str:
        """The interchange format: UTF-8 JSON, readable by any version with the same schema."""
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> EcoMap:
        return cls.model_validate_json(text)
