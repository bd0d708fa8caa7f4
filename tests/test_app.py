"""The questionnaire, driven like a user would (AppTest): start, every question, editing, the end.

AppTest runs the script without a browser: widgets are set and callbacks run, but no JavaScript.
The drawn map and focus are checked in ``test_app_browser.py``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from apptest_support import APP, add, map_shown, run, the_map
from apptest_support import go as go_to
from streamlit.testing.v1 import AppTest

from ecomap.edit import direction_of
from ecomap.model import (
    MAX_PEOPLE,
    Category,
    Direction,
    EcoMap,
    Person,
    Quality,
    SupportForm,
    Tie,
)
from ecomap.texts.labels import label

FORMS = [f.value for f in SupportForm]
R, G, B = Direction.RECEIVES, Direction.GIVES, Direction.BOTH


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def pid(at: AppTest, name: str) -> str:
    return next(p.id for p in the_map(at).people if p.name == name)


def texts(at: AppTest) -> str:
    """Everything readable on the page, as one string."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.label) for e in at.button]
    parts += [str(e.proto.text) for e in at.get("progress")]
    return "\n".join(parts)


def next_step(at: AppTest) -> None:
    at.button(key="next").click()
    run(at)


def tick(at: AppTest, step: str, form: str, *names: str) -> None:
    chips: Any = at.pills(key=f"chips-{step}-{form}")
    for name in names:
        chips = chips.select(pid(at, name))
    run(at)


def unescape(markdown: str) -> str:
    """What a reader sees of Markdown-escaped text."""
    return re.sub(r"\\(.)", r"\1", markdown)


PICTOGRAM = re.compile(r"^!\[\]\(_stcore/bidi-components/ecomap\.map/pictograms/[a-z_]+\.svg\)")
"""The decorative pictogram before a chip's words (``ui.texts.pictured``)."""


def words_of(option: str) -> str:
    """A chip's label without its pictogram: the escaped words the reader sees."""
    return PICTOGRAM.sub("", option, count=1)


def table_names(at: AppTest) -> list[str]:
    """The names in the table as a reader sees them (cells are Markdown, names escaped)."""
    return [unescape(str(i)) for i in at.table[0].value.index]


# ------------------------------------------------------------------ start, language, mode


def test_start_screen_in_dutch_for_the_nurse_consult() -> None:
    at = start()
    page = texts(at)
    assert at.title[0].value == "Wie helpt bij het opvoeden?"
    assert "10 minuten" in page, "how long it takes"
    assert "nergens anders heen" in page, "nothing leaves unless they save or print"
    assert "Stap 1 van 10" in page
    assert at.radio(key="mode-choice").value == "nurse"
    assert at.selectbox(key="lang-choice").value == "nl"
    assert map_shown(at) is None, "no map before anyone is named"


def test_parent_mode_says_je_and_nurse_mode_says_u() -> None:
    at = start()
    at.radio(key="mode-choice").set_value("parent")
    run(at)
    assert "Hier zie je wie jou helpt" in texts(at)
    next_step(at)
    assert at.header[0].value == "Bij wie kun je je verhaal kwijt?"
    go_to(at, 0)
    at.radio(key="mode-choice").set_value("nurse")
    run(at)
    next_step(at)
    assert at.header[0].value == "Bij wie kunt u uw verhaal kwijt?"


def test_switching_language_keeps_the_answers() -> None:
    at = start()
    next_step(at)
    add(at, "emotional", "Oma Ans")
    at.selectbox(key="lang-choice").set_value("en")
    run(at)
    assert at.title[0].value == "Who helps you raise your child?"
    assert at.header[0].value == "Who can you talk to about how things are going?"
    assert [p.name for p in the_map(at).people] == ["Oma Ans"]
    assert the_map(at).language == "en"
    assert table_names(at) == ["Oma Ans"]
    at.selectbox(key="lang-choice").set_value("nl")
    run(at)
    assert at.header[0].value == "Bij wie kunt u uw verhaal kwijt?"
    assert at.pills(key="chips-emotional-emotional").value == [pid(at, "Oma Ans")]


# ------------------------------------------------------------------ the questions


def test_every_question_adds_people_and_a_name_given_twice_stays_one() -> None:
    at = start()
    next_step(at)
    questions = []
    for form in FORMS:
        questions.append(at.header[0].value)
        assert at.markdown, "one short explanation line"
        assert at.pills(key=f"suggest-{form}").options, "typical co-educators as suggestions"
        add(at, form, f"Iemand {form}")
        if form != "emotional":
            tick(at, form, form, "Oma Ans")
        else:
            add(at, form, "Oma Ans")
        next_step(at)
    assert questions == [
        "Bij wie kunt u uw verhaal kwijt?",
        "Wie past weleens op of haalt de kinderen?",
        "Aan wie vraagt u advies over opvoeden?",
        "Wiens manier van opvoeden vindt u een goed voorbeeld?",
    ]
    # Whom do you help? Typing a known name again ticks the same person.
    assert at.header[0].value == "Wie helpt u zelf weleens?"
    add(at, "gives", "  oma ans ")
    assert "stond er al" in texts(at)
    at.segmented_control(key="gives-form").set_value(SupportForm.EMOTIONAL)
    run(at)
    tick(at, "gives", "emotional", "Iemand emotional")
    m = the_map(at)
    assert len(m.people) == 5, [p.name for p in m.people]
    oma = pid(at, "Oma Ans")
    assert {t.form: t.direction for t in m.ties_of(oma)} == {
        SupportForm.EMOTIONAL: R,
        SupportForm.PRACTICAL: B,
        SupportForm.INFORMATIONAL: R,
        SupportForm.NORMATIVE: R,
    }
    assert direction_of(m, pid(at, "Iemand emotional"), SupportForm.EMOTIONAL) == B
    next_step(at)
    # The wish question: which support would you like more of?
    assert at.header[0].value == "Van welke steun zou u graag meer willen?"
    at.pills(key="wishes").select(SupportForm.PRACTICAL)
    run(at)
    assert the_map(at).wishes == [SupportForm.PRACTICAL]
    assert len(table_names(at)) == 5


def test_suggestion_and_untick() -> None:
    at = start()
    next_step(at)
    at.pills(key="suggest-emotional").set_value("Oma")
    run(at)
    assert [p.name for p in the_map(at).people] == ["Oma"]
    assert "Oma" not in at.pills(key="suggest-emotional").options, "a suggestion used is gone"
    at.pills(key="chips-emotional-emotional").unselect(pid(at, "Oma"))
    run(at)
    assert the_map(at).ties == []
    assert [p.name for p in the_map(at).people] == ["Oma"], "unticking keeps the person"


def test_map_and_table_appear_with_the_first_person() -> None:
    at = start()
    next_step(at)
    assert map_shown(at) is None
    add(at, "emotional", "Sam")
    shown = map_shown(at)
    assert shown is not None and [p["lines"] for p in shown["people"]] == [["Sam"]]
    assert shown["touch"], "the live map can be dragged and tapped"
    assert table_names(at) == ["Sam"]


def test_names_typed_into_a_full_ring_reach_the_map_in_a_step_or_two(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """After each run the app lays out ahead for the next name (``ui.map_view.lay_out_ahead``):
    the layout the page waits for costs a step or two, also when the name fills its ring (which
    without it lays out that half of the map anew: 20-75 steps at 30 people). What the map shows
    is exactly a fresh layout."""
    import sys
    from pathlib import Path

    from ecomap.drawing import placement
    from ecomap.drawing.map_data import map_data
    from ui import map_view

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from maps import network

    waited: list[int] = []  # per run: the steps of the layout the page draws
    inside = [False]  # (not those of laying out ahead, after the page)
    step, geometry = placement._Fold.step, map_view.geometry

    def counted(self: placement._Fold, entry: placement._Entry) -> bool:
        if inside[0]:
            waited[-1] += 1
        return bool(step(self, entry))

    def counted_geometry(m: EcoMap) -> placement.Placement:
        waited.append(0)
        inside[0] = True
        try:
            return geometry(m)
        finally:
            inside[0] = False

    monkeypatch.setattr(placement._Fold, "step", counted)
    monkeypatch.setattr(map_view, "geometry", counted_geometry)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = network(30)
    at.session_state["step"] = 1
    run(at)
    for i in range(12):
        waited.clear()
        add(at, "emotional", f"Nieuw {i}")
        if i:  # the first name is longer than any before it
            assert waited and max(waited) <= 3, (i, waited)
    assert "laying out ahead failed" not in caplog.text
    m = the_map(at)
    assert len(m.people) == 42
    assert map_shown(at) == json.loads(json.dumps(map_data(m, "nl", touch=True) | {"large": False}))


def test_after_a_changed_map_the_browser_gets_a_moment_to_draw_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The run waits ``DRAW_MS`` after sending a map that changed, before the rest of the page
    (so the browser shows the map first); not on the page's first map, not when the map stayed
    the same, and never without a browser."""
    from ui import map_view

    browser = [True]
    slept: list[float] = []
    monkeypatch.setattr(map_view, "_browser", lambda: browser[0])
    monkeypatch.setattr(map_view, "_sleep", slept.append)
    at = start()
    next_step(at)
    add(at, "emotional", "Oma Ans")  # the first map of this page
    assert slept == []
    add(at, "emotional", "Opa Kees")
    assert slept == [map_view.DRAW_MS / 1000]
    run(at)  # nothing changed
    assert slept == [map_view.DRAW_MS / 1000]
    add(at, "emotional", "Opa Kees")  # already there, with this support: the same map
    assert slept == [map_view.DRAW_MS / 1000]
    browser[0] = False
    add(at, "emotional", "Tante Mies")
    assert slept == [map_view.DRAW_MS / 1000]


def test_bad_names_are_explained_and_the_map_stays() -> None:
    at = start()
    next_step(at)
    add(at, "emotional", "Sam")
    add(at, "emotional", "x" * 81)
    assert at.error, "an explanation for the long name"
    assert "x" * 81 not in texts(at), "the input is not echoed"
    add(at, "emotional", "   ")
    assert "Typ eerst een naam" in texts(at)
    assert [p.name for p in the_map(at).people] == ["Sam"]


# ------------------------------------------------------------------ about each person


def _with_people(*names: str) -> AppTest:
    at = start()
    next_step(at)
    for name in names:
        add(at, "emotional", name)
    go_to(at, 7)
    assert at.header[0].value == "Over iedereen"
    return at


def test_edit_a_person_everything_else_stays() -> None:
    at = _with_people("Ans", "Bert")
    ans = pid(at, "Ans")
    at.text_input(key=f"role-{ans}").input("juf")
    run(at)
    person = the_map(at).person(ans)
    assert person.role == "juf"
    suggestion = at.button(key=f"use-{ans}")
    assert label(Category.FORMAL_EVERYDAY, "nl", "short") in suggestion.label
    suggestion.click()
    run(at)
    assert the_map(at).person(ans).category == Category.FORMAL_EVERYDAY
    at.radio(key=f"category-{ans}").set_value(Category.INFORMAL_DISTANT)
    at.select_slider(key=f"closeness-{ans}").set_value(5)
    at.segmented_control(key=f"quality-{ans}").set_value(Quality.MIXED)
    at.selectbox(key=f"tie-{ans}-practical").set_value(G)
    run(at)
    at.text_input(key=f"name-{ans}").input("Juf Ans")
    run(at)
    p = the_map(at).person(ans)
    assert (p.name, p.role, p.category, p.closeness, p.quality) == (
        "Juf Ans",
        "juf",
        Category.INFORMAL_DISTANT,
        5,
        Quality.MIXED,
    )
    ties = {t.form: t.direction for t in the_map(at).ties_of(ans)}
    assert ties == {SupportForm.EMOTIONAL: R, SupportForm.PRACTICAL: G}
    assert at.selectbox(key=f"tie-{ans}-practical").value == G
    at.selectbox(key=f"tie-{ans}-emotional").set_value(None)
    run(at)
    assert [t.form for t in the_map(at).ties_of(ans)] == [SupportForm.PRACTICAL]
    assert the_map(at).person(pid(at, "Bert")).name == "Bert"
    assert table_names(at) == ["Juf Ans", "Bert"]


def test_merge_two_entries_of_the_same_person() -> None:
    at = _with_people("Oma", "Oma Ans")
    oma, ans = pid(at, "Oma"), pid(at, "Oma Ans")
    at.selectbox(key=f"tie-{ans}-practical").set_value(R)
    run(at)
    at.selectbox(key=f"merge-{oma}").set_value(ans)
    at.button(key=f"merge-go-{oma}").click()
    run(at)
    m = the_map(at)
    assert [p.name for p in m.people] == ["Oma"]
    assert {t.form for t in m.ties_of(oma)} == {SupportForm.EMOTIONAL, SupportForm.PRACTICAL}
    assert "zijn nu één persoon" in texts(at)


def test_delete_and_undo() -> None:
    at = _with_people("Ans", "Bert")
    bert = pid(at, "Bert")
    at.selectbox(key=f"tie-{bert}-normative").set_value(B)
    run(at)
    at.button(key=f"delete-{bert}").click()
    run(at)
    assert [p.name for p in the_map(at).people] == ["Ans"]
    assert "van de kaart gehaald" in texts(at)
    assert table_names(at) == ["Ans"]
    at.button(key="undo").click()
    run(at)
    m = the_map(at)
    assert [p.name for p in m.people] == ["Ans", "Bert"]
    assert direction_of(m, bert, SupportForm.NORMATIVE) == B
    assert not _has_button(at, "undo"), "nothing left to undo after undo"
    assert table_names(at) == ["Ans", "Bert"]


def _has_button(at: AppTest, key: str) -> bool:
    return any(b.key == key for b in at.button)


# ------------------------------------------------------------------ the end


@pytest.mark.parametrize(("lang", "mode"), [("nl", "nurse"), ("en", "parent")])
def test_the_last_step_shows_map_reflection_and_table(lang: str, mode: str) -> None:
    at = start()
    at.selectbox(key="lang-choice").set_value(lang)
    at.radio(key="mode-choice").set_value(mode)
    run(at)
    next_step(at)
    for name in ("Sam", "Oma Ans", "Lotte"):
        add(at, "emotional", name)
    go_to(at, 8)
    assert map_shown(at) is not None, "the map, large"
    heading = {"nl": "Wat opvalt", "en": "What stands out"}[lang]
    assert heading in [h.value for h in at.subheader]
    from ecomap.texts.reflection import reflect

    expected = reflect(the_map(at), lang, mode)  # type: ignore[arg-type]
    shown = [re.sub(r"\\(.)", r"\1", str(m.value)) for m in at.markdown]
    assert expected.paragraphs
    for paragraph in expected.paragraphs:
        assert paragraph.text in shown
    assert table_names(at) == ["Sam", "Oma Ans", "Lotte"]
    next_step(at)
    heading = {"nl": "Printen en bewaren", "en": "Print and save"}[lang]
    assert at.header[0].value == heading, "after the map: print and save"
    assert not _has_button(at, "next"), "the last step"


def test_a_full_map_says_so_and_keeps_everyone() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = EcoMap(
        people=[
            Person(id=f"q{i}", name=f"N{i}", category=Category.INFORMAL_CLOSE)
            for i in range(MAX_PEOPLE)
        ]
    )
    at.session_state["step"] = 1
    run(at)
    add(at, "emotional", "One more")
    assert str(MAX_PEOPLE) in " ".join(e.value for e in at.error)
    assert len(the_map(at).people) == MAX_PEOPLE


MARKDOWN_TRICKS = [
    "![x](http://198.51.100.7/x.png)",
    "[klik](javascript:alert(1))",
    "**vet** _schuin_ `code`",
    ":red[rood] :material/home:",
    "$x^2$ # kop",
]


def test_hostile_names_show_as_typed_on_every_step() -> None:
    """Names are user text: Markdown or HTML in them is shown, never interpreted (a Markdown image
    would even make the browser fetch from another host)."""
    from xss_payloads import PAYLOADS

    names = [*PAYLOADS, *MARKDOWN_TRICKS]
    people = [
        Person(id=f"x{i}", name=name, category=Category.INFORMAL_CLOSE)
        for i, name in enumerate(names)
    ]
    m = EcoMap(
        people=people, ties=[Tie(person_id=p.id, form=SupportForm.EMOTIONAL) for p in people]
    )
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = m
    at.session_state["step"] = 1
    run(at)

    chips = at.pills(key="chips-emotional-emotional")
    assert all(PICTOGRAM.match(o) for o in chips.options), "each chip has its group's picture"
    shown = [words_of(o) for o in chips.options]
    assert [unescape(o) for o in shown] == [p.name for p in people]
    special = re.compile(r"(?<!\\)[\[\]()*_`<>!:$#]")
    assert not [o for o in shown if special.search(o)], "Markdown characters are escaped"
    go_to(at, 7)
    go_to(at, 8)
    assert table_names(at) == [p.name for p in people]
