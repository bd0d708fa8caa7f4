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

from ecomap.catalog import text as catalog_text
from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.store import new_token


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

    from ecomap.catalog import entries

    textstat.set_lang("nl")  # global in textstat; its default language tries to download
    texts = {k: v for k, v in entries("nl").items() if k.startswith("privacy.")}
    assert texts
    for key, value in texts.items():
        assert isinstance(value, str)
        filled = value.format(period="7 dagen", days=7)
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
    page.wait_for_url(re.compile(r".*\?d=[A-Za-z0-9_-]{32}$"))
    link = page.url

    server.stop()  # the server restarts over lunch; the page reconnects by itself
    server.start()
    wait_for_app(page, timeout=60_000)
    # The reconnected page shows the old screen until the next action starts a run in a new
    # server session; that run finds the draft through the link.
    page.get_by_role("button", name="Volgende", exact=True).click()
    page.get_by_text("Welkom terug").wait_for()
    wait_for_app(page)
    assert page.url == link

    page.reload()  # the nurse presses F5
    wait_for_app(page)
    page.get_by_text("Welkom terug").wait_for()
    _begin(page)
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
    page.get_by_text("Alles is gewist").wait_for()
    wait_for_app(page)
    assert "d=" not in page.url
    page.goto(link)  # the old link leads nowhere now
    wait_for_app(page)
    page.get_by_text("Dit concept is er niet meer").wait_for()
    assert page.get_by_text("Oma Ans").count() == 0
