"""provenance of raw pages and request rows; bot walls met by crawl runs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00

raw_pages gains source (live / archive / import), archive, captured_at and original_url, so
pages from a web archive or a WARC file sit beside live ones and the newest capture wins at
normalise; existing pages are live pages captured when last fetched. requests gains
captured_at and data_source (how stale each row may be, exported). crawl_runs gains
wall_reason, wall_url and wall_at for a run stopped by a bot wall.

Frozen: the columns are written out here, nothing is imported from the live models.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("raw_pages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "source",
                sa.String(length=8),
                server_default="live",
                nullable=False,
                comment="live (fetched from the site), archive (a web archive's capture) or import (a WARC file or saved page).",
            )
        )
        batch_op.add_column(
            sa.Column(
                "archive",
                sa.String(length=32),
                nullable=True,
                comment="The web archive a capture came from: wayback or commoncrawl; null otherwise.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "captured_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment="When the site was last seen serving this content (UTC): the archive's capture time, the WARC record's date, or for live pages the last fetch or 304. Newer wins at normalise.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "original_url",
                sa.Text(),
                nullable=True,
                comment="The site URL an archived or imported page is a copy of; null for live pages.",
            )
        )
    op.execute("UPDATE raw_pages SET captured_at = last_fetched_at WHERE captured_at IS NULL")

    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "captured_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment="When the site served the pages this row comes from: the older of its JSON's and thread page's capture times (UTC). How stale the row may be.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "data_source",
                sa.String(length=8),
                nullable=True,
                comment="Where those pages came from: live, archive (a web archive's capture) or import (a WARC file or saved page); the older page's source when they differ.",
            )
        )
    op.execute(
        "UPDATE requests SET data_source = 'live', captured_at = "
        "(SELECT raw_pages.captured_at FROM raw_pages WHERE raw_pages.id = requests.json_page_id) "
        "WHERE json_page_id IS NOT NULL"
    )

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "wall_reason",
                sa.Text(),
                nullable=True,
                comment="Why the run stopped at a bot wall (a challenge page instead of content); null if it met none.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "wall_url",
                sa.Text(),
                nullable=True,
                comment="The first URL that answered with the bot wall.",
            )
        )
        batch_op.add_column(
            sa.Column(
                "wall_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment="When the bot wall was first met (UTC).",
            )
        )


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+, PostgreSQL): batch mode would rebuild
    # requests, which the analysis views read, and SQLite refuses a view whose table is gone.
    for table, columns in (
        ("crawl_runs", ("wall_at", "wall_url", "wall_reason")),
        ("requests", ("data_source", "captured_at")),
        ("raw_pages", ("original_url", "captured_at", "archive", "source")),
    ):
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
