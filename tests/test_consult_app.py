"""Issue 11 in the app, driven as a nurse and parent would (AppTest): the child's age shapes the
questions, a name without a role word gets its group where it was typed, suggestions never add
"Grandma" next to "Oma", nothing is wiped by one click, a reload comes back where it was, an
earlier map opens from the start screen in at most three actions, a parent who names nobody sees
the warm reflection, and the print step puts the dossier PDF first."""

from __future__ import annotations

import datetime as dt
import re
from html import escape as html_escape

from apptest_support import APP, add, go, run, the_map
from families import FAMILIES
from streamlit.testing.v1 import AppTest

from ecomap.files.pdf import render_pdf
from ecomap.model import Category, ChildAge, EcoMap, Person, SupportForm, Tie
from ecomap.texts.catalog import text
from ecomap.texts.labels import label
from ecomap.texts.reflection import reflect


def start(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return run(at)


def shown(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.value) for e in at.warning]
    parts += [str(e.label) for e in at.button]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def buttons(at: AppTest) -> list[str]:
    return [str(b.key) for b in at.button]


def test_the_age_of_the_youngest_child_shapes_the_question() -> None:
    at = start()
    at.pills(key="child-age").set_value(ChildAge.BABY)
    run(at)
    assert the_map(at).child_age is ChildAge.BABY
    go(at, 2)
    assert at.header[0].value == "Wie past weleens op of helpt u in huis?"
    assert "Kraamzorg" in at.pills(key="suggest-practical").options
    go(at, 0)
    at.pills(key="child-age").set_value(ChildAge.TEEN)
    run(at)
    go(at, 2)
    assert at.header[0].value == "Wie helpt weleens, bijvoorbeeld met rijden of een klusje?"
    go(at, 0)
    at.pills(key="child-age").set_value(None)  # left open: the question for any age
    run(at)
    go(at, 2)
    assert at.header[0].value == "Wie past weleens op of haalt de kinderen?"


def test_a_name_without_a_role_word_gets_its_group_where_it_was_typed() -> None:
    at = start()
    go(at, 1)
    add(at, "emotional", "Jeroen")
    jeroen = the_map(at).people[0]
    assert jeroen.category is Category.INFORMAL_CLOSE  # the first guess
    prompt = at.pills(key=f"group-emotional-{jeroen.id}")
    assert prompt.label == "In welke groep hoort Jeroen?"
    prompt.set_value(Category.FORMAL_YOUTHCARE)
    run(at)
    assert the_map(at).person(jeroen.id).category is Category.FORMAL_YOUTHCARE
    add(at, "emotional", "Oma Ans")  # a role word in the name: no question
    assert not [p for p in at.get("pills") if str(p.key).startswith("group-")]


def test_after_switching_language_a_suggestion_never_adds_a_second_person() -> None:
    at = start()
    go(at, 1)
    at.pills(key="suggest-emotional").set_value(1)  # "Oma"
    run(at)
    assert [p.name for p in the_map(at).people] == ["Oma"]
    at.selectbox(key="lang-choice").set_value("en")
    run(at)
    go(at, 2)  # practical: "Grandma" is the same suggestion as "Oma", so it is not offered
    words = at.pills(key="suggest-practical").options
    assert "Grandma" not in words and "Grandpa" in words
    go(at, 1)
    assert "Grandma" not in at.pills(key="suggest-emotional").options
    assert [p.name for p in the_map(at).people] == ["Oma"]


def test_delete_everything_asks_first_and_can_be_undone() -> None:
    at = start()
    go(at, 1)
    add(at, "emotional", "Oma Ans")
    go(at, 0)
    keys = buttons(at)
    assert keys.index("next") < keys.index("draft-delete"), "not the first button on the screen"
    at.button(key="draft-delete").click()
    run(at)
    assert "Weet u het zeker?" in shown(at)
    assert [p.name for p in the_map(at).people] == ["Oma Ans"], "nothing wiped by one click"
    at.button(key="draft-delete-no").click()
    run(at)
    assert [p.name for p in the_map(at).people] == ["Oma Ans"]
    at.button(key="draft-delete").click()
    run(at)
    at.button(key="draft-delete-yes").click()
    run(at)
    assert the_map(at).people == []
    assert "60 seconden terugzetten" in shown(at)
    at.button(key="draft-delete-undo").click()
    run(at)
    assert [p.name for p in the_map(at).people] == ["Oma Ans"]
    assert "De antwoorden staan er weer" in shown(at)


def test_a_reload_comes_back_at_the_same_step_mode_and_language() -> None:
    at = start()
    at.radio(key="mode-choice").set_value("parent")
    run(at)
    go(at, 1)
    add(at, "emotional", "Oma Ans")
    go(at, 3)
    params = dict(at.query_params)
    assert params["step"] == "3" and params["mode"] == "parent"
    again = start(**{k: str(v) for k, v in params.items()})  # a reload: a new session, same URL
    assert again.session_state["step"] == 3
    assert again.session_state["mode"] == "parent"
    assert again.header[0].value == "Aan wie vraag je advies over opvoeden?"
    assert [p.name for p in the_map(again).people] == ["Oma Ans"]
    at.selectbox(key="lang-choice").set_value("en")
    run(at)
    english = start(**{k: str(v) for k, v in dict(at.query_params).items()})
    assert english.session_state["lang"] == "en"
    assert english.header[0].value == "Whom do you ask for advice about raising your child?"
    hostile = start(step="99", mode="robot", lang="xx")
    assert (hostile.session_state["step"], hostile.session_state["mode"]) == (0, "nurse")


def earlier() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        people=[Person(id="b", name="Oma Ans", category=Category.INFORMAL_CLOSE)],
        ties=[Tie(person_id="b", form=SupportForm.PRACTICAL)],
        note="Eerste gesprek.",
    )


def test_an_earlier_map_opens_from_the_start_screen_in_at_most_three_actions() -> None:
    at = start()
    actions = 0
    at.get("file_uploader")[0].set_value(("kaart.pdf", render_pdf(earlier()), "application/pdf"))  # type: ignore[attr-defined]
    run(at)
    actions += 1
    at.button(key="start-continue").click()
    run(at)
    actions += 1
    assert actions <= 3
    m = the_map(at)
    assert [p.name for p in m.people] == ["Oma Ans"]
    assert m.date == dt.date.today() and m.previous_date == dt.date(2026, 3, 3)
    assert (m.note, m.previous_note) == ("", "Eerste gesprek.")
    assert "De kaart van 3 maart 2026 staat open." in shown(at)
    go(at, 8)  # the result step offers the comparison right away
    assert "Wat is er veranderd?" in shown(at)
    assert "We vergelijken deze kaart met die van 3 maart 2026." in shown(at)


def test_with_answers_on_screen_opening_an_earlier_map_asks_first() -> None:
    at = start()
    go(at, 1)
    add(at, "emotional", "Sam")
    go(at, 0)
    at.get("file_uploader")[0].set_value(
        ("k.json", earlier().to_json().encode(), "application/json")
    )  # type: ignore[attr-defined]
    run(at)
    at.button(key="start-continue").click()
    run(at)
    assert "Weet u het zeker?" in shown(at)
    at.button(key="start-replace-yes").click()  # the third action
    run(at)
    assert [p.name for p in the_map(at).people] == ["Oma Ans"]


def test_a_parent_who_names_nobody_sees_the_warm_text_and_the_wishes() -> None:
    for mode in ("nurse", "parent"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["map"] = FAMILIES["nobody_named"]()
        at.session_state["mode"] = mode
        at.session_state["step"] = 8
        run(at)
        page = shown(at)
        for paragraph in reflect(FAMILIES["nobody_named"](), "nl", mode).paragraphs:  # type: ignore[arg-type]
            assert paragraph.text in page
        assert "Er staat nog niemand op de kaart. Ga terug en noem iemand." not in page
        assert "een luisterend oor en praktische hulp krijgen" in page


def test_the_print_step_puts_the_dossier_pdf_first_and_folds_the_rest() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = FAMILIES["large_network"]()
    at.session_state["step"] = 9
    run(at)
    downloads = at.get("download_button")
    assert downloads[0].proto.label == "PDF voor het dossier"  # type: ignore[attr-defined]
    more = at.expander[-1] if at.expander else None
    assert more is not None and more.label == "Meer bestanden"
    inside = {b.proto.label for b in more.get("download_button")}  # type: ignore[attr-defined]
    assert {"Kaart als bestand (JSON)", "Netwerk voor onderzoek (GraphML)"} <= inside
    assert "PDF voor het dossier" not in inside


def test_anonymised_print_asks_before_it_keeps_the_note() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = FAMILIES["large_network"]().model_copy(
        update={"note": "Oma Ans en Lisa helpen veel"}
    )
    at.session_state["step"] = 9
    run(at)
    assert not [c for c in at.checkbox if c.key == "dossier-keep-text"]
    at.checkbox(key="dossier-anonymise").check()
    run(at)
    assert at.checkbox(key="dossier-keep-text").value is False


def test_the_table_says_who_gives_and_who_receives_as_the_pdf_does() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = FAMILIES["newcomer_baby"]()
    at.session_state["step"] = 8
    run(at)
    columns = list(at.table[0].value.columns)
    assert "Het gezin krijgt" in columns and "Het gezin geeft" in columns


def test_the_group_choice_uses_the_maps_words_and_says_who_belongs_there() -> None:
    """The editor's groups are called as on the map, the table and the person's title
    ("Buurt en kennissen", not a second name "Wat verder weg, uit eigen kring"), each with
    examples under it, whole (a select box cut long words off)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["map"] = FAMILIES["newcomer_baby"]()
    at.session_state["step"] = 7
    run(at)
    choice = at.radio(key="category-cb")
    assert choice.options == [label(c, "nl", "short") for c in Category]
    assert list(choice.proto.captions) == [label(c, "nl", "explain") for c in Category]
    assert "Buren, andere ouders, collega's." in choice.proto.captions


def test_the_parents_own_language_shows_beside_the_nurses() -> None:
    """Issue 12.3: the nurse reads Dutch, the parent English; the question and the reflection
    show in both, and the English block says its language."""
    at = run(AppTest.from_file(APP, default_timeout=30))
    at.selectbox(key="also-choice").set_value("en")
    run(at)
    assert at.session_state["also_lang"] == "en"
    go(at, 1)
    add(at, "emotional", "Oma Ans")
    html = [str(h.proto.body) for h in at.get("html")]
    english = [h for h in html if 'lang="en"' in h]
    assert english, "no block in the parent's language"
    assert html_escape(text("app.q.emotional.nurse", "en")) in english[0]
    assert at.header[0].value == text("app.q.emotional.nurse", "nl")
    go(at, 8)  # the result
    blocks = [str(h.proto.body) for h in at.get("html") if 'lang="en"' in str(h.proto.body)]
    assert blocks and html_escape(text("app.result.reflection", "en")) in blocks[0]
    assert "Oma Ans" in blocks[0]
    assert text("app.result.reflection", "nl") in [s.value for s in at.subheader]


def test_an_arabic_block_runs_right_to_left_and_a_parent_alone_sees_one_language() -> None:
    at = run(AppTest.from_file(APP, default_timeout=30))
    at.selectbox(key="also-choice").set_value("ar")
    run(at)
    go(at, 1)
    blocks = [str(h.proto.body) for h in at.get("html") if 'lang="ar"' in str(h.proto.body)]
    assert blocks and 'dir="rtl"' in blocks[0]
    at.session_state["mode"] = "parent"
    run(at)
    assert not [h for h in at.get("html") if 'lang="ar"' in str(h.proto.body)]


def test_a_name_with_html_in_the_second_language_stays_text() -> None:
    at = run(AppTest.from_file(APP, default_timeout=30))
    at.selectbox(key="also-choice").set_value("en")
    run(at)
    go(at, 1)
    add(at, "emotional", "<img src=x onerror=alert(1)>")
    go(at, 8)
    blocks = [str(h.proto.body) for h in at.get("html") if 'lang="en"' in str(h.proto.body)]
    assert blocks and "<img" not in blocks[0] and "&lt;img src=x" in blocks[0]
