"""The family's maps over time (issue 13.4), with plain objects: every consult adds a dated
version, the files carry them (JSON, PDF, anonymised PDF), any two compare, the growth is
counted, older files (formats 1 and 2) still open, and a hostile file with thousands of versions
is refused cheaply."""

from __future__ import annotations

import datetime as dt
import io
import json
import tracemalloc

import pytest
from history_family import FIRST, FIXTURES, NAMES, SECOND, THIRD, first, second, third
from pydantic import ValidationError
from pypdf import PdfReader

from ecomap.files.pdf import render_pdf
from ecomap.files.read import MapReadError, read_map
from ecomap.history import as_map, bounded, continued, growth, snapshot, support_count, versions
from ecomap.merge import Collision, merge
from ecomap.model import (
    MAX_HISTORY_PEOPLE,
    MAX_PEOPLE,
    MAX_VERSIONS,
    SCHEMA_VERSION,
    Category,
    EcoMap,
    Person,
    SupportForm,
    Tie,
    Version,
    upgrade,
)
from ecomap.texts.anonymise import anonymised, has_free_text, version_names
from ecomap.texts.changes import compare, describe
from ecomap.texts.errors import explain

# --------------------------------------------------------------------------- older files


def test_a_format_1_file_opens_upgraded() -> None:
    raw = (FIXTURES / "format-1.json").read_bytes()
    assert json.loads(raw)["schema_version"] == 1
    m = read_map(raw)
    assert m.schema_version == SCHEMA_VERSION == 3
    assert [p.name for p in m.people] == ["Oma Ans", "Fatma", "Juf Mila"]
    assert (m.child_age, m.previous_date, m.previous_note, m.history) == (None, None, "", [])
    assert m.note == "Eerste gesprek." and m.wishes == [SupportForm.NORMATIVE]
    assert json.loads(m.to_json())["schema_version"] == 3  # written back as today's format
    assert read_map(m.to_json().encode()) == m


def test_a_format_2_file_and_its_pdf_open_upgraded() -> None:
    m = read_map((FIXTURES / "format-2.json").read_bytes())
    assert m.schema_version == 3 and m.history == []
    assert (m.previous_date, m.previous_note) == (FIRST, "Eerste gesprek.")
    pdf = (FIXTURES / "format-2.pdf").read_bytes()  # printed by ecomap before format 3
    attached = PdfReader(io.BytesIO(pdf)).attachments["ecomap.json"][0]
    assert json.loads(attached)["schema_version"] == 2
    assert read_map(pdf) == m


def test_upgrade_touches_only_older_maps_and_never_its_input() -> None:
    old = {"schema_version": 1, "people": []}
    assert upgrade(old) == {"schema_version": 3, "people": []}
    assert old == {"schema_version": 1, "people": []}
    for other in ({"schema_version": 99}, {"schema_version": True}, {"people": []}, [1], "x"):
        assert upgrade(other) == other
    with pytest.raises(ValidationError):
        EcoMap.model_validate({"schema_version": 0})


# --------------------------------------------------------------------------- continuing


def test_continuing_on_a_later_day_adds_the_earlier_map_as_a_version() -> None:
    earlier = first()
    now = continued(earlier, SECOND)
    assert now.date == SECOND and now.history == [snapshot(earlier)]
    assert now.history[0].date == FIRST and now.history[0].note == "Eerste gesprek."
    assert (now.previous_date, now.previous_note, now.note) == (FIRST, "Eerste gesprek.", "")
    assert now.people == earlier.people  # today's map starts as the earlier one
    again = continued(now, THIRD)
    assert [v.date for v in again.history] == [FIRST, SECOND]
    assert again.history[0] == now.history[0]  # a version never changes


def test_continuing_on_the_same_day_goes_on_with_the_same_consult() -> None:
    m = second()
    assert continued(m, SECOND) == m
    assert continued(m, SECOND - dt.timedelta(days=1)) == m  # a clock behind the file's date


def test_the_family_has_three_versions() -> None:
    m = third()
    assert [v.date for v in m.history] == [FIRST, SECOND]
    maps = versions(m)
    assert [x.date for x in maps] == [FIRST, SECOND, THIRD]
    assert all(x.history == [] for x in maps)
    assert [len(x.people) for x in maps] == [3, 4, 5]
    assert [support_count(x) for x in maps] == [3, 5, 6]
    assert maps[-1].note == "Het gaat goed met de peutergroep."


def test_the_history_is_bounded_keeping_the_first_and_the_latest() -> None:
    oma = Person(id="a", name="Oma", category=Category.INFORMAL_CLOSE)
    m = EcoMap(date=dt.date(2000, 1, 1), people=[oma])
    for year in range(2001, 2001 + MAX_VERSIONS + 6):
        m = continued(m, dt.date(year, 1, 1))
    assert len(m.history) == MAX_VERSIONS
    assert m.history[0].date == dt.date(2000, 1, 1)  # where the family started
    assert m.history[-1].date == dt.date(2000 + MAX_VERSIONS + 5, 1, 1)
    assert EcoMap.model_validate_json(m.to_json()) == m


def test_the_people_in_all_versions_are_bounded() -> None:
    big = [Person(id=f"p{i}", name=f"P{i}", category="informal_close") for i in range(MAX_PEOPLE)]
    versions_ = [Version(date=dt.date(2000 + i, 1, 1), people=big) for i in range(12)]
    kept = bounded(versions_)
    assert sum(len(v.people) for v in kept) <= MAX_HISTORY_PEOPLE
    assert kept[0] is versions_[0] and kept[-1] is versions_[-1]
    with pytest.raises(ValidationError) as err:
        EcoMap(history=versions_)
    assert explain(err.value, "nl") == [
        f"Eerdere kaarten: in de eerdere kaarten staan samen 3600 mensen. "
        f"Er passen er {MAX_HISTORY_PEOPLE}."
    ]


def test_versions_must_be_in_date_order_and_before_the_map() -> None:
    a, b = Version(date=FIRST), Version(date=SECOND)
    assert EcoMap(date=THIRD, history=[a, b]).history == [a, b]
    for wrong in ([b, a], [a, a]):
        with pytest.raises(ValidationError) as err:
            EcoMap(date=THIRD, history=wrong)
        assert "op datum" in explain(err.value, "nl")[0]
    with pytest.raises(ValidationError):
        EcoMap(date=SECOND, history=[a, b])  # a version of the same day as the map


def test_a_version_is_checked_like_a_map_and_errors_say_which() -> None:
    raw = json.loads(third().to_json())
    raw["history"][1]["people"][2]["name"] = "  "
    raw["history"][0]["ties"].append({"person_id": "nobody", "form": "emotional"})
    with pytest.raises(MapReadError) as err:
        read_map(json.dumps(raw).encode())
    details = err.value.details("nl")
    assert "Eerdere kaart 2, persoon 3, naam: dit mag niet leeg zijn." in details
    assert any(d.startswith("Eerdere kaart 1:") and "persoon die er niet is" in d for d in details)
    raw = json.loads(third().to_json())
    raw["history"][0]["history"] = []  # a version holds no history of its own
    with pytest.raises(MapReadError):
        read_map(json.dumps(raw).encode())


# --------------------------------------------------------------------------- files


def test_json_and_pdf_carry_every_version() -> None:
    m = third()
    assert read_map(m.to_json().encode()) == m
    assert read_map(render_pdf(m)) == m
    again = continued(read_map(render_pdf(m)), dt.date(2026, 12, 2))
    assert [v.date for v in again.history] == [FIRST, SECOND, THIRD]


def _hostile(count: int) -> bytes:
    person = {"id": "a", "name": "x" * 60, "category": "informal_close"}
    one = {"date": "2000-01-01", "people": [person]}
    raw = {"schema_version": 3, "date": "2026-01-01", "history": [one] * count}
    return json.dumps(raw).encode()


def _peak(action: object) -> int:
    tracemalloc.start()
    try:
        read_map(action)  # type: ignore[arg-type]
    except MapReadError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_a_hostile_file_with_thousands_of_versions_is_refused_before_validation() -> None:
    data = _hostile(5000)
    with pytest.raises(MapReadError) as err:
        read_map(data)
    assert err.value.code == "too_many_versions"
    assert err.value.message("nl") == (
        "In dit bestand zitten te veel eerdere kaarten. Er passen er 24."
    )
    assert err.value.message("en") == "This file holds too many earlier maps. 24 fit."
    # parsed once as plain JSON (a few times the file's size), never built into 5000 versions
    assert _peak(data) < 10 * len(data)


def test_a_hostile_pdf_with_thousands_of_versions_is_refused() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.embed_file(basename="ecomap.json", bytes=_hostile(20_000), compress=True)
    data = bytes(pdf.output())
    assert len(data) < 20_000  # it compresses well: small to send, 3 MB inside
    with pytest.raises(MapReadError) as err:
        read_map(data)
    assert err.value.code == "too_many_versions"


def test_a_file_over_the_size_limit_with_versions_is_still_too_big() -> None:
    assert len(_hostile(100_000)) > 10 * 1024 * 1024
    with pytest.raises(MapReadError) as err:
        read_map(_hostile(100_000))
    assert err.value.code == "too_big"


def test_exactly_the_most_versions_open() -> None:
    data = json.loads(_hostile(MAX_VERSIONS))
    data["history"] = [
        {**v, "date": dt.date(2000 + i, 1, 1).isoformat()} for i, v in enumerate(data["history"])
    ]
    assert len(read_map(json.dumps(data).encode()).history) == MAX_VERSIONS


# --------------------------------------------------------------------------- comparing, growth


def test_any_two_versions_compare_in_the_usual_words() -> None:
    maps = versions(third())
    words = describe(compare(maps[0], maps[1]), "nl", "nurse")
    assert words[0] == "We vergelijken deze kaart met die van 4 maart 2025."
    assert "Sinds de vorige keer is Karim erbij gekomen." in words
    assert "Fatma staat nu in een andere groep: Eigen kring." in words
    words = describe(compare(maps[0], maps[2]), "nl", "nurse")  # first to now, skipping one
    assert "Sinds de vorige keer zijn Sanne en de peutergroep erbij gekomen." in words
    assert "Er is nu ook iemand voor een voorbeeld." in words
    assert not any("Karim" in w for w in words)  # came and went in between
    marks = compare(maps[1], maps[2]).marks()
    assert marks == {"p5": "new", "p6": "new"}
    assert any("Karim staat er nu niet meer op" in w for w in describe(compare(maps[1], maps[2])))


def test_growth_counts_people_per_group_and_per_form() -> None:
    counts = growth(versions(third()))
    assert counts.dates == (FIRST, SECOND, THIRD)
    assert counts.people == (3, 4, 5)
    groups = dict(counts.groups)
    assert groups[Category.INFORMAL_CLOSE] == (1, 2, 3)
    assert groups[Category.INFORMAL_DISTANT] == (1, 0, 1)
    assert groups[Category.FORMAL_YOUTHCARE] == (0, 1, 0)
    forms = dict(counts.forms)
    assert forms[SupportForm.PRACTICAL] == (1, 2, 2)  # Fatma was helped by the parent at first
    assert forms[SupportForm.INFORMATIONAL] == (1, 2, 1)
    assert forms[SupportForm.NORMATIVE] == (0, 0, 1)


def test_a_version_as_a_map_takes_the_language_of_today() -> None:
    m = third().model_copy(update={"language": "en"})
    old = as_map(m.history[0], m)
    assert (old.language, old.date, old.people) == ("en", FIRST, m.history[0].people)


# --------------------------------------------------------------------------- anonymised


def test_anonymised_versions_give_each_person_one_label_in_every_version() -> None:
    m = third()
    labels = version_names(m, "nl")
    now = {p.id: p.name for p in anonymised(m, "nl").people}
    assert now == {
        "p1": "Oma",
        "p2": "Buurvrouw",
        "p3": "Juf van groep 2",
        "p5": "Vriendin",
        "p6": "Andere ouders",
    }
    assert labels[0] == {"p1": "Oma", "p2": "Buurvrouw", "p3": "Juf van groep 2"}
    assert labels[1]["p4"] == "Gezinscoach"  # only on an earlier map: one label there too
    assert all(labels[i][pid] == now[pid] for i in (0, 1) for pid in labels[i] if pid in now)


def test_someone_deleted_and_typed_in_again_keeps_one_label() -> None:
    m = third()
    retyped = [p.model_copy(update={"id": "x9"}) if p.id == "p3" else p for p in m.people]
    ties = [t.model_copy(update={"person_id": "x9"}) if t.person_id == "p3" else t for t in m.ties]
    m = m.model_copy(update={"people": retyped, "ties": ties})
    labels = version_names(m, "nl")
    assert labels[0]["p3"] == labels[1]["p3"] == "Juf van groep 2"


def test_an_id_is_followed_before_a_name() -> None:
    """Someone with today's name but another id, listed before the person who has today's id:
    the id decides who is who, and the other one gets a label of their own."""
    m = third()
    other = Person(id="y", name="Juf Mila", role="juf", category=Category.FORMAL_EVERYDAY)
    mila = m.history[0].people[2].model_copy(update={"name": "Juf Milaatje"})
    people = [other, *m.history[0].people[:2], mila]
    m = m.model_copy(update={"history": [m.history[0].model_copy(update={"people": people})]})
    labels = version_names(m, "nl")[0]
    assert labels["p3"] == "Juf van groep 2"
    assert labels["y"] == "Juf"


def test_an_earlier_person_with_the_role_of_someone_now_is_numbered_after() -> None:
    m = third()
    riet = Person(id="r", name="Oma Riet", role="oma", category=Category.INFORMAL_CLOSE)
    first_version = m.history[0].model_copy(update={"people": [*m.history[0].people, riet]})
    m = m.model_copy(update={"history": [first_version, m.history[1]]})
    labels = version_names(m, "nl")
    assert (labels[0]["p1"], labels[0]["r"]) == ("Oma", "Oma (2)")
    assert {p.id: p.name for p in anonymised(m, "nl").people}["p1"] == "Oma"  # as without history


def test_the_anonymised_pdf_holds_no_name_in_any_version_and_continues() -> None:
    m = third()
    data = render_pdf(m, "nl", "nurse", anonymise=True)
    attached = PdfReader(io.BytesIO(data)).attachments["ecomap.json"][0].decode("utf-8")
    for name in NAMES:
        for part in name.split():
            if part not in ("Oma", "Juf"):
                assert part not in attached, part
    for note in ("Eerste gesprek", "Karim komt elke week", "peutergroep."):
        assert note not in attached
    back = read_map(data)
    assert len(back.history) == 2 and all(v.note == "" for v in back.history)
    assert [p.name for p in back.history[1].people] == [
        "Oma",
        "Buurvrouw",
        "Juf van groep 2",
        "Gezinscoach",
    ]
    again = continued(back, dt.date(2026, 12, 2))  # a dossier without names goes on too
    assert [v.date for v in again.history] == [FIRST, SECOND, THIRD]
    assert compare(as_map(again.history[0], again), again).added  # and still compares


def test_the_notes_of_versions_are_free_text() -> None:
    m = third().model_copy(update={"note": "", "family_label": None, "previous_note": ""})
    assert has_free_text(m)  # the versions' notes
    kept = anonymised(m, "nl", keep_free_text=True)
    assert [v.note for v in kept.history] == ["Eerste gesprek.", "Karim komt elke week."]
    assert [v.note for v in anonymised(m, "nl").history] == ["", ""]


# --------------------------------------------------------------------------- two windows


def test_two_windows_merge_the_history_like_a_field() -> None:
    base = second()
    continued_here = continued(base, THIRD)  # one window continued the map
    edited_there = base.model_copy(update={"wishes": [SupportForm.EMOTIONAL]})
    merged = merge(base, continued_here, edited_there)
    assert merged.collisions == ()
    assert merged.ecomap.history == continued_here.history
    assert merged.ecomap.wishes == [SupportForm.EMOTIONAL]
    other = base.model_copy(update={"history": []})
    clash = merge(base, continued_here, other)
    assert Collision(None, "history") in clash.collisions
    assert clash.ecomap.history == []


def test_a_version_keeps_its_ties_consistent() -> None:
    with pytest.raises(ValidationError):
        Version(date=FIRST, ties=[Tie(person_id="nobody", form=SupportForm.EMOTIONAL)])
    with pytest.raises(ValidationError):
        p = Person(id="a", name="A", category="informal_close")
        Version(date=FIRST, people=[p, p])


def test_every_anonymised_text_export_holds_no_name_of_any_version() -> None:
    from ecomap.files.exports import ExportOptions, export

    m = third()
    for key in ("json", "svg", "graphml"):
        data = export(m, key, ExportOptions(anonymise=True)).decode("utf-8")
        for secret in ("Ans", "Fatma", "Mila", "Karim", "Sanne", "Eerste gesprek"):
            assert secret not in data, (key, secret)
