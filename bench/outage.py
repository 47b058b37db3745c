"""Store outage: the machine's PostgreSQL stopped for 20 s while clients keep sending.

`casebot serve` runs on a fresh PostgreSQL database; client threads send continuously, each message
until it gets 250 (a 4xx or no answer: the same message again later, as an MTA does). PostgreSQL is
stopped with `pg_ctlcluster ... stop`, left down for 20 s, and started again (in a `finally`, whatever
happens). Checked afterwards:

- while PostgreSQL was down, every answer to DATA was a 4xx (no 250, no 5xx);
- nothing got 250 that is not stored: every accepted Message-ID is in `messages` (direction 'in')
  once the inbox has drained, and nothing is quarantined.

Not part of the pytest suite on purpose: it stops the machine's PostgreSQL.

    python bench/outage.py [--down 20] [--clients 5]

Exits 1 when a property is violated.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import email.utils
import os
import secrets
import shutil
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.harness import CasebotProcess, Setup, SmtpSink  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def pg_ctl(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True, timeout=120
    )


def pg_ready(timeout: float = 60.0) -> bool:
    import psycopg

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(PG_ADMIN, connect_timeout=2):
                return True
        except psycopg.Error:
            time.sleep(0.2)
    return False


@dataclass
class Log:
    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: list[tuple[float, int]] = field(default_factory=list)  # (when answered, code; 0 = none)
    accepted: set[str] = field(default_factory=set)
    texts: collections.Counter[str] = field(default_factory=collections.Counter)


def client(port: int, index: int, log: Log, stop: threading.Event) -> None:
    n = 0
    message: EmailMessage | None = None
    while not stop.is_set():
        if message is None:
            message = EmailMessage()
            message["From"] = f"outage{index}@acme.no"
            message["To"] = "support@vendor.example"
            message["Subject"] = f"Brudd {index}-{n}"
            message["Date"] = email.utils.format_datetime(email.utils.localtime())
            message["Message-ID"] = email.utils.make_msgid(idstring=f"outage{index}x{n}", domain="acme.no")
            message.set_content(f"Hei, melding {n} fra klient {index}.")
            n += 1
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
                smtp.send_message(message)
            code = 250
        except smtplib.SMTPResponseException as exc:
            code = exc.smtp_code
            with log.lock:
                log.texts[f"{code} {exc.smtp_error.decode('utf-8', 'replace')}"] += 1
        except (smtplib.SMTPException, OSError):
            code = 0
        with log.lock:
            log.answers.append((time.monotonic(), code))
            if code == 250:
                log.accepted.add(str(message["Message-ID"]))
        if code == 250:
            message = None
        time.sleep(0.05 if code == 250 else 0.25)


def run(args: argparse.Namespace, root: Path, url: str) -> int:
    sink = SmtpSink().start()
    setup = Setup(
        root=root,
        store_url=url,
        sink_port=sink.port,
        sections={"limits": {"messages_per_sender_per_hour": 0, "replies_per_sender_per_hour": 0}},
    )
    proc = CasebotProcess(setup).start()
    log = Log()
    stop = threading.Event()
    threads = [
        threading.Thread(target=client, args=(setup.smtp_port, i, log, stop), daemon=True)
        for i in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(args.before)
        stopping = time.monotonic()
        try:
            pg_ctl("stop")
            down = time.monotonic()
            time.sleep(args.down)
            starting = time.monotonic()
        finally:
            pg_ctl("start")
            up = time.monotonic()
            pg_ready()
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        engine = create_engine(url)
        deadline = time.monotonic() + 180
        with engine.connect() as conn:
            while time.monotonic() < deadline:
                waiting = conn.execute(
                    text("select count(*) from inbound where status in ('pending', 'processing')")
                ).scalar_one()
                if not waiting:
                    break
                time.sleep(0.5)
                conn.commit()
            stored = collections.Counter(
                r[0] for r in conn.execute(text("select external_id from messages where direction = 'in'"))
            )
            waiting = conn.execute(
                text("select count(*) from inbound where status in ('pending', 'processing')")
            ).scalar_one()
            quarantined = conn.execute(
                text("select count(*) from inbound where status = 'failed'")
            ).scalar_one()
        engine.dispose()
    finally:
        stop.set()
        proc.stop()
        sink.stop()

    def tally(start: float, end: float) -> collections.Counter[str]:
        out: collections.Counter[str] = collections.Counter()
        for when, code in log.answers:
            if start <= when < end:
                out[
                    "250" if code == 250 else "4xx" if 400 <= code < 500 else "5xx" if code >= 500 else "none"
                ] += 1
        return out

    before, during, after = tally(0, stopping), tally(down, starting), tally(up, float("inf"))
    around = tally(stopping, down) + tally(starting, up)
    lost = log.accepted - set(stored)
    doubled = [m for m, c in stored.items() if c > 1]
    print("casebot store-outage benchmark (PostgreSQL stopped for %.0fs)" % (starting - down))
    print(f"  clients: {args.clients}; pg stop took {down - stopping:.1f}s, start {up - starting:.1f}s")
    print(f"  answers before: {dict(before)}")
    print(f"  answers while PostgreSQL was down: {dict(during)}")
    print(f"  answers while it was stopping/starting: {dict(around)}")
    print(f"  answers after: {dict(after)}")
    total = tally(0, float("inf"))
    print(f"  total: 250={total['250']} 4xx={total['4xx']} other={total['5xx'] + total['none']}")
    for reply, count in log.texts.most_common(5):
        print(f"    {count} x {reply[:100]}")
    print(f"  accepted: {len(log.accepted)}; stored afterwards: {len(stored)}; missing: {len(lost)}")
    print(f"  stored twice: {len(doubled)}; left waiting: {waiting}; quarantined: {quarantined}")
    violations = []
    if during["250"] or during["5xx"]:
        violations.append("a 250 or 5xx while the store was down")
    if not during["4xx"]:
        violations.append("no 4xx seen during the outage: the outage was not exercised")
    if lost or doubled:
        violations.append("an accepted message is missing or stored twice")
    if waiting or quarantined:
        violations.append("messages left unprocessed or quarantined after the outage")
    if not after["250"]:
        violations.append("nothing accepted after PostgreSQL came back")
    for violation in violations:
        print(f"VIOLATION: {violation}")
    print("result:", "FAIL" if violations else "OK")
    return 1 if violations else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--down", type=float, default=20.0, help="seconds PostgreSQL stays stopped")
    parser.add_argument("--before", type=float, default=5.0)
    parser.add_argument("--after", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=5)
    args = parser.parse_args()
    import psycopg

    name = f"casebot_outage_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # name is ours: hex only
    root = Path(tempfile.mkdtemp(prefix="casebot-outage-"))
    try:
        return run(args, root, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
        with contextlib.suppress(Exception):
            pg_ready()
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
