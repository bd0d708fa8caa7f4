"""The dossier PDF is an archival PDF/A-3B file with the map's JSON as an associated file.

veraPDF (the reference validator) cannot be installed here, so this checks what an archive's
intake would look at, with pikepdf: the PDF/A identification in the XMP, an sRGB output intent
with its ICC profile, every font embedded (and no .notdef glyph shown), ``ecomap.json`` as an
associated file (``/AF``, ``/AFRelationship /Data``, MIME type, modification date), no
JavaScript or other actions, no encryption, the graphics-state nesting limit, no colour the
output intent does not cover; and Debian's ``qpdf --check`` finds no error or warning. Every kind
of dossier (nl and en, nurse and parent, with and without people, compared with an earlier map,
anonymised) is checked, and each check is shown to catch a file that breaks it.

An anonymised dossier keeps no name anywhere in the file: not in the XMP or any other metadata,
not in any string or stream. Locally a missing qpdf skips its test; under ``CI=true`` it fails
(scripts/test.sh installs it).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from fpdf import FPDF
from test_pdf import pdf_text

from ecomap.files.pdf import render_pdf
from ecomap.files.read import read_map
from ecomap.model import Category, Direction, EcoMap, Person, Quality, SupportForm, Tie
from ecomap.offers import OfferChoice, load_offers
from ecomap.texts.catalog import text

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
MAX_Q_DEPTH = 28
"""PDF/A-2 and -3 (ISO 19005-2 6.1.13): at most 28 nested ``q`` in a content stream."""

SECRETS = (
    "Quirijnsdochter",
    "Xanthippe",
    "Vlaswinkel",
    "Brunhilde",
    "Zebedeus",
    "Okkerse",
    "Çağlayangil",
    "Pruimenboom",
    "Grevelingen",
    "Ottoline",
)
"""Every name and word typed about the family in ``family()``: none may be in an anonymised
file. Distinctive, so that a hit is never a coincidence."""


def family(lang: str = "nl") -> EcoMap:
    """A family with distinctive names everywhere free text can hold one."""
    return EcoMap(
        date=dt.date(2026, 3, 3),
        language=lang,  # type: ignore[arg-type]
        family_label="Gezin Pruimenboom",
        filled_in_by="Zuster Ottoline Grevelingen",
        child_age="toddler",  # type: ignore[arg-type]
        people=[
            Person(
                id="p1",
                name="Oma Xanthippe Quirijnsdochter",
                role="oma",
                category=Category.INFORMAL_CLOSE,
                closeness=1,
            ),
            Person(id="p2", name="Brunhilde Vlaswinkel", category=Category.INFORMAL_DISTANT),
            Person(
                id="p3",
                name="Zebedeus Okkerse",
                role="buurman",
                category=Category.INFORMAL_DISTANT,
                quality=Quality.STRESSFUL,
            ),
            Person(id="p4", name="Yıldız Çağlayangil", category=Category.FORMAL_EVERYDAY),
        ],
        ties=[
            Tie(person_id="p1", form=SupportForm.PRACTICAL, direction=Direction.BOTH),
            Tie(person_id="p1", form=SupportForm.EMOTIONAL),
            Tie(person_id="p2", form=SupportForm.INFORMATIONAL),
            Tie(person_id="p4", form=SupportForm.INFORMATIONAL, direction=Direction.GIVES),
        ],
        wishes=[SupportForm.EMOTIONAL],
        note="Xanthippe en Brunhilde helpen veel; Zebedeus belt vaak.",
        previous_date=dt.date(2025, 10, 1),
        previous_note="Okkerse komt vaker langs.",
    )


def earlier() -> EcoMap:
    """The same family half a year before: Brunhilde was not there yet, someone else was."""
    now = family()
    people = [p for p in now.people if p.id != "p2"] + [
        Person(id="p9", name="Ottoline Pruimenboom", category=Category.INFORMAL_CLOSE)
    ]
    return now.model_copy(
        update={
            "date": dt.date(2025, 10, 1),
            "people": people,
            "ties": [t for t in now.ties if t.person_id != "p2"],
            "previous_date": None,
            "previous_note": "",
        }
    )


def _example_offers() -> OfferChoice:
    """Two offers from the example file, as the nurse would have them on the print."""
    offers = load_offers(
        Path(__file__).resolve().parent.parent / "examples" / "offers-voorbeeldstad.toml"
    )
    return OfferChoice(about=offers.about, offers=tuple(offers.offers[:2]))


VARIANTS: dict[str, tuple[Callable[[], EcoMap], dict[str, Any]]] = {
    "nl-nurse": (family, {"lang": "nl", "mode": "nurse"}),
    "nl-nurse-anonymised": (family, {"lang": "nl", "mode": "nurse", "anonymise": True}),
    "en-parent": (lambda: family("en"), {"lang": "en", "mode": "parent"}),
    "en-parent-anonymised": (
        lambda: family("en"),
        {"lang": "en", "mode": "parent", "anonymise": True},
    ),
    "nl-parent-compared": (family, {"lang": "nl", "mode": "parent", "previous": earlier()}),
    "nl-nurse-compared-anonymised": (
        family,
        {"lang": "nl", "mode": "nurse", "previous": earlier(), "anonymise": True},
    ),
    "nl-anonymised-free-text-kept": (
        lambda: family().model_copy(update={"note": "Slapen gaat beter.", "previous_note": ""}),
        {"lang": "nl", "mode": "nurse", "anonymise": True, "keep_free_text": True},
    ),
    "en-empty": (lambda: EcoMap(language="en", date=dt.date(2026, 3, 3)), {"lang": "en"}),
    "nl-empty-anonymised": (
        lambda: EcoMap(date=dt.date(2026, 3, 3)),
        {"lang": "nl", "mode": "parent", "anonymise": True},
    ),
    "nl-nurse-offers-and-guide": (
        family,
        {"lang": "nl", "mode": "nurse", "offers": _example_offers(), "guide": True},
    ),
    "nl-two-pages": (
        lambda: family().model_copy(update={"note": " ".join(["Slapen en de opvang."] * 95)}),
        {"lang": "nl", "mode": "nurse"},
    ),
}
ANONYMISED = [key for key, (_, kw) in VARIANTS.items() if kw.get("anonymise")]
NAMED = [key for key in VARIANTS if key not in ANONYMISED and "empty" not in key]


@cache
def dossier(key: str) -> bytes:
    make, kwargs = VARIANTS[key]
    return render_pdf(make(), **kwargs)


# --------------------------------------------------------------------------- the checker


def _walk(root: Any) -> Iterator[Any]:
    """Every object reachable from ``root`` (dictionaries, streams, arrays, strings...), each
    indirect object once."""
    seen: set[tuple[int, int]] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        yield obj
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            todo.extend(obj.values())
        elif isinstance(obj, pikepdf.Array):
            todo.extend(obj)


def _resources(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    """``resources`` and the resources of every form, pattern and Type3 font inside it."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    yield resources
    for kind in ("/XObject", "/Pattern", "/Font"):
        for inner in resources.get(kind, {}).values():
            yield from _resources(inner.get("/Resources"), seen)


def _font_problems(pdf: pikepdf.Pdf) -> tuple[list[str], int]:
    """Fonts that are not embedded (PDF/A: all fonts, with FontFile2 or FontFile3 for ours), and
    how many fonts there are."""
    problems, count, seen = [], 0, set()
    for page in pdf.pages:
        for resources in _resources(page.obj.get("/Resources"), seen):
            for name, font in resources.get("/Font", {}).items():
                count += 1
                if font.get("/Subtype") == "/Type0":
                    descriptor = font.DescendantFonts[0].get("/FontDescriptor")
                else:
                    descriptor = font.get("/FontDescriptor")
                if descriptor is None or not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    problems.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")
    return problems, count


def _content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What the page content does that PDF/A forbids: shows the .notdef glyph (ISO 19005-2
    6.2.11.8, an empty box where a letter should be), nests ``q`` deeper than 28, or paints in
    DeviceCMYK while the output intent is sRGB."""
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        gid_maps: dict[str, bytes] = {}
        for name, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else None
            gid_map = None if descendant is None else descendant.get("/CIDToGIDMap")
            if isinstance(gid_map, pikepdf.Stream):
                gid_maps[str(name)] = gid_map.read_bytes()
        depth = deepest = 0
        font = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                depth += 1
                deepest = max(deepest, depth)
            elif op == "Q":
                depth -= 1
            elif op in ("k", "K"):
                problems.append(f"page {number} paints in DeviceCMYK")
            elif op == "Tf":
                font = str(operands[0])
            elif op in ("Tj", "TJ", "'", '"') and font in gid_maps:
                shown = operands[0] if op == "TJ" else [operands[-1]]
                gids = gid_maps[font]
                for item in shown:
                    if not isinstance(item, pikepdf.String):
                        continue
                    raw = bytes(item)
                    for i in range(0, len(raw) - 1, 2):
                        cid = int.from_bytes(raw[i : i + 2], "big")
                        if gids[2 * cid : 2 * cid + 2] in (b"\0\0", b""):
                            problems.append(f"page {number} shows .notdef (CID {cid} in {font})")
        if deepest > MAX_Q_DEPTH:
            problems.append(f"page {number} nests q {deepest} deep")
    return problems


def _intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    """A PDF/A output intent (GTS_PDFA1) with an embedded ICC profile for RGB, version 2 to 4."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if not intents:
        return ["no GTS_PDFA1 output intent"]
    profile = intents[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        return ["the output intent has no ICC profile"]
    icc = profile.read_bytes()
    if icc[36:40] != b"acsp" or icc[16:20] != b"RGB " or not 2 <= icc[8] <= 4:
        return ["the output intent's profile is not an RGB ICC profile (v2-v4)"]
    if profile.get("/N") != 3:
        return ["the ICC profile's /N is not 3"]
    return []


def _attachment_problems(pdf: pikepdf.Pdf) -> list[str]:
    """``ecomap.json`` is an associated file of the document (ISO 19005-3 6.8): in the catalog's
    ``/AF``, relationship Data, a MIME type and a modification date; every embedded file is."""
    problems = []
    associated = {spec.objgen for spec in pdf.Root.get("/AF", [])}
    for name, attached in pdf.attachments.items():
        spec = attached.obj
        if spec.objgen not in associated:
            problems.append(f"{name} is not in the catalog's /AF")
        if "/AFRelationship" not in spec or "/F" not in spec or "/UF" not in spec:
            problems.append(f"{name}'s file spec lacks /AFRelationship, /F or /UF")
        stream = spec.EF.F
        if "/Subtype" not in stream or "/ModDate" not in stream.get("/Params", {}):
            problems.append(f"{name} has no MIME type or no modification date")
    if "ecomap.json" not in pdf.attachments:
        return [*problems, "no ecomap.json attached"]
    spec = pdf.attachments["ecomap.json"].obj
    if spec.get("/AFRelationship") != "/Data":
        problems.append(f"ecomap.json's relationship is {spec.get('/AFRelationship')}, not /Data")
    if spec.EF.F.get("/Subtype") != pikepdf.Name("/application/json"):
        problems.append("ecomap.json is not marked application/json")
    return problems


_ACTIONS = ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm", "/Rendition")


def _action_problems(pdf: pikepdf.Pdf) -> list[str]:
    """No JavaScript, no other action PDF/A forbids, no additional actions (``/AA``) anywhere:
    the catalog, its ``/OpenAction`` and ``/Names``, pages, annotations."""
    problems = []
    for obj in _walk(pdf.trailer):
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        keys = set(obj.keys())
        for key in ("/JS", "/JavaScript", "/AA"):
            if key in keys:
                problems.append(f"an object has {key}")
        if obj.get("/S") in _ACTIONS:
            problems.append(f"an action of type {obj.get('/S')}")
    open_action = pdf.Root.get("/OpenAction")
    if isinstance(open_action, pikepdf.Dictionary) and open_action.get("/S") != "/GoTo":
        problems.append(f"/OpenAction is a {open_action.get('/S')} action")
    return problems


def pdfa_problems(data: bytes) -> list[str]:
    """What stands between ``data`` and PDF/A-3B, as far as can be seen without veraPDF."""
    problems = []
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", data):
        problems.append("no PDF 1.4-1.7 header with a binary comment line")
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return [*problems, "encrypted"]
    with pdf:
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            problems.append("encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("no /ID in the trailer")
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        if meta.pdfa_status != "3B":
            problems.append(f"XMP does not identify PDF/A-3B (pdfaid: {meta.pdfa_status!r})")
        metadata = pdf.Root.get("/Metadata")
        if metadata is None or metadata.get("/Subtype") != "/XML":
            problems.append("no XMP metadata stream in the catalog")
        title = pdf.trailer.get("/Info", {}).get("/Title")
        if title is not None and str(title) != meta.get("dc:title"):
            problems.append("the Info title differs from the XMP title")
        problems += _intent_problems(pdf)
        font_problems, fonts = _font_problems(pdf)
        problems += font_problems
        if not fonts:
            problems.append("no fonts at all (text drawn as something else?)")
        problems += _content_problems(pdf)
        problems += _attachment_problems(pdf)
        problems += _action_problems(pdf)
    return problems


def qpdf_check(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``qpdf --check`` on ``data``; skips locally without qpdf, fails under CI=true."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        if IN_CI:
            pytest.fail("CI=true but qpdf is missing: scripts/test.sh installs Debian's qpdf")
        pytest.skip("qpdf is not installed (scripts/test.sh installs it; CI runs this)")
    path = tmp_path / "dossier.pdf"
    path.write_bytes(data)
    return subprocess.run(
        [qpdf, "--check", str(path)], capture_output=True, text=True, timeout=60, check=False
    )


def _clean(result: subprocess.CompletedProcess[str]) -> bool:
    """qpdf found no error (exit 2) and no warning (exit 3, "WARNING" on stderr)."""
    return (
        result.returncode == 0
        and not result.stderr.strip()
        and "WARNING" not in result.stdout.upper()
        and "No syntax or stream encoding errors found" in result.stdout
    )


# --------------------------------------------------------------------------- every dossier


@pytest.mark.parametrize("key", list(VARIANTS))
def test_every_dossier_is_pdfa_3b(key: str, output_dir: Path) -> None:
    data = dossier(key)
    (output_dir / f"dossier-pdfa-{key}.pdf").write_bytes(data)
    assert pdfa_problems(data) == []


@pytest.mark.parametrize("key", list(VARIANTS))
def test_qpdf_finds_no_error_or_warning(key: str, tmp_path: Path) -> None:
    result = qpdf_check(dossier(key), tmp_path)
    assert _clean(result), (result.returncode, result.stdout, result.stderr)


def test_the_long_note_really_makes_two_pages() -> None:
    """The two-page variant checks the second page too (fonts, content) only if there is one."""
    with pikepdf.open(io.BytesIO(dossier("nl-two-pages"))) as pdf:
        assert len(pdf.pages) == 2


@pytest.mark.parametrize("key", [k for k in VARIANTS if not VARIANTS[k][1].get("anonymise")])
def test_uploading_the_archival_dossier_restores_the_map(key: str) -> None:
    make, _ = VARIANTS[key]
    assert read_map(dossier(key)) == make()


def test_uploading_an_anonymised_archival_dossier_keeps_the_network() -> None:
    back = read_map(dossier("nl-nurse-anonymised"))
    assert [p.id for p in back.people] == [p.id for p in family().people]
    assert back.ties == family().ties


def test_the_xmp_names_the_dossier_and_its_maker() -> None:
    """An archivist's catalogue reads title, tool and dates from the XMP: the fixed title in
    the print's language and "ecomap"; dates as ISO 8601."""
    for key, lang in (("nl-nurse", "nl"), ("en-parent", "en")):
        with pikepdf.open(io.BytesIO(dossier(key))) as pdf:
            meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
            assert meta["dc:title"] == text("dossier.pdf.title", lang)
            assert meta["xmp:CreatorTool"] == "ecomap"
            iso = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)"
            assert re.fullmatch(iso, meta["xmp:CreateDate"]), meta["xmp:CreateDate"]
            assert str(pdf.Root.get("/Lang")) == lang


# --------------------------------------------------------------------------- no names


def _every_text(data: bytes) -> str:
    """Everything a PDF could give away: every string of every object, every stream decoded
    (the XMP, the attachment, fonts, page content), the Info dictionary and the page's text."""
    parts = [pdf_text(data)]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in _walk(pdf.trailer):
            if isinstance(obj, pikepdf.String):
                parts.append(str(obj))
            elif isinstance(obj, pikepdf.Stream):
                raw = obj.read_bytes()
                parts += [raw.decode("utf-8", "ignore"), raw.decode("utf-16-be", "ignore")]
    return "\n".join(parts)


def _metadata_values(data: bytes) -> list[str]:
    """Every metadata field: each XMP property, the raw XMP packet, the Info dictionary."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = [f"{key}={value}" for key, value in meta.items()]
        values.append(pdf.Root.Metadata.read_bytes().decode("utf-8"))
        values += [str(v) for v in pdf.trailer.get("/Info", {}).values()]
    return values


@pytest.mark.parametrize("key", ANONYMISED)
def test_anonymised_metadata_holds_no_name(key: str) -> None:
    values = _metadata_values(dossier(key))
    assert len(values) > 5  # identification, title, tool, dates, the packet
    for value in values:
        for secret in SECRETS:
            assert secret not in value, (secret, value)


def test_the_metadata_of_a_named_dossier_holds_no_name_either() -> None:
    """The XMP never carries what was typed about the family: it is read by catalogues that
    show it beside the file, where the page's contents are not expected."""
    for key in NAMED:
        for value in _metadata_values(dossier(key)):
            for secret in SECRETS:
                assert secret not in value, (key, secret, value)


@pytest.mark.parametrize("key", [k for k in ANONYMISED if "free-text-kept" not in k])
def test_anonymised_dossier_holds_no_name_in_any_object(key: str) -> None:
    everything = _every_text(dossier(key))
    for secret in SECRETS:
        assert secret not in everything, secret


def test_the_name_search_finds_names_in_a_named_dossier() -> None:
    """The search above can fail: in the named print it finds every name (the attachment, the
    page) and the free text."""
    everything = _every_text(dossier("nl-nurse"))
    for secret in SECRETS:
        assert secret in everything, secret


# --------------------------------------------------------------------------- each check can fail


def _plain_pdf() -> bytes:
    """What fpdf2 writes without PDF/A: a core font (not embedded), no XMP, no output intent."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Not archival")
    pdf.embed_file(basename="ecomap.json", bytes=b"{}")
    return bytes(pdf.output())


def test_the_checker_refuses_a_pdf_that_is_not_pdfa() -> None:
    problems = " | ".join(pdfa_problems(_plain_pdf()))
    for expected in (
        "XMP does not identify PDF/A-3B",
        "no XMP metadata stream",
        "no GTS_PDFA1 output intent",
        "is not embedded",
        "lacks /AFRelationship",
        "relationship is None",
        "has no MIME type",
    ):
        assert expected in problems, expected


def _sabotaged(change: Callable[[pikepdf.Pdf], None], **save: Any) -> bytes:
    with pikepdf.open(io.BytesIO(dossier("nl-nurse"))) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)
    return out.getvalue()


def _add_content(pdf: pikepdf.Pdf, content: bytes) -> None:
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, content), prepend=False)


def _js_open_action(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")


def _js_in_names(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array())


def _xmp_part_2(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().replace(b"<pdfaid:part>3<", b"<pdfaid:part>2<")
    pdf.Root.Metadata.write(xmp)


def _cmyk_intent(pdf: pikepdf.Pdf) -> None:
    profile = pdf.Root.OutputIntents[0].DestOutputProfile
    icc = bytearray(profile.read_bytes())
    icc[16:20] = b"CMYK"
    profile.write(bytes(icc))


def _no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.OutputIntents


def _not_associated(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.AF


def _unembed_fonts(pdf: pikepdf.Pdf) -> None:
    for font in pdf.pages[0].Resources.Font.values():
        del font.DescendantFonts[0].FontDescriptor["/FontFile2"]


def _relationship_unspecified(pdf: pikepdf.Pdf) -> None:
    pdf.attachments["ecomap.json"].obj.AFRelationship = pikepdf.Name.Unspecified


SABOTAGE: dict[str, tuple[Callable[[pikepdf.Pdf], None], dict[str, Any], str]] = {
    "JavaScript on opening": (_js_open_action, {}, "an object has /JS"),
    "JavaScript name tree": (_js_in_names, {}, "an object has /JavaScript"),
    "encrypted": (lambda pdf: None, {"encryption": pikepdf.Encryption(owner="x")}, "encrypted"),
    "XMP says part 2": (_xmp_part_2, {}, "XMP does not identify PDF/A-3B"),
    "no output intent": (_no_output_intent, {}, "no GTS_PDFA1 output intent"),
    "CMYK profile": (_cmyk_intent, {}, "not an RGB ICC profile"),
    "fonts not embedded": (_unembed_fonts, {}, "is not embedded"),
    "not associated": (_not_associated, {}, "not in the catalog's /AF"),
    "relationship unspecified": (_relationship_unspecified, {}, "not /Data"),
    ".notdef shown": (lambda pdf: _add_content(pdf, b"BT /F1 8 Tf <0000> Tj ET"), {}, ".notdef"),
    "q nested 30 deep": (lambda pdf: _add_content(pdf, b"q " * 30 + b"Q " * 30), {}, "nests q"),
    "CMYK paint": (lambda pdf: _add_content(pdf, b"0 0 0 1 k"), {}, "DeviceCMYK"),
}


@pytest.mark.parametrize("name", list(SABOTAGE))
def test_the_checker_catches_each_broken_marker(name: str) -> None:
    change, save, expected = SABOTAGE[name]
    problems = pdfa_problems(_sabotaged(change, **save))
    assert any(expected in problem for problem in problems), problems


def test_qpdf_check_catches_a_damaged_file(tmp_path: Path) -> None:
    """A stream whose /Length is wrong (as a careless edit leaves it) is reported."""
    data = dossier("nl-nurse")
    length = re.search(rb"/Length (\d+)", data)
    assert length is not None
    wrong = data[: length.start(1)] + str(int(length[1]) + 7).encode() + data[length.end(1) :]
    assert not _clean(qpdf_check(wrong, tmp_path))
