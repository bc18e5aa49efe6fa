from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import require_shared

LABELLED = Path(__file__).resolve().parent / "labelled"


def labelled_letters() -> list[dict[str, Any]]:
    letters: list[dict[str, Any]] = []
    for path in sorted(LABELLED.glob("*.yaml")):
        letters.extend(yaml.safe_load(path.read_text("utf-8")))
    return letters


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two real seed letters in ../shared (skips without it; fails under CI=true)."""
    return require_shared("seeds")
