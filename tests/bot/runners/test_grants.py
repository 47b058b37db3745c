"""Login grants end when cases close: on time, once, signed, retried, after restarts, on two instances."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.builders import build_engine
from bot.config import parse_config
from bot.conversation.engine import close_case
from bot.runners.grant_calls import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify
from store import cases as case_store
from store.db import open_store
from store.models import Case, LoginGrant, utcnow
from tests.conftest import drop_pg_database, make_pg_database
from tests.harness import CasebotProcess, Setup, SmtpSink, cli, cli_json, free_port, mail, send, wait_until

SECRET = "test-grant-secret"
COMPLETE_WITH_LOGIN = (
    "Hello, how do I add a checklist template? You may log in to our system. "
    "No personal data is involved.\n\nRegards,\nJohn\n"
)


class CustomerSystem:
    """The customer's system: a real HTTP server that checks grant calls as the documented receiver does
    (`bot.runners.grant_calls`: signature over timestamp and body, replay window, sequence per grant, an
    acknowledgement that echoes the key), records what it acted on, and can fail on purpose."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.refused: list[str] = []
        self.last_sequence: dict[int, int] = {}
        self.fail_next = 0
        self.always_fail = False
        self.acknowledge = True
        #: Called with each call it acted on, before it answers (None: nothing).
        self.on_call: Callable[[dict[str, Any]], None] | None = None
        self.lock = threading.Lock()
        system = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                stamp, signature = self.headers[TIMESTAMP_HEADER] or "", self.headers[SIGNATURE_HEADER] or ""
                if not verify(SECRET, stamp, body, signature):
                    with system.lock:
                        system.refused.append(signature)
                    self.send_response(401)
                    self.end_headers()
                    return
                call = json.loads(body)
                with system.lock:
                    failing = system.always_fail or system.fail_next > 0
                    if system.fail_next > 0:
                        system.fail_next -= 1
                    if not failing and call["sequence"] > system.last_sequence.get(call["grant_id"], 0):
                        system.last_sequence[call["grant_id"]] = call["sequence"]
                        system.calls.append({"headers": dict(self.headers), "body": body, "json": call})
                    acknowledge = system.acknowledge
                if not failing and system.on_call is not None:
                    system.on_call(call)
                self.send_response(503 if failing else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                if not failing:
                    echo = call["idempotency_key"] if acknowledge else None
                    self.wfile.write(json.dumps({"idempotency_key": echo}).encode())

            def log_message(self, *args: Any) -> None:
                return None

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/casebot/grants"

    def of(self, action: str) -> list[dict[str, Any]]:
        with self.lock:
            return [c for c in self.calls if c["json"]["action"] == action]


@pytest.fixture
def system() -> Iterator[CustomerSystem]:
    s = CustomerSystem()
    s.thread.start()
    yield s
    s.server.shutdown()


def _webhook(setup: Setup, system: CustomerSystem, **extra: Any) -> None:
    setup.sections["grants"] = {
        "backend": "webhook",
        "webhook_url": system.url,
        "retry_seconds": 1.0,
        **extra,
    }


def _valid_signature(call: dict[str, Any]) -> bool:
    headers = call["headers"]
    return verify(SECRET, headers[TIMESTAMP_HEADER], call["body"], headers[SIGNATURE_HEADER])


def _open_case_with_grant(setup: Setup, sink: SmtpSink, system: CustomerSystem) -> int:
    send(setup.smtp_port, mail("john@globex.com", "Checklist templates", COMPLETE_WITH_LOGIN))
    wait_until(lambda: system.of("grant"), timeout=30)
    (row,) = cli_json(setup, "cases", "list")
    return int(row["id"])


def test_closing_a_case_makes_exactly_one_signed_revoke_call(
    setup: Setup, sink: SmtpSink, system: CustomerSystem
) -> None:
    """Grant on completion, then one revoke on close: signed over the body, with an idempotency key."""
    _webhook(setup, system)
    proc = CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": SECRET}).start()
    try:
        case_id = _open_case_with_grant(setup, sink, system)
        (grant_call,) = system.of("grant")
        assert _valid_signature(grant_call)
        closed_at = time.monotonic()
        cli(setup, "cases", "close", str(case_id))
        wait_until(lambda: system.of("revoke"), timeout=60)
        assert time.monotonic() - closed_at < 60
        time.sleep(2)  # a second call, if there were one, would have come by now
        (revoke,) = system.of("revoke")
        assert _valid_signature(revoke)
        payload = revoke["json"]
        assert payload["case_ref"] == f"#{case_id}" and payload["customer"] == "Globex Ltd"
        assert payload["instance"] == "globex.landax.no" and payload["at"].endswith("Z")
        assert revoke["headers"]["Idempotency-Key"] == payload["idempotency_key"]
        assert (grant_call["json"]["sequence"], payload["sequence"]) == (1, 2)
        assert grant_call["json"]["grant_id"] == payload["grant_id"]
        assert not _valid_signature({**revoke, "body": revoke["body"] + b" "})
        (grant,) = cli_json(setup, "grants", "list")
        assert grant["status"] == "revoked" and grant["backend"]["revoke_confirmed_at"]
        actions = [e["action"] for e in cli_json(setup, "audit", "--case", str(case_id))]
        assert (
            actions.index("grant.opened")
            < actions.index("grant.revoked")
            < actions.index("grant.revoke.confirmed")
        )
    finally:
        proc.stop()


def test_a_failing_customer_system_is_retried_until_it_answers(
    setup: Setup, sink: SmtpSink, system: CustomerSystem
) -> None:
    """Three 503s, then success: the revocation is confirmed, every attempt is in the audit log."""
    _webhook(setup, system)
    proc = CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": SECRET}).start()
    try:
        case_id = _open_case_with_grant(setup, sink, system)
        system.fail_next = 3
        cli(setup, "cases", "close", str(case_id))
        wait_until(lambda: system.of("revoke"), timeout=60)
        audit = [e["action"] for e in cli_json(setup, "audit", "--case", str(case_id))]
        assert audit.count("grant.revoke.failed") == 3 and audit[-1] == "grant.revoke.confirmed"
        assert len(system.of("revoke")) == 1
    finally:
        proc.stop()


def test_close_while_casebot_is_down_is_revoked_right_after_start(
    setup: Setup, sink: SmtpSink, system: CustomerSystem
) -> None:
    """A case closed while casebot was stopped is revoked as soon as it starts again."""
    _webhook(setup, system)
    env = {"CASEBOT_GRANT_SECRET": SECRET}
    proc = CasebotProcess(setup, env=env).start()
    case_id = _open_case_with_grant(setup, sink, system)
    proc.stop()
    cli(setup, "cases", "close", str(case_id))
    assert system.of("revoke") == []
    started = time.monotonic()
    proc = CasebotProcess(setup, env=env).start()
    try:
        wait_until(lambda: system.of("revoke"), timeout=30)
        assert time.monotonic() - started < 15
    finally:
        proc.stop()


def test_staff_are_alerted_when_revocation_keeps_failing(
    setup: Setup, sink: SmtpSink, system: CustomerSystem
) -> None:
    """After the configured time of failures staff get one alert, and casebot keeps trying."""
    _webhook(setup, system, alert_after_hours=0.0005)  # about two seconds
    proc = CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": SECRET}).start()
    try:
        case_id = _open_case_with_grant(setup, sink, system)
        system.always_fail = True
        cli(setup, "cases", "close", str(case_id))
        alerts = wait_until(
            lambda: [m for m in sink.to("staff@vendor.example") if "tilbake" in str(m["Subject"])], timeout=60
        )
        assert len(alerts) == 1 and f"#{case_id}" in str(alerts[0]["Subject"])
        system.always_fail = False
        wait_until(lambda: system.of("revoke"), timeout=60)
        time.sleep(1)
        assert len([m for m in sink.to("staff@vendor.example") if "tilbake" in str(m["Subject"])]) == 1
    finally:
        proc.stop()


def _seed_open_cases(url: str, root: Path, count: int) -> list[int]:
    """`count` open cases with active, already-confirmed grants, written straight into the store."""
    store = open_store(url, root / "seed-att", migrate=True)
    ids = []
    with store.session() as session:
        for i in range(count):
            case = case_store.create_case(
                session,
                status="open",
                subject=f"Sak {i}",
                reporter=f"u{i}@acme.no",
                customer="Acme AS",
                instance="acme.landax.no",
                language="nb",
                login_allowed=True,
                personal_data=False,
            )
            assert case.id is not None
            session.add(LoginGrant(case_id=case.id, pending_action=None, grant_confirmed_at=utcnow()))
            ids.append(case.id)
    store.dispose()
    return ids


@pytest.mark.slow
def test_two_instances_revoke_200_grants_exactly_once(
    tmp_path: Path, sink: SmtpSink, system: CustomerSystem, pg_available: bool
) -> None:
    """Two `casebot serve` on one PostgreSQL, 200 cases closing at once: 200 revoke calls, no duplicates."""
    if not pg_available:
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    procs: list[CasebotProcess] = []
    try:
        ids = _seed_open_cases(url, tmp_path, 200)
        for n in range(2):
            root = tmp_path / f"instance{n}"
            root.mkdir()
            setup = Setup(root=root, store_url=url, sink_port=sink.port)
            _webhook(setup, system)
            procs.append(CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": SECRET}).start())
        config = parse_config({"smtp": {"addresses": ["support@vendor.example"]}})
        store = open_store(url, tmp_path / "att")
        engine = build_engine(config, store)
        with store.session() as session:
            for case_id in ids:
                case = session.get(Case, case_id)
                assert case is not None
                close_case(session, engine, case, reason="staff", actor="test", tell_customer=False)
        store.dispose()
        wait_until(lambda: len(system.of("revoke")) >= 200, timeout=120)
        time.sleep(3)
        revoked = [c["json"]["case_id"] for c in system.of("revoke")]
        assert sorted(revoked) == sorted(ids)
    finally:
        for proc in procs:
            proc.stop()
        drop_pg_database(url)


@pytest.mark.slow
def test_two_instances_send_each_due_reminder_once(
    tmp_path: Path, sink: SmtpSink, pg_available: bool
) -> None:
    """Two `casebot serve` on one PostgreSQL, 200 drafts due for a reminder: 200 reminders, one per case."""
    if not pg_available:
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    procs: list[CasebotProcess] = []
    try:
        store = open_store(url, tmp_path / "att", migrate=True)
        with store.session() as session:
            for i in range(200):
                case_store.create_case(
                    session,
                    status="draft",
                    subject=f"Sak {i}",
                    reporter=f"r{i}@acme.no",
                    customer="Acme AS",
                    language="nb",
                    asked=["login_allowed"],
                    asked_at=utcnow() - timedelta(hours=25),
                )
        store.dispose()
        always = {"business_days": [1, 2, 3, 4, 5, 6, 7], "business_start_hour": 0, "business_end_hour": 24}
        for n in range(2):
            root = tmp_path / f"instance{n}"
            root.mkdir()
            setup = Setup(root=root, store_url=url, sink_port=sink.port)
            setup.sections["reminders"] = always
            procs.append(CasebotProcess(setup).start())
        wait_until(lambda: len(sink.messages) >= 200, timeout=120)
        time.sleep(3)
        recipients = [str(m["To"]) for m in sink.messages]
        assert len(recipients) == 200 and len(set(recipients)) == 200
        assert all("påminnelse" in m.get_content() for m in sink.messages)
    finally:
        for proc in procs:
            proc.stop()
        drop_pg_database(url)


def test_a_2xx_without_the_acknowledgement_is_not_a_confirmation(
    setup: Setup, sink: SmtpSink, system: CustomerSystem
) -> None:
    """A receiver that answers 200 but does not echo the key (a proxy, a wrong endpoint) has not confirmed
    the revocation: casebot keeps trying until the echo comes."""
    _webhook(setup, system)
    with CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": SECRET}).start():
        case_id = _open_case_with_grant(setup, sink, system)
        system.acknowledge = False
        cli(setup, "cases", "close", str(case_id))
        wait_until(lambda: "grant.revoke.failed" in _audit(setup, case_id), timeout=30)
        assert cli_json(setup, "grants", "list")[0]["backend"]["revoke_confirmed_at"] is None
        system.acknowledge = True
        wait_until(lambda: cli_json(setup, "grants", "list")[0]["backend"]["revoke_confirmed_at"], timeout=60)


def test_a_replayed_or_forged_call_fails_the_receivers_check() -> None:
    """The documented check refuses a body changed after signing, another key, and a timestamp outside
    the five-minute window, and accepts the call as sent."""
    body = b'{"action":"revoke","grant_id":1,"sequence":2}'
    now = 1_796_032_000
    signature = sign(SECRET, now, body)
    assert verify(SECRET, str(now), body, signature, now=now + 299)
    assert not verify(SECRET, str(now), body, signature, now=now + 301)
    assert not verify(SECRET, str(now), body + b" ", signature, now=now)
    assert not verify("another-secret", str(now), body, signature, now=now)
    assert not verify(SECRET, "not-a-time", body, signature, now=now)


def _audit(setup: Setup, case_id: int) -> list[str]:
    return [e["action"] for e in cli_json(setup, "audit", "--case", str(case_id))]
