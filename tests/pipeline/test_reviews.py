"""Internal-review records and our inferred request outcome beside the requester's label."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.letters import Finding, LetterAnalysis, analyse_letter
from pipeline.reviews import internal_review, internal_reviews, request_outcome
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
    assert review is not None
    assert (review.requested_on, review.requested_event_id) == (D(2023, 6, 5), 3)


def test_foia_review_due_in_twenty_working_days_forty_at_most() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 6, 20))
    assert review is not None
    assert (review.due, review.latest_due) == (
        add_working_days(D(2023, 6, 5), 20),
        add_working_days(D(2023, 6, 5), 40),
    )


def test_unanswered_review_is_pending_until_due() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 7, 3))
    assert review is not None
    assert review.status == "pending"


def test_unanswered_review_is_overdue_after_due() -> None:
    review = internal_review(request(_thread()), as_of=D(2023, 7, 4))
    assert review is not None
    assert review.status == "overdue"


def test_review_answered_by_the_review_letter() -> None:
    analyses = {21: REFUSAL, 22: REVIEW_UPHELD}
    review = internal_review(request(_thread(22)), as_of=D(2023, 7, 4), analyses=analyses)
    assert review is not None
    assert (review.answered_on, review.answered_by_message_id, review.outcome) == (
        D(2023, 6, 26),
        22,
        "upheld",
    )


def test_review_working_days_taken() -> None:
    analyses = {21: REFUSAL, 22: REVIEW_UPHELD}
    review = internal_review(request(_thread(22)), as_of=D(2023, 7, 4), analyses=analyses)
    assert review is not None
    assert (review.working_days_taken, review.late) == (15, False)


def test_followup_text_asking_for_review_counts_as_a_request() -> None:
    events = [
        event(1, "sent", D(2023, 5, 2), outgoing=11),
        event(2, "followup_sent", D(2023, 6, 5), outgoing=12),
    ]
    texts = {12: "I am writing to request an internal review of Westbrook Council's handling."}
    review = internal_review(request(events), as_of=D(2023, 6, 6), followup_texts=texts)
    assert review is not None
    assert review.requested_on == D(2023, 6, 5)


def test_no_review_asked_for_is_none() -> None:
    assert internal_review(request(_thread()[:2]), as_of=D(2023, 7, 4)) is None


def test_eir_review_due_in_forty_working_days() -> None:
    review = internal_review(request(_thread(), law_used="eir"), as_of=D(2023, 6, 6))
    assert review is not None
    assert review.due == add_working_days(D(2023, 6, 5), 40)


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


# --- What a review reviewed and what it left, from letters read as given ---------------------


BLANK = analyse_letter("")


def letter(kind: str, outcome: str | None = None, verdict: str | None = None) -> LetterAnalysis:
    """A letter as the reader would give it (set directly: these tests are about the
    request-level rules, not the reader)."""
    return replace(
        BLANK,
        kind=Finding(kind, 0.9),
        outcome=Finding(outcome, 0.8 if outcome else 0.0),
        review_outcome=Finding(verdict, 0.7 if verdict else 0.0),
    )


ASK = {"calculated_state": "internal_review", "display_status": "Internal review request"}


def _reviewed(*steps: tuple) -> list:
    """Events: sent, then each step as ('letter', message id) or ('ask', outgoing id)."""
    events = [event(1, "sent", D(2023, 5, 2), outgoing=11)]
    day = D(2023, 5, 10)
    for n, (what, message_id) in enumerate(steps, start=2):
        day = add_working_days(day, 3)
        if what == "ask":
            events.append(event(n, "followup_sent", day, outgoing=message_id, **ASK))
        else:
            events.append(event(n, "response", day, incoming=message_id))
    return events


def test_the_original_is_the_refusal_and_the_outcome_after_is_the_review_letter_s() -> None:
    events = _reviewed(("letter", 21), ("ask", 12), ("letter", 22))
    analyses = {21: letter("response", "withheld_in_full"),
                22: letter("internal_review_response", "granted_in_full", "overturned")}  # fmt: skip
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (review.original.outcome, review.original.message_id) == ("withheld_in_full", 21)
    assert (review.outcome, review.after_review.outcome) == ("overturned", "granted_in_full")
    outcome = request_outcome(request(events, described_state="successful"), analyses)
    assert (outcome.inferred, outcome.from_message_id, outcome.disagrees) == (
        "granted_in_full", 22, False,
    )  # fmt: skip


def test_an_upheld_review_keeps_the_original_outcome() -> None:
    events = _reviewed(("letter", 21), ("ask", 12), ("letter", 22))
    analyses = {21: letter("response", "partly_withheld"),
                22: letter("internal_review_response", "withheld_in_full", "upheld")}  # fmt: skip
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert review.after_review.outcome == "partly_withheld"
    assert review.after_review.confidence == 0.7  # no surer than the verdict
    assert request_outcome(request(events), analyses).inferred == "partly_withheld"


def test_a_changed_decision_the_letter_does_not_state_leaves_the_outcome_unknown() -> None:
    events = _reviewed(("letter", 21), ("ask", 12), ("letter", 22))
    analyses = {21: letter("response", "withheld_in_full"),
                22: letter("internal_review_response", None, "partly_upheld")}  # fmt: skip
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (review.original.outcome, review.outcome) == ("withheld_in_full", "partly_upheld")
    assert review.after_review.outcome is None
    outcome = request_outcome(request(events, described_state="rejected"), analyses)
    assert (outcome.inferred, outcome.from_message_id, outcome.disagrees) == (None, None, None)


def test_the_original_is_the_last_deciding_letter_before_the_request_for_review() -> None:
    events = _reviewed(("letter", 20), ("letter", 21), ("letter", 23), ("ask", 12), ("letter", 22))
    analyses = {
        20: letter("acknowledgement"),
        21: letter("response", "cost_limit"),
        23: letter("response"),  # decides nothing: "please find attached" with no attachment read
        22: letter("internal_review_response", None, "upheld"),
    }
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (review.original.message_id, review.original.outcome) == (21, "cost_limit")
    assert review.after_review.outcome == "cost_limit"


def test_with_no_deciding_letter_the_original_is_the_last_response_unread() -> None:
    events = _reviewed(("letter", 21), ("ask", 12))
    (review,) = internal_reviews(request(events), D(2023, 9, 1), {21: letter("response")})
    assert (review.original.message_id, review.original.outcome) == (21, None)
    assert (review.status, review.after_review.outcome) == ("overdue", None)


def test_reminders_before_the_answer_are_one_review_and_a_request_after_it_is_a_second() -> None:
    events = _reviewed(
        ("letter", 21), ("ask", 12), ("ask", 13), ("letter", 22), ("ask", 14), ("letter", 23)
    )
    analyses = {21: letter("response", "withheld_in_full"),
                22: letter("internal_review_response", "partly_withheld", "partly_upheld"),
                23: letter("internal_review_response", None, "upheld")}  # fmt: skip
    first, second = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (first.seq, first.requested_event_id, first.answered_by_message_id) == (1, 3, 22)
    assert (second.seq, second.requested_event_id, second.answered_by_message_id) == (2, 6, 23)
    assert (second.original.message_id, second.original.outcome) == (22, "partly_withheld")
    assert second.after_review.outcome == "partly_withheld"
    assert internal_review(request(events), D(2023, 9, 1), analyses) == first


def test_a_letter_giving_a_verdict_answers_the_review_whatever_its_kind() -> None:
    events = _reviewed(("letter", 21), ("ask", 12), ("letter", 22))
    analyses = {21: letter("response", "withheld_in_full"),
                22: letter("response", None, "upheld")}  # fmt: skip
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (review.answered_by_message_id, review.outcome) == (22, "upheld")


def test_an_answer_without_outcome_or_verdict_leaves_the_review_s_result_unknown() -> None:
    events = _reviewed(("letter", 21), ("ask", 12), ("letter", 22))
    analyses = {21: letter("response", "withheld_in_full"),
                22: letter("internal_review_response")}  # fmt: skip
    (review,) = internal_reviews(request(events), D(2023, 9, 1), analyses)
    assert (review.status, review.outcome, review.after_review.outcome) == (
        "answered", None, None,
    )  # fmt: skip
    # Nothing says the decision changed, so the request keeps the refusal.
    assert request_outcome(request(events), analyses).inferred == "withheld_in_full"
