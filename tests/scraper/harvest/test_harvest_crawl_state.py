"""crawl_state: the frontier's schedule (pure) and its rows (both engines)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from db import crawl_state
from db.crawl_state import failure_retry_at, gone_schedule, next_schedule

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
EVENT_AT = datetime(2026, 10, 30, 9, 15, tzinfo=UTC)


def test_open_request_is_checked_again_after_a_day() -> None:
    schedule = next_schedule(NOW, is_open=True, changed=True, previous_hours=None)
    assert schedule.next_check_at == NOW + timedelta(days=1)


def test_closed_request_is_checked_again_after_a_week() -> None:
    schedule = next_schedule(NOW, is_open=False, changed=True, previous_hours=None)
    assert schedule.next_check_at == NOW + timedelta(days=7)


def test_quiet_request_doubles_its_interval() -> None:
    schedule = next_schedule(NOW, is_open=False, changed=False, previous_hours=7 * 24)
    assert schedule.interval_hours == 14 * 24


def test_interval_stops_growing_at_the_ceiling() -> None:
    schedule = next_schedule(NOW, is_open=True, changed=False, previous_hours=7 * 24)
    assert schedule.interval_hours == 7 * 24


def test_a_change_resets_the_interval() -> None:
    schedule = next_schedule(NOW, is_open=False, changed=True, previous_hours=100 * 24)
    assert schedule.interval_hours == 7 * 24


def test_gone_ids_are_reprobed_ever_more_slowly() -> None:
    assert gone_schedule(NOW, None).interval_hours == 7 * 24
    assert gone_schedule(NOW, 7 * 24).interval_hours == 14 * 24
    assert gone_schedule(NOW, 80 * 24).interval_hours == 90 * 24


def test_failures_back_off_to_a_day() -> None:
    assert failure_retry_at(NOW, 1) == NOW + timedelta(hours=1)
    assert failure_retry_at(NOW, 3) == NOW + timedelta(hours=4)
    assert failure_retry_at(NOW, 10) == NOW + timedelta(hours=24)


def test_seen_ids_are_due_at_once(engine: Engine) -> None:
    with engine.begin() as conn:
        assert crawl_state.record_seen(conn, [(5, "five"), (3, "three")], "list", NOW) == 2
        assert crawl_state.due(conn, NOW) == [3, 5]


def test_seeing_an_id_again_adds_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        crawl_state.record_seen(conn, [(5, "five")], "list", NOW)
        assert crawl_state.record_seen(conn, [(5, "five")], "probe", NOW) == 0
        entry = crawl_state.get(conn, 5)
    assert entry is not None and entry.url_title == "five"


def _fetch(engine: Engine, *, is_open: bool = True, changed: bool = True) -> None:
    with engine.begin() as conn:
        crawl_state.record_fetched(
            conn,
            7,
            url_title="seven",
            last_event_id=70,
            last_event_at=EVENT_AT,
            site_updated_at=EVENT_AT,
            is_open=is_open,
            changed=changed,
            now=NOW,
        )


def test_fetched_request_is_not_due_until_its_next_check(engine: Engine) -> None:
    _fetch(engine)
    with engine.connect() as conn:
        assert crawl_state.due(conn, NOW + timedelta(hours=23)) == []
        assert crawl_state.due(conn, NOW + timedelta(hours=24)) == [7]


def test_fetched_request_keeps_its_newest_event(engine: Engine) -> None:
    _fetch(engine)
    with engine.connect() as conn:
        entry = crawl_state.get(conn, 7)
    assert entry is not None
    assert (entry.last_event_id, entry.last_event_at, entry.last_http_status) == (70, EVENT_AT, 200)


def test_mark_due_brings_a_request_forward(engine: Engine) -> None:
    _fetch(engine)
    with engine.begin() as conn:
        crawl_state.mark_due(conn, [7], NOW)
        assert crawl_state.due(conn, NOW) == [7]


def test_gone_request_is_not_visible_and_reprobed_in_a_week(engine: Engine) -> None:
    _fetch(engine)
    with engine.begin() as conn:
        crawl_state.record_gone(conn, 7, 403, NOW)
        entry = crawl_state.get(conn, 7)
        assert crawl_state.visible_count(conn) == 0
        assert crawl_state.due(conn, NOW + timedelta(days=7)) == [7]
    assert entry is not None and entry.gone and entry.last_http_status == 403


def test_failure_counts_up_and_schedules_a_retry(engine: Engine) -> None:
    _fetch(engine)
    with engine.begin() as conn:
        crawl_state.record_failure(conn, 7, "503 after 5 retries", NOW)
        retry = crawl_state.record_failure(conn, 7, "503 after 5 retries", NOW)
        entry = crawl_state.get(conn, 7)
    assert retry == NOW + timedelta(hours=2)
    assert entry is not None and entry.failures == 2 and entry.last_error == "503 after 5 retries"


def test_ids_last_active_in_a_window(engine: Engine) -> None:
    _fetch(engine)
    with engine.connect() as conn:
        inside = crawl_state.ids_last_active_between(conn, EVENT_AT, EVENT_AT + timedelta(days=1))
        before = crawl_state.ids_last_active_between(conn, EVENT_AT - timedelta(days=1), EVENT_AT)
    assert (inside, before) == ([7], [])
