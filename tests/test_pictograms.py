"""The pictograms (issue 12.4): one for every group and every form of support, vendored with
their licence, clean (nothing that runs or loads), shipped in the package, and shown in the
printed legend (PDF, SVG, PNG) and the map's data. The app's use is tested in the browser
(``tests/test_pictograms_browser.py``)."""

from __future__ import annotations

import base64
import re
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.legend import Legend
from matplotlib.patches import PathPatch

from ecomap.drawing import pictograms
from ecomap.drawing.html_map import CSP, render_html
from ecomap.drawing.map_data import map_data
from ecomap.drawing.pictograms import DIR, FILES, data_uri, img, outlines, svg
from ecomap.drawing.picture import legend_figure, legend_svg, render_svg
from ecomap.model import Category, EcoMap, Person, SupportForm, Tie
from ecomap.texts.labels import label

ROOT = Path(__file__).resolve().parent.parent
ALL = [*SupportForm, *Category]


def test_every_group_and_form_has_its_own_pictogram_file() -> None:
    assert set(FILES) == set(ALL)
    assert len(set(FILES.values())) == 8, "eight different pictures"
    for value in ALL:
        assert (DIR / FILES[value]).is_file()
    assert sorted(p.name for p in DIR.glob("*.svg")) == sorted(FILES.values()), "no strays"
    contents = {(DIR / f).read_bytes() for f in FILES.values()}
    assert len(contents) == 8


def test_licence_and_attribution_travel_with_the_files() -> None:
    licence = (DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence
    attribution = (DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "OpenMoji" in attribution and "CC BY-SA 4.0" in attribution
    for value, file in FILES.items():
        code = re.search(r"OpenMoji ([0-9A-F]+)", (DIR / file).read_text(encoding="utf-8"))
        assert code, f"{file} names its OpenMoji code"
        assert f"| `{file}` | {code.group(1)} |" in attribution, f"{value}: source listed"


def test_files_are_clean_and_sanitizing_keeps_every_shape() -> None:
    for value, file in FILES.items():
        raw = (DIR / file).read_text(encoding="utf-8")
        for bad in ("<script", "foreignObject", "href", "url(", "http:", "https:", " on", "style"):
            assert bad not in raw.replace("http://www.w3.org/2000/svg", ""), (file, bad)
        shapes = len(ET.fromstring(raw).findall(".//*"))
        assert len(ET.fromstring(svg(value)).findall(".//*")) == shapes, "nothing dropped"
        assert outlines(value), f"{file} has outlines to print"


def test_sanitizing_removes_anything_that_runs_or_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 72 72" onload="alert(1)"><script>alert(2)</script>'
        '<foreignObject><div>x</div></foreignObject><image href="https://example.org/x.png"/>'
        '<use xlink:href="https://example.org/a.svg#b"/><style>*{fill:url(https://e.org)}</style>'
        '<path d="M0 0L10 10" fill="url(https://example.org/#p)" stroke="#000" '
        'style="fill:url(https://e.org)" onclick="alert(3)"/></svg>'
    )
    (tmp_path / "emotional.svg").write_text(hostile, encoding="utf-8")
    monkeypatch.setattr(pictograms, "DIR", tmp_path)
    for cached in (pictograms._tree, pictograms.svg):
        cached.cache_clear()
    try:
        clean = svg(SupportForm.EMOTIONAL)
    finally:
        for cached in (pictograms._tree, pictograms.svg):
            cached.cache_clear()
    assert "<path" in clean and 'stroke="#000"' in clean
    for bad in ("script", "alert", "foreignObject", "image", "use", "href", "url(", "style"):
        assert bad not in clean, bad


def test_a_doctype_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "emotional.svg").write_text(
        '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    )
    monkeypatch.setattr(pictograms, "DIR", tmp_path)
    pictograms._tree.cache_clear()
    try:
        with pytest.raises(pictograms.UnsafePictogram):
            pictograms._tree(SupportForm.EMOTIONAL)
    finally:
        pictograms._tree.cache_clear()


def test_svg_data_uri_and_img_are_decorative_and_self_contained() -> None:
    for value in ALL:
        text = svg(value)
        assert text.startswith("<svg") and 'aria-hidden="true"' in text
        assert 'width="24"' in text and 'height="24"' in text
        uri = data_uri(value)
        assert uri.startswith("data:image/svg+xml;base64,")
        assert base64.b64decode(uri.split(",", 1)[1]).decode() == text
        assert img(value).startswith('<img src="data:image/svg+xml;base64,')
        assert 'alt=""' in img(value)
        assert "http" not in text.replace("http://www.w3.org/2000/svg", "")


def test_the_package_ships_the_pictograms() -> None:
    """The wheel holds every file of ``ecomap/`` that git tracks and does not ignore (hatch's
    rule for ``packages = ["ecomap"]``); the map component serves ``ecomap/web``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["ecomap"]
    assert project["tool"]["streamlit"]["component"]["components"][0]["asset_dir"] == "web"
    files = [DIR / f for f in (*FILES.values(), "LICENSE", "ATTRIBUTION.md")]
    ignored = subprocess.run(
        ["git", "check-ignore", *map(str, files)], cwd=ROOT, capture_output=True, text=True
    )
    assert ignored.stdout == "", "no pictogram file is git-ignored"
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", *map(str, files)], cwd=ROOT, capture_output=True
    )
    assert tracked.returncode == 0, "every pictogram file is in the repository"


def test_printed_legend_shows_the_eight_pictograms_beside_their_words() -> None:
    fig = legend_figure("nl")
    legend = next(iter(fig.findobj(Legend)))
    words = [t.get_text().replace("\n", " ") for t in legend.texts]
    for value in ALL:
        assert label(value, "nl", "map" if isinstance(value, Category) else "name") in words
    patches = fig.findobj(PathPatch)
    assert len(patches) == sum(len(outlines(v)) for v in ALL), "every shape of the eight"
    # In the SVG the dossier PDF places (and the download), every shape is a path.
    picture, height = legend_svg("nl", False, 2.2)
    assert height > 2.0
    assert picture.count(b"<path") > len(patches)
    assert b"<image" not in picture and b'href="http' not in picture
    download = render_svg(EcoMap(people=[], ties=[]), "en")
    assert b"Own circle" in download


def test_the_map_data_names_the_pictograms_and_the_export_inlines_them() -> None:
    m = EcoMap(
        people=[Person(id="p1", name="Oma", category=Category.INFORMAL_CLOSE)],
        ties=[Tie(person_id="p1", form=SupportForm.EMOTIONAL)],
    )
    data = map_data(m, "en")
    assert data["pictograms"] == {v.value: f for v, f in FILES.items()}
    assert data["text"]["groups"]["informal_close"] == label(Category.INFORMAL_CLOSE, "en", "map")
    assert data["text"]["groups_title"] == "Groups"
    page = render_html(m, "en")
    assert "img-src data:" in CSP
    for value in ALL:
        assert data_uri(value) in page
