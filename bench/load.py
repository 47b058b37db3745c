"""Load benchmark at the SMTP edge: a big burst of connections, and slow clients beside fast ones.

1. Burst: N clients (default 500) connect in the same instant and send one message each; printed:
   how many got 250, p50/p99/max time to 250, and how long until all were cases.
2. Slow clients: fast sequential sends for a few seconds alone, then again while S clients (default
   20) trickle a message at one byte per second; printed: fast latency p50/p99 both times, and what
   the slow clients were told and when ([smtp] timeout_seconds = 3: `421 4.4.2` expected).

    python bench/load.py [--burst 500] [--slow 20]

Exits 1 when a burst client is not served, the slow clients are not cut off with 421 4.4.2, or the
fast clients' median latency beside them is more than 3x (+100 ms) their median alone.
"""

from __future__ import annotations

import argparse
import smtplib
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bot.test_load import _send_for, _slow_client  # noqa: E402

from tests.harness import CasebotProcess, Setup, SmtpSink, mail  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def burst(root: Path, sink: SmtpSink, clients: int) -> bool:
    setup = Setup(
        root=root,
        store_url=f"sqlite:///{root / 'data' / 'casebot.db'}",
        sink_port=sink.port,
        sections={"smtp": {"max_connections": clients + 50}},
    )
    proc = CasebotProcess(setup).start()
    barrier = threading.Barrier(clients)
    results: dict[int, tuple[int, float]] = {}

    def client(n: int) -> None:
        message = mail(f"burst{n}@acme.no", f"Burst {n}", f"Melding {n}.")
        barrier.wait()
        started = time.monotonic()
        try:
            with smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=120) as smtp:
                smtp.send_message(message)
            results[n] = (250, time.monotonic() - started)
        except smtplib.SMTPResponseException as exc:
            results[n] = (exc.smtp_code, time.monotonic() - started)
        except (smtplib.SMTPException, OSError):
            results[n] = (0, time.monotonic() - started)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    try:
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        answered = time.monotonic() - started
        db = root / "data" / "casebot.db"
        while time.monotonic() - started < 600:
            with sqlite3.connect(db) as conn:
                done = conn.execute("select count(*) from inbound where status = 'done'").fetchone()[0]
            if done >= clients:
                break
            time.sleep(0.2)
        processed = time.monotonic() - started
    finally:
        proc.stop()
    ok = [t for code, t in results.values() if code == 250]
    others = sorted({code for code, _ in results.values() if code != 250})
    print(f"burst: {clients} connections at once")
    print(f"  250: {len(ok)}/{clients}  other answers: {others or 'none'}")
    if ok:
        print(
            f"  time to 250: p50 {pct(ok, 0.5) * 1000:.0f} ms, "
            f"p99 {pct(ok, 0.99) * 1000:.0f} ms, max {max(ok):.2f} s"
        )
    print(f"  all answered in {answered:.1f}s; all {done} cases made {processed:.1f}s after the burst")
    return len(ok) == clients and done >= clients


def slow_clients(root: Path, sink: SmtpSink, count: int) -> bool:
    setup = Setup(
        root=root,
        store_url=f"sqlite:///{root / 'data' / 'casebot.db'}",
        sink_port=sink.port,
        sections={"smtp": {"timeout_seconds": 3}, "limits": {"messages_per_sender_per_hour": 0}},
    )
    proc = CasebotProcess(setup).start()
    try:
        _send_for(setup.smtp_port, 0.5, "warmup")
        alone = _send_for(setup.smtp_port, 2.5, "alone")
        transcripts: list[list[bytes]] = [[] for _ in range(count)]
        closed_after: list[float] = []
        threads = [
            threading.Thread(target=_slow_client, args=(setup.smtp_port, t, closed_after))
            for t in transcripts
        ]
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        beside = _send_for(setup.smtp_port, 2.5, "beside")
        for thread in threads:
            thread.join(timeout=60)
    finally:
        proc.stop()
    told = [t[-1][:40].decode("ascii", "replace").strip() if t else "" for t in transcripts]
    cut_off = sum(line.startswith("421 4.4.2") for line in told)
    base, loaded = statistics.median(alone), statistics.median(beside)
    print(f"slow clients: {count} trickling a byte a second, [smtp] timeout_seconds = 3")
    print(
        f"  fast alone:  {len(alone)} messages, p50 {base * 1000:.1f} ms, "
        f"p99 {pct(alone, 0.99) * 1000:.1f} ms"
    )
    print(
        f"  fast beside: {len(beside)} messages, p50 {loaded * 1000:.1f} ms, "
        f"p99 {pct(beside, 0.99) * 1000:.1f} ms"
    )
    print(f"  slow clients told '421 4.4.2': {cut_off}/{count}; e.g. {told[0]!r}")
    if closed_after:
        print(f"  cut off {min(closed_after):.1f}-{max(closed_after):.1f}s after DATA")
    return cut_off == count and loaded < max(3 * base, base + 0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--slow", type=int, default=20)
    args = parser.parse_args()
    sink = SmtpSink().start()
    try:
        with tempfile.TemporaryDirectory(prefix="casebot-load-") as a, tempfile.TemporaryDirectory() as b:
            results = [burst(Path(a), sink, args.burst), slow_clients(Path(b), sink, args.slow)]
    finally:
        sink.stop()
    print("result:", "OK" if all(results) else "FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
