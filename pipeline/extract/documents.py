"""Word, Excel, OpenDocument and RTF files, each opened only after ``open_checked_zip``."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from pipeline.extract.archive import open_checked_zip
from pipeline.extract.result import ExtractionFailed, Limits
from pipeline.extract.text import decode

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def docx_text(data: bytes, filename: str, limits: Limits) -> str:
    """Body paragraphs and tables in document order, a blank line between blocks; a table's
    rows one a line, cells tab-separated. Headers, footers, footnotes and deleted text (other
    parts of the package, or ``w:delText``) are not the letter and are not read."""
    import docx  # python-docx: imported here so the worker only loads what it needs

    open_checked_zip(data, filename, limits).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable DOCX ({exc})") from exc
    blocks: list[str] = []
    _docx_blocks(document.element.body, blocks)
    return "\n\n".join(block for block in blocks if block.strip())


def _docx_blocks(container: etree._Element, blocks: list[str]) -> None:
    for block in container.iterchildren():
        if block.tag == f"{_W}p":
            blocks.extend(_paragraph(block).split("\f"))
        elif block.tag == f"{_W}tbl":
            blocks.append(_table(block))
        elif block.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            _docx_blocks(block, blocks)  # content controls and tracked insertions hold blocks


def _paragraph(paragraph: etree._Element) -> str:
    """A paragraph's text; a line break is a newline, a page break a form feed (split off).
    A text box is stored twice (for new and for old Word); its fallback copy is skipped."""
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(True for _ in node.iterancestors(_MC_FALLBACK)):
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.get(f"{_W}type") == "page":
            parts.append("\f")
        else:
            parts.append("\n")
    lines = "".join(parts).split("\n")
    return "\n".join(line.strip() for line in lines).strip()


def _table(table: etree._Element) -> str:
    rows: list[str] = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = [_cell(cell) for cell in row.iterchildren(f"{_W}tc")]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append("\t".join(cells))
    return "\n".join(rows)


def _cell(cell: etree._Element) -> str:
    return " ".join(" ".join(_paragraph(p).split()) for p in cell.iter(f"{_W}p")).strip()


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


_ODT_SKIP = frozenset({"tracked-changes", "annotation", "note", "sequence-decls", "forms"})


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def odt_text(data: bytes, filename: str, limits: Limits) -> str:
    """Paragraphs, headings, lists and tables of ``content.xml`` (parsed without entity
    resolution), a blank line between blocks; comments, notes and tracked deletions left out."""
    with open_checked_zip(data, filename, limits) as archive:
        try:
            content = archive.read("content.xml")
        except KeyError as exc:
            raise ExtractionFailed("corrupt", f"{filename!r}: no content.xml") from exc
    try:
        root = etree.fromstring(content, parser=_SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: bad content.xml ({exc})") from exc
    blocks: list[str] = []
    for body in root.iter(f"{{{_OFFICE_NS}}}text"):
        _odt_blocks(body, blocks)
    return "\n\n".join(block for block in blocks if block.strip())


def _odt_blocks(container: etree._Element, blocks: list[str]) -> None:
    for child in container:
        name = _local(child)
        if name in ("p", "h"):
            blocks.append(_odt_inline(child).strip())
        elif name == "list":
            items = [
                _odt_inline(p).strip() for p in child.iter(f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h")
            ]
            blocks.append("\n".join(item for item in items if item))
        elif name == "table":
            rows = []
            for row in child.iter(f"{{{_TABLE_NS}}}table-row"):
                cells = [
                    " ".join(
                        " ".join(_odt_inline(p).split()) for p in cell.iter(f"{{{_TEXT_NS}}}p")
                    )
                    for cell in row
                    if _local(cell) in ("table-cell", "covered-table-cell")
                ]
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    rows.append("\t".join(cells))
            blocks.append("\n".join(rows))
        elif name not in _ODT_SKIP:
            _odt_blocks(child, blocks)  # sections, frames, index bodies


def _odt_inline(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = _local(child)
        if name == "s":
            parts.append(" " * min(int(child.get(f"{{{_TEXT_NS}}}c", "1") or 1), 100))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name in ("p", "h"):  # a text box's paragraph inside this one
            parts.append("\n" + _odt_inline(child) + "\n")
        elif name not in _ODT_SKIP:
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


_RTF_LINE = re.compile(r"\\line(?![a-zA-Z])\s?")


def rtf_text(data: bytes, filename: str) -> str:
    """Paragraphs (``\\par``) separated by blank lines, ``\\line`` breaks kept as newlines,
    table rows (``\\cell`` … ``\\row``) as tab-separated lines."""
    from striprtf.striprtf import rtf_to_text

    source = _RTF_LINE.sub(r"\\u8232?", decode(data)[0])  # U+2028: a line, not a paragraph
    try:
        text = rtf_to_text(source, errors="ignore")
    except (ValueError, IndexError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable RTF ({exc})") from exc
    blocks: list[str] = []
    rows: list[str] = []
    for line in text.split("\n"):
        if line.rstrip().endswith("|"):  # striprtf ends each cell with "|"
            rows.append("\t".join(cell.strip() for cell in line.rstrip()[:-1].split("|")))
            continue
        if rows:
            blocks.append("\n".join(rows))
            rows = []
        paragraph = "\n".join(part.strip() for part in line.split("\u2028")).strip()
        if paragraph:
            blocks.append(paragraph)
    if rows:
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)
