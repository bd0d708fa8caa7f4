"""ecomap: who helps a parent raise their child, as a picture and a warm reflection.

A plain Python library (no Streamlit): the model, role suggestions, the graph and its figures, a
layout on Kesselring's proximity x professionality grid, renderers and a rule-based reflection.
Names are imported lazily so that ``import ecomap`` stays cheap and a command-line call loads only
what it uses. Module names differ from the function names (``ecomap.placement.layout``) so that a
submodule never shadows the function of the same name on the package.
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
    "suggest_category": "ecomap.roles",
    "suggest": "ecomap.roles",
    "Suggestion": "ecomap.roles",
    "build_graph": "ecomap.graph",
    "network_figures": "ecomap.graph",
    "NetworkFigures": "ecomap.graph",
    "layout": "ecomap.placement",
    "plan": "ecomap.placement",
    "Placement": "ecomap.placement",
    "render_html": "ecomap.html_map",
    "reflect": "ecomap.reflection",
    "Reflection": "ecomap.reflection",
    "explain": "ecomap.errors",
    "render_pdf": "ecomap.pdf",
    "read_map": "ecomap.read",
    "MapReadError": "ecomap.read",
    "compare": "ecomap.changes",
    "describe": "ecomap.changes",
    "Comparison": "ecomap.changes",
    "continued": "ecomap.history",
    "versions": "ecomap.history",
    "growth": "ecomap.history",
    "Growth": "ecomap.history",
    "open_store": "ecomap.store",
    "DraftStore": "ecomap.store",
    "export": "ecomap.exports",
    "EXPORTS": "ecomap.exports",
    "load_offers": "ecomap.offers",
    "OffersError": "ecomap.offers",
    "choose_offers": "ecomap.matching",
    "conversation_guide": "ecomap.guide",
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
