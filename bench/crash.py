"""Crash benchmark: SIGKILL `casebot serve` three times under load; nothing accepted is lost or doubled.

Ten client connections send 2,000 messages (a third of them replies that must thread to the sender's
earlier message) to the real `casebot serve`, which is killed with SIGKILL three times during the run
and restarted each time. The clients behave like a real MTA: a message that got no answer, or a 4xx,
is sent again later, the same bytes with the same Message-ID. After the last restart, once the inbox
and the outbox are drained, the store and the relay (a local SMTP sink) are checked:

- every message that got 250 is in `messages` (direction 'in', external_id = its Message-ID) exactly
  once, nothing else is, nothing is quarantined, and every reply landed in its parent's case;
- every outbox row with status 'sent' reached the sink, and the sink received nothing else; a row
  delivered more than once (the process died between the relay's 250 and marking the row sent) is
  counted and printed: that window is inherent to SMTP delivery, so it only fails with --strict.

    python bench/crash.py [--messages 2000] [--connections 10] [--kills 3] [--pg] [--strict]

Exits 1 when a property is violated.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import email.utils
import json
import random
import re
import secrets
import shutil
import smtplib
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from tests.harness import CasebotProcess, Setup, SmtpSink  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
_MESSAGE_ID = re.compile(r"^Message-ID:\s*(\S+)\s*$", re.M | re.I)


def create_pg_database() -> str:
    import psycopg

    name = f"casebot_crash_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # name is ours: hex only
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_pg_database(url: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@dataclass
class Tally:
    """What the clients saw, shared between their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    accepted: dict[str, float] = field(default_factory=dict)  # Message-ID -> when it got 250
    parent: dict[str, str] = field(default_factory=dict)  # reply's Message-ID -> its parent's
    resent: int = 0  # sends of a message that had already been tried (no answer or 4xx)
    no_answer: int = 0  # connection lost or refused mid-transaction
    temporary: int = 0  # 4xx answers
    permanent: list[tuple[str, int, str]] = field(default_factory=list)  # 5xx: never expected


def _message(sender: str, n: int, parent: str | None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "support@vendor.example"
    message["Subject"] = f"Re: Feil {n}" if parent else f"Feil {n}: lagring av avvik"
    message["Date"] = email.utils.format_datetime(email.utils.localtime())
    message["Message-ID"] = email.utils.make_msgid(idstring=f"crash{n}", domain="acme.no")
    if parent:
        message["In-Reply-To"] = parent
        message["References"] = parent
        message.set_content(f"Innlogging er ikke tillatt. Ingen personopplysninger. (melding {n})")
    else:
        message.set_content(f"Hei, lagring av avvik feiler i modulen Avvik, melding {n}.")
    return message


def client(port: int, index: int, numbers: list[int], tally: Tally, stop: threading.Event) -> None:
    """One connection's share of the messages, in order, each until it gets 250 (or a 5xx)."""
    rnd = random.Random(index)
    last_of: dict[str, str] = {}
    smtp: smtplib.SMTP | None = None
    for n in numbers:
        sender = f"user{index}x{n % 7}@acme.no"
        parent = last_of.get(sender) if n % 3 == 2 else None
        message = _message(sender, n, parent)
        message_id = str(message["Message-ID"])
        if parent:
            with tally.lock:
                tally.parent[message_id] = parent
        tries = 0
        while not stop.is_set():
            if tries:
                with tally.lock:
                    tally.resent += 1
            tries += 1
            try:
                if smtp is None:
                    smtp = smtplib.SMTP("127.0.0.1", port, timeout=30)
                smtp.send_message(message)
            except smtplib.SMTPResponseException as exc:
                if 400 <= exc.smtp_code < 500:
                    with tally.lock:
                        tally.temporary += 1
                    smtp = _drop(smtp)
                    time.sleep(rnd.uniform(0.05, 0.2))
                    continue
                with tally.lock:
                    tally.permanent.append((message_id, exc.smtp_code, str(exc.smtp_error)))
                break
            except (smtplib.SMTPException, OSError):
                with tally.lock:
                    tally.no_answer += 1
                smtp = _drop(smtp)
                time.sleep(rnd.uniform(0.05, 0.3))  # the server is down: a real MTA retries later
                continue
            with tally.lock:
                tally.accepted[message_id] = time.monotonic()
            last_of[sender] = message_id
            break
    _drop(smtp)


def _drop(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
    return None


def _payload(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value)


def outbox_message_id(payload: dict[str, Any]) -> str | None:
    if "message_id" in payload:
        return str(payload["message_id"])
    match = _MESSAGE_ID.search(str(payload.get("message", "")).split("\n\n", 1)[0])
    return match.group(1) if match else None


def drained(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            inbox = conn.execute(
                text("select count(*) from inbound where status in ('pending', 'processing')")
            ).scalar_one()
            outbox = conn.execute(
                text("select count(*) from outbox where status in ('pending', 'sending')")
            ).scalar_one()
        return int(inbox), int(outbox)
    finally:
        engine.dispose()


def run(args: argparse.Namespace, root: Path, url: str) -> int:
    sink = SmtpSink().start()
    setup = Setup(
        root=root,
        store_url=url,
        sink_port=sink.port,
        sections={"limits": {"messages_per_sender_per_hour": 0, "replies_per_sender_per_hour": 0}},
    )
    tally = Tally()
    stop = threading.Event()
    proc = CasebotProcess(setup).start()
    started = time.monotonic()
    shares = [list(range(c, args.messages, args.connections)) for c in range(args.connections)]
    threads = [
        threading.Thread(target=client, args=(setup.smtp_port, i, share, tally, stop), daemon=True)
        for i, share in enumerate(shares)
    ]
    for thread in threads:
        thread.start()
    kills: list[tuple[int, float]] = []
    rnd = random.Random(42)
    try:
        for k in range(1, args.kills + 1):
            target = args.messages * k // (args.kills + 1) + rnd.randint(-50, 50)
            while len(tally.accepted) < target and any(t.is_alive() for t in threads):
                time.sleep(0.005)
            proc.kill()
            killed_at = time.monotonic()
            kills.append((len(tally.accepted), 0.0))
            proc = CasebotProcess(setup).start()
            kills[-1] = (kills[-1][0], time.monotonic() - killed_at)
        for thread in threads:
            thread.join(timeout=600)
        sending_done = time.monotonic()
        deadline = time.monotonic() + 600
        while drained(url) != (0, 0) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = drained(url)
        time.sleep(0.5)  # the sink answers before casebot marks the row: let the last marks land
        finished = time.monotonic()
    finally:
        stop.set()
        proc.stop()
        sink.stop()
    failures = [
        line
        for line in (root / "serve.log").read_text(errors="replace").splitlines()
        if re.search(r"inbound \d+ failed|sweep failed", line)
    ]
    print(f"processing failures logged by casebot: {len(failures)}")
    for line in failures[:5]:
        print("   ", line[:300])
    return report(args, url, tally, sink, kills, started, sending_done, finished, left)


def report(
    args: argparse.Namespace,
    url: str,
    tally: Tally,
    sink: SmtpSink,
    kills: list[tuple[int, float]],
    started: float,
    sending_done: float,
    finished: float,
    left: tuple[int, int],
) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = collections.Counter(
            r[0] for r in conn.execute(text("select external_id from messages where direction = 'in'"))
        )
        case_of = dict(
            conn.execute(text("select external_id, case_id from messages where direction = 'in'")).all()
        )
        inbound_rows = conn.execute(text("select count(*) from inbound")).scalar_one()
        quarantined = conn.execute(text("select count(*) from inbound where status = 'failed'")).scalar_one()
        cases = conn.execute(text("select count(*) from cases")).scalar_one()
        outbox = conn.execute(text("select id, status, payload from outbox")).all()
        inbound_of = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                text(
                    "select m.external_id, i.id, i.attempts from messages m "
                    "join inbound i on i.id = m.inbound_id where m.direction = 'in'"
                )
            )
        }
    engine.dispose()

    accepted = set(tally.accepted)
    lost = accepted - set(stored)
    doubled = {m: c for m, c in stored.items() if c > 1}
    phantom = set(stored) - accepted
    misthreaded = [m for m, p in tally.parent.items() if m in case_of and case_of.get(p) != case_of[m]]

    sent_ids: dict[str, int] = {}
    unsent = collections.Counter(row[1] for row in outbox if row[1] != "sent")
    for _id, status, payload in outbox:
        message_id = outbox_message_id(_payload(payload))
        if status == "sent" and message_id:
            sent_ids[message_id] = sent_ids.get(message_id, 0) + 1
    at_sink = collections.Counter(str(m["Message-ID"]) for m in sink.messages)
    replies_lost = [m for m in sent_ids if at_sink[m] == 0]
    replies_twice = {m: c for m, c in at_sink.items() if c > 1 and m in sent_ids}
    unknown_at_sink = [m for m in at_sink if m not in sent_ids]

    took = sending_done - started
    print(f"casebot crash benchmark ({'PostgreSQL' if args.pg else 'SQLite'})")
    print(
        f"  messages: {args.messages} on {args.connections} connections, {len(tally.parent)} of them replies"
    )
    for i, (at, restart) in enumerate(kills, 1):
        print(f"  SIGKILL {i}: after {at} accepted, serving again {restart:.2f}s later")
    print(f"  accepted (250): {len(accepted)} in {took:.1f}s ({len(accepted) / took:.0f}/s incl. restarts)")
    print(f"  client retries: {tally.resent} (no answer {tally.no_answer}, 4xx {tally.temporary})")
    print(f"  5xx answers: {len(tally.permanent)}")
    print(
        f"  inbound rows: {inbound_rows} "
        f"(stored twice because the 250 never arrived: {inbound_rows - len(accepted)})"
    )
    print(
        f"  drained {finished - sending_done:.1f}s after the last 250; "
        f"left pending: inbox {left[0]}, outbox {left[1]}"
    )
    print(f"  cases: {cases}; customer messages stored: {sum(stored.values())}")
    print(f"  lost: {len(lost)}  stored twice: {len(doubled)}  not sent by a client: {len(phantom)}")
    print(f"  quarantined: {quarantined}  replies in the wrong case: {len(misthreaded)}")
    for reply in misthreaded[:5]:
        parent = tally.parent[reply]
        print(
            f"    reply inbound #{inbound_of[reply][0]} (attempts {inbound_of[reply][1]}) opened case "
            f"{case_of[reply]}; its parent, inbound #{inbound_of[parent][0]} "
            f"(attempts {inbound_of[parent][1]}), is in case {case_of.get(parent)}"
        )
    print(f"  outbox: {len(outbox)} rows, {sum(sent_ids.values())} sent, not sent: {dict(unsent) or 0}")
    print(f"  sink: {sum(at_sink.values())} messages received, {len(at_sink)} distinct")
    print(
        f"  sent rows missing at the sink: {len(replies_lost)}  "
        f"at the sink but not marked sent: {len(unknown_at_sink)}"
    )
    print(f"  delivered twice (crash between relay 250 and mark-sent): {len(replies_twice)}")

    violations = []
    if len(accepted) != args.messages or tally.permanent:
        violations.append("not every message was accepted")
    if lost or doubled or phantom:
        violations.append("the store does not hold every accepted message exactly once")
    if quarantined or left != (0, 0) or unsent:
        violations.append("work left undone or quarantined")
    if misthreaded:
        violations.append("replies not in their parent's case")
    if replies_lost or unknown_at_sink:
        violations.append("outbox and sink disagree")
    if args.strict and replies_twice:
        violations.append("a reply was delivered twice")
    for violation in violations:
        print(f"VIOLATION: {violation}")
    print("result:", "FAIL" if violations else "OK")
    return 1 if violations else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--pg", action="store_true", help="run on a fresh PostgreSQL database")
    parser.add_argument("--strict", action="store_true", help="fail on replies delivered twice too")
    parser.add_argument("--keep", action="store_true", help="keep the store and casebot's log to look at")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="casebot-crash-"))
    url = create_pg_database() if args.pg else f"sqlite:///{root / 'data' / 'casebot.db'}"
    try:
        return run(args, root, url)
    finally:
        if args.keep:
            print(f"kept: {root} and {url}")
        else:
            shutil.rmtree(root, ignore_errors=True)
            if args.pg:
                drop_pg_database(url)


if __name__ == "__main__":
    sys.exit(main())
