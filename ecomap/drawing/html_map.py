"""The interactive eco-map as one self-contained HTML file (the ``.html`` export): it opens
offline in any browser, loads nothing from any other host, and can be mailed or archived.

It is the app's own map: the same renderer (``ecomap/web/map.js`` on vis-network 9.1.2, the copy
pyvis ships) and the same data (``ecomap.drawing.map_data``), with everything inlined: the library,
the renderer, the font (Ecomap Sans) and the pictograms, as data: URLs, and the map's data as JSON.
A Content-Security-Policy makes any other load fail. Zoom and pan work; dragging and tapping do
nothing here (there is no app to tell).

User text reaches the page only inside the JSON block, with every ``<``, ``>`` and ``&`` escaped
as ``\\u003c``-style escapes (so no name can end the block), and is drawn on a canvas or set with
``textContent``.
"""

from __future__ import annotations

import base64
import json
from functools import cache
from pathlib import Path
from typing import Final

import pyvis

from ecomap.drawing import WEB
from ecomap.drawing.fonts import font_bytes
from ecomap.drawing.map_data import map_data
from ecomap.drawing.pictograms import FILES as PICTOGRAM_FILES
from ecomap.drawing.pictograms import data_uri
from ecomap.drawing.placement import Placement
from ecomap.model import EcoMap, Language
from ecomap.texts.catalog import text
from ecomap.texts.reflection import Mode

__all__ = ["CSP", "render_html", "vis_network_js"]

CSP: Final = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)


@cache
def vis_network_js() -> str:
    """vis-network as pyvis ships it (the source of truth; ``web/vis-network.min.js`` is a byte
    copy that the app's component loads, and a test keeps the two equal)."""
    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8")


@cache
def _code() -> tuple[str, str]:
    """The renderer and its styles, checked once: nothing in them may end their tags early."""
    js = (WEB / "map.js").read_text(encoding="utf-8")
    css = (WEB / "map.css").read_text(encoding="utf-8")
    for part in (js, css, vis_network_js()):
        if "</script" in part.lower() or "</style" in part.lower() or "<!--" in part:
            raise RuntimeError("a map asset cannot be inlined safely")
    return js, css


@cache
def _font_urls() -> str:
    urls = {
        name: "data:font/ttf;base64," + base64.b64encode(font_bytes(bold)).decode("ascii")
        for name, bold in (("regular", False), ("bold", True))
    }
    return json.dumps(urls)


@cache
def _pictogram_urls() -> str:
    """Every pictogram as a data: URL by its file name (the export loads nothing)."""
    return _json_for_script({file: data_uri(value) for value, file in PICTOGRAM_FILES.items()})


def _json_for_script(data: object) -> str:
    """JSON that is safe inside a ``<script>`` block: no ``<``, ``>`` or ``&`` survives, and the
    line separators U+2028/2029 are escaped too (ASCII-only output)."""
    out = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(
    ecomap: EcoMap,
    lang: Language = "nl",
    mode: Mode = "nurse",
    *,
    geometry: Placement | None = None,
) -> str:
    """The map as one HTML page of about 1.4 MB (the library and the font are most of it).

    ``geometry``: ``plan(ecomap)`` when the caller has it already (do not plan twice)."""
    js, css = _code()
    contract = map_data(ecomap, lang, mode, geometry=geometry)
    data, data_dir = _json_for_script(contract), contract["dir"]
    title = text("map.page.title", lang)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" dir="{data_dir}">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_escape(title)}</title>\n"
        f"<style>body{{margin:8px;background:#fff}}\n{css}</style>\n"
        f"<script>{vis_network_js()}</script>\n"
        "</head>\n<body>\n"
        '<div id="map"></div>\n'
        f'<script type="application/json" id="ecomap-data">{data}</script>\n'
        f'<script type="module">\n{js}\n'
        'render(document.getElementById("map"), '
        'JSON.parse(document.getElementById("ecomap-data").textContent), '
        f"{{fonts: {_font_urls()}, pictogram: (file) => ({_pictogram_urls()})[file]}});\n"
        "</script>\n"
        "</body>\n</html>\n"
    )


def _escape(words: str) -> str:
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
