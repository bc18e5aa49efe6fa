"""What changes when the replica's clock moves: the churn model.

``advance(days, churn)`` gives each request that is public at the start of the window a
``churn`` chance of one change inside it. Every kind of change a polite crawler could see on
the real site is represented: new responses (usually followed by the requester's
classification), follow-ups, annotations, late classifications, takedowns (``hide``: the page
goes 403 and leaves /list) and renames (an admin ``edit`` of the title: the slug changes and
the old one 404s; admins mostly retitle new requests, so old requests rarely get one). New
requests arrive on their own as the clock passes their creation times.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from scraper.replica.history import HistoryBuilder
from scraper.replica.letters import OUTCOME_STATE, OUTCOMES

KINDS: tuple[tuple[str, int], ...] = (
    ("response", 36), ("followup", 12), ("annotation", 20), ("classification", 12),
    ("rename", 12), ("takedown", 8),
)  # fmt: skip
RECENT_FOR_RENAME = timedelta(days=120)


@dataclass(frozen=True, slots=True)
class Mutation:
    request_id: int
    kind: str  # response | followup | annotation | classification | rename | takedown
    at: datetime
    serial: int  # which advance() call made it
    new_title: str | None = None


def pick_kind(rng: random.Random, created: datetime, at: datetime, awaiting: bool) -> str:
    roll, total = rng.randrange(sum(w for _, w in KINDS)), 0
    kind = "annotation"
    for name, weight in KINDS:
        total += weight
        if roll < total:
            kind = name
            break
    if kind == "rename" and at - created > RECENT_FOR_RENAME and rng.random() < 0.8:
        kind = "annotation"
    if kind == "classification" and not awaiting:
        kind = "response"
    return kind


def apply(builder: HistoryBuilder, mutation: Mutation, rng: random.Random) -> None:
    """Append the events of one mutation to a request's history."""
    at = mutation.at
    if builder.full and mutation.kind in ("response", "followup", "annotation"):
        builder.admin(at, "edit")
        return
    if mutation.kind == "response":
        outcome = rng.choice(OUTCOMES)
        builder.response(at, kind="response", outcome=outcome)
        if rng.random() < 0.6:
            builder.classify(at + timedelta(minutes=30 + rng.randrange(60)), OUTCOME_STATE[outcome])
    elif mutation.kind == "followup":
        builder.followup(at, rng.choice(("thanks", "internal_review", "thanks")))
    elif mutation.kind == "annotation":
        builder.comment(at)
    elif mutation.kind == "classification":
        builder.classify(
            at, rng.choice(("successful", "partially_successful", "rejected", "not_held"))
        )
    elif mutation.kind == "rename":
        builder.admin(at, "edit")
    elif mutation.kind == "takedown":
        builder.admin(at, "hide")
    else:
        raise ValueError(f"unknown mutation kind {mutation.kind!r}")
