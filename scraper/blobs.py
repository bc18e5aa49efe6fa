"""Attachment bytes, content-addressed under WDTK_DATA_DIR: ``blobs/ab/cd/<sha256>``.

The site's filename never becomes a path (it is attacker-controlled text: ``../``, NULs,
reserved names); only the hash does. Writes go to a temporary file in the same folder and are
renamed into place, so a killed run never leaves half a blob under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath

# Magic numbers of the formats authorities send (first bytes of the file).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"{\\rtf", "application/rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc/.xls/.msg
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\x1f\x8b", "application/gzip"),
)
_ZIP_KINDS = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
    (
        b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
)
_EMAIL_HEADERS = (b"from:", b"received:", b"return-path:", b"message-id:", b"mime-version:", b"date:", b"subject:", b"to:")  # fmt: skip


def sniff(data: bytes) -> str:
    """The type the bytes themselves declare; ``application/octet-stream`` when unsure."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        for marker, kind in _ZIP_KINDS:
            if marker in head:
                return kind
        return "application/zip"
    head = data[:2048]
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if stripped.startswith(b"<?xml"):
        return "application/xml"
    if b"\x00" in head:
        return "application/octet-stream"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
    first = text.split("\n", 1)[0].lower().encode()
    if first.startswith(_EMAIL_HEADERS):
        return "message/rfc822"
    return "text/plain"


def blob_path(sha256: str) -> PurePosixPath:
    """Where a blob lives relative to the data folder (``blobs/ab/cd/<sha256>``)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return PurePosixPath("blobs", sha256[:2], sha256[2:4], sha256)


def store_blob(data_dir: Path, data: bytes) -> tuple[str, str]:
    """Write ``data`` once; return (sha256, path relative to ``data_dir``)."""
    sha = hashlib.sha256(data).hexdigest()
    relative = blob_path(sha)
    target = data_dir / Path(*relative.parts)
    if target.exists() and target.stat().st_size == len(data):
        return sha, relative.as_posix()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha, relative.as_posix()
