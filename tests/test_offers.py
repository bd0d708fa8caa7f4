"""The local offers file (issue 13.1): the example reads, the committed schema is current, and a
broken file gives one plain message per problem that names its line and field, in Dutch and
English, never a traceback; the file is read again only when it changed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from ecomap.cli import EXIT_ERROR, EXIT_OK, main
from ecomap.model import LANGUAGES, ChildAge, SupportForm
from ecomap.offers import (
    MAX_FILE_BYTES,
    OFFERS_ENV,
    Cost,
    Joining,
    Layer,
    Offer,
    OffersError,
    OffersFile,
    Rung,
    load_offers,
    offers_path,
    offers_schema,
    parse_offers,
)
from ecomap.texts.catalog import has, text
from ecomap.texts.offer_text import language_name, practical_lines, what_it_gives

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "offers-voorbeeldstad.toml"
SCHEMA = ROOT / "docs" / "offers.schema.json"

SMALL = """\
format = 1

[about]
organisation = "CJG Proefdorp"

[[offers]]
id = "koffie"
name = "Koffieochtend"
description = "Koffie drinken met andere ouders."
forms = ["emotional"]
rung = "meeting"
layer = "basic"
where = "Buurthuis"
when = "Dinsdag"
cost = "free"
join = "walk_in"

[[offers]]
id = "cursus"
name = { nl = "Cursus opvoeden", en = "Parenting course" }
description.nl = "Zes avonden over opvoeden."
forms = ["informational", "normative"]
rung = "dialogue"
layer = "light_support"
ages = ["toddler", "school"]
where = "CJG"
when = "Dinsdagavond"
cost = "contribution"
cost_note = "10 euro"
join = "sign_up"
languages = ["nl", "en"]
"""


def line_of(source: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line that contains ``needle``."""
    hits = [i for i, line in enumerate(source.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def problems(source: str, lang: str = "nl") -> list[str]:
    with pytest.raises(OffersError) as err:
        parse_offers(source.encode("utf-8"), "aanbod.toml")
    return err.value.messages(lang)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the format


def test_the_example_file_reads_and_says_it_is_an_example() -> None:
    offers = load_offers(EXAMPLE)
    assert offers.about.example is True
    assert "voorbeeld" in offers.about.organisation.lower()
    head = EXAMPLE.read_text(encoding="utf-8").splitlines()[:2]
    assert "VOORBEELD" in head[0] and "EXAMPLE" in head[1]
    assert len(offers.offers) >= 10
    # every rung, layer, way in and cost appears, so the example shows the whole format
    assert {o.rung for o in offers.offers} == set(Rung)
    assert {o.layer for o in offers.offers} == set(Layer)
    assert {o.join for o in offers.offers} == set(Joining)
    assert {o.cost for o in offers.offers} == set(Cost)
    assert {a for o in offers.offers for a in o.ages} == set(ChildAge)
    assert any(not o.ages for o in offers.offers), "some offers are for every age"


def test_the_example_invents_no_real_addresses_phone_numbers_or_sites() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    assert not re.search(r"\b\d{4}\s?[A-Z]{2}\b", source), "a Dutch postcode"
    assert not re.search(r"\b0\d{1,3}[- ]?\d{6,8}\b", source), "a phone number"
    assert not re.search(r"https?://|www\.|@", source), "a web or mail address"
    assert not re.search(r"(straat|laan|weg|plein)\b", source, re.IGNORECASE), "a street"


def test_the_example_texts_read_in_both_voices_and_in_plain_dutch() -> None:
    """Descriptions stand in the nurse's text (u) and the parent's (je): they use neither."""
    for offer in load_offers(EXAMPLE).offers:
        for lang in LANGUAGES:
            words = offer.description.in_(lang)
            assert offer.description.en, offer.id
            assert not re.search(r"\b(u|uw|je|jij|jou|jouw)\b", words, re.IGNORECASE), words
        for sentence in re.split(r"(?<=[.!?])\s+", offer.description.nl):
            assert len(sentence.split()) <= 15, sentence


def test_the_committed_json_schema_is_current() -> None:
    """docs/offers.schema.json is what an organisation's editor checks against.
    Regenerate with: python -m ecomap offers-schema > docs/offers.schema.json"""
    current = json.dumps(offers_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SCHEMA.read_text(encoding="utf-8") == current
    schema = json.loads(current)
    offer = schema["$defs"]["Offer"]
    assert set(offer["required"]) >= {"id", "name", "description", "forms", "rung", "layer"}
    assert schema["$defs"]["Rung"]["enum"] == [
        "meeting",
        "dialogue",
        "neighbourhood",
        "network_building",
    ]
    assert schema["$defs"]["Layer"]["enum"] == [
        "basic",
        "information",
        "light_support",
        "extra_support",
    ]
    assert schema["$defs"]["Joining"]["enum"] == ["walk_in", "sign_up", "via_nurse"]


def test_a_plain_string_is_dutch_and_english_falls_back_to_dutch() -> None:
    offers = parse_offers(SMALL.encode())
    koffie, cursus = offers.offers
    assert koffie.name.nl == "Koffieochtend" and koffie.name.en is None
    assert koffie.name.in_("en") == "Koffieochtend"
    assert cursus.name.in_("en") == "Parenting course"
    assert cursus.description.in_("en") == "Zes avonden over opvoeden."
    assert koffie.languages == ["nl"], "left out: Dutch"
    assert koffie.ages == [] and koffie.for_age(ChildAge.TEEN) and koffie.for_age(None)
    assert cursus.for_age(ChildAge.TODDLER) and not cursus.for_age(ChildAge.BABY)
    assert not cursus.for_age(None), "with the age not given only an all-ages offer surely fits"


def test_an_offer_speaks_the_familys_language_where_the_file_gives_it() -> None:
    source = SMALL.replace(
        'name = { nl = "Cursus opvoeden", en = "Parenting course" }',
        'name = { nl = "Cursus opvoeden", tr = "Ebeveynlik kursu", ar = "دورة تربية الأطفال" }',
    )
    cursus = parse_offers(source.encode()).offers[1]
    assert cursus.name.in_("tr") == "Ebeveynlik kursu"
    assert cursus.name.in_("ar") == "دورة تربية الأطفال"
    assert cursus.name.in_("pl") == "Cursus opvoeden", "not given: the Dutch name"
    assert cursus.name.in_("en") == "Cursus opvoeden"
    with pytest.raises(OffersError):
        parse_offers(source.replace("tr = ", "xx = ").encode())


def test_texts_are_cleaned_like_the_maps_own() -> None:
    source = SMALL.replace('"Koffieochtend"', '"  Koffie\\u202eochtend  "')
    assert parse_offers(source.encode()).offers[0].name.nl == "Koffieochtend"


def test_every_fixed_choice_has_words_in_every_language() -> None:
    for lang in LANGUAGES:
        for kind, values in (("rung", Rung), ("layer", Layer), ("join", Joining), ("cost", Cost)):
            for value in values:
                assert has(f"offers.{kind}.{value.value}", lang), (lang, kind, value)
        assert language_name("ar", lang) != "ar"
        assert language_name("xyz", lang) == "xyz", "an unknown code is shown as itself"


def test_an_offer_is_described_in_the_readers_words() -> None:
    cursus = parse_offers(SMALL.encode()).offers[1]
    assert what_it_gives(cursus, "nl") == (
        "Geeft: advies en een voorbeeld · Voor: peuter en basisschoolkind · In gesprek"
        " · Een steuntje in de rug"
    )
    assert practical_lines(cursus, "en") == (
        "Where: CJG",
        "When: Dinsdagavond",
        "Cost: A small contribution (10 euro)",
        "Taking part: Sign up first",
        "Languages: Dutch, English",
    )


# ------------------------------------------------------------------ a broken file


def test_a_wrong_choice_names_its_line_field_and_the_right_choices() -> None:
    source = SMALL.replace('layer = "light_support"', 'layer = "steuntje"')
    nl = problems(source)
    assert nl[0] == "In het bestand met het lokale aanbod (aanbod.toml) klopt iets niet."
    line = line_of(source, 'layer = "steuntje"')
    assert nl[1] == (
        f"Regel {line}, aanbod 2 (cursus), veld 'layer' (laag in de ondersteuningspiramide): "
        "deze keuze kennen we niet. Kies uit: basic, information, light_support, extra_support."
    )
    en = problems(source, "en")
    assert en[1].startswith(f"Line {line}, offer 2 (cursus), field 'layer' (layer in the support")
    assert "steuntje" not in " ".join(nl), "the rejected value is not repeated"


@pytest.mark.parametrize(
    ("change", "needle", "field", "reason"),
    [
        (
            ('rung = "dialogue"', 'rung = "dialoog"'),
            'rung = "dialoog"',
            "rung",
            "Kies uit: meeting",
        ),
        (
            ('forms = ["emotional"]', 'forms = ["emotional", "luisteren"]'),
            "luisteren",
            "forms[2]",
            "Kies uit: emotional",
        ),
        (('forms = ["emotional"]', "forms = []"), "forms = []", "forms", "minstens één keuze"),
        (
            ('ages = ["toddler", "school"]', 'ages = ["peuter"]'),
            'ages = ["peuter"]',
            "ages[1]",
            "Kies uit: baby",
        ),
        (('cost = "free"', 'kosten = "free"'), "kosten =", "kosten", "goed gespeld"),
        (('id = "cursus"', 'id = "koffie"'), 'id = "koffie"', "id", "eigen code"),
        (('id = "cursus"', 'id = "Cursus 2"'), 'id = "Cursus 2"', "id", "kleine letters"),
        (
            ('description.nl = "Zes avonden over opvoeden."', f'description.nl = "{"x" * 170}"'),
            "description.nl",
            "description.nl",
            "Er passen er 160",
        ),
        (
            (
                'name = { nl = "Cursus opvoeden", en = "Parenting course" }',
                'name = { nl = "Cursus opvoeden", en = "" }',
            ),
            "name = {",
            "name.en",
            "niet leeg",
        ),
        (
            ('languages = ["nl", "en"]', 'languages = ["Nederlands"]'),
            "Nederlands",
            "languages[1]",
            "kleine letters",
        ),
        (("format = 1", "format = 2"), "format = 2", "format", "Gebruik 1"),
        (
            ('organisation = "CJG Proefdorp"', "organisation = 5"),
            "organisation = 5",
            "about.organisation",
            "hier hoort tekst",
        ),
    ],
)
def test_each_problem_names_its_line_and_field(
    change: tuple[str, str], needle: str, field: str, reason: str
) -> None:
    source = SMALL.replace(*change)
    assert source != SMALL
    found = problems(source)
    occurrence = 2 if needle == 'id = "koffie"' else 1
    line = line_of(source, needle, occurrence)
    detail = next(m for m in found[1:] if f"'{field}'" in m)
    assert detail.startswith(f"Regel {line}, "), detail
    assert reason in detail, detail


def test_a_missing_field_points_at_its_offer() -> None:
    source = SMALL.replace('where = "CJG"\n', "")
    line = line_of(source, "[[offers]]", 2)
    assert (
        problems(source)[1]
        == f"Regel {line}, aanbod 2 (cursus), veld 'where' (waar): dit ontbreekt."
    )


def test_a_toml_mistake_names_its_line() -> None:
    source = SMALL.replace('rung = "meeting"', "rung = meeting")
    nl = problems(source)
    assert nl[0] == "In het bestand met het lokale aanbod (aanbod.toml) klopt de schrijfwijze niet."
    assert nl[1].startswith(f"Regel {line_of(source, 'rung = meeting')}, veld 'rung'")
    twice = SMALL.replace('rung = "meeting"', 'rung = "meeting"\nrung = "dialogue"')
    second = line_of(twice, 'rung = "dialogue"')
    assert problems(twice)[1].startswith(f"Regel {second}, veld 'rung'")
    assert "twee keer" in problems(twice)[1]
    unclosed = SMALL + 'extra = "nooit gesloten\n'
    assert problems(unclosed)[1].startswith(f"Regel {line_of(unclosed, 'nooit gesloten')}")


def test_at_most_five_problems_are_listed() -> None:
    source = SMALL
    for field in ("rung", "layer", "cost", "join"):
        source = re.sub(rf'^{field} = "[a-z_]+"', f'{field} = "x"', source, flags=re.MULTILINE)
    assert len(problems(source)) == 1 + 5


def test_not_a_file_too_big_not_text_or_missing(tmp_path: Path) -> None:
    with pytest.raises(OffersError) as err:
        load_offers(tmp_path / "weg.toml")
    assert err.value.messages("nl") == ["Het bestand met het lokale aanbod (weg.toml) is er niet."]
    with pytest.raises(OffersError) as err:
        load_offers(tmp_path)
    assert err.value.code == "not_a_file"
    big = tmp_path / "groot.toml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(OffersError) as err:
        load_offers(big)
    assert "te groot" in err.value.messages("nl")[0] and "1000 kB" in err.value.messages("nl")[0]
    latin = tmp_path / "latin1.toml"
    latin.write_bytes(SMALL.replace("één", "een").encode("utf-8") + "# caf\xe9".encode("latin-1"))
    with pytest.raises(OffersError) as err:
        load_offers(latin)
    assert "UTF-8" in err.value.messages("nl")[0]
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert len(load_offers(bom).offers) == 2, "a byte-order mark is fine"


def test_the_file_is_read_again_only_when_it_changed(tmp_path: Path) -> None:
    path = tmp_path / "aanbod.toml"
    path.write_text(SMALL, encoding="utf-8")
    first = load_offers(path)
    assert load_offers(path) is first, "unchanged: the same object, not read again"
    path.write_text(SMALL.replace("Koffieochtend", "Koffie-uurtje"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert load_offers(path).offers[0].name.nl == "Koffie-uurtje"
    path.write_text("kapot = ", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 2 * 10**9,) * 2)
    with pytest.raises(OffersError) as one:
        load_offers(path)
    with pytest.raises(OffersError) as two:
        load_offers(path)
    assert one.value is not two.value, "a fresh exception each time (the cached one is shared)"
    assert one.value.messages("nl") == two.value.messages("nl")


def test_the_setting_names_the_file() -> None:
    assert offers_path({}) is None
    assert offers_path({OFFERS_ENV: "  "}) is None
    assert offers_path({OFFERS_ENV: str(EXAMPLE)}) == EXAMPLE


def test_the_model_refuses_what_the_file_refuses() -> None:
    raw = json.loads(
        OffersFile.model_validate(
            {
                "about": {"organisation": "X"},
                "offers": [
                    {
                        "id": "a",
                        "name": "A",
                        "description": "B",
                        "forms": ["practical"],
                        "rung": "meeting",
                        "layer": "basic",
                        "where": "W",
                        "when": "T",
                        "cost": "free",
                        "join": "walk_in",
                    }
                ],
            }
        ).model_dump_json()
    )
    assert OffersFile.model_validate(raw).offers[0].forms == [SupportForm.PRACTICAL]
    raw["offers"][0]["forms"] = ["practical", "practical"]
    assert OffersFile.model_validate(raw).offers[0].forms == [SupportForm.PRACTICAL], "once each"
    raw["offers"].append(raw["offers"][0])
    with pytest.raises(ValidationError):
        OffersFile.model_validate(raw)
    with pytest.raises(ValidationError):
        Offer.model_validate({**raw["offers"][0], "rung": "top"})


# ------------------------------------------------------------------ the command line


def test_the_command_line_checks_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["offers", str(EXAMPLE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Het bestand klopt. Er staan 15 activiteiten in")
    broken = tmp_path / "kapot.toml"
    broken.write_text(SMALL.replace('layer = "basic"', 'layer = "basis"'), encoding="utf-8")
    assert main(["offers", str(broken), "--lang", "en"]) == EXIT_ERROR
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    line = line_of(broken.read_text(encoding="utf-8"), 'layer = "basis"')
    assert f"ecomap: Line {line}, offer 1 (koffie), field 'layer'" in captured.err


def test_the_command_line_shows_the_suggestions_for_a_map(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example_map = ROOT / "examples" / "vooral-professionals.json"
    assert main(["offers", str(EXAMPLE), "--map", str(example_map)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert 1 <= len(lines) <= 2 and all(re.fullmatch(r"[a-z0-9-]+: .+", line) for line in lines)


def test_the_command_line_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["offers-schema"]) == EXIT_OK
    assert capsys.readouterr().out == SCHEMA.read_text(encoding="utf-8")


def test_error_words_exist_for_every_code() -> None:
    for code in (
        "not_found",
        "not_a_file",
        "too_big",
        "unreadable",
        "not_utf8",
        "syntax",
        "invalid",
    ):
        for lang in LANGUAGES:
            assert "{file}" not in text(f"offers.error.{code}", lang, file="f.toml", max_kb=1)
