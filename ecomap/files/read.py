"""Read a map back from a file a person uploads: the JSON export or a dossier PDF made by ecomap.

The dossier PDF carries the map's JSON as a file attachment (``ecomap.json``), so a nurse who
printed the map at one consult can pick it up again at the next one. Uploads come from anywhere:
a damaged PDF, somebody else's PDF, a JSON of a newer version, a huge file or plain junk must all
end in one clear sentence, never in a traceback, and never in a half-read map. Nothing in a file
is executed or interpreted: PDF is only parsed for its attachments, JSON only validated.

A PDF is compressed inside, and a few kilobytes can inflate to gigabytes (a "zip bomb"): many
attachments, or a cross-reference or object stream that pypdf inflates while opening the file.
So everything a PDF inflates to, wherever it sits, shares one budget (the size limit, 10 MiB):
each stream may inflate to what is left of it and no further, and once it is spent the file is
refused as too big. A PDF with more than ``MAX_ATTACHMENTS`` attached files is refused before any
of them is inflated, and of several files named ``ecomap.json`` only the first is read.

A map carries the family's earlier versions, so a file grows with every consult. That growth is
bounded too: a file with more than ``MAX_VERSIONS`` earlier maps is refused as soon as they are
counted (before a version is validated), and the model refuses more than ``MAX_HISTORY_PEOPLE``
people in them together. Older formats (1 and 2) are upgraded as they are read
(``ecomap.model.upgrade``).
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ecomap.model import MAX_VERSIONS, SCHEMA_VERSION, EcoMap, Language
from ecomap.texts.catalog import text
from ecomap.texts.errors import explain

if TYPE_CHECKING:
    from pypdf.generic import StreamObject

ATTACHMENT_NAME: Final = "ecomap.json"
"""File name of the map inside a dossier PDF (``ecomap.files.pdf`` writes it, this reads it)."""

DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024
"""Largest upload read (bytes), and the most a PDF may inflate to in total. A 150-person map is
~60 KB of JSON and its PDF ~200 KB."""

MAX_ATTACHMENTS: Final = 10
"""Most files attached to a PDF that is still read (ecomap attaches one)."""

_BOM: Final = b"\xef\xbb\xbf"

CODES: Final = (
    "too_big",
    "too_many_files",
    "empty",
    "not_a_map",
    "not_utf8",
    "pdf_without_map",
    "damaged_pdf",
    "locked_pdf",
    "invalid_map",
    "newer_version",
    "too_many_versions",
)
"""Every reason a file can be refused; each has a sentence ``dossier.read.<code>``."""


class MapReadError(ValueError):
    """A file that is not a readable ecomap. ``code`` says why (one of ``CODES``).

    ``validation`` keeps pydantic's error for ``invalid_map``, so the details can be told in the
    reader's language when they are shown, not in the language of the moment the file was read.
    """

    def __init__(
        self,
        code: str,
        *,
        validation: ValidationError | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if code not in CODES:
            raise ValueError(f"unknown read error code {code!r}")
        super().__init__(code)
        self.code = code
        self.validation = validation
        self.max_bytes = max_bytes

    def details(self, lang: Language = "nl") -> list[str]:
        """What exactly is wrong inside a map file (empty for other codes); never echoes input."""
        return explain(self.validation, lang) if self.validation is not None else []

    def message(self, lang: Language = "nl") -> str:
        """The reason in plain words, followed by the details (if any), as one text."""
        max_mb = max(1, round(self.max_bytes / (1024 * 1024)))
        lead = text(f"dossier.read.{self.code}", lang, max_mb=max_mb, max_versions=MAX_VERSIONS)
        return " ".join([lead, *self.details(lang)])


def read_map(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> EcoMap:
    """The map in an uploaded file: ecomap JSON (UTF-8, optional BOM) or a PDF made by ecomap.

    Raises ``MapReadError`` for anything else. The size is checked before any parsing.
    """
    if len(data) > max_bytes:
        raise MapReadError("too_big", max_bytes=max_bytes)
    if not data.strip():
        raise MapReadError("empty")
    if _looks_like_pdf(data):
        return _parse_json(_attachment(data, max_bytes))
    return _parse_json(data)


def _looks_like_pdf(data: bytes) -> bool:
    """PDF readers accept the header anywhere in the first 1024 bytes; so do we. A JSON object
    (which may well contain the text "%PDF-" in a name) is never taken for a PDF."""
    head = data.removeprefix(_BOM).lstrip()
    return not head.startswith(b"{") and b"%PDF-" in data[:1024]


class _Budget:
    """What one upload may still inflate to (bytes), shared by every stream in it."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.spent = False


_BUDGET: ContextVar[_Budget | None] = ContextVar("ecomap_read_budget", default=None)
"""The budget of the upload being read in this thread, or None (then pypdf works as shipped)."""

_WRAPPING = threading.Lock()
"""Two sessions reading their first upload at once must not wrap pypdf's function twice."""

_LIMITS: Final = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
    "image_maximum_buffer_size",
    "stream_decoding_work_maximum_length",
)
"""pypdf's per-stream output limits; while an upload is read each is set to what is left."""


def _budgeted(decode: Callable[[StreamObject], bytes]) -> Callable[[StreamObject], bytes]:
    """pypdf's one function that inflates a stream, bounded by the budget of the current read."""
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError

    def decode_within_budget(stream: StreamObject) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return decode(stream)
        if budget.left <= 0:  # pypdf reads a limit of 0 as "no limit"
            budget.spent = True
            raise MapReadError("too_big")
        try:
            with apply_configuration(None, **dict.fromkeys(_LIMITS, budget.left)):
                decoded = decode(stream)
        except LimitReachedError:
            budget.spent = True  # this stream alone would inflate to more than is left
            raise
        budget.left -= len(decoded)
        if budget.left < 0:
            budget.spent = True
            raise MapReadError("too_big")
        return decoded

    decode_within_budget.ecomap_budgeted = True  # type: ignore[attr-defined]
    return decode_within_budget


@contextmanager
def _inflate_at_most(limit: int) -> Iterator[_Budget]:
    """While the block runs, everything pypdf inflates in this thread counts against ``limit``.

    pypdf inflates every stream through ``pypdf.filters.decode_stream_data`` (attachments, and
    while opening a file its cross-reference and object streams). That function is wrapped once,
    here; outside a budget the wrapper calls pypdf's own at once. The budget lives in a context
    variable, so reads in other threads (other sessions) each have their own.
    """
    import pypdf.filters

    with _WRAPPING:
        if not getattr(pypdf.filters.decode_stream_data, "ecomap_budgeted", False):
            pypdf.filters.decode_stream_data = _budgeted(  # type: ignore[assignment]
                pypdf.filters.decode_stream_data
            )
    budget = _Budget(limit)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _attachment(data: bytes, max_bytes: int) -> bytes:
    """The ``ecomap.json`` attachment of a PDF. pypdf raises many kinds of errors on damaged files
    (its own, but also ValueError, KeyError, RecursionError, ...): all of them mean 'damaged',
    unless the inflation budget ran out on the way (pypdf may also swallow that error and go on
    repairing), which means 'too big'."""
    from pypdf import PdfReader

    with _inflate_at_most(max_bytes) as budget:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise MapReadError("locked_pdf")
            attached = list(islice(reader.attachment_list, MAX_ATTACHMENTS + 1))
            if len(attached) > MAX_ATTACHMENTS:
                raise MapReadError("too_many_files")
            found = next((a for a in attached if a.name == ATTACHMENT_NAME), None)
            content = None if found is None else found.content
        except Exception as exc:  # damaged PDFs fail in every way imaginable
            if budget.spent:
                raise MapReadError("too_big", max_bytes=max_bytes) from None
            if isinstance(exc, MapReadError):
                raise
            raise MapReadError("damaged_pdf") from exc
    if budget.spent:
        raise MapReadError("too_big", max_bytes=max_bytes)
    if content is None:
        raise MapReadError("pdf_without_map")
    return content


def _parse_json(data: bytes) -> EcoMap:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MapReadError("not_utf8") from exc
    if not raw.strip():
        raise MapReadError("empty")
    try:
        obj: Any = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise MapReadError("not_a_map") from exc
    if not isinstance(obj, dict) or "schema_version" not in obj:
        # Every map ecomap writes names its format version; without it this is another JSON.
        raise MapReadError("not_a_map")
    version = obj["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise MapReadError("newer_version")
    history = obj.get("history")
    if isinstance(history, list) and len(history) > MAX_VERSIONS:
        # Counted before validation builds thousands of versions only to refuse them.
        raise MapReadError("too_many_versions")
    try:
        return EcoMap.model_validate_json(raw)
    except ValidationError as exc:
        raise MapReadError("invalid_map", validation=exc) from exc
