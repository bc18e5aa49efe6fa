"""Why an outgoing message was sent, from the JSON event that sent it: pure, one place.

Alaveteli's ``InfoRequestEvent`` records an initial request as ``sent`` and a follow-up as
``followup_sent``; the follow-up's purpose comes from the state the request was in when it
was sent (its ``calculated_state``): asking for an internal review, or answering a request
for clarification.
"""

from __future__ import annotations

from pipeline.records import EventRecord, ThreadItem

_FOLLOWUP_PURPOSE = {
    "internal_review": "internal_review_request",
    "waiting_response": "clarification",
}


def message_purpose(item: ThreadItem, event: EventRecord | None) -> str | None:
    """``initial_request``, ``internal_review_request``, ``clarification`` or ``followup``
    for an outgoing message paired with its event; None for anything else."""
    if item.kind != "outgoing" or event is None:
        return None
    if event.event_type == "sent":
        return "initial_request"
    return _FOLLOWUP_PURPOSE.get(event.calculated_state or "", "followup")
