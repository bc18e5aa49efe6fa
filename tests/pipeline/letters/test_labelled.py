"""The labelled letter set: outcome accuracy and provision precision/recall at least 0.95."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.letters import KINDS, OUTCOMES, REVIEW_OUTCOMES, LetterAnalysis, analyse_letter
from tests.pipeline.letters.conftest import labelled_letters

LETTERS = labelled_letters()
THRESHOLD = 0.95


@pytest.fixture(scope="module")
def analysed() -> list[tuple[dict[str, Any], LetterAnalysis]]:
    return [(letter, analyse_letter(letter["text"])) for letter in LETTERS]


def test_set_has_at_least_sixty_letters() -> None:
    assert len(LETTERS) >= 60


def test_set_covers_every_kind() -> None:
    assert {letter["kind"] for letter in LETTERS} == set(KINDS)


def test_set_covers_every_outcome() -> None:
    assert {letter["outcome"] for letter in LETTERS} == {*OUTCOMES, None}


def test_set_covers_every_review_outcome() -> None:
    assert {letter.get("review_outcome") for letter in LETTERS} - {None} == set(REVIEW_OUTCOMES)


def test_set_covers_every_regime() -> None:
    assert {letter["regime"] for letter in LETTERS} == {"FOIA", "EIR", "FOISA"}


def test_letter_ids_are_unique() -> None:
    assert len({letter["id"] for letter in LETTERS}) == len(LETTERS)


def test_outcome_accuracy(analysed: list) -> None:
    correct = sum(letter["outcome"] == a.outcome.value for letter, a in analysed)
    assert correct / len(analysed) >= THRESHOLD


def test_kind_accuracy(analysed: list) -> None:
    correct = sum(letter["kind"] == a.kind.value for letter, a in analysed)
    assert correct / len(analysed) >= THRESHOLD


def _provision_counts(analysed: list) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for letter, analysis in analysed:
        expected, got = set(letter["provisions"]), set(analysis.provisions)
        tp, fp, fn = tp + len(expected & got), fp + len(got - expected), fn + len(expected - got)
    return tp, fp, fn


def test_provision_precision(analysed: list) -> None:
    tp, fp, _ = _provision_counts(analysed)
    assert tp / (tp + fp) >= THRESHOLD


def test_provision_recall(analysed: list) -> None:
    tp, _, fn = _provision_counts(analysed)
    assert tp / (tp + fn) >= THRESHOLD


def test_review_outcome_accuracy(analysed: list) -> None:
    reviews = [(lb, a) for lb, a in analysed if lb["kind"] == "internal_review_response"]
    correct = sum(lb["review_outcome"] == a.review_outcome.value for lb, a in reviews)
    assert correct / len(reviews) >= THRESHOLD


@pytest.mark.parametrize(
    "field",
    ["regime", "letter_date", "wdtk_request_id", "pit", "information_held", "ico_signposted"],
)
def test_labelled_side_fields_match(analysed: list, field: str) -> None:
    attribute = {"pit": "public_interest_test"}.get(field, field)
    pairs = [
        (letter[field], getattr(analysis, attribute).value)
        for letter, analysis in analysed
        if field in letter
    ]
    assert pairs, f"no letter labels {field}"
    assert [expected for expected, _ in pairs] == [got for _, got in pairs]


def test_labelled_references_are_found(analysed: list) -> None:
    for letter, analysis in analysed:
        for value in letter.get("references", []):
            assert value in [r.value for r in analysis.references], letter["id"]


def test_review_requested_dates_match(analysed: list) -> None:
    pairs = [
        (lb["review_requested_on"], a.review_requested_on.value)
        for lb, a in analysed
        if "review_requested_on" in lb
    ]
    assert pairs and all(expected == got for expected, got in pairs)
