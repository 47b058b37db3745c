"""where the problem happens, when the customer said "in the app" but not which one

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:00:00

- cases.in_app: the customer said the problem is in the app (not a browser) without naming the platform,
  so "where does it happen" is asked as the app's platform and version, not the browser.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("cases")}
    if "in_app" not in columns:
        op.add_column("cases", sa.Column("in_app", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("cases", "in_app")
