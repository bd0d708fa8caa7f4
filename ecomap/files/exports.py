"""The one registry from an output format to the function that renders it.

Why one registry: the app's download buttons, the command line (``ecomap render -o map.pdf``) and
the README all list the same formats. A new format is one ``ExportFormat`` line in ``_FORMATS``;
nothing else needs to know it exists.

Render functions are imported lazily (``lazy_render``), so ``import ecomap.files.exports`` stays
cheap and a format whose module is missing fails only when that format is used. Every export honours
``ExportOptions.anonymise``: a renderer that cannot anonymise itself gets a copy of the map with
names replaced (``ecomap.texts.anonymise.anonymised``), so no export leaks a name when asked not to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from ecomap.model import EcoMap, Language

Mode = Literal["nurse", "parent"]
OptionName = Literal["lang", "mode", "anonymise"]


@dataclass(frozen=True)
class ExportOptions:
    """What every renderer may take into account; each uses the options that matter to it."""

    lang: Language = "nl"
    mode: Mode = "nurse"
    """Who reads it: "nurse" (parent and nurse together, "u") or "parent" (at home)."""
    anonymise: bool = False
    """Roles instead of names (for dossiers that may not hold third parties' names)."""


Render = Callable[[EcoMap, ExportOptions], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One output format: its key, file extension, media type and render function."""

    key: str
    """Stable code: "json", "html", "pdf", ..."""
    extension: str
    """File extension with the dot, lower case: ".html"."""
    media_type: str
    """HTTP media type for downloads: "text/html; charset=utf-8"."""
    render: Render
    binary: bool
    """True when the bytes are not text (PDF, PNG, ZIP); text formats are UTF-8."""
    by_extension: bool = True
    """Whether a file name's extension picks this format (``format_for_path``). False for a
    second format with the same extension (the take-home page is a PDF too): it is asked for
    by its key (``ecomap render --format takehome``)."""


class UnknownFormat(ValueError):
    """No registered format has this key or extension. ``known`` lists the extensions there are,
    so a message can tell which ones work."""

    def __init__(self, asked: str, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown export format {asked!r}; known: {', '.join(known)}")
        self.asked = asked
        self.known = known


def _anonymised(ecomap: EcoMap, lang: Language) -> EcoMap:
    module = import_module("ecomap.texts.anonymise")
    result: EcoMap = module.anonymised(ecomap, lang)
    return result


def lazy_render(module: str, function: str, *options: OptionName) -> Render:
    """A render function that imports ``module.function`` on first use and calls it as
    ``function(ecomap, **{option: value})`` for the named options; a ``str`` result is encoded as
    UTF-8. When "anonymise" is not among ``options``, the function gets an anonymised copy of the
    map instead, so anonymising works for every format."""

    def render(ecomap: EcoMap, opts: ExportOptions) -> bytes:
        if opts.anonymise and "anonymise" not in options:
            ecomap = _anonymised(ecomap, opts.lang)
        target: Callable[..., Any] = getattr(import_module(module), function)
        result = target(ecomap, **{name: getattr(opts, name) for name in options})
        if isinstance(result, str):
            return result.encode("utf-8")
        if isinstance(result, bytes):
            return result
        raise TypeError(f"{module}.{function} returned {type(result).__name__}, not str or bytes")

    render.__name__ = f"render_{function}"
    render.__doc__ = f"Renders through {module}.{function} (imported on first use)."
    return render


def _render_json(ecomap: EcoMap, opts: ExportOptions) -> bytes:
    """The interchange format (``EcoMap.to_json``), with names replaced when anonymising."""
    if opts.anonymise:
        ecomap = _anonymised(ecomap, opts.lang)
    return ecomap.to_json().encode("utf-8")


_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", ".json", "application/json", _render_json, binary=False),
    ExportFormat(
        "html",
        ".html",
        "text/html; charset=utf-8",
        lazy_render("ecomap.drawing.html_map", "render_html", "lang", "mode"),
        binary=False,
    ),
    ExportFormat(
        "pdf",
        ".pdf",
        "application/pdf",
        lazy_render("ecomap.files.pdf", "render_pdf", "lang", "mode", "anonymise"),
        binary=True,
    ),
    ExportFormat(
        "svg",
        ".svg",
        "image/svg+xml",
        lazy_render("ecomap.drawing.picture", "render_svg", "lang", "anonymise"),
        binary=False,
    ),
    ExportFormat(
        "png",
        ".png",
        "image/png",
        lazy_render("ecomap.drawing.picture", "render_png", "lang", "anonymise"),
        binary=True,
    ),
    ExportFormat(
        "graphml",
        ".graphml",
        "application/graphml+xml",
        lazy_render("ecomap.files.tabular", "to_graphml", "lang", "anonymise"),
        binary=False,
    ),
    # The parent's take-home page (the map, what is strong, one step; ecomap.files.takehome), in the
    # parent's voice whatever the mode: A4, and a page the shape of a phone screen.
    ExportFormat(
        "takehome",
        ".pdf",
        "application/pdf",
        lazy_render("ecomap.files.takehome", "render_takehome", "lang", "anonymise"),
        binary=True,
        by_extension=False,
    ),
    ExportFormat(
        "takehome-phone",
        ".pdf",
        "application/pdf",
        lazy_render("ecomap.files.takehome", "render_takehome_phone", "lang", "anonymise"),
        binary=True,
        by_extension=False,
    ),
    # Two tables (people.csv, joined on person_id), as ego-network tools expect,
    # in one ZIP so that one download holds both.
    ExportFormat(
        "csv",
        ".zip",
        "application/zip",
        lazy_render("ecomap.files.tabular", "csv_zip", "lang", "anonymise"),
        binary=True,
    ),
)

EXPORTS: dict[str, ExportFormat] = {f.key: f for f in _FORMATS}
"""Every output format by key, in the order the app offers them."""


def export(ecomap: EcoMap, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The map rendered in format ``fmt`` (a key of ``EXPORTS``), as bytes ready to save."""
    try:
        chosen = EXPORTS[fmt]
    except KeyError:
        raise UnknownFormat(fmt, tuple(EXPORTS)) from None
    return chosen.render(ecomap, options or ExportOptions())


def format_for_path(path: str | Path) -> ExportFormat:
    """The format a file name asks for, by its extension (case-insensitive: "MAP.HTML" is html);
    of two formats with one extension, the one with ``by_extension`` (".pdf" is the dossier).

    Raises ``UnknownFormat`` (a ValueError) naming the extensions that work.
    """
    suffix = Path(path).suffix.lower()
    chosen = [fmt for fmt in EXPORTS.values() if fmt.by_extension]
    for fmt in chosen:
        if fmt.extension == suffix:
            return fmt
    raise UnknownFormat(suffix or str(path), tuple(f.extension for f in chosen))
