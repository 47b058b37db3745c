"""the staff channels' posts about a case, so that a reply in their thread reaches the customer

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 12:00:00

One row per post casebot made about a case in a Slack staff channel (support or technical): its
channel and timestamp. A staff member's reply in that thread is a staff reply on the case, and a
customer's later message is posted into the newest of them.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Skipped when already there: SQLite commits a CREATE TABLE on its own (see 0004).
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("staff_threads"):
        op.create_table(
            "staff_threads",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("case_id", sa.Integer(), nullable=False),
            sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
            sa.Column("ts", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
            sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("channel", "ts", name="uq_staff_threads_post"),
        )
    indexes = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("staff_threads")}
    if "ix_staff_threads_case" not in indexes:
        op.create_index("ix_staff_threads_case", "staff_threads", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_staff_threads_case", table_name="staff_threads")
    op.drop_table("staff_threads")
