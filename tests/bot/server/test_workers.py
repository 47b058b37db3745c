"""`[workers] processes`: processing in worker processes that `casebot serve` starts, watches and
stops, on SQLite and PostgreSQL; and the same burst with processing in the serve process itself."""

from __future__ import annotations

import os
import signal
import smtplib
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from store.db import make_engine
from tests.harness import CasebotProcess, Setup, SmtpSink, cli_json, crlf, mail, outbox_rows, wait_until

BUG = "Hei, avvikene lagres ikke i Chrome 131 for alle brukerne siden i går. Det skjer hver gang."


def _children(pid: int) -> list[int]:
    """The running (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def _workers_ready(proc: CasebotProcess, count: int, *, not_among: tuple[int, ...] = ()) -> list[int]:
    """Wait until /healthz says every worker is ready and `count` workers run, none of them one of
    `not_among` (killed ones); returns their pids."""
    assert proc.proc is not None
    serve = proc.proc.pid

    def ready() -> list[int]:
        pids = _children(serve)
        if len(pids) != count or set(pids) & set(not_among):
            return []
        status = proc.healthz()[1].get("checks", {}).get("workers")
        return pids if status == f"{count} of {count} ready" else []

    pids: list[int] = wait_until(ready, 60)
    return pids


def _burst(port: int, senders: list[str], connections: int) -> None:
    """Send one mail from each sender, over `connections` SMTP sessions at once."""
    queue = list(senders)
    lock = threading.Lock()

    def session() -> None:
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    sender = queue.pop()
                message = mail(sender, f"Avvik fra {sender}", BUG)
                client.sendmail(sender, ["support@vendor.example"], crlf(message.as_bytes()))

    threads = [threading.Thread(target=session) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _inbound(setup: Setup) -> list[dict[str, object]]:
    engine = make_engine(setup.store_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, status, attempts, claimed_until, processed_at, last_error FROM inbound")
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def _all(rows: list[dict[str, object]], count: int, status: str) -> list[dict[str, object]]:
    """The rows when there are `count` of them, all with `status`; otherwise none."""
    return rows if len(rows) == count and all(row["status"] == status for row in rows) else []


@pytest.mark.parametrize("processes", [0, 2], ids=["in-process", "2-workers"])
def test_a_burst_is_processed_exactly_once(
    tmp_path: Path, sink: SmtpSink, store_url: str, processes: int
) -> None:
    """60 mails on 6 connections at once: one case per mail, every mail done, and each reply delivered
    once (as many mails at the relay as outbox rows, all sent)."""
    setup = Setup(root=tmp_path, store_url=store_url, sink_port=sink.port)
    setup.sections["workers"] = {"processes": processes}
    senders = [f"kunde{i}@acme.no" for i in range(60)]
    with CasebotProcess(setup).start() as proc:
        if processes:
            _workers_ready(proc, processes)
        _burst(setup.smtp_port, senders, connections=6)
        rows = wait_until(
            lambda: (
                (r := outbox_rows(setup)) and len(r) >= 120 and all(m["status"] == "sent" for m in r) and r
            ),
            timeout=120,
        )
        cases = cli_json(setup, "cases", "list")
    assert sorted(case["reporter"] for case in cases) == sorted(senders)
    inbound = _inbound(setup)
    assert len(inbound) == 60
    # A mail may be tried twice (a claim whose lease ran out on a busy machine); it is still one case.
    assert [row for row in inbound if row["status"] != "done"] == []
    with sink.lock:
        received = Counter((str(m["To"]), str(m["Message-ID"])) for m in sink.messages)
    assert len(rows) == 120  # a question to each customer and a notice to staff for each case
    assert sum(received.values()) == len(rows) and set(received.values()) == {1}
    assert {to for to, _ in received if to != "staff@vendor.example"} == set(senders)


def test_a_killed_worker_is_replaced_and_its_claimed_mail_processed_after_the_lease(
    tmp_path: Path, sink: SmtpSink, store_url: str
) -> None:
    """The only worker is killed (SIGKILL) while it holds claimed mail: serve starts another at once,
    which processes the rest; what the dead one had claimed waits for its lease, then is processed,
    and every mail is one case."""
    setup = Setup(root=tmp_path, store_url=store_url, sink_port=sink.port)
    setup.sections["workers"] = {"processes": 1}
    senders = [f"kunde{i}@acme.no" for i in range(40)]
    with CasebotProcess(setup).start() as proc:
        (worker,) = _workers_ready(proc, 1)
        sender = threading.Thread(target=_burst, args=(setup.smtp_port, senders, 4))
        sender.start()
        claimed: list[dict[str, object]] = []
        deadline = time.monotonic() + 60
        while not claimed and time.monotonic() < deadline:
            # Frozen, the worker cannot finish what it holds: what is claimed now is its own.
            os.kill(worker, signal.SIGSTOP)
            claimed = [row for row in _inbound(setup) if row["status"] == "processing"]
            if claimed:
                os.kill(worker, signal.SIGKILL)
            else:
                os.kill(worker, signal.SIGCONT)
                time.sleep(0.005)
        sender.join()
        assert claimed, "the worker never held a claim"
        _workers_ready(proc, 1, not_among=(worker,))
        done = wait_until(
            lambda: (
                (r := _inbound(setup)) and len(r) == 40 and all(row["status"] == "done" for row in r) and r
            ),
            timeout=120,
        )
        cases = cli_json(setup, "cases", "list")
    assert sorted(case["reporter"] for case in cases) == sorted(senders)
    by_id = {row["id"]: row for row in done}
    for row in claimed:
        again = by_id[row["id"]]
        assert again["attempts"] == 2  # the dead worker's attempt, and the one after the lease
        assert again["processed_at"] >= row["claimed_until"]  # type: ignore[operator]


def test_stopping_serve_leaves_no_worker_behind(setup: Setup) -> None:
    """SIGTERM: serve stops its workers and exits 0, and no worker runs on; SIGKILL of serve takes
    its workers with it."""
    setup.sections["workers"] = {"processes": 2}
    proc = CasebotProcess(setup).start()
    workers = _workers_ready(proc, 2)
    assert proc.stop() == 0
    assert not [pid for pid in workers if _alive(pid)]

    proc = CasebotProcess(setup).start()
    workers = _workers_ready(proc, 2)
    proc.kill()
    wait_until(lambda: not [pid for pid in workers if _alive(pid)], timeout=10)
