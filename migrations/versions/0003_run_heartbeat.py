"""crawl runs: a heartbeat, host and pid, so a run whose machine died is marked crashed

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 14:30:00

A running crawl_runs row is renewed every few seconds (heartbeat_at). The next run marks a row
crashed when its process is gone from the same host, or its heartbeat has stopped for longer
than the lease (scraper.runs). The status column's comment gains the new state.

Also: request_analyses.timeliness gains the value no_response (a request closed without a
substantive reply is not overdue: pipeline.timeliness), so its comment says so.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUS = "running, finished, failed or interrupted."
NEW_STATUS = (
    "running, finished, failed, interrupted, or crashed (stopped beating while running: the "
    "machine or process died)."
)

OLD_TIMELINESS = "on_time, late, very_late, pending (not yet due) or overdue (due and unanswered)."
NEW_TIMELINESS = (
    "on_time, late, very_late (answered); pending (not yet due, or the clock stopped for "
    "clarification); overdue (past due, no substantive reply, still waiting_response); "
    "no_response (closed without a substantive reply: withdrawn, by post, …)."
)


def _comments(status: str, timeliness: str, old_status: str, old_timeliness: str) -> None:
    """Column comments: PostgreSQL only (SQLite keeps none, and altering there would rebuild
    tables that the views depend on)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "crawl_runs",
        "status",
        existing_type=sa.String(length=16),
        existing_nullable=False,
        comment=status,
        existing_comment=old_status,
    )
    op.alter_column(
        "request_analyses",
        "timeliness",
        existing_type=sa.String(length=16),
        existing_nullable=True,
        comment=timeliness,
        existing_comment=old_timeliness,
    )


def upgrade() -> None:
    op.add_column(
        "crawl_runs",
        sa.Column(
            "heartbeat_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="Last sign of life while running (UTC), renewed every few seconds: a "
            "running row whose heartbeat has stopped is marked crashed by the next run.",
        ),
    )
    op.add_column(
        "crawl_runs",
        sa.Column(
            "host",
            sa.String(length=255),
            nullable=True,
            comment="Host name of the machine running it.",
        ),
    )
    op.add_column(
        "crawl_runs",
        sa.Column("pid", sa.Integer(), nullable=True, comment="Process id running it on host."),
    )
    _comments(NEW_STATUS, NEW_TIMELINESS, OLD_STATUS, OLD_TIMELINESS)


def downgrade() -> None:
    _comments(OLD_STATUS, OLD_TIMELINESS, NEW_STATUS, NEW_TIMELINESS)
    if op.get_bind().dialect.name == "sqlite":  # DROP COLUMN without rebuilding the table
        for column in ("pid", "host", "heartbeat_at"):
            op.execute(f"ALTER TABLE crawl_runs DROP COLUMN {column}")
        return
    op.drop_column("crawl_runs", "pid")
    op.drop_column("crawl_runs", "host")
    op.drop_column("crawl_runs", "heartbeat_at")
