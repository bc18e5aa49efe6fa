"""OCR by each engine, the engine setting, and the time a scan is given.

Tests that need an engine skip with a reason when it is absent, except under CI=true, where
both must be there: rapidocr is a dependency and .ci/run installs tesseract.
"""

from __future__ import annotations

import difflib
import io
import os
import time

import pytest

from pipeline.config import ConfigError, Settings, ocr_engine_setting
from pipeline.extract import Limits, extract_text
from pipeline.extract.dispatch import extract_in_process
from pipeline.extract.ocr import AUTO_ORDER, ENGINES, choose_engine, engine_available
from pipeline.extract.worker import ExtractionWorker
from tests.pipeline.extract import builders
from tests.pipeline.extract import documents as docs
from tests.pipeline.extract.builders import words

OCR_LINES = ["Freedom of Information Act", "We do not hold this information"]


def _require(engine: str) -> None:
    if engine_available(engine):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"OCR engine {engine} must be installed on CI (.ci/run, pyproject.toml)")
    hint = "apt-get install -y tesseract-ocr" if engine == "tesseract" else "uv sync"
    pytest.skip(f"OCR engine {engine} not installed: {hint}")


@pytest.mark.parametrize("engine", ENGINES)
def test_image_only_pdf_is_read_by_ocr(engine: str) -> None:
    _require(engine)
    result = extract_text(
        builders.image_only_pdf(OCR_LINES), "scan.pdf", limits=Limits(ocr_engine=engine)
    )
    assert (result.status, result.method, result.ocr_used) == ("ok", "pdf+ocr", True)
    assert words(result.text) == words(" ".join(OCR_LINES))


@pytest.mark.parametrize("engine", ENGINES)
def test_png_is_read_by_ocr(engine: str) -> None:
    _require(engine)
    result = extract_text(builders.png(OCR_LINES), "scan.png", limits=Limits(ocr_engine=engine))
    assert (result.status, result.method) == ("ok", "image+ocr")
    assert words(result.text) == words(" ".join(OCR_LINES))


@pytest.mark.parametrize("engine", ENGINES)
def test_a_scanned_letter_comes_out_as_paragraphs_without_its_furniture(engine: str) -> None:
    _require(engine)
    data = docs.scanned(docs.layout_pdf())
    result = extract_in_process(data, "scan.pdf", None, Limits(ocr_engine=engine))
    assert (result.status, result.ocr_used, result.pages) == ("ok", True, 2)
    paragraphs = result.text.split("\n\n")
    for written in [*docs.PARAGRAPHS[1:4], docs.LONG_PARAGRAPH]:
        best = max(difflib.SequenceMatcher(None, written, p).ratio() for p in paragraphs)
        assert best > 0.97, (written, paragraphs)
    assert "Page 1 of" not in result.text and "Mill Lane, Northby" not in result.text
    assert sum("Information Governance" in p for p in paragraphs) == 1


def test_each_frame_of_a_tiff_is_a_page() -> None:
    from PIL import Image

    engine = choose_engine("auto")
    if engine is None:
        _require("rapidocr")
    frames = [Image.open(io.BytesIO(builders.png([line]))) for line in OCR_LINES]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    result = extract_in_process(buffer.getvalue(), "fax.tif", None, Limits())
    assert (result.status, result.method, result.pages) == ("ok", "image+ocr", 2)
    assert words(result.text) == words(" ".join(OCR_LINES))


def test_without_tesseract_auto_reads_scans_with_the_bundled_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """README's install alone (no tesseract on the machine) gives working OCR."""
    _require("rapidocr")
    monkeypatch.setenv("PATH", "/nonexistent")
    result = extract_text(builders.image_only_pdf(OCR_LINES), "scan.pdf", limits=Limits())
    assert (result.status, result.ocr_used) == ("ok", True)
    assert words(result.text) == words(" ".join(OCR_LINES))


def test_a_chosen_engine_that_is_absent_reports_ocr_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    limits = Limits(ocr_engine="tesseract")
    result = extract_text(builders.image_only_pdf(OCR_LINES), "scan.pdf", limits=limits)
    assert (result.status, result.text) == ("ocr_unavailable", "")
    assert "tesseract" in (result.error or "")
    assert extract_text(builders.png(OCR_LINES), "s.png", limits=limits).status == (
        "ocr_unavailable"
    )


def test_auto_takes_the_first_installed_engine_in_the_chosen_order() -> None:
    installed = [engine for engine in AUTO_ORDER if engine_available(engine)]
    assert choose_engine("auto") == (installed[0] if installed else None)
    with pytest.raises(ValueError, match="unknown OCR engine"):
        choose_engine("abbyy")


def test_the_engine_setting_is_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ocr_engine_setting({}) == "auto"
    assert ocr_engine_setting({"WDTK_OCR_ENGINE": " Tesseract "}) == "tesseract"
    with pytest.raises(ConfigError, match="WDTK_OCR_ENGINE"):
        Settings.from_env({"WDTK_OCR_ENGINE": "abbyy"})
    monkeypatch.setenv("WDTK_OCR_ENGINE", "rapidocr")
    assert Limits().ocr_engine == "rapidocr"
    assert Settings.from_env().ocr_engine == "rapidocr"


ORDINALS = ["First", "Second", "Third", "Fourth"]


def _short_scan(pages: int) -> bytes:
    """``pages`` scanned pages, each one sentence in the middle of the page."""
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for word in ORDINALS[:pages]:
        text = f"{word} page: we do not hold the information."
        document.import_pages(
            pypdfium2.PdfDocument(docs.scanned(docs.drawn_pdf([""] * 20 + [text])))
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_each_ocrd_page_extends_the_time_limit() -> None:
    """A four-page scan whose OCR takes longer than ``timeout_s`` still reads: every page
    reports progress and is given ``ocr_page_timeout_s`` of its own."""
    engine = choose_engine("auto")
    if engine is None:
        _require("rapidocr")
    assert engine is not None
    scan = _short_scan(4)
    limits = Limits(timeout_s=0.75, ocr_page_timeout_s=120, ocr_engine=engine)
    with ExtractionWorker(Limits(timeout_s=120, ocr_engine=engine)) as worker:
        assert worker.extract(_short_scan(1), "warm.pdf").status == "ok"  # load the engine
        worker.limits = limits
        started = time.monotonic()
        result = worker.extract(scan, "scan.pdf")
        took = time.monotonic() - started
    assert (result.status, result.pages) == ("ok", 4), result.error
    assert result.text.split("\n\n") == [
        f"{word} page: we do not hold the information." for word in ORDINALS
    ]
    if took <= limits.timeout_s:
        pytest.skip(f"OCR took {took:.1f}s, under the {limits.timeout_s}s limit: nothing to show")
