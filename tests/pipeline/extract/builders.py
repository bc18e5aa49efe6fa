"""Test inputs built in the tests: each returns (bytes, the text written into it)."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

LETTER = [
    "Dear Mr Example,",
    "Thank you for your request for information received on 3 May 2024.",
    "We can confirm that the Council holds the information you requested.",
    "Yours sincerely, Information Governance Team",
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf(lines: list[str] = LETTER, pages: int = 1, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    options = {"encrypt": StandardEncryption(encrypt, ownerPassword="owner")} if encrypt else {}
    page = canvas.Canvas(buffer, **options)
    for _ in range(pages):
        for number, line in enumerate(lines):
            page.drawString(72, 720 - 18 * number, line)
        page.showPage()
    page.save()
    return buffer.getvalue()


def image_only_pdf(lines: list[str]) -> bytes:
    """A 'scanned' letter: the text exists only as pixels."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 400 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    for number, line in enumerate(lines):
        draw.text((80, 100 + 80 * number), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=200)
    return buffer.getvalue()


def png(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 300 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    for number, line in enumerate(lines):
        draw.text((80, 100 + 80 * number), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def docx(lines: list[str] = LETTER, table: list[list[str]] | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(rows: list[list[object]], sheets: int = 1) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for index in range(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = f"Sheet{index + 1}"
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def odt(lines: list[str], content_prefix: str = "") -> bytes:
    body = "".join(f"<text:p>{line}</text:p>" for line in lines)
    content = content_prefix or '<?xml version="1.0" encoding="UTF-8"?>'
    content += (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def eml(body: str, attachments: list[tuple[str, str, bytes]] = ()) -> bytes:  # type: ignore[assignment]
    message = EmailMessage()
    message["From"] = "FOI Team <foi@council.example>"
    message["To"] = "request-123456-abcdef12@whatdotheyknow.com"
    message["Subject"] = "Freedom of Information Request FOI-2024-0099"
    message["Date"] = "Fri, 03 May 2024 10:00:00 +0100"
    message.set_content(body)
    for name, mime, payload in attachments:
        maintype, subtype = mime.split("/")
        message.add_attachment(payload, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def nested_eml(depth: int) -> bytes:
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "innermost"
    message.set_content("innermost body")
    for level in range(depth):
        outer = EmailMessage()
        outer["From"] = "a@example.org"
        outer["Subject"] = f"level {level}"
        outer.set_content("see attached")
        outer.add_attachment(message)
        message = outer
    return message.as_bytes()


def words(text: str) -> list[str]:
    return text.split()
