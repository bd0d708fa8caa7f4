"""Right to left in a real Chromium (issue 12.2): in Arabic the page says ``lang="ar"
dir="rtl"``, the layout runs from the right (the questions on the right of the map, "Next" on
the left of "Back", the progress bar filling from the right), and a Latin name a parent typed
keeps its own order (it is isolated). Back in Dutch everything runs left to right again. With
Arabic as the parent's second language on a Dutch page, only that block runs right to left."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import map_view, wait_for_app

from ecomap.texts.catalog import text

pytestmark = pytest.mark.browser

_FILLED = """(sel) => {
  const t = document.querySelector(sel).getBoundingClientRect();
  const f = document.querySelector(sel + " > div").getBoundingClientRect();
  return {track: [t.left, t.right], shown: [Math.max(t.left, f.left), Math.min(t.right, f.right)]};
}"""
"""The progress track's ends, and the part of its fill that shows (the track clips the rest)."""


def _x(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None
    return float(box["x"])


def test_arabic_runs_right_to_left_and_names_keep_their_order(
    streamlit_server: Any, new_page: Any
) -> None:
    server = streamlit_server()
    page, watch = new_page(width=1280, height=900)
    page.goto(f"{server.url}/?lang=ar&step=1")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.dir === 'rtl'", timeout=5_000)
    assert page.evaluate("document.documentElement.lang") == "ar"

    box = page.get_by_label(text("app.add.label", "ar"), exact=True)
    for name in ("Juf Mila (school)", "جدة فاطمة"):
        box.click()
        box.press_sequentially(name)
        box.press("Enter")
        page.get_by_role("button", name=re.compile(re.escape(name))).first.wait_for()
        wait_for_app(page)
    page.wait_for_function(f"() => {map_view(page)}.drawn.people.length === 2")

    back = page.get_by_role("button", name=text("app.nav.back", "ar"), exact=True)
    forward = page.get_by_role("button", name=text("app.nav.next", "ar"), exact=True)
    assert _x(forward) < _x(back), "Next comes after Back, reading from the right"
    question = page.get_by_role("heading", name=text("app.q.emotional.nurse", "ar"))
    the_map = page.locator("[data-testid='stMain'] .ecomap").first
    assert _x(question) > _x(the_map), "the question is on the right, the map left"
    # The progress bar fills from the right: its filled part touches the track's right end.
    bar = page.evaluate(_FILLED, "[data-testid='stProgressBarTrack']")
    (left, right), (shown_left, shown_right) = bar["track"], bar["shown"]
    assert abs(shown_right - right) < 1 and shown_left > left + 10, bar
    # A typed Latin name is isolated, so its brackets stay where the parent typed them.
    chip = page.get_by_role("button", name=re.compile("Juf Mila")).first
    assert "\u2068Juf Mila (school)\u2069" in chip.inner_text()
    assert watch.foreign == []

    page.goto(f"{server.url}/?lang=nl&step=1")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.dir === 'ltr'", timeout=5_000)
    back = page.get_by_role("button", name=text("app.nav.back", "nl"), exact=True)
    forward = page.get_by_role("button", name=text("app.nav.next", "nl"), exact=True)
    assert _x(forward) > _x(back)


def test_arabic_beside_dutch_runs_right_to_left_in_its_own_block(
    streamlit_server: Any, new_page: Any
) -> None:
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    page.goto(f"{server.url}/?also=ar&step=1")
    wait_for_app(page)
    block = page.locator(".ecomap-also[lang='ar']")
    block.wait_for()
    assert block.get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert text("app.q.emotional.nurse", "ar") in block.inner_text()
    style = block.evaluate("(e) => getComputedStyle(e).direction")
    assert style == "rtl"


_ARABIC_NODES = """(root) => {
  const arabic = /[\\u0600-\\u06FF]/;
  const out = [];
  for (const el of document.querySelectorAll(root + " *")) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
    if (arabic.test(own) && out.length < 12) {
      el.setAttribute("data-arabic", String(out.length));
      out.push(own);
    }
  }
  return out;
}"""
"""Tags up to 12 elements under ``root`` whose own text has Arabic letters; returns those texts."""


def _glyphs_by_font(page: Any, selectors: list[str]) -> list[dict[str, int]]:
    """For the element each selector finds: the glyphs Chromium drew for its own text, per font
    (its own account, over DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    doc = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    out = []
    for selector in selectors:
        node = cdp.send("DOM.querySelector", {"nodeId": doc, "selector": selector})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        out.append({f["familyName"]: f["glyphCount"] for f in fonts})
    return out


def _fonts_of_arabic_text(page: Any, root: str) -> list[tuple[str, dict[str, int], int]]:
    """For each element under ``root`` with Arabic in its own text: the text, the glyphs drawn
    per font, and how many of its characters are not Arabic (spaces, digits, Latin)."""
    import unicodedata

    texts = page.evaluate(_ARABIC_NODES, root)
    glyphs = _glyphs_by_font(page, [f"[data-arabic='{i}']" for i in range(len(texts))])
    return [
        (own, drawn, sum(1 for c in own if "ARABIC" not in unicodedata.name(c, "")))
        for own, drawn in zip(texts, glyphs, strict=True)
    ]


def _page_font_loaded(page: Any) -> None:
    from ui.chrome import PAGE_FAMILY

    page.wait_for_function(
        "(family) => [...document.fonts].some((f) => f.family.includes(family)"
        " && f.status === 'loaded')",
        arg=PAGE_FAMILY,
        timeout=10_000,
    )


def test_arabic_on_the_page_is_drawn_in_the_font_the_app_ships(
    streamlit_server: Any, new_page: Any
) -> None:
    """Streamlit's own font has no Arabic; with no system fonts (as on a device without an
    Arabic font) the start screen, which has no map, showed empty boxes. Every Arabic letter is
    drawn by Ecomap Sans; Streamlit's font draws only what it has (spaces, digits, Latin)."""
    from ecomap.drawing.fonts import FONT_FAMILY

    server = streamlit_server()
    page, watch = new_page(width=375, height=800)
    page.goto(f"{server.url}/?lang=ar")
    wait_for_app(page)
    _page_font_loaded(page)
    drawn = _fonts_of_arabic_text(page, "[data-testid='stMain']")
    assert len(drawn) >= 5, drawn  # the title, the language's name, the questions, the choices
    for own, glyphs, others in drawn:
        assert glyphs.get(FONT_FAMILY, 0) > 0, (own, glyphs)
        assert sum(n for name, n in glyphs.items() if name != FONT_FAMILY) <= others, (own, glyphs)
    assert watch.foreign == []


def test_a_dutch_page_keeps_streamlits_own_font_and_names_arabic_readably(
    streamlit_server: Any, new_page: Any
) -> None:
    """Ecomap Sans is only for Arabic letters (its ``unicode-range``): Dutch text stays in
    Streamlit's Source Sans. An Arabic reader on the Dutch start screen still finds her
    language in the list by its own name."""
    from ecomap.drawing.fonts import FONT_FAMILY
    from ecomap.texts.catalog import language_name

    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    page.goto(f"{server.url}/")
    wait_for_app(page)
    (title,) = _glyphs_by_font(page, ["h1"])
    assert list(title) == ["SourceSans3VF"], title

    page.get_by_label(text("app.language.label", "nl"), exact=True).first.click()
    page.get_by_role("option", name=language_name("ar"), exact=True).wait_for()
    _page_font_loaded(page)
    drawn = _fonts_of_arabic_text(page, "[role='listbox']")
    assert [own for own, _, _ in drawn] == [language_name("ar")]
    ((_, glyphs, _),) = drawn
    assert set(glyphs) == {FONT_FAMILY}, glyphs


_HEADINGS = """() => [...document.querySelectorAll(
    "[data-testid='stHeading'] h1, [data-testid='stHeading'] h2, [data-testid='stHeading'] h3")]
  .filter((h) => h.offsetParent && h.innerText.trim())
  .map((h) => {
    const range = document.createRange();
    range.selectNodeContents(h);
    const text = range.getBoundingClientRect();
    const box = h.getBoundingClientRect();
    return {text: h.innerText, before: text.left - box.left, after: box.right - text.right};
  })"""
"""Every heading on the page: its text, and the room left and right of its words (CSS px)."""


def test_arabic_headings_start_at_the_right_and_dutch_ones_at_the_left(
    streamlit_server: Any, new_page: Any
) -> None:
    """Streamlit aligns every heading left, whatever the language: the title, each question and
    each part of the page then stood on the wrong side of an Arabic page."""
    server = streamlit_server()
    page, _ = new_page(width=1280, height=900)
    short = []
    for step in (0, 1, 8, 9):  # the start, a question beside the map, the result, the dossier
        page.goto(f"{server.url}/?lang=ar&step={step}")
        wait_for_app(page)
        page.wait_for_function("() => document.documentElement.dir === 'rtl'", timeout=5_000)
        headings = page.evaluate(_HEADINGS)
        assert headings, step
        for heading in headings:
            assert heading["after"] < 1.5, (step, heading)
        short += [h for h in headings if h["before"] > 100]
    assert short, "a heading narrower than its box shows on which side it starts"

    page.goto(f"{server.url}/?lang=nl&step=1")
    wait_for_app(page)
    page.wait_for_function("() => document.documentElement.dir === 'ltr'", timeout=5_000)
    for heading in page.evaluate(_HEADINGS):
        assert heading["before"] < 1.5, heading
