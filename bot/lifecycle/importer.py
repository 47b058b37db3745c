"""`casebot import`: an existing support mailbox becomes cases, through the same pipeline as SMTP.

Each message is stored in the inbox and processed by `process_inbound` with an engine, one at a time,
so threading, extraction and attachments work exactly as for live mail. Without `reply`, the engine's
channels are `SilentChannel`s and no staff are notified: a customer is not answered for mail they
sent last year. A message already in a case (by Message-ID) is skipped before it is even stored,
which makes an interrupted import safe and cheap to run again. Only counters are kept per message,
so memory does not grow with the mailbox.
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
from bot.conversation.events import Action
from bot.conversation.replies import Reply
from bot.email.intake import process_inbound
from bot.lifecycle.mailboxes import MailItem, MailSource, open_mailbox, read_headers
from bot.lifecycle.progress import Progress
from parsers.message import parse_message
from store.db import Store
from store.errors import StoreUnavailable
from store.inbox import Arrival, release_failed_attempt
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


def _is_known(store: Store, item: MailItem) -> bool:
    message_id = read_headers(item.raw).message_id
    if message_id is None:
        # Without a Message-ID the pipeline names the message by a hash of its bytes; compute it the
        # same way (a full parse, but such messages are rare).
        message_id = parse_message(item.raw).message_id
    return imports.is_known(store, message_id)


def _import_one(
    store: Store, engine: Engine, config: Config, item: MailItem, summary: ImportSummary, *, silent: bool
) -> None:
    if _is_known(store, item):
        summary.skipped_duplicates += 1
        return
    arrival = Arrival(
        raw=item.raw,
        envelope_from=item.envelope_from,
        envelope_to=(config.smtp.addresses[0],),
        peer=imports.IMPORT_PEER,
    )
    inbound_id = imports.accept_for_import(store, arrival)
    try:
        outcome = process_inbound(store, engine, config, inbound_id)
    except (OperationalError, StoreUnavailable):
        imports.discard_unprocessed(store, inbound_id)
        raise
    except Exception as exc:  # noqa: BLE001 - one bad message must not stop an import; it is quarantined with its error
        error = "".join(traceback.format_exception_only(exc)).strip()
        # Quarantined at once, with its error, where `casebot inbox failed` shows it.
        release_failed_attempt(store, inbound_id, error, max_attempts=1)
        summary.fail(item.where, error)
        return
    except BaseException:
        imports.discard_unprocessed(store, inbound_id)
        raise
    if silent and outcome.asked and outcome.case_id is not None:
        imports.forget_unsent_questions(store, outcome.case_id)
    if outcome.case_id is not None:
        headers = read_headers(item.raw)
        created = outcome.action in (Action.CREATED, Action.CREATED_COMPLETE)
        imports.date_imported(store, outcome.case_id, headers.message_id, headers.date, created=created)
    summary.count(outcome.action)


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
    """Import every message of the mailbox at `path`; Ctrl-C stops after the current message."""
    source: MailSource = open_mailbox(path)
    engine = build_engine(config, store) if reply else silent_engine(config, store)
    stream = stream if stream is not None else sys.stderr
    tty = stream.isatty() if tty is None else tty
    progress = Progress(stream=stream, total=source.total, tty=tty, every=every)
    summary = ImportSummary(path=str(path), replies=reply)
    started = time.monotonic()
    try:
        for item in source:
            _import_one(store, engine, config, item, summary, silent=not reply)
            summary.messages += 1
            progress.update(source.done, summary.messages)
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
