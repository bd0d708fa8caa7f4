"""The interactive eco-map as an HTML page (pyvis 0.3.2 + vis-network 9.1.2): one self-contained
file for exports, or, inside the app, a small page that loads vis-network from the app itself.

Why it looks like this:
- Positions come from ``ecomap.placement.plan`` and are fixed (no physics): the map never jumps, and
  the PDF drawing shows everybody in the same place.
- The page may load nothing from any other host (family data stays on the device, and it works
  offline): vis-network is inlined (or, with ``assets="app"``, comes from the app's own origin
  and the browser's cache, so a change sends ~55 KB instead of ~730 KB for 30 people), pyvis's
  Bootstrap CDN tags are gone because we render our own template (``ecomap/templates/map.html``),
  and a Content-Security-Policy makes any other load fail.
- Rendering is linear in the number of people; the template is compiled once per process.
- User text (names, roles, the family label) only ever reaches the page as JSON through Jinja's
  ``tojson`` (which escapes ``< > & '`` and, being ASCII-only, U+2028/2029), is drawn on a canvas or
  shown with ``innerText``/``textContent``. It never becomes a node id, a heading or a menu entry,
  and our template has no ``innerHTML`` popup, so a name like ``<img src=x onerror=...>`` is
  shown as exactly that text.
- Support forms differ in colour (Okabe-Ito, safe for colour-blind people) AND line pattern, so the
  map still reads in black and white.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import pyvis
from jinja2 import Environment, FileSystemLoader, Template
from pyvis.network import Network

from ecomap.catalog import text
from ecomap.labels import closeness_label, family_label, label
from ecomap.model import (
    Category,
    Direction,
    EcoMap,
    Language,
    Person,
    Quality,
    SupportForm,
    Tie,
)
from ecomap.placement import (
    BOX_MARGIN,
    FAMILY_FONT_PX,
    FAMILY_ID,
    FONT_PX,
    REGION_FONT_PX,
    REGION_LABEL_BOX,
    Placement,
    plan,
    wrap_label,
)
from ecomap.style import FORM_COLOUR, INK, STRESS_COLOUR

__all__ = ["APP_ASSETS", "APP_STATIC_URL", "EDGE_STYLE", "Assets", "render_html", "vis_asset"]

Assets = Literal["inline", "app"]
"""How the page gets vis-network: ``inline`` (one self-contained file, ~700 KB: exports, the CLI)
or ``app`` (same-origin files the Streamlit app serves, so a change sends only the data)."""

APP_STATIC_URL = "app/static/"
"""Where Streamlit's static serving (``server.enableStaticServing``) serves ``./static/*``,
relative to the app's page: the map's srcdoc iframe resolves it against the app's own URL, so it
also works under a ``server.baseUrlPath``."""

APP_ASSETS = ("vis-network-9.1.2.css", "vis-network-9.1.2.min.js")
"""The files the ``app`` page loads from ``APP_STATIC_URL``: byte copies of the bundle inside pyvis
(``vis_asset(name)``), versioned by name so a cached copy can never be a different version."""

_CSP: dict[Assets, str] = {
    "inline": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:",
    "app": "default-src 'none'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src data:",
}
"""Content-Security-Policy per variant. In a srcdoc iframe ``'self'`` is the embedding app's
origin (checked in Chromium by tests/test_html_map_browser.py); nothing else may be loaded."""

_FAILED = "map.page.failed"
"""Shown when vis-network did not load (only in the app variant)."""
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_TEMPLATE = "map.html"
_VIS_MARKER = "<!--ecomap:vis-network-->"
"""Where the vis-network bundle goes. ``tojson`` and autoescape turn every ``<`` in user data into
an escape, so no user text can contain this marker."""

FONT_FACE = "Arial, 'Liberation Sans', Helvetica, sans-serif"
MIXED_OPACITY = 0.45
"""A "sometimes good, sometimes hard" contact's lines are lighter (the legend shows the same)."""

EDGE_STYLE: dict[SupportForm, dict[str, Any]] = {
    SupportForm.EMOTIONAL: {
        "color": FORM_COLOUR[SupportForm.EMOTIONAL],
        "dashes": False,
        "svg": "none",
    },
    SupportForm.PRACTICAL: {
        "color": FORM_COLOUR[SupportForm.PRACTICAL],
        "dashes": [14, 6],
        "svg": "10 4",
    },
    SupportForm.INFORMATIONAL: {
        "color": FORM_COLOUR[SupportForm.INFORMATIONAL],
        "dashes": [2, 5],
        "svg": "2 4",
    },
    SupportForm.NORMATIVE: {
        "color": FORM_COLOUR[SupportForm.NORMATIVE],
        "dashes": [14, 5, 2, 5],
        "svg": "9 3 2 3",
    },
}
"""Per support form: Okabe-Ito colour and vis ``dashes`` pattern (solid, long dash, dotted,
dash-dot); ``svg`` is the same pattern as an SVG ``stroke-dasharray`` for the legend."""

# Several ties to one person: each form its own curve, so all stay visible.
_CURVE: dict[SupportForm, tuple[str, float]] = {
    SupportForm.EMOTIONAL: ("curvedCW", 0.04),
    SupportForm.PRACTICAL: ("curvedCCW", 0.14),
    SupportForm.INFORMATIONAL: ("curvedCW", 0.24),
    SupportForm.NORMATIVE: ("curvedCCW", 0.3),
}

_REGION_FILL: dict[Category, str] = {
    Category.INFORMAL_CLOSE: "#FBEFD9",
    Category.INFORMAL_DISTANT: "#FDF8EE",
    Category.FORMAL_EVERYDAY: "#E3EEF8",
    Category.FORMAL_YOUTHCARE: "#F2F6FB",
}


def _vis_dir() -> Path:
    return Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


_PYVIS_NAMES = {
    "vis-network-9.1.2.css": "vis-network.css",
    "vis-network-9.1.2.min.js": "vis-network.min.js",
}


@cache
def vis_asset(name: str) -> bytes:
    """The content of one of ``APP_ASSETS``, read from the copy inside pyvis (the source of
    truth: the files in the app's ``static/`` must be byte-identical)."""
    return (_vis_dir() / _PYVIS_NAMES[name]).read_bytes()


@cache
def _vis_bundle() -> str:
    """vis-network's JS and CSS as shipped inside pyvis (static library code, same for all)."""
    css = vis_asset(APP_ASSETS[0]).decode("utf-8")
    js = vis_asset(APP_ASSETS[1]).decode("utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise RuntimeError("the vis-network bundle cannot be inlined safely")
    return f"<style>{css}</style>\n<script>{js}</script>"


def _vis_links() -> str:
    """The app variant: the same bundle as same-origin files (fixed names, no user data)."""
    css, js = (APP_STATIC_URL + name for name in APP_ASSETS)
    return f'<link rel="stylesheet" href="{css}">\n<script src="{js}"></script>'


@cache
def _template() -> Template:
    """Our page template, compiled once per process (compiling took two thirds of a render).
    Autoescape is on (pyvis's environment has it off). The template is code, not user data,
    and rendering gets everything per call, so sharing it between sessions is safe."""
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True)
    return env.get_template(_TEMPLATE)


def _person_title(person: Person, ties: list[Tie], lang: Language) -> str:
    """Plain-text details of one person (tooltip and the tap panel; shown with innerText);
    ``ties`` are this person's ties."""
    lines = [person.name]
    if person.role:
        lines.append(text("map.info.role", lang, role=person.role))
    lines.append(text("map.info.place", lang, category=label(person.category, lang)))
    lines.append(
        text("map.info.closeness", lang, closeness=closeness_label(person.closeness, lang))
    )
    lines.append(text("map.info.quality", lang, quality=label(person.quality, lang)))
    if ties:
        lines.append(text("map.info.support", lang))
        lines.extend(
            "• "
            + text(
                "map.info.tie",
                lang,
                form=label(t.form, lang),
                direction=label(t.direction, lang),
            )
            for t in ties
        )
    else:
        lines.append(text("map.info.no_support", lang))
    return "\n".join(lines)


def _node_style(quality: Quality) -> dict[str, Any]:
    border = {
        Quality.SUPPORTIVE: "#555555",
        Quality.MIXED: "#555555",
        Quality.STRESSFUL: STRESS_COLOUR,
    }
    style: dict[str, Any] = {
        "borderWidth": 3 if quality is Quality.STRESSFUL else 1.5,
        "color": {
            "background": "#FFFFFF",
            "border": border[quality],
            "highlight": {"background": "#FFF6C8", "border": "#000000"},
            "hover": {"background": "#FFFBE6", "border": border[quality]},
        },
    }
    if quality is Quality.MIXED:
        style["shapeProperties"] = {"borderDashes": [4, 3], "borderRadius": 6}
    else:
        style["shapeProperties"] = {"borderDashes": False, "borderRadius": 6}
    return style


def _add_nodes(net: Network, ecomap: EcoMap, geometry: Placement, lang: Language) -> None:
    family_lines = geometry.labels[FAMILY_ID] or [family_label(lang)]
    fw, fh = geometry.sizes[FAMILY_ID]
    net.add_node(
        FAMILY_ID,
        label="\n".join(family_lines),
        title=" ".join(family_lines) if ecomap.family_label is None else ecomap.family_label,
        shape="box",
        x=0,
        y=0,
        physics=False,
        fixed=True,
        margin=BOX_MARGIN,
        widthConstraint={"minimum": fw - 2 * BOX_MARGIN},
        heightConstraint={"minimum": fh - 2 * BOX_MARGIN, "valign": "middle"},
        font={"size": FAMILY_FONT_PX, "face": FONT_FACE, "color": "#FFFFFF", "bold": True},
        color={
            "background": "#333333",
            "border": "#000000",
            "highlight": {"background": "#000000", "border": "#000000"},
            "hover": {"background": "#444444", "border": "#000000"},
        },
        borderWidth=2,
        shapeProperties={"borderRadius": 10},
    )
    # Only a minimum width: the lines are already wrapped by ``wrap_label`` with a generous width
    # estimate, so the box is exactly the planned size. (A vis "maximum" would make vis wrap again,
    # and it wraps earlier than the text's measured width, which would make boxes taller.)
    ties_of: dict[str, list[Tie]] = {person.id: [] for person in ecomap.people}
    for tie in ecomap.ties:  # grouped once: looking them up per person grew with n squared
        ties_of[tie.person_id].append(tie)
    for person in ecomap.people:
        x, y = geometry.positions[person.id]
        w, h = geometry.sizes[person.id]
        net.add_node(
            person.id,
            label="\n".join(geometry.labels[person.id]),
            title=_person_title(person, ties_of[person.id], lang),
            shape="box",
            x=x,
            y=y,
            physics=False,
            fixed=True,
            margin=BOX_MARGIN,
            widthConstraint={"minimum": w - 2 * BOX_MARGIN},
            heightConstraint={"minimum": h - 2 * BOX_MARGIN, "valign": "middle"},
            font={"size": FONT_PX, "face": FONT_FACE, "color": INK},
            **_node_style(person.quality),
        )


def _add_edges(net: Network, ecomap: EcoMap, lang: Language) -> None:
    """One edge per tie, always drawn person -> family; the arrow ends say who receives."""
    people = {person.id: person for person in ecomap.people}
    for tie in ecomap.ties:
        person = people[tie.person_id]
        style = EDGE_STYLE[tie.form]
        curve, roundness = _CURVE[tie.form]
        stressful = person.quality is Quality.STRESSFUL
        edge: dict[str, Any] = {
            "arrows": {
                "to": {"enabled": tie.direction.parent_receives, "scaleFactor": 0.7},
                "from": {"enabled": tie.direction.parent_gives, "scaleFactor": 0.7},
            },
            "color": {
                "color": STRESS_COLOUR if stressful else style["color"],
                "highlight": STRESS_COLOUR if stressful else style["color"],
                "hover": STRESS_COLOUR if stressful else style["color"],
                "opacity": MIXED_OPACITY if person.quality is Quality.MIXED else 1.0,
            },
            "dashes": style["dashes"],
            "width": 4.5 if stressful else 2.5,
            "smooth": {"enabled": True, "type": curve, "roundness": roundness},
            "title": f"{person.name}: {label(tie.form, lang)} ({label(tie.direction, lang)})",
        }
        if stressful:
            edge["label"] = " ! "
            edge["font"] = {
                "size": 20,
                "face": FONT_FACE,
                "color": "#FFFFFF",
                "background": STRESS_COLOUR,
                "strokeWidth": 0,
                "align": "horizontal",
            }
        net.add_edge(person.id, FAMILY_ID, **edge)


def _page(ecomap: EcoMap, geometry: Placement, lang: Language, assets: Assets) -> dict[str, Any]:
    """Everything the template needs besides nodes and edges: legend texts, rings, the view."""
    region_width = REGION_LABEL_BOX[0] - 8
    regions = [
        {
            "side": r.side,
            "r_inner": r.r_inner,
            "r_outer": r.r_outer,
            "fill": _REGION_FILL[c],
            "label_pos": list(r.label_pos),
            "label": wrap_label(
                label(c, lang),
                font_px=REGION_FONT_PX * 1.1,
                max_width=region_width,
                max_lines=2,
            ),
        }
        for c, r in geometry.regions.items()
    ]
    options = {
        "physics": {"enabled": False},
        "layout": {"randomSeed": 1, "improvedLayout": False},
        "interaction": {
            "dragNodes": False,
            "dragView": True,
            "zoomView": True,
            "hover": True,
            "tooltipDelay": 150,
            "selectConnectedEdges": False,
            "keyboard": False,
        },
        "edges": {"selectionWidth": 1.5, "hoverWidth": 0.5},
    }
    wishes = ", ".join(label(f, lang) for f in ecomap.wishes)
    return {
        "lang": lang,
        "csp": _CSP[assets],
        "title": text("map.page.title", lang),
        "map_label": text("map.page.map", lang),
        "hint": text("map.page.hint", lang),
        "empty": text("map.page.empty", lang) if not ecomap.people else "",
        "legend": {
            "title": text("map.legend.title", lang),
            "axes": text("map.legend.axes", lang),
            "forms": text("map.legend.forms", lang),
            "arrows": text("map.legend.arrows", lang),
            "feel": text("map.legend.feel", lang),
            "stressful_name": label(Quality.STRESSFUL, lang),
            "stressful": text("map.legend.stressful", lang),
            "mixed_name": label(Quality.MIXED, lang),
            "mixed": text("map.legend.mixed", lang),
            "stress_colour": STRESS_COLOUR,
            "mixed_colour": EDGE_STYLE[SupportForm.EMOTIONAL]["color"],
            "mixed_opacity": MIXED_OPACITY,
            "form_items": [
                {"text": label(f, lang), "color": s["color"], "dasharray": s["svg"]}
                for f, s in EDGE_STYLE.items()
            ],
            "arrow_items": [
                {
                    "text": label(d, lang),
                    "to_family": d.parent_receives,
                    "to_person": d.parent_gives,
                }
                for d in Direction
            ],
        },
        "wishes_title": text("map.wishes.title", lang),
        "wishes": wishes,
        "data": {
            "failed": text(_FAILED, lang),
            "regions": regions,
            "extent": list(geometry.extent),
            "region_font": REGION_FONT_PX,
            "options": options,
        },
    }


def render_html(
    ecomap: EcoMap,
    lang: Language = "nl",
    *,
    assets: Assets = "inline",
    geometry: Placement | None = None,
) -> str:
    """The map as a complete HTML page that loads nothing from any other host. Show it in an
    iframe; it fits itself to the frame's width and height.

    ``assets="inline"`` (default): one self-contained file of about 700 KB, mostly vis-network.
    ``assets="app"``: for the Streamlit app with static serving on; vis-network comes from
    ``APP_STATIC_URL`` (cached by the browser), so the page is only the data (~30 KB for 30
    people). Outside the app that page shows no map, and says so.

    ``geometry``: ``plan(ecomap)`` when the caller already has it for this very map (planning is
    most of the work for big maps; do not plan twice)."""
    if geometry is None:
        geometry = plan(ecomap)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    _add_nodes(net, ecomap, geometry, lang)
    _add_edges(net, ecomap, lang)
    html = _template().render(
        nodes=net.nodes, edges=net.edges, page=_page(ecomap, geometry, lang, assets)
    )
    head, marker, tail = html.partition(_VIS_MARKER)
    if not marker:
        raise RuntimeError("the map template lost its vis-network marker")
    return head + (_vis_bundle() if assets == "inline" else _vis_links()) + tail
