"""who may act on a case, and what makes a message or a call the same one

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00

- cases.participants: colleagues of the reporter who took part (they may act on the case too);
- cases.answer_reporter: false for an unknown sender when casebot must not mail them (backscatter);
- messages: a message is the same one by Message-ID *and* sender, not by Message-ID alone, so a
  stranger who sends first with a customer's Message-ID cannot make the customer's message vanish;
- inbound.idempotency_key: a request stored twice (a Slack retry, a replay after a restart) is one row;
- login_grants.sequence: each call to the customer's system numbered, so an old call cannot undo a
  newer one;
- store_health: one row that /healthz writes, to know that the store takes writes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_MESSAGES_COLUMNS = (
    "id, case_id, direction, channel, at, sender, subject, text, external_id, inbound_id, kind"
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    columns = {name: {c["name"] for c in inspector.get_columns(name)} for name in ("cases", "inbound", "login_grants")}
    if "participants" not in columns["cases"]:
        op.add_column("cases", sa.Column("participants", sa.JSON(), nullable=False, server_default="[]"))
    if "answer_reporter" not in columns["cases"]:
        op.add_column(
            "cases", sa.Column("answer_reporter", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    if "idempotency_key" not in columns["inbound"]:
        op.add_column("inbound", sa.Column("idempotency_key", sa.String(length=200), nullable=True))
        op.create_index("ux_inbound_idempotency_key", "inbound", ["idempotency_key"], unique=True)
    if "sequence" not in columns["login_grants"]:
        op.add_column("login_grants", sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
    if not inspector.has_table("store_health"):
        op.create_table(
            "store_health",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.execute("INSERT INTO store_health (id, checked_at) VALUES (1, NULL)")
    _messages_unique_by_sender(bind)


def _messages_unique_by_sender(bind: sa.engine.Connection) -> None:
    """uq_messages_external_id (external_id) becomes ux_messages_external_sender (external_id, sender)."""
    indexes = {i["name"] for i in sa.inspect(bind).get_indexes("messages")}
    if "ux_messages_external_sender" in indexes:
        return
    if bind.dialect.name == "postgresql":
        op.drop_constraint("uq_messages_external_id", "messages", type_="unique")
        op.create_index("ux_messages_external_sender", "messages", ["external_id", "sender"], unique=True)
        return
    # SQLite keeps a UNIQUE constraint inside the table: the table is rebuilt, in one transaction,
    # with foreign keys off for this connection (store.db.upgrade turns them off for migrations and
    # checks them afterwards), the way SQLite's documentation describes for schema changes.
    bind.exec_driver_sql("DROP TABLE IF EXISTS messages_rebuilt")
    bind.exec_driver_sql(
        "CREATE TABLE messages_rebuilt ("
        " id INTEGER NOT NULL PRIMARY KEY,"
        " case_id INTEGER NOT NULL REFERENCES cases (id),"
        " direction VARCHAR(4) NOT NULL,"
        " channel VARCHAR(16) NOT NULL,"
        " at DATETIME NOT NULL,"
        " sender VARCHAR(320) NOT NULL,"
        " subject VARCHAR(500) NOT NULL,"
        " text TEXT NOT NULL,"
        " external_id VARCHAR(600),"
        " inbound_id INTEGER REFERENCES inbound (id),"
        " kind VARCHAR(32) NOT NULL)"
    )
    bind.exec_driver_sql(
        f"INSERT INTO messages_rebuilt ({_MESSAGES_COLUMNS}) SELECT {_MESSAGES_COLUMNS} FROM messages"
    )
    bind.exec_driver_sql("DROP TABLE messages")
    bind.exec_driver_sql("ALTER TABLE messages_rebuilt RENAME TO messages")
    bind.exec_driver_sql("CREATE INDEX ix_messages_case ON messages (case_id, id)")
    bind.exec_driver_sql("CREATE UNIQUE INDEX ux_messages_external_sender ON messages (external_id, sender)")


def downgrade() -> None:
    raise NotImplementedError("0003 has no downgrade: restore the backup taken before upgrading")
