"""Attachment bytes: real files of each type a WDTK thread carries, made deterministically.

Letters carry a layout (``render``): PDFs laid out by platypus with a text layer (reportlab,
``invariant=1`` so no timestamps or random ids), some with scanned pages, and image-only PDFs
drawn by Pillow at a size Tesseract reads; Word files from a template with headers, footers
and tables; forwarded e-mails. Text without a layout (the seed letters, data) is set plainly.
Office files are zips whose entry dates and document properties are pinned, so the same seed
gives byte-identical files.
"""

from __future__ import annotations

import csv
import email.policy
import io
import re
import textwrap
import zipfile
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from scraper.replica.render.mail import MailSpec, build_mail
from scraper.replica.render.pdf import PdfSpec, build_pdf
from scraper.replica.render.word import DocxSpec, build_docx

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PINNED_ZIP_DATE = (2019, 1, 1, 0, 0, 0)
PINNED_DOC_TIME = "2019-01-01T00:00:00Z"
EXTENSIONS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "txt": "text/plain",
    "eml": "message/rfc822",
}
KINDS = ("pdf", "image_pdf", "docx", "xlsx", "csv", "txt", "eml")
SCAN_PAGE = 90_000  # bytes allowed for one bitonal 150 dpi page


def content_type_for(filename: str) -> str:
    """As Rails does for downloads: from the extension, else application/octet-stream."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return EXTENSIONS.get(ext, "application/octet-stream")


def pdf_with_text(text: str, title: str = "Letter") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    _width, height = A4
    y = height - 60
    pdf.setFont("Helvetica", 11)
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, 90) or [""]:
            if y < 60:
                pdf.showPage()
                pdf.setFont("Helvetica", 11)
                y = height - 60
            pdf.drawString(50, y, line.encode("latin-1", "replace").decode("latin-1"))
            y -= 15
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def pdf_image_only(text: str) -> bytes:
    """One page per ~40 lines of text, each a 150 dpi greyscale scan with no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype(str(FONT_PATH), 30)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(textwrap.wrap(paragraph, 60) or [""])
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    for start in range(0, max(len(lines), 1), 40):
        image = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines[start : start + 40]):
            draw.text((90, 90 + n * 40), line, font=font, fill=0)
        png = io.BytesIO()
        image.save(png, format="PNG", optimize=False)
        pdf.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width, height)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _pin_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed entry dates and fixed core-property times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _CORE_TIMES.sub(rb"\g<1>" + PINNED_DOC_TIME.encode() + rb"\g<3>", blob)
            pinned = zipfile.ZipInfo(info.filename, date_time=PINNED_ZIP_DATE)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(pinned, blob)
    return out.getvalue()


def docx_letter(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return _pin_zip(buf.getvalue())


def xlsx_table(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "Data"
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    workbook.save(buf)
    return _pin_zip(buf.getvalue())


def csv_table(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def eml_forward(text: str, *, sender: str, to: str, subject: str, sent: datetime) -> bytes:
    """A forwarded message attached to a reply, as authorities often send."""
    message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
    message["From"] = sender
    message["To"] = to
    message["Subject"] = f"FW: {subject}"
    message["Date"] = format_datetime(sent)
    message.set_content(
        "-----Original Message-----\n" + text, charset="utf-8", cte="quoted-printable"
    )
    return bytes(message)


def table_text(rows: list[list[object]]) -> str:
    return "\n".join("\t".join(str(cell) for cell in row) for row in rows)


@lru_cache(maxsize=64)
def cached_pdf(text: str, image_only: bool) -> bytes:
    return pdf_image_only(text) if image_only else pdf_with_text(text)


def _lines(text: str, width: int) -> int:
    return sum(max(1, len(textwrap.wrap(p, width))) for p in text.split("\n"))


def planned_size(
    file_kind: str, text: str, rows: list[list[object]] | None, layout: object | None = None
) -> int | None:
    """The size the page advertises for a generated file, fixed before the file is made.

    The page's size label must not depend on building the file (image PDFs take tens of
    milliseconds), so binary files are padded to this planned size: PDFs with comment lines
    after ``%%EOF``, OOXML zips with a zip comment. Text formats return None (exact size).
    """
    if isinstance(layout, PdfSpec):
        scans = layout.scan_pages
        return 8_000 + len(text.encode("utf-8")) + 16 * text.count("\n") + SCAN_PAGE * scans
    if isinstance(layout, DocxSpec):
        return 46_000 + 2 * len(text.encode("utf-8"))
    if file_kind == "pdf":
        return 4096 + 2 * len(text.encode("utf-8")) + 24 * _lines(text, 90)
    if file_kind == "image_pdf":
        return 120_000 * max(1, -(-_lines(text, 60) // 40))
    if file_kind == "docx":
        return 42_000 + 2 * len(text.encode("utf-8"))
    if file_kind == "xlsx":
        return 8_000 + 80 * len(rows or [])
    return None


def _pad(data: bytes, file_kind: str, size: int) -> bytes:
    missing = size - len(data)
    if missing < 0:
        raise ValueError(f"{file_kind} file is {len(data)} bytes, over its planned {size}")
    if file_kind in ("pdf", "image_pdf"):
        chunk = b"%" + b"0" * 62 + b"\n"
        padding = chunk * (missing // len(chunk))
        return data + padding + b"\n" * (missing - len(padding))
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            target.writestr(info, archive.read(info.filename))
        target.comment = b""
    body = out.getvalue()
    missing = size - len(body)
    if not 0 <= missing <= 65535:
        raise ValueError(f"{file_kind} file cannot be padded from {len(body)} to {size} bytes")
    with zipfile.ZipFile(out, "a") as target:
        target.comment = b" " * missing
    return out.getvalue()


def size_label(size: int) -> str:
    """Alaveteli's display size: whole KiB ("82K") or MiB to one decimal ("1.3M")."""
    if size > 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}M"
    return f"{size // 1024}K"


def build_file(
    file_kind: str, text: str, rows: list[list[object]] | None, *, sender: str, to: str,
    subject: str, sent: datetime, layout: object | None = None,
) -> bytes:  # fmt: skip
    if isinstance(layout, MailSpec):
        return build_mail(layout, sender=sender, to=to, subject=subject, sent=sent)
    if isinstance(layout, PdfSpec | DocxSpec):
        data = build_pdf(layout) if isinstance(layout, PdfSpec) else _pin_zip(build_docx(layout))
        planned = planned_size(file_kind, text, rows, layout)
        assert planned is not None
        return _pad(data, file_kind, planned)
    if file_kind == "pdf":
        data = pdf_with_text(text)
    elif file_kind == "image_pdf":
        data = pdf_image_only(text)
    elif file_kind == "docx":
        data = docx_letter(text)
    elif file_kind == "xlsx":
        data = xlsx_table(rows or [])
    elif file_kind == "csv":
        return csv_table(rows or [])
    elif file_kind == "txt":
        return text.encode("utf-8")
    elif file_kind == "eml":
        return eml_forward(text, sender=sender, to=to, subject=subject, sent=sent)
    else:
        raise ValueError(f"unknown file kind {file_kind!r}")
    planned = planned_size(file_kind, text, rows)
    assert planned is not None
    return _pad(data, file_kind, planned)
