"""Hostile files, built in the tests. Each returns the bytes; the test names the status."""

from __future__ import annotations

import io
import zipfile
import zlib

from tests.pipeline.extract import builders


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """document.xml inflating 64 MB of spaces from about 64 KB."""
    filler = b'<?xml version="1.0"?>' + b" " * (64 * 1024 * 1024)
    return _rezip(builders.docx(), {"word/document.xml": filler})


def zip_bomb_xlsx() -> bytes:
    filler = b'<?xml version="1.0"?>' + b"\x20" * (64 * 1024 * 1024)
    return _rezip(builders.xlsx([["a"]]), {"xl/worksheets/sheet1.xml": filler})


def many_member_docx(members: int) -> bytes:
    source = builders.docx()
    buffer = io.BytesIO(source)
    with zipfile.ZipFile(buffer, "a") as archive:
        for index in range(members):
            archive.writestr(f"word/media/pad{index}.bin", b"x")
    return buffer.getvalue()


def xxe_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(builders.docx()))
    document = source.read("word/document.xml").decode()
    head, _, rest = document.partition("?>")
    evil = (
        f'{head}?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + rest.replace("Dear Mr Example,", "&xxe;")
    )
    return _rezip(builders.docx(), {"word/document.xml": evil.encode()})


def billion_laughs_odt() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    prolog = f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
    return builders.odt(["&lol9;"], content_prefix=prolog)


def huge_page_count_pdf() -> bytes:
    """A page tree that claims a billion pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    return _pdf(objects)


def deeply_nested_pdf(depth: int) -> bytes:
    """A content stream of ``depth`` nested arrays."""
    stream = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf(objects)


def flate_bomb_pdf(inflated: int) -> bytes:
    """A content stream of ``inflated`` zero bytes, compressed about 1000:1."""
    compressor = zlib.compressobj(9)
    chunk = b"\x00" * (16 * 1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(inflated // len(chunk))]
    parts.append(compressor.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
RANDOM_BINARY = bytes(range(256)) * 64


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    return buffer.getvalue()


def nested_html() -> bytes:
    """Read with an explicit stack (no recursion), so even the innermost text is reached."""
    return b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
