"""The inbox runner: processes accepted messages, oldest first, and quarantines what keeps failing.

It is a sweep over rows claimed in the database, so start-up recovery is just the first sweep, and a
sweep that runs twice (or on two instances) does no harm. The database calls run in threads; the loop
only waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot import metrics
from bot.config import Config
from bot.conversation.events import Outcome
from store.db import Store, is_outage
from store.errors import Deferred
from store.inbox import claim_inbound, defer_inbound, quarantine_exhausted, release_failed_attempt
from store.models import InboundMessage, utcnow

log = logging.getLogger(__name__)

#: Turns one stored inbound row of a channel into case changes, in one transaction (runs in a thread).
Process = Callable[[int], Outcome]

# Messages claimed at once: one claim per few messages, while several instances still share the work.
_CLAIM_BATCH = 8
# Waiting out a store or disk outage: from one second, doubling, to a minute.
_FIRST_BACKOFF = 1.0
_LONGEST_BACKOFF = 60.0


@dataclass
class InboxWorker:
    """Processes accepted messages, oldest first; quarantines what keeps failing."""

    store: Store
    processors: dict[str, Process]
    config: Config
    on_processed: Callable[[Outcome | None], None] = lambda outcome: None
    #: Hears, for each message processed, the seconds from its acceptance to now.
    on_latency: Callable[[float], None] = metrics.processing_latency.observe
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    #: Waits (briefly) until the edge has stored what is arriving: intake goes before processing.
    intake_first: Callable[[], Awaitable[None]] | None = None

    stopping: bool = False
    # Failed attempts whose release could not be written (the store was down): retried each sweep,
    # so the message is tried again as soon as the store is back, not only when its lease ends.
    unreleased: dict[int, str] = field(default_factory=dict)
    # Messages put aside by a store or disk outage whose putting aside could not be written either.
    undeferred: set[int] = field(default_factory=set)
    #: Seconds to wait before the next sweep while the store or the disk is out; 0 when all is well.
    backoff: float = 0.0
    #: An outage was met in the sweep now running: it stops taking messages.
    out: bool = False

    async def run(self) -> None:
        while not self.stopping:
            try:
                worked = await self.sweep()
            except Exception as exc:
                if not is_outage(exc):
                    log.warning("inbox sweep failed; retrying", exc_info=True)
                self._outage(exc)
                worked = 0
            if self.out:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._until_stopping(), timeout=self.backoff)
            elif not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), timeout=1.0)
                self.wake.clear()

    async def _until_stopping(self) -> None:
        while not self.stopping:  # noqa: ASYNC110 - a flag set by `stop`, polled during a backoff only
            await asyncio.sleep(0.2)

    def _outage(self, exc: BaseException) -> None:
        """The store or the disk cannot take writes: wait longer each time (up to a minute) and say so."""
        self.out = True
        self.backoff = min(_LONGEST_BACKOFF, max(_FIRST_BACKOFF, self.backoff * 2))
        log.warning("store or disk unavailable (%s); inbox waits %.0fs", type(exc).__name__, self.backoff)

    async def sweep(self, limit: int = 50) -> int:
        """Process what is waiting now; returns how many messages were handled."""
        self.out = False
        max_attempts = self.config.limits.max_processing_attempts
        for inbound_id in list(self.undeferred):
            await asyncio.to_thread(defer_inbound, self.store, inbound_id, 0)
            self.undeferred.discard(inbound_id)
        for inbound_id, error in list(self.unreleased.items()):
            await asyncio.to_thread(
                release_failed_attempt, self.store, inbound_id, error, max_attempts=max_attempts
            )
            del self.unreleased[inbound_id]
        await asyncio.to_thread(quarantine_exhausted, self.store, max_attempts=max_attempts)
        done = 0
        while done < limit and not self.stopping and not self.out:
            claimed = await asyncio.to_thread(claim_inbound, self.store, limit=_CLAIM_BATCH)
            if not claimed:
                break
            for row in claimed:
                if self.stopping or self.out:
                    break  # the rest keep their claims until the lease ends (or the next start)
                if self.intake_first is not None:
                    await self.intake_first()
                await self._process(row, max_attempts)
                done += 1
        return done

    async def _process(self, row: InboundMessage, max_attempts: int) -> None:
        assert row.id is not None
        try:
            process = self.processors.get(row.channel)
            if process is None:
                raise LookupError(f"no processor for channel {row.channel!r}")
            outcome = await asyncio.to_thread(process, row.id)
        except Deferred as wait:
            await asyncio.to_thread(defer_inbound, self.store, row.id, wait.seconds)
            log.info("inbound %s waits %ss: %s", row.id, wait.seconds, wait)
            return
        except Exception as exc:  # noqa: BLE001 - one bad message must not stop the others; it is retried, then quarantined
            if is_outage(exc):
                # Not this message's fault: put it back without counting the attempt, and wait.
                self._outage(exc)
                try:
                    await asyncio.to_thread(defer_inbound, self.store, row.id, self.backoff)
                except Exception:  # noqa: BLE001 - the store is down for that too: put back later
                    self.undeferred.add(row.id)
                self.on_processed(None)
                return
            error = "".join(traceback.format_exception_only(exc)).strip()
            try:
                status = await asyncio.to_thread(
                    release_failed_attempt, self.store, row.id, error, max_attempts=max_attempts
                )
            except Exception:  # noqa: BLE001 - the store is down too: release it once it is back
                self.unreleased[row.id] = error
                status = "to be released"
            log.warning("inbound %s failed (attempt %s, now %s): %s", row.id, row.attempts, status, error)
            self.on_processed(None)
            return
        self.backoff = 0.0
        self.on_latency((utcnow() - row.received_at).total_seconds())
        log.info(
            "inbound %s message %s: %s case #%s%s",
            row.id,
            outcome.message_id,
            outcome.action,
            outcome.case_id,
            f" asked {','.join(outcome.asked)}" if outcome.asked else "",
        )
        self.on_processed(outcome)
