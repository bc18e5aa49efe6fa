"""Where saved pages live: ``tests/files`` (ours) and the shared 2019 fixtures (../shared).

The 2019 pages are real WDTK pages kept in ../shared, never in the repository; every read of
them goes through ``tests.support.require_shared``, at test time, so a checkout without
../shared skips these tests (and CI, which has it, fails if it goes missing).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.support import FIXTURES_2019, REPO, optional_shared, require_shared

__all__ = ["FILES", "fixture_page", "fixture_params"]
FILES = REPO / "tests" / "files"


def fixture_page(name: str) -> Path:
    """One of the 2019 pages (skips without ../shared)."""
    return require_shared(*FIXTURES_2019, name)


def fixture_params() -> list[Any]:
    """A ``pytest.param`` per row of the 2019 index.csv, read at collection (never at import);
    without ../shared, one parameter whose test skips (fails under CI=true)."""
    index = optional_shared(*FIXTURES_2019, "index.csv")
    if index is None:
        return [pytest.param(None, id="no-shared", marks=pytest.mark.shared(*FIXTURES_2019))]
    return [pytest.param(row, id=row["file"]) for row in _rows(index)]


@cache
def _rows(index: Path) -> list[dict[str, str]]:
    with index.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
