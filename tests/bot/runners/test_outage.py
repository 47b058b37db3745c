"""A store or disk that briefly cannot take writes loses nothing, quarantines nothing, resends nothing,
and is reported by /healthz; casebot recovers by itself, on SQLite (a real small file system) and on
PostgreSQL (a database turned read-only)."""

from __future__ import annotations

import smtplib
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import drop_pg_database, make_pg_database, pg_reachable, pg_read_only
from tests.harness import (
    CasebotProcess,
    Setup,
    SmallDisk,
    SmtpSink,
    cli_json,
    mail,
    outbox_rows,
    send,
    wait_until,
)

BUG = "Hei, avvikene lagres ikke i Chrome 131 for alle brukerne siden i går. Det skjer hver gang."


@dataclass
class Outage:
    """A casebot whose store can be made unwritable and writable again by the test."""

    setup: Setup
    unwritable: Callable[[bool], None]


@pytest.fixture(params=["sqlite-read-only", "sqlite-full-disk", "postgres-read-only"])
def outage(request: pytest.FixtureRequest, tmp_path: Path, sink: SmtpSink) -> Iterator[Outage]:
    """The three ways a store stops taking writes here, each real: the SQLite file made immutable
    (`chattr +i`, which stops root too), the SQLite file's disk full (a small tmpfs), and PostgreSQL in
    read-only mode."""
    if request.param == "sqlite-read-only":
        data = tmp_path / "data"
        setup = Setup(root=tmp_path, store_url=f"sqlite:///{data / 'casebot.db'}", sink_port=sink.port)
        yield Outage(setup, lambda on: immutable(data, on))
        immutable(data, False)
        return
    if request.param == "sqlite-full-disk":
        with SmallDisk(tmp_path / "disk", size="4m") as disk:
            setup = Setup(
                root=tmp_path, store_url=f"sqlite:///{disk.path / 'casebot.db'}", sink_port=sink.port
            )
            filler = disk.path / "filler"
            yield Outage(setup, lambda on: disk.fill() if on else filler.unlink(missing_ok=True))
        return
    if not pg_reachable():
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    try:
        yield Outage(
            Setup(root=tmp_path, store_url=url, sink_port=sink.port), lambda on: pg_read_only(url, on)
        )
    finally:
        pg_read_only(url, False)
        drop_pg_database(url)


def immutable(folder: Path, on: bool) -> None:
    """Make the SQLite store's database and WAL files immutable, or writable again.

    Not the shared-memory file: SQLite maps it into memory, and writing to an immutable mapping is a
    bus error (a crash), not a refused write."""
    for path in (folder / "casebot.db", folder / "casebot.db-wal"):
        if path.exists():
            subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True)


def _status(code: int, proc: CasebotProcess) -> bool:
    return proc.healthz()[0] == code


def _smtp_code(setup: Setup, message: Any) -> int:
    try:
        send(setup.smtp_port, message)
    except smtplib.SMTPDataError as exc:
        return exc.smtp_code
    return 250


def test_a_read_only_store_answers_451_and_recovers_by_itself(outage: Outage, sink: SmtpSink) -> None:
    """While the store refuses writes /healthz says 503 and mail gets 451 (the sender retries); when it
    takes writes again, without a restart, /healthz is 200 and mail becomes a case."""
    setup = outage.setup
    with CasebotProcess(setup).start() as proc:
        outage.unwritable(True)
        try:
            wait_until(lambda: _status(503, proc))
            assert "store" in str(proc.healthz()[1]["checks"]["store"])
            assert _smtp_code(setup, mail("kari@acme.no", "Under utfallet", BUG)) == 451
        finally:
            outage.unwritable(False)
        wait_until(lambda: _status(200, proc), timeout=30)
        assert _smtp_code(setup, mail("kari@acme.no", "Etter utfallet", BUG)) == 250
        (case,) = wait_until(lambda: cli_json(setup, "cases", "list"))
        assert case["subject"] == "Etter utfallet"


def test_a_reply_delivered_while_the_store_refuses_writes_is_sent_once(
    outage: Outage, sink: SmtpSink
) -> None:
    """The relay takes a reply just as the store stops taking writes: casebot records it as sent once
    the store is back, and never sends it again."""
    setup = outage.setup
    with CasebotProcess(setup).start():

        def store_goes_read_only() -> None:
            outage.unwritable(True)
            sink.on_message = None

        sink.on_message = store_goes_read_only
        send(setup.smtp_port, mail("kari@acme.no", "Avvik", BUG))
        sink.wait_for("kari@acme.no")
        time.sleep(3)  # casebot tries to record the delivery while it cannot
        outage.unwritable(False)
        wait_until(lambda: all(m["status"] == "sent" for m in outbox_rows(setup)), timeout=30)
        time.sleep(2)
        assert len(sink.to("kari@acme.no")) == 1


def test_a_full_attachments_disk_delays_the_message_but_never_quarantines_it(
    tmp_path: Path, store_url: str, sink: SmtpSink
) -> None:
    """Mail whose files cannot be written (the attachments disk is full) keeps its 250: it waits, is not
    counted as a failed attempt, /healthz says so, and it becomes its case once there is room."""
    with SmallDisk(tmp_path / "files", size="1m") as disk:
        setup = Setup(root=tmp_path, store_url=store_url, sink_port=sink.port)
        setup.sections["store"] = {"attachments_dir": str(disk.path)}
        with CasebotProcess(setup).start() as proc:
            filler = disk.fill()
            files = [("logg.txt", "text/plain", b"ERROR\n" * 40_000)]
            send(setup.smtp_port, mail("kari@acme.no", "Logg vedlagt", BUG, attachments=files))
            wait_until(lambda: _status(503, proc))
            time.sleep(5)  # long enough for three failed attempts, which would quarantine a broken message
            assert cli_json(setup, "inbox", "failed") == []
            assert cli_json(setup, "cases", "list") == []
            filler.unlink()
            (case,) = wait_until(lambda: cli_json(setup, "cases", "list"), timeout=60)
            detail = cli_json(setup, "cases", "show", str(case["id"]))
            assert [a["filename"] for a in detail["attachments"]] == ["logg.txt"]
            wait_until(lambda: _status(200, proc))
