"""Ingest benchmark: casebot's SMTP edge against a bare aiosmtpd server that accepts and discards.

Both get the same load over 10 connections: small plain messages, then messages with a 200 KB
attachment. Printed side by side: accepted messages/s, p50/p99 time to 250, and for casebot the rate
at which accepted mail became cases (its acknowledgements go to a third, discarding server, the way
they go to a relay in production). Then the peak memory growth of each for one 34 MB message.

    python bench/ingest.py [--small 2000] [--large 200] [--connections 10]

Targets (ratios within one run): accepted rate >= 0.8x bare, processed rate >= 0.5x bare's accepted
rate, 34 MB peak memory growth <= 1.5x bare's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib

ROOT = Path(__file__).resolve().parents[1]

BARE_SERVER = """
import asyncio, sys
from aiosmtpd.smtp import SMTP

class Discard:
    async def handle_DATA(self, server, session, envelope):
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


async def drive(port: int, messages: list[bytes], connections: int) -> tuple[float, list[float]]:
    """Send all messages over `connections` parallel sessions; returns (elapsed, per-message latency)."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for m in messages:
        queue.put_nowait(m)
    latencies: list[float] = []

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
            started = time.perf_counter()
            await client.sendmail("user@acme.no", ["support@vendor.example"], raw)
            latencies.append(time.perf_counter() - started)
            sent_on_connection += 1
        await client.quit()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return time.perf_counter() - started, latencies


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


def processed_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("select count(*) from inbound where status = 'done'").fetchone()[0])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_casebot(root: Path, sink_port: int) -> tuple[subprocess.Popen[bytes], int]:
    """casebot on the embedded store, sending its replies to `sink_port` (a relay that takes them)."""
    port, http_port, admin_port = free_port(), free_port(), free_port()
    config = root / "casebot.toml"
    config.write_text(
        f'[smtp]\nport = {port}\naddresses = ["support@vendor.example"]\n'
        f'[outbound]\nhost = "127.0.0.1"\nport = {sink_port}\nfrom_address = "support@vendor.example"\n'
        f"[http]\nport = {http_port}\nadmin_port = {admin_port}\n"
        "[limits]\nmessages_per_sender_per_hour = 0\nreplies_per_sender_per_hour = 0\n"
        '[[customers]]\nname = "Acme AS"\ndomains = ["acme.no"]\ninstance = "acme.landax.no"\n'
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--log-level", "WARNING", "--config", str(config), "serve"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=(root / "serve.log").open("wb"),
    )
    wait_port(port)
    return proc, port


def start_bare() -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", BARE_SERVER, str(port)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc, port


def run(args: argparse.Namespace) -> None:
    attachment = os.urandom(200 * 1024)
    workloads = {
        "small": [make_message(i, None) for i in range(args.small)],
        "200KB": [make_message(100_000 + i, attachment) for i in range(args.large)],
    }
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # The outbound relay: a second bare server, so replies are delivered as in production
        # rather than failing and being retried.
        relay, relay_port = start_bare()
        casebot, casebot_port = start_casebot(root, relay_port)
        bare, bare_port = start_bare()
        db = root / "casebot-data" / "casebot.db"
        try:
            done_before = 0
            for name, messages in workloads.items():
                for side, port in (("bare", bare_port), ("casebot", casebot_port)):
                    started = time.perf_counter()
                    elapsed, latencies = asyncio.run(drive(port, messages, args.connections))
                    row = {
                        "accepted/s": len(messages) / elapsed,
                        "p50 ms": percentile(latencies, 50) * 1000,
                        "p99 ms": percentile(latencies, 99) * 1000,
                    }
                    if side == "casebot":
                        target = done_before + len(messages)
                        while processed_count(db) < target:
                            time.sleep(0.02)
                        row["processed/s"] = len(messages) / (time.perf_counter() - started)
                        done_before = target
                    results[f"{name} {side}"] = row

            big = make_message(999_999, os.urandom(25_000_000))  # base64 with line breaks: ~34 MB on the wire
            memory: dict[str, float] = {}
            for side, proc, port in (("bare", bare, bare_port), ("casebot", casebot, casebot_port)):
                before, _ = rss_kib(proc.pid)
                reset_peak(proc.pid)
                asyncio.run(drive(port, [big], 1))
                if side == "casebot":
                    while processed_count(db) < done_before + 1:
                        time.sleep(0.05)
                _, peak = rss_kib(proc.pid)
                memory[side] = (peak - before) / 1024
        finally:
            casebot.terminate()
            bare.terminate()
            relay.terminate()
            casebot.wait()
            bare.wait()
            relay.wait()

    print(f"{'workload':<16} {'accepted/s':>11} {'processed/s':>12} {'p50 ms':>8} {'p99 ms':>8}")
    for key, row in results.items():
        processed = f"{row['processed/s']:.0f}" if "processed/s" in row else "-"
        rate, p50, p99 = row["accepted/s"], row["p50 ms"], row["p99 ms"]
        print(f"{key:<16} {rate:>11.0f} {processed:>12} {p50:>8.1f} {p99:>8.1f}")
    print()
    for name in workloads:
        bare_rate = results[f"{name} bare"]["accepted/s"]
        ours = results[f"{name} casebot"]
        print(
            f"{name}: accepted ratio {ours['accepted/s'] / bare_rate:.2f} (target >= 0.8), "
            f"processed ratio {ours['processed/s'] / bare_rate:.2f} (target >= 0.5)"
        )
    ratio = memory["casebot"] / max(memory["bare"], 1)
    print(
        f"34 MB message ({len(big) / 1e6:.1f} MB on the wire): peak memory growth "
        f"bare {memory['bare']:.0f} MiB, casebot {memory['casebot']:.0f} MiB, "
        f"ratio {ratio:.2f} (target <= 1.5)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=200)
    parser.add_argument("--connections", type=int, default=10)
    run(parser.parse_args())
