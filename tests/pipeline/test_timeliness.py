"""Due dates (hand-checked table), the clock-start rule, and timeliness status."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.letters import analyse_letter
from pipeline.timeliness import (
    NoSentEventError,
    clock_start_event,
    deadlines,
    site_date,
    timeliness,
)
from pipeline.workdays import Calendar, add_working_days, is_working_day, working_days_between
from tests.pipeline.request_builders import event, request

D = date
# (day 0, calendar, 20th working day) — each counted by hand against the 2012-2025 calendars.
DUE_TABLE = [
    (D(2025, 6, 6), "uk", D(2025, 7, 4)),  # foi-law.md §2.2: a plain month
    (D(2025, 6, 6), "scotland", D(2025, 7, 4)),
    (D(2014, 12, 1), "uk", D(2014, 12, 31)),  # St Andrew's substitute as day 0
    (D(2014, 12, 1), "scotland", D(2014, 12, 31)),
    (D(2014, 12, 2), "uk", D(2015, 1, 5)),  # 25/26 Dec and 1/2 Jan (Scotland) skipped
    (D(2014, 12, 2), "scotland", D(2015, 1, 5)),
    (D(2023, 4, 22), "uk", D(2023, 5, 23)),  # Saturday day 0; 1 May and 8 May coronation
    (D(2023, 4, 22), "scotland", D(2023, 5, 23)),
    (D(2025, 3, 14), "uk", D(2025, 4, 14)),  # 17 Mar (Northern Ireland) counts for FOIA
    (D(2025, 3, 14), "scotland", D(2025, 4, 11)),  # ... but not for FOISA
    (D(2022, 9, 1), "uk", D(2022, 9, 30)),  # 19 Sep 2022 state funeral
    (D(2012, 5, 25), "uk", D(2012, 6, 26)),  # 4 Jun moved spring holiday + 5 Jun diamond jubilee
    (D(2022, 5, 25), "uk", D(2022, 6, 24)),  # 2 Jun moved spring holiday + 3 Jun platinum jubilee
    (D(2024, 3, 18), "uk", D(2024, 4, 17)),  # Good Friday and Easter Monday
    (D(2024, 3, 18), "scotland", D(2024, 4, 16)),  # Scotland has no Easter Monday holiday
    (D(2023, 7, 3), "uk", D(2023, 8, 1)),  # 12 Jul (Northern Ireland only)
    (D(2023, 7, 3), "scotland", D(2023, 7, 31)),
    (D(2023, 1, 9), "uk", D(2023, 2, 6)),  # no holidays: four weeks
]


@pytest.mark.parametrize(("start", "calendar", "due"), DUE_TABLE)
def test_due_date_table(start: date, calendar: Calendar, due: date) -> None:
    assert add_working_days(start, 20, calendar) == due


def test_clarification_restarts_the_clock() -> None:
    events = [
        event(1, "sent", D(2023, 1, 9), outgoing=11),
        event(2, "response", D(2023, 1, 12), described_state="waiting_clarification", incoming=21),
        event(3, "followup_sent", D(2023, 1, 16), outgoing=12),
    ]
    assert deadlines(request(events)).due == D(2023, 2, 13)


def test_only_the_first_followup_after_clarification_restarts() -> None:
    events = [
        event(1, "sent", D(2023, 1, 9), outgoing=11),
        event(2, "response", D(2023, 1, 12), described_state="waiting_clarification", incoming=21),
        event(3, "followup_sent", D(2023, 1, 16), outgoing=12),
        event(4, "followup_sent", D(2023, 1, 23), outgoing=13),
    ]
    start = clock_start_event(events)
    assert start is not None
    assert start.id == 3


def test_followup_without_clarification_does_not_restart() -> None:
    events = [
        event(1, "sent", D(2023, 1, 9), outgoing=11),
        event(2, "followup_sent", D(2023, 1, 16), outgoing=12),
    ]
    assert deadlines(request(events)).due == D(2023, 2, 6)


def test_resend_restarts_the_clock() -> None:
    events = [
        event(1, "sent", D(2023, 1, 9), outgoing=11),
        event(2, "resent", D(2023, 1, 16), outgoing=11),
    ]
    assert deadlines(request(events)).clock_start == D(2023, 1, 16)


def test_send_error_of_the_initial_message_restarts_the_clock() -> None:
    events = [
        event(1, "sent", D(2023, 1, 9), outgoing=11),
        event(2, "send_error", D(2023, 1, 10), outgoing=11),
    ]
    assert deadlines(request(events)).clock_start == D(2023, 1, 10)


def test_no_sent_event_is_a_named_error() -> None:
    with pytest.raises(NoSentEventError, match="request 100 \\(parking_fines\\)"):
        deadlines(request([event(1, "comment", D(2023, 1, 9))]))


def test_event_date_is_the_london_date() -> None:
    assert site_date(datetime(2023, 6, 30, 23, 30, tzinfo=UTC)) == D(2023, 7, 1)


def test_wdtk_shows_delayed_the_day_after_the_due_date() -> None:
    limits = deadlines(request([event(1, "sent", D(2023, 1, 9))]))
    assert limits.overdue_from == D(2023, 2, 7)


def test_wdtk_long_overdue_after_forty_working_days() -> None:
    limits = deadlines(request([event(1, "sent", D(2023, 1, 9))]))
    assert limits.very_overdue_after == add_working_days(D(2023, 1, 9), 40)


def test_schools_are_long_overdue_after_sixty_working_days() -> None:
    limits = deadlines(
        request([event(1, "sent", D(2023, 1, 9))], authority_tags=[("school", None)])
    )
    assert (limits.school, limits.very_overdue_after) == (True, add_working_days(D(2023, 1, 9), 60))


def test_eir_extension_is_forty_working_days() -> None:
    limits = deadlines(request([event(1, "sent", D(2023, 1, 9))], law_used="eir"))
    assert (limits.regime, limits.extended_due) == ("EIR", add_working_days(D(2023, 1, 9), 40))


def test_scottish_body_uses_the_scottish_calendar() -> None:
    limits = deadlines(
        request([event(1, "sent", D(2025, 3, 14))], authority_tags=[("scotland", None)])
    )
    assert (limits.regime, limits.calendar, limits.due) == ("FOISA", "scotland", D(2025, 4, 11))


def test_foisa_has_no_extension() -> None:
    limits = deadlines(
        request([event(1, "sent", D(2025, 3, 14))], authority_tags=[("scotland", None)])
    )
    assert limits.extended_due is None


def _answered(day: date, state: str = "successful") -> list:
    return [
        event(1, "sent", D(2023, 1, 9)),
        event(2, "response", day, calculated_state=state, incoming=21),
    ]


def test_reply_on_the_due_date_is_on_time() -> None:
    result = timeliness(request(_answered(D(2023, 2, 6))), as_of=D(2023, 3, 1))
    assert (result.status, result.working_days_taken) == ("on_time", 20)


def test_reply_the_day_after_is_late() -> None:
    result = timeliness(request(_answered(D(2023, 2, 7))), as_of=D(2023, 3, 1))
    assert (result.status, result.working_days_taken, result.within_extension) == ("late", 21, True)


def test_reply_after_forty_working_days_is_very_late() -> None:
    result = timeliness(request(_answered(D(2023, 3, 7))), as_of=D(2023, 4, 1))
    assert result.status == "very_late"


def test_unanswered_before_due_is_pending() -> None:
    result = timeliness(request([event(1, "sent", D(2023, 1, 9))]), as_of=D(2023, 2, 6))
    assert (result.status, result.very_overdue) == ("pending", False)


def test_unanswered_after_due_is_overdue() -> None:
    result = timeliness(request([event(1, "sent", D(2023, 1, 9))]), as_of=D(2023, 2, 7))
    assert (result.status, result.very_overdue) == ("overdue", False)


def test_unanswered_past_forty_days_is_very_overdue() -> None:
    result = timeliness(request([event(1, "sent", D(2023, 1, 9))]), as_of=D(2023, 3, 7))
    assert (result.status, result.very_overdue) == ("overdue", True)


def test_acknowledgement_is_not_the_substantive_reply() -> None:
    ack = analyse_letter(
        "Dear Sir,\n\nWe acknowledge receipt of your request and will respond within 20 working days."
    )
    refusal = analyse_letter("Dear Sir,\n\nWe do not hold the information you requested.")
    events = [
        event(1, "sent", D(2023, 1, 9)),
        event(2, "response", D(2023, 1, 10), incoming=21),
        event(3, "response", D(2023, 2, 8), incoming=22),
    ]
    result = timeliness(request(events), as_of=D(2023, 3, 1), analyses={21: ack, 22: refusal})
    assert (result.response_event_id, result.status) == (3, "late")


# Property tests of the working-day calculator.
days = st.dates(min_value=D(2005, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=1, max_value=80)
calendars = st.sampled_from(["uk", "scotland"])


@settings(max_examples=300, deadline=None)
@given(days, counts, calendars)
def test_due_date_is_always_a_working_day(start: date, n: int, calendar: Calendar) -> None:
    assert is_working_day(add_working_days(start, n, calendar), calendar)


@settings(max_examples=300, deadline=None)
@given(days, days, counts, calendars)
def test_due_date_is_monotone_in_the_start(a: date, b: date, n: int, calendar: Calendar) -> None:
    early, late = sorted((a, b))
    assert add_working_days(early, n, calendar) <= add_working_days(late, n, calendar)


@settings(max_examples=300, deadline=None)
@given(days, counts, calendars)
def test_one_more_day_is_strictly_later(start: date, n: int, calendar: Calendar) -> None:
    assert add_working_days(start, n + 1, calendar) > add_working_days(start, n, calendar)


@settings(max_examples=300, deadline=None)
@given(days, counts, calendars)
def test_counting_back_gives_n(start: date, n: int, calendar: Calendar) -> None:
    due = add_working_days(start, n, calendar)
    assert working_days_between(start, due, calendar) == n


@settings(max_examples=300, deadline=None)
@given(days, counts)
def test_uk_calendar_is_never_earlier_than_scotland(start: date, n: int) -> None:
    assert add_working_days(start, n, "uk") >= add_working_days(start, n, "scotland")


@settings(max_examples=300, deadline=None)
@given(days, counts, calendars)
def test_due_date_is_within_sensible_calendar_bounds(
    start: date, n: int, calendar: Calendar
) -> None:
    span = add_working_days(start, n, calendar) - start
    assert timedelta(days=n) <= span <= timedelta(days=2 * n + 12)


EIR_EXTENSION = analyse_letter(
    "Dear Ms Fraser,\n\nBecause of the complexity and volume of the information, we are extending "
    "the time for our response to 40 working days, as permitted by regulation 7(1)."
)
EIR_ANSWER = analyse_letter(
    "Dear Ms Fraser,\n\nPlease find attached the monitoring data you asked for."
)


def _eir_thread(answer_day: date) -> list:
    return [
        event(1, "sent", D(2023, 1, 9)),
        event(2, "response", D(2023, 1, 30), incoming=21),
        event(3, "response", answer_day, incoming=22),
    ]


def test_eir_reply_within_a_claimed_extension_is_on_time() -> None:
    result = timeliness(
        request(_eir_thread(D(2023, 2, 20)), law_used="eir"),
        as_of=D(2023, 3, 1),
        analyses={21: EIR_EXTENSION, 22: EIR_ANSWER},
    )
    assert (result.status, result.extended, result.within_extension) == ("on_time", True, True)


def test_eir_reply_after_day_20_without_an_extension_is_late() -> None:
    result = timeliness(
        request(_eir_thread(D(2023, 2, 20)), law_used="eir"),
        as_of=D(2023, 3, 1),
        analyses={22: EIR_ANSWER},
    )
    assert (result.status, result.extended) == ("late", False)


def test_extension_letter_is_not_the_substantive_reply() -> None:
    assert EIR_EXTENSION.kind.value == "other"


def test_waiting_for_clarification_is_not_overdue() -> None:
    sent = [event(1, "sent", D(2023, 1, 9))]
    result = timeliness(request(sent, described_state="waiting_clarification"), D(2023, 3, 7))
    assert (result.status, result.very_overdue) == ("pending", False)


def test_a_request_closed_without_a_reply_is_no_response_not_overdue() -> None:
    sent = [event(1, "sent", D(2023, 1, 9))]
    for state in ("user_withdrawn", "gone_postal", "error_message"):
        result = timeliness(request(sent, described_state=state), D(2023, 3, 7))
        assert (state, result.status, result.very_overdue) == (state, "no_response", False)
