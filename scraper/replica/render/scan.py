"""Scanned pages: a letter printed, signed and scanned, so the file has pictures, not text.

Pages are drawn by Pillow in DejaVu Sans at a size Tesseract reads (150 dpi, A4), letterhead
to the right, tables in columns, a page number at the foot, and sometimes a slight skew as a
sheet fed through a scanner has. Everything is a function of its inputs (no random noise).
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path
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
)

if TYPE_CHECKING:  # Pillow itself is imported only when a scan is drawn
    from PIL.ImageFont import FreeTypeFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
PAGE = (1240, 1754)  # A4 at 150 dpi
LINE, MARGIN, WIDTH_CHARS, LINES_PER_PAGE = 38, 100, 66, 40
Line = tuple[str, str, str]  # text ("\t" separates table cells), weight (""|"b"), align (l|r)


@lru_cache(maxsize=4)
def _font(bold: bool) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(
        str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), 27
    )


def _wrap(text: str, weight: str = "", indent: str = "") -> list[Line]:
    out: list[Line] = []
    for raw in text.split("\n"):
        out += [
            (line, weight, "l")
            for line in textwrap.wrap(
                raw, WIDTH_CHARS, initial_indent=indent, subsequent_indent=indent
            )
            or [""]
        ]
    return out


def block_lines(block: Block) -> list[Line]:
    if isinstance(block, Heading):
        return _wrap(block.text, "b")
    if isinstance(block, Para):
        return _wrap(block.text, "b" if block.emphasis else "")
    if isinstance(block, Quote):
        return _wrap(block.text, "", "    ")
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(f"{block.marker} {item}", "", "")]
    if isinstance(block, Answer):
        lead = f"{block.lead} " if block.lead else ""
        lines = [*_wrap(f"{block.label} {block.question}", "b"), ("", "", "l")]
        return lines + _wrap(lead + "\n\n".join(block.answer))
    assert isinstance(block, Table)
    lines = _wrap(block.caption) if block.caption else []
    return (
        lines
        + [("\t".join(block.header), "b", "l")]
        + [("\t".join(r), "", "l") for r in block.rows]
    )


def letter_lines(doc: LetterDoc, *, body_only: bool = False) -> list[Line]:
    """The document as printed lines, in reading order (annex included)."""
    lines: list[Line] = []
    if not body_only:
        lines += [(t, "b" if i == 0 else "", "r") for i, t in enumerate(doc.letterhead)]
        lines += [("", "", "l")] if doc.letterhead else []
        lines += [(t, "", "l") for t in doc.recipient] + ([("", "", "l")] if doc.recipient else [])
        lines += [(f"{label}: {value}", "", "l") for label, value in doc.refs]
        lines += [(doc.date_line, "", "l")] if doc.date_line else []
        lines.append(("", "", "l"))
        for part, weight in (
            ((doc.subject, "b"), (doc.salutation, ""))
            if doc.subject_first
            else ((doc.salutation, ""), (doc.subject, "b"))
        ):
            if part:
                lines += [*_wrap(part, weight), ("", "", "l")]
    for block in doc.blocks:
        lines += [*block_lines(block), ("", "", "l")]
    if not body_only:
        lines += [(doc.closing, "", "l"), ("", "", "l")] + [(t, "", "l") for t in doc.signature]
    for block in doc.annex:
        lines += [("", "", "l"), *block_lines(block)]
    return lines


def _page_png(lines: list[Line], number: int, total: int, skew: float) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    for n, (text, weight, align) in enumerate(lines):
        font, y = _font(weight == "b"), 90 + n * LINE
        if "\t" in text:
            for k, cell in enumerate(text.split("\t")):
                draw.text((MARGIN + 330 * k, y), cell, font=font, fill=0)
        elif align == "r":
            draw.text((PAGE[0] - MARGIN - font.getlength(text), y), text, font=font, fill=0)
        else:
            draw.text((MARGIN, y), text, font=font, fill=0)
    footer = f"Page {number} of {total}"
    draw.text(
        ((PAGE[0] - _font(False).getlength(footer)) / 2, PAGE[1] - 80),
        footer,
        font=_font(False),
        fill=60,
    )
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    image = image.point(lambda v: 255 if v > 150 else 0, mode="1")  # a bitonal office scan
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=False)
    return png.getvalue()


def pages(lines: list[Line], skew: float = 0.0) -> list[bytes]:
    """PNG pages for ``lines``, ``LINES_PER_PAGE`` to a page."""
    chunks = [lines[i : i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]
    return [_page_png(chunk, n, len(chunks), skew) for n, chunk in enumerate(chunks, 1)]


def page_count(lines: list[Line]) -> int:
    return max(1, -(-len(lines) // LINES_PER_PAGE))


def estimate_pages(text: str) -> int:
    """About how many scanned pages ``text`` fills (lines wrapped as ``pages`` wraps them)."""
    lines = sum(1 + len(line) * 11 // (WIDTH_CHARS * 10) for line in text.split("\n"))
    return max(1, -(-lines // LINES_PER_PAGE))
