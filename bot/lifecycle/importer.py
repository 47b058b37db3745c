"""`casebot import`: an existing support mailbox becomes cases, through the same pipeline as SMTP.

Each message is stored in the inbox and processed by `apply_inbound` with an engine, in mailbox order,
so threading, extraction and attachments work exactly as for live mail. A batch of messages is
stored and processed in one transaction (a savepoint per message, so a message that fails is
quarantined alone): one commit per hundred messages rather than several per message. Without
`reply`, the engine's channels are `SilentChannel`s and no staff are notified: a customer is not
answered for mail they sent last year. A message already in a case (by Message-ID) is skipped
before it is even stored, which makes an interrupted import safe and cheap to run again. Only
counters are kept per message, so memory does not grow with the mailbox.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from bot.builders import build_engine, build_vocabulary
from bot.config import Config
from bot.conversation.engine import Engine
from bot.conversation.replies import Reply
from bot.email.intake import apply_inbound
from bot.lifecycle.mailboxes import MailItem, MailSource, open_mailbox
from bot.lifecycle.progress import Progress
from parsers.message import parse_message
from store.db import Store
from store.errors import StoreUnavailable
from store.inbox import Arrival
from store.lifecycle import imports
from store.models import Case

log = logging.getLogger(__name__)

#: How many failures the summary lists one by one (all are counted, and all are in the quarantine).
MAX_LISTED_FAILURES = 20


class SilentChannel:
    """A customer channel that says nothing: it queues nothing and records no outbound message."""

    def __init__(self, name: str) -> None:
        self.name = name

    def send(
        self,
        session: Session,
        case: Case,
        reply: Reply,
        *,
        context: dict[str, Any],
        dedupe_key: str | None = None,
    ) -> bool:
        return False


def silent_engine(config: Config, store: Store) -> Engine:
    """An engine that changes cases like the live one but answers no one, tells no staff and starts
    no login grant (old consent is no reason to call the customer's system today)."""
    return Engine(
        config=config,
        attachments_dir=store.attachments_dir,
        channels={"email": SilentChannel("email"), "slack": SilentChannel("slack")},
        staff=[],
        vocabulary=build_vocabulary(config),
        open_grants=False,
    )


@dataclass
class ImportSummary:
    """What an import did: counters only, and the first few failures with their reasons."""

    path: str
    replies: bool
    messages: int = 0
    cases_created: int = 0
    follow_ups: int = 0
    skipped_duplicates: int = 0
    skipped_automatic: int = 0
    skipped_ignored: int = 0
    waiting_for_staff: int = 0
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    failure_reasons: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON (`casebot import --json`)."""
        return {
            "path": self.path,
            "replies": self.replies,
            "messages": self.messages,
            "cases_created": self.cases_created,
            "follow_ups": self.follow_ups,
            "skipped": {
                "duplicates": self.skipped_duplicates,
                "automatic": self.skipped_automatic,
                "ignored": self.skipped_ignored,
            },
            "waiting_for_staff": self.waiting_for_staff,
            "failed": self.failed,
            "failures": self.failures,
            "failure_reasons": dict(self.failure_reasons),
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 3),
            "rate": round(self.rate, 1),
        }

    def count(self, action: str) -> None:
        """Count one processed message by the engine's outcome."""
        if action in ("created", "created-complete"):
            self.cases_created += 1
        elif action.startswith(("closed-automatic", "noted-automatic")):
            self.skipped_automatic += 1
        elif action in ("duplicate", "already-done"):
            self.skipped_duplicates += 1
        elif action.startswith("ignored"):
            self.skipped_ignored += 1  # nothing in it for a case (the engine's reason is in the log)
        else:
            self.follow_ups += 1

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.failure_reasons[reason.split(":")[0][:80]] += 1
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append({"where": where, "reason": reason[:300]})


#: Messages stored and processed in one transaction: one commit per batch, not several per message.
BATCH_MESSAGES = 100
#: A batch also ends at this many bytes of mail, so big messages do not pile up in memory.
BATCH_BYTES = 16 * 1024 * 1024


@dataclass
class _Batch:
    """Messages read from the mailbox and not yet imported, with their Message-IDs."""

    items: list[tuple[MailItem, str]] = field(default_factory=list)
    size: int = 0

    def holds(self, message_id: str) -> bool:
        return any(known == message_id for _, known in self.items)

    def add(self, item: MailItem, message_id: str) -> None:
        self.items.append((item, message_id))
        self.size += len(item.raw)

    @property
    def full(self) -> bool:
        return len(self.items) >= BATCH_MESSAGES or self.size >= BATCH_BYTES


def _message_id(item: MailItem) -> str:
    """The Message-ID the pipeline will give the message: its header, or a hash of its bytes."""
    if item.headers.message_id is not None:
        return item.headers.message_id
    # Without one the pipeline names the message by a hash of its bytes; compute it the same way
    # (a full parse, but such messages are rare).
    return parse_message(item.raw).message_id


def _process_one(
    session: Session, engine: Engine, config: Config, item: MailItem, inbound_id: int, *, silent: bool
) -> str:
    """Process one staged message inside a savepoint: if it raises, only its own changes are undone.

    The engine dates the message by its own Date and marks the cases it opens imported (the inbox row
    is the importer's, so the event says `imported`)."""
    with session.begin_nested():
        outcome = apply_inbound(session, engine, config, inbound_id, raw=item.raw)
        if silent and outcome.asked and outcome.case_id is not None:
            imports.forget_unsent_questions(session, outcome.case_id)
    return str(outcome.action)


def _import_batch(
    store: Store, engine: Engine, config: Config, batch: _Batch, summary: ImportSummary, *, silent: bool
) -> None:
    """Store and process a batch of messages in one transaction, then count them in `summary`.

    Messages already in a case are skipped before they are stored. A message whose processing
    raises is quarantined with its error and the others stay. A store outage rolls the whole batch
    back and propagates; Ctrl-C keeps the messages processed before it and propagates.
    """
    actions: list[str] = []
    failures: list[tuple[str, str]] = []
    # fast: a power cut that loses the last commit means those messages are imported again
    with store.session(fast=True) as session:
        known = imports.known_message_ids(session, [message_id for _, message_id in batch.items])
        fresh = [item for item, message_id in batch.items if message_id not in known]
        skipped = len(batch.items) - len(fresh)
        to = (config.smtp.addresses[0],)
        arrivals = [Arrival(i.raw, i.envelope_from, to, peer=imports.IMPORT_PEER) for i in fresh]
        ids = imports.stage_for_import(session, arrivals)
        rows = imports.staged_rows(session, ids)  # held: processing finds each row without a query
        for position, (item, inbound_id) in enumerate(zip(fresh, ids, strict=True)):
            try:
                actions.append(_process_one(session, engine, config, item, inbound_id, silent=silent))
            except (OperationalError, StoreUnavailable):
                raise  # not this message's fault: nothing of the batch is kept, the run stops
            except Exception as exc:  # noqa: BLE001 - one bad message must not stop an import; it is quarantined with its error
                error = "".join(traceback.format_exception_only(exc)).strip()
                # Quarantined at once, with its error, where `casebot inbox failed` shows it.
                imports.quarantine_staged(session, inbound_id, error)
                failures.append((item.where, error))
            except BaseException:
                # Stopped (Ctrl-C): keep what is done, and no row of what is not.
                imports.discard_staged(session, ids[position:])
                session.commit()
                _count_batch(summary, skipped, actions, failures)
                raise
        del rows
    _count_batch(summary, skipped, actions, failures)


def _count_batch(
    summary: ImportSummary, skipped: int, actions: list[str], failures: list[tuple[str, str]]
) -> None:
    """Count a committed batch: messages skipped as known, processed by outcome, and failed."""
    summary.skipped_duplicates += skipped
    summary.messages += skipped
    for action in actions:
        summary.count(action)
        summary.messages += 1
    for where, error in failures:
        summary.fail(where, error)
        summary.messages += 1


def import_mailbox(
    store: Store,
    config: Config,
    path: Path,
    *,
    reply: bool = False,
    stream: TextIO | None = None,
    tty: bool | None = None,
    every: float = 10.0,
) -> ImportSummary:
    """Import every message of the mailbox at `path`, a batch per transaction; Ctrl-C stops after
    the current message, keeping every message before it."""
    source: MailSource = open_mailbox(path)
    engine = build_engine(config, store) if reply else silent_engine(config, store)
    stream = stream if stream is not None else sys.stderr
    tty = stream.isatty() if tty is None else tty
    progress = Progress(stream=stream, total=source.total, tty=tty, every=every)
    summary = ImportSummary(path=str(path), replies=reply)
    started = time.monotonic()
    batch = _Batch()
    try:
        for item in source:
            message_id = _message_id(item)
            if batch.holds(message_id):
                # The same message twice in the mailbox: the first must be in a case before the second
                # is looked up, so that the second is skipped like any message imported before.
                _import_batch(store, engine, config, batch, summary, silent=not reply)
                batch = _Batch()
            batch.add(item, message_id)
            if batch.full:
                _import_batch(store, engine, config, batch, summary, silent=not reply)
                batch = _Batch()
            # Counted as read: the batch being filled is imported within a fraction of a second.
            progress.update(source.done, summary.messages + len(batch.items))
        if batch.items:
            _import_batch(store, engine, config, batch, summary, silent=not reply)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.seconds = time.monotonic() - started
    summary.waiting_for_staff = imports.waiting_for_staff(store)
    progress.finish(source.done, summary.messages, "interrupted" if summary.interrupted else "done")
    return summary


def summary_text(summary: ImportSummary) -> str:
    """The summary for people, one fact a line."""
    skipped = summary.skipped_duplicates + summary.skipped_automatic + summary.skipped_ignored
    lines = [
        f"{'interrupted after' if summary.interrupted else 'imported'} {summary.messages:,} messages "
        f"from {summary.path} in {summary.seconds:.1f}s ({summary.rate:,.0f}/s)",
        f"  cases created:      {summary.cases_created:,}",
        f"  follow-ups threaded: {summary.follow_ups:,}",
        f"  skipped:            {skipped:,} ({summary.skipped_duplicates:,} already imported, "
        f"{summary.skipped_automatic:,} automatic mail, {summary.skipped_ignored:,} with nothing for a case)",
        f"  failed:             {summary.failed:,}",
        f"  waiting for staff:  {summary.waiting_for_staff:,} imported case(s) complete and open "
        "(casebot cases list --imported --status open)",
    ]
    lines.extend(f"    {f['where']}: {f['reason']}" for f in summary.failures)
    if summary.failed > len(summary.failures):
        lines.append(f"    ... and {summary.failed - len(summary.failures)} more (casebot inbox failed)")
    if summary.interrupted:
        lines.append("run the same command again to continue; what was imported is skipped")
    elif summary.replies:
        lines.append("replies are queued in the outbox; `casebot serve` sends them")
    return "\n".join(lines)
