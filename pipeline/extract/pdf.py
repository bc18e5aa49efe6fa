"""PDF text from pdfplumber's word positions, and OCR of pages that carry no text layer.

The page count is read from the page tree's ``/Count`` before any page is parsed, so a
ten-million-page PDF is refused at once. Each page becomes positioned lines (words grouped by
position; ruled tables found by pdfplumber as blocks of rows), and ``reflow.pages_text`` turns
the document's pages into paragraphs without its page furniture. A page is OCR'd when it has
no characters but does have images (a scanned letter); its lines go through the same rules.
"""

from __future__ import annotations

import io
import math
from typing import Any

from pipeline.extract import progress
from pipeline.extract.layout import Line, Page, Word, lines_from_words, table_block
from pipeline.extract.ocr import choose_engine, ocr_page, unavailable
from pipeline.extract.reflow import fix_ligatures, pages_text
from pipeline.extract.result import ExtractionFailed, Limits

# A page image for OCR is at most this big (an A4 page at 200 dpi is 3.9 million pixels).
MAX_RENDER_PIXELS = 40_000_000
# A table needs ruling lines; pages with fewer drawn edges skip the (costly) table search.
_MIN_TABLE_EDGES = 4


def _page_count(document: object) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(document.catalog.get("Pages"))  # type: ignore[attr-defined]
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    except Exception:  # a broken page tree: let page iteration find out
        return None
    return count if isinstance(count, int) else None


def _open(data: bytes, filename: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionFailed("encrypted", f"{filename!r}: password-protected PDF") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable PDF ({exc!r})") from exc
    except Exception as exc:  # pdfplumber wraps parser errors in its own type
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise ExtractionFailed("encrypted", f"{filename!r}: password-protected PDF") from exc
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable PDF ({exc!r})") from exc


def page_layout(page: Any) -> Page:
    """One pdfplumber page as positioned lines: words outside ruled tables, plus each table
    as a block of tab-separated rows."""
    page = page.dedupe_chars()
    tables: list[Line] = []
    boxes: list[tuple[float, float, float, float]] = []
    if len(page.edges) >= _MIN_TABLE_EDGES:
        try:
            found = page.find_tables()
        except (ValueError, KeyError, TypeError, IndexError, ZeroDivisionError):
            found = []  # odd ruling: read the page's words without tables
        for table in found:
            block = table_block(table.extract(), table.bbox)
            if block is not None:
                tables.append(block)
                boxes.append(table.bbox)
    words = [
        Word(fix_ligatures(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if not any(_inside(w, box) for box in boxes)
    ]
    lines = sorted([*lines_from_words(words), *tables], key=lambda line: (line.top, line.x0))
    return Page(float(page.width), float(page.height), lines)


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (word["x0"] + word["x1"]) / 2
    middle_y = (word["top"] + word["bottom"]) / 2
    return bool(x0 <= middle_x <= x1 and top <= middle_y <= bottom)


def pdf_text(data: bytes, filename: str, limits: Limits) -> tuple[str, int, bool]:
    """(text as paragraphs, pages, ocr_used)."""
    pdf = _open(data, filename)
    with pdf:
        declared = _page_count(pdf.doc)
        if declared is not None and declared > limits.max_pages:
            raise ExtractionFailed(
                "too_large", f"{filename!r}: {declared} pages (limit {limits.max_pages})"
            )
        pages: list[Page] = []
        scanned: list[int] = []
        try:
            for number, page in enumerate(pdf.pages):
                if number >= limits.max_pages:
                    raise ExtractionFailed(
                        "too_large", f"{filename!r}: over {limits.max_pages} pages"
                    )
                layout = page_layout(page)
                if not layout.lines and page.images:
                    scanned.append(number)
                pages.append(layout)
                page.close()
        except ExtractionFailed:
            raise
        except MemoryError as exc:
            raise ExtractionFailed("bomb", f"{filename!r}: a stream exceeds memory") from exc
        except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException
            if "allocate" in str(exc) or isinstance(exc.__cause__, MemoryError):
                raise ExtractionFailed(
                    "bomb", f"{filename!r}: a stream inflates beyond memory ({exc})"
                ) from exc
            raise ExtractionFailed("corrupt", f"{filename!r}: unreadable PDF ({exc!r})") from exc
    ocr_used = False
    if scanned and limits.ocr:
        engine = choose_engine(limits.ocr_engine)
        if engine is None:
            if not any(page.lines for page in pages):
                raise ExtractionFailed(
                    "ocr_unavailable",
                    f"{filename!r}: {len(scanned)} image-only page(s);"
                    f" {unavailable(limits.ocr_engine)}",
                )
        else:
            for number in scanned[: limits.ocr_max_pages]:
                progress.report(f"OCR {filename} page {number + 1}")
                image = render_page(data, number, limits.ocr_dpi)
                name = f"{filename} page {number + 1}"
                pages[number] = ocr_page(image, engine, limits.ocr_page_timeout_s, name)
            ocr_used = True
    return pages_text(pages), len(pages), ocr_used


def render_page(data: bytes, number: int, dpi: int) -> Any:
    """Page ``number`` as a greyscale PIL image at ``dpi``, or at less when the page is so
    large that the image would pass ``MAX_RENDER_PIXELS``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[number]
        width, height = page.get_size()  # points
        scale = min(dpi / 72, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
        image = page.render(scale=scale).to_pil().convert("L")
        image.info["dpi"] = (round(scale * 72), round(scale * 72))
        return image
    finally:
        document.close()
