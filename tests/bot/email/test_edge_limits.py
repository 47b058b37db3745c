"""The SMTP edge cannot be held by one client: a cap per client address, on commands that do nothing,
and on a connection's whole length; each limit answers 421 before it closes (RFC 5321 §4.5.3.2)."""

from __future__ import annotations

import smtplib
import socket
import time

from tests.harness import CasebotProcess, Setup


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(4096):
        data += chunk
    return data


def test_one_address_cannot_take_every_connection(setup: Setup) -> None:
    """Past `connections_per_address` from one client, a new connection gets 421 and is closed."""
    setup.sections["smtp"] = {"connections_per_address": 3}
    with CasebotProcess(setup).start():
        time.sleep(0.5)  # the start-up probe's own connection is over
        held = [_connect(setup.smtp_port) for _ in range(3)]
        try:
            for sock in held:
                assert sock.recv(1024).startswith(b"220")
            with _connect(setup.smtp_port) as extra:
                assert _read_until_closed(extra).startswith(b"421 4.7.0")
        finally:
            for sock in held:
                sock.close()
        time.sleep(0.3)
        with _connect(setup.smtp_port) as again:
            assert again.recv(1024).startswith(b"220")


def test_a_client_that_only_sends_noop_is_closed(setup: Setup) -> None:
    """NOOP after NOOP (or RSET, HELP, VRFY) without a message: past `idle_commands`, 421 and closed."""
    setup.sections["smtp"] = {"idle_commands": 5}
    with CasebotProcess(setup).start(), smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=10) as client:
        replies = [client.docmd(command)[0] for command in ("EHLO x.example", "NOOP", "RSET", "HELP", "NOOP")]
        assert all(code < 500 for code in replies), replies
        code, text = client.docmd("NOOP")
        assert (code, text[:5]) == (421, b"4.7.0")


def test_a_busy_connection_still_ends_at_the_session_limit(setup: Setup) -> None:
    """A client that keeps the connection busy (a command every half second) is cut at `session_seconds`."""
    setup.sections["smtp"] = {"session_seconds": 2.0, "idle_commands": 0}
    with CasebotProcess(setup).start(), _connect(setup.smtp_port) as sock:
        assert sock.recv(1024).startswith(b"220")
        started = time.monotonic()
        transcript = b""
        while time.monotonic() - started < 6:
            try:
                sock.sendall(b"NOOP\r\n")
                chunk = sock.recv(4096)
            except OSError:
                break
            if not chunk:
                break
            transcript += chunk
            time.sleep(0.5)
        assert b"421 4.4.2" in transcript and time.monotonic() - started < 4
