"""What the letters say: per-letter analyses, provisions cited, internal reviews, timeliness."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, JSONType, UTCDateTime, utcnow


class LetterAnalysis(Base):
    __tablename__ = "letter_analyses"
    __table_args__ = (
        Index("ix_letter_analyses_outcome", "outcome"),
        {"comment": "One row per letter read: a message body (part 0) or an attachment's text."},
    )

    message_kind: Mapped[str] = mapped_column(
        String(10), primary_key=True, comment="Kind of the message the letter belongs to."
    )
    message_id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="The message the letter belongs to.",
    )
    part: Mapped[int] = mapped_column(
        Integer,
        primary_key=True,
        autoincrement=False,
        comment="0 for the message body, else the attachment's MIME part.",
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True, comment="The request."
    )
    kind: Mapped[str] = mapped_column(
        String(32),
        comment="acknowledgement, clarification_request, response, internal_review_response or other.",
    )
    kind_confidence: Mapped[float] = mapped_column(Float, comment="Confidence in kind, 0 to 1.")
    letter_date: Mapped[date | None] = mapped_column(Date, comment="Date the letter bears.")
    wdtk_request_id: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Request id found in a request-<id>-<hash>@ address or [FOI #<id> email] mask.",
    )
    references: Mapped[list[Any]] = mapped_column(
        JSONType,
        default=list,
        comment="Reference numbers found, as [{'role': 'ours'|'yours'|'case', 'value': …}].",
    )
    outcome: Mapped[str | None] = mapped_column(
        String(32),
        comment="granted_in_full, partly_withheld, withheld_in_full, not_held, advice_and_assistance, cost_limit, vexatious, neither_confirm_nor_deny, subject_access_redirect; null when the letter decides nothing.",
    )
    outcome_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in outcome, 0 to 1."
    )
    information_held: Mapped[bool | None] = mapped_column(
        Boolean, comment="Whether the letter says the information is held (null: it does not say)."
    )
    public_interest_test: Mapped[bool | None] = mapped_column(
        Boolean, comment="Whether a public interest test was applied."
    )
    review_outcome: Mapped[str | None] = mapped_column(
        String(16),
        comment="For review responses: upheld, partly_upheld or overturned (the original decision's fate).",
    )
    review_outcome_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in review_outcome, 0 to 1."
    )
    ico_signposted: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        comment="The letter tells the requester about the Information Commissioner.",
    )
    sic_signposted: Mapped[bool] = mapped_column(
        Boolean,
        default=False,
        comment="The letter tells the requester about the Scottish Information Commissioner.",
    )
    regulator_refs: Mapped[list[Any]] = mapped_column(
        JSONType,
        default=list,
        comment="ICO / SIC / tribunal case references (FS50…, FER0…, IC-…, EA/…).",
    )
    dates_mentioned: Mapped[dict[str, Any]] = mapped_column(
        JSONType,
        default=dict,
        comment="Dates the letter mentions by role, e.g. {'request_received': '2019-01-10'}.",
    )
    evidence: Mapped[dict[str, Any]] = mapped_column(
        JSONType,
        default=dict,
        comment="Per inferred field, the text span it came from: {field: {start, end, text}}.",
    )
    text_sha256: Mapped[str | None] = mapped_column(
        String(64), comment="SHA-256 of the text analysed, to skip unchanged letters."
    )
    analyser_version: Mapped[str] = mapped_column(
        String(32), comment="Version of the letter analyser."
    )
    analysed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the letter was analysed (UTC)."
    )


class ProvisionCitation(Base):
    __tablename__ = "provision_citations"
    __table_args__ = (
        Index("ix_provision_citations_citation", "citation"),
        # A letter's citations in the order it names them (the exports' provision lists).
        Index("ix_provision_citations_letter", "message_kind", "message_id", "part", "position"),
        {
            "comment": "Every FOIA/EIR/FOISA/EISR provision a letter names, normalised (e.g. "
            "'FOIA s40(2)'): one row per distinct citation, with its role (relied on or "
            "mentioned)."
        },
    )

    message_kind: Mapped[str] = mapped_column(
        String(10), primary_key=True, comment="Kind of the message the letter belongs to."
    )
    message_id: Mapped[int] = mapped_column(
        BigInteger,
        primary_key=True,
        autoincrement=False,
        comment="The message the letter belongs to.",
    )
    part: Mapped[int] = mapped_column(
        Integer,
        primary_key=True,
        autoincrement=False,
        comment="0 for the message body, else the attachment's MIME part.",
    )
    citation: Mapped[str] = mapped_column(
        String(64),
        primary_key=True,
        comment="Normalised citation: 'FOIA s40(2)', 'EIR reg12(5)(e)', 'FOISA s38(1)(b)', "
        "'EISR reg10(4)(b)'.",
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True, comment="The request."
    )
    regime: Mapped[str] = mapped_column(String(8), comment="FOIA, EIR, FOISA or EISR.")
    provision: Mapped[str] = mapped_column(
        String(48), comment="The provision within the regime, e.g. 's40(2)'."
    )
    provision_kind: Mapped[str | None] = mapped_column(
        String(16), comment="absolute, qualified or procedural (from the provisions table)."
    )
    role: Mapped[str] = mapped_column(
        String(16),
        comment="relied_on: the letter relies on the provision (an exemption or exception applied, "
        "the cost limit, a refusal as vexatious, …); mentioned: it is only named, e.g. in a rights "
        "block, a quotation of the Act or in passing.",
    )
    position: Mapped[int] = mapped_column(
        Integer,
        comment="Order of first mention among the provisions the letter names: 1 for the first, "
        "2 for the next, …",
    )
    evidence_start: Mapped[int | None] = mapped_column(
        Integer,
        comment="Character offset where the citation starts in the letter text (the relied-on "
        "mention when role is relied_on, else the first mention).",
    )
    evidence_end: Mapped[int | None] = mapped_column(
        Integer, comment="Character offset where the citation ends."
    )
    evidence_text: Mapped[str | None] = mapped_column(Text, comment="The cited words as written.")


class InternalReview(Base):
    __tablename__ = "internal_reviews"
    __table_args__ = {
        "comment": "Internal reviews: asked for, due, answered; the response reviewed and its "
        "outcome, the review's verdict and the outcome after it."
    }

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, comment="The request."
    )
    seq: Mapped[int] = mapped_column(
        Integer,
        primary_key=True,
        autoincrement=False,
        comment="1 for the first review on the request, 2 for a second, …",
    )
    requested_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the follow-up asking for the review was sent (UTC)."
    )
    request_message_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Outgoing message that asked for the review."
    )
    due_date: Mapped[date | None] = mapped_column(
        Date, comment="20 working days after the request for review."
    )
    latest_due_date: Mapped[date | None] = mapped_column(
        Date, comment="40 working days after: the most the ICO accepts (statutory for EIR)."
    )
    answered_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="When the review response arrived (UTC)."
    )
    answer_message_id: Mapped[int | None] = mapped_column(
        BigInteger, comment="Incoming message carrying the review response."
    )
    answer_part: Mapped[int | None] = mapped_column(
        Integer, comment="0 when the answer is the message body, else the attachment part."
    )
    original_message_id: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Incoming message carrying the response that was reviewed: the last letter before "
        "the request for review that decided the request (an earlier review's answer, for a "
        "second review); when none had, the last response before it, its outcome unread; null "
        "when there was none.",
    )
    original_part: Mapped[int | None] = mapped_column(
        Integer, comment="0 when that response is the message body, else the attachment part."
    )
    original_outcome: Mapped[str | None] = mapped_column(
        String(32),
        comment="Outcome of the response that was reviewed (letter_analyses.outcome values); null "
        "when no letter before the review decided the request.",
    )
    original_outcome_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in original_outcome, 0 to 1."
    )
    outcome: Mapped[str | None] = mapped_column(
        String(16),
        comment="The review's verdict on the original decision: upheld, partly_upheld or "
        "overturned; null while unanswered or unclear.",
    )
    outcome_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in outcome, 0 to 1."
    )
    outcome_after_review: Mapped[str | None] = mapped_column(
        String(32),
        comment="The request's outcome once the review was answered: the review letter's own "
        "outcome, or the original outcome when the review upheld it; null while unanswered, or "
        "when the review changed the decision and its letter does not say to what.",
    )
    outcome_after_review_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in outcome_after_review, 0 to 1."
    )
    working_days_taken: Mapped[int | None] = mapped_column(
        Integer, comment="Working days from request for review to answer."
    )
    analyser_version: Mapped[str] = mapped_column(
        String(32), comment="Version of the analysis that produced this row."
    )


class RequestAnalysis(Base):
    __tablename__ = "request_analyses"
    __table_args__ = (
        Index("ix_request_analyses_timeliness", "timeliness"),
        {
            "comment": "Request-level facts: legal deadlines, timeliness and the outcome we infer from the letters."
        },
    )

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, comment="The request."
    )
    regime: Mapped[str | None] = mapped_column(
        String(8), comment="FOIA, EIR or FOISA: the law that governs the deadline."
    )
    deadline_rule: Mapped[str | None] = mapped_column(
        String(16), comment="foia, eir, foisa or school: which deadline rule applied."
    )
    clock_start_date: Mapped[date | None] = mapped_column(
        Date, comment="Day 0 of the clock: last sending of the request, or clarification."
    )
    due_date: Mapped[date | None] = mapped_column(Date, comment="Legal due date (20 working days).")
    very_overdue_date: Mapped[date | None] = mapped_column(
        Date,
        comment="Date after which the site calls it long overdue (40 working days; 60 for schools).",
    )
    first_response_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, comment="First substantive response (not an acknowledgement) (UTC)."
    )
    working_days_taken: Mapped[int | None] = mapped_column(
        Integer, comment="Working days from clock start to first substantive response."
    )
    timeliness: Mapped[str | None] = mapped_column(
        String(16),
        comment="on_time, late, very_late (answered); pending (not yet due, or the clock stopped "
        "for clarification); overdue (past due, no substantive reply, still waiting_response); "
        "no_response (closed without a substantive reply: withdrawn, by post, …).",
    )
    outcome: Mapped[str | None] = mapped_column(
        String(32),
        comment="Outcome we infer from the letters (letter_analyses.outcome values): the latest "
        "deciding letter's, where an internal review decides by internal_reviews."
        "outcome_after_review; null when none decided, or a review changed the decision to an "
        "outcome its letter does not say.",
    )
    outcome_confidence: Mapped[float | None] = mapped_column(
        Float, comment="Confidence in outcome, 0 to 1."
    )
    outcome_message_id: Mapped[int | None] = mapped_column(
        BigInteger,
        comment="Incoming message whose letter decided the outcome (an internal review's answer "
        "when the review decided it, upheld decisions included).",
    )
    outcome_part: Mapped[int | None] = mapped_column(
        Integer, comment="0 when that letter is the message body, else the attachment part."
    )
    requester_state: Mapped[str | None] = mapped_column(
        String(40), comment="The requester's own classification (described_state) at analysis time."
    )
    disagrees: Mapped[bool | None] = mapped_column(
        Boolean, comment="True when our outcome contradicts the requester's classification."
    )
    analyser_version: Mapped[str] = mapped_column(
        String(32), comment="Version of the analysis that produced this row."
    )
    analysed_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, comment="When the request was analysed (UTC)."
    )
