"""Ingest benchmark: a burst of mail over SMTP, from the first byte to the last reply at the relay.

The same burst (1,000 small customer mails by default, on 10 connections) goes to a bare aiosmtpd
server that accepts and discards, and to `casebot serve` on the embedded store, whose replies go to
a relay (a second bare server that counts what it is given, with the time). Printed for casebot:

- hand-over: first byte to the last 250 (what the sending server waits for);
- last case: first byte to the last message processed into a case;
- last reply: first byte to the last reply delivered to the relay;
- drain ratio: last reply / hand-over (target <= 3);
- accepted ratio: casebot's 250s per second during the burst / the bare server's (target >= 0.8).

Then the same with 200 KB attachments, and the peak memory growth of each server for one 34 MB
message (target: casebot <= 1.5x bare). Ratios are measured within one run; absolute times depend
on the machine and on what else runs on it.

    python bench/ingest.py [--small 1000] [--large 100] [--connections 10] [--workers 2]

`--workers` is casebot's `[workers] processes` (0: processing in threads of the serve process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib

ROOT = Path(__file__).resolve().parents[1]

#: A server that accepts and discards; with an argument "count", it also prints the monotonic time
#: of each message it takes (the relay: how the benchmark sees replies arrive).
BARE_SERVER = """
import asyncio, sys, time
from aiosmtpd.smtp import SMTP

COUNT = len(sys.argv) > 2 and sys.argv[2] == "count"

class Discard:
    async def handle_DATA(self, server, session, envelope):
        if COUNT:
            sys.stdout.write(f"{time.monotonic()}\\n")
            sys.stdout.flush()
        return "250 OK"

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Discard(), data_size_limit=36700160, decode_data=False), "127.0.0.1", int(sys.argv[1]))
    print("ready", flush=True)
    await server.serve_forever()

asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} did not open")


def make_message(i: int, attachment: bytes | None) -> bytes:
    message = EmailMessage()
    message["From"] = f"user{i % 50}@acme.no"
    message["To"] = "support@vendor.example"
    message["Subject"] = f"Problem nummer {i}"
    message["Message-ID"] = f"<bench-{i}-{os.getpid()}-{time.monotonic_ns()}@acme.no>"
    message.set_content(
        f"Hei,\n\nAvviksmodulen krasjer når jeg lagrer avvik {i}. Det skjer hver gang, i Chrome 131.\n\n"
        "Mvh\nKari\n"
    )
    if attachment is not None:
        message.add_attachment(
            attachment, maintype="application", subtype="octet-stream", filename="logg.bin"
        )
    return message.as_bytes()


async def drive(port: int, messages: list[bytes], connections: int) -> tuple[float, float]:
    """Send all messages over `connections` parallel sessions.

    Returns (monotonic time of the first connection attempt, seconds until the last 250)."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for m in messages:
        queue.put_nowait(m)

    async def worker() -> None:
        client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=120)
        await client.connect()
        sent_on_connection = 0
        while True:
            try:
                raw = queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            if sent_on_connection >= 90:  # stay under casebot's messages-per-connection limit
                await client.quit()
                await client.connect()
                sent_on_connection = 0
            await client.sendmail("user@acme.no", ["support@vendor.example"], raw)
            sent_on_connection += 1
        await client.quit()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return started, time.monotonic() - started


def rss_kib(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process, in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]


def reset_peak(pid: int) -> None:
    # Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0).
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (casebot's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The field after the command (which is in parentheses and may hold spaces) is the state,
            # then the parent's pid.
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def processed_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from inbound where status = 'done'").fetchone()[0])


def wait_processed(db: Path, target: int, timeout: float = 600.0) -> float:
    """Poll the store until `target` messages are done; returns the monotonic time it saw that."""
    deadline = time.monotonic() + timeout
    while (done := processed_count(db)) < target:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {done} of {target} messages processed")
        time.sleep(0.01)
    return time.monotonic()


class Relay:
    """The outbound relay: a bare server in its own process that reports each delivery's time."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", BARE_SERVER, str(self.port), "count"], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        self.proc.stdout.readline()
        self.times: list[float] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.lock:
                self.times.append(float(line))

    def wait_for(self, count: int, timeout: float = 600.0) -> float:
        """Wait until `count` mails were delivered in all; returns the time of the last of them."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                if len(self.times) >= count:
                    return self.times[count - 1]
                seen = len(self.times)
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {seen} of {count} replies delivered")
            time.sleep(0.01)


def start_casebot(root: Path, relay_port: int, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    """casebot on the embedded store, sending its replies to `relay_port`; returns once it is ready
    (its worker processes too)."""
    port, http_port, admin_port = free_port(), free_port(), free_port()
    config = root / "casebot.toml"
    # [workers] is left out for 0 (the default), so the same benchmark runs against a casebot
    # that has no such key (the version before it, for a before-and-after).
    workers_section = f"[workers]\nprocesses = {workers}\n" if workers else ""
    config.write_text(
        f'[smtp]\nport = {port}\naddresses = ["support@vendor.example"]\n'
        f'[outbound]\nhost = "127.0.0.1"\nport = {relay_port}\nfrom_address = "support@vendor.example"\n'
        f"[http]\nport = {http_port}\nadmin_port = {admin_port}\n"
        "[limits]\nmessages_per_sender_per_hour = 0\nreplies_per_sender_per_hour = 0\n"
        f"{workers_section}"
        '[[customers]]\nname = "Acme AS"\ndomains = ["acme.no"]\ninstance = "acme.landax.no"\n'
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--log-level", "WARNING", "--config", str(config), "serve"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=(root / "serve.log").open("wb"),
    )
    wait_port(port)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/healthz", timeout=2) as response:
                checks = json.loads(response.read()).get("checks", {})
        except OSError:
            checks = {}
        if not workers or checks.get("workers") == f"{workers} of {workers} ready":
            return proc, port
        time.sleep(0.1)
    raise RuntimeError("casebot's workers did not become ready")


def start_bare() -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", BARE_SERVER, str(port)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc, port


@dataclass
class Burst:
    name: str
    messages: int
    bare_handover: float
    handover: float
    last_case: float
    last_reply: float

    def print(self) -> None:
        bare_rate, rate = self.messages / self.bare_handover, self.messages / self.handover
        print(f"{self.name} burst, {self.messages} messages:")
        print(f"  bare aiosmtpd   hand-over {self.bare_handover:7.2f} s   accepted {bare_rate:7.0f}/s")
        print(
            f"  casebot         hand-over {self.handover:7.2f} s   accepted {rate:7.0f}/s   "
            f"last case {self.last_case:7.2f} s   last reply {self.last_reply:7.2f} s"
        )
        print(
            f"  drain ratio (last reply / hand-over) {self.last_reply / self.handover:.2f} (target <= 3), "
            f"accepted ratio {rate / bare_rate:.2f} (target >= 0.8)"
        )


def run(args: argparse.Namespace) -> None:
    attachment = os.urandom(200 * 1024)
    workloads = {
        "small": [make_message(i, None) for i in range(args.small)],
        "200KB": [make_message(100_000 + i, attachment) for i in range(args.large)],
    }
    bursts: list[Burst] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        relay = Relay()
        casebot, casebot_port = start_casebot(root, relay.port, args.workers)
        bare, bare_port = start_bare()
        db = root / "casebot-data" / "casebot.db"
        try:
            done = 0
            for name, messages in workloads.items():
                if not messages:
                    continue
                _, bare_handover = asyncio.run(drive(bare_port, messages, args.connections))
                started, handover = asyncio.run(drive(casebot_port, messages, args.connections))
                done += len(messages)
                last_case = wait_processed(db, done) - started
                last_reply = relay.wait_for(done) - started
                bursts.append(Burst(name, len(messages), bare_handover, handover, last_case, last_reply))

            big = make_message(999_999, os.urandom(25_000_000))  # base64 with line breaks: ~34 MB on the wire
            memory: dict[str, float] = {}
            for side, proc, port in (("bare", bare, bare_port), ("casebot", casebot, casebot_port)):
                watched = [proc.pid, *(children(proc.pid) if side == "casebot" else [])]
                before = {pid: rss_kib(pid)[0] for pid in watched}
                for pid in watched:
                    reset_peak(pid)
                asyncio.run(drive(port, [big], 1))
                if side == "casebot":
                    wait_processed(db, done + 1)
                growth = {pid: (rss_kib(pid)[1] - before[pid]) / 1024 for pid in watched}
                memory[side] = growth[proc.pid]
                if len(watched) > 1:
                    memory["worker"] = max(growth[pid] for pid in watched[1:])
        finally:
            for proc in (casebot, bare, relay.proc):
                proc.terminate()
            for proc in (casebot, bare, relay.proc):
                proc.wait()

    print(f"casebot with [workers] processes = {args.workers}, {args.connections} connections")
    for burst in bursts:
        burst.print()
    bare_growth = max(memory["bare"], 1)
    print(
        f"34 MB message ({len(big) / 1e6:.1f} MB on the wire): peak memory growth of the SMTP process: "
        f"bare {memory['bare']:.0f} MiB, casebot {memory['casebot']:.0f} MiB, "
        f"ratio {memory['casebot'] / bare_growth:.2f} (target <= 1.5)"
    )
    if "worker" in memory:
        print(
            f"  and of the worker process that processed it: {memory['worker']:.0f} MiB, "
            f"{memory['worker'] / bare_growth:.2f}x bare's"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    run(parser.parse_args())
