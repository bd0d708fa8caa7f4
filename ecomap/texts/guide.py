"""The nurse's conversation guide: for each thing that stands out, one or two open questions.

In a consult of 10-20 minutes the map shows what stands out; the guide helps the nurse turn it
into a conversation in the spirit of OOK in Balans: strengths first, the parent leads (open
questions, no advice), asking for help is a sign of strength, never judging. It is for the nurse
only (nurse mode), so every question speaks to the parent as "u"; it is printed only when the
nurse chooses so.

The topics follow the reflection's facts (``ecomap.texts.reflection.findings``), in this order:
what goes well (or, on an empty map, who helped lately), the wishes, each form no warm contact
gives yet, much resting on one person, mostly professional help, a hard contact, a contact that is
sometimes hard, and a parent who gives much more than they get. The words live in
``questions/<lang>/guide.toml`` by topic id.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecomap.model import EcoMap, Language, SupportForm
from ecomap.texts.catalog import text, upper_first, words
from ecomap.texts.reflection import findings, join_forms
from ecomap.texts.wording import Called, call, join_called


@dataclass(frozen=True)
class Topic:
    """One thing that stands out, and the open questions for it."""

    kind: str
    """A stable key: ``strengths``, ``empty``, ``wishes``, ``gap.<form>``, ``one_person``,
    ``own_circle``, ``stressful``, ``mixed``, ``gives_much``."""
    lead: str
    """What stands out, in a few words, for the nurse."""
    questions: tuple[str, ...]
    """One or two open questions to the parent."""


@dataclass(frozen=True)
class _Guide:
    ecomap: EcoMap
    lang: Language
    anonymous: bool

    def who(self, ids: list[str]) -> Called:
        people = [self.ecomap.person(i) for i in ids]
        return join_called(
            [call(p.name, self.lang, "nurse", anonymous=self.anonymous) for p in people], self.lang
        )

    def topic(self, kind: str, asks: str = "ask", **values: object) -> Topic:
        """The topic ``kind``: its lead and its questions (the list ``asks``), filled in."""
        filled = {k: str(v) for k, v in values.items()}
        questions = words(f"guide.{kind}.{asks}", self.lang)
        return Topic(
            kind,
            upper_first(text(f"guide.{kind}.lead", self.lang, **filled), self.lang),
            tuple(upper_first(q.format(**filled), self.lang) for q in questions),
        )


def conversation_guide(
    ecomap: EcoMap, lang: Language = "nl", *, anonymous: bool = False
) -> tuple[Topic, ...]:
    """The guide for ``ecomap``: topics in the order above, each with its questions.

    ``anonymous``: the names are ``ecomap.texts.anonymise`` labels, read as roles
    ("de buurvrouw")."""
    facts = findings(ecomap)
    figures = facts.figures
    g = _Guide(ecomap, lang, anonymous)
    found: list[Topic] = []
    if not figures.people:
        found.append(g.topic("empty"))
    elif facts.top is not None:
        found.append(g.topic("strengths", name=g.who([facts.top.id])))
    else:
        found.append(g.topic("strengths_any"))
    if ecomap.wishes:
        found.append(g.topic("wishes", forms=join_forms(ecomap.wishes, lang, "wish_form")))
    if figures.people:
        age = ecomap.child_age.value if ecomap.child_age else "any"
        what = text(f"reflection.practical_what.{age}", lang)
        for form in SupportForm:
            if form not in facts.warm_covered and form not in ecomap.wishes:
                found.append(g.topic(f"gap.{form.value}", what=what))
    if facts.one_person is not None:
        helper = g.who([facts.one_person.id])
        number = "many" if helper.plural else "one"
        found.append(g.topic("one_person", f"ask_{number}", name=helper))
    if facts.mostly_professional:
        found.append(g.topic("own_circle"))
    if figures.stressful:
        found.append(g.topic("stressful", names=g.who(list(figures.stressful))))
    if figures.mixed:
        found.append(g.topic("mixed", names=g.who(list(figures.mixed))))
    if facts.gives_much:
        found.append(g.topic("gives_much"))
    return tuple(found)
