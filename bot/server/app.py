"""`casebot serve`: SMTP, HTTP, the scheduler and the workers, on one asyncio loop.

Start-up is recovery: the schema is brought up to date, and the first sweeps process whatever was
accepted but not processed, and deliver whatever was queued but not sent, before the last stop.
SIGTERM stops taking new mail (421), lets in-flight transactions finish, and exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import metrics
from bot.builders import build_engine
from bot.config import Config, Secrets
from bot.conversation.events import Action, Outcome
from bot.conversation.texts import operator_language, say
from bot.email.edge import AcceptWriter, SenderRate, SupportHandler, start_smtp
from bot.lifecycle.retention import run_retention
from bot.runners.grant_calls import make_backend
from bot.runners.sweeps import Sweeps
from bot.server.http import Health, make_admin_app, make_public_app
from bot.server.preflight import check_folders, check_ports, listen_error, listen_places
from bot.server.processing import Processing, build_processing, load_slack
from bot.server.workers import Report, WorkerPool
from bot.web.routes import WebForm
from store import grants as grants_store
from store import inbox as inbox_store
from store import outbox as outbox_store
from store.db import Store, open_store
from store.errors import StoreUnavailable

log = logging.getLogger(__name__)

# How long the inbox worker lets a message wait for the edge to finish storing what is arriving.
# Bounded, so that under a steady stream of mail processing slows down but never stops.
_INTAKE_FIRST_WAIT = 0.02

SHUTDOWN_GRACE = 20.0
# A closed case's revocation reaches the customer's system within this (plus the call) when the
# close happened in another process; a close in this process wakes the sweep at once.
GRANT_SWEEP_SECONDS = 10


@dataclass
class Server:
    """Everything `serve` runs, so tests and benchmarks can start and stop it in-process too."""

    config: Config
    secrets: Secrets
    store: Store | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        """Check the ports and folders, open the store, then start every part.

        Raises `CannotListen`, `FolderUnwritable` or `StoreUnavailable` (one sentence in the
        operator's language) before anything has started, so a failed start leaves nothing running.
        """
        config = self.config
        lang = operator_language()
        check_ports(config, lang)
        folders = await asyncio.to_thread(check_folders, config, lang)
        try:
            self.store = store = await asyncio.to_thread(
                open_store, config.store.url, config.store.attachments_dir, migrate=True
            )
        except StoreUnavailable as exc:
            raise StoreUnavailable(say(lang, "cli_store_unreachable", detail=str(exc))) from exc
        if store.engine.dialect.name == "sqlite":
            # SQLite is one instance's store: whatever is claimed was claimed by a process that died.
            await asyncio.to_thread(inbox_store.release_claims, store)
            await asyncio.to_thread(outbox_store.release_claims, store)
            await asyncio.to_thread(grants_store.release_claims, store)
        self.chat = load_slack(config, self.secrets, store)
        self.engine = build_engine(
            config,
            store,
            slack=self.chat.channel if self.chat else None,
            slack_staff=self.chat.staff if self.chat else None,
        )
        self.processing: Processing | None = None
        self.workers: WorkerPool | None = None
        if config.workers.processes:
            self.workers = WorkerPool(
                config, self.secrets, config.workers.processes, on_report=self._reported
            )
            self.writer = AcceptWriter(
                store, on_stored=self.workers.wake_inbox, on_busy=self.workers.intake_busy
            )
        else:
            self.processing = build_processing(
                config, self.secrets, store, self.engine, self.chat, on_processed=self._processed
            )
            self.writer = AcceptWriter(store, on_stored=self.processing.inbox.wake.set)
            self.processing.inbox.intake_first = functools.partial(self.writer.idle, _INTAKE_FIRST_WAIT)
        self.writer.start()
        self.web_form = WebForm(config, store, self.writer.accept)
        if self.chat is not None:
            self.chat.attach(self.engine, self.writer.accept)
        self.handler = SupportHandler(
            config, self.writer, SenderRate(config.limits.messages_per_sender_per_hour)
        )
        try:
            self.smtp = await start_smtp(config, self.handler)
        except OSError as exc:  # taken between the check and now
            await self.writer.stop()
            raise listen_error(lang, *listen_places(config)[0], exc) from exc
        self.backend = make_backend(config, self.secrets)
        self.sweeps = Sweeps(store, self.engine, config, self.backend)
        self.scheduler = self._schedule()
        self.scheduler.start()
        if self.processing is not None:
            self.tasks = [
                asyncio.create_task(self.processing.inbox.run(), name="inbox"),
                asyncio.create_task(self.processing.outbox.run(), name="outbox"),
            ]
        checks: dict[str, Callable[[], tuple[bool, str]]] = {
            "smtp": lambda: (
                self.smtp.is_serving(),
                "listening" if self.smtp.is_serving() else "not listening",
            ),
            "scheduler": lambda: (
                self.scheduler.running,
                "running" if self.scheduler.running else "stopped",
            ),
        }
        if self.workers is not None:
            self.workers.start()
            checks["workers"] = self._workers_health
        health = Health(checks=checks)
        public = make_public_app(self.chat.handle_http if self.chat else None, routes=self.web_form.routes())
        self.runners = [web.AppRunner(public, access_log=None), web.AppRunner(make_admin_app(store, health))]
        for runner, (key, host, port, flag) in zip(self.runners, listen_places(config)[1:], strict=True):
            await runner.setup()
            try:
                await web.TCPSite(runner, host, port, reuse_address=True).start()
            except OSError as exc:  # taken between the check and now
                await self.stop()
                raise listen_error(lang, key, host, port, flag, exc) from exc
        log.info(
            "casebot serving: smtp %s:%s, http %s:%s, admin (healthz, metrics) %s:%s, store %s (config: %s)",
            config.smtp.host,
            config.smtp.port,
            config.http.host,
            config.http.port,
            config.http.admin_host,
            config.http.admin_port,
            store.engine.url.render_as_string(hide_password=True),
            config.source,
        )
        if "outbound.outgoing_dir" in folders:
            folder = f"{folders['outbound.outgoing_dir']}{os.sep}"
            log.info("%s", say(lang, "cli_no_relay", folder=folder))

    def _schedule(self) -> AsyncIOScheduler:
        """The periodic sweeps; each runs once right at start-up (that is the recovery)."""
        scheduler = AsyncIOScheduler(timezone="UTC")
        now = datetime.now(UTC)
        every = {"coalesce": True, "max_instances": 1, "next_run_time": now}
        # Coroutines, so the scheduler runs them on the loop (plain functions go to a thread).
        scheduler.add_job(self._outbox_poll, "interval", seconds=5, id="outbox", **every)
        scheduler.add_job(self._inbox_poll, "interval", seconds=30, id="inbox", **every)
        grant_every = max(1.0, min(GRANT_SWEEP_SECONDS, self.config.grants.retry_seconds))
        scheduler.add_job(self._grant_sweep, "interval", seconds=grant_every, id="grants", **every)
        scheduler.add_job(self._reminder_sweep, "interval", seconds=60, id="reminders", **every)
        scheduler.add_job(self._retention_sweep, "interval", hours=24, id="retention", **every)
        return scheduler

    async def _outbox_poll(self) -> None:
        self.wake_outbox()

    async def _inbox_poll(self) -> None:
        self.wake_inbox()

    async def _grant_sweep(self) -> None:
        try:
            await asyncio.to_thread(self.sweeps.expire)
            report = await self.sweeps.call_backend()
            if report.alerts:
                self.wake_outbox()
        except Exception:
            log.warning("grant sweep failed", exc_info=True)

    async def _reminder_sweep(self) -> None:
        try:
            report = await asyncio.to_thread(self.sweeps.remind)
            metrics.reminders_sent.inc(report.reminded)
            if report.reminded or report.abandoned:
                log.info("reminders: %d sent, %d abandoned", report.reminded, report.abandoned)
                self.wake_outbox()
                self.grants_wake()
        except Exception:
            log.warning("reminder sweep failed", exc_info=True)

    async def _retention_sweep(self) -> None:
        try:
            report = await asyncio.to_thread(run_retention, self.sweeps.store, self.config)
            log.info(
                "retention: %d case(s) purged, %d file(s) removed, %d raw message(s) emptied",
                len(report.cases),
                report.files_removed,
                report.processed_raw_emptied + report.case_raw_emptied,
            )
        except Exception:
            log.warning("retention sweep failed", exc_info=True)

    def wake_inbox(self) -> None:
        """Sweep the inbox now, wherever it is processed (here or in the worker processes)."""
        if self.workers is not None:
            self.workers.wake_inbox()
        elif self.processing is not None:
            self.processing.inbox.wake.set()

    def wake_outbox(self) -> None:
        """Deliver due outbox items now, wherever they are delivered."""
        if self.workers is not None:
            self.workers.wake_outbox()
        elif self.processing is not None:
            self.processing.outbox.wake.set()

    def _workers_health(self) -> tuple[bool, str]:
        assert self.workers is not None
        ready = self.workers.ready()
        return ready > 0, f"{ready} of {self.workers.count} ready"

    def grants_wake(self) -> None:
        """Run the grant sweep now (a case just closed here) instead of at its next interval."""
        job = self.scheduler.get_job("grants")
        if job is not None:
            job.modify(next_run_time=datetime.now(UTC))

    def _processed(self, outcome: Outcome | None) -> None:
        """A message was handled in this process (the outbox runner is woken by `Processing`)."""
        self._count(outcome.action if outcome else Action.FAILED, bool(outcome and outcome.asked))

    def _reported(self, report: Report) -> None:
        """A worker process handled a message (or became ready): count it here, where /metrics is."""
        if "processed" not in report:
            return
        outcome = report["processed"]
        try:
            action = Action(str(outcome)) if outcome is not None else Action.FAILED
        except ValueError:
            log.warning("a worker reported an unknown outcome: %r", outcome)
            return
        latency = report.get("latency")
        if isinstance(latency, int | float):
            metrics.processing_latency.observe(latency)
        self._count(action, bool(report.get("asked")))

    def _count(self, action: Action, asked: bool) -> None:
        metrics.messages_processed.labels(outcome=action.value).inc()
        if asked:
            metrics.questions_asked.inc()
        if action.ends_or_starts_a_grant:
            self.grants_wake()

    async def stop(self) -> None:
        """Stop taking mail (421), let what is in flight finish, then stop the rest.

        Nothing is lost by stopping at any point: what was accepted is in the inbox, and what the
        inbox worker had not finished is rolled back and done again at the next start.
        """
        self.handler.accepting = False
        deadline = time.monotonic() + SHUTDOWN_GRACE
        while self.handler.in_flight and time.monotonic() < deadline:  # noqa: ASYNC110 - a counter, polled briefly
            await asyncio.sleep(0.05)
        self.smtp.close()
        if self.processing is not None:
            self.processing.inbox.stopping = True
            inbox_task = self.tasks[0]
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(asyncio.shield(inbox_task), max(0.1, deadline - time.monotonic()))
        if self.workers is not None:
            await self.workers.stop(deadline - time.monotonic())
        self.scheduler.shutdown(wait=False)
        await self.backend.close()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.processing is not None:
            await self.processing.close()
        await self.writer.stop()
        for runner in self.runners:
            await runner.cleanup()
        if self.store is not None:
            self.store.dispose()
        log.info("casebot stopped")


async def serve(config: Config, secrets: Secrets) -> None:
    """Run until SIGTERM or SIGINT."""
    # The event loop answers SMTP and Slack while worker threads parse and write. A shorter GIL
    # switch interval (default 5 ms) lets the loop in sooner, so acknowledgements do not queue
    # behind CPU-bound processing.
    sys.setswitchinterval(0.001)
    server = Server(config, secrets)
    started = time.monotonic()
    await server.start()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, server.stopping.set)
    log.info("ready in %.2fs", time.monotonic() - started)
    await server.stopping.wait()
    log.info("stopping")
    await server.stop()
