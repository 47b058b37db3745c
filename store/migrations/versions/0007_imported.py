"""cases.imported: the case came from `casebot import` (an old mailbox), not from live mail

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:00:00

`casebot cases list --imported` lists these; the import's summary counts those waiting for staff.
Cases that exist already are live ones (false).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("cases")}
    if "imported" not in columns:
        op.add_column("cases", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("cases", "imported")
