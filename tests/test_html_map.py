"""The HTML export: one self-contained page (no other host), the app's own renderer and data,
hostile names stay text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from xss_payloads import PAYLOADS

from ecomap.drawing import WEB
from ecomap.drawing.fonts import drawable
from ecomap.drawing.html_map import CSP, render_html, vis_network_js
from ecomap.drawing.map_data import map_data
from ecomap.drawing.placement import plan
from ecomap.model import (
    LANGUAGES,
    Category,
    Direction,
    EcoMap,
    Language,
    Person,
    Quality,
    SupportForm,
    Tie,
)
from ecomap.texts.catalog import text
from ecomap.texts.labels import family_label, label

URL_ATTRS = {"src", "href", "action", "formaction", "data", "poster", "srcset", "background"}
EXPECTED_TAGS = {"html", "head", "meta", "title", "style", "script", "body", "div"}
"""The page's own markup: everything else (the drawing, the legend) is built by the script with
DOM calls and ``textContent``."""


def example_map() -> EcoMap:
    """Twelve people in all four categories, every form and direction, mixed and stressful."""
    cats = list(Category)
    people = [
        Person(
            id=f"p{i}",
            name=name,
            role=role,
            category=cats[i // 3],
            closeness=[5, None, 2][i % 3],
            quality=Quality.STRESSFUL
            if i == 10
            else Quality.MIXED
            if i == 2
            else Quality.SUPPORTIVE,
        )
        for i, (name, role) in enumerate(
            [
                ("Mark", "partner"),
                ("Oma Ria", "oma"),
                ("Zus Anouk", "zus"),
                ("Buurvrouw Els", "buurvrouw"),
                ("Moeders van groep 2", "andere ouders"),
                ("Collega Samir", "collega"),
                ("Juf Sanne", "juf groep 2"),
                ("Consultatiebureau", "JGZ"),
                ("Kinderopvang De Vlinder", "opvang"),
                ("Wijkteam", "wijkteam"),
                ("Jeugdbescherming", ""),
                ("Opvoedcoach Karin", "opvoedhulp"),
            ]
        )
    ]
    forms = list(SupportForm)
    directions = list(Direction)
    ties = [
        Tie(person_id=f"p{i}", form=forms[(i + k) % 4], direction=directions[(i + k) % 3])
        for i in range(12)
        for k in range(1 + i % 3)
    ]
    return EcoMap(people=people, ties=ties, wishes=[SupportForm.PRACTICAL, SupportForm.EMOTIONAL])


def payload_map() -> EcoMap:
    people = [
        Person(
            id=f"x{i}", name=p, role=p, category=list(Category)[i % 4], quality=list(Quality)[i % 3]
        )
        for i, p in enumerate(PAYLOADS)
    ]
    ties = [Tie(person_id=p.id, form=list(SupportForm)[i % 4]) for i, p in enumerate(people)]
    return EcoMap(people=people, ties=ties, family_label=PAYLOADS[0])


class Page(HTMLParser):
    """Collects tags, attributes, and the text of <style> and <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._in = tag
            (self.styles if tag == "style" else self.scripts).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.styles[-1] += data
        elif self._in == "script":
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def embedded_data(html: str) -> Any:
    """The map's data, from the page's JSON block."""
    match = re.search(
        r'<script type="application/json" id="ecomap-data">(.*?)</script>', html, re.S
    )
    assert match
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def example_html() -> dict[Language, str]:
    return {lang: render_html(example_map(), lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def payload_html() -> str:
    return render_html(payload_map(), "nl")


# --------------------------------------------------------------------------- no other host


def _external(url: str) -> bool:
    url = url.strip().lower()
    return bool(re.match(r"^(https?:|//|ftp:|ws:|wss:)", url)) or "://" in url


@pytest.mark.parametrize("which", ["example", "payloads"])
def test_page_loads_nothing_from_another_host(
    which: str, example_html: dict[Language, str], payload_html: str
) -> None:
    html = example_html["nl"] if which == "example" else payload_html
    page = parse(html)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in URL_ATTRS and value:
                assert not _external(value), (tag, name, value)
    for style in page.styles:
        for url in re.findall(r"url\(([^)]*)\)", style):
            assert url.strip("'\"").startswith("data:"), url
    assert "<link" not in html.lower()


def test_content_security_policy_comes_first_and_allows_only_the_page(
    example_html: dict[Language, str],
) -> None:
    html = example_html["nl"]
    head = html[: html.index("<title>")]
    assert f'content="{CSP}"' in head
    assert "default-src 'none'" in CSP and "connect-src" not in CSP and "http" not in CSP
    assert "font-src data:" in CSP, "the font comes along as a data: URL"


def test_the_page_has_only_its_own_markup(payload_html: str) -> None:
    assert {tag for tag, _ in parse(payload_html).tags} <= EXPECTED_TAGS


def test_hostile_names_never_appear_raw(payload_html: str) -> None:
    for payload in PAYLOADS:
        if "<" in payload or ">" in payload or "&" in payload:
            assert payload not in payload_html, payload
    assert "</script><script" not in payload_html.lower()


def test_hostile_names_arrive_as_exact_text(payload_html: str) -> None:
    """Each name arrives as the planned label: the same characters (as ``drawable`` gives them:
    a letter the map's font lacks as "�", an emoji left out), wrapped over lines (and cut with
    "…" when very long), nothing added."""
    data = embedded_data(payload_html)
    for person, shown in zip(payload_map().people, data["people"], strict=True):
        drawn = "".join("".join(shown["lines"]).split()).removesuffix("…")
        name = "".join(drawable(person.name).split())
        assert name.startswith(drawn), (person.name, shown["lines"])


def test_line_separators_and_script_ends_are_escaped() -> None:
    m = EcoMap(
        people=[
            Person(id="p1", name="a\u2028b</script>", category=Category.INFORMAL_CLOSE),
            Person(id="p2", name="<!--", category=Category.INFORMAL_CLOSE),
        ]
    )
    html = render_html(m)
    block = html[html.index('id="ecomap-data">') :]
    block = block[: block.index("</script>")]
    assert "\u2028" not in block and "<" not in block[1:] and "-->" not in block
    assert embedded_data(html)["people"][0]["lines"] == ["a b</script>"] or embedded_data(html)[
        "people"
    ][0]["lines"][0].startswith("a")


def test_the_page_draws_the_apps_own_data(example_html: dict[Language, str]) -> None:
    for lang, html in example_html.items():
        shown = embedded_data(html)
        expected = json.loads(json.dumps(map_data(example_map(), lang)))
        assert shown == expected, lang
        assert shown["touch"] is False, "nothing to drag in a file"


def test_the_renderer_the_library_and_the_font_are_inline(
    example_html: dict[Language, str],
) -> None:
    html = example_html["nl"]
    assert vis_network_js()[:2000] in html
    assert (WEB / "map.js").read_text(encoding="utf-8")[:2000] in html
    assert html.count("data:font/ttf;base64,") == 2, "regular and bold"
    assert len(html.encode()) < 1_600_000


def test_the_app_gets_the_very_vis_network_pyvis_ships() -> None:
    assert (WEB / "vis-network.min.js").read_text(encoding="utf-8") == vis_network_js()


def test_family_is_named_in_the_language(example_html: dict[Language, str]) -> None:
    assert embedded_data(example_html["nl"])["family"]["lines"] == [family_label("nl")]
    assert embedded_data(example_html["en"])["family"]["lines"] == [family_label("en")]


def test_the_legend_explains_forms_directions_and_feelings(
    example_html: dict[Language, str],
) -> None:
    words = embedded_data(example_html["nl"])["text"]
    assert words["forms"] == {f.value: label(f, "nl") for f in SupportForm}
    assert words["arrows"] == {d.value: label(d, "nl") for d in Direction}
    assert label(Quality.STRESSFUL, "nl") in words["stressful"]
    assert words["legend"] == text("map.legend.title.nurse", "nl")


def test_empty_map_says_so() -> None:
    data = embedded_data(render_html(EcoMap(), "nl", "parent"))
    assert data["people"] == []
    assert data["text"]["empty"] == text("map.page.empty.parent", "nl")


def test_a_given_plan_draws_the_same_page() -> None:

    m = example_map()
    assert render_html(m, "nl", geometry=plan(m)) == render_html(m, "nl")
