"""Plain text and CSV (HTML: ``pipeline.extract.html``).

Authorities' text attachments are UTF-8, Windows-1252 (Outlook's default, with curly quotes
at 0x91-0x94) or occasionally UTF-16 with a BOM. Latin-1 decodes anything, so it comes last.
"""

from __future__ import annotations

import csv
import io

ENCODINGS: tuple[str, ...] = ("utf-8", "cp1252", "latin-1")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that read it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def plain_text(data: bytes) -> str:
    """The decoded text with its paragraphs re-flowed (``reflow.reflow_plain``)."""
    from pipeline.extract.reflow import reflow_plain

    return reflow_plain(decode(data)[0])


def csv_text(data: bytes) -> str:
    """Rows as tab-separated lines, so cells read as words, not as quoted CSV syntax."""
    text = normalise_newlines(decode(data)[0])
    try:
        rows = csv.reader(io.StringIO(text))
        return "\n".join("\t".join(cell.strip() for cell in row) for row in rows)
    except csv.Error:
        return text
