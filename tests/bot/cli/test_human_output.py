"""The CLI's human output: aligned tables with headers, a case as the portal shows it, colour only on
a terminal, Norwegian under a Norwegian locale, quiet when the reader stops early; `--json` unchanged."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import CASEBOT, CasebotProcess, Setup, SmtpSink, mail, send

ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
NORWEGIAN = {**ENGLISH, "LANG": "nb_NO.UTF-8"}
ESCAPE = "\x1b["


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    """A casebot with two cases: a Norwegian bug report with a file, and an English question."""
    root = tmp_path_factory.mktemp("human")
    sink = SmtpSink().start()
    setup = Setup(root=root, store_url=f"sqlite:///{root / 'data' / 'casebot.db'}", sink_port=sink.port)
    with CasebotProcess(setup).start():
        send(
            setup.smtp_port,
            mail(
                "kari@acme.no",
                "Feil i avviksmodulen",
                "Hei, avviksmodulen viser feil side i Chrome 131 for alle brukere.",
                name="Kari Nordmann",
                attachments=[("skjermbilde.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 200)],
            ),
        )
        sink.wait_for("kari@acme.no")
        send(setup.smtp_port, mail("ola@globex.com", "Invoice address", "Hi, how do we change it?"))
        sink.wait_for("ola@globex.com")
        yield setup
    sink.stop()


def plain_environ() -> dict[str, str]:
    """The test's environment without the variables that switch colour on or off whatever the output."""
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}


def run(setup: Setup, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CASEBOT, "--config", str(setup.path), *args],
        cwd=setup.root,
        env={**plain_environ(), **(env or ENGLISH)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def in_terminal(setup: Setup, *args: str) -> str:
    """What the command writes to a real terminal (a pseudo-terminal of the test's own)."""
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [*CASEBOT, "--config", str(setup.path), *args],
            cwd=setup.root,
            env={**plain_environ(), **ENGLISH, "COLUMNS": "160", "TERM": "xterm-256color"},
            stdout=follower,
            stderr=subprocess.PIPE,
        )
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other side is closed: everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_cases_list_in_a_pipe_is_an_aligned_table_without_colour(running: Setup) -> None:
    """Headers, one row per case with its status, type, priority, reporter, age and what is missing."""
    out = run(running, "cases", "list").stdout
    assert ESCAPE not in out
    lines = out.splitlines()
    header = r"Case\s+Status\s+Type\s+Priority\s+Customer\s+Reporter\s+Age\s+Missing\s+Subject$"
    assert re.match(header, lines[0])
    assert set(lines[1]) == {"─"}
    kari = next(line for line in lines if "kari@acme.no" in line)
    row = r"#1\s+draft\s+Bug report\s+\w+\s+Acme AS\s+kari@acme.no\s+\d+ min\s+\S.*Feil i avviksmodulen$"
    assert re.match(row, kari)
    # aligned: every row's reporter starts in the column of the header's "Reporter"
    column = lines[0].index("Reporter")
    assert all(line[column:].startswith(("kari@", "ola@")) for line in lines[2:] if line.strip())


def test_cases_list_on_a_terminal_has_colour(running: Setup) -> None:
    """The same table on a terminal carries colour codes around the same words."""
    out = in_terminal(running, "cases", "list")
    assert ESCAPE in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "Feil i avviksmodulen" in plain and "kari@acme.no" in plain


def test_cases_show_reads_as_the_portal_then_the_thread_then_the_files(running: Setup) -> None:
    """The case's fields with the portal's labels, the conversation in order, then the attachments."""
    out = run(running, "cases", "show", "1").stdout
    assert ESCAPE not in out
    assert out.startswith("Case #1: Feil i avviksmodulen\n#1 · draft · email · registered ")
    assert re.search(r"^Type\s+Bug report$", out, flags=re.M)
    assert re.search(r"^Registered by\s+kari@acme.no$", out, flags=re.M)
    assert re.search(r"^Login access\s+none$", out, flags=re.M)
    thread = out.index("Conversation")
    assert out.index("Description") < thread < out.index("Attachments")
    inbound = out.index("kari@acme.no → casebot (email)", thread)
    outbound = out.index("support@vendor.example → kari@acme.no (email)", thread)
    assert inbound < outbound
    assert re.search(r"skjermbilde\.png\s+image/png\s+208", out[out.index("Attachments") :])


def test_cases_show_in_norwegian(running: Setup) -> None:
    """Under a Norwegian locale the labels are the portal's own."""
    out = run(running, "cases", "show", "1", env=NORWEGIAN).stdout
    assert out.startswith("Sak #1: Feil i avviksmodulen\n#1 · utkast · email · registrert ")
    assert re.search(r"^Registrert av\s+kari@acme.no$", out, flags=re.M)
    assert "Samtale" in out and "Vedlegg" in out and "Mangler fortsatt" in out


def test_json_is_the_contract_and_unchanged(running: Setup) -> None:
    """`--json` prints the same JSON as before: the list's keys, and the case with its messages."""
    rows = json.loads(run(running, "cases", "list", "--json").stdout)
    assert set(rows[0]) == {
        "id", "ref", "status", "type", "subject", "customer", "reporter", "priority", "channel",
        "created_at", "closed_at",
    }  # fmt: skip
    detail = json.loads(run(running, "cases", "show", "1", "--json").stdout)
    assert detail["messages"][0]["direction"] == "in" and detail["login_grant"]["status"] == "none"


def test_other_lists_are_tables_too(running: Setup) -> None:
    """`audit`, `grants list` and `inbox failed` print headers or say there is nothing."""
    audit = run(running, "audit", "--case", "1").stdout
    assert re.match(r"When\s+Action\s+By\s+Detail", audit)
    assert run(running, "grants", "list").stdout == "No login grants.\n"
    assert run(running, "inbox", "failed").stdout == "No messages in quarantine.\n"


def test_a_reader_that_stops_early_ends_it_quietly(running: Setup) -> None:
    """`casebot cases list | head` where head has gone before the first line: no traceback, no message,
    the exit a shell reports for a closed pipe (141)."""
    proc = subprocess.Popen(
        [*CASEBOT, "--config", str(running.path), "cases", "list"],
        cwd=running.root,
        env={**plain_environ(), **ENGLISH},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before casebot has even started: its first write finds no reader
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""


def test_check_says_what_works(running: Setup, tmp_path: Path) -> None:
    """`casebot check` on a working setup: the store, the folders and the relay work; Slack is off."""
    out = run(running, "check").stdout
    assert re.search(r"^store\s+ok\s+sqlite", out, flags=re.M)
    assert re.search(r"^mail relay\s+ok\s+127\.0\.0\.1:", out, flags=re.M)
    assert re.search(r"^Slack\s+off\s+", out, flags=re.M)
    assert out.rstrip().endswith("Everything configured works.")
