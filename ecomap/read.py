"""Read a map back from a file a person uploads: the JSON export or a dossier PDF made by ecomap.

The dossier PDF carries the map's JSON as a file attachment (``ecomap.json``), so a nurse who
printed the map at one consult can pick it up again at the next one. Uploads come from anywhere:
a damaged PDF, somebody else's PDF, a JSON of a newer version, a huge file or plain junk must all
end in one clear sentence, never in a traceback, and never in a half-read map. Nothing in a file
is executed or interpreted: PDF is only parsed for its attachments, JSON only validated.
"""

from __future__ import annotations

import io
import json
from typing import Any, Final

from pydantic import ValidationError

from ecomap.catalog import text
from ecomap.errors import explain
from ecomap.model import SCHEMA_VERSION, EcoMap, Language

ATTACHMENT_NAME: Final = "ecomap.json"
"""File name of the map inside a dossier PDF (``ecomap.pdf`` writes it, this module reads it)."""

DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024
"""Largest upload read (bytes). A 150-person map is ~60 KB of JSON and its PDF ~200 KB."""

_BOM: Final = b"\xef\xbb\xbf"

CODES: Final = (
    "too_big",
    "empty",
    "not_a_map",
    "not_utf8",
    "pdf_without_map",
    "damaged_pdf",
    "locked_pdf",
    "invalid_map",
    "newer_version",
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
        lead = text(f"dossier.read.{self.code}", lang, max_mb=max_mb)
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


def _attachment(data: bytes, max_bytes: int) -> bytes:
    """The ``ecomap.json`` attachment of a PDF. pypdf raises many kinds of errors on damaged files
    (its own, but also ValueError, KeyError, RecursionError, ...): all of them mean 'damaged'."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise MapReadError("locked_pdf")
        found = reader.attachments.get(ATTACHMENT_NAME)
    except MapReadError:
        raise
    except Exception as exc:  # damaged PDFs fail in every way imaginable
        raise MapReadError("damaged_pdf") from exc
    if not found:
        raise MapReadError("pdf_without_map")
    content = found[0]
    if len(content) > max_bytes:
        raise MapReadError("too_big", max_bytes=max_bytes)
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
    try:
        return EcoMap.model_validate_json(raw)
    except ValidationError as exc:
        raise MapReadError("invalid_map", validation=exc) from exc
