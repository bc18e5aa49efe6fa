"""Scoring the letter reader against hand-labelled letters (``../shared/letters/LABELS.md``).

Pure functions over label dicts; the labelled letters themselves live outside the package and
are read by the tests and ``bench/letters_confusion.py``.

The held-back part is fixed once, by a hash of ``letter_id``, so that no rule is tuned on it:
``part(letter_id)`` is ``"heldback"`` for about three letters in ten and ``"dev"`` otherwise.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

HELDBACK_SHARE = 3  # out of 10
TRUNCATED = "unknown_truncated"
SCORED_FIELDS = ("kind", "outcome", "provisions_cited", "review_outcome")


def part(letter_id: str) -> str:
    """``"heldback"`` or ``"dev"``, fixed by the SHA-256 of the id (never by its content)."""
    digest = hashlib.sha256(letter_id.encode("utf-8")).digest()
    return "heldback" if digest[0] % 10 < HELDBACK_SHARE else "dev"


@dataclass
class Score:
    """Per-field tallies over one part of the labelled letters."""

    letters: int = 0
    kind: list[tuple[str, str]] = field(default_factory=list)
    outcome: list[tuple[str, str]] = field(default_factory=list)
    review: list[tuple[str, str]] = field(default_factory=list)
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def accuracy(pairs: list[tuple[str, str]]) -> float:
        return sum(a == b for a, b in pairs) / len(pairs) if pairs else 1.0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float | int]:
        return {
            "letters": self.letters,
            "kind": round(self.accuracy(self.kind), 3),
            "outcome": round(self.accuracy(self.outcome), 3),
            "outcome_scored": len(self.outcome),
            "provisions_cited_f1": round(self.f1, 3),
            "provisions_cited_precision": round(self.precision, 3),
            "provisions_cited_recall": round(self.recall, 3),
            "review_outcome": round(self.accuracy(self.review), 3),
            "reviews_scored": len(self.review),
        }


def _text(value: object) -> str:
    return "null" if value is None else str(value)


def score(letters: Iterable[Mapping[str, Any]], predict: Any) -> Score:
    """Score ``predict(text) -> dict`` (the ``wdtk letter`` JSON shape) over labelled letters.

    Outcome skips letters labelled ``unknown_truncated``; review outcome is scored on every
    letter labelled ``internal_review_response`` (null included: a review of a failure to
    respond has none); provisions are micro-averaged over every letter.
    """
    result = Score()
    for letter in letters:
        labels = letter["labels"]
        got = predict(letter["text"])
        result.letters += 1
        result.kind.append((_text(labels["kind"]), _text(got["kind"])))
        if labels["outcome"] != TRUNCATED:
            result.outcome.append((_text(labels["outcome"]), _text(got["outcome"])))
        if labels["kind"] == "internal_review_response":
            result.review.append((_text(labels["review_outcome"]), _text(got["review_outcome"])))
        expected = set(labels["provisions_cited"])
        cited = set(got.get("provisions_cited", got.get("provisions", [])))
        result.true_positive += len(expected & cited)
        result.false_positive += len(cited - expected)
        result.false_negative += len(expected - cited)
        wrong = [
            f"{name} {_text(labels[name])}->{_text(got[name])}"
            for name in ("kind", "outcome", "review_outcome")
            if labels[name] != got[name] and not (name == "outcome" and labels[name] == TRUNCATED)
        ]
        if expected != cited:
            wrong.append(f"missing {sorted(expected - cited)} extra {sorted(cited - expected)}")
        if wrong:
            result.errors.append(f"{letter['letter_id']}: " + "; ".join(wrong))
    return result


def confusion(pairs: list[tuple[str, str]]) -> list[str]:
    """A confusion matrix as text lines: rows are labels, columns predictions."""
    labels = sorted({x for pair in pairs for x in pair})
    counts = Counter(pairs)
    width = max((len(label) for label in labels), default=4) + 2
    lines = [" " * width + "".join(f"{label[:11]:>12}" for label in labels)]
    for row in labels:
        lines.append(f"{row:<{width}}" + "".join(f"{counts[(row, col)]:>12}" for col in labels))
    return lines
