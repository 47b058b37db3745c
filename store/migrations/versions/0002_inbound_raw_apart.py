"""the raw bytes of inbound mail in their own table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:00:00

Claiming and finishing a message update its inbox row; SQLite rewrites a whole row on update, so
with the bytes in the row every state change read and wrote the message again.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        raise RuntimeError(f"casebot needs SQLite 3.35 or newer; this Python has {sqlite3.sqlite_version}")
    # Every step is skipped when already done: SQLite commits a CREATE TABLE on its own, so a crash
    # half-way leaves a store that the next start must still be able to upgrade.
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("inbound_raw"):
        op.create_table(
            "inbound_raw",
            sa.Column("inbound_id", sa.Integer(), sa.ForeignKey("inbound.id"), nullable=False),
            sa.Column("raw", sa.LargeBinary(), nullable=False),
            sa.PrimaryKeyConstraint("inbound_id"),
        )
    if "raw" in {column["name"] for column in inspector.get_columns("inbound")}:
        op.execute(
            "INSERT INTO inbound_raw (inbound_id, raw) SELECT id, raw FROM inbound"
            " WHERE id NOT IN (SELECT inbound_id FROM inbound_raw)"
        )
        # A plain DROP COLUMN on both databases (SQLite >= 3.35): rebuilding the table, as batch mode
        # would, trips over the foreign keys that point at it.
        op.execute("ALTER TABLE inbound DROP COLUMN raw")


def downgrade() -> None:
    op.add_column("inbound", sa.Column("raw", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE inbound SET raw = (SELECT raw FROM inbound_raw WHERE inbound_raw.inbound_id = inbound.id)")
    op.drop_table("inbound_raw")
