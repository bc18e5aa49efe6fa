"""PDF letters laid out by reportlab's platypus, as an authority's word processor prints them.

A letterhead (right-aligned, centred, or beside the addressee), the references as a small
table or as lines, justified or ragged paragraphs, bold headings, numbered answers, ruled
tables, a signature block, an annex; on every page a protective marking, a running head,
footer lines and "Page n of N". Some letters carry scanned pages (the annex, or the whole
letter): pictures with no text layer. ``invariant=1`` keeps the bytes the same run to run.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from scraper.replica.render import scan
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

if TYPE_CHECKING:  # reportlab itself is imported only when a PDF is built
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

NUMBERINGS = ("Page {n} of {t}", "Page {n} of {t}", "{n}", "- {n} -", "Page {n}", "{n} of {t}", "")


@dataclass(frozen=True, slots=True)
class PdfSpec:
    doc: LetterDoc
    font: str = "Helvetica"  # or "Times-Roman"
    size: float = 11
    justify: bool = True
    head: str = "right"  # right | left | centre | beside
    refs_table: bool = True
    numbering: str = "Page {n} of {t}"
    scanned: str = ""  # "" | "annex" (the annex pages are scans) | "all" (an image-only PDF)
    skew: float = 0.0
    annex_break: bool = True
    scan_pages: int = 0  # scanned pages planned (for the file's planned size)


def _safe(text: str) -> str:
    """Escaped for platypus markup, in characters the standard fonts can draw."""
    return escape(text.encode("cp1252", "replace").decode("cp1252")).replace("\n", "<br/>")


class _Styles:
    def __init__(self, spec: PdfSpec):
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[spec.font]
        italic = {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic"}[spec.font]
        size, lead = spec.size, spec.size * 1.3
        self.bold, self.size = bold, size
        self.body = ParagraphStyle("body", fontName=spec.font, fontSize=size, leading=lead, spaceAfter=lead * 0.7,
                                   alignment=TA_JUSTIFY if spec.justify else TA_LEFT)  # fmt: skip
        self.plain = ParagraphStyle("plain", parent=self.body, alignment=TA_LEFT, spaceAfter=0)
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontName=bold, alignment=TA_LEFT, spaceBefore=4
        )
        self.quote = ParagraphStyle(
            "quote", parent=self.body, fontName=italic, leftIndent=24, alignment=TA_LEFT
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=self.body, leftIndent=18, bulletIndent=6, spaceAfter=2
        )
        self.right = ParagraphStyle(
            "right", parent=self.plain, alignment=TA_RIGHT, fontSize=size - 1
        )
        self.centre = ParagraphStyle(
            "centre", parent=self.plain, alignment=TA_CENTER, fontSize=size - 1
        )
        self.cell = ParagraphStyle(
            "cell", parent=self.plain, fontSize=size - 1, leading=(size - 1) * 1.2
        )


def _block(block: Block, st: _Styles) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus import Table as RLTable

    if isinstance(block, Heading):
        return [Paragraph(_safe(block.text), st.heading)]
    if isinstance(block, Para):
        text = _safe(block.text)
        return [Paragraph(f"<b>{text}</b>" if block.emphasis else text, st.body)]
    if isinstance(block, Quote):
        return [Paragraph(_safe(block.text), st.quote)]
    if isinstance(block, Bullets):
        items = [Paragraph(_safe(item), st.bullet, bulletText=block.marker) for item in block.items]
        return [*items, Spacer(1, st.size * 0.6)]
    if isinstance(block, Answer):
        out: list[Flowable] = [
            Paragraph(f"<b>{_safe(block.label)} {_safe(block.question)}</b>", st.body)
        ]
        for n, text in enumerate(block.answer):
            lead = f"<b>{_safe(block.lead)}</b> " if block.lead and n == 0 else ""
            out.append(Paragraph(lead + _safe(text), st.body))
        return out
    assert isinstance(block, Table)
    from reportlab.platypus import TableStyle

    rows = [[Paragraph(f"<b>{_safe(c)}</b>", st.cell) for c in block.header]]
    rows += [[Paragraph(_safe(c), st.cell) for c in row] for row in block.rows]
    table = RLTable(rows, hAlign="LEFT", colWidths=[150] * len(block.header))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0.5, 0.5, 0.5)),
                               ("BACKGROUND", (0, 0), (-1, 0), (0.9, 0.9, 0.9))]))  # fmt: skip
    caption = [Paragraph(_safe(block.caption), st.plain)] if block.caption else []
    return [*caption, table, Spacer(1, st.size)]


def _head(spec: PdfSpec, st: _Styles) -> list[Flowable]:
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus import Table as RLTable

    doc = spec.doc
    head = [
        Paragraph(f"<b>{_safe(t)}</b>" if i == 0 else _safe(t), st.right)
        for i, t in enumerate(doc.letterhead)
    ]
    who = [Paragraph(_safe(t), st.plain) for t in doc.recipient]
    out: list[Flowable] = []
    if spec.head == "beside" and head:
        out.append(RLTable([[who or "", head]], colWidths=[250, 240], hAlign="LEFT",
                           style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
        who = []
    elif spec.head == "centre" and doc.letterhead:
        out.append(Paragraph(f"<b>{_safe(doc.letterhead[0])}</b>", st.centre))
        if len(doc.letterhead) > 1:
            out.append(Paragraph(_safe(" | ".join(doc.letterhead[1:])), st.centre))
    elif spec.head == "left":
        out += [
            Paragraph(f"<b>{_safe(t)}</b>" if i == 0 else _safe(t), st.plain)
            for i, t in enumerate(doc.letterhead)
        ]
    else:
        out += head
    out.append(Spacer(1, st.size * 1.5))
    out += who + ([Spacer(1, st.size)] if who else [])
    if spec.refs_table and doc.refs:
        rows = [
            [Paragraph(f"<b>{_safe(label)}:</b>", st.plain), Paragraph(_safe(value), st.plain)]
            for label, value in doc.refs
        ]
        out.append(RLTable(rows, colWidths=[110, 220], hAlign="LEFT"))
    else:
        out += [Paragraph(_safe(f"{label}: {value}"), st.plain) for label, value in doc.refs]
    if doc.date_line:
        out.append(Paragraph(_safe(doc.date_line), st.plain))
    out.append(Spacer(1, st.size))
    subject = [Paragraph(f"<b>{_safe(doc.subject)}</b>", st.body)] if doc.subject else []
    salute = [Paragraph(_safe(doc.salutation), st.body)] if doc.salutation else []
    return out + (subject + salute if doc.subject_first else salute + subject)


def _numbered_canvas(fmt: str) -> type[Canvas]:
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Holds pages back until the end, so each can say "Page n of N"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.scan_page = False

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # Canvas's own, absent from its stubs
            self.scan_page = False

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if fmt and not self.scan_page:
                    self.setFont("Helvetica", 8)
                    self.drawCentredString(297.6, 22, fmt.format(n=self.getPageNumber(), t=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def _furniture(spec: PdfSpec) -> Callable[[Canvas, Any], None]:
    doc = spec.doc

    def on_page(canv: Canvas, template: Any) -> None:
        width, height = canv._pagesize  # type: ignore[attr-defined]  # no public getter; not in stubs
        canv.saveState()
        if doc.marking:
            canv.setFont("Helvetica-Bold", 9)
            canv.drawCentredString(width / 2, height - 28, doc.marking)
        if doc.running_head and canv.getPageNumber() > 1:
            canv.setFont("Helvetica", 8)
            canv.drawString(60, height - 42, doc.running_head)
        canv.setFont("Helvetica", 7)
        for n, line in enumerate(doc.footer):
            canv.drawCentredString(
                width / 2, 44 - 9 * n, line.encode("cp1252", "replace").decode("cp1252")
            )
        canv.restoreState()

    return on_page


def _scan_page(canv: Any, template: Any) -> None:  # canv: _numbered_canvas's class
    canv.scan_page = True


def build_pdf(spec: PdfSpec) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        Image,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    spec = replace(spec, doc=finished(spec.doc))
    width, height = A4
    buf = io.BytesIO()
    document = BaseDocTemplate(buf, pagesize=A4, invariant=1, title=spec.doc.subject[:60] or "Letter",
                               author=spec.doc.authority, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=70)  # fmt: skip
    body = Frame(60, 70, width - 120, height - 130, id="body")
    full = Frame(
        0, 0, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="scan"
    )
    document.addPageTemplates([PageTemplate("letter", [body], onPage=_furniture(spec)),
                               PageTemplate("scan", [full], onPage=_scan_page)])  # fmt: skip
    scan_size = (width - 1, height - 1)
    if spec.scanned == "all":
        document.pageTemplates.reverse()  # the first page is a scan too
        pngs = scan.pages(scan.letter_lines(spec.doc), spec.skew)
        story: list[Flowable] = [Image(io.BytesIO(png), *scan_size) for png in pngs]
    else:
        st = _Styles(spec)
        story = _head(spec, st)
        for block in spec.doc.blocks:
            story += _block(block, st)
        story.append(Spacer(1, st.size))
        story.append(Paragraph(_safe(spec.doc.closing), st.plain))
        if spec.doc.signature:
            story.append(Spacer(1, st.size * 2.5))
            story += [Paragraph(_safe(t), st.plain) for t in spec.doc.signature]
        if spec.doc.annex and spec.scanned == "annex":
            story += [NextPageTemplate("scan"), PageBreak()]
            annex_lines = [
                line for b in spec.doc.annex for line in [*scan.block_lines(b), ("", "", "l")]
            ]
            story += [
                Image(io.BytesIO(png), *scan_size) for png in scan.pages(annex_lines, spec.skew)
            ]
        elif spec.doc.annex:
            story += [PageBreak()] if spec.annex_break else [Spacer(1, st.size * 2)]
            for block in spec.doc.annex:
                story += _block(block, st)
    document.build(story, canvasmaker=_numbered_canvas(spec.numbering))
    return buf.getvalue()
