"""analysis views and PostgreSQL full-text indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:40:00

Creates the ad-hoc analysis views (request_summary, authority_stats, review_outcomes,
exemption_use, overdue_now) on both engines, and on PostgreSQL GIN indexes for full-text search
over message bodies and attachment text. The indexes are named ix_fts_* so autogenerate leaves
them alone (db.migrate.include_object).
"""

from collections.abc import Sequence

from alembic import op

from db.views import create_statements, drop_statements

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_INDEXES = (
    ("ix_fts_messages_body_text", "messages", "body_text"),
    ("ix_fts_attachments_text", "attachments", "text"),
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_statements(dialect):
        op.execute(statement)
    if dialect == "postgresql":
        for name, table, column in FTS_INDEXES:
            op.execute(
                f"CREATE INDEX {name} ON {table} "
                f"USING GIN (to_tsvector('english', coalesce({column}, '')))"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _column in FTS_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for statement in drop_statements():
        op.execute(statement)
