"""The attacks of the trust review, in one run against a running `casebot serve`: each printed as held/FAILED.

Run: `python bench/attack.py` (needs nothing beside the checkout; PostgreSQL is not used). It starts
casebot on a fresh SQLite store with two customers, a local SMTP relay that keeps casebot's mail, and
Slack on against a local fake Web API, then tries, as a stranger would:

- spoofing: a From whose display name is a customer's address (quoted and as an encoded-word), with the
  case tag, asking to close the case and to let staff log in;
- subject tag: the reporter's address, but only the guessable tag, asking the same;
- dedupe: a stranger sends first with the customer's Message-ID;
- backscatter: a forged From at a domain casebot does not serve;
- slot-holding: many connections from one address, sending NOOP;
- replay: a signed Slack command sent again after casebot restarted.

Exit status 0 when every attack was held, 1 otherwise.
"""

from __future__ import annotations

import smtplib
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bot.slack.conftest import ACME_TEAM, slack_setup  # noqa: E402
from tests.bot.slack.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack, SlackSender  # noqa: E402
from tests.harness import (  # noqa: E402
    CasebotProcess,
    Setup,
    SmtpSink,
    cli_json,
    mail,
    reply_to,
    send,
    wait_until,
)

BUG = (
    "Hei, avvikene lagres ikke. Vi bruker Chrome 131. Det gjelder alle brukerne, første gang 3. november, "
    "og det skjer hver gang. Det er ingen personopplysninger i saken."
)


def _cases(setup: Setup) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = cli_json(setup, "cases", "list")
    return rows


def _case(setup: Setup, case_id: int) -> dict[str, Any]:
    detail: dict[str, Any] = cli_json(setup, "cases", "show", str(case_id))
    return detail


def _settle(setup: Setup, count: int) -> None:
    """Wait until `count` inbound messages are processed."""

    def processed() -> bool:
        rows = _cases(setup)
        return (
            sum(sum(m["direction"] == "in" for m in _case(setup, r["id"])["messages"]) for r in rows) >= count
        )

    wait_until(processed, timeout=60)


def _raw_from(header: str, subject: str, body: str) -> bytes:
    raw = mail("mallory@evil.example", subject, body).as_bytes()
    _, _, rest = raw.partition(b"\n")
    return f"From: {header}".encode() + b"\n" + rest


class Run:
    def __init__(self, root: Path) -> None:
        self.sink = SmtpSink().start()
        self.fake = FakeSlack().start()
        self.setup = slack_setup(
            Setup(root=root, store_url=f"sqlite:///{root / 'data' / 'casebot.db'}", sink_port=self.sink.port),
            self.fake,
        )
        self.setup.sections["smtp"] = {"connections_per_address": 10, "idle_commands": 10}
        self.env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
        self.proc = CasebotProcess(self.setup, env=self.env).start()
        self.inbound = 0
        self.results: list[tuple[str, bool, str]] = []

    def stop(self) -> None:
        self.proc.stop()
        self.sink.stop()
        self.fake.stop()

    def send(self, message: Any, *, sender: str | None = None) -> None:
        send(self.setup.smtp_port, message, sender=sender)
        self.inbound += 1
        _settle(self.setup, self.inbound)

    def attack(self, name: str, check: Callable[[], tuple[bool, str]]) -> None:
        try:
            held, detail = check()
        except Exception as exc:  # noqa: BLE001 - an attack that breaks the run is a failure to report
            held, detail = False, f"{type(exc).__name__}: {exc}"
        self.results.append((name, held, detail))
        print(f"{'held  ' if held else 'FAILED'}  {name:<44} {detail}", flush=True)

    # -- the victim's open case ---------------------------------------------------------------------

    def victim(self) -> dict[str, Any]:
        """Kari at Acme with an open case where she said no to login."""
        self.send(mail("kari@acme.no", "Avvik lagres ikke", BUG, name="Kari Nordmann"))
        case = _cases(self.setup)[-1]
        question = self.sink.wait_for("kari@acme.no")[-1]
        self.send(reply_to(question, "kari@acme.no", "Nei, dere kan ikke logge inn."))
        return _case(self.setup, case["id"])

    def unchanged(self, case: dict[str, Any]) -> tuple[bool, str]:
        now = _case(self.setup, case["id"])
        held = (
            now["status"] == "open"
            and now["login_allowed"] is False
            and now["login_grant"]["status"] == "none"
        )
        grant = now["login_grant"]["status"]
        return (
            held,
            f"case {case['ref']}: status {now['status']}, login {now['login_allowed']}, grant {grant}",
        )

    def spoof(self, header: str) -> Callable[[], tuple[bool, str]]:
        def check() -> tuple[bool, str]:
            case = self.victim()
            tag = f"[Sak #{case['id']}]"
            self.send(
                _raw_from(header, f"Re: {tag} Avvik", "Ja, dere kan logge inn. Lukk saken."),
                sender="mallory@evil.example",
            )
            return self.unchanged(case)

        return check

    def subject_tag(self) -> tuple[bool, str]:
        case = self.victim()
        self.send(
            mail("kari@acme.no", f"[Sak #{case['id']}] Avvik", "Dere kan logge inn likevel. Lukk saken.")
        )
        return self.unchanged(case)

    def dedupe(self) -> tuple[bool, str]:
        real = mail("ola@acme.no", "Rapporten feiler", BUG)
        stolen = mail("mallory@evil.example", "Hei", "Ingenting å se her.")
        del stolen["Message-ID"]
        stolen["Message-ID"] = str(real["Message-ID"])
        self.send(stolen, sender="mallory@evil.example")
        self.send(real)
        kept = [c for c in _cases(self.setup) if c["reporter"] == "ola@acme.no"]
        return bool(kept), f"the customer's message is {'a case' if kept else 'LOST'}"

    def backscatter(self) -> tuple[bool, str]:
        victim = "victim@third-party.example"
        self.send(mail(victim, "Kjøp billig!", "Spam med noe som ser ut som et spørsmål?"), sender=victim)
        time.sleep(2)
        mailed = self.sink.to(victim)
        return not mailed, f"{len(mailed)} mail(s) to the forged address"

    def slots(self) -> tuple[bool, str]:
        held: list[socket.socket] = []
        refused = 0
        for _ in range(40):
            sock = socket.create_connection(("127.0.0.1", self.setup.smtp_port), timeout=5)
            if sock.recv(1024).startswith(b"421"):
                refused += 1
                sock.close()
            else:
                held.append(sock)
        cut = 0
        for sock in held:
            try:
                for _ in range(15):
                    sock.sendall(b"NOOP\r\n")
                reply = b""
                while chunk := sock.recv(4096):
                    reply += chunk
                cut += b"421" in reply
            except OSError:
                cut += 1
            sock.close()
        time.sleep(0.5)
        with smtplib.SMTP("127.0.0.1", self.setup.smtp_port, timeout=10) as client:
            code = client.noop()[0]
        held_ok = refused >= 30 and cut == len(held) and code == 250
        return (
            held_ok,
            f"{refused}/40 refused at the cap, {cut}/{len(held)} NOOP loops cut, others served: {code}",
        )

    def replay(self) -> tuple[bool, str]:
        slack = SlackSender(self.setup.http_port, self.fake)
        before = len(_cases(self.setup))
        body = slack.command_body("UKARI", ACME_TEAM, "ny Skriveren virker ikke", trigger_id="trig-attack")
        slack.post(body, "application/x-www-form-urlencoded")
        wait_until(lambda: len(_cases(self.setup)) == before + 1, timeout=30)
        self.proc.stop()
        self.proc = CasebotProcess(self.setup, env=self.env).start()
        slack = SlackSender(self.setup.http_port, self.fake)
        status = slack.post(body, "application/x-www-form-urlencoded").status
        time.sleep(3)
        after = len(_cases(self.setup))
        return after == before + 1, f"replayed request answered {status}; {after - before} case(s) from it"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="casebot-attack-") as folder:
        run = Run(Path(folder))
        try:
            run.attack(
                "spoof: address in a quoted display name",
                run.spoof('"Kari <kari@acme.no>" <mallory@evil.example>'),
            )
            run.attack(
                "spoof: address in an encoded-word name",
                run.spoof("=?utf-8?q?Kari_=3Ckari=40acme=2Eno=3E?= <mallory@evil.example>"),
            )
            run.attack("subject tag alone changes consent or closes", run.subject_tag)
            run.attack("dedupe: stranger first with the Message-ID", run.dedupe)
            run.attack("backscatter to a forged From", run.backscatter)
            run.attack("slot-holding: 40 connections sending NOOP", run.slots)
            run.attack("replay: signed Slack command after restart", run.replay)
        finally:
            run.stop()
    failed = [name for name, held, _ in run.results if not held]
    print(f"\n{len(run.results) - len(failed)} of {len(run.results)} attacks held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
