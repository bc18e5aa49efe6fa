"""``provisions_cited`` on the real letters (``../shared/letters/real-dev.jsonl``), per part.

The letters are real correspondence read from ../shared, never copied here. The split is
``pipeline.letters.scoring.part`` (a hash of ``letter_id``); rules are written against the
development part only, and the held-back part is scored, never read. Issue 14's target for
the held-back part is F1 >= 0.95. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from pipeline.letters import analyse_letter
from pipeline.letters.scoring import Score, part, score
from tests.support import require_shared

TARGET_F1 = 0.95
# Last measured (bench/RESULTS.md, issue 14 provisions_cited), on main after every letters
# branch merged: dev F1 0.995 (P 0.990 / R 1.000); held back F1 0.907 (P 0.863 / R 0.957),
# the first pass's figure again, and again after round 3 (2026-12-06). The floor is that
# figure rounded down.
HELDBACK_FLOOR = 0.90
DEV_FLOOR = 0.99

pytestmark = pytest.mark.shared("letters", "real-dev.jsonl")


@cache
def _letters() -> list[dict[str, Any]]:
    path = require_shared("letters", "real-dev.jsonl")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@cache
def _score(name: str) -> Score:
    """One part scored on its own (the development part's tests never score the other)."""

    def predict(text: str) -> dict[str, Any]:
        return analyse_letter(text).to_dict()

    return score([x for x in _letters() if part(x["letter_id"]) == name], predict)


def _report(name: str, result: Score) -> str:
    return (
        f"{name} ({result.letters} letters): provisions_cited precision {result.precision:.3f}"
        f" recall {result.recall:.3f} F1 {result.f1:.3f}"
    )


@pytest.mark.parametrize("name", ["dev", "heldback"])
def test_provisions_cited_figures(name: str) -> None:
    result = _score(name)
    print(_report(name, result))
    assert result.letters > 0
    assert result.true_positive + result.false_negative > 0  # the letters name provisions


def test_dev_provisions_cited_keeps_its_floor() -> None:
    f1 = _score("dev").f1
    assert f1 >= DEV_FLOOR, f"development provisions_cited F1 {f1:.3f} < {DEV_FLOOR}"


def test_heldback_provisions_cited_keeps_its_floor() -> None:
    f1 = _score("heldback").f1  # figures only: the held-back letters are never listed
    assert f1 >= HELDBACK_FLOOR, f"held-back provisions_cited F1 {f1:.3f} < {HELDBACK_FLOOR}"


@pytest.mark.xfail(
    strict=False,
    reason="issue 14 target not met: held-back provisions_cited F1 measured 0.907 (P 0.863 / "
    "R 0.957) against 0.95",
)
def test_heldback_provisions_cited_meets_the_issue_14_target() -> None:
    f1 = _score("heldback").f1
    assert f1 >= TARGET_F1, f"held-back provisions_cited F1 {f1:.3f} < {TARGET_F1}"
