"""What changed between an earlier map and the current one, and how to say it kindly.

At a next consult (weeks or months later) the nurse loads the earlier map next to the new one. The
comparison is facts only (who came, who went, who moved, which support forms were gained or lost);
``describe`` turns it into short, warm sentences from ``questions/<lang>/changes.toml``, strengths
first: who came and what support was gained is said before what was lost, and what is gone is
said gently ("Piet staat er nu niet meer op"), never as a failure.

People are matched by id first (a map continued from its PDF or JSON keeps its ids), then by name
(a map typed in again at the next consult has new ids): trimmed, case- and accent-insensitive.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ecomap.model import Category, EcoMap, Language, Person, Quality, SupportForm
from ecomap.texts.catalog import lower_first, text, upper_first
from ecomap.texts.labels import label
from ecomap.texts.wording import call as call_in_sentence
from ecomap.texts.wording import join_names, join_words

Mode = Literal["nurse", "parent"]
"""Who reads: the nurse with the parent ("u") or the parent alone ("je")."""

Mark = Literal["new", "moved"]
"""How a person on the current map is marked in a comparison drawing."""

_QUALITY_RANK = {Quality.STRESSFUL: 0, Quality.MIXED: 1, Quality.SUPPORTIVE: 2}


@dataclass(frozen=True)
class Moved:
    """A person now in another of Kesselring's categories (``person`` as on the current map)."""

    person: Person
    before: Category
    after: Category


@dataclass(frozen=True)
class Shifted:
    """A person in the same category, now nearer (higher closeness) or further away (1-5)."""

    person: Person
    before: int
    after: int


@dataclass(frozen=True)
class FormsChanged:
    """Support forms one person now gives or receives that they did not before (or the reverse)."""

    person: Person
    forms: tuple[SupportForm, ...]


@dataclass(frozen=True)
class QualityChanged:
    """How the contact with one person feels, before and now."""

    person: Person
    before: Quality
    after: Quality

    @property
    def better(self) -> bool:
        return _QUALITY_RANK[self.after] > _QUALITY_RANK[self.before]


@dataclass(frozen=True)
class Comparison:
    """The differences between two maps of one family. People appear as on the map where they
    are: ``removed`` as on the earlier map, everything else as on the current one."""

    old_date: dt.date
    new_date: dt.date
    added: tuple[Person, ...] = ()
    removed: tuple[Person, ...] = ()
    moved: tuple[Moved, ...] = ()
    closer: tuple[Shifted, ...] = ()
    further: tuple[Shifted, ...] = ()
    forms_gained: tuple[FormsChanged, ...] = ()
    forms_lost: tuple[FormsChanged, ...] = ()
    quality: tuple[QualityChanged, ...] = ()
    covered_gained: tuple[SupportForm, ...] = ()
    """Forms the parent now receives from someone, and received from nobody before."""
    covered_lost: tuple[SupportForm, ...] = ()
    wishes_added: tuple[SupportForm, ...] = ()
    wishes_dropped: tuple[SupportForm, ...] = ()
    matched: tuple[tuple[str, str], ...] = ()
    """Pairs (earlier id, current id) of people found on both maps."""

    @property
    def is_empty(self) -> bool:
        """True when nothing a person would notice changed (dates aside)."""
        return not any(
            (
                self.added,
                self.removed,
                self.moved,
                self.closer,
                self.further,
                self.forms_gained,
                self.forms_lost,
                self.quality,
                self.covered_gained,
                self.covered_lost,
                self.wishes_added,
                self.wishes_dropped,
            )
        )

    def marks(self) -> dict[str, Mark]:
        """Current person id -> how to mark them on the map: new, or moved (category or
        closeness changed). People without a change are not in the result."""
        out: dict[str, Mark] = {p.id: "new" for p in self.added}
        moved = [m.person for m in self.moved] + [s.person for s in (*self.closer, *self.further)]
        for person in moved:
            out[person.id] = "moved"
        return out


def normalised_name(name: str) -> str:
    """A name as compared across maps: case, accents and spacing do not count ("Ayşe " = "ayse")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def _match(old: EcoMap, new: EcoMap) -> list[tuple[Person, Person]]:
    """Pairs of the same person on both maps: by id, then by a name that is unique on both sides."""
    new_ids = {p.id for p in new.people}
    pairs = [(p, new.person(p.id)) for p in old.people if p.id in new_ids]
    taken_old = {o.id for o, _ in pairs}
    taken_new = {n.id for _, n in pairs}
    rest_old = [p for p in old.people if p.id not in taken_old]
    rest_new = [p for p in new.people if p.id not in taken_new]

    def unique(people: list[Person]) -> dict[str, Person]:
        seen: dict[str, list[Person]] = {}
        for p in people:
            seen.setdefault(normalised_name(p.name), []).append(p)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    by_name_new = unique(rest_new)
    for key, person in unique(rest_old).items():
        if key in by_name_new:
            pairs.append((person, by_name_new[key]))
    return pairs


def _forms(ecomap: EcoMap, person_id: str) -> set[SupportForm]:
    return {t.form for t in ecomap.ties_of(person_id)}


def _covered(ecomap: EcoMap) -> set[SupportForm]:
    return {t.form for t in ecomap.ties if t.direction.parent_receives}


def _ordered(forms: Iterable[SupportForm]) -> tuple[SupportForm, ...]:
    chosen = set(forms)
    return tuple(f for f in SupportForm if f in chosen)


def compare(old: EcoMap, new: EcoMap) -> Comparison:
    """Everything that changed from ``old`` (the earlier map) to ``new`` (the current one)."""
    pairs = _match(old, new)
    matched_old = {o.id for o, _ in pairs}
    matched_new = {n.id for _, n in pairs}
    moved: list[Moved] = []
    closer: list[Shifted] = []
    further: list[Shifted] = []
    gained: list[FormsChanged] = []
    lost: list[FormsChanged] = []
    quality: list[QualityChanged] = []
    for before, now in sorted(pairs, key=lambda pair: new.people.index(pair[1])):
        if before.category != now.category:
            moved.append(Moved(now, before.category, now.category))
        elif before.effective_closeness != now.effective_closeness:
            shift = Shifted(now, before.effective_closeness, now.effective_closeness)
            (closer if shift.after > shift.before else further).append(shift)
        old_forms, new_forms = _forms(old, before.id), _forms(new, now.id)
        if new_forms - old_forms:
            gained.append(FormsChanged(now, _ordered(new_forms - old_forms)))
        if old_forms - new_forms:
            lost.append(FormsChanged(now, _ordered(old_forms - new_forms)))
        if before.quality != now.quality:
            quality.append(QualityChanged(now, before.quality, now.quality))
    old_covered, new_covered = _covered(old), _covered(new)
    return Comparison(
        old_date=old.date,
        new_date=new.date,
        added=tuple(p for p in new.people if p.id not in matched_new),
        removed=tuple(p for p in old.people if p.id not in matched_old),
        moved=tuple(moved),
        closer=tuple(closer),
        further=tuple(further),
        forms_gained=tuple(gained),
        forms_lost=tuple(lost),
        quality=tuple(quality),
        covered_gained=_ordered(new_covered - old_covered),
        covered_lost=_ordered(old_covered - new_covered),
        wishes_added=_ordered(set(new.wishes) - set(old.wishes)),
        wishes_dropped=_ordered(set(old.wishes) - set(new.wishes)),
        matched=tuple((o.id, n.id) for o, n in pairs),
    )


# --------------------------------------------------------------------------- words


def _form_words(forms: Sequence[SupportForm], lang: Language) -> str:
    """Form names inside a sentence: 'een luisterend oor en praktische hulp'."""
    names = [label(f, lang, "name") for f in forms]
    return join_words([lower_first(n, lang) for n in names], lang)


def describe(
    comparison: Comparison,
    lang: Language = "nl",
    mode: Mode = "nurse",
    *,
    name: Callable[[Person], str] | None = None,
    anonymous: bool = False,
) -> list[str]:
    """The comparison as short sentences, strengths first.

    ``name`` says how a person is called (the anonymised print passes roles); default: the name.
    Either stands in a sentence as ``ecomap.texts.wording`` says ("het wijkteam", "de buurvrouw");
    ``anonymous``: the names are the labels of ``ecomap.texts.anonymise`` ("een kennis").
    """
    named = name or (lambda p: p.name)

    def call(person: Person) -> str:
        return call_in_sentence(named(person), lang, mode, anonymous=anonymous).text

    def people(items: Sequence[Person], one: str, many: str) -> list[str]:
        if not items:
            return []
        names = join_names([call(p) for p in items], lang)  # "Ans, Piet en 5 anderen"
        return [text(one if len(items) == 1 else many, lang, names=names)]

    def per_person(items: Sequence[FormsChanged], key: str) -> list[str]:
        return [
            text(key, lang, name=call(c.person), forms=_form_words(c.forms, lang)) for c in items
        ]

    def forms(items: Sequence[SupportForm], key: str) -> list[str]:
        return [text(key, lang, forms=_form_words(items, lang))] if items else []

    c = comparison
    better = [q.person for q in c.quality if q.better]
    worse = [q.person for q in c.quality if not q.better]
    lines: list[str] = [text("changes.intro", lang, date=long_date(c.old_date, lang))]
    if c.is_empty:
        return [*lines, text("changes.same", lang)]
    # Strengths first: who came, what support is there now, who is nearer.
    lines += people(c.added, "changes.added.one", "changes.added.many")
    lines += forms(c.covered_gained, "changes.covered_gained")
    lines += per_person(c.forms_gained, "changes.forms_gained")
    lines += people([s.person for s in c.closer], "changes.closer.one", "changes.closer.many")
    lines += people(better, "changes.better.one", "changes.better.many")
    lines += forms(c.wishes_dropped, f"changes.{mode}.wishes_dropped")
    # Then what moved, and gently what is less or gone.
    lines += [
        text("changes.moved", lang, name=call(m.person), category=label(m.after, lang, "short"))
        for m in c.moved
    ]
    lines += people([s.person for s in c.further], "changes.further.one", "changes.further.many")
    lines += people(worse, "changes.worse.one", "changes.worse.many")
    lines += per_person(c.forms_lost, "changes.forms_lost")
    lines += forms(c.covered_lost, "changes.covered_lost")
    lines += people(c.removed, "changes.removed.one", "changes.removed.many")
    lines += forms(c.wishes_added, f"changes.{mode}.wishes_added")
    # A sentence starts with a capital, also when it starts with a name typed as "oma".
    return [upper_first(line, lang) for line in lines]


def long_date(day: dt.date, lang: Language) -> str:
    """A date as people write it: 3 maart 2026 / 3 March 2026 (month names from the catalog)."""
    month = text(f"changes.month.{day.month}", lang)
    return f"{day.day} {month} {day.year}"
