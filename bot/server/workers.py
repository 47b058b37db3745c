"""The worker processes of `casebot serve` (`[workers] processes`), started, watched and stopped by it.

Processing a message costs milliseconds of CPU; in the serve process those milliseconds would be
taken from the event loop that answers SMTP (the GIL), so a burst of mail would slow the 250s
down. Worker processes (`bot.server.worker`) run the inbox runner and the outbox sender instead,
each on a core of its own, as Mailman's runners do; the serve process keeps the SMTP edge, HTTP
and the scheduler.

The pool starts each worker with the serve process's own configuration, wakes them when the edge
has stored mail or a sweep has queued replies, counts what they report in the serve process's
metrics, starts a worker again when one dies (after a pause that grows while they keep dying at
once), and on `stop` asks each to finish (SIGTERM), killing what is still running after the grace.
What a dead worker had claimed is taken up by the others once its lease ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import mmap
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from bot.config import Config, Secrets
from bot.server.worker import WAKE_INBOX, WAKE_OUTBOX, WorkerStart

log = logging.getLogger(__name__)

#: A worker that ends sooner than this after its start counts as failing to start: the pause before
#: the next start doubles each time, from `_FIRST_PAUSE` up to `_LONGEST_PAUSE` seconds.
_QUICK_EXIT = 10.0
_FIRST_PAUSE = 0.5
_LONGEST_PAUSE = 30.0

#: One report line from a worker, parsed: {"ready": pid} or {"processed": ..., "asked": ..., "latency": ...}.
Report = dict[str, object]


@dataclass
class _Slot:
    index: int
    process: asyncio.subprocess.Process | None = None
    started_at: float = 0.0
    starts: int = 0
    ready: bool = False


def _log_settings() -> tuple[str, int]:
    """The serve process's log format (text or json) and level, for the workers to log alike."""
    from bot.server.logs import JsonFormatter

    root = logging.getLogger()
    json_format = any(isinstance(h.formatter, JsonFormatter) for h in root.handlers)
    return ("json" if json_format else "text"), root.level


@dataclass
class WorkerPool:
    """`count` worker processes kept running until `stop`; see the module's docstring."""

    config: Config
    secrets: Secrets
    count: int
    #: Hears each report line of every worker (in the serve process's loop).
    on_report: Callable[[Report], None] = lambda report: None
    _slots: list[_Slot] = field(default_factory=list)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _wanted: bytearray = field(default_factory=bytearray)
    #: One byte shared with every worker: 1 while the edge has messages waiting to be stored.
    _intake: mmap.mmap | None = None
    _intake_file: IO[bytes] | None = None

    def start(self) -> None:
        """Start every worker (each in a task that keeps it running); returns at once."""
        # Open for the pool's life (closed in `stop`): the workers map it too.
        self._intake_file = tempfile.TemporaryFile()  # noqa: SIM115 - kept open past this block
        self._intake_file.write(b"\0")
        self._intake_file.flush()
        self._intake = mmap.mmap(self._intake_file.fileno(), 1)
        self._slots = [_Slot(index) for index in range(1, self.count + 1)]
        self._tasks = [
            asyncio.create_task(self._keep(slot), name=f"worker-{slot.index}") for slot in self._slots
        ]

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        return [s.process.pid for s in self._slots if s.process is not None and s.process.returncode is None]

    def ready(self) -> int:
        """How many workers are running and have said they are ready to work."""
        running = [s for s in self._slots if s.process is not None and s.process.returncode is None]
        return sum(1 for s in running if s.ready)

    def intake_busy(self, busy: bool) -> None:
        """The edge has messages waiting to be stored (True) or none (False): workers hold back
        new work for a moment while it does, so a sender's 250 does not wait for the store's lock."""
        if self._intake is not None:
            self._intake[0] = 1 if busy else 0

    def wake_inbox(self) -> None:
        """New messages are in the inbox: the workers sweep it now rather than at their next poll."""
        self._want(WAKE_INBOX)

    def wake_outbox(self) -> None:
        """New outbox items are due: the workers deliver them now."""
        self._want(WAKE_OUTBOX)

    def _want(self, wake: bytes) -> None:
        # Wakes asked for in one turn of the loop go out together, one byte of each kind per worker.
        if not self._wanted:
            asyncio.get_running_loop().call_soon(self._send_wakes)
        if wake not in self._wanted:
            self._wanted += wake

    def _send_wakes(self) -> None:
        data, self._wanted = bytes(self._wanted), bytearray()
        for slot in self._slots:
            process = slot.process
            if process is None or process.returncode is not None or process.stdin is None:
                continue
            if not process.stdin.is_closing():
                process.stdin.write(data)

    async def _keep(self, slot: _Slot) -> None:
        """Run one worker, and another whenever it ends, until the pool stops."""
        failures = 0
        while not self._stopping.is_set():
            try:
                await self._run_once(slot)
            except Exception:
                log.warning("worker %d could not be started", slot.index, exc_info=True)
            if self._stopping.is_set():
                break
            quick = time.monotonic() - slot.started_at < _QUICK_EXIT
            failures = failures + 1 if quick else 0
            pause = min(_LONGEST_PAUSE, _FIRST_PAUSE * 2 ** (failures - 1)) if failures else 0.0
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), pause)

    async def _run_once(self, slot: _Slot) -> None:
        fmt, level = _log_settings()
        start = WorkerStart(
            config=self.config,
            secrets=self.secrets,
            index=slot.index,
            parent_pid=os.getpid(),
            log_format=fmt,
            log_level=level,
            intake_fd=self._intake_file.fileno() if self._intake_file is not None else -1,
        )
        slot.started_at = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.server.worker",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            pass_fds=(start.intake_fd,) if start.intake_fd >= 0 else (),
        )
        slot.process = process
        slot.ready = False
        slot.starts += 1
        assert process.stdin is not None and process.stdout is not None
        log.info("worker %d started (pid %d)", slot.index, process.pid)
        process.stdin.write(start.frame())
        if self._stopping.is_set():  # `stop` came while this one was being started
            process.send_signal(signal.SIGTERM)
        try:
            async for line in process.stdout:
                self._report(slot, line)
        finally:
            slot.ready = False
            code = await process.wait()
        if not self._stopping.is_set():
            log.warning(
                "worker %d (pid %d) ended with status %s; starting another", slot.index, process.pid, code
            )

    def _report(self, slot: _Slot, line: bytes) -> None:
        try:
            report = json.loads(line)
        except ValueError:
            log.warning("worker %d wrote a line that is not a report: %r", slot.index, line[:200])
            return
        if not isinstance(report, dict):
            return
        if "ready" in report:
            slot.ready = True
        self.on_report(report)

    async def stop(self, grace: float) -> None:
        """Ask every worker to finish the message in hand (SIGTERM), wait up to `grace` seconds,
        kill what still runs, and return once every worker process has ended and been reaped."""
        self._stopping.set()
        for slot in self._slots:
            if slot.process is not None and slot.process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    slot.process.send_signal(signal.SIGTERM)
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=max(0.1, grace))
        for slot in self._slots:
            if slot.process is not None and slot.process.returncode is None:
                log.warning("worker %d (pid %d) did not stop in time; killed", slot.index, slot.process.pid)
                with contextlib.suppress(ProcessLookupError):
                    slot.process.kill()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._intake is not None and self._intake_file is not None:
            self._intake.close()
            self._intake_file.close()
            self._intake = self._intake_file = None
