"""Hand-made hostile PDFs: small files that inflate to far more than they weigh.

Each stream is compressed twice (``/Filter [/FlateDecode /FlateDecode]``): zeros shrink about a
thousandfold per round, so 70 MB of zeros take about 100 bytes. The three shapes cover every place
a reader inflates data: attached files (many of them, all named ``ecomap.json``), the
cross-reference stream read when the file is opened, and an object stream holding the catalog.
"""

from __future__ import annotations

import zlib

MB = 1_000_000


def _twice(size: int) -> bytes:
    return zlib.compress(zlib.compress(b"\0" * size, 9), 9)


def _stream(header: str, data: bytes) -> bytes:
    head = f"<< {header} /Length {len(data)} >>\nstream\n".encode()
    return head + data + b"\nendstream"


def _document(objects: list[bytes], trailer: str = "") -> bytes:
    """Objects 1..n with a classic cross-reference table; ``objects[0]`` is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\n".encode()
    out += f"startxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def attachments(count: int, inflated: int, name: str = "ecomap.json") -> bytes:
    """``count`` attached files, all called ``name``, each inflating to ``inflated`` bytes."""
    objects: list[bytes] = [b"", _PAGES, _PAGE]
    entries = []
    for _ in range(count):
        spec, stream = len(objects) + 1, len(objects) + 2
        objects.append(
            f"<< /Type /Filespec /F ({name}) /UF ({name}) /EF << /F {stream} 0 R >> >>".encode()
        )
        objects.append(
            _stream("/Type /EmbeddedFile /Filter [/FlateDecode /FlateDecode]", _twice(inflated))
        )
        entries.append(f"({name}) {spec} 0 R")
    names = " ".join(entries)
    tree = f"/Names << /EmbeddedFiles << /Names [{names}] >> >>"
    objects[0] = f"<< /Type /Catalog /Pages 2 0 R {tree} >>".encode()
    return _document(objects)


def _xref_stream_document(
    objects: list[bytes], kinds: list[tuple[int, int, int]], padding: int
) -> bytes:
    """Objects 1..n then a cross-reference stream (object n+1) whose entries are ``kinds`` for
    objects 1..n ((1, offset, 0) is filled in), followed by ``padding`` zero bytes that a reader
    inflates but never needs."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    rows = [(0, 0, 255)]
    for number, body in enumerate(objects, start=1):
        kind = kinds[number - 1]
        rows.append((1, len(out), 0) if kind[0] == 1 else kind)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    xref_number = len(objects) + 1
    rows.append((1, start, 0))
    table = b"".join(bytes([t]) + o.to_bytes(4, "big") + bytes([g]) for t, o, g in rows)
    data = zlib.compress(zlib.compress(table + b"\0" * padding, 9), 9)
    header = (
        f"/Type /XRef /Size {xref_number + 1} /W [1 4 1] /Root 1 0 R "
        "/Filter [/FlateDecode /FlateDecode]"
    )
    out += f"{xref_number} 0 obj\n".encode() + _stream(header, data) + b"\nendobj\n"
    out += f"startxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def xref_stream(inflated: int) -> bytes:
    """A valid little PDF whose cross-reference stream inflates to about ``inflated`` bytes."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    return _xref_stream_document([catalog, _PAGES, _PAGE], [(1, 0, 0)] * 3, inflated)


def object_stream(inflated: int) -> bytes:
    """A valid little PDF whose catalog sits in an object stream inflating to ``inflated`` bytes."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    body = catalog + b" " * 4
    header = b"1 0 "
    raw = header + body
    data = zlib.compress(zlib.compress(raw + b"\0" * inflated, 9), 9)
    stm = _stream(
        f"/Type /ObjStm /N 1 /First {len(header)} /Filter [/FlateDecode /FlateDecode]", data
    )
    return _xref_stream_document(
        [b"null", _PAGES, _PAGE, stm], [(2, 4, 0), (1, 0, 0), (1, 0, 0), (1, 0, 0)], 0
    )
