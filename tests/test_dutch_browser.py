"""One voice, one language (issue 11.7), in a real Chromium: every step of the Dutch interface,
in nurse and in parent mode, is read the way a parent and a screen reader get it (the visible
text and the accessible names), and no English interface word may be among them. Parent mode
says "je" everywhere, nurse mode "u". The map's own frame is left out (it speaks for itself).
Also on a 375 px phone: the table fits (no column cut off)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser

ENGLISH = [
    "Upload",
    "Browse",
    "Drag and drop",
    "per file",
    "files are not allowed",
    "or smaller",
    "Clear value",
    "Clear all",
    "Open",
    "Close",
    "Choose an option",
    "Help for",
    "Skip to main content",
    "Link to heading",
    "progress",
    "Press Enter",
    "Remove",
    "Running",
    "No results",
    "Selected values",
    "Deploy",
    "Main menu",
]
ENGLISH_WORDS = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in ENGLISH))

_VISIBLE_TEXT = """() => {
  const out = [];
  const walk = (node) => {
    if (node.nodeType === 3) {
      const el = node.parentElement;
      if (!el || el.closest("iframe, script, style, [data-testid='stIconMaterial']")) return;
      const r = el.getBoundingClientRect();
      const css = getComputedStyle(el);
      if (r.width && r.height && css.visibility !== "hidden" && css.display !== "none")
        out.push(node.nodeValue);
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(document.querySelector("[data-testid='stApp']"));
  return out.join(" ");
}"""


def _read(page: Any) -> str:
    """What a parent sees and what a screen reader says, as one text."""
    wait_for_app(page)
    page.wait_for_timeout(300)  # the translating script runs after Streamlit draws
    seen = page.evaluate(_VISIBLE_TEXT)
    heard = page.locator("body").aria_snapshot()
    heard = "\n".join(line for line in heard.splitlines() if "/url:" not in line)
    return f"{seen}\n{heard}"


def _next(page: Any) -> None:
    step = page.get_by_text(re.compile(r"^Stap \d+ van")).inner_text()
    page.get_by_role("button", name=re.compile("^(Beginnen|Volgende)$")).click()
    page.wait_for_function(
        "(s) => !document.body.innerText.includes(s)", arg=step.split(":")[0] + ":"
    )
    wait_for_app(page)


def _walk(page: Any) -> dict[str, str]:
    """Every step, with something on it: a person, the person's details open, a bad upload."""
    texts: dict[str, str] = {"start": _read(page)}
    _next(page)
    box = page.get_by_label("Naam", exact=True)
    box.click()
    box.press_sequentially("Jeroen")
    box.press("Enter")
    page.get_by_text(re.compile("In welke groep hoort Jeroen")).wait_for()
    texts["question"] = _read(page)
    for name in ("practical", "informational", "normative", "gives", "wishes"):
        _next(page)
        texts[name] = _read(page)
    _next(page)
    page.locator("[data-testid='stExpander'] summary").first.click()
    page.locator("input[aria-label='Rol']:visible").wait_for()
    texts["people"] = _read(page)
    _next(page)
    texts["result"] = _read(page)
    _next(page)
    page.get_by_text("Meer bestanden").click()
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "kapot.json", "mimeType": "application/json", "buffer": b"{kapot"}]
    )
    page.get_by_text("Dit is geen kaart van ecomap").or_(page.get_by_text("klopt iets niet")).or_(
        page.get_by_text("geen geldig")
    ).first.wait_for()
    texts["dossier"] = _read(page)
    return texts


@pytest.mark.parametrize("mode", ["nurse", "parent"])
def test_every_step_is_dutch_in_one_voice(streamlit_server: Any, new_page: Any, mode: str) -> None:
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    page.goto(server.url)
    wait_for_app(page)
    if mode == "parent":
        page.get_by_text("Zelf thuis", exact=True).click()
        wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "nl"
    for step, words in _walk(page).items():
        english = ENGLISH_WORDS.findall(words)
        assert not english, f"{step}: English interface words {english}"
        if mode == "parent":
            formal = re.findall(r"\b(u|uw|U|Uw)\b", words)
            assert not formal, f"{step}: parent mode says 'u': {formal}"
        else:
            informal = re.findall(r"\b(je|jij|jouw|Je|Jij|Jouw)\b", words)
            assert not informal, f"{step}: nurse mode says 'je': {informal}"


def test_on_a_phone_the_table_fits(streamlit_server: Any, new_page: Any) -> None:
    server = streamlit_server()
    page, _ = new_page(width=375, height=812)
    page.goto(server.url)
    wait_for_app(page)
    _next(page)
    box = page.get_by_label("Naam", exact=True)
    for name in ("Jeugdverpleegkundige Annemarie", "Consultatiebureau De Regenboog"):
        box.click()
        box.press_sequentially(name)
        box.press("Enter")
        page.get_by_role("button", name=name).wait_for()
        wait_for_app(page)
    table = page.locator("[data-testid='stTable'] table").first
    table.wait_for()
    fits = page.evaluate(
        """() => {
          const t = document.querySelector("[data-testid='stTable'] table");
          const box = t.getBoundingClientRect();
          const cells = [...t.querySelectorAll("th, td")].map(c => c.getBoundingClientRect());
          return box.right <= window.innerWidth && cells.every(c => c.right <= box.right + 1)
            && t.scrollWidth <= t.parentElement.clientWidth + 1;
        }"""
    )
    assert fits, "a table column is cut off on a 375 px phone"
