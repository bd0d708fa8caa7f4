"""A short, warm reflection on the eco-map, in plain words, built from fixed rules.

Rule-based on purpose: the same map always gives the same text, a nurse can predict it, and every
phrase lives in ``questions/<lang>/reflection.toml`` where it can be improved without code.
Following OOK in Balans, strengths come first (who is there, which support is well covered), then,
kindly, what could be added; the text ends with one or two small next steps from the contact ladder
(meeting, dialogue, neighbourhood climate, network building) and the support pyramid (information,
a parenting course). It never judges: an empty map is a starting point, not a shortfall.

Two voices: ``nurse`` speaks to parent and nurse together ("u", "we kijken samen"); ``parent``
speaks to the parent alone at home ("je"), as Dutch youth health services often do.
Names are inserted as plain text; renderers escape them. A name stands in a sentence as a person
would write it (``ecomap.texts.wording``): "de gezinscoach", "uw partner", "Oma Ans"; counts up to
twelve are words. The age of the youngest child, when given, shapes the next steps (no
peuterspeelzaal for a parent of teenagers), and next steps build on the people and places already
on the map: a neighbour who already helps is not advised as someone to ask, the mosque on the map
is named as a place to meet other parents. In the nurse's voice the consultatiebureau is "we".

Who gives most comes first; support from a contact that feels hard is named with that contact,
not praised as a plain strength.

With local offers (``ecomap.offers``: the ones ``ecomap.matching`` chose, or the nurse swapped in)
the next steps name them first ("Misschien is de koffieochtend iets voor u."), in the
organisation's own words; a generic step is kept only for a need no chosen offer meets. Without
offers the steps stay generic, and still follow the family's gaps. ``findings`` gives the facts
the rules read, so that the matching and the nurse's conversation guide agree with the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from ecomap.graph import NetworkFigures, network_figures
from ecomap.model import Category, EcoMap, Language, Person, Quality, SupportForm
from ecomap.offers import Offer
from ecomap.texts.catalog import plural, text, upper_first, words
from ecomap.texts.roles import fold, tokenize
from ecomap.texts.wording import MAX_NAME_WORDS, MAX_NAMES, Called, call, join_called, number
from ecomap.texts.wording import join_names as join_names
from ecomap.texts.wording import join_words as join_words

Mode = Literal["nurse", "parent"]
MODES: tuple[Mode, ...] = ("nurse", "parent")

__all__ = [
    "GIVES_MUCH",
    "MAX_NAMES",
    "MAX_NAME_WORDS",
    "MAX_STEPS",
    "MODES",
    "Findings",
    "Mode",
    "Paragraph",
    "Reflection",
    "Step",
    "findings",
    "first_step",
    "join_forms",
    "join_names",
    "join_words",
    "reflect",
]

MAX_STEPS = 2
"""Next steps offered: one or two small ones, not a to-do list."""
SHARE_ONE_PERSON = 0.5
"""More than this share of the received support from one person counts as "much rests on one"."""
SHARE_PROFESSIONAL = 0.75
"""At least this share of received support from professionals counts as "mostly professional"."""
GIVES_MUCH = 2
"""The parent gives at least this many times what they receive (and three ties or more): "you do
a lot for others; you may ask for help too"."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the reflection; ``kind`` is a stable key (for styling and tests)."""

    kind: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Reflection:
    """The whole reflection, paragraphs in reading order (strengths first)."""

    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        """Plain text, paragraphs separated by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(p.kind for p in self.paragraphs)

    def __str__(self) -> str:
        return self.text


def join_forms(forms: Sequence[SupportForm], lang: Language, key: str = "form") -> str:
    """Forms of support as words inside a sentence: "een luisterend oor en advies"."""
    return join_words([text(f"reflection.{key}.{f.value}", lang) for f in forms], lang)


def _matches(person: Person, heads: frozenset[str]) -> bool:
    """Whether the person's name or role holds one of ``heads`` (also at the end of a word, or
    as a phrase: "sports club")."""
    folded = " ".join(tokenize(f"{person.name} {person.role}"))
    tokens = folded.split()
    for head in heads:
        if " " in head:
            if f" {head} " in f" {folded} ":
                return True
        elif any(t == head or (t.endswith(head) and len(t) - len(head) >= 3) for t in tokens):
            return True
    return False


@dataclass(frozen=True)
class _Context:
    """Everything the rules read: the map, its figures (computed once) and the voice."""

    ecomap: EcoMap
    figures: NetworkFigures
    lang: Language
    mode: Mode
    anonymous: bool
    offers: tuple[Offer, ...] = ()
    """The local offers chosen for this family: named first among the next steps."""

    def say(self, key: str, **values: object) -> str:
        # Sentences may start with a name typed in lower case ("oma Ans") or an article.
        return upper_first(
            text(key, self.lang, **{k: str(v) for k, v in values.items()}), self.lang
        )

    def say_count(self, key: str, n: int) -> str:
        """A sentence about a number of people, in the language's plural form for ``n`` (CLDR),
        the number as people say it ("vijf")."""
        return upper_first(plural(key, self.lang, n, count=number(n, self.lang)), self.lang)

    def say_n(self, key: str, who: Called, slot: str = "names", **values: object) -> str:
        """A sentence about ``who``, singular or plural ("staat" / "staan")."""
        return self.say(f"{key}_{'many' if who.plural else 'one'}", **{slot: who}, **values)

    def call(self, person: Person) -> Called:
        return call(person.name, self.lang, self.mode, anonymous=self.anonymous)

    def names(self, people: Sequence[Person]) -> Called:
        return join_called([self.call(p) for p in people], self.lang)

    def people(self, ids: Sequence[str]) -> list[Person]:
        return [self.ecomap.person(i) for i in ids]

    def forms(self, forms: Sequence[SupportForm]) -> str:
        return join_forms(forms, self.lang)

    @property
    def age(self) -> str:
        return self.ecomap.child_age.value if self.ecomap.child_age else "any"

    @cached_property
    def warm(self) -> list[Person]:
        """People whose contact does not feel hard: their support counts as a plain strength."""
        return [p for p in self.ecomap.people if p.quality is not Quality.STRESSFUL]

    @cached_property
    def gets(self) -> dict[str, tuple[SupportForm, ...]]:
        """Person id -> the forms the parent receives from them, in the model's order."""
        f = self.figures
        return {
            p.id: tuple(form for form in SupportForm if p.id in f.received_from[form])
            for p in self.ecomap.people
        }

    @cached_property
    def ranked(self) -> list[Person]:
        """The warm people, who gives most first (then by group, nearest, map order)."""
        order = list(Category)
        index = {p.id: i for i, p in enumerate(self.ecomap.people)}
        return sorted(
            self.warm,
            key=lambda p: (
                -len(self.gets[p.id]),
                order.index(p.category),
                -p.effective_closeness,
                index[p.id],
            ),
        )

    @cached_property
    def warm_covered(self) -> tuple[SupportForm, ...]:
        """Forms the parent receives from someone whose contact does not feel hard."""
        return tuple(f for f in SupportForm if any(f in self.gets[p.id] for p in self.warm))

    @property
    def one_person(self) -> Person | None:
        """The informal helper carrying more than half of the received support (at least two
        forms), if any. A professional doing much is expected; a relative may be stretched."""
        f = self.figures
        if f.main_supporter is None or f.main_supporter_ties < 2:
            return None
        person = self.ecomap.person(f.main_supporter)
        if person.category.is_formal or f.main_supporter_share <= SHARE_ONE_PERSON:
            return None
        return person

    @property
    def mostly_professional(self) -> bool:
        """At least three quarters of the received support (two ties or more) is professional."""
        f = self.figures
        return f.formal_received >= 2 and f.formal_share >= SHARE_PROFESSIONAL

    @property
    def gives_much(self) -> bool:
        """The parent gives at least ``GIVES_MUCH`` times what they receive (three ties or more)."""
        f = self.figures
        return f.given >= 3 and f.given >= GIVES_MUCH * max(f.received, 1)

    def heads(self, key: str) -> frozenset[str]:
        """The words of ``reflection.places.<key>`` (folded)."""
        return frozenset(fold(w) for w in words(f"reflection.places.{key}", self.lang))

    def place(self, key: str, *, exclude_jgz: bool = False) -> Person | None:
        """The first warm person on the map whose name or role is a place of ``places.<key>``
        (the mosque, the buurthuis); in the nurse's voice never the JGZ itself."""
        heads, jgz = self.heads(key), self.heads("jgz")
        for person in self.warm:
            if _matches(person, heads) and not (exclude_jgz and _matches(person, jgz)):
                return person
        return None


def _strengths(c: _Context) -> Paragraph | None:
    """Who gives most first (someone giving all four forms is named as such), then who else is
    close or there, then which support is covered, or well covered. Support from a contact that
    feels hard is left to the stressful paragraph."""
    if not c.figures.people:
        return None
    m = f"reflection.{c.mode}.strengths"
    ranked, gets = c.ranked, c.gets
    sentences: list[str] = []
    all_four = [p for p in ranked if len(gets[p.id]) == len(SupportForm)]
    top: Person | None = None
    if all_four:
        sentences.append(c.say_n(f"{m}.all_four", c.names(all_four)))
    elif (
        ranked
        and len(gets[ranked[0].id]) >= 2
        and (len(ranked) == 1 or len(gets[ranked[0].id]) > len(gets[ranked[1].id]))
    ):
        top = ranked[0]
        key = f"{m}.helps" if len(ranked) == 1 else f"{m}.most"
        sentences.append(c.say_n(key, c.call(top), forms=c.forms(gets[top.id])))
    named = {p.id for p in all_four} | ({top.id} if top else set())
    first_close = any(c.ecomap.person(i).category is Category.INFORMAL_CLOSE for i in named)
    close = [p for p in ranked if p.category is Category.INFORMAL_CLOSE and p.id not in named]
    others = [p for p in ranked if p.id not in named]
    if close:
        key = f"{m}.also_close" if first_close else f"{m}.close"
        sentences.append(c.say_n(key, c.names(close)))
    elif others:
        key = f"{m}.also_around" if named else f"{m}.around"
        sentences.append(c.say_n(key, c.names(others)))
    elif not named:
        sentences.append(c.say_count(f"{m}.count", c.figures.people))

    covered = c.warm_covered
    if all_four:
        pass  # said already
    elif len(covered) == len(SupportForm):
        sentences.append(c.say(f"{m}.all_forms", forms=c.forms(covered)))
    elif covered and not (top and set(covered) == set(gets[top.id])):
        sentences.append(c.say(f"{m}.forms", forms=c.forms(covered)))
    well = [f for f in covered if sum(f in gets[p.id] for p in c.warm) >= 2]
    if well and len(well) == len(covered):
        sentences.append(c.say(f"{m}.well_covered_all"))
    elif well:
        sentences.append(c.say(f"{m}.well_covered", forms=c.forms(well)))
    return Paragraph("strengths", tuple(sentences))


def _empty(c: _Context) -> Paragraph | None:
    """No people yet: a warm start, never "you have nobody"."""
    if c.figures.people:
        return None
    m = c.mode
    return Paragraph(
        "empty",
        (
            c.say(f"reflection.{m}.empty.good"),
            c.say(f"reflection.{m}.empty.no_names"),
            c.say(f"reflection.{m}.empty.later"),
            c.say(f"reflection.{m}.empty.together"),
            c.say(f"reflection.think_of.{c.age}"),
        ),
    )


def _gaps(c: _Context) -> Paragraph | None:
    """Forms nobody on the map gives yet (wished forms are left to the wishes paragraph)."""
    if not c.figures.people:
        return None
    missing = [f for f in c.figures.uncovered_forms if f not in c.figures.wishes]
    if not missing:
        return None
    m = c.mode
    return Paragraph(
        "gaps",
        (
            c.say(f"reflection.{m}.gaps.missing", forms=c.forms(missing)),
            c.say(f"reflection.{m}.gaps.together"),
        ),
    )


def _one_person(c: _Context) -> Paragraph | None:
    """Much rests on one informal helper: say so kindly, and think of who could step in, so they
    need not do it all."""
    person = c.one_person
    if person is None:
        return None
    m = f"reflection.{c.mode}.one_person"
    who = c.call(person)
    return Paragraph(
        "one_person",
        (
            c.say_n(f"{m}.much", who, "name"),
            c.say(f"{m}.share"),
            c.say_n(f"{m}.relief", who, "name"),
        ),
    )


def _only_professional(c: _Context) -> Paragraph | None:
    """(Nearly) all received support comes from professionals: good that they are found; the own
    circle (neighbours, other parents) can add to it."""
    if not c.mostly_professional:
        return None
    m = c.mode
    return Paragraph(
        "only_professional",
        (
            c.say(f"reflection.{m}.only_professional.from_professionals"),
            c.say(f"reflection.{m}.only_professional.good"),
            c.say(f"reflection.{m}.only_professional.own_circle"),
        ),
    )


def _stressful(c: _Context) -> Paragraph | None:
    """Stressful and mixed ties: named without judging, with an offer to talk. Support that only
    a hard contact gives is named here, honestly, not among the strengths."""
    hard, mixed = c.figures.stressful, c.figures.mixed
    if not hard and not mixed:
        return None
    m = f"reflection.{c.mode}.stressful"
    sentences: list[str] = []
    if hard:
        sentences.append(c.say(f"{m}.hard", names=c.names(c.people(hard))))
        sentences.append(c.say(f"{m}.named"))
        only_hard = [f for f in SupportForm if f not in c.warm_covered]
        givers = [p for p in c.people(hard) if any(f in c.gets[p.id] for f in only_hard)]
        if givers:
            forms = [f for f in only_hard if any(f in c.gets[p.id] for p in givers)]
            sentences.append(c.say_n(f"{m}.gives", c.names(givers), forms=c.forms(forms)))
            sentences.append(c.say(f"{m}.double"))
    if mixed:
        sentences.append(c.say(f"{m}.mixed", names=c.names(c.people(mixed))))
        if not hard:
            sentences.append(c.say(f"{m}.common"))
    if hard:
        sentences.append(c.say(f"{m}.talk"))
    return Paragraph("stressful", tuple(sentences))


def _giving(c: _Context) -> Paragraph | None:
    """The support the parent gives ("halen en brengen") is a strength too; a parent who gives
    much more than they get hears that they may ask for help as well."""
    f = c.figures
    if not f.receivers:
        return None
    m = f"reflection.{c.mode}.giving"
    sentences: list[str] = []
    one_way = [i for i in f.receivers if i not in f.mutual]
    if one_way:
        sentences.append(c.say(f"{m}.helps", names=c.names(c.people(one_way))))
    if f.mutual:
        sentences.append(c.say(f"{m}.mutual", names=c.names(c.people(f.mutual))))
    given = [form for form in SupportForm if f.given_to[form]]
    sentences.append(c.say(f"{m}.forms", forms=c.forms(given)))
    sentences.append(c.say(f"{m}.strength"))
    if c.gives_much:
        sentences.append(c.say(f"{m}.busy"))
        sentences.append(c.say(f"{m}.ask"))
    return Paragraph("giving", tuple(sentences))


def _wishes(c: _Context) -> Paragraph | None:
    """What the parent would like more of; asking for help is a sign of strength."""
    if not c.figures.wishes:
        return None
    m = c.mode
    return Paragraph(
        "wishes",
        (
            c.say(
                f"reflection.{m}.wishes.wish",
                forms=join_forms(c.figures.wishes, c.lang, "wish_form"),
            ),
            c.say(f"reflection.{m}.wishes.strength"),
        ),
    )


def _step_for(c: _Context, form: SupportForm) -> tuple[str, str]:
    """The small step for a form the parent wishes for or misses: (a key to tell steps apart,
    the sentence). It builds on who and what is on the map, and fits the child's age."""
    m = f"reflection.{c.mode}.next_steps"
    what = text(f"reflection.practical_what.{c.age}", c.lang)
    if form is SupportForm.EMOTIONAL:
        place = c.place("meet", exclude_jgz=c.mode == "nurse")
        if place is not None:
            return "meet", c.say(f"{m}.meet_place", place=c.call(place))
        return "meet", c.say(f"{m}.meet.{c.age}")
    if form is SupportForm.PRACTICAL:
        places = c.heads("meet") | c.heads("jgz")

        def could_help(p: Person, category: Category) -> bool:
            """Gives something already, not yet practical help; a person, not a place; and a
            contact that simply feels good."""
            return (
                p.category is category
                and p.quality is Quality.SUPPORTIVE
                and bool(c.gets[p.id])
                and SupportForm.PRACTICAL not in c.gets[p.id]
                and not _matches(p, places)
            )

        close = [p for p in c.ranked if could_help(p, Category.INFORMAL_CLOSE)]
        if close:
            return "practical", c.say(f"{m}.help_more", name=c.call(close[0]), what=what)
        care = [p for p in c.warm if p.category is Category.FORMAL_YOUTHCARE]
        if care:
            return "practical", c.say(f"{m}.ask_volunteer", name=c.call(care[0]), what=what)
        distant = [p for p in c.ranked if could_help(p, Category.INFORMAL_DISTANT)]
        if distant:
            return "practical", c.say(f"{m}.help_more", name=c.call(distant[0]), what=what)
        nearby = [
            p
            for p in c.ranked
            if p.category is Category.INFORMAL_DISTANT and SupportForm.PRACTICAL in c.gets[p.id]
        ]
        if nearby:
            return "practical", c.say_n(f"{m}.ask_around", c.call(nearby[0]), "name", what=what)
        return "practical", c.say(f"{m}.ask_neighbour", what=what)
    if form is SupportForm.INFORMATIONAL:
        jgz, leisure = c.heads("jgz"), c.heads("leisure")
        professionals = sorted(
            (
                p
                for p in c.warm
                if p.category.is_formal
                and not (c.mode == "nurse" and _matches(p, jgz))
                and not (p.category is Category.FORMAL_EVERYDAY and _matches(p, leisure))
            ),
            key=lambda p: (
                p.category is not Category.FORMAL_YOUTHCARE,
                SupportForm.INFORMATIONAL not in c.gets[p.id],
            ),
        )
        if professionals:
            return "information", c.say(f"{m}.ask_professional", name=c.call(professionals[0]))
        older = c.age in ("school", "teen")
        return "information", c.say(f"{m}.information_{'older' if older else 'young'}")
    place = c.place("meet", exclude_jgz=c.mode == "nurse")
    if place is not None:
        return "example", c.say(f"{m}.example_place", place=c.call(place))
    return "example", c.say(f"{m}.parent_group.{c.age}")


_STEP_FORMS: dict[str, SupportForm] = {
    "meet": SupportForm.EMOTIONAL,
    "practical": SupportForm.PRACTICAL,
    "information": SupportForm.INFORMATIONAL,
    "example": SupportForm.NORMATIVE,
}
"""Which form each generic step is for: a chosen offer that gives it takes the step's place."""


def _sentence(words: str, lang: Language) -> str:
    """An organisation's line as a sentence: a capital first, a full stop last."""
    words = upper_first(words.strip(), lang)
    return words if words[-1:] in ".!?" else f"{words}."


def _offer_steps(c: _Context) -> list[tuple[str, str]]:
    """One step per chosen offer: its name, then its own one-line description."""
    m = f"reflection.{c.mode}.next_steps"
    return [
        (
            f"offer:{offer.id}",
            " ".join(
                (
                    c.say(f"{m}.offer", name=offer.name.in_(c.lang)),
                    _sentence(offer.description.in_(c.lang), c.lang),
                )
            ),
        )
        for offer in c.offers
    ]


def _candidate_steps(c: _Context) -> list[tuple[str, str]]:
    """Every step that fits, most needed first, as (key, sentence): for what is wished for first
    (the parent's wishes lead), then for much resting on one person or mostly professional help,
    then for forms no warm contact gives yet. Chosen local offers come first; a generic step
    stays only for a form no chosen offer gives."""
    f = c.figures
    m = f"reflection.{c.mode}.next_steps"
    steps: list[tuple[str, str]] = [_step_for(c, form) for form in f.wishes]
    if not f.people:
        steps.append(_step_for(c, SupportForm.EMOTIONAL))
    if c.one_person is not None:
        steps.append(("share_load", c.say(f"{m}.share_load")))
    if c.mostly_professional:
        steps.append(_step_for(c, SupportForm.EMOTIONAL))
    if f.people:
        steps += [_step_for(c, form) for form in SupportForm if form not in c.warm_covered]
    if c.offers:
        given = {form for offer in c.offers for form in offer.forms}
        steps = _offer_steps(c) + [
            (key, sentence)
            for key, sentence in steps
            if key not in _STEP_FORMS or _STEP_FORMS[key] not in given
        ]
    keys = list(dict.fromkeys(key for key, _ in steps))[:MAX_STEPS]  # in order of need
    return [(key, _first(steps, key)) for key in keys]


def _next_steps(c: _Context) -> Paragraph:
    """One or two small steps (``_candidate_steps``). A map with none of them gets "stay in
    touch, bring the map next time"."""
    m = f"reflection.{c.mode}.next_steps"
    chosen = _candidate_steps(c)
    if not chosen:
        return Paragraph("next_steps", (c.say(f"{m}.keep"), c.say(f"{m}.bring_map")))
    return Paragraph("next_steps", (c.say(f"{m}.intro"), *(sentence for _, sentence in chosen)))


def _first(steps: list[tuple[str, str]], key: str) -> str:
    return next(sentence for k, sentence in steps if k == key)


_RULES: tuple[Callable[[_Context], Paragraph | None], ...] = (
    _empty,
    _strengths,
    _gaps,
    _one_person,
    _only_professional,
    _stressful,
    _giving,
    _wishes,
    _next_steps,
)
"""The paragraphs in reading order: strengths (or the warm start) first, next steps last."""


def reflect(
    ecomap: EcoMap,
    lang: Language = "nl",
    mode: Mode = "nurse",
    *,
    anonymous: bool = False,
    offers: Sequence[Offer] | None = None,
) -> Reflection:
    """The reflection on one map, in ``lang``, in the nurse's or the parent's voice.

    ``anonymous``: the map's names are the labels of ``ecomap.texts.anonymise`` ("Buurvrouw (2)",
    "Kennis"); they are read as roles ("buurvrouw 2", "een kennis"). ``offers``: the local
    offers chosen for this family (``ecomap.matching.choose_offers``, or the nurse's choice);
    None or empty: the built-in next steps."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    context = _Context(ecomap, network_figures(ecomap), lang, mode, anonymous, tuple(offers or ()))
    paragraphs = (rule(context) for rule in _RULES)
    return Reflection(tuple(p for p in paragraphs if p is not None))


@dataclass(frozen=True)
class Step:
    """The one small next step for a take-home page: the first the reflection proposes."""

    sentence: str
    offer_id: str | None = None
    """The chosen local offer the step is about, when it is one (its details can go with it)."""


def first_step(
    ecomap: EcoMap,
    lang: Language = "nl",
    mode: Mode = "parent",
    *,
    anonymous: bool = False,
    offers: Sequence[Offer] | None = None,
) -> Step:
    """The first of the reflection's next steps (the same rules, the same sentence), or, when
    the map asks for none, its "stay in touch" line. One step, so a parent at home has one thing
    to do, not a list."""
    c = _Context(ecomap, network_figures(ecomap), lang, mode, anonymous, tuple(offers or ()))
    chosen = _candidate_steps(c)
    if not chosen:
        return Step(c.say(f"reflection.{mode}.next_steps.keep"))
    key, sentence = chosen[0]
    return Step(sentence, key.removeprefix("offer:") if key.startswith("offer:") else None)


@dataclass(frozen=True)
class Findings:
    """What stands out on a map, without words: the facts the reflection's rules read, for the
    texts that must agree with it (the matching of local offers, the nurse's conversation
    guide)."""

    figures: NetworkFigures
    warm_covered: tuple[SupportForm, ...]
    """Forms the parent receives from someone whose contact does not feel hard."""
    top: Person | None
    """Who gives most (of the warm contacts), when they give anything."""
    one_person: Person | None
    """The informal helper carrying more than half of the received support, if any."""
    mostly_professional: bool
    gives_much: bool
    """The parent gives much more than they receive."""


def findings(ecomap: EcoMap) -> Findings:
    """The facts of ``ecomap`` as the reflection reads them (no text, no language)."""
    c = _Context(ecomap, network_figures(ecomap), "nl", "nurse", False)
    top = c.ranked[0] if c.ranked and c.gets[c.ranked[0].id] else None
    return Findings(
        figures=c.figures,
        warm_covered=c.warm_covered,
        top=top,
        one_person=c.one_person,
        mostly_professional=c.mostly_professional,
        gives_much=c.gives_much,
    )
