"""The Xapian side of the replica: /list, body and user request lists, body statistics.

Alaveteli's lists are searches over *events*: only ``sent``, ``followup_sent``, ``response``
and ``comment`` are indexed (``INDEXED_EVENT_TYPES``), a date range filters on the event's
``created_at``, results collapse to one per request (its newest matching event) and come
newest first. Requests that are hidden, backpage or embargoed are not indexed at all.
The index is rebuilt when the clock moves; it holds only small tuples per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline.states import INDEXED_EVENT_TYPES, LIST_VIEWS
from scraper.replica.history import london_date
from scraper.replica.html_pages import ListEntry

if TYPE_CHECKING:
    from scraper.replica.replica import Replica


@dataclass(frozen=True, slots=True)
class Indexed:
    request_id: int
    authority_id: int
    user_url_name: str
    status: str
    events: tuple[
        tuple[date, float, str, str | None, str | None], ...
    ]  # day, ts, type, anchor, calc


class ListIndex:
    def __init__(self, replica: Replica):
        self.replica = replica
        self.version = replica.version
        rows = []
        for request_id in replica.listed_ids():
            r = replica.request(request_id)
            if r is None or not r.listed:
                continue
            events = []
            for e in r.events:
                if (
                    e.type not in INDEXED_EVENT_TYPES
                    or e.message is None
                    or e.message.prominence != "normal"
                ):
                    continue
                prefix = {"incoming": "incoming", "outgoing": "outgoing", "annotation": "comment"}[
                    e.message.kind
                ]
                events.append(
                    (
                        london_date(e.at),
                        e.at.timestamp(),
                        e.type,
                        f"{prefix}-{e.message.id}",
                        e.calculated_state,
                    )
                )
            rows.append(Indexed(r.id, r.authority.id, r.user.url_name, r.status, tuple(events)))
        self.rows = rows

    def search(
        self, *, after: date | None = None, before: date | None = None, authority_id: int | None = None,
        user_url_name: str | None = None, view: str | None = None,
    ) -> list[tuple[int, tuple[date, float, str, str | None, str | None]]]:  # fmt: skip
        """(request id, newest matching event), newest first."""
        states = LIST_VIEWS.get(view) if view else None
        hits = []
        for row in self.rows:
            if authority_id is not None and row.authority_id != authority_id:
                continue
            if user_url_name is not None and row.user_url_name != user_url_name:
                continue
            if (
                states is not None
                and row.status not in states
                and not (view == "awaiting" and row.status.startswith("waiting_response"))
            ):
                continue
            best = None
            for event in row.events:
                if (after is not None and event[0] < after) or (
                    before is not None and event[0] > before
                ):
                    continue
                if best is None or event[1] > best[1]:
                    best = event
            if best is not None:
                hits.append((row.request_id, best))
        hits.sort(key=lambda hit: (-hit[1][1], -hit[0]))
        return hits

    def entries(
        self, hits: list[tuple[int, tuple[date, float, str, str | None, str | None]]]
    ) -> list[ListEntry]:
        out = []
        for request_id, (_, _, type_, anchor, calc) in hits:
            r = self.replica.request(request_id)
            assert r is not None
            event = next(
                e
                for e in r.events
                if e.message and anchor and anchor.endswith(f"-{e.message.id}") and e.type == type_
            )
            assert event.message is not None
            out.append(
                ListEntry(
                    r,
                    type_,
                    event.at,
                    anchor,
                    calc,
                    event.message.body.replace("\n", " "),
                    (event.message.author_url_name or "", event.message.author)
                    if type_ == "comment"
                    else None,
                )
            )
        return out


def body_counts(statuses: list[str]) -> dict[str, int]:
    """``PublicBody#json_for_api``'s info block from its requests' calculated statuses."""
    waiting = (
        "waiting_response",
        "waiting_classification",
        "waiting_response_overdue",
        "waiting_response_very_overdue",
    )
    return {
        "requests_count": len(statuses),
        "requests_successful_count": sum(
            s in ("successful", "partially_successful") for s in statuses
        ),
        "requests_not_held_count": sum(s == "not_held" for s in statuses),
        "requests_overdue_count": sum(s.startswith("waiting_response_") for s in statuses),
        "requests_visible_classified_count": sum(s not in waiting for s in statuses),
    }
