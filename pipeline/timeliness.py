"""Request-level deadlines and timeliness, pure functions over ``RequestRecord`` events and
the per-message letter analyses.

The clock (wdtk-site.md §3.3, Alaveteli ``calculate_last_event_forming_initial_request``):
day 0 is the date of the last event that forms the initial request: the first ``sent``,
replaced by any ``resent``, by a ``send_error`` of the initial message, or by the **first
follow-up sent while the request is waiting for clarification** (a clarification restarts
the clock). The due date is the 20th working day after day 0 (``pipeline.workdays``). WDTK
shows a request as "Delayed" from the day after that, and "Long overdue" from the day after
the 40th working day (60th for bodies tagged ``school`` or ``academy_trust``).

Regimes: FOIA and EIR count bank holidays of any UK nation; FOISA only Scotland's
(``calendar="scotland"``). EIR allows 40 working days when the authority extends (reg 7);
the ICO accepts at most 40 in total for a FOIA public-interest extension (s10(3)).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pipeline.authority_tags import SCHOOL_TAGS, SCOTTISH_TAGS
from pipeline.letters.model import LetterAnalysis
from pipeline.records import EventRecord, RequestRecord
from pipeline.workdays import Calendar, add_working_days, working_days_between

LONDON = ZoneInfo("Europe/London")
SENT_TYPES = frozenset({"sent", "resent", "followup_sent", "followup_resent", "send_error"})
LATE_AFTER_DAYS = 20
VERY_LATE_AFTER_DAYS = 40
SCHOOL_VERY_LATE_AFTER_DAYS = 60
EXTENDED_DAYS = 40
# Labels a requester gives a substantive reply (one that decides the request).
DECIDED_STATES = frozenset({"successful", "partially_successful", "rejected", "not_held"})
SUBSTANTIVE_KINDS = frozenset({"response", "internal_review_response"})

# Overdue, the one definition (the summary, the overdue_now view and the exports count this):
# no substantive reply, past the legal due date, and the request still waiting for one, which
# is Alaveteli's own test (InfoRequest#calculate_status: only ``waiting_response`` can be
# overdue). A request waiting for the requester's clarification has its clock stopped
# (``pending``); one closed otherwise without a substantive reply (withdrawn, handled by post,
# delivery error, …) owes nothing now (``no_response``).
AWAITING_STATES = frozenset({"waiting_response"})
CLOCK_STOPPED_STATES = frozenset({"waiting_clarification"})

Regime = Literal["FOIA", "EIR", "FOISA"]
Status = Literal["on_time", "late", "very_late", "pending", "overdue", "no_response"]


class NoSentEventError(ValueError):
    """The request has no ``sent`` event, so its clock never started."""


def site_date(moment: datetime) -> date:
    """The calendar date WDTK's server (Europe/London) gives an event."""
    return moment.astimezone(LONDON).date() if moment.tzinfo else moment.date()


def clock_start_event(events: Iterable[EventRecord]) -> EventRecord | None:
    """The last event forming the initial request (Alaveteli's rule, quoted above)."""
    expecting_clarification = False
    last_sent: EventRecord | None = None
    initial_message: int | None = None
    for event in sorted(events, key=lambda e: (e.created_at, e.id)):
        if event.described_state == "waiting_clarification":
            expecting_clarification = True
        if event.event_type not in SENT_TYPES:
            continue
        if last_sent is None:
            last_sent, initial_message = event, event.outgoing_message_id
        elif event.event_type == "resent" or (
            event.event_type == "send_error" and event.outgoing_message_id == initial_message
        ):
            last_sent = event
        elif expecting_clarification and event.event_type == "followup_sent":
            last_sent, expecting_clarification = event, False
    return last_sent


def regime_of(request: RequestRecord, analyses: Mapping[int, LetterAnalysis] = {}) -> Regime:
    """FOISA for Scottish bodies (tag, or letters written under FOISA), EIR for ``law_used``
    eir or ``eir_only`` bodies, otherwise FOIA."""
    tags = {name for name, _ in request.tags}
    if request.authority:
        tags |= {name for name, _ in request.authority.tags}
    regimes = [a.regime.value for a in analyses.values()]
    if tags & SCOTTISH_TAGS or (regimes and regimes.count("FOISA") * 2 > len(regimes)):
        return "FOISA"
    if request.law_used == "eir" or "eir_only" in tags:
        return "EIR"
    return "FOIA"


def is_school(request: RequestRecord) -> bool:
    tags = {name for name, _ in request.authority.tags} if request.authority else set()
    return bool(tags & SCHOOL_TAGS)


@dataclass(frozen=True, slots=True)
class Deadlines:
    regime: Regime
    calendar: Calendar
    school: bool
    clock_start: date  # day 0
    clock_start_event_id: int
    due: date  # the 20th working day: late strictly after it
    very_overdue_after: date  # 40th (schools: 60th) working day
    extended_due: date | None  # 40th working day (EIR reg 7 / FOIA PIT); FOISA none

    @property
    def overdue_from(self) -> date:
        """First day WDTK shows the request as Delayed (overdue means strictly after due)."""
        return date.fromordinal(self.due.toordinal() + 1)

    @property
    def very_overdue_from(self) -> date:
        return date.fromordinal(self.very_overdue_after.toordinal() + 1)


def deadlines(request: RequestRecord, analyses: Mapping[int, LetterAnalysis] = {}) -> Deadlines:
    start = clock_start_event(request.events)
    if start is None:
        raise NoSentEventError(f"request {request.id} ({request.url_title}) has no sent event")
    regime = regime_of(request, analyses)
    calendar: Calendar = "scotland" if regime == "FOISA" else "uk"
    school = is_school(request)
    day0 = site_date(start.created_at)
    very = SCHOOL_VERY_LATE_AFTER_DAYS if school else VERY_LATE_AFTER_DAYS
    return Deadlines(
        regime=regime,
        calendar=calendar,
        school=school,
        clock_start=day0,
        clock_start_event_id=start.id,
        due=add_working_days(day0, LATE_AFTER_DAYS, calendar),
        very_overdue_after=add_working_days(day0, very, calendar),
        extended_due=None if regime == "FOISA" else add_working_days(day0, EXTENDED_DAYS, calendar),
    )


def first_substantive_response(
    request: RequestRecord, after: date, analyses: Mapping[int, LetterAnalysis] = {}
) -> EventRecord | None:
    """The first response on or after ``after`` that decides the request: its letter says so
    (kind response or review response) or, with no analysis, its requester label does."""
    for event in sorted(request.events, key=lambda e: (e.created_at, e.id)):
        if event.event_type != "response" or site_date(event.created_at) < after:
            continue
        analysis = analyses.get(event.incoming_message_id or -1)
        if analysis is not None:
            if analysis.kind.value in SUBSTANTIVE_KINDS:
                return event
        elif event.calculated_state in DECIDED_STATES:
            return event
    return None


def extension_claimed(
    request: RequestRecord, before: date | None, analyses: Mapping[int, LetterAnalysis]
) -> bool:
    """Whether a letter that arrived before ``before`` (or any, when None) takes the extension."""
    for event in request.events:
        analysis = analyses.get(event.incoming_message_id or -1)
        if event.event_type != "response" or analysis is None:
            continue
        if before is not None and site_date(event.created_at) > before:
            continue
        if analysis.extension_claimed.value:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Timeliness:
    deadlines: Deadlines
    responded_on: date | None
    response_event_id: int | None
    working_days_taken: int | None
    status: Status
    very_overdue: bool  # overdue and past WDTK's "Long overdue" date
    within_extension: bool | None  # after day 20 but by day 40 (EIR reg 7 / FOIA s10(3))
    extended: bool  # the authority took the extension, so day 40 is the legal limit


def unanswered_status(described_state: str | None, past_due: bool) -> Status:
    """The status of a request with no substantive reply yet (see AWAITING_STATES)."""
    state = described_state or "waiting_response"
    if state in AWAITING_STATES:
        return "overdue" if past_due else "pending"
    if state in CLOCK_STOPPED_STATES:
        return "pending"
    return "no_response"


def timeliness(
    request: RequestRecord,
    as_of: date,
    analyses: Mapping[int, LetterAnalysis] = {},
) -> Timeliness:
    """Was the first substantive reply on time? ``as_of`` is "today" for unanswered requests."""
    limits = deadlines(request, analyses)
    response = first_substantive_response(request, limits.clock_start, analyses)
    answered = site_date(response.created_at) if response else None
    extended = limits.extended_due is not None and extension_claimed(request, answered, analyses)
    legal_due = limits.extended_due if extended and limits.extended_due else limits.due
    if response is None or answered is None:
        status = unanswered_status(request.described_state, as_of > legal_due)
        very = status == "overdue" and as_of > limits.very_overdue_after
        return Timeliness(limits, None, None, None, status, very, None, extended)
    taken = working_days_between(limits.clock_start, answered, limits.calendar)
    if answered <= legal_due:
        status = "on_time"
    elif answered <= limits.very_overdue_after:
        status = "late"
    else:
        status = "very_late"
    within = None
    if answered > limits.due and limits.extended_due is not None:
        within = answered <= limits.extended_due
    return Timeliness(limits, answered, response.id, taken, status, False, within, extended)
