"""Tesseract, run as a program: the page image in on stdin, its words with boxes out (TSV)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

from pipeline.extract.layout import Page, Word, lines_from_words
from pipeline.extract.reflow import fix_ligatures
from pipeline.extract.result import ExtractionFailed

if TYPE_CHECKING:
    from PIL.Image import Image


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_page(image: Image, timeout_s: float, name: str, language: str = "eng") -> Page:
    exe = tesseract_path()
    if exe is None:
        raise ExtractionFailed("ocr_unavailable", f"{name!r}: tesseract is not installed")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    dpi = image.info.get("dpi", (0, 0))[0]
    command = [exe, "stdin", "stdout", "-l", language]
    if dpi:
        command += ["--dpi", str(round(dpi))]
    try:
        done = subprocess.run(
            [*command, "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=max(timeout_s, 1.0),
            check=False,
            # One thread: tesseract's OpenMP threads only slow it down beside other work.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractionFailed("timeout", f"{name!r}: tesseract ran over {timeout_s:.0f}s") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise ExtractionFailed("corrupt", f"{name!r}: tesseract failed: {message}")
    return Page(image.width, image.height, lines_from_words(parse_tsv(done.stdout)))


def parse_tsv(tsv: bytes) -> list[Word]:
    """Word rows (level 5) of tesseract's TSV output."""
    words: list[Word] = []
    for row in tsv.decode("utf-8", "replace").splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        try:
            left, top, width, height = (int(v) for v in fields[6:10])
            confidence = float(fields[10])
        except ValueError:
            continue
        if confidence < 0:
            continue
        words.append(Word(fix_ligatures(fields[11]), left, left + width, top, top + height))
    return words
