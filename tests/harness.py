"""Real parts for tests: a casebot process, a local SMTP sink, an SMTP client, the CLI.

Nothing here imitates casebot itself: the server is the installed `casebot serve` in its own
process, mail goes over real sockets, and the sink is a real aiosmtpd server.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import itertools
import json
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

CASEBOT = [sys.executable, "-m", "bot.cli"]


#: Ports for test servers come from below the kernel's ephemeral range (32768-60999 on Linux), so an
#: outgoing connection cannot take one between `free_port()` and the server's bind; each pytest-xdist
#: worker has a band of its own, walked in turn from a random start, so parallel tests never share one.
_PORT_LOW, _PORT_HIGH = 10_000, 32_000
_port_lock = threading.Lock()
_next_port: int | None = None


def _port_band() -> tuple[int, int]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    width = (_PORT_HIGH - _PORT_LOW) // max(count, 1)
    low = _PORT_LOW + index * width
    return low, low + width


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now and no other test of this run was given."""
    global _next_port
    low, high = _port_band()
    with _port_lock:
        if _next_port is None:
            _next_port = low + (os.getpid() * 7919) % (high - low)
        for _ in range(high - low):
            port = _next_port
            _next_port = low if _next_port + 1 >= high else _next_port + 1
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port
    raise RuntimeError(f"no free port between {low} and {high}")


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value)


@dataclass
class Setup:
    """A casebot configuration in a temporary folder, with free ports."""

    root: Path
    store_url: str
    sink_port: int
    smtp_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    admin_port: int = field(default_factory=free_port)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    customers: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"name": "Acme AS", "domains": ["acme.no"], "instance": "acme.landax.no"},
            {"name": "Globex Ltd", "domains": ["globex.com"], "instance": "globex.landax.no"},
        ]
    )

    @property
    def path(self) -> Path:
        return self.root / "casebot.toml"

    def write(self) -> Path:
        base: dict[str, dict[str, Any]] = {
            "smtp": {"host": "127.0.0.1", "port": self.smtp_port, "addresses": ["support@vendor.example"]},
            "outbound": {
                "host": "127.0.0.1",
                "port": self.sink_port,
                "from_address": "support@vendor.example",
                "from_name": "Vendor Support",
                "staff_address": "staff@vendor.example",
            },
            "http": {"host": "127.0.0.1", "port": self.http_port, "admin_port": self.admin_port},
            "store": {"url": self.store_url, "attachments_dir": str(self.root / "attachments")},
        }
        for name, values in self.sections.items():
            base.setdefault(name, {}).update(values)
        lines: list[str] = []
        for name, values in base.items():
            lines.append(f"[{name}]")
            lines.extend(f"{k} = {toml_value(v)}" for k, v in values.items())
            lines.append("")
        for customer in self.customers:
            lines.append("[[customers]]")
            lines.extend(f"{k} = {toml_value(v)}" for k, v in customer.items())
            lines.append("")
        self.path.write_text("\n".join(lines), encoding="utf-8")
        return self.path


class CasebotProcess:
    """`casebot serve` in its own process."""

    def __init__(
        self, setup: Setup, env: dict[str, str] | None = None, args: list[str] | None = None
    ) -> None:
        self.setup = setup
        self.env = {**os.environ, **(env or {})}
        self.args = args or []
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = setup.root / "serve.log"

    def start(self, timeout: float = 30.0) -> CasebotProcess:
        self.setup.write()
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            [*CASEBOT, "--config", str(self.setup.path), *self.args, "serve"],
            cwd=self.setup.root,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"casebot exited with {self.proc.returncode}:\n{self.log.read_text()}")
            if self.healthz()[0] in (200, 503) and _port_open(self.setup.smtp_port):
                return self
            time.sleep(0.05)
        self.kill()  # not left running, unseen, after the test that waited for it has failed
        raise RuntimeError(f"casebot did not start:\n{self.log.read_text()}")

    def healthz(self) -> tuple[int, dict[str, Any]]:
        return http_get_json(f"http://127.0.0.1:{self.setup.admin_port}/healthz")

    def stop(self) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def __enter__(self) -> CasebotProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


@contextlib.contextmanager
def shared_casebot(
    root: Path, sections: dict[str, dict[str, Any]] | None = None
) -> Iterator[tuple[Setup, CasebotProcess, SmtpSink]]:
    """One sink and one `casebot serve` on a SQLite store in `root` (config `sections` on top of the
    usual), for a module's or class's tests that need no fresh one: each such test writes as people of
    its own (`someone`) and reads only their cases, mail and files, so the tests hold in any order and
    on any xdist worker."""
    sink = SmtpSink().start()
    try:
        setup = Setup(
            root=root,
            store_url=f"sqlite:///{root / 'data' / 'casebot.db'}",
            sink_port=sink.port,
            sections=dict(sections or {}),
        )
        # A longer wait than a test's own casebot gets: a start that is only slow (a loaded host) would
        # fail every test that shares it, and the wait is paid once.
        with CasebotProcess(setup).start(timeout=90.0) as server:
            yield setup, server, sink
    finally:
        sink.stop()


Running = tuple["Setup", "CasebotProcess", "SmtpSink"]


def module_casebot(name: str) -> tuple[Any, Any, Any, Any]:
    """The `setup`, `server` and `sink` fixtures of a test module that shares one `shared_casebot`
    (started in a folder called `name`), with the fixture that runs it. Assign them in the module:
    `_casebot, setup, server, sink = module_casebot("intake")`; they stand in for conftest's own."""

    @pytest.fixture(scope="module", name="shared_running")
    def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
        with shared_casebot(tmp_path_factory.mktemp(name)) as started:
            yield started

    @pytest.fixture(scope="module", name="setup")
    def setup(shared_running: Running) -> Setup:
        return shared_running[0]

    @pytest.fixture(scope="module", name="server")
    def server(shared_running: Running) -> CasebotProcess:
        return shared_running[1]

    @pytest.fixture(scope="module", name="sink")
    def sink(shared_running: Running) -> SmtpSink:
        return shared_running[2]

    return running, setup, server, sink


_someone_count = itertools.count(1)


def someone(name: str, domain: str = "acme.no") -> str:
    """An address nobody else in this test process writes from (`kari7@acme.no`): its cases, replies
    and per-sender limits are the test's own on a casebot that other tests share."""
    return f"{name}{next(_someone_count)}@{domain}"


def http_get_json(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except (OSError, ValueError):
        return 0, {}


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class _SinkHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.sink.lock:
            self.sink.messages.append(message)
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        hook = self.sink.on_message
        if hook is not None:
            hook()  # before the 250: what the test does here happens before casebot hears "delivered"
        return "250 2.0.0 OK"


class SmtpSink:
    """A real SMTP server that keeps what it is sent: where casebot's replies arrive."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        #: Called for each message as it arrives, before the sink answers 250 (None: nothing).
        self.on_message: Callable[[], None] | None = None
        self.controller = Controller(_SinkHandler(self), hostname="127.0.0.1", port=self.port)

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address in str(m.get("To", ""))]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} message(s) to {address}, got {len(self.to(address))}")


def send(
    port: int, message: EmailMessage | bytes, *, sender: str | None = None, to: list[str] | None = None
) -> None:
    """Send one message over SMTP with smtplib, as any mail server would."""
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        if isinstance(message, bytes):
            client.sendmail(sender or "someone@example.org", to or ["support@vendor.example"], crlf(message))
        else:
            client.send_message(message, from_addr=sender, to_addrs=to)


def crlf(raw: bytes) -> bytes:
    """The bytes as SMTP carries them: CRLF line endings, ending in CRLF (smtplib adds a missing one)."""
    fixed = re.sub(rb"\r?\n", b"\r\n", raw)
    return fixed if fixed.endswith(b"\r\n") else fixed + b"\r\n"


def mail(
    sender: str,
    subject: str,
    body: str,
    *,
    to: str = "support@vendor.example",
    name: str = "",
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>" if name else sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(email.utils.localtime())
    message["Message-ID"] = email.utils.make_msgid(domain=sender.rpartition("@")[2])
    for key, value in (headers or {}).items():
        message[key] = value
    message.set_content(body)
    for filename, ctype, data in attachments or []:
        maintype, _, subtype = ctype.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def reply_to(original: Message, sender: str, body: str, *, name: str = "") -> EmailMessage:
    """A customer's reply to a message casebot sent: quoting it, with proper reply headers."""
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>" if name else sender
    message["To"] = str(original["Reply-To"] or original["From"])
    message["Subject"] = f"Re: {original['Subject']}"
    message["Date"] = email.utils.format_datetime(email.utils.localtime())
    message["Message-ID"] = email.utils.make_msgid(domain=sender.rpartition("@")[2])
    message["In-Reply-To"] = str(original["Message-ID"])
    message["References"] = f"{original.get('References', '')} {original['Message-ID']}".strip()
    text = original.get_body(preferencelist=("plain",)) if isinstance(original, EmailMessage) else None
    quoted = "\n".join(f"> {line}" for line in (text or original).get_content().splitlines())
    message.set_content(f"{body}\n\nOn {original['Date']}, {original['From']} wrote:\n{quoted}\n")
    return message


def cli(setup: Setup, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*CASEBOT, "--config", str(setup.path), *args],
        cwd=setup.root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"casebot {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def cli_json(setup: Setup, *args: str) -> Any:
    return json.loads(cli(setup, *args, "--json").stdout)


def wait_until(predicate: Any, timeout: float = 20.0, interval: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


class SmallDisk:
    """A small tmpfs of the test's own: a disk that fills up when the test says.

    Needs the right to mount (CI and this machine run tests as root); without it, the test skips.
    """

    def __init__(self, path: Path, size: str = "2m") -> None:
        self.path = path
        self.size = size

    def __enter__(self) -> SmallDisk:
        self.path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.path)],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            import pytest

            pytest.skip(f"cannot mount a small file system here: {done.stderr.decode().strip()}")
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True, check=False)

    def fill(self) -> Path:
        """Take every free byte with one file; returns it (delete it to free the disk)."""
        filler = self.path / "filler"
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError:
                pass
        return filler


def outbox_rows(setup: Setup) -> list[dict[str, Any]]:
    """The outbox rows as the store has them (id, kind, status), read with a connection of the test's own."""
    from sqlalchemy import text

    from store.db import make_engine

    engine = make_engine(setup.store_url)
    try:
        with engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(text("SELECT id, kind, status FROM outbox"))]
    finally:
        engine.dispose()
