"""Plain text, CSV and HTML.

Authorities' text attachments are UTF-8, Windows-1252 (Outlook's default, with curly quotes
at 0x91-0x94) or occasionally UTF-16 with a BOM. Latin-1 decodes anything, so it comes last.
"""

from __future__ import annotations

import csv
import io

from lxml import etree, html

from pipeline.extract.result import ExtractionFailed

ENCODINGS: tuple[str, ...] = ("utf-8", "cp1252", "latin-1")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "dt",
        "dd",
        "hr",
        "title",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template"})


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
    return normalise_newlines(decode(data)[0])


def csv_text(data: bytes) -> str:
    """Rows as tab-separated lines, so cells read as words, not as quoted CSV syntax."""
    text = normalise_newlines(decode(data)[0])
    try:
        rows = csv.reader(io.StringIO(text))
        return "\n".join("\t".join(cell.strip() for cell in row) for row in rows)
    except csv.Error:
        return text


def html_text(data: bytes | str, filename: str = "") -> str:
    """Visible text, a line per block element."""
    if isinstance(data, bytes):
        data = decode(data)[0]
    if not data.strip():
        return ""
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable HTML ({exc})") from exc
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(element: etree._Element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _SKIP_TAGS:
        if element.tail:
            parts.append(element.tail)
        return
    block = tag.lower() in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text and tag:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)
