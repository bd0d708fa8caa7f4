"""The HTML map page: self-contained (no other host), hostile names stay text, legend, content."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from xss_payloads import PAYLOADS

from ecomap.catalog import text
from ecomap.html_map import APP_ASSETS, APP_STATIC_URL, EDGE_STYLE, render_html, vis_asset
from ecomap.labels import family_label, label
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
from ecomap.placement import FAMILY_ID, plan

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
URL_ATTRS = {"src", "href", "action", "formaction", "data", "poster", "srcset", "background"}
EXPECTED_TAGS = {
    "html", "head", "meta", "title", "style", "script", "body", "div", "p", "details", "summary",
    "ul", "li",
    "span", "svg", "line", "polygon", "rect",
}  # fmt: skip


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


def data_of(html: str, name: str) -> Any:
    """The JSON literal after ``var <name> = new vis.DataSet(`` or ``var <name> = ``."""
    match = re.search(rf"var {name} = (new vis\.DataSet\()?", html)
    assert match, name
    value, _ = json.JSONDecoder().raw_decode(html, match.end())
    return value


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
            if name in URL_ATTRS and value is not None:
                assert not _external(value), f"<{tag} {name}={value!r}>"
        assert tag not in ("link", "iframe", "img", "object", "embed", "base", "form")
    for css in page.styles:
        assert "@import" not in css
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert url.startswith("data:"), url[:60]
    assert "bootstrap" not in html.lower()
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html


def test_content_security_policy_comes_first(example_html: dict[Language, str]) -> None:
    page = parse(example_html["nl"])
    names = [tag for tag, _ in page.tags]
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CSP}]
    csp_at = next(i for i, (t, a) in enumerate(page.tags) if t == "meta" and a.get("http-equiv"))
    assert csp_at < names.index("script") and csp_at < names.index("style")


# --------------------------------------------------------------------------- hostile names


def test_hostile_names_add_no_markup(payload_html: str) -> None:
    page = parse(payload_html)
    assert {tag for tag, _ in page.tags} <= EXPECTED_TAGS
    assert len(page.scripts) == 2, "only vis-network and our own script"
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), tag
    assert payload_html.lower().count("</script") == 2


def test_hostile_names_never_appear_raw(payload_html: str) -> None:
    for payload in PAYLOADS:
        if re.search(r"[<>&'\u2028\u2029]", payload):
            assert payload not in payload_html, payload
    # Nothing in our part of the page hands user text to innerHTML or eval.
    ours = parse(payload_html).scripts[-1]
    for sink in ("innerHTML", "outerHTML", "document.write", "eval(", "insertAdjacentHTML"):
        assert sink not in ours


def test_hostile_names_arrive_as_exact_text(payload_html: str) -> None:
    m = payload_map()
    nodes = {n["id"]: n for n in data_of(payload_html, "nodes")}
    for p in m.people:
        assert nodes[p.id]["title"].split("\n")[0] == p.name
        assert p.role in nodes[p.id]["title"]
        assert "".join(nodes[p.id]["label"].split()) in "".join(p.name.split()) + "…"
    assert nodes[FAMILY_ID]["title"] == PAYLOADS[0]


def test_line_separators_and_script_ends_are_escaped() -> None:
    """Names cannot hold U+2028 after validation, but the renderer must not rely on that."""
    person = Person.model_construct(
        id="a",
        name="a\u2028b\u2029c</script><!--<script>",
        role="",
        category=Category.INFORMAL_CLOSE,
        closeness=None,
        quality=Quality.SUPPORTIVE,
    )
    m = EcoMap.model_construct(people=[person], ties=[], wishes=[], family_label=None)
    html = render_html(m, "nl")
    assert "\u2028" not in html and "\u2029" not in html
    assert html.lower().count("</script") == 2
    assert "<!--<script>" not in html
    nodes = {n["id"]: n for n in data_of(html, "nodes")}
    assert nodes["a"]["title"].startswith("a\u2028b\u2029c</script><!--<script>")


def test_node_ids_are_never_user_text(payload_html: str) -> None:
    ids = {n["id"] for n in data_of(payload_html, "nodes")}
    assert ids == {FAMILY_ID, *(p.id for p in payload_map().people)}
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)


# --------------------------------------------------------------------------- content


def test_every_person_is_a_fixed_node_at_its_planned_place(
    example_html: dict[Language, str],
) -> None:
    m = example_map()
    geometry = plan(m)
    nodes = {n["id"]: n for n in data_of(example_html["nl"], "nodes")}
    assert set(nodes) == {FAMILY_ID, *(p.id for p in m.people)}
    for node_id, (x, y) in geometry.positions.items():
        assert (nodes[node_id]["x"], nodes[node_id]["y"]) == pytest.approx((x, y))
        assert nodes[node_id]["physics"] is False
        assert nodes[node_id]["fixed"] is True
    options = data_of(example_html["nl"], "page")["options"]
    assert options["physics"]["enabled"] is False
    assert options["interaction"]["dragNodes"] is False


def test_family_is_named_in_the_language(example_html: dict[Language, str]) -> None:
    for lang in LANGUAGES:
        nodes = {n["id"]: n for n in data_of(example_html[lang], "nodes")}
        assert nodes[FAMILY_ID]["label"] == family_label(lang)


def test_edges_show_form_by_colour_and_pattern_and_direction_by_arrows(
    example_html: dict[Language, str],
) -> None:
    m = example_map()
    edges = data_of(example_html["nl"], "edges")
    assert len(edges) == len(m.ties)
    patterns = {json.dumps(s["dashes"]) for s in EDGE_STYLE.values()}
    colours = {s["color"] for s in EDGE_STYLE.values()}
    assert len(patterns) == 4 and len(colours) == 4
    for tie, edge in zip(m.ties, edges, strict=True):
        assert (edge["from"], edge["to"]) == (tie.person_id, FAMILY_ID)
        assert edge["dashes"] == EDGE_STYLE[tie.form]["dashes"]
        assert edge["arrows"]["to"]["enabled"] is tie.direction.parent_receives
        assert edge["arrows"]["from"]["enabled"] is tie.direction.parent_gives
        if m.person(tie.person_id).quality is Quality.STRESSFUL:
            assert edge["label"].strip() == "!" and edge["width"] > 3
        else:
            assert edge["color"]["color"] == EDGE_STYLE[tie.form]["color"]
            assert "label" not in edge


def test_several_ties_to_one_person_take_different_curves(
    example_html: dict[Language, str],
) -> None:
    edges = data_of(example_html["nl"], "edges")
    by_person: dict[str, set[tuple[str, float]]] = {}
    for e in edges:
        by_person.setdefault(e["from"], set()).add((e["smooth"]["type"], e["smooth"]["roundness"]))
    counts = {p: sum(1 for e in edges if e["from"] == p) for p in by_person}
    assert any(n > 1 for n in counts.values())
    for p, curves in by_person.items():
        assert len(curves) == counts[p]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_legend_explains_forms_directions_and_feelings(
    lang: Language, example_html: dict[Language, str]
) -> None:
    page = parse(example_html[lang])
    shown = " ".join(" ".join(page.text).split())
    assert text("map.legend.title", lang) in shown
    for value in [*SupportForm, *Direction, Quality.STRESSFUL, Quality.MIXED]:
        assert label(value, lang) in shown
    assert text("map.wishes.title", lang) in shown
    regions = data_of(example_html[lang], "page")["regions"]
    for region, category in zip(regions, Category, strict=True):
        assert " ".join(region["label"]) == label(category, lang)
    assert parse(example_html[lang]).tags[0] == ("html", {"lang": lang})


def test_tooltip_tells_role_place_and_support(example_html: dict[Language, str]) -> None:
    nodes = {n["id"]: n for n in data_of(example_html["en"], "nodes")}
    title = nodes["p0"]["title"]
    assert title.startswith("Mark\n")
    assert "partner" in title
    assert label(Category.INFORMAL_CLOSE, "en") in title
    assert label(SupportForm.EMOTIONAL, "en") in title


def test_empty_map_says_so() -> None:
    html = render_html(EcoMap(), "nl")
    assert text("map.page.empty", "nl") in " ".join(parse(html).text)
    assert [n["id"] for n in data_of(html, "nodes")] == [FAMILY_ID]


def test_page_size_is_about_the_vis_bundle(example_html: dict[Language, str]) -> None:
    size = len(example_html["nl"].encode())
    print(f"map page with 12 people: {size / 1024:.0f} KiB")
    assert 300_000 < size < 1_200_000


# --------------------------------------------------------------------------- the app's variant

STATIC = Path(__file__).resolve().parent.parent / "static"
APP_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src data:"
)


def test_app_page_carries_only_the_data_and_loads_the_library_from_the_app() -> None:
    """In the app a change sends the data only; vis-network comes from the app's own files."""
    m = payload_map()
    app, standalone = render_html(m, "nl", assets="app"), render_html(m, "nl")
    page = parse(app)
    loads = [(t, a.get("src") or a.get("href")) for t, a in page.tags if t in ("script", "link")]
    assert loads == [
        ("link", APP_STATIC_URL + "vis-network-9.1.2.css"),
        ("script", APP_STATIC_URL + "vis-network-9.1.2.min.js"),
        ("script", None),
    ]
    assert not any(_external(url or "") for _, url in loads)
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": APP_CSP}]
    assert data_of(app, "nodes") == data_of(standalone, "nodes")
    assert data_of(app, "edges") == data_of(standalone, "edges")
    assert len(app.encode()) < len(standalone.encode()) - 600_000


def test_standalone_page_keeps_everything_inline() -> None:
    html = render_html(example_map(), "en", assets="inline")
    assert html == render_html(example_map(), "en")
    assert "app/static" not in html
    assert len(parse(html).scripts) == 2


def test_static_files_are_the_bundle_pyvis_ships() -> None:
    """The served copies must equal pyvis's bundle: a stale or missing copy is caught here (and
    the app falls back to the self-contained page, see the next test)."""
    for name in APP_ASSETS:
        assert (STATIC / name).read_bytes() == vis_asset(name), name


def test_app_falls_back_to_the_self_contained_page_without_the_files(tmp_path: Path) -> None:
    """Checked once per process and folder, so each case has its own folder."""
    from ui.map_view import _static_ok

    assert _static_ok(STATIC)
    cases = {"empty": b"", "complete": None, "cut off": b"cut"}
    for case, tail in cases.items():
        folder = tmp_path / case
        folder.mkdir()
        if case != "empty":
            for name in APP_ASSETS:
                (folder / name).write_bytes(vis_asset(name)[: -len(tail) if tail else None])
        assert _static_ok(folder) is (case == "complete"), case


@pytest.mark.parametrize("serving", [True, False])
def test_the_app_sends_the_small_page_only_when_the_files_are_served(
    serving: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from streamlit.testing.v1 import AppTest

    import ui.map_view

    if not serving:  # static serving on, but the folder is empty: still a working map
        monkeypatch.setattr(ui.map_view, "STATIC_DIR", tmp_path)
    at = AppTest.from_file(str(STATIC.parent / "app.py"), default_timeout=60)
    at.session_state["map"] = example_map()
    at.session_state["step"] = 1
    at.run()
    assert not at.exception
    html = at.session_state["map_html"][1]
    assert (len(html.encode()) < 200_000) is serving, "the ~700 KB library inline or not"
    assert ("app/static/" in html) is serving
    assert data_of(html, "nodes") == data_of(render_html(example_map(), "nl"), "nodes")


def test_a_given_plan_draws_the_same_page() -> None:
    """Callers that already planned the map pass it on; the page is the same as without."""
    m = example_map()
    assert render_html(m, "nl", assets="app", geometry=plan(m)) == render_html(
        m, "nl", assets="app"
    )
