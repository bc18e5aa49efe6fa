"""The letter reader on real authority letters (``../shared/letters/real-dev.jsonl``).

The letters are real correspondence, read from ../shared and never copied here; without it
these tests skip with the reason (and fail under CI=true). They are split once by
``pipeline.letters.scoring.part`` into a development part, which the rules were written
against, and a held-back part, which is only ever scored. Per-field accuracy on both parts is
printed (``pytest -s``). Issue 14 sets targets on the held-back part; where the reader falls
short, the measured figure is a regression floor and the target is an ``xfail`` test saying by
how much it is missed.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from pipeline.letters import analyse_letter
from pipeline.letters.scoring import Score, part, score
from tests.support import require_shared

pytestmark = pytest.mark.shared("letters", "real-dev.jsonl")

# Issue 14's targets on the held-back part.
TARGETS = {"kind": 0.95, "outcome": 0.95, "review_outcome": 0.95}
# The figures measured at the end of the work on issue 14 (bench/RESULTS.md, round 3 of
# 2026-12-06), rounded down to two decimals: the reader must not fall below them on either part.
FLOORS = {
    "dev": {"kind": 0.96, "outcome": 0.91, "review_outcome": 0.93},
    "heldback": {"kind": 0.84, "outcome": 0.71, "review_outcome": 0.60},
}
# Measured on the held-back part by round 3's single look, after every branch merged
# (kind 50/59, outcome 40/56 with unknown_truncated left out, review outcome 3/5).
MEASURED = {"kind": 0.847, "outcome": 0.714, "review_outcome": 0.600}


@cache
def _scores() -> dict[str, Score]:
    path = require_shared("letters", "real-dev.jsonl")
    letters = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]

    def predict(text: str) -> dict[str, Any]:
        return analyse_letter(text).to_dict()

    return {
        name: score([x for x in letters if part(x["letter_id"]) == name], predict)
        for name in ("dev", "heldback")
    }


def _figure(result: Score, field: str) -> float:
    pairs = {"kind": result.kind, "outcome": result.outcome, "review_outcome": result.review}
    return result.accuracy(pairs[field])


def test_prints_per_field_accuracy_on_both_parts() -> None:
    scores = _scores()
    for name, result in scores.items():
        figures = result.figures()
        print(
            f"\n{name}: {figures['letters']} letters; kind {figures['kind']:.3f}; "
            f"outcome {figures['outcome']:.3f} ({figures['outcome_scored']} scored); "
            f"review outcome {figures['review_outcome']:.3f} ({figures['reviews_scored']}); "
            f"provisions F1 {figures['provisions_cited_f1']:.3f}"
        )
    assert scores["dev"].letters == 134 and scores["heldback"].letters == 59


@pytest.mark.parametrize("name", ["dev", "heldback"])
@pytest.mark.parametrize("field", ["kind", "outcome", "review_outcome"])
def test_no_regression_below_the_measured_figures(name: str, field: str) -> None:
    measured = _figure(_scores()[name], field)
    assert measured >= FLOORS[name][field], f"{name} {field} {measured:.3f}"


def _target_not_met(field: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(
        strict=False,
        reason=f"issue 14 target {field} >= {TARGETS[field]} on the held-back part not met: "
        f"measured {MEASURED[field]:.3f} (after round 3)",
    )


@pytest.mark.parametrize(
    "field",
    [pytest.param(f, marks=_target_not_met(f)) for f in ("kind", "outcome", "review_outcome")],
)
def test_issue_14_targets_on_the_held_back_part(field: str) -> None:
    measured = _figure(_scores()["heldback"], field)
    assert measured >= TARGETS[field], f"held back {field} {measured:.3f} < {TARGETS[field]}"
