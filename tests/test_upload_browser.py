"""Hostile uploads on the print/save step, in a real Chromium (issue 5).

A truncated dossier PDF, binary junk, a map from a newer version, a file over the limit, a file of
another type: each gets one plain sentence in the user's language (never Streamlit's English) and
the map stays exactly as it was (in the draft on the server and in the
table). A valid map whose names are ``<script>`` is read as text: after "replace" the table shows
the names as typed and nothing runs (the ``new_page`` fixture fails on dialogs and on requests to
other hosts). AppTest covers the reader's messages in more cases (``test_dossier_app.py``).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from conftest import table_names, wait_for_app

from ecomap.files.pdf import render_pdf
from ecomap.files.read import DEFAULT_MAX_BYTES
from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.store import open_store
from ecomap.texts.catalog import text

pytestmark = pytest.mark.browser

KEPT = text("dossier.app.kept.nurse", "nl")
PDF_DAMAGED = "dossier.read.damaged_pdf"


def family() -> EcoMap:
    people = [
        Person(id="a", name="Zwaantje Kroes", role="oma", category=Category.INFORMAL_CLOSE),
        Person(id="b", name="Teun Vlieger", role="buurman", category=Category.INFORMAL_DISTANT),
    ]
    return EcoMap(people=people, ties=[Tie(person_id="a", form=SupportForm.PRACTICAL)])


def scripted() -> EcoMap:
    people = [
        Person(id="s1", name="<script>alert(1)</script>", category=Category.INFORMAL_CLOSE),
        Person(
            id="s2",
            name="<img src=x onerror=window.__pwned=1>",
            role="<b>oma</b>",
            category=Category.FORMAL_EVERYDAY,
        ),
    ]
    return EcoMap(people=people, ties=[Tie(person_id="s1", form=SupportForm.EMOTIONAL)])


def newer() -> bytes:
    data = json.loads(family().to_json())
    data["schema_version"] = 99
    return json.dumps(data).encode()


def upload(page: Any, name: str, data: bytes, mime: str) -> None:
    page.locator("input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )
    wait_for_app(page)


def test_bad_files_are_refused_plainly_and_a_script_name_stays_text(
    streamlit_server: Any, new_page: Any
) -> None:
    server = streamlit_server()
    store = open_store(os.environ["ECOMAP_DATABASE_URL"])
    draft = store.create(family())
    page, watch = new_page(width=1280, height=1000)
    page.goto(f"{server.url}/?d={draft.token}")
    wait_for_app(page)
    page.get_by_text(text("privacy.notice.restored", "nl")).wait_for()
    for n in range(2, 10):  # to the result step (9 of 10): the table of who is on the map
        page.get_by_role("button", name="Beginnen" if n == 2 else "Volgende", exact=True).click()
        page.get_by_text(f"Stap {n} van 10").wait_for()
        wait_for_app(page)
    page.get_by_role("heading", name=text("app.result.nurse", "nl")).wait_for()
    assert table_names(page) == ["Zwaantje Kroes", "Teun Vlieger"]
    page.get_by_role("button", name="Volgende", exact=True).click()
    page.get_by_role("heading", name=text("dossier.app.title", "nl")).wait_for()
    wait_for_app(page)

    pdf = render_pdf(family())
    bad = [
        ("afgebroken.pdf", pdf[: len(pdf) // 2], "application/pdf", PDF_DAMAGED),
        ("rommel.json", bytes(range(256)) * 40, "application/json", "dossier.read.not_utf8"),
        ("nieuw.json", newer(), "application/json", "dossier.read.newer_version"),
        ("kapot.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 16, "application/pdf", PDF_DAMAGED),
    ]
    for name, data, mime, message in bad:
        upload(page, name, data, mime)
        page.get_by_text(text(message, "nl", max_mb=10)).wait_for()
        page.get_by_text(KEPT).wait_for()
        assert page.get_by_role("button", name=text("dossier.app.continue", "nl")).count() == 0
        saved = store.load(draft.token)
        assert saved is not None and saved.ecomap == family(), name

    upload(page, "kaart.json", scripted().to_json().encode(), "application/json")
    page.get_by_text("Aantal mensen: 2").wait_for()
    page.get_by_role("button", name=text("dossier.app.continue", "nl")).click()
    wait_for_app(page)
    page.get_by_role("button", name=text("dossier.app.replace_yes", "nl")).click()
    page.get_by_text(re.compile("staat open. U gaat verder op de kaart van vandaag")).wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Terug", exact=True).click()
    page.get_by_role("heading", name=text("app.result.nurse", "nl")).wait_for()
    wait_for_app(page)
    assert table_names(page) == [p.name for p in scripted().people], "names shown as text"
    page.wait_for_timeout(300)  # a broken <img> would have fired by now
    assert page.evaluate("() => window.__pwned ?? null") is None
    assert not watch.dialogs


def _open_dossier_step(page: Any, server: Any, token: str, lang: str) -> None:
    page.goto(f"{server.url}/?d={token}")
    wait_for_app(page)
    page.get_by_text(text("privacy.notice.restored", lang)).wait_for()
    for n in range(2, 11):
        name = text("app.nav.start" if n == 2 else "app.nav.next", lang)
        page.get_by_role("button", name=name, exact=True).click()
        page.get_by_text(text("app.progress", lang, n=n, total=10, name="")).wait_for()
        wait_for_app(page)
    page.get_by_role("heading", name=text("dossier.app.title", lang)).wait_for()


def _after(page: Any, selector: str) -> str:
    """The text CSS puts after an element (``::after``), without its quotes."""
    content = page.locator(selector).first.evaluate(
        "e => getComputedStyle(e, '::after').getPropertyValue('content')"
    )
    return str(content).removeprefix('"').removesuffix('"')


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_refusal_is_in_the_users_language(
    streamlit_server: Any, new_page: Any, lang: str
) -> None:
    """Streamlit's own refusals ("... files are not allowed", "File must be 10.0MB or smaller",
    which counts 10^6-byte megabytes where the reader counts 10 MiB) never show: a file of another
    type or just over the limit reaches the reader, which says why in the user's language; a file
    the browser itself refuses gets our sentence instead of Streamlit's."""
    server = streamlit_server()
    store = open_store(os.environ["ECOMAP_DATABASE_URL"])
    draft = store.create(family().model_copy(update={"language": lang}))
    page, _ = new_page(width=1280, height=1000)
    _open_dossier_step(page, server, draft.token, lang)
    uploader = page.locator("[data-testid='stFileUploader']")
    english = ("not allowed", "must be", "per file", "Error")

    upload(page, "foto.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
    page.get_by_text(text("dossier.read.not_utf8", lang)).wait_for()

    upload(page, "groot.json", b"{" + b" " * DEFAULT_MAX_BYTES, "application/json")
    page.get_by_text(text("dossier.read.too_big", lang, max_mb=10)).wait_for()

    # 10.2 MB: over Streamlit's 10 MB (10^6 bytes each), under the reader's 10 MiB: it opens.
    padded = family().to_json().encode() + b" " * (10_200_000 - len(family().to_json()))
    upload(page, "opgevuld.json", padded, "application/json")
    page.get_by_role("button", name=text("dossier.app.continue", lang)).wait_for()

    # Far over every limit: the browser refuses it before sending it, in our words.
    upload(page, "video.mp4", b"\0" * 13_000_000, "video/mp4")
    refused = "[data-testid='stFileChip'][aria-invalid='true']"
    page.locator(refused).wait_for()
    ours = text("dossier.app.upload_refused", lang, max_mb=10)
    assert _after(page, f"{refused} [role='alert']") == ours
    page.locator(refused).hover()
    tooltip = page.locator("[data-testid='stTooltipErrorContent']")
    tooltip.wait_for(state="attached")  # its own English text is hidden, ours shown after it
    assert _after(page, "[data-testid='stTooltipErrorContent']") == ours
    shown = uploader.inner_text() + tooltip.inner_text()
    assert not [word for word in english if word in shown], shown
    saved = store.load(draft.token)
    assert saved is not None and saved.ecomap.people == family().people
