"""Event histories: how each request got to its state, one Alaveteli event at a time.

A history is drawn from a scenario (the state the requester ends up choosing) and written as
the events WDTK records: ``sent``, ``response``, ``status_update`` (a classification),
``followup_sent`` (clarifications, internal-review requests, thanks), ``comment``, admin
``hide``/``edit`` events, ``send_error``/``resent`` cycles and embargo events. Classification
points carry ``sets_state``; the corpus derives described/calculated states from them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scraper.replica import bodies
from scraper.replica.carry import carry
from scraper.replica.letters import OUTCOME_STATE, LetterLabels, letter_regime, write_letter
from scraper.replica.letters import letter_rng as new_letter_rng
from scraper.replica.model import Attachment, Event, Message
from scraper.replica.names import Authority, User, user

LONDON = ZoneInfo("Europe/London")
EVENT_SLOTS = 64  # event ids are request_id * 64 + n
IN_SLOTS = 32
OUT_SLOTS = 16
COMMENT_SLOTS = 16
# Scenario weights out of 100: the state the requester eventually picks.
SCENARIOS: tuple[tuple[str, int], ...] = (
    ("successful", 17), ("partially_successful", 12), ("not_held", 8), ("rejected", 10),
    ("waiting_response", 12), ("waiting_classification", 8), ("waiting_clarification", 4),
    ("internal_review", 5), ("gone_postal", 3), ("error_message", 3), ("requires_admin", 3),
    ("user_withdrawn", 4), ("attention_requested", 3), ("vexatious", 4), ("not_foi", 4),
)  # fmt: skip
WEIGHTED: tuple[str, ...] = tuple(name for name, weight in SCENARIOS for _ in range(weight))
REJECTIONS = (
    "withheld_in_full",
    "cost_limit",
    "vexatious",
    "neither_confirm_nor_deny",
    "subject_access_redirect",
)


def scenario_for(seed: int, index: int) -> str:
    # A stride coprime with 100: every 100 consecutive requests meet every scenario.
    return WEIGHTED[(index * 37 + seed) % len(WEIGHTED)]


def london_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=LONDON).astimezone(UTC)


@dataclass(slots=True)
class Context:
    seed: int
    request_id: int
    title: str
    authority: Authority
    user: User
    regime: str
    n_users: int = 20  # annotations may come from any user of the corpus


class HistoryBuilder:
    """Appends events with request-scoped ids; used for base histories and for churn."""

    def __init__(self, ctx: Context, rng: random.Random, events: list[Event] | None = None):
        self.ctx, self.rng = ctx, rng
        self.events: list[Event] = events if events is not None else []
        self.n_events = len(self.events)
        kinds = [
            e.message.kind
            for e in self.events
            if e.message and e.type not in ("resent", "followup_resent", "send_error")
        ]
        self.n_in = kinds.count("incoming")
        self.n_out = kinds.count("outgoing")
        self.n_comments = kinds.count("annotation")
        self.request_text = next(
            (e.message.body for e in self.events if e.type == "sent" and e.message), ""
        )

    @property
    def full(self) -> bool:
        return (
            self.n_events >= EVENT_SLOTS - 6 or self.n_in >= IN_SLOTS - 1
            or self.n_out >= OUT_SLOTS - 1 or self.n_comments >= COMMENT_SLOTS - 1
        )  # fmt: skip

    def _event(
        self,
        type_: str,
        at: datetime,
        message: Message | None = None,
        sets_state: str | None = None,
    ) -> Event:
        event = Event(
            id=self.ctx.request_id * EVENT_SLOTS + self.n_events,
            type=type_, at=at, message=message, sets_state=sets_state,
        )  # fmt: skip
        self.n_events += 1
        self.events.append(event)
        return event

    def _earlier(self) -> dict[str, date]:
        """Dates a letter may refer back to: the last response and review request so far."""
        found: dict[str, date] = {}
        for e in self.events:
            if e.type == "response":
                found["responded"] = london_date(e.at)
            elif e.type == "followup_sent" and e.sets_state == "internal_review":
                found["review_requested"] = london_date(e.at)
        return found

    def _out_id(self) -> int:
        self.n_out += 1
        return self.ctx.request_id * OUT_SLOTS + self.n_out - 1

    def sent(self, at: datetime) -> Event:
        ctx = self.ctx
        self.request_text = bodies.request_body(
            self.rng, ctx.authority.name, ctx.title, ctx.user.name
        )
        message = Message(
            kind="outgoing", id=self._out_id(), author=ctx.user.name, body=self.request_text,
            delivery_status="delivered", message_type="initial_request",
        )  # fmt: skip
        return self._event("sent", at, message)

    def send_error_and_resend(self, at: datetime) -> None:
        first = next(e for e in self.events if e.type == "sent")
        assert first.message is not None
        first.message.delivery_status = "failed"
        self._event("send_error", at + timedelta(minutes=7), first.message)
        self._event("resent", at + timedelta(days=2, hours=3), first.message)
        first.message.delivery_status = "delivered"

    def followup(self, at: datetime, kind: str) -> Event:
        ctx = self.ctx
        body = bodies.followup_body(kind, ctx.authority.name, ctx.user.name, ctx.title)
        message = Message(
            kind="outgoing", id=self._out_id(), author=ctx.user.name, body=body,
            delivery_status=self.rng.choice(("delivered", "delivered", "sent")), message_type="followup",
        )  # fmt: skip
        state = {
            "internal_review": "internal_review",
            "clarification": "waiting_response",
            "withdraw": "user_withdrawn",
        }.get(kind)
        return self._event("followup_sent", at, message, sets_state=state)

    def classify(self, at: datetime, state: str) -> Event:
        return self._event("status_update", at, sets_state=state)

    def comment(self, at: datetime) -> Event:
        """An annotation: by the requester, or about half the time by another user."""
        who = self.ctx.user
        if self.rng.random() < 0.5:
            who = user(self.ctx.seed, self.rng.randrange(1, self.ctx.n_users))
        self.n_comments += 1
        message = Message(
            kind="annotation", id=self.ctx.request_id * COMMENT_SLOTS + self.n_comments - 1,
            author=who.name, author_url_name=who.url_name, body=self.rng.choice(bodies.ANNOTATIONS),
        )  # fmt: skip
        return self._event("comment", at, message)

    def admin(self, at: datetime, type_: str, sets_state: str | None = None) -> Event:
        return self._event(type_, at, sets_state=sets_state)

    def response(
        self, at: datetime, *, kind: str, outcome: str | None = None,
        review_outcome: str | None = None, plain: str | None = None,
        letter_override: tuple[str, LetterLabels, str] | None = None,
        original_outcome: str | None = None, stage: str | None = None,
    ) -> Event:  # fmt: skip
        """An incoming email carrying a letter (in its body or attached), or ``plain`` text."""
        ctx, rng = self.ctx, self.rng
        im_id = ctx.request_id * IN_SLOTS + self.n_in
        self.n_in += 1
        sent_at = at - timedelta(minutes=rng.randrange(1, 40), seconds=rng.randrange(60))
        specific = rng.random() < 0.8
        author = (
            rng.choice(
                ("Despatch Box", "FOI Team", "Information Governance", "Freedom of Information")
            )
            if specific
            else ctx.authority.name
        )
        message = Message(
            kind="incoming", id=im_id, author=author, body="",
            author_organisation=ctx.authority.name if rng.random() > 0.05 else None, sent_at=sent_at,
        )  # fmt: skip
        if rng.random() < 0.6 and self.request_text:
            sent_text = self.events[0].at.astimezone(LONDON).strftime("%d %B %Y %H:%M")
            message.quoted = bodies.quoted_original(self.request_text, ctx.request_id, sent_text)
        part = 2
        if plain is not None:
            message.body = plain
        elif letter_override is not None:
            text, labels, filename = letter_override
            message.body = bodies.cover_note(rng, ctx.request_id, True, ctx.user.name)
            message.attachments.append(
                Attachment(
                    part=part,
                    filename=filename,
                    file_kind="pdf",
                    text=text,
                    wdtk_id=im_id * 8 + part,
                    letter=labels,
                )
            )
        else:
            letter_rng = new_letter_rng(ctx.seed, im_id)  # wording never shifts the history
            letter = write_letter(
                letter_rng, kind=kind, regime=letter_regime(ctx.regime, ctx.authority.scottish), authority=ctx.authority.name,
                requester=ctx.user.name, subject=ctx.title, letter_date=london_date(sent_at),
                request_id=ctx.request_id, outcome=outcome, review_outcome=review_outcome,
                received=london_date(self.events[0].at) if self.events else None,
                request_text=self.request_text, original_outcome=original_outcome,
                earlier=self._earlier(), seed=ctx.seed, stage=stage,
            )  # fmt: skip
            carriage = carry(
                letter_rng, letter, request_id=ctx.request_id, requester=ctx.user.name,
                title=ctx.title, sent=sent_at, request_text=self.request_text, n=im_id % 100000,
            )  # fmt: skip
            message.body, message.letter = carriage.body, carriage.letter
            for planned in carriage.files:
                message.attachments.append(Attachment(
                    part=part, filename=planned.filename, file_kind=planned.file_kind,
                    text=planned.text, wdtk_id=im_id * 8 + part, letter=planned.labels,
                    layout=planned.layout,
                ))  # fmt: skip
                part += 1
            if outcome in ("granted_in_full", "partly_withheld") and rng.random() < 0.7:
                rows = bodies.data_rows(rng, ctx.title)
                file_kind = rng.choice(("xlsx", "csv"))
                part += rng.random() < 0.2  # MIME leaf numbers can have gaps
                message.attachments.append(
                    Attachment(part=part, filename=f"Data {im_id % 100000}.{file_kind}", file_kind=file_kind,
                               text=bodies.rows_text(rows), wdtk_id=im_id * 8 + part, rows=rows)
                )  # fmt: skip
        if rng.random() < 0.03:
            message.prominence = "hidden"
        elif message.attachments and rng.random() < 0.03:
            message.attachments[-1].hidden = True
        return self._event("response", at, message)


def _later(rng: random.Random, at: datetime, low_days: float, high_days: float) -> datetime:
    moment = at + timedelta(seconds=rng.randrange(int(low_days * 86400), int(high_days * 86400)))
    # Office hours look more like the real thing.
    local = moment.astimezone(LONDON)
    if local.hour < 8 or local.hour > 18:
        moment += timedelta(hours=(9 - local.hour) % 24)
    return moment


def _holding(b: HistoryBuilder, t: datetime) -> datetime:
    """A delay notice from the authority, read by the requester as still waiting."""
    b.response(t, kind="other")
    t = _later(b.rng, t, 0.05, 1)
    b.classify(t, "waiting_response")
    return t


def _review_receipt(b: HistoryBuilder, t: datetime) -> datetime:
    """Sometimes the authority acknowledges a request for internal review."""
    if b.rng.random() >= 0.3:
        return t
    t = _later(b.rng, t, 0.05, 3)
    b.response(t, kind="acknowledgement", stage="review")
    t = _later(b.rng, t, 0.05, 1)
    b.classify(t, "internal_review")
    return t


def build_history(b: HistoryBuilder, scenario: str, created: datetime) -> None:
    """Write the events of one scenario, starting with the request being sent at ``created``."""
    rng = b.rng
    b.sent(created)
    t = created
    if rng.random() < 0.04:
        b.send_error_and_resend(t)
        t += timedelta(days=2, hours=3)
    if rng.random() < 0.45:
        t = _later(rng, t, 0.05, 3)
        b.response(t, kind="acknowledgement")
        t = _later(rng, t, 0.05, 1.5)
        b.classify(t, "waiting_response")
    if scenario == "waiting_clarification" or rng.random() < 0.08:
        t = _later(rng, t, 3, 12)
        b.response(t, kind="clarification_request")
        t = _later(rng, t, 0.05, 2)
        b.classify(t, "waiting_clarification")
        if scenario == "waiting_clarification":
            return
        t = _later(rng, t, 1, 10)
        b.followup(t, "clarification")
    if scenario == "waiting_response":
        if rng.random() < 0.15:
            _holding(b, _later(rng, t, 20, 30))
        return
    if scenario == "error_message":
        t = _later(rng, t, 0.01, 0.1)
        b.response(
            t,
            kind="response",
            plain="Delivery has failed to these recipients or groups:\n\n[email address]\n\nThe recipient's mailbox is full and can't accept messages now.",
        )
        b.classify(_later(rng, t, 0.05, 2), "error_message")
        return
    if scenario == "user_withdrawn":
        b.followup(_later(rng, t, 2, 15), "withdraw")
        return
    if rng.random() < 0.06:
        t = _holding(b, _later(rng, t, 15, 25))
    t = _later(rng, t, 8, 45)
    review = (
        scenario in ("successful", "partially_successful", "rejected", "not_held")
        and rng.random() < 0.25
    )
    if scenario == "gone_postal":
        b.response(
            t,
            kind="response",
            plain="Thank you for your request. Because of the size of the documents we will send our response to you by post. Please send your postal address to [email address].",
        )
        b.classify(_later(rng, t, 0.1, 3), "gone_postal")
        return
    if scenario == "requires_admin":
        b.response(
            t,
            kind="response",
            plain="This mailbox is no longer monitored. Please redirect your request to [email address].",
        )
        b.classify(_later(rng, t, 0.1, 3), "requires_admin")
        return
    outcome = {
        "successful": "granted_in_full", "not_held": "not_held",
        "partially_successful": rng.choice(("partly_withheld", "advice_and_assistance")),
    }.get(scenario, rng.choice(REJECTIONS))  # fmt: skip
    if review and rng.random() < 0.15:
        # No answer came: the requester asks for a review of the failure to respond, and the
        # review gives the decision for the first time (it has no review outcome).
        b.followup(t, "internal_review")
        t = _review_receipt(b, t)
        t = _later(rng, t, 10, 40)
        b.response(t, kind="internal_review_response", outcome=outcome, review_outcome=None)
        t = _later(rng, t, 0.1, 5)
        b.classify(t, OUTCOME_STATE[outcome])
    elif review:
        first = {"not_held": "not_held", "rejected": rng.choice(("withheld_in_full", "partly_withheld", "cost_limit"))}.get(
            scenario, rng.choice(("withheld_in_full", "partly_withheld"))
        )  # fmt: skip
        b.response(t, kind="response", outcome=first)
        t = _later(rng, t, 0.1, 4)
        b.classify(t, OUTCOME_STATE[first])
        t = _later(rng, t, 2, 20)
        b.followup(t, "internal_review")
        t = _review_receipt(b, t)
        t = _later(rng, t, 10, 40)
        review_outcome = {"successful": "overturned", "partially_successful": "partly_upheld"}.get(
            scenario, "upheld"
        )
        final = {"overturned": "granted_in_full", "partly_upheld": "partly_withheld"}.get(
            review_outcome, first
        )
        b.response(t, kind="internal_review_response", outcome=final, review_outcome=review_outcome,
                   original_outcome=first)  # fmt: skip
        t = _later(rng, t, 0.1, 5)
        b.classify(t, OUTCOME_STATE[final])
    else:
        b.response(t, kind="response", outcome=outcome)
        if scenario == "waiting_classification":
            return
        t = _later(rng, t, 0.1, 5)
        keeps = ("successful", "partially_successful", "not_held", "rejected")
        state = scenario if scenario in keeps else OUTCOME_STATE[outcome]
        b.classify(t, state)
        if scenario == "internal_review":
            t = _later(rng, t, 2, 20)
            b.followup(t, "internal_review")
            _review_receipt(b, t)
            return
    if scenario == "attention_requested":
        t = _later(rng, t, 1, 20)
        b.admin(t, "report_request", sets_state="attention_requested")
    elif scenario in ("vexatious", "not_foi"):
        t = _later(rng, t, 1, 30)
        b.admin(t, "status_update", sets_state=scenario)
    if rng.random() < 0.15:
        b.followup(_later(rng, t, 0.1, 5), "thanks")
    if rng.random() < 0.15:
        for _ in range(rng.randint(1, 2)):
            t = _later(rng, t, 1, 60)
            b.comment(t)
