"""A 250 is a promise: crashes and store outages must not lose or duplicate accepted mail."""

from __future__ import annotations

import smtplib
import threading
import time
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PG_ADMIN, drop_pg_database, make_pg_database
from tests.harness import CasebotProcess, Setup, mail, wait_until


def _sender_thread(port: int, prefix: str, count: int, accepted: list[str], stop: threading.Event) -> None:
    """Send messages one by one, recording the Message-ID of each that got 250.

    Like a real MTA, a message that got no answer is sent again, the same message with the same
    Message-ID, until it gets one.
    """
    i = 0
    message = mail(f"{prefix}@acme.no", f"{prefix} 0", f"Melding 0 fra {prefix}.")
    while i < count and not stop.is_set():
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                client.send_message(message)
            accepted.append(str(message["Message-ID"]))
            i += 1
            message = mail(f"{prefix}@acme.no", f"{prefix} {i}", f"Melding {i} fra {prefix}.")
        except (smtplib.SMTPException, OSError):
            time.sleep(0.05)  # the server is down or refused: a real client would retry later


def _stored_ids(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                r[0] for r in conn.execute(text("select external_id from messages where direction = 'in'"))
            ]
    finally:
        engine.dispose()


def _inbound_pending(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("select count(*) from inbound where status != 'done'")).scalar_one())
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_during_load_loses_and_duplicates_nothing(setup: Setup) -> None:
    """Every message that got 250 before a SIGKILL is, after restart, in the store exactly once."""
    proc = CasebotProcess(setup).start()
    accepted: list[str] = []
    stop = threading.Event()
    senders = [
        threading.Thread(target=_sender_thread, args=(setup.smtp_port, f"user{n}", 60, accepted, stop))
        for n in range(4)
    ]
    for thread in senders:
        thread.start()
    wait_until(lambda: len(accepted) >= 40, timeout=60, interval=0.01)
    proc.kill()
    killed_at = len(accepted)
    time.sleep(0.5)
    proc = CasebotProcess(setup).start()
    for thread in senders:
        thread.join(timeout=120)
    stop.set()
    try:
        url = setup.store_url
        wait_until(lambda: _inbound_pending(url) == 0, timeout=90)
        stored = _stored_ids(url)
        assert killed_at >= 40 and len(accepted) == 240
        assert sorted(stored) == sorted(accepted), "every accepted message once, nothing else"
    finally:
        proc.stop()


@pytest.mark.slow
def test_store_outage_answers_451_and_keeps_everything_accepted(
    tmp_path: Path, sink, pg_available: bool
) -> None:  # type: ignore[no-untyped-def]
    """With PostgreSQL refusing connections the edge answers 451 4.3.0; what got 250 is all there after."""
    if not pg_available:
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    name = url.rsplit("/", 1)[1]
    setup = Setup(root=tmp_path, store_url=url, sink_port=sink.port)
    proc = CasebotProcess(setup).start()
    try:
        first = mail("kari@acme.no", "Før", "Før bruddet.")
        with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
            client.send_message(first)
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )
        refused = mail("kari@acme.no", "Under", "Under bruddet.")
        with smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=60) as client:
            client.ehlo()
            client.mail("kari@acme.no")
            client.rcpt("support@vendor.example")
            code, reply = client.data(refused.as_bytes())
        assert code == 451 and reply.startswith(b"4.3.0")
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        after = mail("kari@acme.no", "Etter", "Etter bruddet.")
        wait_until(lambda: _try_send(setup.smtp_port, after), timeout=30)
        wait_until(lambda: _inbound_pending(url) == 0 and len(_stored_ids(url)) == 2, timeout=30)
        assert sorted(_stored_ids(url)) == sorted([str(first["Message-ID"]), str(after["Message-ID"])])
        engine = create_engine(url)
        with engine.connect() as conn:
            subjects = [r[0] for r in conn.execute(text("select subject from cases"))]
            raw_count = conn.execute(text("select count(*) from inbound")).scalar_one()
        engine.dispose()
        assert sorted(subjects) == ["Etter", "Før"] and raw_count == 2
    finally:
        proc.stop()
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        drop_pg_database(url)


def _try_send(port: int, message) -> bool:  # type: ignore[no-untyped-def]
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.send_message(message)
        return True
    except smtplib.SMTPException:
        return False


def test_intake_on_postgresql(tmp_path: Path, sink, pg_available: bool) -> None:  # type: ignore[no-untyped-def]
    """The same server on PostgreSQL: a message becomes a case and is acknowledged."""
    if not pg_available:
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    setup = Setup(root=tmp_path, store_url=url, sink_port=sink.port)
    proc = CasebotProcess(setup).start()
    try:
        with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
            client.send_message(
                mail("kari@acme.no", "PG", "Hei fra PostgreSQL.", attachments=[("a.txt", "text/plain", b"x")])
            )
        (ack,) = sink.wait_for("kari@acme.no")
        assert ack["Subject"].startswith("[Sak #1]")
    finally:
        proc.stop()
        drop_pg_database(url)
