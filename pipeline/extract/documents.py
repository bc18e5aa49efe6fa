"""Word, Excel, OpenDocument and RTF files, each opened only after ``open_checked_zip``."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from pipeline.extract.archive import open_checked_zip
from pipeline.extract.result import ExtractionFailed, Limits
from pipeline.extract.text import decode

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def docx_text(data: bytes, filename: str, limits: Limits) -> str:
    """Body paragraphs and table rows in document order; cells tab-separated."""
    import docx  # python-docx: imported here so the worker only loads what it needs

    open_checked_zip(data, filename, limits).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable DOCX ({exc})") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = row.findall(f"{_W}tc")
                lines.append("\t".join(_cell(cell) for cell in cells))
    return "\n".join(lines)


def _paragraph(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell(cell: etree._Element) -> str:
    return " ".join(_paragraph(p) for p in cell.iter(f"{_W}p")).strip()


def xlsx_text(data: bytes, filename: str, limits: Limits) -> tuple[str, int]:
    """Each sheet as a title line then tab-separated rows; returns (text, sheets read)."""
    import openpyxl

    open_checked_zip(data, filename, limits).close()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, TypeError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable XLSX ({exc})") from exc
    try:
        if len(book.sheetnames) > limits.max_sheets:
            raise ExtractionFailed(
                "too_large",
                f"{filename!r}: {len(book.sheetnames)} sheets (limit {limits.max_sheets})",
            )
        lines: list[str] = []
        for sheet in book.worksheets:
            lines.append(f"# {sheet.title}")
            for count, row in enumerate(sheet.iter_rows(values_only=True)):
                if count >= limits.max_rows_per_sheet:
                    raise ExtractionFailed(
                        "too_large",
                        f"{filename!r}: sheet {sheet.title!r} has over"
                        f" {limits.max_rows_per_sheet} rows",
                    )
                cells = ["" if value is None else str(value) for value in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    lines.append("\t".join(cells))
        return "\n".join(lines), len(book.worksheets)
    finally:
        book.close()


def odt_text(data: bytes, filename: str, limits: Limits) -> str:
    """Paragraphs and headings of ``content.xml``, parsed without entity resolution."""
    with open_checked_zip(data, filename, limits) as archive:
        try:
            content = archive.read("content.xml")
        except KeyError as exc:
            raise ExtractionFailed("corrupt", f"{filename!r}: no content.xml") from exc
    try:
        root = etree.fromstring(content, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: bad content.xml ({exc})") from exc
    lines: list[str] = []
    for block in root.iter(f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h"):
        lines.append(_odt_inline(block))
    return "\n".join(lines)


def _odt_inline(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "s":
            parts.append(" " * int(child.get(f"{{{_TEXT_NS}}}c", "1")))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name not in ("p", "h"):  # nested paragraphs are visited on their own
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def rtf_text(data: bytes, filename: str) -> str:
    from striprtf.striprtf import rtf_to_text

    try:
        return rtf_to_text(decode(data)[0], errors="ignore")
    except (ValueError, IndexError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable RTF ({exc})") from exc
