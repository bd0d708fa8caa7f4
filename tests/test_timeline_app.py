"""The family's maps over time in the app (AppTest), as a nurse uses it: last consult's PDF,
which carries two earlier versions, is opened and continued, so the family now has three
earlier versions and today's map; the timeline on the result step lists them, compares any two
in words and on the map, and shows how the network grew."""

from __future__ import annotations

import datetime as dt
import re

from apptest_support import APP, run, the_map
from history_family import FIRST, SECOND, THIRD, third
from streamlit.testing.v1 import AppTest

from ecomap.files.pdf import render_pdf
from ecomap.model import EcoMap


def step(key: str) -> int:
    """The position of a step. ``ui.steps`` is imported only after the app ran once in this
    process (its map component registers itself when the app first runs)."""
    from ui.steps import steps

    return [s.key for s in steps()].index(key)


def opened(m: EcoMap, key: str, **state: str) -> AppTest:
    """The app with ``m`` on the step ``key`` (and the session values in ``state``)."""
    at = run(AppTest.from_file(APP, default_timeout=60))
    at.session_state["map"] = m
    for name, value in state.items():
        at.session_state[name] = value
    at.session_state["step"] = step(key)
    return run(at)


def shown(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("header", "subheader", "markdown", "caption", "info", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def continued_from_pdf(pdf: bytes) -> AppTest:
    """The start screen: open the PDF and go on with it (two actions), then the result step."""
    at = run(AppTest.from_file(APP, default_timeout=60))
    at.get("file_uploader")[0].set_value(("gezin-b.pdf", pdf, "application/pdf"))  # type: ignore[attr-defined]
    run(at)
    assert "Ook de eerdere kaarten van dit gezin zitten erin. Aantal: 2." in shown(at)
    at.button(key="start-continue").click()
    run(at)
    at.session_state["step"] = step("result")
    return run(at)


def test_continuing_a_pdf_with_two_earlier_versions_gives_three_and_a_timeline() -> None:
    at = continued_from_pdf(render_pdf(third()))
    m = the_map(at)
    assert [v.date for v in m.history] == [FIRST, SECOND, THIRD]
    assert m.date == dt.date.today()
    page = shown(at)
    assert "De kaarten door de tijd" in page
    for line in (
        "4 maart 2025. Aantal mensen: 3. Aantal keer steun: 3.",
        "1 oktober 2025. Aantal mensen: 4. Aantal keer steun: 5.",
        "3 maart 2026. Aantal mensen: 5. Aantal keer steun: 6.",
        f"{dt.date.today().day} ",  # today's map, last
    ):
        assert line in page, line
    assert "de kaart van nu. Aantal mensen: 5. Aantal keer steun: 6." in page
    # by default the first map next to today's: what grew since the family started
    assert at.selectbox(key="timeline-older").value == 0
    assert at.selectbox(key="timeline-newer").value == 3
    assert "Sinds de vorige keer zijn Sanne en de peutergroep erbij gekomen." in page


def test_picking_two_versions_compares_them_in_words_and_on_the_map() -> None:
    at = continued_from_pdf(render_pdf(third()))
    at.selectbox(key="timeline-older").set_value(1)
    at.selectbox(key="timeline-newer").set_value(2)
    run(at)
    page = shown(at)
    assert "De kaart van 1 oktober 2025 naast die van 3 maart 2026" in page
    assert "We vergelijken deze kaart met die van 1 oktober 2025." in page
    assert "Sinds de vorige keer zijn Sanne en de peutergroep erbij gekomen." in page
    assert "Karim staat er nu niet meer op." in page
    assert len(at.get("image")) == 1  # the later map with the new people marked
    # chosen the other way round: the same two, in date order
    at.selectbox(key="timeline-older").set_value(1)
    at.selectbox(key="timeline-newer").set_value(0)
    run(at)
    page = shown(at)
    assert "De kaart van 4 maart 2025 naast die van 1 oktober 2025" in page
    assert "Sinds de vorige keer is Karim erbij gekomen." in page
    at.selectbox(key="timeline-newer").set_value(1)  # the same map twice
    run(at)
    assert "Kies twee verschillende kaarten. Dan ziet u wat er veranderd is." in shown(at)


def test_the_growth_table_counts_per_group_and_per_form() -> None:
    at = continued_from_pdf(render_pdf(third()))
    tables = at.table
    groups, forms = tables[-2].value, tables[-1].value
    today = f"{dt.date.today().day} "
    assert list(groups.columns)[:3] == ["4 maart 2025", "1 oktober 2025", "3 maart 2026"]
    assert str(list(groups.columns)[3]).startswith(today) and "(nu)" in list(groups.columns)[3]
    assert list(groups.loc["Iedereen op de kaart"]) == [3, 4, 5, 5]
    assert list(groups.loc["Eigen kring"]) == [1, 2, 3, 3]
    assert list(groups.loc["Jeugdhulp"]) == [0, 1, 0, 0]
    assert list(forms.loc["Praktische hulp"]) == [1, 2, 2, 2]
    assert list(forms.loc["Een voorbeeld"]) == [0, 0, 1, 1]
    assert "Aantal mensen per groep" in shown(at)
    assert (groups.index.name, forms.index.name) == ("Groep", "Soort steun")


def test_in_english_and_for_a_parent_at_home() -> None:
    at = opened(third(), "result", lang="en", mode="parent")
    page = shown(at)
    assert "The maps over time" in page
    assert "so you see how your network changes" in page.lower()
    assert "We compare this map with the one of 4 March 2025." in page
    assert "Since last time, Sanne and the peutergroep have joined." in page  # names as typed
    assert list(at.table[-2].value.columns)[:2] == ["4 March 2025", "1 October 2025"]


def test_a_map_without_earlier_versions_has_no_timeline() -> None:
    at = opened(EcoMap.model_validate(third().model_dump() | {"history": []}), "result")
    assert "De kaarten door de tijd" not in shown(at)
    assert not [s for s in at.selectbox if str(s.key).startswith("timeline-")]


def test_the_print_step_says_the_pdf_keeps_the_earlier_versions() -> None:
    at = opened(third(), "dossier")
    assert "De PDF en het bestand bewaren ook de eerdere kaarten van dit gezin. Aantal: 2." in (
        shown(at)
    )
