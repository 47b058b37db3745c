"""Exactly once across kill -9, per outbox kind: each is killed in the worst moment (the receiver has
the message, casebot has not heard so), restarted, and the test shows which guarantee holds.

- email (customer and staff): sent again, with the same Message-ID, so the receiver can drop the copy;
- Slack posts: sent once (the retry finds its earlier post by the outbox id in the message metadata);
- grant calls: sent again with the same idempotency key and sequence, so the receiver acts once.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest

from tests.bot.runners.test_grants import COMPLETE_WITH_LOGIN, SECRET, CustomerSystem, _webhook
from tests.bot.slack.conftest import ACME_TEAM, slack_setup
from tests.bot.slack.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack, SlackSender
from tests.harness import CasebotProcess, Setup, SmtpSink, cli, cli_json, mail, outbox_rows, send, wait_until

BUG = "Hei, avvikene lagres ikke i Chrome 131 for alle brukerne siden i går. Det skjer hver gang."


class KillOnce:
    """Kills casebot with SIGKILL the first time it is called (from the receiver's thread)."""

    def __init__(self, proc: CasebotProcess) -> None:
        self.proc = proc
        self.done = threading.Event()

    def __call__(self, *args: Any) -> None:
        if not self.done.is_set():
            self.done.set()
            self.proc.kill()


def test_email_after_a_kill_comes_again_with_the_same_message_id(setup: Setup, sink: SmtpSink) -> None:
    """Killed while the relay takes a reply: after the restart every mail arrives, and a mail that
    arrives twice carries one Message-ID both times (mail clients drop such a copy)."""
    proc = CasebotProcess(setup).start()
    killer = KillOnce(proc)
    sink.on_message = killer
    send(setup.smtp_port, mail("kari@acme.no", "Avvik", BUG))
    wait_until(killer.done.is_set)
    sink.on_message = None
    with CasebotProcess(setup).start():
        rows = wait_until(
            lambda: (r := outbox_rows(setup)) and all(m["status"] == "sent" for m in r) and r, timeout=60
        )
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    with sink.lock:
        received: list[Message] = list(sink.messages)
    for message in received:
        ids[(str(message["To"]), str(message["Subject"]))].add(str(message["Message-ID"]))
    assert len(ids) == len(rows) == 2  # the question and the staff notice, each with one Message-ID
    assert all(len(found) == 1 for found in ids.values()), ids
    assert len(received) > len(rows)  # the one in flight at the kill came again


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    try:
        yield server
    finally:
        server.stop()


def test_a_slack_post_after_a_kill_is_not_posted_again(setup: Setup, fake: FakeSlack) -> None:
    """Killed as Slack takes the question post: after the restart the retry finds that post by its
    outbox id and does not post it again."""
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    setup = slack_setup(setup, fake)
    proc = CasebotProcess(setup, env=env).start()
    killer = KillOnce(proc)
    fake.on_call = lambda method, args: killer() if method == "chat.postMessage" else None
    SlackSender(setup.http_port, fake).command("UKARI", ACME_TEAM, "ny Skriveren virker ikke")
    wait_until(killer.done.is_set)
    fake.on_call = None
    with CasebotProcess(setup, env=env).start():
        wait_until(lambda: fake.of("conversations.history"), timeout=60)
        wait_until(lambda: all(m["status"] == "sent" for m in outbox_rows(setup)), timeout=60)
    ids = [
        m["metadata"]["event_payload"]["outbox_id"]
        for p in fake.posted.values()
        for m in p
        if "metadata" in m
    ]
    assert ids and len(ids) == len(set(ids))


def test_a_grant_call_after_a_kill_comes_again_with_the_same_key(setup: Setup, sink: SmtpSink) -> None:
    """Killed while the customer's system takes the revoke: after the restart the call comes again with
    the same idempotency key and sequence, and the receiver acts on it once."""
    system = CustomerSystem()
    system.thread.start()
    try:
        _webhook(setup, system)
        env = {"CASEBOT_GRANT_SECRET": SECRET}
        proc = CasebotProcess(setup, env=env).start()
        send(setup.smtp_port, mail("john@globex.com", "Checklist templates", COMPLETE_WITH_LOGIN))
        wait_until(lambda: system.of("grant"), timeout=30)
        (row,) = cli_json(setup, "cases", "list")
        keys: list[str] = []
        killer = KillOnce(proc)

        def on_call(call: dict[str, Any]) -> None:
            keys.append(call["idempotency_key"])
            if call["action"] == "revoke":
                killer()

        system.on_call = on_call
        cli(setup, "cases", "close", str(row["id"]))
        wait_until(killer.done.is_set, timeout=30)
        with CasebotProcess(setup, env=env).start():
            wait_until(
                lambda: cli_json(setup, "grants", "list")[0]["backend"]["revoke_confirmed_at"], timeout=60
            )
        revokes = [k for k in keys if k.endswith("-2")]
        assert len(revokes) >= 2 and len(set(revokes)) == 1
        assert len(system.of("revoke")) == 1
    finally:
        system.server.shutdown()
