"""personal links to a case's web form, stored hashed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00

One row per link that a question mail or reminder carried: the SHA-256 of its token, and the key that
signs the forms served through it.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Skipped when already there: SQLite commits a CREATE TABLE on its own, so a crash half-way leaves
    # a store that the next start must still be able to upgrade.
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("web_links"):
        op.create_table(
            "web_links",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("case_id", sa.Integer(), nullable=False),
            sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
            sa.Column("csrf_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
            sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
            sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("token_hash"),
        )
    if "ix_web_links_case" not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("web_links")}:
        op.create_index("ix_web_links_case", "web_links", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_web_links_case", table_name="web_links")
    op.drop_table("web_links")
