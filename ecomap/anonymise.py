"""Roles instead of names, for dossiers that must not hold third parties' names.

A child's dossier is about the child and the parents; the grandmother, the neighbour and the
teacher did not consent to being named in it. The anonymised print therefore calls every person by
their role ("Buurvrouw"), numbered when several share one ("Buurvrouw (2)"). The role comes from
the role field; a part of it that names someone ("vriendin Sanne", "moeder van Daans vriendje") is
cut off ("Vriendin", "Moeder"). Without a role, the role words a name starts with are used ("Oma
Ans" -> "Oma", "Juf Mila" -> "Juf"); without those, the group's word for a person ("Naaste",
"Kennis", "Professional", "Hulpverlener"). Initials are never used: in a small network they still
identify.

Free text (the consult note, the family label, who filled it in, the earlier note) can hold any
name, so an anonymised map leaves it out unless the user confirmed it holds none
(``keep_free_text``).

The same labels go everywhere the print goes (picture, PDF text, embedded JSON, CSV, GraphML), so
an anonymised file holds no name of anyone on the map. ``ecomap.wording`` reads the labels back
into sentences ("de buurvrouw", "een kennis").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ecomap.labels import label
from ecomap.model import MAX_NAME, EcoMap, Language, Person
from ecomap.wording import is_connector, is_role_word

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> set[str]:
    """Words of two letters or more, case-folded: what could give a name away inside a role."""
    return {w for w in _WORD.findall(text.casefold()) if len(w) >= 2}


def _name_words(
    people: Sequence[Person], lang: Language, also_avoid: Iterable[str] = ()
) -> set[str]:
    """Words of names that would identify someone inside a role. Role words ("oma" in the name
    "Oma Ans") say nothing more than the role does."""
    names = [*(p.name for p in people), *also_avoid]
    return {
        w.casefold()
        for name in names
        for w in name.split()
        if not is_role_word(w, lang) and not is_connector(w, lang)
    } | {t for name in names for t in _tokens(name) if not is_role_word(t, lang) and len(t) > 2}


def _role_part(text: str, lang: Language, names: set[str], *, from_name: bool) -> str:
    """The part of ``text`` that is a role, up to the first word that may be a name: a word of a
    name on the map, a capitalised word inside a role, or (``from_name``) any word that is not a
    role word. Leading "mijn"/"de" and trailing small words ("van") are dropped."""
    words = text.split()
    while words and is_connector(words[0], lang) and len(words) > 1:
        words = words[1:]
    kept: list[str] = []
    for i, word in enumerate(words):
        bare = "".join(_WORD.findall(word)).casefold()
        role = is_role_word(word, lang)
        connector = is_connector(word, lang) or word.isdigit()
        if (
            (bare in names or _tokens(word) & names)
            or (from_name and not role and not connector)
            or (i > 0 and word[:1].isupper() and not role and not connector)
        ):
            break
        kept.append(word)
    while kept and is_connector(kept[-1], lang):
        kept.pop()
    if not kept or (not any(is_role_word(w, lang) for w in kept) and from_name):
        return ""
    return " ".join(kept)


def anonymous_names(
    people: Sequence[Person], lang: Language, *, also_avoid: Iterable[str] = ()
) -> dict[str, str]:
    """Person id -> the label printed instead of the name, in the order of ``people``.

    ``also_avoid``: further names that may not appear in a label (people on an earlier map).
    """
    names = _name_words(people, lang, also_avoid)
    bases: dict[str, str] = {}
    for person in people:
        role = " ".join(person.role.split())
        base = _role_part(role, lang, names, from_name=False) if role else ""
        if not base:
            base = _role_part(person.name, lang, names, from_name=True)
        if not base:
            base = label(person.category, lang, "person")
        base = base[:1].upper() + base[1:]
        bases[person.id] = base[: MAX_NAME - 6].rstrip()
    counts = Counter(bases.values())
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for person in people:
        base = bases[person.id]
        if counts[base] > 1:
            seen[base] += 1
            out[person.id] = f"{base} ({seen[base]})"
        else:
            out[person.id] = base
    return out


def display_names(ecomap: EcoMap, lang: Language, *, anonymise: bool) -> dict[str, str]:
    """Person id -> what to print for them: the name, or the anonymous label."""
    if anonymise:
        return anonymous_names(ecomap.people, lang)
    return {p.id: p.name for p in ecomap.people}


def anonymised(ecomap: EcoMap, lang: Language, *, keep_free_text: bool = False) -> EcoMap:
    """A copy of the map with every name replaced by its anonymous label, and roles that gave a
    name away emptied. Ids, groups, ties and wishes are kept as they are; the free text (note,
    family label, who filled it in, the earlier note) only with ``keep_free_text`` (the user
    confirmed it holds no names)."""
    labels = anonymous_names(ecomap.people, lang)
    names = _name_words(ecomap.people, lang)
    people = [
        p.model_copy(
            update={
                "name": labels[p.id],
                "role": p.role
                if _role_part(p.role, lang, names, from_name=False) == " ".join(p.role.split())
                else "",
            }
        )
        for p in ecomap.people
    ]
    update: dict[str, object] = {"people": people}
    if not keep_free_text:
        update |= {"note": "", "family_label": None, "filled_in_by": None, "previous_note": ""}
    return ecomap.model_copy(update=update)


def has_free_text(ecomap: EcoMap) -> bool:
    """Whether the map holds free text that an anonymised print leaves out unless confirmed."""
    return bool(ecomap.note or ecomap.family_label or ecomap.filled_in_by or ecomap.previous_note)


def comparison_names(
    current: Sequence[Person], removed: Sequence[Person], lang: Language
) -> dict[str, str]:
    """Anonymous labels for a comparison: the current people as on the current map, and the
    people no longer on it (whose ids never clash with current ones) labelled among themselves."""
    labels = anonymous_names(current, lang)
    labels.update(anonymous_names(removed, lang, also_avoid=[p.name for p in current]))
    return labels
