"""Word letters (DOCX) as an authority's template produces them: the letterhead in the page
header or at the top of the body, a protective marking and address in the footer with a PAGE
field, references in a table, headings and list styles, ruled data tables and a quote style
for the request. Zip dates and document properties are pinned by ``files``."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scraper.replica.wording.doc import (
    Answer,
    Block,
    Bullets,
    Heading,
    LetterDoc,
    Para,
    Quote,
    Table,
    finished,
)

if TYPE_CHECKING:  # python-docx itself is imported only when a document is built
    from docx.document import Document
    from docx.text.paragraph import Paragraph


@dataclass(frozen=True, slots=True)
class DocxSpec:
    doc: LetterDoc
    font: str = "Arial"  # Arial | Calibri | Times New Roman | Verdana
    size: int = 11
    letterhead_in_header: bool = True
    refs_table: bool = True
    heading_style: str = "Heading 2"  # or "" for bold runs
    justify: bool = False
    table_style: str = "Table Grid"
    page_field: bool = True


def _page_field(paragraph: Paragraph) -> None:
    """ "Page <PAGE>" in a footer, as Word stores it (a simple field)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # type: ignore[arg-type]  # types-lxml: only the parent's own class


def _add_block(document: Document, block: Block, spec: DocxSpec) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if isinstance(block, Heading):
        if spec.heading_style:
            document.add_paragraph(block.text, style=spec.heading_style)
        else:
            document.add_paragraph().add_run(block.text).bold = True
    elif isinstance(block, Para):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.text).bold = block.emphasis
        if spec.justify:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif isinstance(block, Quote):
        for line in block.text.split("\n"):
            document.add_paragraph(line, style="Quote")
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Answer):
        document.add_paragraph().add_run(f"{block.label} {block.question}").bold = True
        for n, text in enumerate(block.answer):
            paragraph = document.add_paragraph()
            if block.lead and n == 0:
                paragraph.add_run(block.lead + " ").bold = True
            paragraph.add_run(text)
    else:
        assert isinstance(block, Table)
        if block.caption:
            document.add_paragraph(block.caption)
        table = document.add_table(rows=1, cols=len(block.header), style=spec.table_style)
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        document.add_paragraph()


def build_docx(spec: DocxSpec) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = finished(spec.doc)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = spec.font, Pt(spec.size)
    props = document.core_properties
    props.author, props.title, props.last_modified_by = (
        doc.authority,
        doc.subject[:80],
        doc.authority,
    )
    section = document.sections[0]
    head_lines = list(doc.letterhead)
    header = section.header.paragraphs[0]
    if doc.marking:
        header.text = doc.marking
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if spec.letterhead_in_header and head_lines:
        for line in head_lines:
            paragraph = section.header.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head_lines = []
    footer = section.footer.paragraphs[0]
    footer.text = " ".join(doc.footer)
    if spec.page_field:
        _page_field(section.footer.add_paragraph())
    for n, line in enumerate(head_lines):
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = n == 0
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in doc.recipient:
        document.add_paragraph(line)
    if spec.refs_table and doc.refs:
        table = document.add_table(rows=0, cols=2)
        for label, value in doc.refs:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = f"{label}:", value
    else:
        for label, value in doc.refs:
            document.add_paragraph(f"{label}: {value}")
    if doc.date_line:
        document.add_paragraph(doc.date_line)
    parts = [(doc.subject, True), (doc.salutation, False)]
    for text, bold in parts if doc.subject_first else reversed(parts):
        if text:
            document.add_paragraph().add_run(text).bold = bold
    for block in doc.blocks:
        _add_block(document, block, spec)
    document.add_paragraph(doc.closing)
    for line in doc.signature:
        document.add_paragraph(line)
    if doc.annex:
        document.add_page_break()
        for block in doc.annex:
            _add_block(document, block, spec)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
