"""A pictogram for each form of support and each of the four groups (OpenMoji, CC BY-SA 4.0).

Parents who read poorly follow the questions, chips, table and legend by these pictures. They are
decorative: every picture stands beside its word (empty ``alt``, ``aria-hidden``), the word
always carries the meaning. Which picture stands for what, and why, is in
``web/pictograms/ATTRIBUTION.md`` with the source and licence.

The files ship in the package beside the map's component (``ecomap/web/pictograms/``), so the
browser gets them from the app itself and the HTML export inlines them as data: URLs; nothing is
ever loaded from another host. Every file is sanitized when read (an allow-list of SVG shapes and
presentation attributes: no script, no event handler, no link, no ``foreignObject``, no external
reference), so a replaced file cannot carry code into the app, the export or the PDF.

``outlines`` gives the same drawing as plain path operations for matplotlib (the printed legend),
which cannot read SVG itself. Pure Python, no Streamlit.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from typing import Final

from fontTools.pens.recordingPen import RecordingPen
from fontTools.svgLib.path import parse_path

from ecomap.drawing import WEB
from ecomap.model import Category, SupportForm

__all__ = [
    "DIR",
    "FILES",
    "SIZE",
    "VIEWBOX",
    "Outline",
    "Pictogrammed",
    "UnsafePictogram",
    "data_uri",
    "img",
    "outlines",
    "svg",
]

Pictogrammed = Category | SupportForm
"""The values that have a pictogram."""

DIR: Final = WEB / "pictograms"
"""The vendored SVG files with their ``LICENSE`` and ``ATTRIBUTION.md``."""

FILES: Final[dict[Pictogrammed, str]] = {
    SupportForm.EMOTIONAL: "emotional.svg",  # OpenMoji 2764 heart
    SupportForm.PRACTICAL: "practical.svg",  # 1F6CD shopping bags
    SupportForm.INFORMATIONAL: "informational.svg",  # 1F4A1 light bulb
    SupportForm.NORMATIVE: "normative.svg",  # 1F9ED compass
    Category.INFORMAL_CLOSE: "informal_close.svg",  # 1F46A family
    Category.INFORMAL_DISTANT: "informal_distant.svg",  # 1F3D8 houses
    Category.FORMAL_EVERYDAY: "formal_everyday.svg",  # 1F3EB school
    Category.FORMAL_YOUTHCARE: "formal_youthcare.svg",  # 1F91D handshake
}
"""Registry value → file in ``DIR`` (why these: ``ATTRIBUTION.md``)."""

VIEWBOX: Final = 72.0
"""OpenMoji draws on a 72 × 72 grid."""

_NS: Final = "http://www.w3.org/2000/svg"
_SHAPES: Final = frozenset(
    {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}
)
_ATTRIBUTES: Final = frozenset(
    {
        "viewBox", "version", "id", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "width",
        "height", "x1", "y1", "x2", "y2", "points", "fill", "stroke", "stroke-width",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "fill-rule", "opacity",
    }
)  # fmt: skip
"""What a pictogram may contain: shapes and how they are painted. No ``style`` (it can hold
``url(...)``), no ``href``, no ``on...`` handler, no ``transform`` (the files have none; keeping
the geometry flat keeps ``outlines`` simple)."""
_SAFE_VALUE: Final = re.compile(r"^[-0-9a-zA-Z.,#%\s]*$")
"""Attribute values: numbers, path data, colour words and hex colours; never ``url(`` or ``:``."""


class UnsafePictogram(ValueError):
    """A pictogram file holds something other than plain shapes."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@cache
def _tree(value: Pictogrammed) -> ET.Element:
    """The file parsed and sanitized: only allow-listed shapes and attributes survive.

    Read once per process (the files are the same for everyone, no user data)."""
    raw = (DIR / FILES[value]).read_text(encoding="utf-8")
    if "<!DOCTYPE" in raw.upper() or "<!ENTITY" in raw.upper():
        raise UnsafePictogram(f"{FILES[value]}: no DOCTYPE or entities allowed")
    root = ET.fromstring(raw)  # comments are dropped by the parser
    if _local(root.tag) != "svg":
        raise UnsafePictogram(f"{FILES[value]}: not an SVG")
    _clean(root)
    return root


def _clean(element: ET.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _local(child.tag) not in _SHAPES:
            element.remove(child)  # script, foreignObject, image, use, style, text ...
        else:
            _clean(child)
    for name in list(element.attrib):
        if _local(name) not in _ATTRIBUTES or not _SAFE_VALUE.match(element.attrib[name]):
            del element.attrib[name]
    element.text = element.tail = None


SIZE: Final = 24
"""CSS px of a pictogram beside a word: the size the pictograms were chosen to stay clear at."""


@cache
def svg(value: Pictogrammed, size: int = SIZE) -> str:
    """The pictogram as sanitized SVG text, ``size`` px square, marked decorative
    (``aria-hidden``). The size is its natural size: in a Markdown cell or a label it is then
    never drawn at a browser's default 300 × 150."""
    root = _tree(value)
    copy = ET.Element(f"{{{_NS}}}svg", dict(root.attrib))
    copy.extend(list(root))
    copy.set("width", str(size))
    copy.set("height", str(size))
    copy.set("aria-hidden", "true")
    copy.set("focusable", "false")
    ET.register_namespace("", _NS)
    return ET.tostring(copy, encoding="unicode")


@cache
def data_uri(value: Pictogrammed, size: int = SIZE) -> str:
    """``data:image/svg+xml;base64,...``: the pictogram inline, for an ``<img>`` or a Markdown
    image (nothing fetched, allowed by the map export's ``img-src data:``)."""
    raw = svg(value, size).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(raw).decode("ascii")


def img(value: Pictogrammed, size: int = SIZE) -> str:
    """An ``<img>`` tag for HTML: decorative (empty ``alt``, ``aria-hidden``)."""
    return (
        f'<img src="{data_uri(value, size)}" alt="" aria-hidden="true" '
        f'width="{size}" height="{size}" class="ecomap-pictogram">'
    )


@dataclass(frozen=True)
class Outline:
    """One shape of a pictogram as path operations in the 72 × 72 grid (y pointing down)."""

    ops: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]
    """fontTools pen operations: ``moveTo``, ``lineTo``, ``curveTo``, ``qCurveTo``,
    ``closePath``, ``endPath`` with their points."""
    fill: str | None
    """Fill colour, or None for no fill."""
    stroke: str | None
    stroke_width: float
    linecap: str
    linejoin: str


def _paint(element: ET.Element, inherited: dict[str, str]) -> dict[str, str]:
    paint = dict(inherited)
    for name in ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"):
        if name in element.attrib:
            paint[name] = element.attrib[name]
    return paint


def _number(element: ET.Element, name: str) -> float:
    return float(element.get(name, "0"))


def _path_data(element: ET.Element) -> str | None:
    """A shape as SVG path data (the SVG spec's equivalent paths)."""
    kind = _local(element.tag)

    def n(name: str) -> float:
        return _number(element, name)

    if kind == "path":
        return element.get("d")
    if kind == "line":
        return f"M{n('x1')} {n('y1')}L{n('x2')} {n('y2')}"
    if kind in ("polyline", "polygon"):
        numbers = element.get("points", "").replace(",", " ").split()
        if len(numbers) < 4:
            return None
        pairs = [f"{numbers[i]} {numbers[i + 1]}" for i in range(0, len(numbers) - 1, 2)]
        return "M" + "L".join(pairs) + ("Z" if kind == "polygon" else "")
    if kind in ("circle", "ellipse"):
        cx, cy = n("cx"), n("cy")
        rx, ry = (n("r"), n("r")) if kind == "circle" else (n("rx"), n("ry"))
        return f"M{cx - rx} {cy}A{rx} {ry} 0 1 0 {cx + rx} {cy}A{rx} {ry} 0 1 0 {cx - rx} {cy}Z"
    if kind == "rect":
        x, y, w, h = n("x"), n("y"), n("width"), n("height")
        return f"M{x} {y}H{x + w}V{y + h}H{x}Z"  # the files' rects have no rounded corners
    return None


@cache
def outlines(value: Pictogrammed) -> tuple[Outline, ...]:
    """The pictogram as path outlines, for drawing it where SVG cannot go (matplotlib)."""
    found: list[Outline] = []

    def walk(element: ET.Element, inherited: dict[str, str]) -> None:
        paint = _paint(element, inherited)
        data = _path_data(element)
        if data:
            pen = RecordingPen()
            parse_path(data, pen)
            fill = paint.get("fill", "#000")
            stroke = paint.get("stroke", "none")
            found.append(
                Outline(
                    ops=tuple((op, tuple(tuple(p) for p in points)) for op, points in pen.value),
                    fill=None if fill == "none" else fill,
                    stroke=None if stroke == "none" else stroke,
                    stroke_width=float(paint.get("stroke-width", "1")),
                    linecap=paint.get("stroke-linecap", "butt"),
                    linejoin=paint.get("stroke-linejoin", "miter"),
                )
            )
        for child in element:
            walk(child, paint)

    walk(_tree(value), {})
    return tuple(found)
