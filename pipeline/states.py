"""Alaveteli's request-state taxonomy, once (``app/models/info_request/state.rb``).

Everything else (replica, parsers, analysis, views, exports) derives from these tables.
"""

from __future__ import annotations

# described_state -> (display_status, short label). Order is Alaveteli's.
DESCRIBED_STATES: dict[str, tuple[str, str]] = {
    "waiting_response": ("Awaiting response", "Awaiting response"),
    "waiting_clarification": ("Waiting clarification", "Awaiting clarification"),
    "gone_postal": ("Handled by postal mail", "Handled by postal mail"),
    "not_held": ("Information not held", "Information not held"),
    "rejected": ("Refused", "Refused"),
    "successful": ("Successful", "Successful"),
    "partially_successful": ("Partially successful", "Partially successful"),
    "internal_review": ("Awaiting internal review", "Awaiting internal review"),
    "error_message": ("Delivery error", "Delivery error"),
    "requires_admin": ("Unusual response", "Requires admin attention"),
    "user_withdrawn": ("Withdrawn by the requester", "Withdrawn"),
    "attention_requested": ("Reported for administrator attention", "Reported"),
    "vexatious": ("Considered by administrators as vexatious", "Vexatious"),
    "not_foi": ("Considered by administrators as not an FOI request", "Not an FOI request"),
}

# Calculated-only values, never stored (InfoRequest#base_calculate_status).
CALCULATED_STATES: dict[str, tuple[str, str]] = {
    "waiting_classification": ("Awaiting classification", "Needs status update"),
    "waiting_response_overdue": ("Delayed", "Delayed"),
    "waiting_response_very_overdue": ("Long overdue", "Long overdue"),
}

ALL_STATES: dict[str, tuple[str, str]] = {**DESCRIBED_STATES, **CALCULATED_STATES}

# States in which the authority still owes the requester something.
OPEN_STATES = frozenset(
    {
        "waiting_response",
        "waiting_clarification",
        "internal_review",
        "waiting_classification",
        "waiting_response_overdue",
        "waiting_response_very_overdue",
        "gone_postal",
        "error_message",
        "requires_admin",
        "attention_requested",
    }
)

# List filters (lib/xapian_queries.rb).
LIST_VIEWS: dict[str, frozenset[str]] = {
    "successful": frozenset({"successful", "partially_successful"}),
    "unsuccessful": frozenset({"rejected", "not_held"}),
    "awaiting": frozenset(
        {
            "waiting_response",
            "waiting_clarification",
            "waiting_classification",
            "internal_review",
            "gone_postal",
            "error_message",
            "requires_admin",
        }
    ),
}

# Event types (InfoRequestEvent::EVENT_TYPES) and those rendered as blocks on the thread page.
EVENT_TYPES: tuple[str, ...] = (
    "sent", "resent", "followup_sent", "followup_resent", "send_error", "response",
    "comment", "status_update", "overdue", "very_overdue",
    "edit", "edit_outgoing", "edit_comment", "edit_incoming", "edit_attachment",
    "destroy_comment", "destroy_incoming", "destroy_outgoing",
    "hide_comment", "report_comment", "report_request", "redeliver_incoming",
    "erase_raw_email", "erase_attachment", "move_request", "hide", "manual",
    "embargo_expiring", "expire_embargo", "set_embargo", "refusal_advice", "public_token",
)  # fmt: skip
RENDERED_EVENT_TYPES = frozenset(
    {"sent", "followup_sent", "send_error", "resent", "followup_resent", "response", "comment"}
)
# Events Xapian indexes, and so the only ones that move a request up /list.
INDEXED_EVENT_TYPES = frozenset({"sent", "followup_sent", "response", "comment"})

PROMINENCES = ("normal", "backpage", "requester_only", "hidden")


def display_status(state: str) -> str:
    """Human label Alaveteli shows for a state (``InfoRequest.get_status_description``)."""
    return ALL_STATES[state][0]
