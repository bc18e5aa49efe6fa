"""In-process extraction: sniff, pick the reader, turn its failure into a status.

Only ``pipeline.extract.worker`` calls this directly, inside a resource-limited subprocess;
everything else goes through ``extract_text``.
"""

from __future__ import annotations

import zipfile

from pipeline.extract import filetypes as types
from pipeline.extract.documents import docx_text, odt_text, rtf_text, xlsx_text
from pipeline.extract.html import html_text
from pipeline.extract.mail import eml_text
from pipeline.extract.ocr import ocr_image
from pipeline.extract.pdf import pdf_text
from pipeline.extract.result import ExtractionFailed, ExtractionResult, Limits, finished
from pipeline.extract.text import csv_text, plain_text

IMAGES = frozenset({types.PNG, types.JPEG, types.GIF, types.TIFF})


def failed(status: str, error: str, content_type: str | None) -> ExtractionResult:
    return ExtractionResult("", "none", status, error, None, False, content_type)  # type: ignore[arg-type]


def extract_in_process(
    data: bytes,
    filename: str,
    content_type: str | None,
    limits: Limits,
    depth: int = 0,
) -> ExtractionResult:
    if len(data) > limits.max_bytes:
        return failed(
            "too_large", f"{filename!r}: {len(data)} bytes (limit {limits.max_bytes})", None
        )
    kind = types.sniff(data, filename, content_type)
    try:
        return _read(kind, data, filename, limits, depth)
    except ExtractionFailed as exc:
        return failed(exc.status, exc.message, kind)
    except RecursionError:
        return failed("bomb", f"{filename!r}: structure nested too deeply", kind)
    except MemoryError:
        return failed("bomb", f"{filename!r}: ran out of its memory limit", kind)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, IndexError, TypeError) as exc:
        return failed("corrupt", f"{filename!r}: {type(exc).__name__}: {exc}", kind)


def _read(kind: str, data: bytes, filename: str, limits: Limits, depth: int) -> ExtractionResult:
    if kind == types.PDF:
        text, pages, ocr_used = pdf_text(data, filename, limits)
        method = "pdf+ocr" if ocr_used else "pdf"
        return finished(text, method, kind, limits, pages=pages, ocr_used=ocr_used)
    if kind == types.DOCX:
        return finished(docx_text(data, filename, limits), "docx", kind, limits)
    if kind == types.XLSX:
        text, sheets = xlsx_text(data, filename, limits)
        return finished(text, "xlsx", kind, limits, pages=sheets)
    if kind in (types.ODT, types.ODS):
        return finished(odt_text(data, filename, limits), "odt", kind, limits)
    if kind == types.RTF:
        return finished(rtf_text(data, filename), "rtf", kind, limits)
    if kind == types.HTML:
        return finished(html_text(data, filename), "html", kind, limits)
    if kind == types.CSV:
        return finished(csv_text(data), "csv", kind, limits)
    if kind == types.TEXT:
        return finished(plain_text(data), "text", kind, limits)
    if kind == types.EML:
        text = eml_text(data, filename, limits, depth, extract_in_process)
        return finished(text, "eml", kind, limits)
    if kind in IMAGES:
        if not limits.ocr:
            raise ExtractionFailed("ocr_unavailable", f"{filename!r}: image; OCR is switched off")
        text, frames = ocr_image(data, limits.ocr_engine, limits, filename)
        return finished(text, "image+ocr", kind, limits, pages=frames, ocr_used=True)
    raise ExtractionFailed("unsupported", f"{filename!r}: {kind} is not a type we read")
