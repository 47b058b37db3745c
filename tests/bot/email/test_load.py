"""Load at the SMTP edge: a burst of connections is all served, and a slow client slows nobody else;
and, after a crash under load, order of work does not split a conversation.

bench/load.py runs the same scenarios with bigger numbers and prints them; bench/crash.py kills the
server under load.
"""

from __future__ import annotations

import smtplib
import socket
import sqlite3
import statistics
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from store.db import open_store
from store.inbox import Arrival, accept_inbound, claim_inbound, pending_count
from store.models import CaseMessage, utcnow
from tests.conftest import drop_pg_database, make_pg_database
from tests.harness import CasebotProcess, Setup, SmtpSink, crlf, mail, wait_until


def _inbound_done(setup: Setup) -> int:
    with sqlite3.connect(setup.root / "data" / "casebot.db") as conn:
        return int(conn.execute("select count(*) from inbound where status = 'done'").fetchone()[0])


def test_hundred_connections_opening_at_once_are_all_served(setup: Setup) -> None:
    """100 clients connecting in the same instant each get 220 and 250, and each message is a case."""
    # All from 127.0.0.1, as from one relay in front of casebot: the per-address cap is raised to match.
    setup.sections["smtp"] = {"max_connections": 150, "connections_per_address": 150}
    proc = CasebotProcess(setup).start()
    clients = 100
    barrier = threading.Barrier(clients)
    results: dict[int, tuple[int, str]] = {}

    def client(n: int) -> None:
        message = mail(f"burst{n}@acme.no", f"Burst {n}", f"Melding {n} i en bølge.")
        barrier.wait()
        try:
            with smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=60) as smtp:
                refused = smtp.send_message(message)
                results[n] = (250 if not refused else 550, "")
        except smtplib.SMTPResponseException as exc:
            results[n] = (exc.smtp_code, exc.smtp_error.decode("utf-8", "replace"))
        except (smtplib.SMTPException, OSError) as exc:
            results[n] = (0, repr(exc))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        refused = {n: r for n, r in results.items() if r[0] != 250}
        assert len(results) == clients and refused == {}
        wait_until(lambda: _inbound_done(setup) == clients, timeout=60)
    finally:
        proc.stop()


def _send_for(port: int, seconds: float, tag: str) -> list[float]:
    """Send one message per connection, one after the other, for `seconds`; each one's time to 250."""
    latencies = []
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        message = mail(f"{tag}{n % 20}@acme.no", f"{tag} {n}", "Hei, dette haster litt.")
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.send_message(message)
        latencies.append(time.monotonic() - started)
        n += 1
    return latencies


def _slow_client(port: int, transcript: list[bytes], closed_after: list[float]) -> None:
    """Open a transaction properly, then trickle the message at one byte per second until cut off."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        reader = sock.makefile("rb")
        transcript.append(reader.readline())
        for command in (
            b"EHLO slow.example",
            b"MAIL FROM:<slow@acme.no>",
            b"RCPT TO:<support@vendor.example>",
        ):
            sock.sendall(command + b"\r\n")
            while (line := reader.readline())[3:4] == b"-":  # multi-line EHLO reply
                transcript.append(line)
            transcript.append(line)
        sock.sendall(b"DATA\r\n")
        transcript.append(reader.readline())
        started = time.monotonic()
        sock.settimeout(1.0)
        for byte in b"From: slow@acme.no\r\nSubject: slow\r\n\r\n" + b"x" * 60:
            try:
                sock.sendall(bytes([byte]))
                data = sock.recv(4096)
            except TimeoutError:
                continue  # nothing said yet: keep trickling
            except OSError:
                break  # the server has closed the connection
            transcript.append(data)
            if not data or data.endswith(b"\r\n"):
                break
        closed_after.append(time.monotonic() - started)


def test_slow_client_slows_nobody_and_is_cut_off_with_421(setup: Setup) -> None:
    """Clients trickling a byte a second leave others' latency alone and get `421 4.4.2` at the timeout."""
    setup.sections["smtp"] = {"timeout_seconds": 3}
    setup.sections["limits"] = {"messages_per_sender_per_hour": 0}
    proc = CasebotProcess(setup).start()
    try:
        _send_for(setup.smtp_port, 0.5, "warmup")
        alone = _send_for(setup.smtp_port, 2.5, "alone")
        transcripts: list[list[bytes]] = [[] for _ in range(5)]
        closed_after: list[float] = []
        slow = [
            threading.Thread(target=_slow_client, args=(setup.smtp_port, transcript, closed_after))
            for transcript in transcripts
        ]
        for thread in slow:
            thread.start()
        time.sleep(0.2)  # let the slow clients reach DATA
        beside_slow = _send_for(setup.smtp_port, 2.5, "beside")
        for thread in slow:
            thread.join(timeout=30)
        base, loaded = statistics.median(alone), statistics.median(beside_slow)
        assert loaded < max(3 * base, base + 0.1), (base, loaded)
        assert max(beside_slow) < 2.0
        assert len(closed_after) == 5 and all(2.5 < t < 6 for t in closed_after), closed_after
        for transcript in transcripts:
            assert transcript[-2].startswith(b"354")
            assert transcript[-1].startswith(b"421 4.4.2"), transcript
    finally:
        proc.stop()


def test_reply_to_a_message_orphaned_by_a_crash_joins_its_case(
    tmp_path: Path, sink: SmtpSink, pg_available: bool
) -> None:
    """After a crash on PostgreSQL, a reply accepted after its parent lands in the parent's case."""
    if not pg_available:
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    setup = Setup(root=tmp_path, store_url=url, sink_port=sink.port)
    store = open_store(url, tmp_path / "attachments", migrate=True)
    try:
        parent = mail("kari@acme.no", "Feil ved lagring", "Hei, lagring av avvik feiler.")
        reply = mail("kari@acme.no", "Re: Feil ved lagring", "Innlogging er ikke tillatt.")
        reply["In-Reply-To"] = reply["References"] = str(parent["Message-ID"])
        to = ("support@vendor.example",)
        accept_inbound(store, [Arrival(crlf(parent.as_bytes()), "kari@acme.no", to)])
        # The parent was claimed 25 s ago by a worker that was then killed; its lease has 5 s to go.
        claim_inbound(store, now=utcnow() - timedelta(seconds=25), limit=1)
        accept_inbound(store, [Arrival(crlf(reply.as_bytes()), "kari@acme.no", to)])
        proc = CasebotProcess(setup).start()
        try:
            wait_until(lambda: pending_count(store) == 0, timeout=40)
        finally:
            proc.stop()
        with store.session() as session:
            cases = session.exec(select(CaseMessage.case_id).where(CaseMessage.direction == "in")).all()
        assert len(cases) == 2 and len(set(cases)) == 1, cases
    finally:
        store.dispose()
        drop_pg_database(url)
