"""OCR of page images, by one of two engines, into positioned lines (``layout.Page``).

* ``rapidocr``: RapidOCR (PP-OCR models run by onnxruntime). A Python dependency of the
  project whose wheel carries its models, so README's install gives working OCR with nothing
  else on the machine and nothing downloaded at run time.
* ``tesseract``: the tesseract program, when installed (``apt-get install tesseract-ocr``).

``WDTK_OCR_ENGINE`` (``pipeline.config``; ``Limits.ocr_engine``) picks one; ``auto`` takes the
first installed in ``AUTO_ORDER`` (chosen by the figures of ``bench/ocr_engines.py``, see
README). Both return words with boxes, so the same layout rules make the paragraphs.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from pipeline.extract import progress
from pipeline.extract.layout import Page
from pipeline.extract.reflow import pages_text
from pipeline.extract.result import ExtractionFailed, Limits

if TYPE_CHECKING:
    from PIL.Image import Image

ENGINES = ("rapidocr", "tesseract")
AUTO_ORDER = ("rapidocr", "tesseract")


def engine_available(engine: str) -> bool:
    if engine == "tesseract":
        from pipeline.extract.ocr_tesseract import tesseract_path

        return tesseract_path() is not None
    if engine == "rapidocr":
        from pipeline.extract.ocr_rapid import rapidocr_installed

        return rapidocr_installed()
    return False


def choose_engine(setting: str) -> str | None:
    """The engine to use for ``setting`` (auto or an engine's name), None if not installed."""
    if setting == "auto":
        return next((name for name in AUTO_ORDER if engine_available(name)), None)
    if setting not in ENGINES:
        raise ValueError(f"unknown OCR engine {setting!r} (choose auto, {', '.join(ENGINES)})")
    return setting if engine_available(setting) else None


def unavailable(setting: str) -> str:
    """Why no OCR can run, for the ``ocr_unavailable`` message."""
    if setting == "auto":
        return "no OCR engine installed (rapidocr or tesseract)"
    return f"OCR engine {setting} is not installed"


def ocr_page(image: Image, engine: str, timeout_s: float, name: str) -> Page:
    """The lines of one page image (greyscale or colour) read by ``engine``."""
    if engine == "tesseract":
        from pipeline.extract.ocr_tesseract import tesseract_page

        return tesseract_page(image, timeout_s, name)
    if engine == "rapidocr":
        from pipeline.extract.ocr_rapid import rapidocr_page

        return rapidocr_page(image, name)
    raise ValueError(f"unknown OCR engine {engine!r}")


def ocr_image(data: bytes, setting: str, limits: Limits, name: str) -> tuple[str, int]:
    """(text as paragraphs, frames read) of an image file: PNG, JPEG, GIF, or TIFF, whose
    frames (a faxed or scanned letter's pages) are read as pages, up to ``ocr_max_pages``."""
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    engine = choose_engine(setting)
    if engine is None:
        raise ExtractionFailed("ocr_unavailable", f"{name!r}: image; {unavailable(setting)}")
    pages: list[Page] = []
    try:
        with PILImage.open(io.BytesIO(data)) as opened:
            for number, frame in enumerate(ImageSequence.Iterator(opened)):
                if number >= limits.ocr_max_pages:
                    break
                progress.report(f"OCR {name} frame {number + 1}")
                image = frame.convert("L")
                label = name if number == 0 else f"{name} frame {number + 1}"
                pages.append(ocr_page(image, engine, limits.ocr_page_timeout_s, label))
    except PILImage.DecompressionBombError as exc:
        raise ExtractionFailed("bomb", f"{name!r}: image of too many pixels ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise ExtractionFailed("corrupt", f"{name!r}: unreadable image ({exc})") from exc
    return pages_text(pages), len(pages)
