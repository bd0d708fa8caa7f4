"""The ``ecomap`` command line: render a map to a file, print its reflection, the JSON schema, or
the category a role suggests; check an organisation's local offers file (``offers``) and print
its schema (``offers-schema``).

For IT staff of youth health care and for researchers, so the messages are Dutch or English
(``--lang``, default Dutch; texts in ``questions/<lang>/cli.toml``) and every expected failure (a
missing file, a file that is not a map, an invalid map, an unknown output extension, a file over
10 MB) is a plain message on stderr with exit code 2, never a traceback. Maps are read with
``ecomap.files.read.read_map``, so the dossier PDF made by ecomap works as input, as does the JSON.

Without ``--lang``, ``render`` and ``reflect`` speak the map's own language (``EcoMap.language``)
and messages are Dutch.

Exit codes: 0 done; 1 ``suggest`` knows no category for the text; 2 the command could not be done
(argparse uses 2 for usage errors too).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ecomap.files.exports import (
    EXPORTS,
    ExportFormat,
    ExportOptions,
    UnknownFormat,
    format_for_path,
)
from ecomap.files.read import DEFAULT_MAX_BYTES, MapReadError, read_map
from ecomap.model import LANGUAGES, EcoMap, Language
from ecomap.texts.catalog import text

MAX_INPUT_BYTES = DEFAULT_MAX_BYTES
"""Largest map file read (10 MB); checked before reading, so a huge file is never loaded."""

EXIT_OK = 0
EXIT_NO_SUGGESTION = 1
EXIT_ERROR = 2

_MODES = ("nurse", "parent")
_Subparsers = argparse._SubParsersAction  # argparse exposes no public name for this type


class CliError(Exception):
    """An expected failure; ``lines`` are printed on stderr, already in the reader's language."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = lines


def _message_lang(argv: Sequence[str]) -> Language:
    """The language of help and messages, read before the real parsing because the help texts
    depend on it. An unknown value falls back to Dutch; the real parser then reports it."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _ = pre.parse_known_args(argv)
    return next((lang for lang in LANGUAGES if lang == known.lang), "nl")


def _parser(lang: Language) -> argparse.ArgumentParser:
    def h(key: str, **values: object) -> str:
        return text(f"cli.help.{key}", lang, **values)

    def with_help(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("-h", "--help", action="help", help=h("help"))
        return parser

    def command(sub: _Subparsers[argparse.ArgumentParser], name: str) -> argparse.ArgumentParser:
        parser = with_help(sub.add_parser(name, help=h(name), description=h(name), add_help=False))
        parser.add_argument("--lang", choices=LANGUAGES, help=h("lang"))
        return parser

    parser = with_help(
        argparse.ArgumentParser(prog="ecomap", description=h("description"), add_help=False)
    )
    sub = parser.add_subparsers(dest="command", required=True, title=h("commands"))

    render = command(sub, "render")
    render.add_argument("map", type=Path, help=h("map"))
    extensions = ", ".join(_extensions())
    render.add_argument(
        "-o", "--output", type=Path, required=True, help=h("output", extensions=extensions)
    )
    render.add_argument("--mode", choices=_MODES, default="nurse", help=h("mode"))
    render.add_argument("--anonymise", action="store_true", help=h("anonymise"))
    render.add_argument(
        "--format",
        choices=tuple(EXPORTS),
        help=text("takehome.cli.format", lang, formats=", ".join(EXPORTS)),
    )

    reflect = command(sub, "reflect")
    reflect.add_argument("map", type=Path, help=h("map"))
    reflect.add_argument("--mode", choices=_MODES, default="nurse", help=h("mode"))

    command(sub, "schema")

    offers = command(sub, "offers")
    offers.add_argument("file", type=Path, help=h("offers_file"))
    offers.add_argument("--map", type=Path, help=h("offers_map"))

    command(sub, "offers-schema")

    suggest = command(sub, "suggest")
    suggest.add_argument("text", help=h("text"))
    return parser


def _load(path: Path, lang: Language) -> EcoMap:
    """The map in ``path`` (JSON or ecomap PDF); its size is checked before anything is read."""
    shown = str(path)
    try:
        if not path.exists():
            raise CliError(text("cli.error.not_found", lang, path=shown))
        if not path.is_file():
            raise CliError(text("cli.error.not_a_file", lang, path=shown))
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise MapReadError("too_big", max_bytes=MAX_INPUT_BYTES)
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)  # a pipe or device can lie about its size
        return read_map(data, max_bytes=MAX_INPUT_BYTES)
    except MapReadError as exc:
        # The reason, then each detail on a line of its own (never the file's content).
        reason = MapReadError(exc.code, max_bytes=exc.max_bytes).message(lang)
        raise CliError(reason, *exc.details(lang)) from None
    except OSError:
        raise CliError(text("cli.error.cannot_read", lang, path=shown)) from None


def _extensions() -> list[str]:
    """Every output extension the render command accepts (a ZIP format also by its key), each
    once: three formats are PDFs (the map, the take-home sheet, its phone version)."""
    found = [f.extension for f in EXPORTS.values()]
    found += [f".{f.key}" for f in EXPORTS.values() if f.extension == ".zip"]
    return list(dict.fromkeys(found))


def _format_for(path: Path, lang: Language) -> tuple[ExportFormat, bool]:
    """The format for an output path, and whether to unpack it: a ZIP export asked for by its key
    ("-o net.csv" for the "csv" format, a ZIP of people.csv and ties.csv) is written as the files
    inside it ("net-people.csv", "net-ties.csv"), which is what a researcher asking for .csv wants.
    """
    try:
        return format_for_path(path), False
    except UnknownFormat as exc:
        zipped = EXPORTS.get(path.suffix.lower().removeprefix("."))
        if zipped is not None and zipped.extension == ".zip":
            return zipped, True
        known = ", ".join(_extensions())
        raise CliError(
            text("cli.error.unknown_format", lang, extension=exc.asked, known=known)
        ) from None


def _write(path: Path, data: bytes, lang: Language) -> None:
    try:
        path.write_bytes(data)
    except OSError:
        raise CliError(text("cli.error.cannot_write", lang, path=str(path))) from None
    print(text("cli.done.written", lang, path=str(path)), file=sys.stderr)


def _render(args: argparse.Namespace, lang: Language) -> int:
    output: Path = args.output
    if args.format is not None:  # asked for by key: the take-home page is a .pdf too
        fmt, unpack = EXPORTS[args.format], False
    else:
        fmt, unpack = _format_for(output, lang)
    ecomap = _load(args.map, lang)
    options = ExportOptions(
        lang=args.lang or ecomap.language, mode=args.mode, anonymise=args.anonymise
    )
    try:
        data = fmt.render(ecomap, options)
    except ImportError:
        raise CliError(
            text("cli.error.format_unavailable", lang, extension=fmt.extension)
        ) from None
    if not unpack:
        _write(output, data, lang)
        return EXIT_OK
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            name = Path(member).name  # our own archive, but never trust a path inside a ZIP
            _write(output.with_name(f"{output.stem}-{name}"), archive.read(member), lang)
    return EXIT_OK


def _reflect(args: argparse.Namespace, lang: Language) -> int:
    ecomap = _load(args.map, lang)
    # Imported on use: the other commands do not need it.
    from ecomap.texts.reflection import reflect

    print(reflect(ecomap, args.lang or ecomap.language, args.mode).text)
    return EXIT_OK


def _schema() -> int:
    """Exactly the text of ``docs/ecomap.schema.json`` (which a test keeps in step)."""
    print(json.dumps(EcoMap.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _offers(args: argparse.Namespace, lang: Language) -> int:
    """Check an offers file (what the app would say about it, line and field); with ``--map``,
    print the offers the app would suggest for that map, one ``code: name`` per line."""
    from ecomap.offers import OffersError, load_offers

    try:
        offers = load_offers(args.file)
    except OffersError as exc:
        raise CliError(*exc.messages(lang)) from None
    if args.map is None:
        print(
            text(
                "cli.offers.fine",
                lang,
                count=len(offers.offers),
                organisation=offers.about.organisation,
            )
        )
        return EXIT_OK
    ecomap = _load(args.map, lang)
    from ecomap.matching import choose_offers

    chosen = choose_offers(ecomap, offers.offers, args.lang or ecomap.language)
    if not chosen:
        print(text("cli.offers.none", lang), file=sys.stderr)
    for offer in chosen:
        print(f"{offer.id}: {offer.name.in_(args.lang or ecomap.language)}")
    return EXIT_OK


def _offers_schema() -> int:
    """Exactly the text of ``docs/offers.schema.json`` (which a test keeps in step)."""
    from ecomap.offers import offers_schema

    print(json.dumps(offers_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _suggest(args: argparse.Namespace, lang: Language) -> int:
    from ecomap.texts.roles import suggest_category

    category = suggest_category(args.text, lang)
    if category is None:
        print(text("cli.suggest.none", lang), file=sys.stderr)
        return EXIT_NO_SUGGESTION
    print(category.value)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = _message_lang(arguments)
    args = _parser(lang).parse_args(arguments)
    try:
        if args.command == "render":
            return _render(args, lang)
        if args.command == "reflect":
            return _reflect(args, lang)
        if args.command == "schema":
            return _schema()
        if args.command == "offers":
            return _offers(args, lang)
        if args.command == "offers-schema":
            return _offers_schema()
        return _suggest(args, lang)
    except CliError as exc:
        for line in exc.lines:
            print(text("cli.error.prefix", lang, message=line), file=sys.stderr)
        return EXIT_ERROR
