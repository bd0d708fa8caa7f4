"""Streamlit's own words in the app's language, and a little layout for phones.

Streamlit writes some words itself, in English: the skip link ("Skip to main content"), the
anchor links of headings ("Link to heading"), the progress bar's name ("progress"), the select
box buttons ("Clear value", "Open"), help icons ("Help for ..."), the upload box ("Upload",
"Drag and drop file here"). A Dutch parent with a screen reader hears them. Streamlit has no
setting for them, so one small script on the page puts the words of
``questions/<lang>/chrome.toml`` in their place (as text, never as HTML) whenever Streamlit draws
them, and sets the page's language and writing direction (``<html lang dir>``; Streamlit hard-codes
``lang="en"`` and has no direction: Arabic runs right to left, and the browser then mirrors
Streamlit's flex layout, the progress bar and the navigation buttons by itself). The map's own
frame is left alone (``ecomap.drawing.html_map`` speaks for itself).

After a step change (Next, Back) the buttons pressed are gone and keyboard focus would fall back
to the page itself, so a screen reader says nothing and Tab starts over: ``focus_on_step`` moves
focus to the new step's heading (WCAG 2.4.3), unless the user already went somewhere else.

The page's font: Streamlit's own, Source Sans, has no Arabic letters, and a phone or laptop
without an Arabic font of its own showed the Arabic pages as empty boxes. The theme's font list
(``.streamlit/config.toml``) names Ecomap Sans after it, and the script adds that font from the
map's own files (once per page load; the map loads the same two files), for Arabic letters only
(``FONT_FACES``, ``FONT_RANGE``): everything else stays in Streamlit's font.

The style part: on a 375 px phone the table wraps its cells instead of cutting columns off, and
a step's question and name box fit the first screen (less room above the page, smaller
headings); captions (Streamlit fades them with opacity 0.6: 3.9:1 on white, under WCAG's 4.5:1)
get a solid darker grey (7:1 on white, 6:1 on Streamlit's light grey panels); in a right-to-left
language headings start at the right and the progress bar fills from the right; and the small
things one taps (a radio's or checkbox's line, a help icon) are at least 24 x 24 CSS px
(WCAG 2.2, 2.5.8).
"""

from __future__ import annotations

import json

import streamlit as st

from ecomap.drawing.fonts import FONT_FAMILY, font_path, ranges_named
from ecomap.texts.catalog import direction, entries, text
from ui.both import STYLE as ALSO_STYLE
from ui.texts import SERVED, lang

# The page font (see the module's text) is added from the font's bytes, as the map loads it, and
# the bytes are shared with the map by URL (``ecomapFontBytes``, ``web/map.js``: each file is
# fetched once per page; on a failed fetch the map tries again itself, and a later run of this
# script may add the faces then). Given by URL instead (an @font-face rule, or a FontFace of the
# URL), Chromium 156 failed to load the font with a "network error" although the server sent
# it. Under a name of its own: under the map's name, beside the map's faces, headless Chromium
# 156 crashed when a second page opened (twice of twice). No comments inside the script: it is
# sent with every run.
_SCRIPT = """
<script>
(() => {
  const words = %(words)s;
  const patterns = %(patterns)s;
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = %(lang)s;
  doc.documentElement.dir = %(dir)s;
  const state = doc.defaultView.__ecomapChrome || (doc.defaultView.__ecomapChrome = {});
  state.words = words;
  state.patterns = patterns;
  if (!state.fonts) {
    state.fonts = true;
    const win = doc.defaultView;
    const fetched = (win.ecomapFontBytes ||= new Map());
    const unicodeRange = %(range)s;
    for (const [file, weight] of %(faces)s) {
      const url = new URL(file, doc.baseURI).href;
      if (!fetched.has(url)) {
        fetched.set(url, win.fetch(url).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(r))));
      }
      fetched.get(url)
        .then((bytes) => {
          const face = new win.FontFace(%(family)s, bytes, { weight, unicodeRange });
          doc.fonts.add(face);
          return face.load();
        })
        .catch(() => {
          fetched.delete(url);
          state.fonts = false;
        });
    }
  }
  const say = (value) => {
    if (value == null) return null;
    const key = value.trim();
    const w = state.words;
    if (Object.prototype.hasOwnProperty.call(w, key)) return w[key];
    for (const [re, out] of state.patterns) {
      const m = new RegExp(re).exec(key);
      if (m) return out.replace("{x}", m[1]);
    }
    return null;
  };
  const fix = (root) => {
    const els = root.querySelectorAll
      ? root.querySelectorAll("[aria-label], [placeholder], [title], a, button, span, div, p")
      : [];
    for (const el of els) {
      if (el.closest("iframe")) continue;
      for (const attr of ["aria-label", "placeholder", "title"]) {
        const v = el.getAttribute(attr);
        const t = say(v);
        if (t !== null && t !== v) el.setAttribute(attr, t);
      }
      if (el.childNodes.length === 1 && el.firstChild.nodeType === 3) {
        const v = el.firstChild.nodeValue;
        const t = say(v);
        if (t !== null && t !== v.trim()) el.firstChild.nodeValue = t;
      }
    }
  };
  if (!state.observer) {
    state.observer = new MutationObserver(() => {
      if (state.busy) return;
      state.busy = true;
      try { fix(doc.body); } finally { state.busy = false; }
    });
    state.observer.observe(doc.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: ["aria-label", "placeholder", "title"],
    });
  }
  fix(doc.body);
})();
</script>
"""

_FOCUS = r"""
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const state = doc.defaultView.__ecomapChrome || (doc.defaultView.__ecomapChrome = {});
  const step = %(step)s;
  const line = %(line)s;
  const before = state.step;
  state.step = step;
  if (before === undefined || before === step) return;
  const squash = (s) => s.replace(/\s+/g, " ").trim();
  const heading = () => {
    const bar = doc.querySelector("[data-testid='stProgress']");
    if (!bar || !squash(bar.innerText).includes(squash(line))) return null;
    const main = doc.querySelector("[data-testid='stMain']");
    if (!main) return null;
    const shown = (h) => h.getBoundingClientRect().width > 0;
    return [...main.querySelectorAll("h2")].find(shown)
      || [...main.querySelectorAll("h1")].find(shown) || null;
  };
  let start = doc.activeElement;  // the button just pressed, if it is still there
  const app = doc.querySelector("[data-testid='stApp']");
  let tries = 0;
  let checks = 0;
  const go = () => {
    if (state.step !== step || tries++ > 100) return;  // yet another step came meanwhile
    const h = heading();
    const idle = app && app.getAttribute("data-test-script-state") === "notRunning";
    if (!h || !idle) {
      setTimeout(go, 100);
      return;
    }
    const active = doc.activeElement;
    const lost = !active || active === doc.body || !active.isConnected || active === start;
    if (lost) {
      h.setAttribute("tabindex", "-1");
      h.focus();
      // From now on only a focus that is really gone is brought back: a keyboard user who
      // tabs on to "Next" at once may land on that same button element again.
      start = null;
    } else if (!/^H[12]$/.test(active.tagName)) {
      return;  // the user went somewhere else meanwhile: leave them there
    }
    if (++checks < 5) setTimeout(go, 100);  // the heading may be drawn once more
  };
  go();
})();
</script>
"""

# The page's style, sent with every run, so the why is here and not in it (see the module's
# text). Streamlit aligns headings "left" (st.title's text_alignment has no "start"): in Arabic
# every title and question stood on the wrong side. The pictograms beside words on chips and in
# the table (ecomap.drawing.pictograms) are 24 px, the size they were chosen to stay clear at
# (Streamlit draws a label's image at the text's height). On a phone (under 640 px, where
# Streamlit stacks columns) a step's question and its name box show without scrolling: the page
# starts under Streamlit's 60 px header (it keeps 96 px; the header is empty here but for the
# running sign), and headings are smaller (Streamlit's are 44 and 36 px: the title took three
# lines, a question four) with no room above the title.
_CSS = """
[data-testid="stCaptionContainer"] { color: #595959; opacity: 1; }
[data-testid="stRadio"] label, [data-testid="stCheckbox"] label { min-height: 24px; }
[data-testid="stTooltipIcon"] [aria-label] {
  min-width: 24px; min-height: 24px; display: inline-flex;
  align-items: center; justify-content: center;
}
[dir="rtl"] [data-testid="stProgressBarTrack"] { transform: scaleX(-1); }
[data-testid="stHeading"] [data-testid="stMarkdownContainer"] { text-align: start; }
[data-testid="stTable"] table { table-layout: fixed; width: 100%; }
[data-testid="stTable"] th, [data-testid="stTable"] td {
  overflow-wrap: anywhere; hyphens: auto; white-space: normal;
}
[data-testid="stButtonGroup"] button img[src*="/pictograms/"],
[data-testid="stTable"] img[src*="/pictograms/"] {
  width: 24px; height: 24px; max-height: 24px; vertical-align: middle; margin-inline-end: 6px;
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.75rem; }
  [data-testid="stHeading"] h1 { font-size: 1.75rem; padding: 0 0 0.5rem; }
  [data-testid="stHeading"] h2 { font-size: 1.5rem; }
}
"""


def _font_faces() -> list[tuple[str, str]]:
    """Ecomap Sans' files for the page's Arabic (URL, weights): Regular for weights up to 500,
    Bold above (Streamlit's headings are 600 and 700). Streamlit's own ``theme.fontFaces``
    cannot say this: it declares every file a WOFF2, and the browser then refuses a TrueType
    one."""
    return [
        (f"{SERVED}fonts/{font_path(bold).name}", weights)
        for bold, weights in ((False, "100 500"), (True, "600 900"))
    ]


FONT_FACES = _font_faces()
FONT_RANGE = ", ".join(f"U+{first:X}-{last:X}" for first, last in ranges_named("arabic"))
"""The ``unicode-range`` of the page font: Ecomap Sans' Arabic letters, marks and signs."""
PAGE_FAMILY = f"{FONT_FAMILY} Arabic"
"""The name the page knows Ecomap Sans' Arabic by (``theme.font`` in ``.streamlit/config.toml``
lists it after Streamlit's own font)."""


def _table(prefix: str) -> dict[str, str]:
    here = entries(lang())
    return {
        key.removeprefix(prefix): text(
            f"chrome.{prefix.split('.')[1]}.{key.removeprefix(prefix)}", lang()
        )
        for key in here
        if key.startswith(prefix)
    }


def chrome() -> None:
    """Call once per run, early on the page."""
    words = _table("chrome.aria.")
    patterns = [
        ["^" + english.replace("{x}", "(.+)") + "$", ours]
        for english, ours in _table("chrome.pattern.").items()
    ]
    st.html(f"<style>{_CSS}{ALSO_STYLE}</style>")
    st.html(
        _SCRIPT
        % {
            "words": json.dumps(words),
            "patterns": json.dumps(patterns),
            "lang": json.dumps(lang()),
            "dir": json.dumps(direction(lang())),
            "faces": json.dumps(FONT_FACES),
            "range": json.dumps(FONT_RANGE),
            "family": json.dumps(PAGE_FAMILY),
        },
        unsafe_allow_javascript=True,
    )


def focus_on_step(index: int, line: str) -> None:
    """Call once per run with the step's number and its progress line (see the module's text)."""
    st.html(
        _FOCUS % {"step": json.dumps(index), "line": json.dumps(line)},
        unsafe_allow_javascript=True,
    )
