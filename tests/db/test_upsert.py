"""Upserts keyed on natural ids: idempotent, and silent when nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.models import Authority, Message, Request
from db.upsert import insert_missing, upsert

T0 = datetime(2019, 6, 16, 10, 57, 21, tzinfo=timezone(timedelta(hours=1)))


def _authority(**overrides: object) -> dict:
    row = {
        "id": 17,
        "url_name": "mhclg",
        "name": "Ministry of Housing, Communities and Local Government",
        "short_name": "MHCLG",
        "tags": [["central_government", None], ["gss", "E14000001"]],
        "created_at": T0,
    }
    row.update(overrides)
    return row


def _rows(engine: Engine, model: type) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(model.__table__)).mappings()]


def test_insert_then_identical_upsert_changes_nothing(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
    first = _rows(engine, Authority)
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
    assert _rows(engine, Authority) == first


def test_changed_value_is_written_and_touches_last_changed_at(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
    (before,) = _rows(engine, Authority)
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority(name="Department for Levelling Up")])
    (after,) = _rows(engine, Authority)
    assert after["name"] == "Department for Levelling Up"
    assert after["first_seen_at"] == before["first_seen_at"]
    assert after["last_changed_at"] > before["last_changed_at"]


def test_json_change_is_detected(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
        upsert(conn, Authority, [_authority(tags=[["defunct", None]])])
    (row,) = _rows(engine, Authority)
    assert row["tags"] == [["defunct", None]]


def test_times_come_back_aware_in_utc(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
    (row,) = _rows(engine, Authority)
    assert row["created_at"] == T0
    assert row["created_at"].tzinfo is not None
    assert row["created_at"].utcoffset() == timedelta(0)


def test_composite_keys_and_many_rows(engine: Engine) -> None:
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority()])
        upsert(conn, Request, [{"id": 583390, "authority_id": 17, "title": "Misfeasance"}])
        rows = [
            {"kind": kind, "id": 910198, "request_id": 583390, "position": i, "sent_at": T0}
            for i, kind in enumerate(("outgoing", "incoming", "annotation"))
        ]
        upsert(conn, Message, rows)
        upsert(conn, Message, rows)
    assert len(_rows(engine, Message)) == 3


def test_insert_missing_keeps_the_first_row(engine: Engine) -> None:
    with engine.begin() as conn:
        insert_missing(conn, Authority, [_authority()])
        insert_missing(conn, Authority, [_authority(name="Other")])
    (row,) = _rows(engine, Authority)
    assert row["name"].startswith("Ministry")


def test_naive_datetime_is_refused(engine: Engine) -> None:
    import pytest
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"), engine.begin() as conn:
        upsert(conn, Authority, [_authority(created_at=datetime(2019, 1, 1))])
    assert datetime.now(UTC)  # engine still usable afterwards
    assert _rows(engine, Authority) == []


def test_touched_column_moves_only_when_the_row_changed(engine: Engine) -> None:
    later = T0 + timedelta(days=1)
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority(updated_at=T0)], touch=("updated_at",))
        upsert(conn, Authority, [_authority(updated_at=later)], touch=("updated_at",))
    (same,) = _rows(engine, Authority)
    assert same["updated_at"] == T0  # nothing else differed: not compared, not written
    with engine.begin() as conn:
        upsert(conn, Authority, [_authority(name="DLUHC", updated_at=later)], touch=("updated_at",))
    (changed,) = _rows(engine, Authority)
    assert (changed["name"], changed["updated_at"]) == ("DLUHC", later)


def test_sqlite_instants_are_the_text_sqlalchemy_would_store() -> None:
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    from db.base import UTCDateTime
    from db.upsert import sqlite_instant

    sqlalchemy_way = UTCDateTime()._cached_bind_processor(SQLiteDialect_pysqlite())
    assert sqlalchemy_way is not None
    shortcut = sqlite_instant(sqlalchemy_way)
    zones = (UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-9, minutes=-30)))
    for zone in zones:
        for when in (
            datetime(2019, 6, 16, 10, 57, 21, tzinfo=zone),
            datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=zone),
            datetime(999, 1, 1, 12, 0, 0, 1, tzinfo=zone),
        ):
            assert shortcut(when) == sqlalchemy_way(when)
    assert shortcut(None) is sqlalchemy_way(None) is None
    with pytest.raises(ValueError, match="naive"):
        shortcut(datetime(2024, 1, 1))


def test_upserted_values_are_stored_as_a_sqlalchemy_insert_stores_them(engine: Engine) -> None:
    from sqlalchemy import insert, text

    first = _authority(id=1, url_name="one", is_school=True, notes="a\nb")
    second = _authority(id=2, url_name="two", is_school=True, notes="a\nb")
    with engine.begin() as conn:
        upsert(conn, Authority, [first])
        conn.execute(insert(Authority), [second | {"last_changed_at": T0, "first_seen_at": T0}])
        stored = conn.execute(text("SELECT * FROM authorities ORDER BY id")).mappings().all()
    one, two = (dict(row) for row in stored)
    moving = ("id", "url_name", "last_changed_at", "first_seen_at")
    assert {k: v for k, v in one.items() if k not in moving} == {
        k: v for k, v in two.items() if k not in moving
    }
    if engine.dialect.name == "sqlite":
        assert one["created_at"] == two["created_at"] == "2019-06-16 09:57:21.000000"
