"""Progress notes from long extraction steps (one per OCR'd page).

The extraction worker installs a sink that forwards each note to its parent, which then
extends the file's time limit by ``Limits.ocr_page_timeout_s``; called in-process (tests,
benchmarks) the notes go nowhere.
"""

from __future__ import annotations

from collections.abc import Callable

_sink: Callable[[str], None] | None = None


def set_sink(sink: Callable[[str], None] | None) -> None:
    global _sink
    _sink = sink


def report(note: str) -> None:
    if _sink is not None:
        _sink(note)
