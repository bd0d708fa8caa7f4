"""Drafts in the app (AppTest): a reload brings the answers back, a stranger gets nothing,
"delete everything now" removes the row, "keep nothing" stores nothing, a failing database costs
no answers. Every test has its own SQLite file, named by ``ECOMAP_DATABASE_URL``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apptest_support import APP, run, the_map
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from ecomap.model import Category, Direction, EcoMap, Person, SupportForm, Tie
from ecomap.store import new_token
from ecomap.texts.catalog import text as catalog_text


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'drafts.db'}"
    monkeypatch.setenv("ECOMAP_DATABASE_URL", url)
    monkeypatch.delenv("ECOMAP_RETENTION_DAYS", raising=False)
    return url


def rows(url: str) -> list[tuple[str, str]]:
    """(token, data) of every stored draft, read from the database directly."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(text("SELECT token, data FROM drafts"))]
    finally:
        engine.dispose()


def browser(token: str | None = None) -> AppTest:
    """A new browser tab: a fresh session, optionally opened with the draft link."""
    at = AppTest.from_file(APP, default_timeout=60)
    if token is not None:
        at.query_params["d"] = token
    return run(at)


def token_of(at: AppTest) -> str:
    token = at.query_params.get("d")
    assert isinstance(token, str), f"no draft token in the URL: {at.query_params}"
    return token


def family(*names: str) -> EcoMap:
    people = [
        Person(id=f"p{i}", name=n, category=Category.INFORMAL_CLOSE) for i, n in enumerate(names)
    ]
    ties = [Tie(person_id=p.id, form=SupportForm.PRACTICAL) for p in people]
    return EcoMap(people=people, ties=ties, wishes=[SupportForm.EMOTIONAL], note="Een notitie")


def enter(at: AppTest, ecomap: EcoMap) -> AppTest:
    """Stand-in for answering questions: the app's commit point puts the map in the session."""
    at.session_state["map"] = ecomap
    return run(at)


def shown(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("markdown", "subheader", "info", "error", "success", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_start_screen_says_what_is_kept_where_and_how_long(db_url: str) -> None:
    at = browser()
    page = shown(at)
    assert "Wat we bewaren" in page
    assert "7 dagen" in page and "server" in page
    assert at.toggle(key="draft-off-choice").value is False
    assert rows(db_url) == []  # only looking leaves nothing behind
    assert "d" not in at.query_params

    at.session_state["lang"] = "en"
    at.session_state["mode"] = "parent"
    page = shown(run(at))
    assert "What we keep" in page and "7 days" in page


def test_a_reload_brings_back_exactly_what_was_entered(db_url: str) -> None:
    at = browser()
    entered = family("Oma Truus", "Buurman Kees")
    enter(at, entered)
    token = token_of(at)
    assert len(token) == 32
    [(stored_token, data)] = rows(db_url)
    assert stored_token == token and EcoMap.from_json(data) == entered

    reloaded = browser(token)  # reload / reconnect / restarted server: a new session
    assert the_map(reloaded) == entered
    assert "Welkom terug" in shown(reloaded)
    assert token_of(reloaded) == token

    changed = entered.model_copy(update={"note": "Later aangevuld"})
    enter(reloaded, changed)
    assert token_of(reloaded) == token
    assert len(rows(db_url)) == 1
    assert the_map(browser(token)) == changed


def test_another_browser_without_the_token_gets_nothing(db_url: str) -> None:
    first = browser()
    enter(first, family("Oma Truus"))
    token = token_of(first)

    stranger = browser()
    assert the_map(stranger).people == []
    other = browser(new_token())  # a made-up link
    assert the_map(other).people == []
    assert "Oma Truus" not in shown(other)
    assert "d" not in other.query_params
    hostile = browser("' OR 1=1 --")
    assert the_map(hostile).people == []
    assert "d" not in hostile.query_params
    assert the_map(browser(token)).people[0].name == "Oma Truus"


def test_two_sessions_at_once_keep_their_own_people(db_url: str) -> None:
    a, b = browser(), browser()
    enter(a, family("Anna van A"))
    enter(b, family("Bert van B"))
    assert token_of(a) != token_of(b)
    enter(a, family("Anna van A", "Aad van A"))
    assert [p.name for p in the_map(browser(token_of(b))).people] == ["Bert van B"]
    assert [p.name for p in the_map(browser(token_of(a))).people] == ["Anna van A", "Aad van A"]


def test_delete_now_removes_the_row_and_starts_fresh(db_url: str) -> None:
    at = browser()
    enter(at, family("Oma Truus"))
    token = token_of(at)
    assert len(rows(db_url)) == 1

    at.button(key="draft-delete").click()
    run(at)
    assert rows(db_url) and "Weet u het zeker?" in shown(at), "it asks first"
    at.button(key="draft-delete-yes").click()
    run(at)
    assert rows(db_url) == []
    assert the_map(at).people == []
    assert at.session_state["history"] == []
    assert "d" not in at.query_params
    assert "gewist" in shown(at)
    assert the_map(browser(token)).people == []  # the old link leads nowhere

    enter(at, family("Nieuwe start"))  # work goes on in a new draft
    assert token_of(at) != token
    assert [EcoMap.from_json(d).people[0].name for _, d in rows(db_url)] == ["Nieuwe start"]


def test_keep_nothing_stores_nothing(db_url: str) -> None:
    at = browser()
    enter(at, family("Oma Truus"))
    assert len(rows(db_url)) == 1

    at.toggle(key="draft-off-choice").set_value(True)
    run(at)
    assert rows(db_url) == []  # choosing "keep nothing" also removes what was kept
    assert "d" not in at.query_params
    assert the_map(at).people[0].name == "Oma Truus"  # the session keeps the answers
    assert "We bewaren niets" in shown(at)

    enter(at, family("Oma Truus", "Opa Piet"))
    assert rows(db_url) == []
    assert "d" not in at.query_params


def test_an_expired_link_says_so_kindly(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = browser()
    enter(at, family("Oma Truus"))
    token = token_of(at)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE drafts SET updated_at = '2000-01-01 00:00:00'"))
    engine.dispose()

    later = browser(token)
    assert the_map(later).people == []
    assert "niet meer" in shown(later)
    assert "d" not in later.query_params


def test_a_failing_database_keeps_the_answers(
    db_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from ui import drafts

    at = browser()
    enter(at, family("Oma Truus"))
    store = drafts.store()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("database went away: Oma Truus")

    save: Callable[..., Any] = store.save
    monkeypatch.setattr(store, "save", broken)
    entered = family("Oma Truus", "Opa Piet")
    enter(at, entered)
    assert the_map(at) == entered
    assert "Opslaan lukt even niet" in shown(at)
    run(at)
    assert the_map(at) == entered
    assert "Opslaan lukt even niet" not in shown(at)  # said once, not on every click
    assert "Oma Truus" not in caplog.text and "Opa Piet" not in caplog.text

    monkeypatch.setattr(store, "save", save)
    run(at)  # the database is back: the next run saves what the session kept
    assert EcoMap.from_json(rows(db_url)[0][1]) == entered


def test_a_crash_while_drawing_still_keeps_the_draft(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.steps

    at = browser()
    enter(at, family("Oma Truus"))
    token = token_of(at)

    def crash() -> None:
        raise RuntimeError("a bug somewhere in the page")

    entered = family("Oma Truus", "Opa Piet")
    with monkeypatch.context() as patch:
        patch.setattr(ui.steps, "page", crash)
        at.session_state["map"] = entered
        at.run()
        assert catalog_text("app.error.nurse", "nl") in [
            e.value for e in at.error
        ]  # a calm message ...
        assert not at.exception  # ... instead of Streamlit's English traceback box ...
    assert the_map(browser(token)) == entered  # ... and what was entered is kept


def test_the_privacy_words_are_plain_dutch() -> None:
    """B1: short sentences, everyday words; "u" with the nurse, "je" for a parent alone."""
    import textstat

    from ecomap.texts.catalog import entries

    textstat.set_lang("nl")  # global in textstat; its default language tries to download
    texts: dict[str, str] = {}
    for key, entry in entries("nl").items():
        if key.startswith("privacy."):  # a count's forms are each a sentence of their own
            forms = entry if isinstance(entry, dict) else {"": entry}
            texts |= {f"{key}.{form}".rstrip("."): str(value) for form, value in forms.items()}
    assert texts
    for key, value in texts.items():
        filled = value.format(
            period="7 dagen", days=7, count=7, what="Oma Ans", link="deze link", seconds=60
        )
        sentences = [x for x in re.split(r"[.!?]+\s*", filled) if x.strip()]
        assert sum(len(x.split()) for x in sentences) / len(sentences) <= 15, key
        assert textstat.flesch_reading_ease(filled) >= 65, key
    assert re.search(r"\bu\b", texts["privacy.kept.nurse"])
    assert not re.search(r"\bje\b", texts["privacy.kept.nurse"])
    assert re.search(r"\bje\b", texts["privacy.kept.parent"])
    assert not re.search(r"\bu\b", texts["privacy.kept.parent"])


# --------------------------------------------------------------------------- a real browser

CHIPS = "Al genoemd: tik aan wie hier ook bij hoort"


def _begin(page: Any) -> None:
    from conftest import wait_for_app

    page.get_by_role("button", name="Beginnen", exact=True).click()
    page.get_by_role("heading", name="Bij wie kunt u uw verhaal kwijt?").wait_for()
    wait_for_app(page)


def _chip(page: Any, name: str) -> Any:
    return page.get_by_role("toolbar", name=CHIPS).get_by_role("button", name=name, exact=True)


@pytest.mark.browser
def test_in_a_browser_restart_and_reload_bring_the_answers_back(
    streamlit_server: Any, new_page: Any
) -> None:
    from conftest import wait_for_app

    server = streamlit_server()
    page, _ = new_page()
    page.goto(server.url)
    wait_for_app(page)
    _begin(page)
    box = page.get_by_label("Naam", exact=True)
    box.click()
    box.press_sequentially("Oma Ans")
    box.press("Enter")
    _chip(page, "Oma Ans").wait_for()
    wait_for_app(page)
    page.wait_for_url(re.compile(r".*\?d=[A-Za-z0-9_-]{32}(&|$)"))
    link = page.url

    server.stop()  # the server restarts over lunch; the page reconnects by itself
    server.start()
    wait_for_app(page, timeout=60_000)
    # The reconnected page starts a run in a new server session by itself (the check for other
    # windows' changes runs every few seconds); that run finds the draft through the link.
    page.get_by_text("Welkom terug").wait_for()
    wait_for_app(page)
    assert page.url == link

    page.reload()  # the nurse presses F5
    wait_for_app(page)
    page.get_by_text("Welkom terug").wait_for()
    # back at the same step (issue 11.4), not at the start screen
    page.get_by_role("heading", name="Bij wie kunt u uw verhaal kwijt?").wait_for()
    _chip(page, "Oma Ans").wait_for()

    stranger, _ = new_page()  # another browser, without the link
    stranger.goto(server.url)
    wait_for_app(stranger)
    _begin(stranger)
    assert stranger.get_by_text("Oma Ans").count() == 0
    assert "d=" not in stranger.url

    page.get_by_role("button", name="Terug", exact=True).click()
    wait_for_app(page)
    page.get_by_role("button", name="Nu alles wissen", exact=True).click()
    page.get_by_role("button", name="Ja, alles wissen", exact=True).click()
    page.get_by_text("Alles is gewist").wait_for()
    wait_for_app(page)
    assert "d=" not in page.url
    page.goto(link)  # the old link leads nowhere now, and says it was deleted on purpose
    wait_for_app(page)
    page.get_by_text(catalog_text("privacy.notice.deleted", "nl")).wait_for()
    assert page.get_by_text("Oma Ans").count() == 0


@pytest.mark.browser
def test_in_a_browser_an_idle_window_shows_what_the_other_window_added(
    streamlit_server: Any, new_page: Any
) -> None:
    """Nobody touches the second window: its watching fragment looks every
    ``CHECK_EVERY_SECONDS`` and brings the name typed in the first window onto its map."""
    from conftest import wait_for_app

    from ui.drafts import CHECK_EVERY_SECONDS

    server = streamlit_server()
    one, _ = new_page()
    one.goto(server.url)
    wait_for_app(one)
    _begin(one)
    box = one.get_by_label("Naam", exact=True)
    box.fill("Oma Ans")
    box.press("Enter")
    _chip(one, "Oma Ans").wait_for()
    wait_for_app(one)
    one.wait_for_url(re.compile(r".*\?d=[A-Za-z0-9_-]{32}(&|$)"))

    two, _ = new_page()
    two.goto(one.url)
    wait_for_app(two)
    _chip(two, "Oma Ans").wait_for()
    box.fill("Buurman Kees")
    box.press("Enter")
    _chip(one, "Buurman Kees").wait_for()
    wait_for_app(one)
    # No click, no key in the second window: only its own check can bring Kees in.
    _chip(two, "Buurman Kees").wait_for(timeout=(3 * CHECK_EVERY_SECONDS + 10) * 1000)


# --------------------------------------------------------------------------- two windows


def with_person(m: EcoMap, name: str) -> EcoMap:
    from ecomap.edit import add_person, add_support

    m, pid = add_person(m, name)
    return add_support(m, pid, SupportForm.EMOTIONAL, Direction.RECEIVES)


def renamed(m: EcoMap, old: str, new: str) -> EcoMap:
    from ecomap.edit import find_person, rename

    found = find_person(m, old)
    assert found is not None
    return rename(m, found.id, new)


def names(m: EcoMap) -> list[str]:
    return [p.name for p in m.people]


def two_windows(db_url: str) -> tuple[str, AppTest, AppTest]:
    first = browser()
    enter(first, family("Oma Truus", "Buurman Kees"))
    token = token_of(first)
    return token, browser(token), browser(token)


def test_two_windows_on_one_draft_lose_no_work(db_url: str) -> None:
    """The issue's reproduction: "Alfa" in one window, then "Bravo" in the other; reload."""
    token, one, two = two_windows(db_url)
    enter(one, with_person(the_map(one), "Alfa"))
    enter(two, with_person(the_map(two), "Bravo"))
    assert names(the_map(browser(token))) == ["Oma Truus", "Buurman Kees", "Bravo", "Alfa"]
    assert names(the_map(two)) == ["Oma Truus", "Buurman Kees", "Bravo", "Alfa"]
    assert catalog_text("privacy.notice.merged", "nl") in shown(two)
    run(one)  # the first window's next run brings Bravo in too
    assert set(names(the_map(one))) == {"Oma Truus", "Buurman Kees", "Alfa", "Bravo"}
    assert len(rows(db_url)) == 1


def test_an_idle_window_learns_what_the_other_window_did(db_url: str) -> None:
    _, one, two = two_windows(db_url)
    enter(one, with_person(renamed(the_map(one), "Buurman Kees", "Buurman Kees Jansen"), "Alfa"))
    run(two)  # any rerun (a click, or the check every few seconds) looks for changes
    assert names(the_map(two)) == ["Oma Truus", "Buurman Kees Jansen", "Alfa"]
    assert catalog_text("privacy.notice.merged", "nl") in shown(two)
    run(two)
    assert catalog_text("privacy.notice.merged", "nl") not in shown(two), "said once"


def test_undo_after_a_merge_takes_back_only_this_windows_own_step(db_url: str) -> None:
    """A person deleted here, then Alfa added in the other window: undo brings the person back
    and keeps Alfa (the undo history gets the other window's changes too)."""
    token, one, two = two_windows(db_url)
    two.session_state["step"] = 7  # "About everyone"
    run(two)
    kees = next(p.id for p in the_map(two).people if p.name == "Buurman Kees")
    two.button(key=f"delete-{kees}").click()
    run(two)
    assert names(the_map(two)) == ["Oma Truus"]
    enter(one, with_person(the_map(one), "Alfa"))
    run(two)
    assert names(the_map(two)) == ["Oma Truus", "Alfa"]
    two.button(key="undo").click()
    run(two)
    assert set(names(the_map(two))) == {"Oma Truus", "Buurman Kees", "Alfa"}
    run(two)
    assert set(names(the_map(browser(token)))) == {"Oma Truus", "Buurman Kees", "Alfa"}


def test_a_collision_is_told_in_both_windows_and_both_versions_stay_reachable(
    db_url: str,
) -> None:
    """Both windows rename Oma differently: the first save holds, the other window's whole
    version is kept as a draft of its own, and both windows show its link."""
    token, one, two = two_windows(db_url)
    enter(one, renamed(the_map(one), "Oma Truus", "Oma Truus de Vries"))
    enter(two, with_person(renamed(the_map(two), "Oma Truus", "Oma Ans"), "Bravo"))
    assert names(the_map(two)) == ["Oma Truus de Vries", "Buurman Kees", "Bravo"]
    told = shown(two)
    assert "Oma Truus de Vries" in told and "apart bewaard" in told
    copies = sorted({t for t in re.findall(r"\?d=([A-Za-z0-9_-]{32})", told) if t != token})
    assert len(copies) == 1
    assert names(the_map(browser(copies[0]))) == ["Oma Ans", "Buurman Kees", "Bravo"]
    assert names(the_map(browser(token))) == ["Oma Truus de Vries", "Buurman Kees", "Bravo"]

    run(one)  # the other window is told too, with the same link
    assert f"?d={copies[0]}" in shown(one)
    assert "apart bewaard" in shown(one)

    one.session_state["step"] = 0
    run(one)
    one.button(key="draft-delete").click()  # "delete everything now" deletes the copy too
    run(one)
    one.button(key="draft-delete-yes").click()
    run(one)
    assert rows(db_url) == []


def test_delete_now_in_one_window_clears_the_other_and_brings_nothing_back(db_url: str) -> None:
    """The issue's reproduction: after "delete everything now" in one window, adding a person in
    the other made a new draft with every deleted name."""
    token, one, two = two_windows(db_url)
    one.session_state["step"] = 0
    run(one)
    one.button(key="draft-delete").click()
    run(one)
    one.button(key="draft-delete-yes").click()
    run(one)
    assert rows(db_url) == []
    enter(two, with_person(the_map(two), "Nieuwe naam"))
    assert rows(db_url) == [], "no new draft with the deleted names"
    assert the_map(two).people == []
    assert "d" not in two.query_params
    assert catalog_text("privacy.notice.deleted_elsewhere", "nl") in shown(two)
    reopened = browser(token)
    assert the_map(reopened).people == []
    assert catalog_text("privacy.notice.deleted", "nl") in shown(reopened)


def test_an_idle_window_is_cleared_when_the_draft_is_deleted_elsewhere(db_url: str) -> None:
    _, one, two = two_windows(db_url)
    one.toggle(key="draft-off-choice").set_value(True)  # "keep nothing" deletes it too
    run(one)
    run(two)
    assert the_map(two).people == []
    assert catalog_text("privacy.notice.deleted_elsewhere", "nl") in shown(two)
    assert names(the_map(one)) == ["Oma Truus", "Buurman Kees"], "this window keeps its answers"
    assert rows(db_url) == []


def _type(page: Any, name: str) -> None:
    from conftest import wait_for_app

    box = page.get_by_label("Naam", exact=True)
    box.click()
    box.press_sequentially(name)
    box.press("Enter")
    _chip(page, name).wait_for()
    wait_for_app(page)


@pytest.mark.browser
def test_in_a_browser_two_tabs_on_one_draft_share_their_work_and_its_deletion(
    streamlit_server: Any, new_page: Any, db_url: str
) -> None:
    """Alfa in one tab, Bravo in the other: each tab shows the other's name within seconds, a
    reload shows both, and "delete everything now" in one tab empties the other."""
    from conftest import wait_for_app

    server = streamlit_server({"ECOMAP_DATABASE_URL": db_url})
    one, _ = new_page()
    one.goto(server.url)
    wait_for_app(one)
    _begin(one)
    _type(one, "Oma Ans")
    one.wait_for_url(re.compile(r".*\?d=[A-Za-z0-9_-]{32}(&|$)"))
    link = one.url
    two, _ = new_page()
    two.goto(link)
    wait_for_app(two)
    two.get_by_text("Welkom terug").wait_for()
    two.get_by_role("heading", name="Bij wie kunt u uw verhaal kwijt?").wait_for()  # its step
    wait_for_app(two)

    _type(one, "Alfa")
    _chip(two, "Alfa").wait_for()  # the idle tab looks every few seconds
    two.get_by_text(catalog_text("privacy.notice.merged", "nl")).wait_for()
    _type(two, "Bravo")
    _chip(one, "Bravo").wait_for()

    one.reload()
    wait_for_app(one)
    one.get_by_role("heading", name="Bij wie kunt u uw verhaal kwijt?").wait_for()
    for name in ("Oma Ans", "Alfa", "Bravo"):
        _chip(one, name).wait_for()

    two.get_by_role("button", name="Terug", exact=True).click()
    wait_for_app(two)
    two.get_by_role("button", name="Nu alles wissen", exact=True).click()
    two.get_by_role("button", name="Ja, alles wissen", exact=True).click()
    two.get_by_text("Alles is gewist").wait_for()
    one.get_by_text(catalog_text("privacy.notice.deleted_elsewhere", "nl")).wait_for()
    wait_for_app(one)
    assert one.get_by_text("Oma Ans").count() == 0
    assert "d=" not in one.url
    assert rows(db_url) == []


def test_the_note_box_shows_a_note_changed_in_the_other_window(db_url: str) -> None:
    """The note box is filled from the map once; a note changed in the other window shows."""
    _, one, two = two_windows(db_url)
    two.session_state["step"] = 9  # "Print and save", with the note box
    run(two)
    assert two.text_area(key="dossier-note").value == "Een notitie"
    enter(one, the_map(one).model_copy(update={"note": "Volgende keer: slapen."}))
    run(two)
    assert two.text_area(key="dossier-note").value == "Volgende keer: slapen."
    assert the_map(two).note == "Volgende keer: slapen."


def test_a_person_the_other_window_deleted_leaves_no_stale_choice(db_url: str) -> None:
    """Window two has "merge Oma with Buurman Kees" chosen; window one deletes Buurman Kees.
    Window two's page still works and the choice is empty, not pointing at nobody (Streamlit
    resets a choice whose options changed; the merge must not leave anything that breaks that)."""
    from ecomap.edit import delete_person

    _, one, two = two_windows(db_url)
    enter(one, with_person(the_map(one), "Alfa"))
    two.session_state["step"] = 7  # "About everyone"
    run(two)
    ids = {p.name: p.id for p in the_map(two).people}
    two.selectbox(key=f"merge-{ids['Oma Truus']}").set_value(ids["Buurman Kees"])
    run(two)
    enter(one, delete_person(the_map(one), ids["Buurman Kees"]))
    run(two)
    assert names(the_map(two)) == ["Oma Truus", "Alfa"]
    assert two.selectbox(key=f"merge-{ids['Oma Truus']}").value is None
