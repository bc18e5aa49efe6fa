"""provision_citations: the comments name the EISR, which the letter reader now reads

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:30:00

The letter reader normalises the Environmental Information (Scotland) Regulations as their
own regime (``EISR reg10(4)(b)``), so ``provision_citations.regime`` holds FOIA, EIR, FOISA or
EISR; the table's and the two columns' comments said FOIA, EIR or FOISA. Only comments change:
SQLite keeps none, so this does nothing there. Frozen: nothing is imported from the models.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = (
    "Every FOIA/EIR/FOISA/EISR provision a letter names, normalised (e.g. 'FOIA s40(2)'): one "
    "row per distinct citation, with its role (relied on or mentioned)."
)
TABLE_0004 = (
    "Every FOIA/EIR/FOISA provision a letter names, normalised (e.g. 'FOIA s40(2)'): one row "
    "per distinct citation, with its role (relied on or mentioned)."
)
REGIME = "FOIA, EIR, FOISA or EISR."
REGIME_0001 = "FOIA, EIR or FOISA."
CITATION = (
    "Normalised citation: 'FOIA s40(2)', 'EIR reg12(5)(e)', 'FOISA s38(1)(b)', "
    "'EISR reg10(4)(b)'."
)
CITATION_0001 = "Normalised citation: 'FOIA s40(2)', 'EIR reg12(5)(e)', 'FOISA s38(1)(b)'."


def _comments(table: str, regime: str, citation: str, old: tuple[str, str, str]) -> None:
    if op.get_bind().dialect.name != "postgresql":  # SQLite keeps no comments
        return
    op.create_table_comment("provision_citations", table, existing_comment=old[0])
    op.alter_column(
        "provision_citations",
        "regime",
        existing_type=sa.String(length=8),
        existing_nullable=False,
        comment=regime,
        existing_comment=old[1],
    )
    op.alter_column(
        "provision_citations",
        "citation",
        existing_type=sa.String(length=64),
        existing_nullable=False,
        comment=citation,
        existing_comment=old[2],
    )


def upgrade() -> None:
    _comments(TABLE, REGIME, CITATION, (TABLE_0004, REGIME_0001, CITATION_0001))


def downgrade() -> None:
    _comments(TABLE_0004, REGIME_0001, CITATION_0001, (TABLE, REGIME, CITATION))
