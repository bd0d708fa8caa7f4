"""The parent's own language beside the nurse's (issue 12.3): in a consult the nurse reads Dutch
while the parent reads hers, so the four support questions and the reflection are shown once more
in the language the parent chose (``ui.texts.also_lang``), one under the other.

The block carries its own ``lang`` and ``dir``: a screen reader speaks it in the right voice
(WCAG 3.1.2, language of parts) and Arabic runs right to left inside a Dutch page. Its text is
escaped, as it holds names a parent typed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from ecomap.model import Language
from ecomap.texts.catalog import direction

STYLE = """
.ecomap-also { border-inline-start: 4px solid #595959; padding-inline-start: 0.8rem;
  margin: 0.2rem 0 1rem 0; }
.ecomap-also .ecomap-also-lead { font-weight: 600; font-size: 1.15rem; }
"""
"""For ``ui.chrome``'s style sheet: a bar on the side the text starts from (left in Dutch, right
in Arabic), and the question in bold, as its heading is above it in the nurse's language."""


def also_shown(lang: Language, paragraphs: Sequence[str], lead: str | None = None) -> None:
    """``paragraphs`` (and a bold ``lead`` line first, the question) as one block in ``lang``."""
    parts = [f'<p class="ecomap-also-lead">{html.escape(lead)}</p>'] if lead else []
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    st.html(
        f'<div class="ecomap-also" lang="{lang}" dir="{direction(lang)}">{"".join(parts)}</div>'
    )
