"""The crawl frontier, kept in the database (table ``crawl_state``) so a killed run resumes.

One row per request id ever seen. The schedule decays: a request that keeps not changing is
looked at less and less often; open requests (the authority still owes an answer) are looked at
sooner than closed ones; ids that answer 404 (removed, or embargoed for up to a year and a
half) are re-probed on a slow schedule, because an embargo ends with the whole history public.

Every write here happens *after* the raw page it describes was committed, so a run killed in
between fetches that page again rather than skipping it. A crawl's writes come from its item
pipeline (``scraper.pipelines``), in the order the spider yielded them; spiders only read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Connection, RowMapping

from db.base import chunked, utcnow
from db.models import CrawlState
from db.upsert import insert_missing

# Re-check intervals in hours: (first, ceiling). Doubling between them while nothing changes.
OPEN_INTERVAL = (24.0, 7 * 24.0)
CLOSED_INTERVAL = (7 * 24.0, 180 * 24.0)
GONE_INTERVAL = (7 * 24.0, 90 * 24.0)
FAILURE_BACKOFF_HOURS = (1.0, 24.0)


@dataclass(frozen=True, slots=True)
class Schedule:
    next_check_at: datetime
    interval_hours: float


def next_schedule(
    now: datetime, *, is_open: bool, changed: bool, previous_hours: float | None
) -> Schedule:
    """When to look at a fetched request again: reset on change, double while quiet."""
    first, ceiling = OPEN_INTERVAL if is_open else CLOSED_INTERVAL
    if changed or previous_hours is None:
        hours = first
    else:
        hours = min(max(previous_hours * 2, first), ceiling)
    return Schedule(now + timedelta(hours=hours), hours)


def gone_schedule(now: datetime, previous_hours: float | None) -> Schedule:
    """Re-probe a 403/404 id: weekly at first, then ever more rarely (embargoes end)."""
    first, ceiling = GONE_INTERVAL
    hours = first if previous_hours is None else min(max(previous_hours * 2, first), ceiling)
    return Schedule(now + timedelta(hours=hours), hours)


def failure_retry_at(now: datetime, failures: int) -> datetime:
    """Retry a failed fetch after 1 h, 2 h, 4 h … at most a day."""
    first, ceiling = FAILURE_BACKOFF_HOURS
    hours = min(first * 2 ** max(failures - 1, 0), ceiling)
    return now + timedelta(hours=hours)


@dataclass(frozen=True, slots=True)
class FrontierEntry:
    request_id: int
    url_title: str | None
    last_http_status: int | None
    last_event_id: int | None
    last_event_at: datetime | None
    site_updated_at: datetime | None
    check_interval_hours: float | None
    failures: int
    last_error: str | None
    gone: bool


def _entry(row: RowMapping) -> FrontierEntry:
    return FrontierEntry(
        request_id=row["request_id"],
        url_title=row["url_title"],
        last_http_status=row["last_http_status"],
        last_event_id=row["last_event_id"],
        last_event_at=row["last_event_at"],
        site_updated_at=row["site_updated_at"],
        check_interval_hours=row["check_interval_hours"],
        failures=row["failures"] or 0,
        last_error=row["last_error"],
        gone=bool(row["gone"]),
    )


def record_seen(
    conn: Connection,
    ids: Iterable[tuple[int, str | None]],
    via: str,
    now: datetime | None = None,
) -> int:
    """Add ids not seen before, due at once. Returns how many were new."""
    now = now or utcnow()
    rows = {rid: slug for rid, slug in ids}
    if not rows:
        return 0
    before = count(conn)
    insert_missing(
        conn,
        CrawlState,
        [
            {
                "request_id": rid,
                "url_title": slug,
                "discovered_at": now,
                "discovered_via": via,
                "next_check_at": now,
                "failures": 0,
                "gone": False,
            }
            for rid, slug in sorted(rows.items())
        ],
    )
    return count(conn) - before


def get(conn: Connection, request_id: int) -> FrontierEntry | None:
    row = (
        conn.execute(select(CrawlState.__table__).where(CrawlState.request_id == request_id))
        .mappings()
        .first()
    )
    return _entry(row) if row else None


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(CrawlState)).scalar_one()


def visible_count(conn: Connection) -> int:
    """Ids whose last fetch succeeded: what the crawl can see of the site."""
    return conn.execute(
        select(func.count())
        .select_from(CrawlState)
        .where(CrawlState.gone.is_(False), CrawlState.last_http_status == 200)
    ).scalar_one()


def visible_ids(conn: Connection) -> set[int]:
    return set(
        conn.execute(
            select(CrawlState.request_id).where(
                CrawlState.gone.is_(False), CrawlState.last_http_status == 200
            )
        ).scalars()
    )


def known_ids(conn: Connection) -> set[int]:
    return set(conn.execute(select(CrawlState.request_id)).scalars())


def slug_index(conn: Connection) -> dict[str, FrontierEntry]:
    """Current slug → entry, for matching /list items (which carry slugs, not ids)."""
    rows = conn.execute(
        select(CrawlState.__table__).where(CrawlState.url_title.is_not(None))
    ).mappings()
    return {row["url_title"]: _entry(row) for row in rows}


def due(conn: Connection, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Ids due for a fetch, most overdue first (never-fetched ids first of all)."""
    now = now or utcnow()
    stmt = (
        select(CrawlState.request_id)
        .where(or_(CrawlState.next_check_at.is_(None), CrawlState.next_check_at <= now))
        .order_by(
            CrawlState.next_check_at.is_not(None),
            CrawlState.next_check_at,
            CrawlState.request_id,
        )
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.execute(stmt).scalars())


def mark_due(conn: Connection, ids: Sequence[int], now: datetime | None = None) -> None:
    """Bring ids forward so the next fetch pass takes them (a list showed them changed)."""
    now = now or utcnow()
    for chunk in chunked(sorted(set(ids)), 500):
        conn.execute(
            update(CrawlState)
            .where(
                CrawlState.request_id.in_(chunk),
                or_(CrawlState.next_check_at.is_(None), CrawlState.next_check_at > now),
            )
            .values(next_check_at=now)
        )


def ids_last_active_between(conn: Connection, start: datetime, end: datetime) -> list[int]:
    """Visible ids whose newest indexed event lies in [start, end): the ones a window lists."""
    return list(
        conn.execute(
            select(CrawlState.request_id).where(
                and_(
                    CrawlState.last_event_at >= start,
                    CrawlState.last_event_at < end,
                    CrawlState.gone.is_(False),
                )
            )
        ).scalars()
    )


def _ensure_entry(
    conn: Connection, request_id: int, url_title: str | None, via: str, now: datetime
) -> FrontierEntry:
    """The frontier row for ``request_id``, recorded as seen (``via``) if it was not yet."""
    entry = get(conn, request_id)
    if entry is None:
        record_seen(conn, [(request_id, url_title)], via, now)
        entry = get(conn, request_id)
    assert entry is not None
    return entry


def record_fetched(
    conn: Connection,
    request_id: int,
    *,
    url_title: str,
    last_event_id: int | None,
    last_event_at: datetime | None,
    site_updated_at: datetime | None,
    is_open: bool,
    changed: bool,
    now: datetime | None = None,
) -> Schedule:
    """A request's JSON (and thread page, when needed) are stored: schedule the next look."""
    now = now or utcnow()
    entry = _ensure_entry(conn, request_id, url_title, "link", now)
    schedule = next_schedule(
        now,
        is_open=is_open,
        changed=changed or entry.gone,
        previous_hours=None if entry.gone else entry.check_interval_hours,
    )
    conn.execute(
        update(CrawlState)
        .where(CrawlState.request_id == request_id)
        .values(
            url_title=url_title,
            last_checked_at=now,
            last_http_status=200,
            last_event_id=last_event_id,
            last_event_at=last_event_at,
            site_updated_at=site_updated_at,
            next_check_at=schedule.next_check_at,
            check_interval_hours=schedule.interval_hours,
            failures=0,
            last_error=None,
            gone=False,
        )
    )
    return schedule


def record_gone(
    conn: Connection, request_id: int, http_status: int, now: datetime | None = None
) -> Schedule:
    """The site answers 403/404 for the id: keep it, and re-probe it slowly."""
    now = now or utcnow()
    entry = _ensure_entry(conn, request_id, None, "probe", now)
    schedule = gone_schedule(now, entry.check_interval_hours if entry.gone else None)
    conn.execute(
        update(CrawlState)
        .where(CrawlState.request_id == request_id)
        .values(
            last_checked_at=now,
            last_http_status=http_status,
            next_check_at=schedule.next_check_at,
            check_interval_hours=schedule.interval_hours,
            failures=0,
            last_error=None,
            gone=True,
        )
    )
    return schedule


def record_failure(
    conn: Connection, request_id: int, error: str, now: datetime | None = None
) -> datetime:
    """A fetch failed (network, 5xx after retries, unparsable): retry with back-off."""
    now = now or utcnow()
    entry = _ensure_entry(conn, request_id, None, "link", now)
    failures = entry.failures + 1
    retry_at = failure_retry_at(now, failures)
    conn.execute(
        update(CrawlState)
        .where(CrawlState.request_id == request_id)
        .values(failures=failures, last_error=error[:2000], next_check_at=retry_at)
    )
    return retry_at


def record_captured(
    conn: Connection,
    request_id: int,
    *,
    url_title: str,
    last_event_id: int | None,
    last_event_at: datetime | None,
    site_updated_at: datetime | None,
    is_open: bool,
    captured_at: datetime,
    has_thread_page: bool,
    now: datetime | None = None,
) -> bool:
    """Seed the frontier from an archived JSON capture, as a fetch made at ``captured_at``.

    The /list walk then finds what changed since (an event newer than ``last_event_at``), so
    the live crawl fetches only that. A request whose thread page the archive lacks is due at
    once; one it has whole is next looked at on the usual schedule from now. Never replaces
    what a newer fetch or capture recorded. Returns whether the entry changed."""
    now = now or utcnow()
    entry = _ensure_entry(conn, request_id, url_title, "archive", now)
    checked = conn.execute(
        select(CrawlState.last_checked_at).where(CrawlState.request_id == request_id)
    ).scalar_one()
    if entry.last_http_status is not None and checked is not None and checked >= captured_at:
        return False
    schedule = next_schedule(now, is_open=is_open, changed=True, previous_hours=None)
    conn.execute(
        update(CrawlState)
        .where(CrawlState.request_id == request_id)
        .values(
            url_title=url_title,
            last_checked_at=captured_at,
            last_http_status=200,
            last_event_id=last_event_id,
            last_event_at=last_event_at,
            site_updated_at=site_updated_at,
            next_check_at=schedule.next_check_at if has_thread_page else now,
            check_interval_hours=schedule.interval_hours,
            failures=0,
            last_error=None,
            gone=False,
        )
    )
    return True
