"""A short, warm reflection on the eco-map, in plain words, built from fixed rules.

Rule-based on purpose: the same map always gives the same text, a nurse can predict it, and every
phrase lives in ``questions/<lang>/reflection.toml`` where it can be improved without code.
Following OOK in Balans, strengths come first (who is there, which support is well covered), then,
kindly, what could be added; the text ends with one or two small next steps from the contact ladder
(meeting, dialogue, neighbourhood climate, network building) and the support pyramid (information,
a parenting course). It never judges: an empty map is a starting point, not a shortfall.

Two voices: ``nurse`` speaks to parent and nurse together ("u", "we kijken samen"); ``parent``
speaks to the parent alone at home ("je"), as Dutch youth health services often do.
Names are inserted as plain text; renderers escape them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ecomap.catalog import text
from ecomap.graph import NetworkFigures, network_figures
from ecomap.model import Category, EcoMap, Language, Person, Quality, SupportForm

Mode = Literal["nurse", "parent"]
MODES: tuple[Mode, ...] = ("nurse", "parent")

MAX_NAMES = 3
"""A list of names shows at most this many; longer lists become "Ans, Piet en 5 anderen"."""
MAX_NAME_WORDS = 6
"""Words of names per list (beyond the first name), so a sentence stays short (B1)."""
MAX_STEPS = 2
"""Next steps offered: one or two small ones, not a to-do list."""
SHARE_ONE_PERSON = 0.5
"""More than this share of the received support from one person counts as "much rests on one"."""
SHARE_PROFESSIONAL = 0.75
"""At least this share of received support from professionals counts as "mostly professional"."""

_STEP_FOR_FORM: dict[SupportForm, str] = {
    SupportForm.EMOTIONAL: "meet_parents",  # contact ladder: ontmoeten
    SupportForm.PRACTICAL: "ask_neighbour",  # contact ladder: buurtklimaat
    SupportForm.INFORMATIONAL: "information",  # support pyramid: information and education
    SupportForm.NORMATIVE: "parent_group",  # contact ladder: dialoog
}
"""The small step that best fits a form of support the parent misses or wishes for."""


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


def _capital(sentence: str) -> str:
    """Sentences may start with a name typed in lower case ("oma Ans")."""
    return sentence[:1].upper() + sentence[1:]


def join_words(items: Sequence[str], lang: Language) -> str:
    """Join words as people say them: "Ans, Piet en Fatma" (en: "Ans, Piet and Fatma")."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('reflection.join.and', lang)} {items[-1]}"


def join_names(names: Sequence[str], lang: Language) -> str:
    """A natural list of names, capped: all of up to three short names, otherwise the first one or
    two and a count ("Ans, Piet en 5 anderen", "Ans en nog iemand")."""
    if len(names) <= MAX_NAMES and sum(len(n.split()) for n in names[1:]) <= MAX_NAME_WORDS:
        return join_words(names, lang)
    shown = [names[0]]
    if len(names[1].split()) <= MAX_NAME_WORDS and len(names) > 2:
        shown.append(names[1])
    rest = len(names) - len(shown)
    if rest == 1:
        return join_words([*shown, text("reflection.join.other_one", lang)], lang)
    return join_words([*shown, text("reflection.join.others", lang, count=rest)], lang)


def join_forms(forms: Sequence[SupportForm], lang: Language) -> str:
    """Forms of support as words inside a sentence: "een luisterend oor en advies"."""
    return join_words([text(f"reflection.form.{f.value}", lang) for f in forms], lang)


@dataclass(frozen=True)
class _Context:
    """Everything the rules read: the map, its figures (computed once) and the voice."""

    ecomap: EcoMap
    figures: NetworkFigures
    lang: Language
    mode: Mode

    def say(self, key: str, **values: object) -> str:
        return _capital(text(key, self.lang, **values))

    def people(self, ids: Sequence[str]) -> list[Person]:
        return [self.ecomap.person(i) for i in ids]

    def names(self, people: Sequence[Person]) -> str:
        return join_names([p.name for p in people], self.lang)

    def forms(self, forms: Sequence[SupportForm]) -> str:
        return join_forms(forms, self.lang)

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


def _count(n: int) -> str:
    return "one" if n == 1 else "many"


def _strengths(c: _Context) -> Paragraph | None:
    """Who is there (by name, nearest first) and which support is covered, or well covered."""
    if not c.figures.people:
        return None
    m = c.mode
    warm = [p for p in c.ecomap.people if p.quality is not Quality.STRESSFUL]
    close = sorted(
        (p for p in warm if p.category is Category.INFORMAL_CLOSE),
        key=lambda p: -p.effective_closeness,
    )
    sentences: list[str] = []
    if close:
        key = f"reflection.{m}.strengths.close_{_count(len(close))}"
        sentences.append(c.say(key, names=c.names(close)))
    elif warm:
        supporters = set(c.figures.supporters)
        order = list(Category)
        around = sorted(
            warm,
            key=lambda p: (p.id not in supporters, order.index(p.category), -p.effective_closeness),
        )
        key = f"reflection.{m}.strengths.around_{_count(len(around))}"
        sentences.append(c.say(key, names=c.names(around)))
    else:
        key = f"reflection.{m}.strengths.count_{_count(c.figures.people)}"
        sentences.append(c.say(key, count=c.figures.people))

    covered = c.figures.covered_forms
    if len(covered) == len(SupportForm):
        sentences.append(c.say(f"reflection.{m}.strengths.all_forms", forms=c.forms(covered)))
    elif covered:
        sentences.append(c.say(f"reflection.{m}.strengths.forms", forms=c.forms(covered)))
    well = [f for f in covered if len(c.figures.received_from[f]) >= 2]
    if well and len(well) == len(covered):
        sentences.append(c.say(f"reflection.{m}.strengths.well_covered_all"))
    elif well:
        sentences.append(c.say(f"reflection.{m}.strengths.well_covered", forms=c.forms(well)))
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
            c.say(f"reflection.{m}.empty.think_of"),
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
    """Much rests on one informal helper: appreciate them, and think of who could help them."""
    person = c.one_person
    if person is None:
        return None
    m = c.mode
    sentences = [c.say(f"reflection.{m}.one_person.much", name=person.name)]
    if person.quality is not Quality.STRESSFUL:
        sentences.append(c.say(f"reflection.{m}.one_person.glad", name=person.name))
    sentences.append(c.say(f"reflection.{m}.one_person.share", name=person.name))
    return Paragraph("one_person", tuple(sentences))


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
    """Stressful and mixed ties: named without judging, with an offer to talk."""
    hard, mixed = c.figures.stressful, c.figures.mixed
    if not hard and not mixed:
        return None
    m = c.mode
    sentences: list[str] = []
    if hard:
        sentences.append(c.say(f"reflection.{m}.stressful.hard", names=c.names(c.people(hard))))
        sentences.append(c.say(f"reflection.{m}.stressful.named"))
    if mixed:
        sentences.append(c.say(f"reflection.{m}.stressful.mixed", names=c.names(c.people(mixed))))
        if not hard:
            sentences.append(c.say(f"reflection.{m}.stressful.common"))
    if hard:
        sentences.append(c.say(f"reflection.{m}.stressful.talk"))
    return Paragraph("stressful", tuple(sentences))


def _giving(c: _Context) -> Paragraph | None:
    """The support the parent gives ("halen en brengen") is a strength too."""
    f = c.figures
    if not f.receivers:
        return None
    m = c.mode
    sentences: list[str] = []
    one_way = [i for i in f.receivers if i not in f.mutual]
    if one_way:
        sentences.append(c.say(f"reflection.{m}.giving.helps", names=c.names(c.people(one_way))))
    if f.mutual:
        sentences.append(c.say(f"reflection.{m}.giving.mutual", names=c.names(c.people(f.mutual))))
    given = [form for form in SupportForm if f.given_to[form]]
    sentences.append(c.say(f"reflection.{m}.giving.forms", forms=c.forms(given)))
    sentences.append(c.say(f"reflection.{m}.giving.strength"))
    return Paragraph("giving", tuple(sentences))


def _wishes(c: _Context) -> Paragraph | None:
    """What the parent would like more of; asking for help is a sign of strength."""
    if not c.figures.wishes:
        return None
    m = c.mode
    return Paragraph(
        "wishes",
        (
            c.say(f"reflection.{m}.wishes.wish", forms=c.forms(c.figures.wishes)),
            c.say(f"reflection.{m}.wishes.strength"),
        ),
    )


def _next_steps(c: _Context) -> Paragraph:
    """One or two small steps: for what is wished for first (the parent's wishes lead), then for
    much resting on one person or mostly professional help, then for forms not covered yet. A map
    with none of these gets "stay in touch, bring the map next time"."""
    f = c.figures
    steps: list[str] = [_STEP_FOR_FORM[form] for form in f.wishes]
    if not f.people:
        steps.append("meet_parents")
    if c.one_person is not None:
        steps.append("share_load")
    if c.mostly_professional:
        steps.append("meet_parents")
    steps += [_STEP_FOR_FORM[form] for form in f.uncovered_forms if f.people]
    chosen = list(dict.fromkeys(steps))[:MAX_STEPS]
    m = c.mode
    if not chosen:
        return Paragraph(
            "next_steps",
            (
                c.say(f"reflection.{m}.next_steps.keep"),
                c.say(f"reflection.{m}.next_steps.bring_map"),
            ),
        )
    return Paragraph(
        "next_steps",
        (
            c.say(f"reflection.{m}.next_steps.intro"),
            *(c.say(f"reflection.{m}.next_steps.{step}") for step in chosen),
        ),
    )


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


def reflect(ecomap: EcoMap, lang: Language = "nl", mode: Mode = "nurse") -> Reflection:
    """The reflection on one map, in ``lang``, in the nurse's or the parent's voice."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    context = _Context(ecomap, network_figures(ecomap), lang, mode)
    paragraphs = (rule(context) for rule in _RULES)
    return Reflection(tuple(p for p in paragraphs if p is not None))
