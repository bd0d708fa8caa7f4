"""The ``ecomap`` command line: each command does its job, and every expected failure is one
plain message on stderr with exit code 2 and no traceback, in Dutch or English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ecomap.cli import EXIT_ERROR, EXIT_NO_SUGGESTION, EXIT_OK, MAX_INPUT_BYTES, main
from ecomap.model import Category, Direction, EcoMap, Person, SupportForm, Tie
from ecomap.texts.reflection import reflect

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _map() -> EcoMap:
    people = [
        Person(id="p1", name="Ans Quackenbush", role="oma", category=Category.INFORMAL_CLOSE),
        Person(id="p2", name="Fatma Yilmaz", role="buurvrouw", category=Category.INFORMAL_DISTANT),
        Person(id="p3", name="Juf Ottilie", category=Category.FORMAL_EVERYDAY),
    ]
    ties = [
        Tie(person_id="p1", form=SupportForm.PRACTICAL),
        Tie(person_id="p2", form=SupportForm.EMOTIONAL, direction=Direction.BOTH),
        Tie(person_id="p3", form=SupportForm.INFORMATIONAL),
    ]
    return EcoMap(people=people, ties=ties)


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "kaart.json"
    path.write_text(_map().to_json(), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_error(code: int, out: str, err: str, *needles: str) -> None:
    assert code == EXIT_ERROR
    assert out == ""
    assert err.startswith("ecomap: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, (needle, err)


# --------------------------------------------------------------------------- commands


def test_schema_prints_exactly_the_documented_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema")
    assert code == EXIT_OK
    assert out == (ROOT / "docs" / "ecomap.schema.json").read_text(encoding="utf-8")
    assert json.loads(out) == EcoMap.model_json_schema()


def test_suggest_prints_the_category_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "suggest", "de juf van groep 2") == (EXIT_OK, "formal_everyday\n", "")
    assert _run(capsys, "suggest", "grandma", "--lang", "en")[:2] == (EXIT_OK, "informal_close\n")


def test_suggest_without_an_answer_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "suggest", "Piet")
    assert (code, out) == (EXIT_NO_SUGGESTION, "")
    assert "Geen voorstel" in err
    assert "No suggestion" in _run(capsys, "suggest", "Piet", "--lang", "en")[2]


def test_render_json_writes_the_same_map(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    out_path = tmp_path / "copy.JSON"
    code, out, err = _run(capsys, "render", str(map_file), "-o", str(out_path))
    assert code == EXIT_OK
    assert EcoMap.from_json(out_path.read_bytes()) == _map()
    assert str(out_path) in err  # "Opgeslagen: ..." goes to stderr, stdout stays clean
    assert out == ""


def test_render_html_anonymised_holds_no_names(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    plain, anonymous = tmp_path / "map.html", tmp_path / "anon.html"
    assert _run(capsys, "render", str(map_file), "-o", str(plain))[0] == EXIT_OK
    assert _run(capsys, "render", str(map_file), "-o", str(anonymous), "--anonymise")[0] == 0
    assert "Quackenbush" in plain.read_text(encoding="utf-8")
    page = anonymous.read_text(encoding="utf-8")
    for word in ("Quackenbush", "Fatma", "Yilmaz", "Ottilie"):
        assert word not in page


def test_reflect_prints_the_reflection_in_the_chosen_mode(
    capsys: pytest.CaptureFixture[str], map_file: Path
) -> None:
    code, out, _ = _run(capsys, "reflect", str(map_file), "--mode", "parent")
    assert code == EXIT_OK
    assert out == reflect(_map(), "nl", "parent").text + "\n"
    english = _run(capsys, "reflect", str(map_file), "--lang", "en")[1]
    assert english == reflect(_map(), "en", "nurse").text + "\n"
    assert english != out


def test_render_csv_writes_the_two_tables(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "render", str(map_file), "-o", str(tmp_path / "net.csv"))
    assert code == EXIT_OK
    people = (tmp_path / "net-people.csv").read_text(encoding="utf-8")
    ties = (tmp_path / "net-ties.csv").read_text(encoding="utf-8")
    assert "Fatma Yilmaz" in people and "person_id" in ties
    assert "net-people.csv" in err and "net-ties.csv" in err
    assert not (tmp_path / "net.csv").exists()


def test_a_dossier_pdf_is_read_back(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    pdf, back = tmp_path / "dossier.pdf", tmp_path / "back.json"
    assert _run(capsys, "render", str(map_file), "-o", str(pdf))[0] == EXIT_OK
    assert pdf.read_bytes().startswith(b"%PDF")
    assert _run(capsys, "render", str(pdf), "-o", str(back))[0] == EXIT_OK
    assert EcoMap.from_json(back.read_bytes()) == _map()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_reflect_and_render(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    assert _run(capsys, "reflect", str(example))[0] == EXIT_OK
    out_path = tmp_path / "example.json"
    assert _run(capsys, "render", str(example), "-o", str(out_path))[0] == EXIT_OK
    assert EcoMap.from_json(out_path.read_bytes()) == EcoMap.from_json(example.read_bytes())


def test_help_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "Toon deze hulp" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["render", "--help", "--lang", "en"])
    help_text = capsys.readouterr().out
    assert "Show this help" in help_text and ".json" in help_text and ".html" in help_text


# --------------------------------------------------------------------------- failures


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nergens.json"
    code, out, err = _run(capsys, "render", str(missing), "-o", str(tmp_path / "x.json"))
    _assert_error(code, out, err, "bestaat niet", str(missing))
    assert not (tmp_path / "x.json").exists()


def test_a_folder_is_not_a_map(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _assert_error(*_run(capsys, "reflect", str(tmp_path)), "geen bestand")


def test_not_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"this is { not json")
    _assert_error(*_run(capsys, "reflect", str(junk)), "geen kaart")
    junk.write_bytes(b"\xff\xfe\x00binary")
    _assert_error(*_run(capsys, "reflect", str(junk), "--lang", "en"))


def test_invalid_map_one_line_per_problem_without_echoing_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    hostile = "<script>alert('Quackenbush')</script>"
    bad.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "people": [{"id": "p1", "name": ""}, {"id": "p2", "name": hostile, "x": 1}],
            }
        ),
        encoding="utf-8",
    )
    code, out, err = _run(
        capsys, "render", str(bad), "-o", str(tmp_path / "x.html"), "--lang", "en"
    )
    _assert_error(code, out, err)
    lines = err.splitlines()
    assert len(lines) >= 3  # the reason, then one line per problem
    assert all(line.startswith("ecomap: ") for line in lines)
    assert "Quackenbush" not in err and "<script>" not in err
    assert "Person 1" in err and "Person 2" in err


def test_newer_version_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema_version": 99, "people": []}), encoding="utf-8")
    _assert_error(*_run(capsys, "reflect", str(newer)), "nieuwere versie")


def test_files_over_10_mb_are_refused_before_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:  # sparse: costs no disk and no time
        fh.truncate(MAX_INPUT_BYTES + 1)
    _assert_error(*_run(capsys, "reflect", str(huge)), "10 MB")


def test_unknown_output_extension(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "map.docx"
    code, out, err = _run(capsys, "render", str(map_file), "-o", str(target))
    _assert_error(code, out, err, ".docx", ".json", ".html")
    assert not target.exists()


def test_the_extensions_offered_are_each_named_once(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    """The help and the error list what -o may end in; the map, the take-home sheet and its
    phone version are all PDFs, and ".pdf, .pdf, .pdf" read like a mistake."""
    _, _, err = _run(capsys, "render", str(map_file), "-o", str(tmp_path / "map.docx"))
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    for shown in (err, capsys.readouterr().out):
        listed = re.findall(r"\.[a-z]+(?=[,.\s])", shown.replace("\n", " "))
        assert listed.count(".pdf") == 1, shown


def test_output_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], map_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "map.json"
    _assert_error(*_run(capsys, "render", str(map_file), "-o", str(target)), "opgeslagen")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["render", "x.json"], ["reflect", "x.json", "--mode", "boss"], ["fly"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == EXIT_ERROR
    assert "Traceback" not in capsys.readouterr().err


# --------------------------------------------------------------------------- entry point


def test_python_dash_m_ecomap_runs_the_command_line(map_file: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-m", "ecomap", "suggest", "Oma Ans"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "informal_close\n")
    failed = subprocess.run(
        [sys.executable, "-m", "ecomap", "render", str(map_file), "-o", "x.pdfx", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert failed.returncode == EXIT_ERROR
    assert failed.stderr.startswith("ecomap: Cannot make this kind of file: .pdfx")
    assert "Traceback" not in failed.stderr


@pytest.mark.parametrize("extension", [".pdf", ".svg", ".graphml", ".png", ".csv"])
def test_render_a_map_with_noncharacters_in_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extension: str
) -> None:
    raw = json.loads(_map().to_json())
    raw["people"][0]["name"] = "Ans\ufffe Quackenbush\uffff"
    raw["note"] = "\ufffe"
    source = tmp_path / "kaart.json"
    source.write_text(json.dumps(raw), encoding="utf-8")
    out = tmp_path / f"kaart{extension}"
    code, _, err = _run(capsys, "render", str(source), "-o", str(out))
    assert code == EXIT_OK, err
    assert "Traceback" not in err
    if extension in (".svg", ".graphml"):
        from xml.etree import ElementTree

        ElementTree.parse(out)  # well-formed XML
