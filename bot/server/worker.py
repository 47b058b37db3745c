"""A worker process of `casebot serve`: the inbox runner and the outbox sender, and nothing else.

`casebot serve` starts `[workers] processes` of these (`bot.server.workers.WorkerPool`) as
`python -m bot.server.worker`; nobody else does. They talk over the child's standard streams:

- stdin: first a `WorkerStart` (4-byte big-endian length, then its pickle: the parent's own config
  and secrets, never a file), then one byte per wake-up: `i` the inbox has new messages, `o` the
  outbox has new items. End of file means the parent is gone: the worker stops.
- stdout: one JSON object per line: `{"ready": pid}` once, then `{"processed": action or null,
  "asked": bool, "latency": seconds}` per message, which the parent turns into its metrics.
- stderr: the log, in the parent's format.

Work is shared through the store: messages and outbox items are claimed with leases, so a worker
that dies leaves nothing behind that the others (or its replacement) do not take up once the lease
ends. SIGTERM (or end of stdin) finishes the message in hand and exits 0; on Linux the worker is
killed with its parent (PR_SET_PDEATHSIG), so a crashed `serve` leaves no process behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import functools
import json
import logging
import mmap
import os
import pickle
import signal
import struct
import sys
from dataclasses import dataclass

from bot.builders import build_engine
from bot.config import Config, Secrets
from bot.conversation.events import Outcome
from bot.server.logs import setup_logging
from bot.server.processing import Processing, build_processing, load_slack
from store.db import open_store
from store.errors import StoreUnavailable
from store.inbox import Arrival

log = logging.getLogger(__name__)

WAKE_INBOX = b"i"
WAKE_OUTBOX = b"o"
_LENGTH = struct.Struct(">I")
_PR_SET_PDEATHSIG = 1
#: How long a worker holds back a message while the edge has messages to store (as in-process).
_INTAKE_FIRST_WAIT = 0.02
#: How much lower a worker's CPU priority is than the serve process's (nice(2): 0 to 19).
NICENESS = 10


@dataclass(frozen=True)
class WorkerStart:
    """What a worker is started with: the serve process's configuration, secrets and log settings."""

    config: Config
    secrets: Secrets
    index: int
    parent_pid: int
    log_format: str
    log_level: int
    #: A file descriptor (inherited) of one byte that is 1 while the edge has messages to store; -1: none.
    intake_fd: int = -1

    def frame(self) -> bytes:
        """The bytes the parent writes first to the worker's stdin."""
        data = pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)
        return _LENGTH.pack(len(data)) + data


def _read_exactly(fd: int, size: int) -> bytes:
    # Unbuffered: the wake-up bytes that follow the frame must stay in the pipe for the event loop.
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            raise EOFError("the start frame ended early")
        data += chunk
    return data


def read_start(fd: int) -> WorkerStart:
    """Read the `WorkerStart` frame from a file descriptor; raises EOFError when it ends first."""
    (size,) = _LENGTH.unpack(_read_exactly(fd, _LENGTH.size))
    data = _read_exactly(fd, size)
    # The frame comes from the process that started this one, over a pipe nobody else holds.
    start = pickle.loads(data)  # noqa: S301 - see above: the parent's own objects, not outside input
    if not isinstance(start, WorkerStart):
        raise TypeError(f"expected a WorkerStart, got {type(start).__name__}")
    return start


def die_with_parent(parent_pid: int) -> None:
    """Be killed when the serve process dies, however it dies (Linux); exit now if it is gone already."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(0)


class Reports:
    """Writes the worker's report lines to stdout (read by the parent's pool)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._latency: float | None = None

    def _line(self, entry: dict[str, object]) -> None:
        data = (json.dumps(entry, separators=(",", ":")) + "\n").encode()
        with contextlib.suppress(BrokenPipeError):
            os.write(self.fd, data)  # a few dozen bytes: the pipe takes them whole

    def ready(self) -> None:
        self._line({"ready": os.getpid()})

    def latency(self, seconds: float) -> None:
        self._latency = seconds

    def processed(self, outcome: Outcome | None) -> None:
        self._line(
            {
                "processed": outcome.action.value if outcome else None,
                "asked": bool(outcome and outcome.asked),
                "latency": self._latency,
            }
        )
        self._latency = None


async def _intake_quiet(flag: mmap.mmap, at_most: float) -> None:
    """Wait while the edge has messages to store, up to `at_most` seconds: intake goes first (the
    worker-process twin of `AcceptWriter.idle`), and under a steady stream processing slows but
    never stops."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + at_most
    while flag[0] and loop.time() < deadline:  # noqa: ASYNC110 - a byte another process sets: polled, briefly
        await asyncio.sleep(0.001)


async def _refuse_intake(arrival: Arrival) -> int:
    """A worker takes no new messages: those arrive at the serve process."""
    raise StoreUnavailable("a worker process does not accept messages")


class Worker:
    """One worker's runners, its wake-ups from the parent and its orderly stop."""

    def __init__(self, start: WorkerStart, processing: Processing) -> None:
        self.start = start
        self.processing = processing
        self.stopping = False

    def stop(self) -> None:
        """Finish the message in hand, deliver nothing new, and return from `run`."""
        if self.stopping:
            return
        self.stopping = True
        log.info("worker %d stopping", self.start.index)
        self.processing.inbox.stopping = True
        self.processing.outbox.stopping = True
        self.processing.inbox.wake.set()
        self.processing.outbox.wake.set()

    def woken(self, data: bytes) -> None:
        if not data:
            self.stop()  # the parent is gone
            return
        if WAKE_INBOX in data:
            self.processing.inbox.wake.set()
        if WAKE_OUTBOX in data:
            self.processing.outbox.wake.set()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.stop)
        stdin = sys.stdin.fileno()

        def readable() -> None:
            try:
                data = os.read(stdin, 4096)
            except OSError:
                data = b""
            if not data:
                loop.remove_reader(stdin)
            self.woken(data)

        loop.add_reader(stdin, readable)
        tasks = [
            asyncio.create_task(self.processing.inbox.run(), name="inbox"),
            asyncio.create_task(self.processing.outbox.run(), name="outbox"),
        ]
        await asyncio.gather(*tasks, return_exceptions=True)


async def run_worker(start: WorkerStart, reports: Reports) -> None:
    """Open the store, build the runners exactly as `serve` does in-process, and run them."""
    config, secrets = start.config, start.secrets
    store = await asyncio.to_thread(open_store, config.store.url, config.store.attachments_dir)
    chat = load_slack(config, secrets, store)
    engine = build_engine(
        config, store, slack=chat.channel if chat else None, slack_staff=chat.staff if chat else None
    )
    if chat is not None:
        chat.attach(engine, _refuse_intake)
    processing = build_processing(
        config, secrets, store, engine, chat, on_processed=reports.processed, on_latency=reports.latency
    )
    if start.intake_fd >= 0:
        flag = mmap.mmap(start.intake_fd, 1, access=mmap.ACCESS_READ)
        processing.inbox.intake_first = functools.partial(_intake_quiet, flag, _INTAKE_FIRST_WAIT)
    worker = Worker(start, processing)
    reports.ready()
    log.info("worker %d ready (pid %d)", start.index, os.getpid())
    try:
        await worker.run()
    finally:
        await processing.close()
        store.dispose()
    log.info("worker %d stopped", start.index)


def main() -> int:
    """The worker's entry point; the exit status is 0 after an orderly stop."""
    start = read_start(sys.stdin.fileno())
    die_with_parent(start.parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops the workers
    # Processing can wait; the serve process answering SMTP cannot: where both want the CPU, the
    # kernel lets the serve process go first (an idle serve process leaves the workers every core).
    os.nice(NICENESS)
    setup_logging(start.log_format, logging.getLevelName(start.log_level))
    reports = Reports(sys.stdout.fileno())
    # Anything else that prints must not mix with the report lines.
    sys.stdout = sys.stderr
    asyncio.run(run_worker(start, reports))
    return 0


if __name__ == "__main__":
    # Run as `python -m`, this file is `__main__`; the pickled `WorkerStart` names this module by its
    # own name, so the entry point is taken from there (one class, not two).
    from bot.server import worker

    sys.exit(worker.main())
