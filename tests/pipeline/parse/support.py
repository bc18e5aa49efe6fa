"""Where saved pages live: ``tests/files`` (ours) and the shared 2019 fixtures beside the checkout."""

from __future__ import annotations

import csv

from tests.support import FIXTURES, REPO

__all__ = ["FILES", "FIXTURES", "fixture_rows"]
FILES = REPO / "tests" / "files"


def fixture_rows() -> list[dict[str, str]]:
    index = FIXTURES / "index.csv"
    if not index.exists():
        raise FileNotFoundError(f"the 2019 fixture pages are missing: {index} (../shared)")
    with index.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
