"""Letter templates: every kind and outcome, real provisions, labels that match the words."""

from __future__ import annotations

import random
from datetime import date

import pytest

from pipeline.provisions import lookup
from scraper.replica.letters import ACT_NAMES, OUTCOMES, REVIEW_OUTCOMES, write_letter


def letter(
    kind: str,
    outcome: str | None = None,
    regime: str = "FOIA",
    review: str | None = None,
    seed: int = 1,
):
    return write_letter(
        random.Random(seed), kind=kind, regime=regime, authority="Leeds City Council",
        requester="Sam Smith", subject="Pothole repairs", letter_date=date(2024, 1, 5),
        request_id=123, outcome=outcome, review_outcome=review,
    )  # fmt: skip


@pytest.mark.parametrize("regime", ["FOIA", "EIR", "FOISA"])
@pytest.mark.parametrize("outcome", OUTCOMES)
def test_each_outcome_cites_real_provisions_in_words(outcome, regime):
    written = letter("response", outcome, regime)
    for citation in written.labels.provisions:
        assert lookup(citation) is not None
        assert citation.startswith(regime + " ")
        assert ACT_NAMES[regime] in written.text


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_responses_signpost_the_regulator(outcome):
    written = letter("response", outcome)
    assert written.labels.ico_signposted and "Information Commissioner" in written.text


def test_acknowledgement_has_no_outcome_and_no_signpost():
    labels = letter("acknowledgement").labels
    assert (labels.kind, labels.outcome, labels.provisions, labels.ico_signposted) == (
        "acknowledgement",
        None,
        (),
        False,
    )


def test_clarification_request_is_labelled():
    assert letter("clarification_request").labels.kind == "clarification_request"


@pytest.mark.parametrize("review", REVIEW_OUTCOMES)
def test_internal_review_response_states_its_verdict(review):
    written = letter("internal_review_response", "partly_withheld", review=review)
    word = {"upheld": "upheld", "partly_upheld": "partly upheld", "overturned": "overturned"}[
        review
    ]
    assert written.labels.review_outcome == review and word in written.text


def test_letter_date_and_reference_are_in_the_text():
    written = letter("response", "not_held")
    assert (
        " 5 January 2024".strip() in written.text
        and f"Our ref: {written.labels.authority_ref}" in written.text
    )


def test_not_held_is_information_not_held():
    assert letter("response", "not_held").labels.information_held is False


def test_advice_and_assistance_cites_the_duty():
    assert letter("response", "advice_and_assistance").labels.provisions == ("FOIA s16",)
