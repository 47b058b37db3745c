"""casebot's tables.

Times are aware UTC datetimes (`utcnow()`); SQLModel stores them as UTC on SQLite and PostgreSQL
alike and hands them back aware.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class CaseStatus(StrEnum):
    """A case's life (DESIGN): `draft` while fields are missing, `open` for staff, then `closed`."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class InboundStatus(StrEnum):
    """An accepted message: `pending` → `processing` (claimed) → `done`; `failed` is the quarantine,
    `expired` a quarantined message whose bytes retention removed."""

    PENDING = "pending"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"
    EXPIRED = "expired"


class OutboxStatus(StrEnum):
    """Something to say: `pending` → `sending` (claimed) → `sent`; `failed` after the last attempt."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class GrantStatus(StrEnum):
    """The vendor's login access to the customer's system for one case: `active` → `revoked`."""

    ACTIVE = "active"
    REVOKED = "revoked"


class GrantAction(StrEnum):
    """The call to the customer's system that a grant still owes: start access, or end it."""

    GRANT = "grant"
    REVOKE = "revoke"


def utcnow() -> datetime:
    """Now, in UTC, as the store keeps it."""
    return datetime.now(UTC)


# Default factories are plain functions, not the builtins `list` and `dict`: pydantic inspects a
# factory's signature every time it makes a default, and a builtin's signature is parsed from text
# (0.7 ms each, six of them per new case: most of the cost of creating one).
def empty_list() -> list[Any]:
    """A new empty list (a field's default)."""
    return []


def empty_dict() -> dict[str, Any]:
    """A new empty dict (a field's default)."""
    return {}


# Per model: each field's name, default and factory (none of casebot's factories takes the data).
_DEFAULTS: dict[type[SQLModel], list[tuple[str, Any, Callable[..., Any] | None]]] = {}


def new_row(model: type[SQLModel], **values: Any) -> dict[str, Any]:
    """A row of `model`'s table for a Core insert: every field's default, as the model's constructor
    gives it (factories called anew), then `values`. The primary key is left to the database, and a
    field without a default to `values` (the insert fails without it, as the flush of a model would).

    For the hot paths, where building the ORM object field by field costs more than the insert.
    Raises TypeError for a value that names no field.
    """
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = [
            (name, info.default, info.default_factory)
            for name, info in model.model_fields.items()
            if getattr(info, "primary_key", False) is not True
            and (info.default_factory is not None or info.default is not PydanticUndefined)
        ]
        _DEFAULTS[model] = defaults
    unknown = values.keys() - model.model_fields.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no field {sorted(unknown)[0]!r}")
    row = {
        name: factory() if factory is not None else default
        for name, default, factory in defaults
        if name not in values
    }
    row.update(values)
    return row


def case_ref(case_id: int | None) -> str:
    """How people refer to a case: `#12` (the tag in subjects is `[Case #12]` / `[Sak #12]`)."""
    return f"#{case_id}"


def iso(value: datetime | None) -> str | None:
    """A time for JSON: UTC, whole seconds, `Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class StoreHealth(SQLModel, table=True):
    """One row that the health check writes: the store takes writes only if this update commits."""

    __tablename__ = "store_health"

    id: int = Field(default=1, primary_key=True)
    checked_at: datetime | None = None


class InboundMessage(SQLModel, table=True):
    """A message as it was accepted (the durable inbox): raw bytes first, processing later.

    status: `pending` → `processing` (claimed until `claimed_until`) → `done`, or `failed`
    (quarantined with `last_error` after too many attempts, until someone retries it).
    """

    __tablename__ = "inbound"
    __table_args__ = (
        Index("ix_inbound_status_id", "status", "id"),
        Index("ix_inbound_sender_received", "envelope_from", "received_at"),
        Index("ux_inbound_idempotency_key", "idempotency_key", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(default="email", max_length=16)
    received_at: datetime = Field(default_factory=utcnow)
    envelope_from: str = Field(default="", max_length=320)
    envelope_to: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    peer: str = Field(default="", max_length=100)
    size: int = 0
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    claimed_until: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    processed_at: datetime | None = None
    outcome: str | None = Field(default=None, max_length=200)
    #: The channel's own id for a request (Slack's trigger or view id): stored twice, it is one row.
    idempotency_key: str | None = Field(default=None, max_length=200)


class InboundRaw(SQLModel, table=True):
    """The bytes of an accepted message, kept apart from its inbox row.

    Claiming and finishing a message update its row, and SQLite rewrites every byte of a row it
    updates: with the bytes in the row, a 30 MB message was read and written again twice.
    """

    __tablename__ = "inbound_raw"

    inbound_id: int = Field(primary_key=True, foreign_key="inbound.id")
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class Case(SQLModel, table=True):
    """One support case; its fields mirror the portal form."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status", "status"),
        Index("ix_cases_customer", "customer"),
        Index("ix_cases_reporter", "reporter"),
    )

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=40, unique=True)
    status: str = Field(default=CaseStatus.DRAFT, max_length=16)
    channel: str = Field(default="email", max_length=16)
    type: str = Field(default="support", max_length=32)
    subject: str = Field(default="", max_length=500)
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    priority: str = Field(default="normal", max_length=16)
    customer: str | None = Field(default=None, max_length=200)
    instance: str | None = Field(default=None, max_length=255)
    reporter: str = Field(default="", max_length=320)
    reporter_name: str = Field(default="", max_length=200)
    requested_handler: str | None = Field(default=None, max_length=200)
    language: str = Field(default="en", max_length=8)
    login_allowed: bool | None = None
    personal_data: bool | None = None
    browser: str | None = Field(default=None, max_length=100)
    app_platform: str | None = Field(default=None, max_length=16)
    app_version: str | None = Field(default=None, max_length=40)
    scope: str | None = Field(default=None, max_length=16)
    affected_users: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    module: str | None = Field(default=None, max_length=100)
    record_id: str | None = Field(default=None, max_length=100)
    observed_on: date | None = None
    recurring: bool | None = None
    # Colleagues of the reporter (same customer) who took part in the case's thread; they may act on it.
    participants: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    # False for an unknown sender casebot must not mail (it would be backscatter to a forged From).
    answer_reporter: bool = True
    # Fields the customer cannot give, or that were asked twice in vain: not asked again, shown to staff.
    unknown: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    # How many times each field was asked (no field is asked a third time).
    ask_counts: dict[str, int] = Field(default_factory=empty_dict, sa_column=Column(JSON, nullable=False))
    # The screenshot tip went out (it goes once per case).
    tip_sent: bool = False
    # The customer said it happens in the app, not which one: the app's platform is asked, not the browser.
    in_app: bool = False
    # An open offer awaiting the customer's "ja" (a second problem as a case of its own): its text.
    offer: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # Field names the customer stated themselves: a later guess never overwrites these.
    stated: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    # The conversation: what the last question asked, when, and how many reminders followed it.
    asked: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    asked_at: datetime | None = None
    reminders_sent: int = 0
    last_customer_at: datetime | None = None
    slack_channel: str | None = Field(default=None, max_length=40)
    slack_thread_ts: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None
    close_reason: str | None = Field(default=None, max_length=40)
    # Came from `casebot import` (an old mailbox); `created_at` is then its first message's Date.
    imported: bool = False

    @property
    def ref(self) -> str:
        return case_ref(self.id)


class CaseMessage(SQLModel, table=True):
    """One message in a case's history, in or out, on either channel."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ux_messages_external_sender", "external_id", "sender", unique=True),
        Index("ix_messages_case", "case_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    direction: str = Field(max_length=4)  # in / out
    channel: str = Field(max_length=16)
    at: datetime = Field(default_factory=utcnow)
    sender: str = Field(default="", max_length=320)
    subject: str = Field(default="", max_length=500)
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    # Email Message-ID or Slack event id: the same message from the same sender is stored once.
    external_id: str | None = Field(default=None, max_length=600)
    inbound_id: int | None = Field(default=None, foreign_key="inbound.id")
    kind: str = Field(default="message", max_length=32)


class Attachment(SQLModel, table=True):
    """A file that came with a message; the bytes live under the attachments folder by SHA-256."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_case", "case_id"), Index("ix_attachments_sha", "sha256"))

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    message_id: int | None = Field(default=None, foreign_key="messages.id")
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=200)
    size: int
    sha256: str = Field(max_length=64)
    inline: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class OutboxItem(SQLModel, table=True):
    """Something to say (email or Slack), written with the state change that caused it.

    status: `pending` → `sending` (claimed until `claimed_until`) → `sent`; `failed` after the last
    attempt. `dedupe_key` makes writing the same reply twice a no-op.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_recipient", "recipient", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    channel: str = Field(max_length=16)
    kind: str = Field(max_length=32)
    recipient: str = Field(max_length=320)
    payload: dict[str, Any] = Field(default_factory=empty_dict, sa_column=Column(JSON, nullable=False))
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_until: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Who did what to which case, and when; never updated, only appended."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_case", "case_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    case_id: int | None = Field(default=None, foreign_key="cases.id")
    actor: str = Field(default="casebot", max_length=320)
    action: str = Field(max_length=64)
    detail: dict[str, Any] = Field(default_factory=empty_dict, sa_column=Column(JSON, nullable=False))


class LoginGrant(SQLModel, table=True):
    """The vendor's permission to log into the customer's system while a case is open.

    status: `active` → `revoked`. Telling the customer's system is separate work
    (`pending_action` grant/revoke), retried until the backend confirms; `revoked_at` is when the
    revocation was decided, `revoke_confirmed_at` when the customer's system confirmed it.
    """

    __tablename__ = "login_grants"
    __table_args__ = (Index("ix_grants_pending", "pending_action", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", unique=True)
    status: str = Field(default="active", max_length=16)
    granted_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = Field(default=None, max_length=40)
    grant_confirmed_at: datetime | None = None
    revoke_confirmed_at: datetime | None = None
    pending_action: str | None = Field(default="grant", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default_factory=utcnow)
    claimed_until: datetime | None = None
    failing_since: datetime | None = None
    alerted_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    #: Numbers every call to the customer's system (grant, then revoke, then a new grant...): the
    #: receiver ignores a call older than the last one it acted on.
    sequence: int = 0


class WebLink(SQLModel, table=True):
    """A personal link to a case's web form (`<base_url>/c/<token>`), one per mail that carried it.

    Only the SHA-256 of the token is kept: a copy of the database opens no form. `csrf_key` signs the
    forms served through this link, so a post must come from a page that casebot served.
    """

    __tablename__ = "web_links"
    __table_args__ = (Index("ix_web_links_case", "case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    token_hash: str = Field(max_length=64, unique=True)
    csrf_key: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class StaffThread(SQLModel, table=True):
    """A post casebot made about a case in a Slack staff channel: a reply in its thread is a staff reply
    on the case, and the customer's later messages are posted into the newest one."""

    __tablename__ = "staff_threads"
    __table_args__ = (
        UniqueConstraint("channel", "ts", name="uq_staff_threads_post"),
        Index("ix_staff_threads_case", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    channel: str = Field(max_length=40)
    ts: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
