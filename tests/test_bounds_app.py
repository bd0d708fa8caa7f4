"""Every bound in the app (AppTest): at the limit the app says so in plain words from
``questions/`` and keeps what the user already has.

Bounds: a name 80 characters (question box, people editor), a role 120, the consult note 2000,
an upload 10 MB, and 300 people. The app has no field for the family label or "filled in by"
(they only come in through an uploaded map, where the model checks them like any other field).
In the browser ``max_chars`` stops typing at the bound (with a counter); AppTest's ``set_value``
goes around that, which is exactly what a hostile client could do: the model still refuses.
"""

from __future__ import annotations

import re

from apptest_support import APP, run, the_map
from streamlit.testing.v1 import AppTest

from ecomap.files.read import DEFAULT_MAX_BYTES
from ecomap.model import (
    MAX_NAME,
    MAX_NOTE,
    MAX_PEOPLE,
    MAX_ROLE,
    Category,
    EcoMap,
    Person,
    SupportForm,
    Tie,
)
from ecomap.texts.catalog import text

DOSSIER_STEP = 9
PEOPLE_STEP = 7


def family() -> EcoMap:
    people = [
        Person(id="a", name="Oma Ans", role="oma", category=Category.INFORMAL_CLOSE),
        Person(id="b", name="Fatma", role="buurvrouw", category=Category.INFORMAL_DISTANT),
    ]
    ties = [Tie(person_id=p.id, form=SupportForm.PRACTICAL) for p in people]
    return EcoMap(people=people, ties=ties, note="Eerste gesprek.")


def app(ecomap: EcoMap, step: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = ecomap
    at.session_state["step"] = step
    return run(at)


def errors(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.error)


def shown(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("markdown", "info", "error", "success", "warning", "caption"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def too_long(length: int, limit: int) -> str:
    """The sentence the model's refusal becomes (errors.toml), without the "where" part."""
    return text("errors.reason.text_too_long", "nl", count=length, max=limit)


def test_a_name_in_the_question_box_fits_up_to_80_characters() -> None:
    at = app(family(), 1)
    box = at.text_input(key="add-emotional")
    box.set_value("N" * (MAX_NAME + 1))
    at.button(key="add-emotional-go").click()
    run(at)
    assert too_long(MAX_NAME + 1, MAX_NAME) in errors(at)
    assert "N" * (MAX_NAME + 1) not in shown(at), "the refused text is not echoed"
    assert the_map(at) == family(), "the map stays as it was"

    at.text_input(key="add-emotional").set_value("N" * MAX_NAME)
    at.button(key="add-emotional-go").click()
    run(at)
    assert not at.error
    assert the_map(at).people[-1].name == "N" * MAX_NAME


def bound(limit: int) -> str:
    return text("app.bound", "nl", count=limit)


def captions(at: AppTest) -> list[str]:
    return [str(c.value) for c in at.caption]


def test_the_people_editor_stops_names_at_80_and_roles_at_120() -> None:
    at = app(family(), PEOPLE_STEP)
    name, role = at.text_input(key="name-a"), at.text_input(key="role-a")
    assert name.proto.max_chars == MAX_NAME, "the browser stops typing at the bound"
    assert role.proto.max_chars == MAX_ROLE
    assert bound(MAX_NAME) not in captions(at) and bound(MAX_ROLE) not in captions(at)

    role.set_value("r" * MAX_ROLE + "TAIL")  # pasted, or sent by a client that ignores the bound
    run(at)
    assert the_map(at).person("a").role == "r" * MAX_ROLE, "cut at the bound, never refused"
    assert bound(MAX_ROLE) in captions(at), "and the app says the box is full"

    at.text_input(key="name-a").set_value("n" * MAX_NAME + "TAIL")
    run(at)
    assert the_map(at).person("a").name == "n" * MAX_NAME
    assert bound(MAX_NAME) in captions(at)
    assert not at.error
    assert the_map(at).person("b") == family().person("b"), "nobody else changed"
    assert [t.person_id for t in the_map(at).ties] == ["a", "b"], "the support stays"


def test_the_note_stops_at_2000_characters_and_keeps_what_fits() -> None:
    at = app(family(), DOSSIER_STEP)
    note = at.text_area(key="dossier-note")
    assert note.proto.max_chars == MAX_NOTE
    assert bound(MAX_NOTE) not in captions(at)
    typed = "Lang verhaal. " * 150  # 2100 characters, pasted from elsewhere
    note.set_value(typed)
    run(at)
    assert not at.error
    assert the_map(at).note == typed[:MAX_NOTE].strip(), "everything up to the bound is kept"
    assert bound(MAX_NOTE) in captions(at), "the app says the note is full"
    assert the_map(at).people == family().people


def _padded_map(size: int) -> bytes:
    """A valid map file of exactly ``size`` bytes (JSON allows trailing whitespace)."""
    data = family().to_json().encode()
    return data + b" " * (size - len(data))


def test_an_upload_of_10_mb_opens_and_one_byte_more_is_refused_plainly() -> None:
    at = app(EcoMap(), DOSSIER_STEP)
    uploader = at.get("file_uploader")[0]
    # The box lets every file up to the reader's limit through (its MB is 10^6 bytes, or 1024^2
    # on Windows), and any type: the reader decides, in the user's language.
    assert uploader.proto.max_upload_size_mb * 1000**2 > DEFAULT_MAX_BYTES
    assert list(uploader.proto.type) == []
    limit = text("dossier.app.upload_help", "nl", max_mb=10)
    assert "10 MB" in limit and limit in captions(at), "the limit is in view before choosing"

    uploader.set_value(("groot.json", _padded_map(DEFAULT_MAX_BYTES + 1), "application/json"))  # type: ignore[attr-defined]
    run(at)
    assert text("dossier.read.too_big", "nl", max_mb=10) in errors(at)
    assert "Uw kaart is niet veranderd." in shown(at)
    assert the_map(at) == EcoMap(date=the_map(at).date)

    at.get("file_uploader")[0].set_value(  # type: ignore[attr-defined]
        ("precies.json", _padded_map(DEFAULT_MAX_BYTES), "application/json")
    )
    run(at)
    assert not at.error
    assert "Aantal mensen: 2" in shown(at)


def full_map() -> EcoMap:
    people = [
        Person(id=f"q{i}", name=f"Persoon {i}", category=Category.INFORMAL_DISTANT)
        for i in range(MAX_PEOPLE)
    ]
    return EcoMap(people=people, ties=[Tie(person_id="q0", form=SupportForm.EMOTIONAL)])


def test_at_300_people_the_app_says_the_map_is_full_and_keeps_everyone() -> None:
    full = full_map()
    at = app(full, 1)
    at.text_input(key="add-emotional").set_value("Nog iemand")
    at.button(key="add-emotional-go").click()
    run(at)
    message = text("app.add.full", "nl", count=MAX_PEOPLE)
    assert errors(at) == message, "one plain sentence, not a technical one"
    assert the_map(at) == full

    at.pills(key="suggest-emotional").set_value("Oma")  # type: ignore[attr-defined]
    run(at)
    assert errors(at) == message
    assert the_map(at) == full

    # Somebody already on the map can still be ticked for another form of support.
    at.text_input(key="add-emotional").set_value("Persoon 7")
    at.button(key="add-emotional-go").click()
    run(at)
    assert not at.error
    assert len(the_map(at).people) == MAX_PEOPLE
    assert any(t.person_id == "q7" for t in the_map(at).ties)


def test_the_bound_messages_are_plain_and_in_both_languages() -> None:
    for lang in ("nl", "en"):
        for sentence in (
            text("app.add.full", lang, count=MAX_PEOPLE),
            text("app.bound", lang, count=MAX_NOTE),
            text("dossier.read.too_big", lang, max_mb=10),
            too_long(81, 80) if lang == "nl" else "",
        ):
            for part in filter(None, re.split(r"[.!?]\s*", sentence)):
                assert len(part.split()) <= 15, sentence
