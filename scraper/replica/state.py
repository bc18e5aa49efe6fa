"""Alaveteli's state rules applied to an event list at a clock value.

* ``described_state``: the last classification (status_update, or a follow-up that sets a
  state: internal review, clarification, withdrawal); ``waiting_response`` before any.
* ``awaiting_description``: a response arrived after the last classification.
* The calculated status adds ``waiting_classification`` and, for ``waiting_response``,
  overdue / very overdue from the due dates (20 and 40 working days, 60 for schools; Scottish
  bodies count Scottish holidays only). Overdue means strictly after the due date.
* The due-date clock starts at the initial send, and restarts at a resend or at the first
  clarification sent while the request was ``waiting_clarification``.
* ``overdue`` / ``very_overdue`` events are logged at 00:00 on the day after the due date, as
  WDTK's nightly job does, when the request is still waiting then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from pipeline.workdays import Calendar, add_working_days
from scraper.replica.history import EVENT_SLOTS, london_date, london_midnight
from scraper.replica.model import Event
from scraper.replica.names import Authority

STATEFUL_TYPES = frozenset(
    {
        "sent",
        "resent",
        "followup_sent",
        "followup_resent",
        "response",
        "status_update",
        "report_request",
    }
)


@dataclass(slots=True)
class Derived:
    events: list[Event]
    described_state: str
    awaiting_description: bool
    status: str
    due_date: date | None
    very_overdue_date: date | None


def _due_dates(start: date, authority: Authority) -> tuple[date, date]:
    calendar: Calendar = "scotland" if authority.scottish else "uk"
    late = add_working_days(start, 20, calendar)
    very_late = add_working_days(start, 60 if authority.is_school else 40, calendar)
    return late, very_late


def derive(request_id: int, events: list[Event], clock: datetime, authority: Authority) -> Derived:
    visible = sorted((e for e in events if e.at <= clock), key=lambda e: (e.at, e.id))
    described, awaiting = "waiting_response", False
    start: date | None = None
    extra: list[Event] = []
    logged: set[str] = set()

    def log_overdue(until: datetime) -> None:
        # While the request sits in plain waiting_response, the nightly job may fire.
        if described != "waiting_response" or awaiting or start is None:
            return
        for n, (kind, due) in enumerate(
            zip(("overdue", "very_overdue"), _due_dates(start, authority), strict=True)
        ):
            moment = london_midnight(date.fromordinal(due.toordinal() + 1))
            if kind not in logged and moment <= until and moment > segment_start:
                logged.add(kind)
                extra.append(
                    Event(id=request_id * EVENT_SLOTS + EVENT_SLOTS - 2 + n, type=kind, at=moment)
                )

    segment_start = visible[0].at if visible else clock
    for event in visible:
        log_overdue(event.at)
        segment_start = event.at
        if (
            (event.type == "sent" and start is None)
            or event.type == "resent"
            or (event.type == "send_error" and start is None)
        ):
            start = london_date(event.at)
        if event.type == "response":
            awaiting = True
        if event.sets_state is not None:
            if (
                event.sets_state == "waiting_response"
                and described == "waiting_clarification"
                and event.type == "followup_sent"
            ):
                start = london_date(event.at)
            described, awaiting = event.sets_state, False
    log_overdue(clock)

    # calculated_state: the classification that closed each stretch of events.
    out: list[Event] = []
    pending: list[Event] = []
    for event in visible:
        copy = replace(event, described_state=None, calculated_state=None)
        out.append(copy)
        if copy.type in STATEFUL_TYPES:
            pending.append(copy)
        if event.sets_state is not None:
            copy.described_state = event.sets_state
            for earlier in pending:
                earlier.calculated_state = event.sets_state
            pending = []
    for earlier in pending:
        if earlier.type == "sent":
            earlier.calculated_state = "waiting_response"
    out.extend(extra)
    out.sort(key=lambda e: (e.at, e.id))

    due = very = None
    status = described
    if start is not None:
        due, very = _due_dates(start, authority)
    if awaiting:
        status = "waiting_classification"
    elif described == "waiting_response" and due is not None and very is not None:
        today = london_date(clock)
        if today > very:
            status = "waiting_response_very_overdue"
        elif today > due:
            status = "waiting_response_overdue"
    return Derived(out, described, awaiting, status, due, very)
