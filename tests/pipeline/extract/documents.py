"""Letters laid out as authorities lay them out, built in the tests (invented text only).

Each builder returns the file's bytes; the paragraphs it was written from are module
constants, so a test can compare what extraction gives with what was typeset.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

HEADER = "Northshire Borough Council - Information Governance"
FOOTER = "Northshire Borough Council, Civic Offices, Mill Lane, Northby NB1 2XY"
PARAGRAPHS = [
    "Dear Mx Example,",
    "Thank you for your request for information about the number of parking permits issued"
    " for the Riverside zone between April and September, which we received on 2 March.",
    "I can confirm that we do not hold information about permits issued to visitors, because"
    " visitor permits are sold by an outside contractor and the council does not keep any"
    " record of them. The figures for resident permits are in the table below.",
    "Some of the resident figures are withheld under section 40(2) of the Freedom of"
    " Information Act 2000, because they would identify individual households in streets"
    " with fewer than five permits. We have considered whether the figures could be"
    " aggregated further but that would not answer your question about each street.",
    "If you are unhappy with this response you may ask for an internal review within forty"
    " working days of the date of this letter.",
    "Yours sincerely,",
]
TABLE = [["Month", "Resident permits", "Renewals"], ["April", "112", "87"], ["May", "96", "70"]]
LONG_PARAGRAPH = " ".join(PARAGRAPHS[1:4])  # long enough to run over a page break
LONG_COPIES = 6


def layout_pdf() -> bytes:
    """Three A4 pages typeset by reportlab: a running header and footer and a page number on
    each, paragraphs wrapped by the typesetter with space between them, one paragraph running
    over the page break, and a ruled table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=14, spaceAfter=10)
    story: list = [Paragraph(text, style) for text in PARAGRAPHS[:3]]
    story.append(Table(TABLE, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])))
    story.append(Spacer(1, 12))
    story += [Paragraph(text, style) for text in PARAGRAPHS[3:]]
    story += [Paragraph(LONG_PARAGRAPH, style) for _ in range(LONG_COPIES)]
    total = [0]

    def furniture(canvas, document) -> None:  # type: ignore[no-untyped-def]
        total[0] = max(total[0], document.page)
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 10)
        canvas.drawString(2.5 * cm, A4[1] - 1.5 * cm, HEADER)
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2.5 * cm, 1.5 * cm, FOOTER)
        canvas.drawRightString(A4[0] - 2.5 * cm, 1.0 * cm, f"Page {document.page} of {pages}")
        canvas.restoreState()

    pages = "?"
    for _ in range(2):  # the first pass counts the pages for "Page N of M"
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, topMargin=3 * cm)
        document.build(list(story), onFirstPage=furniture, onLaterPages=furniture)
        pages = str(total[0])
    return buffer.getvalue()


def scanned(pdf: bytes, dpi: int = 150) -> bytes:
    """The pages of ``pdf`` as a scanner would return them: one greyscale image per page,
    no text layer."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    source = pypdfium2.PdfDocument(pdf)
    buffer = io.BytesIO()
    out = canvas.Canvas(buffer, invariant=1)
    try:
        for page in source:
            width, height = page.get_size()
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            png = io.BytesIO()
            image.save(png, format="PNG")
            out.setPageSize((width, height))
            out.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width, height)
            out.showPage()
    finally:
        source.close()
    out.save()
    return buffer.getvalue()


def drawn_pdf(lines: list[str], pitch: float = 14, x: float = 72) -> bytes:
    """One page with each given line drawn where it is (an empty string is a blank line):
    for checks that need exact control of line ends."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.setFont("Helvetica", 11)
    y = 760.0
    for line in lines:
        if line:
            page.drawString(x + (20 if line.startswith("\t") else 0), y, line.lstrip("\t"))
        y -= pitch
    page.showPage()
    page.save()
    return buffer.getvalue()


def odt(body: str) -> bytes:
    """An ODT whose office:text holds ``body`` (ODF XML with the text: and table: prefixes)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def letter_docx() -> bytes:
    """Paragraphs, a line break inside one, a table, a page break, and a header and footer
    that are not part of the letter."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER
    document.add_paragraph("Information Governance Team")
    address = document.add_paragraph("Civic Offices")
    address.add_run().add_break()
    address.add_run("Mill Lane")
    for text in PARAGRAPHS[:3]:
        document.add_paragraph(text)
    document.add_paragraph("")  # an empty paragraph typed as spacing
    grid = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    document.add_paragraph(PARAGRAPHS[3]).add_run().add_break(WD_BREAK.PAGE)
    for text in PARAGRAPHS[4:]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


MESSY_HTML = b"""<!DOCTYPE html><html><head><title>Reply</title>
<style>.MsoNormal{margin:0}</style><script>track()</script></head><body>
<div class=WordSection1><p class=MsoNormal>Dear Mx Example,<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Thank you for your request.
We do not hold
the information you asked for.<o:p></o:p></p>
<span style="display: none">preview text nobody sees</span>
<div>First line<br>second line<br><br>A new paragraph after two breaks
<table border=1><tr><th>Month<th>Permits</tr><tr><td><p>April</p><td>1<b>1</b>2</tr></table>
<ul><li>one item<li>another item</ul>
<!-- a comment --><p>Unclosed paragraph<p>Another one
<blockquote><p>From: requester</p><p>my original question</p></blockquote>
</body></html>"""


def _message(sender: str, subject: str, body: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "request-123-abc@whatdotheyknow.com"
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 09:30:00 +0000"
    if body is not None:
        message.set_content(body)
    return message


def html_only_eml() -> bytes:
    message = _message("FOI Team <foi@northshire.example>", "Your request FOI-77")
    message.set_content(
        "<html><body><p>Dear Mx Example,</p><p>We do not hold<br>the information.</p>"
        "<p>Yours sincerely,<br>FOI Team</p></body></html>",
        subtype="html",
    )
    return message.as_bytes()


def forwarded_eml(depth: int) -> bytes:
    """An officer's covering note with the council's reply attached as a message; each
    further level attaches the message below it (``depth`` attached messages in all)."""
    inner = _message(
        "FOI Team <foi@northshire.example>",
        "Response FOI-77",
        "Dear Mx Example,\n\nI can confirm that we do not hold the information.\n",
    )
    for level in range(depth - 1):
        outer = _message(f"Officer {level} <o{level}@northshire.example>", f"FW: level {level}")
        outer.set_content(f"Forwarding note at level {level}.\n")
        outer.add_attachment(inner)
        inner = outer
    top = _message("Records Officer <records@northshire.example>", "FW: Response FOI-77")
    top.set_content("Please see the council's reply attached.\n")
    top.add_attachment(inner)
    top.add_attachment(
        b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", cid="<logo@x>", disposition="inline"
    )
    return top.as_bytes()


def flowed_eml() -> bytes:
    message = _message("FOI Team <foi@northshire.example>", "Flowed")
    message.set_content(
        "We do not hold the \ninformation you asked \nfor.\n\nYours sincerely,\n",
        params={"format": "flowed"},
    )
    return message.as_bytes()
