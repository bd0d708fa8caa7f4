"""ecomap: who helps a parent raise their child, as a picture and a warm reflection.

A plain Python library (no Streamlit): the model, role suggestions, the graph and its figures, a
layout on Kesselring's proximity x professionality grid, renderers and a rule-based reflection.
Names are imported lazily so that ``import ecomap`` stays cheap and a command-line call loads only
what it uses. Module names differ from the function names (``ecomap.drawing.placement.layout``) so
that a submodule never shadows the function of the same name on the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ecomap.model import (
    MAX_PEOPLE,
    SCHEMA_VERSION,
    Category,
    ChildAge,
    Direction,
    EcoMap,
    Person,
    Quality,
    SupportForm,
    Tie,
    Version,
)

_LAZY = {
    "suggest_category": "ecomap.texts.roles",
    "suggest": "ecomap.texts.roles",
    "Suggestion": "ecomap.texts.roles",
    "build_graph": "ecomap.graph",
    "network_figures": "ecomap.graph",
    "NetworkFigures": "ecomap.graph",
    "layout": "ecomap.drawing.placement",
    "plan": "ecomap.drawing.placement",
    "Placement": "ecomap.drawing.placement",
    "render_html": "ecomap.drawing.html_map",
    "reflect": "ecomap.texts.reflection",
    "Reflection": "ecomap.texts.reflection",
    "explain": "ecomap.texts.errors",
    "render_pdf": "ecomap.files.pdf",
    "read_map": "ecomap.files.read",
    "MapReadError": "ecomap.files.read",
    "compare": "ecomap.texts.changes",
    "describe": "ecomap.texts.changes",
    "Comparison": "ecomap.texts.changes",
    "continued": "ecomap.history",
    "versions": "ecomap.history",
    "growth": "ecomap.history",
    "Growth": "ecomap.history",
    "open_store": "ecomap.store",
    "DraftStore": "ecomap.store",
    "export": "ecomap.files.exports",
    "EXPORTS": "ecomap.files.exports",
    "load_offers": "ecomap.offers",
    "OffersError": "ecomap.offers",
    "choose_offers": "ecomap.matching",
    "conversation_guide": "ecomap.texts.guide",
}

__all__ = [
    "MAX_PEOPLE",
    "SCHEMA_VERSION",
    "Category",
    "ChildAge",
    "Direction",
    "EcoMap",
    "Person",
    "Quality",
    "SupportForm",
    "Tie",
    "Version",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ecomap' has no attribute {name!r}")
