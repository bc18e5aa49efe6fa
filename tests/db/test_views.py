"""The analysis views (migration 0002): hand-worked figures, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, Table, inspect, select, text
from sqlalchemy.engine import Engine

from db import migrate
from db.engine import make_engine
from db.view_tables import (
    AUTHORITY_STATS,
    EXEMPTION_USE,
    OVERDUE_NOW,
    REQUEST_SUMMARY,
    REVIEW_OUTCOMES,
    VIEW_TABLES,
)
from db.views import VIEW_NAMES, view_sql
from tests.export_fixtures import (
    BACKPAGE_ID,
    BIRMINGHAM,
    HIDDEN_ID,
    LEEDS,
    MHCLG,
    OVERDUE_ID,
    VISIBLE_IDS,
    populate,
)


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    populate(engine)
    return engine


def _rows(engine: Engine, view: Table, *where: ColumnElement[bool]) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        stmt = select(view).where(*where).order_by(*(view.primary_key.columns or view.columns))
        return [dict(row) for row in conn.execute(stmt).mappings()]


def _stats(engine: Engine, authority_id: int) -> dict:
    return _rows(engine, AUTHORITY_STATS, AUTHORITY_STATS.c.authority_id == authority_id)[0]


def test_migration_creates_every_view(engine: Engine) -> None:
    assert set(VIEW_NAMES) <= set(inspect(engine).get_view_names())


def test_downgrade_drops_the_views(engine: Engine) -> None:
    migrate.downgrade(engine, "0001")
    assert not set(VIEW_NAMES) & set(inspect(engine).get_view_names())


def _definitions(engine: Engine, names: list[str]) -> dict[str, str]:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'view'"
            return {n: sql for n, sql in conn.execute(text(query)) if n in names}
        return {
            n: conn.execute(
                text("SELECT pg_get_viewdef(CAST(:n AS regclass))"), {"n": n}
            ).scalar_one()
            for n in names
        }


def test_migrated_views_are_the_views_db_views_defines(engine: Engine) -> None:
    """The migrations carry frozen copies of the view SQL; head must be what db/views.py says."""
    migrated = _definitions(engine, list(VIEW_NAMES))
    dialect = engine.dialect.name
    if dialect == "sqlite":
        assert migrated == {n: f"CREATE VIEW {n} AS\n{view_sql(n, dialect)}" for n in VIEW_NAMES}
        return
    with engine.begin() as conn:  # PostgreSQL normalises the text: compare its own rendering
        for name in VIEW_NAMES:
            conn.execute(text(f"CREATE VIEW live_{name} AS {view_sql(name, dialect)}"))
    live = _definitions(engine, [f"live_{n}" for n in VIEW_NAMES])
    assert migrated == {n: live[f"live_{n}"] for n in VIEW_NAMES}


def test_request_summary_lists_only_public_and_backpage_requests(corpus: Engine) -> None:
    ids = [row["request_id"] for row in _rows(corpus, REQUEST_SUMMARY)]
    assert ids == sorted(VISIBLE_IDS)
    assert HIDDEN_ID not in ids


def test_request_summary_carries_the_latest_review(corpus: Engine) -> None:
    row = _rows(corpus, REQUEST_SUMMARY, REQUEST_SUMMARY.c.request_id == 100001)[0]
    assert (row["authority_name"], row["year"], row["outcome"], row["timeliness"]) == (
        "Birmingham City Council", 2019, "granted_in_full", "on_time",
    )  # fmt: skip
    assert (row["review_count"], row["review_outcome"]) == (1, "overturned")
    assert row["review_requested_at"] == datetime(2019, 1, 22, 10, tzinfo=UTC)


def test_birmingham_rates(corpus: Engine) -> None:
    stats = _stats(corpus, BIRMINGHAM)
    assert (stats["requests"], stats["responded"], stats["response_rate"]) == (7, 7, 1.0)
    assert (stats["timed"], stats["on_time"], stats["on_time_rate"]) == (7, 5, 5 / 7)
    assert (stats["decided"], stats["successful"], stats["success_rate"]) == (6, 4, 4 / 6)
    assert stats["mean_working_days"] == 13.0


def test_birmingham_review_overturn_rate_counts_partly_upheld(corpus: Engine) -> None:
    stats = _stats(corpus, BIRMINGHAM)
    assert (stats["reviews_decided"], stats["reviews_overturned"], stats["overturn_rate"]) == (
        6, 2, 1 / 3,
    )  # fmt: skip


def test_top_exemptions_leave_out_procedural_sections_and_hidden_requests(
    corpus: Engine,
) -> None:
    assert _stats(corpus, BIRMINGHAM)["top_exemptions"] == (
        "FOIA s40(2) (4); FOIA s36(2)(c) (2); FOIA s43(2) (1)"
    )


def test_rates_are_null_below_five(corpus: Engine) -> None:
    stats = _stats(corpus, MHCLG)
    assert stats["requests"] == 3
    assert (stats["response_rate"], stats["on_time_rate"], stats["success_rate"]) == (
        None, None, None,
    )  # fmt: skip


def test_authority_without_requests_has_zero_counts(corpus: Engine) -> None:
    stats = _stats(corpus, LEEDS)
    assert (stats["requests"], stats["reviews_decided"], stats["top_exemptions"]) == (0, 0, None)


def test_review_outcomes_compare_with_the_response_reviewed(corpus: Engine) -> None:
    row = _rows(corpus, REVIEW_OUTCOMES, REVIEW_OUTCOMES.c.request_id == 100001)[0]
    assert (
        row["original_outcome"], row["original_refused"], row["outcome"],
        row["outcome_after_review"], row["answered_on_time"],
    ) == ("withheld_in_full", True, "overturned", "granted_in_full", True)  # fmt: skip


def test_review_outcomes_original_is_not_the_final_outcome(corpus: Engine) -> None:
    rows = _rows(corpus, REVIEW_OUTCOMES)
    assert [
        (r["request_id"], r["original_outcome"], r["outcome"], r["outcome_after_review"])
        for r in rows
    ] == [
        (100001, "withheld_in_full", "overturned", "granted_in_full"),
        (100002, "granted_in_full", "upheld", "granted_in_full"),
        (100003, "granted_in_full", "upheld", "granted_in_full"),
        (100004, "withheld_in_full", "partly_upheld", "partly_withheld"),
        (100005, "not_held", "upheld", "not_held"),
        (100006, "withheld_in_full", "upheld", "withheld_in_full"),
        (BACKPAGE_ID, None, None, None),
        (540577, "not_held", "upheld", "not_held"),
    ]
    assert [r["original_refused"] for r in rows] == [
        True, False, False, True, False, True, None, False,
    ]  # fmt: skip


def test_unanswered_review_has_no_on_time_verdict(corpus: Engine) -> None:
    row = _rows(corpus, REVIEW_OUTCOMES, REVIEW_OUTCOMES.c.request_id == BACKPAGE_ID)[0]
    assert (row["answered_at"], row["answered_on_time"]) == (None, None)


def test_exemption_use_by_authority_and_year(corpus: Engine) -> None:
    rows = _rows(corpus, EXEMPTION_USE)
    assert sorted((r["authority_id"], r["year"], r["citation"], r["requests"]) for r in rows) == [
        (BIRMINGHAM, 2019, "FOIA s36(2)(c)", 2),
        (BIRMINGHAM, 2019, "FOIA s40(2)", 4),
        (BIRMINGHAM, 2019, "FOIA s43(2)", 1),
    ]


def test_overdue_now_lists_the_unanswered_request_and_review(corpus: Engine) -> None:
    rows = sorted(_rows(corpus, OVERDUE_NOW), key=lambda r: r["kind"])
    today = datetime.now(UTC).date()
    assert [
        (r["kind"], r["request_id"], r["review_seq"], r["due_date"], r["long_overdue"])
        for r in rows
    ] == [
        ("internal_review", BACKPAGE_ID, 1, date(2019, 2, 25), True),
        ("response", OVERDUE_ID, None, date(2019, 8, 9), True),
    ]
    assert rows[1]["days_overdue"] == (today - date(2019, 8, 9)).days


def _fts_indexes(engine: Engine) -> set[str]:
    return {
        index["name"]
        for table in ("messages", "attachments")
        for index in inspect(engine).get_indexes(table)
        if index["name"].startswith("ix_fts_")
    }


def test_full_text_indexes_are_made_on_postgresql_only(engine: Engine) -> None:
    expected = {"ix_fts_messages_body_text", "ix_fts_attachments_text"}
    assert _fts_indexes(engine) == (expected if engine.dialect.name == "postgresql" else set())


def test_postgresql_full_text_search_finds_attachment_text(
    both_engines: tuple[Engine, Engine],
) -> None:
    _lite, pg = both_engines
    with pg.connect() as conn:
        hits = conn.execute(
            text(
                "SELECT request_id FROM attachments WHERE to_tsvector('english', "
                "coalesce(text, '')) @@ plainto_tsquery('english', 'personal informations') "
                "ORDER BY request_id"
            )
        ).scalars()
        assert list(hits) == [100001, HIDDEN_ID, 540577]


# --- the same data on both engines gives the same rows --------------------------------------


@pytest.fixture
def both_engines(tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    from tests.conftest import PG_URL, require_postgres

    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    lite = make_engine(f"sqlite:///{tmp_path / 'views.sqlite3'}")
    pg = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        for engine in (lite, pg):
            migrate.upgrade(engine)
            populate(engine)
        yield lite, pg
    finally:
        lite.dispose()
        pg.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _snapshot(engine: Engine, view: Table) -> list[tuple[Any, ...]]:
    return sorted(
        (tuple(row.values()) for row in _rows(engine, view)),
        key=lambda row: tuple((v is None, str(v)) for v in row),
    )


@pytest.mark.parametrize("view", VIEW_TABLES, ids=lambda t: t.name)
def test_views_agree_on_sqlite_and_postgresql(
    both_engines: tuple[Engine, Engine], view: Table
) -> None:
    lite, pg = both_engines
    assert _snapshot(lite, view) == _snapshot(pg, view)
    assert _snapshot(lite, view)
