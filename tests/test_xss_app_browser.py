"""Hostile names and roles IN THE APP, in a real Chromium: every payload of ``xss_payloads.py``
plus sentinels is a person's name (and another one is their role), and the test walks every step
of the questionnaire: chips, people editor, table, the map (drawn on a canvas in the page),
reflection, and the comparison on the print/save step.

Nothing may run: no dialog (``alert``), no request to another host (both checked by the
``new_page`` fixture), ``window.__pwned`` stays unset and the page title stays the app's, in the
page and in every frame. And every name is shown as typed, as text.

The map reaches the app as a draft (50+ names by typing would take minutes): it is stored with
the server's own store and opened with the draft link ``?d=<token>``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from conftest import map_labels, table_names, wait_for_app
from xss_payloads import PAYLOADS

from ecomap.drawing.fonts import drawable
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.store import open_store
from ecomap.texts.catalog import text
from ecomap.texts.changes import compare, describe

pytestmark = pytest.mark.browser

SENTINELS = [
    "<img src=x onerror=\"document.title='pwned'\">",
    "<svg onload=window.__pwned=2>",
    "<img src=x onerror=parent.__pwned=3>",
    '"><script>top.__pwned=4;document.title="pwned"</script>',
    "<iframe srcdoc='<script>parent.__pwned=5</script>'>",
]
"""Payloads that leave a trace instead of a dialog: a flag on the window or a new title."""

TITLE = text("app.title", "nl")
CHIPS = text("app.chips.label", "nl")


def hostile_map() -> EcoMap:
    names = [*PAYLOADS, *SENTINELS]
    categories, qualities, forms = list(Category), list(Quality), list(SupportForm)
    people = [
        Person(
            id=f"x{i}",
            name=name,
            role=names[(i + 7) % len(names)],
            category=categories[i % 4],
            closeness=1 + i % 5,
            quality=qualities[i % 3],
        )
        for i, name in enumerate(names)
    ]
    ties = [
        Tie(
            person_id=p.id,
            form=forms[i % 4],
            direction=[Direction.RECEIVES, Direction.GIVES, Direction.BOTH][i % 3],
        )
        for i, p in enumerate(people)
    ]
    return EcoMap(people=people, ties=ties, wishes=[SupportForm.PRACTICAL], note="<b>x</b>")


def squeeze(s: str) -> str:
    """Text without any whitespace: the map wraps long names, the table trims them."""
    return "".join(s.split())


def nothing_ran(page: Any, watch: Any, where: str) -> None:
    """The checks after every screen: no dialog, no foreign request, no flag, the same title."""
    wait_for_app(page)
    page.wait_for_timeout(300)  # give any broken <img> time to fire its onerror
    assert not watch.dialogs, f"{where}: a dialog opened: {watch.dialogs[:3]}"
    assert not watch.foreign, f"{where}: requests to other hosts: {watch.foreign[:3]}"
    assert page.title() == TITLE, where
    for frame in page.frames:
        flag, title = frame.evaluate("() => [window.__pwned ?? null, document.title]")
        assert flag is None, f"{where}: a payload ran in {frame.url}"
        assert "pwned" not in title, f"{where}: a payload ran in {frame.url}"


def chip_names(page: Any) -> list[str]:
    chips = page.get_by_role("toolbar", name=CHIPS).get_by_role("button")
    return [str(c) for c in chips.all_inner_texts()]


def table_column(page: Any, index: int) -> list[str]:
    rows = page.locator(f"[data-testid='stTable'] tbody tr td:nth-child({index + 2})")
    return [str(c) for c in rows.all_inner_texts()]


def next_step(page: Any, heading: str) -> None:
    page.get_by_role("button", name="Volgende", exact=True).click()
    page.get_by_role("heading", name=heading).first.wait_for()
    wait_for_app(page)


def test_hostile_names_and_roles_run_nothing_on_any_screen(
    streamlit_server: Any, new_page: Any
) -> None:
    m = hostile_map()
    names = [p.name for p in m.people]  # as the model keeps them (bidi marks dropped)
    roles = [p.role for p in m.people]
    assert len(PAYLOADS) >= 30 and len(set(names)) == len(names)

    server = streamlit_server()
    draft = open_store(os.environ["ECOMAP_DATABASE_URL"]).create(m)
    page, watch = new_page(width=1400, height=1000)
    page.goto(f"{server.url}/?d={draft.token}")
    wait_for_app(page)
    page.get_by_text(text("privacy.notice.restored", "nl")).wait_for()
    nothing_ran(page, watch, "start")

    page.get_by_role("button", name="Beginnen", exact=True).click()
    page.get_by_role("heading", name=text("app.q.emotional.nurse", "nl")).wait_for()
    wait_for_app(page)
    assert chip_names(page) == names, "chips show every name as typed"
    assert [squeeze(x) for x in map_labels(page)] == [squeeze(drawable(n)) for n in names]
    assert [x.strip() for x in table_names(page)] == [n.strip() for n in names]
    nothing_ran(page, watch, "first question")

    for heading in (
        text("app.q.practical.nurse", "nl"),
        text("app.q.informational.nurse", "nl"),
        text("app.q.normative.nurse", "nl"),
        text("app.q.gives.nurse", "nl"),
    ):
        next_step(page, heading)
        assert chip_names(page) == names, heading
        nothing_ran(page, watch, heading)
    next_step(page, text("app.wishes.nurse", "nl"))
    nothing_ran(page, watch, "wishes")

    next_step(page, text("app.step.people", "nl"))
    summaries = page.locator("[data-testid='stExpander'] summary").all_inner_texts()
    titles = [s.split("\n")[-1].rsplit(" · ", 1)[0] for s in summaries]  # after the icon
    assert titles == names, "expander titles"
    for index in (2, len(names) - 1):  # <img onerror> and a sentinel: open their editors
        page.locator("[data-testid='stExpander'] summary").nth(index).click()
        editor = page.locator("[data-testid='stExpander']").nth(index)
        assert editor.get_by_label(text("app.people.name", "nl")).input_value() == names[index]
        assert editor.get_by_label(text("app.people.role", "nl")).input_value() == roles[index]
        nothing_ran(page, watch, f"people editor {index}")

    next_step(page, text("app.result.nurse", "nl"))
    assert [squeeze(x) for x in map_labels(page)] == [squeeze(drawable(n)) for n in names]
    assert [x.strip() for x in table_names(page)] == [n.strip() for n in names]
    assert [x.strip() for x in table_column(page, 0)] == [r.strip() for r in roles]
    reflection = page.locator("[data-testid='stMarkdown']").all_inner_texts()
    assert any(n in " ".join(reflection) for n in names), "the reflection names people, as text"
    nothing_ran(page, watch, "result")

    next_step(page, text("dossier.app.title", "nl"))
    earlier = m.model_copy(update={"people": m.people[5:], "ties": m.ties[5:]})
    page.locator("input[type='file']").set_input_files(
        files=[
            {
                "name": "eerder.json",
                "mimeType": "application/json",
                "buffer": earlier.to_json().encode(),
            }
        ]
    )
    page.get_by_role("button", name=text("dossier.app.compare", "nl")).click()
    page.get_by_role("heading", name=text("dossier.app.comparing", "nl")).wait_for()
    wait_for_app(page)
    shown = squeeze(page.locator("[data-testid='stMain']").inner_text())
    for sentence in describe(compare(earlier, m), "nl", "nurse"):
        assert squeeze(sentence) in shown, "comparison sentences show names as text"
    nothing_ran(page, watch, "dossier comparison")

    # The checks can fail: an inline handler added by the page itself does run here.
    control = "<img src=x onerror=window.__c=1>"
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", control)
    page.wait_for_function("() => window.__c === 1")
    assert page.evaluate("() => window.__pwned ?? null") is None
