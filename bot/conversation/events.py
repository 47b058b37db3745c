"""What a channel hands the engine, and what the engine hands back: channel-agnostic values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from parsers.fields import Fields


@dataclass(frozen=True)
class IncomingFile:
    """A file that came with a message; `filename` is the sender's name for it (metadata only)."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False


@dataclass(frozen=True)
class InboundEvent:
    """One message from a customer, whichever channel it came through.

    The channel adapter has already decided which case it belongs to (`case_id`, or None for a new
    case) and whether it is machine-made (`automatic` says why it must never be answered).
    `reply_context` is the channel's own data for answering (email: the Message-ID and References;
    Slack: channel and thread); the engine passes it through untouched.
    """

    channel: str
    sender: str
    sender_name: str = ""
    customer: str | None = None
    subject: str = ""
    text: str = ""
    sent_at: datetime | None = None
    external_id: str | None = None
    files: tuple[IncomingFile, ...] = ()
    case_id: int | None = None
    inbound_id: int | None = None
    automatic: str | None = None
    reply_context: dict[str, Any] = field(default_factory=dict)
    form: Fields | None = None
    form_subject: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What the engine did with an event (for logs, metrics and the inbox row)."""

    case_id: int | None
    action: str
    asked: tuple[str, ...] = ()
    rejected_files: tuple[str, ...] = ()
    message_id: str | None = None
