"""Positioned text: the words a PDF page or an OCR engine gives, grouped into lines.

Everything downstream (page furniture, paragraphs) works on these records, so a PDF's text
layer and a scanned page read by either OCR engine go through the same rules. Coordinates
are in the source's own unit (PDF points or image pixels) with ``top`` growing downwards;
the rules only compare them with the page's size and the lines' own heights.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import median

# Words further apart than this many line heights are separate cells of a table row.
CELL_GAP = 1.6


@dataclass(frozen=True, slots=True)
class Word:
    """A run of text on one line: a PDF word, a tesseract word or an OCR text box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # cells joined by tabs when the line is a table row
    x0: float
    x1: float
    top: float
    bottom: float
    first_word: float = 0.0  # width of the first word: would it have fitted on the line above?
    cells: int = 1
    table: bool = False  # a block of rows read from a ruled table (``text`` holds all rows)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def _same_line(word: Word, top: float, bottom: float) -> bool:
    """Vertical overlap of at least half the shorter height."""
    overlap = min(bottom, word.bottom) - max(top, word.top)
    return overlap >= 0.5 * min(bottom - top, word.bottom - word.top)


def lines_from_words(words: Iterable[Word]) -> list[Line]:
    """Words grouped into lines (vertical overlap), each line's words left to right; a gap
    wider than ``CELL_GAP`` line heights becomes a tab (a column of a table or a form)."""
    rows: list[list[Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if not word.text.strip() or word.bottom <= word.top:
            continue
        for index in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            top, bottom = bounds[index]
            if _same_line(word, top, bottom):
                rows[index].append(word)
                bounds[index] = (min(top, word.top), max(bottom, word.bottom))
                break
        else:
            rows.append([word])
            bounds.append((word.top, word.bottom))
    lines = [_line(row) for row in rows]
    return sorted(lines, key=lambda line: (line.top, line.x0))


def _line(row: Sequence[Word]) -> Line:
    row = sorted(row, key=lambda w: w.x0)
    height = median(w.bottom - w.top for w in row)
    parts = [row[0].text]
    cells = 1
    for before, word in itertools.pairwise(row):
        if word.x0 - before.x1 > CELL_GAP * height:
            parts.append("\t")
            cells += 1
        else:
            parts.append(" ")
        parts.append(word.text)
    first = row[0].text.split(" ", 1)[0]
    share = len(first) / max(len(row[0].text), 1)
    return Line(
        text="".join(parts),
        x0=row[0].x0,
        x1=row[-1].x1,
        top=min(w.top for w in row),
        bottom=max(w.bottom for w in row),
        first_word=(row[0].x1 - row[0].x0) * share,
        cells=cells,
    )


def table_block(rows: Sequence[Sequence[str | None]], bbox: tuple[float, ...]) -> Line | None:
    """A ruled table as one block: a line per row, cells tab-separated, wrapped cell text
    joined, empty trailing cells dropped."""
    rendered: list[str] = []
    for row in rows:
        cells = [" ".join((cell or "").split()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rendered.append("\t".join(cells))
    if not rendered:
        return None
    x0, top, x1, bottom = bbox[:4]
    return Line("\n".join(rendered), x0, x1, top, bottom, 0.0, 1, table=True)
