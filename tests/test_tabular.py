"""The network in research tools: GraphML read back by networkx, CSV read back by pandas."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import networkx as nx
import pandas as pd

from ecomap.files.tabular import csv_files, csv_zip, people_csv, ties_csv, to_graphml
from ecomap.graph import build_graph
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.texts.anonymise import anonymised, anonymous_names


def example() -> EcoMap:
    return EcoMap(
        date=dt.date(2026, 3, 3),
        people=[
            Person(id="p1", name="Ayşe Yılmaz", role="oma", category=Category.INFORMAL_CLOSE),
            Person(
                id="p2",
                name='=HYPERLINK("http://x")',
                role="+buurman",
                category=Category.INFORMAL_DISTANT,
                closeness=2,
                quality=Quality.STRESSFUL,
            ),
            Person(id="p3", name='Juf "Anne", groep 2', category=Category.FORMAL_EVERYDAY),
            Person(
                id="p4", name="<b>محمد</b> 👍", role="buurman", category=Category.INFORMAL_DISTANT
            ),
            Person(id="p5", name="Sanne", role="vriendin Sanne", category=Category.INFORMAL_CLOSE),
        ],
        ties=[
            Tie(person_id="p1", form=SupportForm.PRACTICAL, direction=Direction.BOTH),
            Tie(person_id="p1", form=SupportForm.EMOTIONAL),
            Tie(person_id="p1", form=SupportForm.NORMATIVE, direction=Direction.GIVES),
            Tie(person_id="p3", form=SupportForm.INFORMATIONAL),
        ],
        wishes=[SupportForm.EMOTIONAL, SupportForm.NORMATIVE],
    )


def test_graphml_read_back_by_networkx_equals_the_graph() -> None:
    ecomap = example()
    back = nx.read_graphml(io.BytesIO(to_graphml(ecomap)))
    graph = build_graph(ecomap)
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert back.nodes["p2"]["closeness"] == 2  # typed, not "2"
    assert back.graph["date"] == "2026-03-03"
    assert back.graph["wishes"] == "emotional,normative"


def test_graphml_of_an_empty_map() -> None:
    back = nx.read_graphml(io.BytesIO(to_graphml(EcoMap())))
    assert list(back.nodes) == ["family"]


def test_csv_read_back_by_pandas_has_every_person_and_tie() -> None:
    ecomap = example()
    people = pd.read_csv(io.StringIO(people_csv(ecomap)), keep_default_na=False)
    ties = pd.read_csv(io.StringIO(ties_csv(ecomap)), keep_default_na=False)
    assert list(people.columns) == ["person_id", "name", "role", "category", "closeness", "quality"]
    assert list(ties.columns) == ["person_id", "form", "direction"]
    assert list(people.person_id) == ["p1", "p2", "p3", "p4", "p5"]
    assert people.name[0] == "Ayşe Yılmaz"
    assert people.name[2] == 'Juf "Anne", groep 2'  # quotes and commas survive
    assert people.name[3] == "<b>محمد</b> 👍"
    assert list(people.closeness) == [3, 2, 3, 3, 3]
    assert people.quality[1] == "stressful"
    assert sorted(zip(ties.person_id, ties.form, ties.direction, strict=True)) == sorted(
        (t.person_id, t.form.value, t.direction.value) for t in ecomap.ties
    )
    assert set(ties.person_id) <= set(people.person_id)


def test_csv_cells_never_start_a_formula() -> None:
    people = pd.read_csv(io.StringIO(people_csv(example())), keep_default_na=False)
    assert people.name[1] == '\'=HYPERLINK("http://x")'
    assert people.role[1] == "'+buurman"
    for cell in [*people.name, *people.role]:
        assert not cell.startswith(("=", "+", "-", "@"))


def test_csv_zip_holds_both_tables() -> None:
    ecomap = example()
    with zipfile.ZipFile(io.BytesIO(csv_zip(ecomap))) as archive:
        assert sorted(archive.namelist()) == ["people.csv", "ties.csv"]
        for name, content in csv_files(ecomap).items():
            assert archive.read(name).decode("utf-8") == content


def test_anonymised_exports_hold_no_names() -> None:
    ecomap = example()
    texts = [
        people_csv(ecomap, anonymise=True),
        to_graphml(ecomap, anonymise=True).decode(),
    ]
    for person in ecomap.people:
        for word in ("Ayşe", "Yılmaz", "HYPERLINK", "Anne", "محمد", "Sanne"):
            assert all(word not in t for t in texts), (word, person.id)
    people = pd.read_csv(io.StringIO(texts[0]), keep_default_na=False)
    assert list(people.name) == [
        "Oma",
        "'+buurman",
        "Juf",  # the role word the name starts with ("Juf Anne"), not the name
        "Buurman",
        "Vriendin",  # "vriendin Sanne" without the name
    ]


def test_anonymous_labels_are_numbered_when_shared() -> None:
    people = [
        Person(id=f"p{i}", name=f"Naam {i}", role="buurvrouw", category=Category.INFORMAL_DISTANT)
        for i in range(3)
    ] + [Person(id="x", name="Kees", category=Category.FORMAL_YOUTHCARE)]
    assert anonymous_names(people, "nl") == {
        "p0": "Buurvrouw (1)",
        "p1": "Buurvrouw (2)",
        "p2": "Buurvrouw (3)",
        "x": "Hulpverlener",  # no role: the group's word for a person
    }
    assert anonymous_names(people, "en")["x"] == "Care worker"


def test_anonymised_map_is_still_a_valid_map() -> None:
    ecomap = example()
    copy = anonymised(ecomap, "nl")
    assert EcoMap.model_validate(copy.model_dump()) == copy
    assert copy.ties == ecomap.ties
    assert copy.person("p5").role == ""  # "vriendin Sanne" named her


def test_a_role_word_inside_a_name_does_not_hide_that_role() -> None:
    people = [
        Person(id="a", name="Opa Kees", role="opa", category=Category.INFORMAL_CLOSE),
        Person(id="b", name="Jan", role="opa", category=Category.INFORMAL_CLOSE),
        Person(id="c", name="Sanne", role="vriendin Sanne", category=Category.INFORMAL_CLOSE),
    ]
    assert anonymous_names(people, "nl") == {"a": "Opa (1)", "b": "Opa (2)", "c": "Vriendin"}


def test_a_role_only_in_the_name_becomes_the_label_and_a_name_in_a_role_is_cut_off() -> None:
    people = [
        Person(id="a", name="Oma Ans", category=Category.INFORMAL_CLOSE),
        Person(id="b", name="Buurvrouw Hanneke", category=Category.INFORMAL_DISTANT),
        Person(id="c", name="Kinderopvang De Zon", category=Category.FORMAL_EVERYDAY),
        Person(
            id="d",
            name="Sanne",
            role="moeder van Daans vriendje",
            category=Category.INFORMAL_DISTANT,
        ),
        Person(id="e", name="Mark", category=Category.INFORMAL_CLOSE),
        Person(id="f", name="Jeroen", category=Category.FORMAL_YOUTHCARE),
    ]
    assert anonymous_names(people, "nl") == {
        "a": "Oma",
        "b": "Buurvrouw",
        "c": "Kinderopvang",
        "d": "Moeder",  # "Daans" is a name, though nobody on the map is called Daan
        "e": "Naaste",
        "f": "Hulpverlener",
    }


def test_anonymised_map_leaves_free_text_out_unless_kept() -> None:
    ecomap = example().model_copy(
        update={
            "note": "Oma Ans en Lisa helpen veel",
            "family_label": "Gezin Jansen",
            "filled_in_by": "Petra",
        }
    )
    dropped = anonymised(ecomap, "nl")
    assert (dropped.note, dropped.family_label, dropped.filled_in_by) == ("", None, None)
    kept = anonymised(ecomap, "nl", keep_free_text=True)
    assert (kept.note, kept.family_label) == ("Oma Ans en Lisa helpen veel", "Gezin Jansen")


def test_every_csv_column_is_escaped_ids_included() -> None:
    """Ids may start with "-" (the model allows it): a spreadsheet would read "-p1+1" as a
    formula. Every text cell, in both tables, gets the apostrophe, and the join still holds."""
    ecomap = EcoMap(
        people=[
            Person(id="-p1", name="Oma", category=Category.INFORMAL_CLOSE),
            Person(id="p2", name="Buurman", category=Category.INFORMAL_DISTANT),
        ],
        ties=[
            Tie(person_id="-p1", form=SupportForm.PRACTICAL),
            Tie(person_id="p2", form=SupportForm.EMOTIONAL),
        ],
    )
    people = pd.read_csv(io.StringIO(people_csv(ecomap)), keep_default_na=False, dtype=str)
    ties = pd.read_csv(io.StringIO(ties_csv(ecomap)), keep_default_na=False, dtype=str)
    for table in (people, ties):
        for column in table.columns:
            for cell in table[column]:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    assert list(people.person_id) == ["'-p1", "p2"]
    assert set(ties.person_id) == set(people.person_id)
