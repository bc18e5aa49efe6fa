"""Internal-review records and our inferred request outcome beside the requester's label."""

from __future__ import annotations

from datetime import date

from pipeline.letters import analyse_letter
from pipeline.reviews import internal_review, request_outcome
from pipeline.workdays import add_working_days
from tests.pipeline.request_builders import event, request

D = date
REFUSAL = analyse_letter(
    "Dear Mr Lawson,\n\nWe hold the pricing schedule but it is exempt under section 43(2) of the "
    "Act. We have considered the public interest test and are withholding the information."
)
REVIEW_UPHELD = analyse_letter(
    "Dear Mr Lawson,\n\nInternal Review - FOI 2023-1402\n\nI have now completed the internal "
    "review. I am satisfied that section 43(2) was correctly applied and I have decided to "
    "uphold the original decision."
)
REVIEW_OVERTURNED = analyse_letter(
    "Dear Mr Lawson,\n\nInternal Review - FOI 2023-1402\n\nI have completed the internal review "
    "and I have decided to overturn the original decision. The schedule is attached in full."
)


def _thread(review_reply: int | None = None) -> list:
    events = [
        event(1, "sent", D(2023, 5, 2), outgoing=11),
        event(2, "response", D(2023, 5, 30), incoming=21, calculated_state="rejected"),
        event(
            3,
            "followup_sent",
            D(2023, 6, 5),
            outgoing=12,
            calculated_state="internal_review",
            display_status="Internal review request",
        ),
    ]
    if review_reply is not None:
        events.append(event(4, "response", D(2023, 6, 26), incoming=review_reply))
    return events


def test_review_requested_on_the_followup_date() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 6, 20))
    assert (review.requested_on, review.requested_event_id) == (D(2023, 6, 5), 3)  # type: ignore[union-attr]


def test_foia_review_due_in_twenty_working_days_forty_at_most() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 6, 20))
    assert (review.due, review.latest_due) == (  # type: ignore[union-attr]
        add_working_days(D(2023, 6, 5), 20),
        add_working_days(D(2023, 6, 5), 40),
    )


def test_unanswered_review_is_pending_until_due() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 7, 3))
    assert review.status == "pending"  # type: ignore[union-attr]


def test_unanswered_review_is_overdue_after_due() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 7, 4))
    assert review.status == "overdue"  # type: ignore[union-attr]


def test_review_answered_by_the_review_letter() -> None:
    analyses = {21: REFUSAL, 22: REVIEW_UPHELD}
    review = internal_review(request(_thread(22)), as_of=D(2023, 7, 4), analyses=analyses)
    assert (review.answered_on, review.answered_by_message_id, review.outcome) == (  # type: ignore[union-attr]
        D(2023, 6, 26),
        22,
        "upheld",
    )


def test_review_working_days_taken() -> None:
    analyses = {21: REFUSAL, 22: REVIEW_UPHELD}
    review = internal_review(request(_thread(22)), as_of=D(2023, 7, 4), analyses=analyses)
    assert (review.working_days_taken, review.late) == (15, False)  # type: ignore[union-attr]


def test_followup_text_asking_for_review_counts_as_a_request() -> None:
    events = [
        event(1, "sent", D(2023, 5, 2), outgoing=11),
        event(2, "followup_sent", D(2023, 6, 5), outgoing=12),
    ]
    texts = {12: "I am writing to request an internal review of Westbrook Council's handling."}
    review = internal_review(request(events), as_of=D(2023, 6, 6), followup_texts=texts)
    assert review.requested_on == D(2023, 6, 5)  # type: ignore[union-attr]


def test_no_review_asked_for_is_none() -> None:
    assert internal_review(request(_thread()[:2]), as_of=D(2023, 7, 4)) is None


def test_eir_review_due_in_forty_working_days() -> None:
    review = internal_review(request(_thread(), law_used="eir"), as_of=D(2023, 6, 6))
    assert review.due == add_working_days(D(2023, 6, 5), 40)  # type: ignore[union-attr]


def test_inferred_outcome_is_the_review_decision() -> None:
    outcome = request_outcome(
        request(_thread(22), described_state="successful"),
        {21: REFUSAL, 22: REVIEW_OVERTURNED},
    )
    assert (outcome.inferred, outcome.from_message_id, outcome.disagrees) == (
        "granted_in_full",
        22,
        False,
    )


def test_requester_label_that_disagrees_is_flagged() -> None:
    outcome = request_outcome(request(_thread(), described_state="successful"), {21: REFUSAL})
    assert (outcome.inferred, outcome.described_state, outcome.disagrees) == (
        "withheld_in_full",
        "successful",
        True,
    )


def test_open_request_label_neither_agrees_nor_disagrees() -> None:
    outcome = request_outcome(request(_thread(), described_state="internal_review"), {21: REFUSAL})
    assert outcome.disagrees is None


def test_no_deciding_letter_infers_nothing() -> None:
    outcome = request_outcome(request(_thread(), described_state="rejected"), {})
    assert (outcome.inferred, outcome.disagrees) == (None, None)
