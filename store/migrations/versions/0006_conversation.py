"""what the conversation remembers: fields not known, how often each was asked, the tip, an offer

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-30 10:30:00

- cases.unknown: fields the customer said they cannot give, or that were asked twice without an answer:
  no longer asked, shown to staff (DESIGN's `unknown`);
- cases.ask_counts: how many times each field was asked, so that none is asked a third time;
- cases.tip_sent: the screenshot tip goes out once per case;
- cases.offer: an open offer to the customer (a second problem as a case of its own), awaiting "ja".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("cases")}
    if "unknown" not in columns:
        op.add_column("cases", sa.Column("unknown", sa.JSON(), nullable=False, server_default="[]"))
    if "ask_counts" not in columns:
        op.add_column("cases", sa.Column("ask_counts", sa.JSON(), nullable=False, server_default="{}"))
    if "tip_sent" not in columns:
        op.add_column("cases", sa.Column("tip_sent", sa.Boolean(), nullable=False, server_default=sa.false()))
    if "offer" not in columns:
        op.add_column("cases", sa.Column("offer", sa.JSON(), nullable=True))


def downgrade() -> None:
    for name in ("offer", "tip_sent", "ask_counts", "unknown"):
        op.drop_column("cases", name)
