"""`casebot check` tries what the config names and says, part by part, what works and what does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from tests.harness import Setup, SmtpSink, free_port


def check(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    for name in (
        "LC_ALL",
        "LC_MESSAGES",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "NO_COLOR",
        "FORCE_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    setup.write()
    capsys.readouterr()
    code = main(["--config", str(setup.path), "check"])
    return code, capsys.readouterr().out


def test_everything_works(
    setup: Setup, sink: SmtpSink, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reachable store and relay and writable folders: each ok, Slack off, exit 0."""
    code, out = check(setup, capsys, monkeypatch)
    assert code == 0
    assert re.search(r"^store\s+ok\s+sqlite:///", out, flags=re.M)
    assert re.search(
        rf"^store\.attachments_dir\s+ok\s+{re.escape(str(setup.root / 'attachments'))}$", out, re.M
    )
    assert re.search(rf"^mail relay\s+ok\s+127\.0\.0\.1:{sink.port}$", out, flags=re.M)
    assert re.search(r"^Slack\s+off\s+SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not both set$", out, re.M)
    assert out.rstrip().endswith("Everything configured works.")


def test_what_does_not_work_is_named(
    setup: Setup, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relay and a grant webhook where nothing listens: both FAILED with the reason, exit 1."""
    relay, hook = free_port(), free_port()
    setup.sink_port = relay
    setup.sections["grants"] = {"backend": "webhook", "webhook_url": f"http://127.0.0.1:{hook}/grants"}
    code, out = check(setup, capsys, monkeypatch)
    assert code == 1
    assert re.search(rf"^mail relay\s+FAILED\s+127\.0\.0\.1:{relay}: .*refused", out, flags=re.M)
    assert re.search(rf"^grant webhook\s+FAILED\s+http://127\.0\.0\.1:{hook}/grants: .*refused", out, re.M)
    assert re.search(r"^store\s+ok\s+", out, flags=re.M)
    assert out.rstrip().endswith("2 part(s) do not work; see above.")


def test_without_a_relay_the_outgoing_folder_is_checked(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no [outbound] host the relay is off and the outgoing folder is what must take files."""
    setup.sections["outbound"] = {"host": "", "outgoing_dir": str(setup.root / "outgoing")}
    code, out = check(setup, capsys, monkeypatch)
    assert code == 0
    assert re.search(rf"^outbound\.outgoing_dir\s+ok\s+{re.escape(str(setup.root / 'outgoing'))}$", out, re.M)
    assert re.search(r"^mail relay\s+off\s+no mail relay configured: replies are written to ", out, re.M)
