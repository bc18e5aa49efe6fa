"""Tesseract OCR, found at run time. Scanned letters are common on WDTK (printed, signed,
scanned back to PDF); without tesseract such a file reports ``ocr_unavailable``."""

from __future__ import annotations

import shutil
import subprocess

from pipeline.extract.result import ExtractionFailed


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def ocr_image(image: bytes, timeout_s: float, name: str, language: str = "eng") -> str:
    """Text of one image (PNG/JPEG/TIFF bytes), read by tesseract through stdin/stdout."""
    exe = tesseract_path()
    if exe is None:
        raise ExtractionFailed("ocr_unavailable", f"{name!r}: tesseract is not installed")
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", language],
            input=image,
            capture_output=True,
            timeout=max(timeout_s, 1.0),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionFailed("timeout", f"{name!r}: tesseract ran over {timeout_s:.0f}s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise ExtractionFailed("corrupt", f"{name!r}: tesseract failed: {message}")
    return done.stdout.decode("utf-8", "replace")
