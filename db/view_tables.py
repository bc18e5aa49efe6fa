"""The views' columns, typed and described, for reading them and for the data dictionary.

A separate MetaData from the models, so Alembic's autogenerate never mistakes a view for a table.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, Float, Integer, MetaData, Table, Text

from db.base import UTCDateTime
from db.views import MIN_COUNT

view_metadata = MetaData()
_RATE = f"null below {MIN_COUNT}"


def _view(name: str, comment: str, *columns: Column[Any]) -> Table:
    return Table(name, view_metadata, *columns, comment=comment, info={"view": True})


REQUEST_SUMMARY = _view(
    "request_summary",
    "One row per public request: authority, the site's state, the outcome we read from the "
    "letters, timeliness and the latest internal review.",
    Column("request_id", BigInteger, primary_key=True, comment="The site's request id."),
    Column("url_title", Text, comment="Current slug, as in /request/<url_title>."),
    Column("title", Text, comment="Request title."),
    Column("authority_id", BigInteger, comment="The authority the request was sent to."),
    Column("authority_name", Text, comment="The authority's name."),
    Column("authority_url_name", Text, comment="The authority's slug, as in /body/<url_name>."),
    Column("law_used", Text, comment="foi or eir, as the site records it."),
    Column("regime", Text, comment="FOIA, EIR or FOISA: the law that governs the deadline."),
    Column("created_at", UTCDateTime, comment="When the request was made (UTC)."),
    Column("year", Integer, comment="Year the request was made (UTC)."),
    Column("described_state", Text, comment="State the requester last chose (Alaveteli)."),
    Column("status", Text, comment="Calculated status, incl. the overdue states."),
    Column(
        "outcome",
        Text,
        comment="Outcome we read from the letters (request_analyses.outcome: after an internal "
        "review, the outcome after review).",
    ),
    Column("outcome_confidence", Float, comment="Confidence in outcome, 0 to 1."),
    Column("disagrees", Boolean, comment="Our outcome contradicts the requester's state."),
    Column("due_date", Date, comment="Legal due date (20 working days from clock start)."),
    Column("first_response_at", UTCDateTime, comment="First substantive response (UTC)."),
    Column(
        "working_days_taken", Integer, comment="Working days to the first substantive response."
    ),
    Column(
        "timeliness",
        Text,
        comment="on_time, late, very_late, pending, overdue or no_response "
        "(request_analyses.timeliness).",
    ),
    Column("review_count", Integer, comment="Internal reviews asked for on the request."),
    Column(
        "review_requested_at", UTCDateTime, comment="When the latest review was asked for (UTC)."
    ),
    Column(
        "review_outcome",
        Text,
        comment="Latest review's verdict: upheld, partly_upheld, overturned.",
    ),
)

AUTHORITY_STATS = _view(
    "authority_stats",
    f"Per authority: requests, response, on-time, success and review-overturn rates (rates are "
    f"shares from 0 to 1, {_RATE} in their denominator), and the exemptions cited most.",
    Column("authority_id", BigInteger, primary_key=True, comment="The authority."),
    Column("authority_name", Text, comment="The authority's name."),
    Column("authority_url_name", Text, comment="The authority's slug."),
    Column("requests", Integer, comment="Public requests to the authority."),
    Column("responded", Integer, comment="Requests with a substantive response."),
    Column("response_rate", Float, comment=f"responded / requests; {_RATE} requests."),
    Column(
        "timed",
        Integer,
        comment="Requests answered, so on time or late (on_time, late, very_late).",
    ),
    Column("on_time", Integer, comment="Requests answered within the legal deadline."),
    Column("on_time_rate", Float, comment=f"on_time / timed; {_RATE} timed requests."),
    Column("decided", Integer, comment="Requests whose outcome we could read from the letters."),
    Column(
        "successful",
        Integer,
        comment="Requests granted in full or in part (granted_in_full, partly_withheld).",
    ),
    Column("success_rate", Float, comment=f"successful / decided; {_RATE} decided requests."),
    Column(
        "mean_working_days", Float, comment="Mean working days to the first substantive response."
    ),
    Column("reviews_decided", Integer, comment="Internal reviews with a known outcome."),
    Column(
        "reviews_overturned",
        Integer,
        comment="Reviews that changed the decision (overturned or partly upheld).",
    ),
    Column(
        "overturn_rate", Float, comment=f"reviews_overturned / reviews_decided; {_RATE} reviews."
    ),
    Column(
        "top_exemptions",
        Text,
        comment="Up to three provisions relied on most, with request counts: 'FOIA s40(2) (12); FOIA s12 (5)'.",
    ),
)

REVIEW_OUTCOMES = _view(
    "review_outcomes",
    "One row per internal review of a public request: when it was asked for and answered, "
    "whether on time, the outcome of the response it reviewed, the review's verdict and the "
    "outcome after it.",
    Column("request_id", BigInteger, primary_key=True, comment="The request."),
    Column(
        "seq",
        Integer,
        primary_key=True,
        comment="1 for the first review on the request, 2 for a second, …",
    ),
    Column("authority_id", BigInteger, comment="The authority reviewing its decision."),
    Column("authority_name", Text, comment="The authority's name."),
    Column("year", Integer, comment="Year the review was asked for (UTC)."),
    Column("requested_at", UTCDateTime, comment="When the review was asked for (UTC)."),
    Column("due_date", Date, comment="20 working days after the review was asked for."),
    Column("answered_at", UTCDateTime, comment="When the review response arrived (UTC)."),
    Column("working_days_taken", Integer, comment="Working days from asking to answer."),
    Column(
        "answered_on_time",
        Boolean,
        comment="Answered by due_date (UTC date); null while unanswered.",
    ),
    Column(
        "outcome",
        Text,
        comment="The review's verdict on the original decision: upheld, partly_upheld or "
        "overturned; null while unanswered or unclear.",
    ),
    Column("outcome_confidence", Float, comment="Confidence in outcome, 0 to 1."),
    Column(
        "original_outcome",
        Text,
        comment="Outcome of the response that was reviewed (the last letter before the request "
        "for review that decided the request), as we read it; null when none did.",
    ),
    Column(
        "original_refused",
        Boolean,
        comment="The response reviewed refused some or all of the information: withheld_in_full, "
        "partly_withheld, cost_limit, vexatious, neither_confirm_nor_deny or "
        "subject_access_redirect (null when original_outcome is).",
    ),
    Column(
        "outcome_after_review",
        Text,
        comment="The request's outcome once the review was answered: the review letter's own, or "
        "original_outcome when the review upheld it; null while unanswered or unknown.",
    ),
)

EXEMPTION_USE = _view(
    "exemption_use",
    "Provisions relied on (procedural sections left out) by authority and year of request.",
    Column("authority_id", BigInteger, comment="The authority."),
    Column("authority_name", Text, comment="The authority's name."),
    Column("year", Integer, comment="Year the request was made (UTC)."),
    Column("regime", Text, comment="FOIA, EIR, FOISA or EISR."),
    Column("citation", Text, comment="Normalised citation, e.g. 'FOIA s40(2)'."),
    Column(
        "provision_kind",
        Text,
        comment="absolute or qualified (null when not in the provisions table).",
    ),
    Column("requests", Integer, comment="Requests whose letters relied on the provision."),
    Column("letters", Integer, comment="Letters (message bodies or attachments) relying on it."),
)

OVERDUE_NOW = _view(
    "overdue_now",
    "Responses and internal reviews past their due date and still unanswered, as of today (UTC) "
    "when the view is read: for responses the rule of request_analyses.timeliness = 'overdue' "
    "(still waiting_response, no substantive reply), which is judged on the analysis date.",
    Column("kind", Text, comment="response (the first answer) or internal_review."),
    Column("request_id", BigInteger, comment="The request."),
    Column("review_seq", Integer, comment="For internal reviews, which review (1, 2, …)."),
    Column("url_title", Text, comment="Current slug, as in /request/<url_title>."),
    Column("title", Text, comment="Request title."),
    Column("authority_id", BigInteger, comment="The authority that owes the answer."),
    Column("authority_name", Text, comment="The authority's name."),
    Column("due_date", Date, comment="When the answer was due."),
    Column(
        "long_overdue_date",
        Date,
        comment="After this the site calls it long overdue (40 working days; 60 for schools; reviews: 40).",
    ),
    Column("days_overdue", Integer, comment="Calendar days since due_date."),
    Column("long_overdue", Boolean, comment="Past long_overdue_date."),
)

VIEW_TABLES: tuple[Table, ...] = (
    REQUEST_SUMMARY,
    AUTHORITY_STATS,
    REVIEW_OUTCOMES,
    EXEMPTION_USE,
    OVERDUE_NOW,
)
