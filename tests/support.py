"""What the tests may need from outside the repository, and the one rule for when it is missing.

``../shared`` is the project's reference material (real WhatDoTheyKnow pages from 2019, two
real authority letters, hand-labelled letters, notes). It is not in the repository: CI puts it
beside the checkout, a worktree nested deeper finds it in an ancestor, and ``WDTK_SHARED``
overrides both. Tests that need it ask for it here (``require_shared`` or the ``shared``
marker); without it they skip with the reason, and under ``CI=true`` they fail instead, so CI
cannot pass by skipping. Nothing here reads ../shared at import time.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES_2019 = ("fixtures", "wdtk-pages-2019")
SEEDS = ("seeds",)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip a test that needs something this machine lacks; under ``CI=true`` fail instead."""
    if in_ci():
        pytest.fail(f"required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@cache
def shared_root() -> Path | None:
    """The ../shared directory, or None when this checkout has none."""
    if os.environ.get("WDTK_SHARED"):
        path = Path(os.environ["WDTK_SHARED"])
        return path if path.is_dir() else None
    for ancestor in REPO.parents:
        if (ancestor / "shared" / "fixtures").is_dir():
            return ancestor / "shared"
    return None


def optional_shared(*parts: str) -> Path | None:
    """A path under ../shared when it exists (for tests that use it if present), else None."""
    root = shared_root()
    if root is None:
        return None
    path = root.joinpath(*parts)
    return path if path.exists() else None


def require_shared(*parts: str) -> Path:
    """A path under ../shared; the test skips (fails under CI=true) when it is absent."""
    path = optional_shared(*parts)
    if path is None:
        where = "/".join(("..", "shared", *parts))
        unavailable(
            f"needs {where} (the project's reference material, kept beside the checkout and "
            "not in the repository; or set WDTK_SHARED)"
        )
    return path


def require_ocr() -> None:
    """Skip a test that needs an OCR engine when none is installed (fail under CI=true)."""
    from pipeline.extract.ocr import choose_engine

    if choose_engine("auto") is None:
        unavailable(
            "needs an OCR engine for scanned PDFs: rapidocr (installed with the project) "
            "or tesseract (apt-get install -y tesseract-ocr)"
        )
