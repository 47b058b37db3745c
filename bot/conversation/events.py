"""What a channel hands the engine, and what the engine hands back: channel-agnostic values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
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

    Trust (DESIGN "Trust") is the channel's to judge, since only it knows how the message proved
    itself; the engine acts on the verdict:
    - `may_act`: the message may change login consent, withdraw it or close the case. False for a
      message that only a guessable clue (a subject tag) placed in the case, from someone who is not the
      reporter or a participant, or whose sender could not be read or authenticated; what it asks is
      kept for staff and the reporter is asked to confirm from the thread.
    - `colleague`: the sender, of the case's customer, proved the thread (a reply to casebot's own mail
      or the case's secret address): they become a participant.
    - `answerable`: casebot may write to this sender at all (no backscatter to forged addresses).
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
    #: A form's answers (the Slack modal or its buttons, the web form): fields stated outright, never
    #: read out of `text`, which is then only the record of what was sent.
    form: Fields | None = None
    form_subject: str | None = None
    form_description: str | None = None
    may_act: bool = True
    colleague: bool = False
    answerable: bool = True
    #: The sender is one of the vendor's staff (the channel judged it): their message is an answer to the
    #: customer on `case_id`, never a new case and never asked anything.
    staff: bool = False
    #: A staff member who forwarded the customer's message (the customer is `sender`): audited.
    forwarded_by: str | None = None
    #: Mail from an old mailbox (`casebot import`): the message takes its own date (`sent_at`, unless
    #: that is in the future) in the case's history, and a case it opens is marked imported and
    #: takes that date as its creation time.
    imported: bool = False

    def dated(self, now: datetime) -> datetime:
        """When the message joins the case's history: `now`, or an imported message's own date."""
        if self.imported and self.sent_at is not None and self.sent_at <= now:
            return self.sent_at
        return now


class Action(StrEnum):
    """What became of one inbound message; the value labels the processed-messages metric."""

    CREATED = "created"  # a new draft; questions asked
    CREATED_COMPLETE = "created-complete"  # a new case with nothing missing: open at once
    ASKED = "asked"  # a follow-up on a draft; what is still missing asked again
    COMPLETED = "completed"  # a follow-up that completed a draft: now open
    NOTED = "noted"  # a follow-up on an open case: part of its history
    STAFF_REPLY = "staff-reply"  # staff answered the customer through the case
    WITHDRAWN = "withdrawn"  # the customer withdrew login consent
    CLOSED_BY_CUSTOMER = "closed-by-customer"
    CLOSED = "closed"  # closed on request (Slack's close button)
    ALREADY_CLOSED = "already-closed"
    CLOSED_AUTOMATIC = "closed-automatic"  # a machine opened it (reason: why it is a machine)
    NOTED_AUTOMATIC = "noted-automatic"  # a machine wrote on a case: kept, never answered
    DUPLICATE = "duplicate"  # the same message (Message-ID, Slack id) was processed before
    ALREADY_DONE = "already-done"  # another worker finished this inbound row first
    REFUSED = "refused"  # the sender may not act on that case
    IGNORED = "ignored"  # nothing to do (reason says why)
    FAILED = "failed"  # processing raised; the inbound row is retried, then quarantined

    @property
    def ends_or_starts_a_grant(self) -> bool:
        """Whether the grant sweep should run now rather than at its next interval."""
        return self in _GRANT_ACTIONS


_GRANT_ACTIONS = frozenset(
    {
        Action.CLOSED,
        Action.CLOSED_BY_CUSTOMER,
        Action.CLOSED_AUTOMATIC,
        Action.WITHDRAWN,
        Action.COMPLETED,
        Action.CREATED_COMPLETE,
    }
)


@dataclass(frozen=True)
class Outcome:
    """What the engine did with an event (for logs, metrics and the inbox row)."""

    case_id: int | None
    action: Action
    reason: str | None = None  # why: the machine a message came from, what was ignored
    asked: tuple[str, ...] = ()
    rejected_files: tuple[str, ...] = ()
    message_id: str | None = None

    def summary(self) -> str:
        """One line for the inbox row's `outcome`: the action, its reason, the case."""
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.action.value}{reason} case={self.case_id}"[:200]
