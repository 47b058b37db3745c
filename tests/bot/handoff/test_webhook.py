"""The hand-off webhook end to end: `casebot serve`, real SMTP in, a real HTTP receiver out."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.signing import verify
from tests.harness import (
    CasebotProcess,
    Setup,
    SmtpSink,
    cli_json,
    free_port,
    mail,
    reply_to,
    send,
    wait_until,
)

SECRET = "handoff-test-secret"
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "bot" / "handoff" / "webhook.schema.json").read_text(
        encoding="utf-8"
    )
)
COMPLETE_NB = (
    "Hei,\n\nHvordan eksporterer jeg risikorapporten til Excel? Dere kan gjerne logge inn hos oss. "
    "Saken gjelder ikke personopplysninger.\n\nMvh\nKari\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@dataclass
class Received:
    key: str
    event: str
    signed: bool
    body: dict[str, Any]


@dataclass
class Helpdesk:
    """A webhook receiver that checks each call as the docs tell a receiver to, and acts on each key once."""

    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    acted: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Set: the next call is held (not answered) until `release` is set; `arrived` says it came.
    hold_next: bool = False
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Helpdesk:
        desk = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                signed = verify(
                    SECRET,
                    self.headers.get("X-Casebot-Timestamp", ""),
                    raw,
                    self.headers.get("X-Casebot-Signature", ""),
                )
                body = json.loads(raw)
                jsonschema.validate(body, SCHEMA)
                key = self.headers.get("Idempotency-Key", "")
                with desk.lock:
                    desk.received.append(Received(key, self.headers.get("X-Casebot-Event", ""), signed, body))
                    if signed and key == body["idempotency_key"]:
                        desk.acted.setdefault(key, body)  # acts once per key, as documented
                    hold, desk.hold_next = desk.hold_next, False
                if hold:
                    desk.arrived.set()
                    desk.release.wait(30)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def calls(self, key: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.key == key]


@pytest.fixture
def helpdesk() -> Iterator[Helpdesk]:
    desk = Helpdesk().start()
    try:
        yield desk
    finally:
        desk.stop()


def _casebot(setup: Setup, helpdesk: Helpdesk) -> CasebotProcess:
    setup.sections["handoff"] = {"webhook_url": f"http://127.0.0.1:{helpdesk.port}/casebot"}
    return CasebotProcess(setup, env={"CASEBOT_HANDOFF_SECRET": SECRET}).start()


def test_complete_case_is_posted_signed_and_acted_on_once_across_a_crash_and_restarts(
    setup: Setup, sink: SmtpSink, helpdesk: Helpdesk
) -> None:
    """The webhook body verifies with the secret and matches the schema; a call cut off by kill -9 is
    sent again after the restart with the same key and body, and never again after it was answered."""
    helpdesk.hold_next = True
    first = _casebot(setup, helpdesk)
    try:
        send(
            setup.smtp_port,
            mail("kari@acme.no", "Eksport av risikorapport", COMPLETE_NB, name="Kari Nordmann"),
        )
        assert helpdesk.arrived.wait(30)
        first.kill()  # the call reached the helpdesk, but casebot never heard the answer
    finally:
        first.stop()
        helpdesk.release.set()
    (row,) = cli_json(setup, "cases", "list")
    key = f"casebot-handoff-{row['id']}-complete"

    second = _casebot(setup, helpdesk)
    try:
        wait_until(lambda: len(helpdesk.calls(key)) >= 2)
        time.sleep(6)  # an outbox sweep or more: an answered call is not sent again
        calls = helpdesk.calls(key)
        assert len(calls) == 2 and all(c.signed and c.event == "case.complete" for c in calls)
        assert calls[0].body == calls[1].body  # the same call, only signed anew
        assert list(helpdesk.acted) == [key]
        case = helpdesk.acted[key]["case"]
        assert (case["id"], case["ref"], case["reporter"], case["status"]) == (
            row["id"], f"#{row['id']}", "kari@acme.no", "open"
        )  # fmt: skip
        assert case["login_allowed"] is True and case["personal_data"] is False
        assert helpdesk.acted[key]["message"] is None
    finally:
        second.stop()
    third = _casebot(setup, helpdesk)
    try:
        time.sleep(6)
        assert len(helpdesk.calls(key)) == 2
    finally:
        third.stop()


def test_later_customer_message_is_posted_with_its_file(
    setup: Setup, sink: SmtpSink, helpdesk: Helpdesk
) -> None:
    """A customer's message on the open case is its own call (case.message), with the file's metadata."""
    casebot = _casebot(setup, helpdesk)
    try:
        send(
            setup.smtp_port,
            mail("kari@acme.no", "Eksport av risikorapport", COMPLETE_NB, name="Kari Nordmann"),
        )
        (confirmation,) = sink.wait_for("kari@acme.no")
        follow_up = reply_to(confirmation, "kari@acme.no", "Her er skjermbildet.", name="Kari Nordmann")
        follow_up.add_attachment(PNG, maintype="image", subtype="png", filename="skjerm.png")
        send(setup.smtp_port, follow_up)
        wait_until(lambda: len(helpdesk.acted) >= 2)
        (message_key,) = [k for k in helpdesk.acted if "-message-" in k]
        call = helpdesk.acted[message_key]
        assert call["event"] == "case.message" and call["message"]["text"] == "Her er skjermbildet."
        assert call["message"]["sender"] == "kari@acme.no"
        assert [a["filename"] for a in call["message"]["attachments"]] == ["skjerm.png"]
        assert call["message"]["attachments"][0]["size"] == len(PNG)
        assert not verify("another-secret", "0", b"{}", "v1=00")
    finally:
        casebot.stop()


def test_serve_refuses_a_webhook_url_without_its_secret(setup: Setup, helpdesk: Helpdesk) -> None:
    """Without CASEBOT_HANDOFF_SECRET, a configured webhook stops `casebot serve` with a clear error."""
    setup.sections["handoff"] = {"webhook_url": f"http://127.0.0.1:{helpdesk.port}/casebot"}
    with pytest.raises(RuntimeError, match="CASEBOT_HANDOFF_SECRET"):
        CasebotProcess(setup, env={"CASEBOT_HANDOFF_SECRET": ""}).start(timeout=20)
