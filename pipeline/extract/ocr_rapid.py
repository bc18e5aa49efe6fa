"""RapidOCR: PP-OCR detection and recognition models run by onnxruntime, in this process.

The models are the ones inside the rapidocr wheel, given by path so the library never tries
to download one. The engine is built once per extraction worker (about a second) and run
with one thread: parallelism comes from worker processes, and results do not depend on the
machine's core count.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.extract.layout import Page, Word, lines_from_words
from pipeline.extract.reflow import fix_ligatures
from pipeline.extract.result import ExtractionFailed

if TYPE_CHECKING:
    from PIL.Image import Image

MODELS = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
# Detection on a page scaled to at most this many pixels a side: at 200 dpi an A4 page is
# 1654 x 2339; 960 finds every line of letter-sized text and is ~10x faster than full size.
DETECT_SIDE = 960


def _models_dir() -> Path | None:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "models"


def rapidocr_installed() -> bool:
    models = _models_dir()
    return (
        models is not None
        and importlib.util.find_spec("onnxruntime") is not None
        and all((models / name).is_file() for name in MODELS.values())
    )


@lru_cache(maxsize=1)
def _engine() -> Any:
    from rapidocr import RapidOCR

    models = _models_dir()
    assert models is not None
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Global.use_cls": False,  # letters are upright; the angle classifier costs time
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        "Det.limit_type": "max",
        "Det.limit_side_len": DETECT_SIDE,
    }
    for stage, name in MODELS.items():
        params[f"{stage}.model_path"] = str(models / name)
    engine = RapidOCR(params=params)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def rapidocr_page(image: Image, name: str) -> Page:
    import numpy as np

    if not rapidocr_installed():
        raise ExtractionFailed("ocr_unavailable", f"{name!r}: rapidocr is not installed")
    try:
        result = _engine()(np.asarray(image.convert("RGB")))
    except MemoryError as exc:
        raise ExtractionFailed(
            "too_large", f"{name!r}: OCR needs more memory than the limit"
        ) from exc
    except Exception as exc:  # onnxruntime and OpenCV raise their own types
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][-300:]
        if "bad_alloc" in detail or "allocate" in detail.lower():
            raise ExtractionFailed(
                "too_large", f"{name!r}: OCR needs more memory than the limit ({detail})"
            ) from exc
        raise ExtractionFailed("corrupt", f"{name!r}: rapidocr failed: {detail}") from exc
    words: list[Word] = []
    if result.boxes is not None:
        for box, text in zip(result.boxes, result.txts, strict=True):
            xs = [float(point[0]) for point in box]
            ys = [float(point[1]) for point in box]
            if text.strip():
                words.append(Word(fix_ligatures(text.strip()), min(xs), max(xs), min(ys), max(ys)))
    return Page(image.width, image.height, lines_from_words(words))
