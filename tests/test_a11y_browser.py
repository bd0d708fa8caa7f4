"""Accessibility in a real Chromium, in Dutch and in English (issue 12.6): every step of the
questionnaire is checked with axe-core against the WCAG 2.0/2.1/2.2 A and AA rules (no serious
or critical violation), walked from the start screen to the downloaded PDF with the keyboard only,
and measured for touch targets (at least 24 x 24 CSS px, WCAG 2.5.8) and 200 % zoom (no sideways
scrolling, the headings and the name field in view).

axe-core comes bundled with ``axe-playwright-python`` (``axe.min.js``): it is put into the page
as a script, so the check asks no other host (the ``new_page`` fixture would fail the test).
The map is in the page's own DOM (no iframe), so axe checks it with everything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import MAP_DRAWN, map_view, wait_for_app

from ecomap.model import Language
from ecomap.texts.catalog import text

pytestmark = pytest.mark.browser

AUDITED: tuple[Language, ...] = ("nl", "en", "ar")
"""Dutch and English, and Arabic for the page that runs right to left."""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")


@dataclass(frozen=True)
class Words:
    """What a user reads on the screen, in one language (from ``questions/<lang>``)."""

    lang: str
    step: str
    forward: str
    name: str
    role: str
    more_files: str
    pdf: str


def words_of(lang: Language) -> Words:
    """The words from the catalog, so every language can be walked the same way."""
    step = re.escape(text("app.progress", lang, n="{n}", total="{total}", name="{name}"))
    step = step.split(re.escape("{name}"))[0].replace(re.escape("{n}"), r"\d+")
    step = step.split(re.escape("{total}"))[0]
    forward = "|".join(re.escape(text(f"app.nav.{k}", lang)) for k in ("start", "next"))
    return Words(
        lang,
        f"^{step}",
        f"^({forward})$",
        text("app.add.label", lang),
        text("app.people.role", lang),
        text("dossier.app.more_files", lang),
        text("dossier.app.download.pdf", lang),
    )


WORDS = {lang: words_of(lang) for lang in AUDITED}
PEOPLE = ("Jeroen", "Oma Ans")


def _open(page: Any, url: str, lang: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    wait_for_app(page)
    # The page says its language (the chrome script sets it once Streamlit has drawn).
    page.wait_for_function("(l) => document.documentElement.lang === l", arg=lang, timeout=5_000)


def _settle(page: Any) -> None:
    wait_for_app(page)
    page.wait_for_timeout(300)  # the chrome script and the map draw after Streamlit


def _next(page: Any, words: Words) -> None:
    step = page.get_by_text(re.compile(words.step)).inner_text()
    page.get_by_role("button", name=re.compile(words.forward)).click()
    page.wait_for_function(
        "(s) => !document.body.innerText.includes(s)", arg=step.split(":")[0] + ":"
    )
    _settle(page)


def _walk(page: Any, words: Words, check: Callable[[str], None]) -> None:
    """Every step, with something on it: two people on the map, a person's details open; calls
    ``check(step)`` on each."""
    check("start")
    _next(page, words)
    box = page.get_by_label(words.name, exact=True)
    for name in PEOPLE:
        box.click()
        box.press_sequentially(name)
        box.press("Enter")
        # The chip for the name (in Arabic the name stands between Unicode isolates).
        chip = re.compile(f"^\u2068?{re.escape(name)}\u2069?$")
        page.get_by_role("button", name=chip).first.wait_for()
        wait_for_app(page)
    page.wait_for_function(f"() => {map_view(page)}.drawn.people.length === {len(PEOPLE)}")
    _settle(page)
    check("emotional")
    for name in ("practical", "informational", "normative", "gives", "wishes"):
        _next(page, words)
        check(name)
    # On the map: a person chosen (their details open under it), then the large view.
    picker = page.get_by_label(text("app.touch.pick", words.lang), exact=True)
    picker.click()
    page.keyboard.type(PEOPLE[0])
    page.keyboard.press("Enter")
    page.get_by_role("button", name=text("app.touch.closer", words.lang), exact=True).wait_for()
    _settle(page)
    check("map, chosen")
    page.get_by_role("button", name=text("app.touch.done", words.lang), exact=True).click()
    _settle(page)
    page.get_by_role("button", name=re.compile(text("app.map.large", words.lang))).click()
    back = page.get_by_role("button", name=text("app.map.back", words.lang), exact=True)
    back.wait_for()
    page.wait_for_function(MAP_DRAWN)
    _settle(page)
    check("large map")
    back.click()
    page.get_by_text(re.compile(words.step)).wait_for()
    _settle(page)
    _next(page, words)
    page.locator("[data-testid='stExpander'] summary").first.click()
    page.locator(f"input[aria-label='{words.role}']:visible").wait_for()
    _settle(page)
    check("people")
    _next(page, words)
    check("result")
    _next(page, words)
    page.get_by_text(words.more_files).click()
    _settle(page)
    check("dossier")


# --------------------------------------------------------------------------- axe


def _axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.x A/AA violations on the page as it is now (no rule left out)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    assert response["testEngine"]["name"] == "axe-core"
    violations: list[dict[str, Any]] = response["violations"]
    return violations


@pytest.mark.parametrize("lang", AUDITED)
def test_axe_finds_no_serious_violation_on_any_step(
    streamlit_server: Any, new_page: Any, lang: str
) -> None:
    server = streamlit_server()
    page, watch = new_page(width=1280, height=900)
    _open(page, server.url, lang)
    table: list[tuple[str, str, str, int]] = []
    serious: list[str] = []

    def check(step: str) -> None:
        before = len(watch.foreign)
        for v in _axe(page):
            table.append((step, v["id"], str(v["impact"]), len(v["nodes"])))
            if v["impact"] in SERIOUS:
                where = [n["target"] for n in v["nodes"][:3]]
                serious.append(f"{step}: {v['id']} ({v['impact']}) at {where}: {v['help']}")
        assert watch.foreign[before:] == [], "axe asked another host for something"

    _walk(page, WORDS[lang], check)
    print(f"\naxe, WCAG 2.x A/AA, {lang}:")
    print(f"{'step':<14} {'rule':<28} {'impact':<10} nodes")
    for step, rule, impact, count in table or [("(all)", "-", "-", 0)]:
        print(f"{step:<14} {rule:<28} {impact:<10} {count}")
    assert not serious, "\n".join(serious)


# --------------------------------------------------------------------------- keyboard

_FOCUSED = """() => {
  let e = document.activeElement;
  if (!e || e === document.body) return null;
  while (e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;  // the map
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, label: e.getAttribute("aria-label") || "", type: e.type || "",
          text: (e.innerText || "").trim().slice(0, 80), visible: r.width > 0 && r.height > 0};
}"""


def _tab_to(page: Any, matches: Callable[[dict[str, Any]], bool], limit: int = 150) -> None:
    """Press Tab until the focused element ``matches``; fail if it never does."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused and matches(focused):
            assert focused["visible"], f"focus is on something not shown: {focused}"
            return
        seen.append(str(focused and (focused["label"] or focused["text"] or focused["tag"])))
    raise AssertionError(f"not reachable with Tab; the stops were {seen[:40]}")


def _button(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda f: f["tag"] == "BUTTON" and re.fullmatch(name, f["text"]) is not None


def _step_line(page: Any, words: Words) -> str:
    return str(page.get_by_text(re.compile(words.step)).inner_text())


def _forward_by_keyboard(page: Any, words: Words) -> None:
    line = _step_line(page, words)
    _tab_to(page, _button(words.forward))
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(s) => !document.body.innerText.includes(s)", arg=line.split(":")[0] + ":"
    )
    _settle(page)
    # Focus moves to the new step's heading: a screen reader reads the question, Tab goes on.
    page.wait_for_function("() => /^H[12]$/.test(document.activeElement.tagName)", timeout=5_000)
    heading = page.evaluate("() => document.activeElement.innerText")
    assert heading.strip(), "focus is on an empty heading"


def test_a_keyboard_user_who_tabs_on_at_once_keeps_their_place(
    streamlit_server: Any, new_page: Any
) -> None:
    """After a step change focus goes to the new heading, and is brought back there for a moment
    if the page draws it again. A keyboard user who tabs on to "Next" straight away lands on the
    same button element as the one just pressed: they stay there (this once sent Enter to the
    heading in CI, and the step did not change)."""
    words = WORDS["nl"]
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    _open(page, server.url, "nl")
    for _ in range(3):  # start -> first question -> second -> third
        line = _step_line(page, words)
        _tab_to(page, _button(words.forward))
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(s) => !document.body.innerText.includes(s)", arg=line.split(":")[0] + ":"
        )
        page.wait_for_function("() => /^H[12]$/.test(document.activeElement.tagName)")
        _tab_to(page, _button(words.forward))  # at once, as a quick keyboard user does
        page.wait_for_timeout(800)  # longer than the heading is watched
        focused = page.evaluate(_FOCUSED)
        assert focused and _button(words.forward)(focused), f"focus was moved: {focused}"
        page.keyboard.press("Shift+Tab")  # back up, so the loop's own Tab finds "Next" again


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_keyboard_only_from_start_to_pdf(streamlit_server: Any, new_page: Any, lang: str) -> None:
    words = WORDS[lang]
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900, accept_downloads=True)
    _open(page, server.url, lang)
    _forward_by_keyboard(page, words)
    _tab_to(page, lambda f: f["tag"] == "INPUT" and f["label"] == words.name)
    for name in PEOPLE:
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        # The chip for the name (in Arabic the name stands between Unicode isolates).
        chip = re.compile(f"^\u2068?{re.escape(name)}\u2069?$")
        page.get_by_role("button", name=chip).first.wait_for()
        wait_for_app(page)
        focused = page.evaluate(_FOCUSED)
        assert focused and focused["label"] == words.name, f"focus left the name box: {focused}"
    # Every Tab stop around the page says what it is (the map's drawing is no empty stop).
    unnamed: list[dict[str, Any]] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused and focused["label"] == words.name:
            break
        if focused and not (focused["label"] or focused["text"]):
            unnamed.append(focused)
    assert not unnamed, f"Tab stops without a name: {unnamed}"
    # The next question: tick someone already named with Space.
    _forward_by_keyboard(page, words)
    _tab_to(page, _button(re.escape(PEOPLE[0])))
    page.keyboard.press("Space")
    page.locator(f"button[aria-pressed='true']:has-text('{PEOPLE[0]}')").first.wait_for()
    _settle(page)
    for _ in ("informational", "normative", "gives", "wishes", "people", "result", "dossier"):
        _forward_by_keyboard(page, words)
    _tab_to(page, _button(re.escape(words.pdf)))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-", "the download is not a PDF"


# --------------------------------------------------------------------------- size and zoom

_SMALL_TARGETS = """() => {
  // Everything a finger or mouse aims at, also inside the map's shadow root.
  const all = [];
  const collect = (root) => {
    for (const e of root.querySelectorAll("*")) {
      if (e.shadowRoot) collect(e.shadowRoot);
      if (e.matches("button, a[href], summary, input, [role=button], [role=radio], "
                    + "[role=checkbox], [role=switch], [role=option], [role=tab]")) all.push(e);
    }
  };
  collect(document);
  const targets = [];
  for (const e of all) {
    if (e.closest("[data-testid='stSkipToContent']")) continue;  // shown on focus only
    // A radio or checkbox input is hidden; its label is what one taps.
    const hit = e.matches("input[type=radio], input[type=checkbox]") ? e.closest("label") || e : e;
    if (e.matches("input[type=file]")) continue;  // the visible "browse" button stands for it
    const r = hit.getBoundingClientRect();
    const css = getComputedStyle(hit);
    if (!r.width || !r.height || css.visibility === "hidden" || css.display === "none") continue;
    if (r.bottom < 0 || r.right < 0) continue;
    // WCAG 2.5.8's inline exception: a link inside a sentence.
    const inline = e.tagName === "A" && e.parentElement.closest("p, li")
      && (e.parentElement.closest("p, li").innerText.trim() !== e.innerText.trim());
    if (inline) continue;
    targets.push({r, name: (e.getAttribute("aria-label") || e.innerText || e.tagName).trim()
                            .slice(0, 40)});
  }
  // The spacing exception: a 24 px circle on an undersized target's centre touches no other
  // target and no other undersized target's circle.
  const small = targets.filter(t => t.r.width < 23.5 || t.r.height < 23.5);
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const touches = (c, r) => {
    const x = Math.max(r.left, Math.min(c[0], r.right));
    const y = Math.max(r.top, Math.min(c[1], r.bottom));
    return Math.hypot(c[0] - x, c[1] - y) < 12;
  };
  const crowded = small.filter(s => {
    const c = centre(s.r);
    return targets.some(t => t !== s && touches(c, t.r))
      || small.some(o => o !== s && Math.hypot(...centre(o.r).map((v, i) => v - c[i])) < 24);
  }).map(s => `${s.name} (${Math.round(s.r.width)}x${Math.round(s.r.height)})`);
  return {crowded, count: targets.length};
}"""

_ZOOMED = """(nameLabel) => {
  const main = document.querySelector("[data-testid='stMain']");
  const problems = [];
  if (main.scrollWidth > main.clientWidth + 1) problems.push(`sideways scroll ${main.scrollWidth}`);
  if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push("page scrolls");
  const seen = (e) => { const r = e.getBoundingClientRect();
                        return r.width > 0 && r.height > 0 && r.left >= -1
                               && r.right <= window.innerWidth + 1; };
  for (const h of main.querySelectorAll("h1, h2, h3")) {
    if (h.getBoundingClientRect().width && !seen(h)) problems.push(`heading cut: ${h.innerText}`);
  }
  const box = main.querySelector(`input[aria-label="${nameLabel}"]`);
  if (box && !seen(box)) problems.push("the name field is cut off");
  return problems;
}"""

SIZES = {"phone": (375, 812), "desktop": (1280, 900)}
ZOOM = (640, 450)
"""A 1280 x 900 window at 200 % zoom: 640 x 450 CSS px, with text at its normal CSS size."""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_touch_targets_and_200_percent_zoom(
    streamlit_server: Any, new_page: Any, lang: str
) -> None:
    words = WORDS[lang]
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900, device_scale_factor=2)
    _open(page, server.url, lang)
    problems: list[str] = []

    def check(step: str) -> None:
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(300)
            found = page.evaluate(_SMALL_TARGETS)
            assert found["count"] >= 2, f"{step} ({size}): no buttons found to measure"
            problems.extend(f"{step} ({size}): target under 24 px: {s}" for s in found["crowded"])
        page.set_viewport_size({"width": ZOOM[0], "height": ZOOM[1]})
        page.wait_for_timeout(300)
        problems.extend(f"{step} (200 %): {p}" for p in page.evaluate(_ZOOMED, words.name))
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(200)

    _walk(page, words, check)
    assert not problems, "\n".join(problems)
