"""What an extraction returns, the limits it runs under, and the named failures.

A status is always one of ``STATUSES``; ``ok`` and ``empty`` are the only ones that mean the
file was read. Every other status comes with an ``error`` sentence naming the file and the cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pipeline.config import ocr_engine_setting

Status = Literal[
    "ok",  # text found
    "empty",  # the file was read and holds no text (and OCR, if tried, found none)
    "ocr_unavailable",  # image-only content and no OCR engine (rapidocr, tesseract) installed
    "too_large",  # over a size, page, sheet or memory limit
    "encrypted",  # password-protected
    "unsupported",  # a type we do not read (old .doc, zip of files, binary)
    "timeout",  # the worker ran past the wall-clock limit and was killed
    "corrupt",  # truncated or malformed
    "bomb",  # decompresses or nests far beyond its size (zip bomb, nested e-mails)
    "unsafe",  # XML with a DTD / entity declarations (XXE, billion laughs)
]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    timeout_s: float = 60.0
    # Address space (RLIMIT_AS) of the worker process. RapidOCR's onnxruntime session takes
    # 1.2-1.6 GB of it (about 600 MB resident) once loaded: bench/ocr_engines.py prints it.
    max_memory_bytes: int = 3 * 1024 * 1024 * 1024
    max_decompressed_bytes: int = 300 * 1024 * 1024
    max_zip_ratio: float = 200.0  # per member, uncompressed / compressed
    max_zip_members: int = 5000
    max_sheets: int = 20
    max_rows_per_sheet: int = 20_000
    max_text_chars: int = 10_000_000
    max_depth: int = 4  # e-mails inside e-mails
    ocr: bool = True
    ocr_max_pages: int = 30
    ocr_page_timeout_s: float = 30.0  # each OCR'd page extends the file's time limit by this
    ocr_dpi: int = 200
    # auto | rapidocr | tesseract; by default from WDTK_OCR_ENGINE (pipeline.config)
    ocr_engine: str = field(default_factory=ocr_engine_setting)


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    text: str
    method: str  # pdf, pdf+ocr, image+ocr, docx, xlsx, odt, rtf, html, text, csv, eml, none
    status: Status
    error: str | None = None
    pages: int | None = None
    ocr_used: bool = False
    content_type: str | None = None  # the sniffed type, not the claimed one

    @property
    def readable(self) -> bool:
        return self.status in ("ok", "empty")


class ExtractionFailed(Exception):
    """An extractor gave up; carries the status to report and a message naming the file."""

    def __init__(self, status: Status, message: str) -> None:
        super().__init__(message)
        self.status: Status = status
        self.message = message


def finished(
    text: str,
    method: str,
    content_type: str,
    limits: Limits,
    *,
    pages: int | None = None,
    ocr_used: bool = False,
) -> ExtractionResult:
    """A successful read: ``ok`` when any text was found, ``empty`` otherwise."""
    text = text[: limits.max_text_chars]
    status: Status = "ok" if text.strip() else "empty"
    return ExtractionResult(text, method, status, None, pages, ocr_used, content_type)
