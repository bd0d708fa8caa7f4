"""The still picture of the map (PNG, SVG, and the figure on the PDF): readable in black and white,
every tie visible, names escaped, anonymising and comparison marks shown."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from PIL import Image

from ecomap.drawing.map_data import region_lines
from ecomap.drawing.picture import (
    FORM_STYLE,
    draw_map,
    figure_svg,
    legend_figure,
    legend_svg,
    render_png,
    render_svg,
)
from ecomap.drawing.placement import plan
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.texts.labels import label

OUTPUT_NAMES = ("Ayşe Yılmaz", "محمد العربي", "Łucja 👶", "<script>alert(1)</script>")


def example() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        family_label="Gezin J.",
        people=[
            Person(id="p1", name=OUTPUT_NAMES[0], role="oma", category=Category.INFORMAL_CLOSE),
            Person(
                id="p2", name=OUTPUT_NAMES[1], role="buurman", category=Category.INFORMAL_DISTANT
            ),
            Person(
                id="p3",
                name=OUTPUT_NAMES[2],
                role="juf",
                category=Category.FORMAL_EVERYDAY,
                quality=Quality.STRESSFUL,
            ),
            Person(id="p4", name=OUTPUT_NAMES[3], category=Category.FORMAL_YOUTHCARE),
        ],
        ties=[
            Tie(person_id="p1", form=SupportForm.EMOTIONAL, direction=Direction.RECEIVES),
            Tie(person_id="p1", form=SupportForm.PRACTICAL, direction=Direction.GIVES),
            Tie(person_id="p1", form=SupportForm.INFORMATIONAL, direction=Direction.BOTH),
            Tie(person_id="p1", form=SupportForm.NORMATIVE),
            Tie(person_id="p3", form=SupportForm.INFORMATIONAL),
        ],
    )


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def strands(fig: Figure) -> list[Line2D]:
    """The support lines drawn on the map (the legend's samples are on another axes)."""
    ax = fig.axes[0]
    return [line for line in ax.get_lines() if len(line.get_xdata()) >= 2]


def test_every_tie_is_one_strand_drawn_where_the_geometry_says() -> None:
    m = example()
    fig = draw_map(m, "nl")
    drawn = strands(fig)
    g = plan(m)
    assert len(drawn) == len(m.ties) == len(g.lines)
    for line, planned in zip(drawn, g.lines, strict=True):
        xs, ys = zip(*planned.points, strict=True)
        assert list(line.get_xdata()) == list(xs)
        assert list(line.get_ydata()) == [-y for y in ys]  # y up in matplotlib


def test_forms_differ_by_pattern_as_well_as_colour() -> None:
    """In black and white the line pattern alone tells the forms apart; the legend matches."""
    m = example()
    fig = draw_map(m, "nl")
    by_form = {
        planned.form: line
        for planned, line in zip(plan(m).lines, strands(fig), strict=True)
        if planned.person_id == "p1"
    }
    p1 = [by_form[f] for f in SupportForm]  # p1 has all four forms
    # solid and three dash patterns (matplotlib keeps the pattern, in points, on the line)
    assert len({str(line._dash_pattern) for line in p1}) == 4  # type: ignore[attr-defined]
    legend = next(iter(legend_figure("nl").findobj(Legend)))
    entries = dict(zip([t.get_text() for t in legend.texts], legend.legend_handles, strict=True))
    for form in SupportForm:
        handle = entries[label(form, "nl")]
        assert handle is not None
        assert handle.get_color() == FORM_STYLE[form][0]  # type: ignore[attr-defined]


def test_arrow_heads_sit_near_each_person_pointing_the_way_support_flows() -> None:
    m = example()
    fig = draw_map(m, "nl")
    heads = [p for p in fig.axes[0].patches if isinstance(p, Polygon) and len(p.get_xy()) <= 4]
    assert len(heads) == sum(len(line.arrows) for line in plan(m).lines)
    assert len(heads) == sum((2 if t.direction is Direction.BOTH else 1) for t in m.ties), (
        "one head each way"
    )


def test_regions_are_drawn_and_named_and_the_family_is_in_the_centre() -> None:
    fig = draw_map(example(), "en")
    rings = [p for p in fig.axes[0].patches if isinstance(p, Polygon) and len(p.get_xy()) > 20]
    assert len(rings) == 4
    words = " ".join(texts(fig)).replace("\n", " ")
    for category in Category:
        assert " ".join(region_lines(category, "en")) in words
    assert "Gezin J." in words


def test_names_are_drawn_and_stressful_contact_is_marked() -> None:
    fig = draw_map(example(), "nl")
    words = "".join(texts(fig))
    assert "AyşeYılmaz" in words.replace(" ", "")
    assert "<script>alert(1)</script>" in words.replace(" ", "")  # wrapped, but all there
    assert "!" in texts(fig)
    widths = {
        planned.person_id: line.get_linewidth()
        for planned, line in zip(plan(example()).lines, strands(fig), strict=True)
    }
    assert widths["p3"] > 1.4 * widths["p1"]  # the stressful contact's line is thicker


def test_anonymised_picture_has_roles_not_names() -> None:
    fig = draw_map(example(), "nl", anonymise=True)
    words = " ".join(texts(fig))
    for name in ("Ayşe", "محمد", "Łucja", "script"):
        assert name not in words
    assert "Oma" in words and "Buurman" in words
    svg = render_svg(example(), "nl", anonymise=True).decode()
    assert "Ayşe" not in svg and "script" not in svg


def test_comparison_marks_new_and_moved_and_lists_who_is_gone() -> None:
    now = example()
    earlier = EcoMap(
        date=dt.date(2025, 12, 1),
        people=[
            now.people[0].model_copy(update={"closeness": 1}),
            Person(id="old", name="Piet", category=Category.INFORMAL_DISTANT),
        ],
    )
    words = texts(draw_map(now, "nl", previous=earlier))
    assert words.count("nieuw") == 3  # p2, p3, p4
    assert words.count("anders") == 1  # p1 came closer
    assert "Niet meer op de kaart: Piet." in words


def test_unicode_names_render_to_png_and_svg() -> None:
    png = render_png(example(), "nl", dpi=60)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 420
    svg = render_svg(example(), "nl")
    assert svg.startswith(b"<?xml")
    assert "محمد العربي" in svg.decode()


def test_svg_escapes_names_and_names_each_person_whole() -> None:
    svg = render_svg(example(), "nl").decode()
    assert "<script" not in svg
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in svg
    assert re.search(r'<g id="person-p1-0"><title>Ayşe Yılmaz</title>', svg)


def test_same_map_same_svg() -> None:
    assert render_svg(example(), "nl") == render_svg(example(), "nl")


def test_empty_map_draws_the_grid_and_the_family() -> None:
    fig = draw_map(EcoMap(), "nl")
    assert strands(fig) == []
    assert "Gezin" in texts(fig)


@pytest.mark.parametrize("people", [15])
def test_greyscale_print_for_a_person_to_look_at(people: int, output_dir: object) -> None:
    """Writes the map in colour and in greyscale to test-output/ to look at; checks the grey
    version still has dark lines (the patterns, not the colours, carry the forms)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from maps import network

    png = render_png(network(people), "nl", dpi=100)
    grey = Image.open(io.BytesIO(png)).convert("L")
    assert isinstance(output_dir, Path)
    (output_dir / "map-15.png").write_bytes(png)
    grey.save(output_dir / "map-15-grey.png")
    histogram = grey.histogram()
    assert sum(histogram[:128]) > 1000  # lines, boxes and text stay dark in greyscale


def test_the_cached_legend_is_the_drawn_legend_for_each_language_and_marks() -> None:
    """The PDF's legend comes from a per-process cache; it must be the same drawing a fresh
    ``legend_figure`` gives, and differ where the language or the comparison marks differ."""
    seen = set()
    for lang in ("nl", "en"):
        for marks in (False, True):
            svg, height_in = legend_svg(lang, marks, 2.4)
            fresh = legend_figure(lang, marks=marks, width_in=2.4)
            assert svg == figure_svg(fresh)
            assert height_in == pytest.approx(fresh.get_size_inches()[1])
            assert legend_svg(lang, marks, 2.4)[0] is svg  # drawn once
            seen.add(svg)
    assert len(seen) == 4
