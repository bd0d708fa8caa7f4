"""Roles instead of names, for dossiers that must not hold third parties' names.

A child's dossier is about the child and the parents; the grandmother, the neighbour and the
teacher did not consent to being named in it. The anonymised print therefore calls every person by
their role ("Buurvrouw"), numbered when several share one ("Buurvrouw (2)"). The role comes from
the role field; a part of it that names someone ("vriendin Sanne", "moeder van Daans vriendje") is
cut off ("Vriendin", "Moeder"). Without a role, the role words a name starts with are used ("Oma
Ans" -> "Oma", "Juf Mila" -> "Juf"); without those, the group's word for a person ("Naaste",
"Kennis", "Professional", "Hulpverlener"). Initials are never used: in a small network they still
identify.

Free text (the consult note, the family label, who filled it in, the earlier note, the notes of
earlier versions) can hold any name, so an anonymised map leaves it out unless the user confirmed
it holds none (``keep_free_text``).

A map carries the family's earlier versions (``EcoMap.history``): they are anonymised too, the
same person with the same label in every version (``version_names``), so an anonymised PDF can be
continued at the next consult and still hold its history, and no name.

The same labels go everywhere the print goes (picture, PDF text, embedded JSON, CSV, GraphML), so
an anonymised file holds no name of anyone on the map. ``ecomap.texts.wording`` reads the labels
back into sentences ("de buurvrouw", "een kennis").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ecomap.model import MAX_NAME, EcoMap, Language, Person
from ecomap.texts.catalog import upper_first
from ecomap.texts.changes import normalised_name
from ecomap.texts.labels import label
from ecomap.texts.wording import is_connector, is_role_word

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


def _bases(people: Sequence[Person], lang: Language, names: set[str]) -> dict[str, str]:
    """Person id -> the label before numbering: the role part, else the role words of the name,
    else the group's word for a person."""
    bases: dict[str, str] = {}
    for person in people:
        role = " ".join(person.role.split())
        base = _role_part(role, lang, names, from_name=False) if role else ""
        if not base:
            base = _role_part(person.name, lang, names, from_name=True)
        if not base:
            base = label(person.category, lang, "person")
        base = upper_first(base, lang)
        bases[person.id] = base[: MAX_NAME - 6].rstrip()
    return bases


def _numbered(
    people: Sequence[Person], bases: dict[str, str], taken: Counter[str] | None = None
) -> dict[str, str]:
    """Person id -> base, numbered in the order of ``people`` when several share one. ``taken``:
    how many labels with each base are already given elsewhere (the numbering goes on after
    them: with one "Oma" on the map, an earlier oma is "Oma (2)")."""
    before = taken or Counter()
    counts = Counter(bases.values())
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for person in people:
        base = bases[person.id]
        if counts[base] + before[base] > 1:
            seen[base] += 1
            out[person.id] = f"{base} ({before[base] + seen[base]})"
        else:
            out[person.id] = base
    return out


def anonymous_names(
    people: Sequence[Person], lang: Language, *, also_avoid: Iterable[str] = ()
) -> dict[str, str]:
    """Person id -> the label printed instead of the name, in the order of ``people``.

    ``also_avoid``: further names that may not appear in a label (people on an earlier map).
    """
    return _numbered(people, _bases(people, lang, _name_words(people, lang, also_avoid)))


def _history_names(ecomap: EcoMap) -> list[str]:
    return [p.name for version in ecomap.history for p in version.people]


def version_names(ecomap: EcoMap, lang: Language) -> list[dict[str, str]]:
    """Per earlier version (oldest first): person id -> the label printed instead of the name.

    The same person has the same label in every version and on the current map: a person is
    followed back from the current map by id (a continued map keeps its ids), else by a name
    that is unique in that version (someone deleted and typed in again). Someone on earlier
    maps only gets one label for all of them, from their latest appearance, numbered after the
    labels of the current map ("Oma (2)" when "Oma" is on it). No label holds a word of any name
    in any version.
    """
    all_names = _history_names(ecomap)
    current = anonymous_names(ecomap.people, lang, also_avoid=all_names)
    key_of_id: dict[str, str] = {p.id: p.id for p in ecomap.people}
    key_of_name: dict[str, str] = {}
    for person in ecomap.people:
        key_of_name.setdefault(normalised_name(person.name), person.id)
    gone: dict[str, Person] = {}  # key -> the person as they last appeared
    keys: list[dict[str, str]] = []  # per version (newest first while walking): id -> key
    for index, version in reversed(list(enumerate(ecomap.history))):
        counts = Counter(normalised_name(p.name) for p in version.people)
        # Ids first, so that a name never takes the key of someone this version has by id.
        version_keys = {p.id: key_of_id[p.id] for p in version.people if p.id in key_of_id}
        used = set(version_keys.values())
        for person in version.people:
            if person.id in version_keys:
                continue
            name = normalised_name(person.name)
            key = key_of_name.get(name) if counts[name] == 1 else None
            if key is None or key in used:
                fresh = person.id not in gone and person.id not in current
                key = person.id if fresh else f"{person.id}@{index}"
                gone[key] = person.model_copy(update={"id": key})
            used.add(key)
            version_keys[person.id] = key
            key_of_id[person.id] = key
        for person in version.people:
            name = normalised_name(person.name)
            if counts[name] == 1:
                key_of_name.setdefault(name, version_keys[person.id])
        keys.append(version_keys)
    names = _name_words([*ecomap.people, *gone.values()], lang, all_names)
    earlier = list(gone.values())
    taken = Counter(
        _bases(ecomap.people, lang, _name_words(ecomap.people, lang, all_names)).values()
    )
    labels = current | _numbered(earlier, _bases(earlier, lang, names), taken)
    return [{pid: labels[key] for pid, key in version_keys.items()} for version_keys in keys[::-1]]


def display_names(ecomap: EcoMap, lang: Language, *, anonymise: bool) -> dict[str, str]:
    """Person id -> what to print for them: the name, or the anonymous label (which holds no
    word of a name on an earlier version either)."""
    if anonymise:
        return anonymous_names(ecomap.people, lang, also_avoid=_history_names(ecomap))
    return {p.id: p.name for p in ecomap.people}


def _unnamed(
    people: Sequence[Person], labels: dict[str, str], names: set[str], lang: Language
) -> list[Person]:
    """``people`` called by their labels, with a role that gave a name away emptied."""
    return [
        p.model_copy(
            update={
                "name": labels[p.id],
                "role": p.role
                if _role_part(p.role, lang, names, from_name=False) == " ".join(p.role.split())
                else "",
            }
        )
        for p in people
    ]


def anonymised(ecomap: EcoMap, lang: Language, *, keep_free_text: bool = False) -> EcoMap:
    """A copy of the map with every name replaced by its anonymous label, and roles that gave a
    name away emptied, on the current map and in every earlier version alike (the same person
    the same label: ``version_names``). Ids, groups, ties, wishes and dates are kept as they are;
    the free text (note, family label, who filled it in, the earlier note, the notes of the
    earlier versions) only with ``keep_free_text`` (the user confirmed it holds no names)."""
    all_names = _history_names(ecomap)
    labels = anonymous_names(ecomap.people, lang, also_avoid=all_names)
    everyone = [*ecomap.people, *(p for v in ecomap.history for p in v.people)]
    names = _name_words(everyone, lang)
    history = [
        version.model_copy(
            update={"people": _unnamed(version.people, version_labels, names, lang)}
            | ({} if keep_free_text else {"note": ""})
        )
        for version, version_labels in zip(ecomap.history, version_names(ecomap, lang), strict=True)
    ]
    update: dict[str, object] = {
        "people": _unnamed(ecomap.people, labels, names, lang),
        "history": history,
    }
    if not keep_free_text:
        update |= {"note": "", "family_label": None, "filled_in_by": None, "previous_note": ""}
    return ecomap.model_copy(update=update)


def has_free_text(ecomap: EcoMap) -> bool:
    """Whether the map holds free text that an anonymised print leaves out unless confirmed."""
    return bool(
        ecomap.note
        or ecomap.family_label
        or ecomap.filled_in_by
        or ecomap.previous_note
        or any(version.note for version in ecomap.history)
    )


def comparison_names(
    current: Sequence[Person], removed: Sequence[Person], lang: Language
) -> dict[str, str]:
    """Anonymous labels for a comparison: the current people as on the current map, and the
    people no longer on it (whose ids never clash with current ones) labelled among themselves."""
    labels = anonymous_names(current, lang)
    labels.update(anonymous_names(removed, lang, also_avoid=[p.name for p in current]))
    return labels
