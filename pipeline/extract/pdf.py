"""PDF text with pdfplumber, and OCR of pages that carry no text layer.

The page count is read from the page tree's ``/Count`` before any page is parsed, so a
ten-million-page PDF is refused at once. A page is OCR'd when it has no characters but does
have images (a scanned letter).
"""

from __future__ import annotations

import io
import time

from pipeline.extract.ocr import ocr_image, tesseract_path
from pipeline.extract.result import ExtractionFailed, Limits


def _page_count(document: object) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(document.catalog.get("Pages"))  # type: ignore[attr-defined]
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    except Exception:  # a broken page tree: let page iteration find out
        return None
    return count if isinstance(count, int) else None


def pdf_text(data: bytes, filename: str, limits: Limits) -> tuple[str, int, bool]:
    """(text, pages, ocr_used). Pages are separated by form feeds."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    started = time.monotonic()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionFailed("encrypted", f"{filename!r}: password-protected PDF") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable PDF ({exc!r})") from exc
    except Exception as exc:  # pdfplumber wraps parser errors in its own type
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise ExtractionFailed("encrypted", f"{filename!r}: password-protected PDF") from exc
        raise ExtractionFailed("corrupt", f"{filename!r}: unreadable PDF ({exc!r})") from exc
    with pdf:
        declared = _page_count(pdf.doc)
        if declared is not None and declared > limits.max_pages:
            raise ExtractionFailed(
                "too_large", f"{filename!r}: {declared} pages (limit {limits.max_pages})"
            )
        texts: list[str] = []
        scanned: list[int] = []
        try:
            for number, page in enumerate(pdf.pages):
                if number >= limits.max_pages:
                    raise ExtractionFailed(
                        "too_large", f"{filename!r}: over {limits.max_pages} pages"
                    )
                text = page.extract_text() or ""
                if not text.strip() and page.images:
                    scanned.append(number)
                texts.append(text)
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
            if tesseract_path() is None:
                if not any(t.strip() for t in texts):
                    raise ExtractionFailed(
                        "ocr_unavailable",
                        f"{filename!r}: {len(scanned)} image-only page(s); tesseract not installed",
                    )
            else:
                remaining = limits.timeout_s - (time.monotonic() - started)
                for number in scanned[: limits.ocr_max_pages]:
                    texts[number] = ocr_image(
                        _render(data, number, limits.ocr_dpi),
                        remaining,
                        f"{filename} page {number + 1}",
                    )
                    remaining = limits.timeout_s - (time.monotonic() - started)
                ocr_used = True
        return "\f".join(texts), len(texts), ocr_used


def _render(data: bytes, number: int, dpi: int) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        bitmap = document[number].render(scale=dpi / 72)
        image = bitmap.to_pil().convert("L")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()
