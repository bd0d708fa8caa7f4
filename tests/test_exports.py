"""The export registry: every format renders a map, a file name picks its format, anonymising
removes names from every export, and the README documents every format."""

from __future__ import annotations

import functools
import io
import re
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ecomap import EXPORTS, export
from ecomap.files.exports import ExportOptions, UnknownFormat, format_for_path, lazy_render
from ecomap.model import Category, Direction, EcoMap, Person, SupportForm, Tie

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("Zebulon Quackenbush", "Ottilie Vandersnoot", "Bartholomeus Krummelpap")


def _map() -> EcoMap:
    people = [
        Person(id="p1", name=NAMES[0], role="oma", category=Category.INFORMAL_CLOSE, closeness=5),
        Person(id="p2", name=NAMES[1], role="buurvrouw", category=Category.INFORMAL_DISTANT),
        Person(id="p3", name=NAMES[2], category=Category.FORMAL_EVERYDAY),
    ]
    ties = [
        Tie(person_id="p1", form=SupportForm.PRACTICAL),
        Tie(person_id="p2", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        Tie(person_id="p3", form=SupportForm.INFORMATIONAL),
    ]
    return EcoMap(people=people, ties=ties, wishes=[SupportForm.NORMATIVE])


@functools.cache
def _rendered(key: str, options: ExportOptions) -> bytes:
    """Cached: the PDF takes a while, and several tests look at the same bytes."""
    return export(_map(), key, options)


def _readable(key: str, data: bytes) -> bytes:
    """The bytes in which a person could read a name: the CSV zip unpacked, others as they are."""
    if key == "csv":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return data


def test_json_and_html_are_registered_with_their_file_types() -> None:
    assert EXPORTS["json"].extension == ".json"
    assert EXPORTS["json"].media_type.startswith("application/json")
    assert EXPORTS["html"].extension == ".html"
    assert EXPORTS["html"].media_type == "text/html; charset=utf-8"
    for key, fmt in EXPORTS.items():
        assert fmt.key == key
        assert re.fullmatch(r"\.[a-z0-9]+", fmt.extension), fmt.extension
    extensions = [f.extension for f in EXPORTS.values() if f.by_extension]
    assert len(set(extensions)) == len(extensions), "a file name would pick two formats"
    for fmt in EXPORTS.values():  # a format not picked by its extension shares it with one that is
        assert fmt.by_extension or fmt.extension in extensions


def test_json_export_is_the_interchange_format() -> None:
    original = _map()
    data = export(original, "json")
    assert EcoMap.from_json(data) == original
    assert export(original, "json", ExportOptions(lang="en", mode="parent")) == data


@pytest.mark.parametrize("key", sorted(EXPORTS))
def test_every_format_renders_and_text_formats_are_utf8(key: str) -> None:
    data = _rendered(key, ExportOptions())
    assert data
    if not EXPORTS[key].binary:
        data.decode("utf-8")
    if key == "json":
        assert NAMES[0].encode() in data
    if key == "html":  # as the map draws it: the name wrapped over lines, in the page's data
        for part in NAMES[0].split():
            assert f'"{part}"'.encode() in data


TEXT_BEARING = sorted(set(EXPORTS) - {"png"})
"""Formats whose bytes hold names as text (PNG draws them as pixels; test_picture covers it)."""


@pytest.mark.parametrize("key", TEXT_BEARING)
def test_anonymised_exports_hold_no_names(key: str) -> None:
    parts = [part.encode() for name in NAMES for part in name.split()]
    plain = _readable(key, _rendered(key, ExportOptions()))
    assert any(part in plain for part in parts), f"{key} should show the names when not anonymised"
    data = _readable(key, _rendered(key, ExportOptions(anonymise=True)))
    for part in parts:
        assert part not in data, f"{key} export shows {part!r}"


def test_anonymised_json_keeps_the_network() -> None:
    original = _map()
    anonymous = EcoMap.from_json(export(original, "json", ExportOptions(anonymise=True)))
    assert [p.id for p in anonymous.people] == [p.id for p in original.people]
    assert [p.category for p in anonymous.people] == [p.category for p in original.people]
    assert anonymous.ties == original.ties
    assert anonymous.wishes == original.wishes


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("map.json", "json"),
        ("out/kaart.html", "html"),
        ("MAP.HTML", "html"),
        (Path("a.JSON"), "json"),
    ],
)
def test_the_extension_picks_the_format(path: str | Path, key: str) -> None:
    assert format_for_path(path) is EXPORTS[key]


@pytest.mark.parametrize("path", ["map.docx", "map", "map.html.bak", ".json.txt"])
def test_unknown_extension_is_a_clear_error(path: str) -> None:
    with pytest.raises(UnknownFormat) as err:
        format_for_path(path)
    assert isinstance(err.value, ValueError)
    assert ".json" in err.value.known and ".html" in err.value.known
    assert ".json" in str(err.value)


def test_unknown_key_is_a_clear_error() -> None:
    with pytest.raises(UnknownFormat, match="docx"):
        export(_map(), "docx")


def test_lazy_render_passes_options_encodes_text_and_anonymises_for_renderers_that_cannot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def render_text(ecomap: EcoMap, **options: Any) -> str:
        calls.append(([p.name for p in ecomap.people], options))
        return "café ✓"

    fake = types.ModuleType("fake_renderer")
    fake.render_text = render_text  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_renderer", fake)

    plain = lazy_render("fake_renderer", "render_text", "lang")
    assert plain(_map(), ExportOptions(lang="en")) == "café ✓".encode()
    assert calls[-1] == (list(NAMES), {"lang": "en"})

    plain(_map(), ExportOptions(anonymise=True))
    assert not set(calls[-1][0]) & set(NAMES), "a renderer without anonymise got real names"

    itself = lazy_render("fake_renderer", "render_text", "mode", "anonymise")
    itself(_map(), ExportOptions(mode="parent", anonymise=True))
    assert calls[-1] == (list(NAMES), {"mode": "parent", "anonymise": True})


def _readme_exports_section() -> str | None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Exports[^\n]*\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    return match.group(1) if match else None


def test_every_format_is_documented_in_the_readme() -> None:
    section = _readme_exports_section()
    assert section is not None, "README.md needs an '## Exports' section"
    lines = section.splitlines()
    for fmt in EXPORTS.values():
        assert any(fmt.extension in line for line in lines), (
            f"README '## Exports' does not mention {fmt.extension} ({fmt.key})"
        )


@pytest.mark.parametrize("key", sorted(EXPORTS))
def test_names_with_characters_xml_cannot_hold_export_in_every_format(key: str) -> None:
    """U+FFFE, U+FFFF and friends made the PDF fail and the SVG and GraphML ill-formed: the model
    drops them, so every format renders and the XML formats parse."""
    from xml.etree import ElementTree

    people = [
        Person(id="p1", name="Oma\ufffe Ans", role="oma\uffff", category=Category.INFORMAL_CLOSE),
        Person(id="p2", name="Buur\ud800man \ufdd0", category=Category.INFORMAL_DISTANT),
    ]
    ties = [Tie(person_id="p1", form=SupportForm.PRACTICAL)]
    ecomap = EcoMap(people=people, ties=ties, family_label="Gezin\U0001fffe", note="\uffffnote")
    data = export(ecomap, key)
    if key in ("svg", "graphml"):
        ElementTree.fromstring(data)
    if key == "pdf":
        from ecomap.files.read import read_map

        assert [p.name for p in read_map(data).people] == ["Oma Ans", "Buurman"]
    if not EXPORTS[key].binary:
        text = data.decode("utf-8")
        assert "\ufffe" not in text and "\uffff" not in text
