"""Where the shared reference material lives, for every test (one place for the rule).

``../shared`` sits beside the checkout (CI puts it there); a worktree nested deeper finds it
in an ancestor; ``WDTK_SHARED`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def find_shared() -> Path:
    if os.environ.get("WDTK_SHARED"):
        return Path(os.environ["WDTK_SHARED"])
    for ancestor in REPO.parents:
        if (ancestor / "shared" / "fixtures").is_dir():
            return ancestor / "shared"
    return REPO.parent / "shared"


SHARED = find_shared()
FIXTURES = SHARED / "fixtures" / "wdtk-pages-2019"
SEEDS = SHARED / "seeds"
