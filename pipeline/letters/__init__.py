"""Letter understanding: what an authority's letter says, with confidence and evidence.

``analyse_letter(text) -> LetterAnalysis``; ``LetterAnalysis.to_dict()`` is the JSON shape.
"""

from pipeline.letters.analyse import analyse_letter
from pipeline.letters.model import (
    KINDS,
    OUTCOMES,
    REVIEW_OUTCOMES,
    Citation,
    Evidence,
    Finding,
    LetterAnalysis,
    Reference,
)

__all__ = [
    "KINDS",
    "OUTCOMES",
    "REVIEW_OUTCOMES",
    "Citation",
    "Evidence",
    "Finding",
    "LetterAnalysis",
    "Reference",
    "analyse_letter",
]
