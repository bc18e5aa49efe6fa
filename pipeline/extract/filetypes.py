"""Decide a file's real type from its first bytes; the name and claimed type are only hints.

WDTK attachments are often misnamed (``response.pdf`` that is a Word file, ``.dat`` e-mails),
and Alaveteli's own content type comes from the extension.
"""

from __future__ import annotations

import io
import re
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"
OLE = "application/x-ole-storage"  # old .doc/.xls/.msg
RTF = "application/rtf"
HTML = "text/html"
CSV = "text/csv"
TEXT = "text/plain"
EML = "message/rfc822"
PNG, JPEG, GIF, TIFF = "image/png", "image/jpeg", "image/gif", "image/tiff"
BINARY = "application/octet-stream"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"{\\rtf", RTF),
)
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{1,40}):[ \t]?.*$")
_MAIL_HEADERS = frozenset(
    b"from to cc subject date received return-path message-id mime-version content-type"
    b" delivered-to reply-to x-mailer".split()
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def sniff(data: bytes, filename: str = "", content_type: str | None = None) -> str:
    """The MIME type the bytes really are."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return PDF
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, filename)
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return _text_kind(head, filename, content_type)
    return BINARY


_ZIP_EXTENSIONS = {".docx": DOCX, ".xlsx": XLSX, ".odt": ODT, ".ods": ODS}


def _zip_kind(data: bytes, filename: str) -> str:
    """The OOXML/ODF type from the members; a broken zip keeps the type its name claims,
    so that it is reported as a corrupt document rather than an unsupported archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in (ODT, ODS):
                    return mimetype
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        suffix = filename.lower().rstrip("\x00 ").rpartition(".")[2]
        return _ZIP_EXTENSIONS.get(f".{suffix}", ZIP)
    return ZIP


def _looks_like_mail(head: bytes) -> bool:
    known = 0
    for line in head.splitlines()[:30]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # folded header continuation
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        if match.group(1).lower() in _MAIL_HEADERS:
            known += 1
    return known >= 2


def _text_kind(head: bytes, filename: str, content_type: str | None) -> str:
    body = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(body):
        return HTML
    if _looks_like_mail(body):
        return EML
    hint = (content_type or "").split(";")[0].strip().lower()
    name = filename.lower().rstrip("\x00 ")
    if hint == CSV or name.endswith(".csv"):
        return CSV
    if hint == HTML or name.endswith((".htm", ".html")):
        return HTML
    return TEXT
