"""Attachment bytes: sniffed by content, stored by hash, never by the site's filename."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from scraper.blobs import blob_path, sniff, store_blob


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"),
        (b"{\\rtf1\\ansi", "application/rtf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/x-ole-storage"),
        (b"From: FOI Team <foi@example.org>\nSubject: x\n\nbody", "message/rfc822"),
        (b"Dear Sir,\nPlease find attached.", "text/plain"),
        (b"<!DOCTYPE html><html></html>", "text/html"),
        (b"\x00\x01\x02\x03", "application/octet-stream"),
    ],
)
def test_sniff_reads_the_magic_bytes(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_sniff_tells_docx_from_xlsx_inside_the_zip() -> None:
    assert sniff(_zip("word/document.xml")).endswith("wordprocessingml.document")
    assert sniff(_zip("xl/workbook.xml")).endswith("spreadsheetml.sheet")


def test_blob_path_is_two_levels_of_the_hash() -> None:
    sha = "ab" + "cd" + "0" * 60
    assert blob_path(sha).as_posix() == f"blobs/ab/cd/{sha}"


@pytest.mark.parametrize("bad", ["../../etc/passwd", "AB" * 32, "abc"])
def test_blob_path_refuses_anything_but_a_hex_digest(bad: str) -> None:
    with pytest.raises(ValueError, match="sha256"):
        blob_path(bad)


def test_store_blob_writes_the_bytes_under_their_hash(tmp_path: Path) -> None:
    sha, relative = store_blob(tmp_path, b"letter")
    assert sha == hashlib.sha256(b"letter").hexdigest()
    assert (tmp_path / relative).read_bytes() == b"letter"


def test_store_blob_twice_keeps_one_file_and_no_temporaries(tmp_path: Path) -> None:
    store_blob(tmp_path, b"letter")
    store_blob(tmp_path, b"letter")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in files] == [hashlib.sha256(b"letter").hexdigest()]
