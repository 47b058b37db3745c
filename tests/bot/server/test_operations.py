"""Running casebot like a mail server: health, metrics, logs, limits and a clean stop."""

from __future__ import annotations

import json
import signal
import smtplib
import socket
import time
import urllib.error
import urllib.request

from tests.harness import CasebotProcess, Setup, SmtpSink, cli_json, mail, send, wait_until


def _metrics(setup: Setup) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{setup.admin_port}/metrics", timeout=5) as response:
        return response.read().decode()


def _value(text: str, name: str) -> float:
    """The value of one sample, named with its labels exactly as Prometheus prints them."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def _banner_and(sock: socket.socket, command: bytes | None = None) -> bytes:
    sock.settimeout(10)
    data = sock.recv(4096)
    if command is not None:
        sock.sendall(command)
        data += sock.recv(4096)
    return data


def test_healthz_reports_each_part(setup: Setup, server: CasebotProcess) -> None:
    """/healthz says ok with the store, SMTP listener and scheduler checked by name."""
    status, body = server.healthz()
    assert status == 200 and body["status"] == "ok"
    assert set(body["checks"]) >= {"store", "smtp", "scheduler"}


def test_health_and_metrics_are_not_on_the_public_port(setup: Setup, server: CasebotProcess) -> None:
    """/healthz and /metrics answer on the admin port only; the public port (Slack, the web) has neither."""
    for path in ("/healthz", "/metrics"):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{setup.http_port}{path}", timeout=5)
            raise AssertionError(f"{path} answered on the public port")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404
    assert server.healthz()[0] == 200 and "casebot_messages_accepted_total" in _metrics(setup)


def test_metrics_count_what_happens(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """/metrics is Prometheus text and moves with accepted, rejected and processed mail."""
    before = _metrics(setup)
    assert "casebot_outbox_depth" in before and "casebot_processing_latency_seconds_bucket" in before
    send(setup.smtp_port, mail("kari@acme.no", "Hjelp", "Hei, hvordan endrer jeg passord?"))
    with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
        client.ehlo()
        client.mail("kari@acme.no")
        client.rcpt("nobody@vendor.example")
    sink.wait_for("kari@acme.no")
    after = wait_until(lambda: (m := _metrics(setup)) and 'outcome="created"' in m and m)
    assert _value(after, 'casebot_messages_accepted_total{channel="email"}') == 1
    assert _value(after, 'casebot_messages_rejected_total{channel="email",reason="recipient"}') == 1
    assert _value(after, "casebot_questions_asked_total") == 1
    assert _value(after, 'casebot_cases{status="draft"}') == 1


def test_too_many_connections_get_421(setup: Setup, sink: SmtpSink) -> None:
    """Past [smtp] max_connections a new connection is told 421 4.7.0 and closed."""
    setup.sections["smtp"] = {"max_connections": 2}
    proc = CasebotProcess(setup).start()
    time.sleep(0.5)  # the start-up probe's connection must be gone before we count
    held = [socket.create_connection(("127.0.0.1", setup.smtp_port)) for _ in range(2)]
    try:
        for sock in held:
            assert _banner_and(sock).startswith(b"220")
        with socket.create_connection(("127.0.0.1", setup.smtp_port)) as extra:
            assert _banner_and(extra).startswith(b"421 4.7.0")
    finally:
        for sock in held:
            sock.close()
        proc.stop()


def test_messages_per_connection_limit(setup: Setup, sink: SmtpSink) -> None:
    """After [smtp] messages_per_connection messages the next MAIL gets 421 and the client reconnects."""
    setup.sections["smtp"] = {"messages_per_connection": 2}
    proc = CasebotProcess(setup).start()
    try:
        with smtplib.SMTP("127.0.0.1", setup.smtp_port) as client:
            for i in range(2):
                client.send_message(mail(f"u{i}@acme.no", f"Sak {i}", "Hei."))
            code, text = client.mail("u3@acme.no")
        assert code == 421 and text.startswith(b"4.7.0")
        send(setup.smtp_port, mail("u3@acme.no", "Sak 3", "Hei igjen."))  # a new connection is fine
        assert len(wait_until(lambda: len(rows := cli_json(setup, "cases", "list")) == 3 and rows)) == 3
    finally:
        proc.stop()


def test_idle_client_times_out_with_421(setup: Setup, sink: SmtpSink) -> None:
    """A client that goes quiet is told 421 4.4.2 before the connection is closed."""
    setup.sections["smtp"] = {"timeout_seconds": 1.0}
    proc = CasebotProcess(setup).start()
    try:
        with socket.create_connection(("127.0.0.1", setup.smtp_port)) as sock:
            sock.settimeout(10)
            assert sock.recv(1024).startswith(b"220")
            sock.sendall(b"EHLO slow.example\r\n")
            time.sleep(0.2)
            sock.recv(4096)
            data = b""
            while chunk := sock.recv(1024):
                data += chunk
        assert data.startswith(b"421 4.4.2")
    finally:
        proc.stop()


def test_sigterm_finishes_the_message_in_flight(setup: Setup, sink: SmtpSink) -> None:
    """SIGTERM mid-DATA: new connections get 421, the message in flight still gets 250 and is kept."""
    proc = CasebotProcess(setup).start()
    message = mail("kari@acme.no", "Midt i", "Denne er på vei inn når casebot stopper.")
    client = smtplib.SMTP("127.0.0.1", setup.smtp_port)
    client.ehlo()
    client.mail("kari@acme.no")
    client.rcpt("support@vendor.example")
    client.putcmd("data")
    assert client.getreply()[0] == 354
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    client.send(raw[: len(raw) // 2])
    assert proc.proc is not None
    proc.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    with socket.create_connection(("127.0.0.1", setup.smtp_port)) as late:
        assert _banner_and(late).startswith(b"421 4.3.2")
    client.send(raw[len(raw) // 2 :] + b"\r\n.\r\n")
    code, _ = client.getreply()
    client.close()
    assert code == 250
    assert proc.proc.wait(timeout=30) == 0
    proc = CasebotProcess(setup).start()
    try:
        (case,) = wait_until(lambda: cli_json(setup, "cases", "list"))
        assert case["subject"] == "Midt i"
    finally:
        proc.stop()


def test_json_logs_carry_no_bodies_tokens_or_secrets(setup: Setup, sink: SmtpSink) -> None:
    """--log-format json: one JSON object per line, with no message text, reply token or secret in it."""
    secret = "grant-secret-that-must-not-leak"
    proc = CasebotProcess(setup, env={"CASEBOT_GRANT_SECRET": secret}, args=["--log-format", "json"]).start()
    try:
        marker = "Hemmelig-innhold-7731"
        send(setup.smtp_port, mail("kari@acme.no", f"Emne {marker}", f"Kroppen sier {marker}."))
        (ack,) = sink.wait_for("kari@acme.no")
        token = ack["Reply-To"].addresses[0].username.partition("+")[2]
        wait_until(lambda: "outbox" in proc.log.read_text())
    finally:
        proc.stop()
    lines = [line for line in proc.log.read_text().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]
    assert any("inbound" in e["msg"] and "created" in e["msg"] for e in entries)
    text = proc.log.read_text()
    assert marker not in text and token not in text and secret not in text


def test_header_injection_never_reaches_the_reply(
    setup: Setup, server: CasebotProcess, sink: SmtpSink
) -> None:
    """A subject and name that decode to CR/LF plus "Bcc:" stay text; the reply has no Bcc header."""
    raw = (
        b"From: =?utf-8?q?Eve=0D=0ABcc:_victim@evil.example?= <eve@acme.no>\r\n"
        b"To: support@vendor.example\r\n"
        b"Subject: =?utf-8?q?Hjelp=0D=0ABcc:_victim@evil.example?=\r\n"
        b"Message-ID: <inject-1@acme.no>\r\n\r\nHei.\r\n"
    )
    send(setup.smtp_port, raw, sender="eve@acme.no")
    (ack,) = sink.wait_for("eve@acme.no")
    assert ack["Bcc"] is None and "\n" not in str(ack["Subject"])
    recipients = {r for _, rcpts in sink.envelopes for r in rcpts}
    assert recipients <= {"eve@acme.no", "staff@vendor.example"}
