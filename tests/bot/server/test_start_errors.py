"""`casebot serve` that cannot start says why in one line and exits with that problem's own code."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import CASEBOT, Setup, SmallDisk, free_port

ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
NORWEGIAN = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "nb_NO.UTF-8"}


def serve(setup: Setup, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`casebot serve` on the setup's config, expected to stop at once."""
    setup.write()
    return subprocess.run(
        [*CASEBOT, "--config", str(setup.path), *args],
        cwd=setup.root,
        env={**os.environ, **(env or ENGLISH)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The whole of stderr, which must be a single line and no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
        yield int(other.getsockname()[1])


def test_port_in_use_names_the_key_and_the_address(setup: Setup, busy_port: int) -> None:
    """A taken SMTP port: exit 5, one line naming smtp.port, the address and the flag to choose another."""
    setup.smtp_port = busy_port
    result = serve(setup, "serve")
    assert result.returncode == 5
    assert one_line(result) == (
        f"casebot: smtp.port = {busy_port}: 127.0.0.1:{busy_port} is already in use by another program; "
        "stop it, or choose another port in the config or with --smtp-port"
    )


def test_port_in_use_given_on_the_command_line_and_in_norwegian(setup: Setup, busy_port: int) -> None:
    """The admin port from --admin-port, taken: the same one line, in Norwegian under a Norwegian locale."""
    result = serve(setup, "serve", "--admin-port", str(busy_port), env=NORWEGIAN)
    assert result.returncode == 5
    assert one_line(result) == (
        f"casebot: http.admin_port = {busy_port}: 127.0.0.1:{busy_port} er allerede i bruk av et annet "
        "program; stopp det, eller velg en annen port i konfigurasjonen eller med --admin-port"
    )


def test_two_listeners_on_one_port_is_a_port_in_use(setup: Setup) -> None:
    """http.port and http.admin_port set to the same port: the second is named."""
    setup.admin_port = setup.http_port
    result = serve(setup, "serve")
    assert result.returncode == 5
    assert one_line(result).startswith(f"casebot: http.admin_port = {setup.http_port}: ")


def test_debug_log_level_shows_the_traceback(setup: Setup, busy_port: int) -> None:
    """With --log-level debug the same error comes with its traceback, for whoever digs deeper."""
    setup.smtp_port = busy_port
    result = serve(setup, "--log-level", "debug", "serve")
    assert result.returncode == 5
    assert "Traceback" in result.stderr and "Address already in use" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"casebot: smtp.port = {busy_port}: ")


def test_unreachable_postgresql(setup: Setup) -> None:
    """A PostgreSQL URL where nothing listens: exit 4, one line with the URL (no password) and a hint."""
    port = free_port()
    setup.store_url = f"postgresql+psycopg://casebot:secret@127.0.0.1:{port}/casebot"
    result = serve(setup, "serve")
    assert result.returncode == 4
    line = one_line(result)
    assert line.startswith(
        f"casebot: the store cannot be reached (postgresql+psycopg://casebot:***@127.0.0.1:{port}/casebot: "
    )
    assert line.endswith("is the database running, and is [store] url right?")
    assert "secret" not in line


def test_unreachable_store_for_a_cli_command_too(setup: Setup) -> None:
    """`cases list` on an unreachable store: the same exit 4 and one line."""
    setup.store_url = f"postgresql+psycopg://127.0.0.1:{free_port()}/casebot"
    result = serve(setup, "cases", "list")
    assert result.returncode == 4
    assert one_line(result).startswith("casebot: the store cannot be reached (")


def test_bad_config(setup: Setup) -> None:
    """A config file that is not TOML: exit 2, one line naming the file."""
    setup.path.write_text("[smtp\nport = 25\n", encoding="utf-8")
    result = subprocess.run(
        [*CASEBOT, "--config", str(setup.path), "serve"],
        cwd=setup.root,
        env={**os.environ, **ENGLISH},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    expected = f"casebot: configuration error: config file {setup.path} is not valid TOML"
    assert one_line(result).startswith(expected)


def test_bad_config_value(setup: Setup) -> None:
    """A key with the wrong kind of value: exit 2, one line naming the key."""
    setup.sections["smtp"] = {"port": "twenty-five"}
    result = serve(setup, "serve")
    assert result.returncode == 2
    assert one_line(result) == "casebot: configuration error: smtp.port must be a whole number"


def _mount_read_only(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only file system here: {done.stderr.decode().strip()}")


def test_read_only_data_folder(setup: Setup, tmp_path: Path) -> None:
    """The data folder on a read-only file system: exit 6, one line naming the folder and the key."""
    data = tmp_path / "ro"
    _mount_read_only(data)
    try:
        setup.store_url = f"sqlite:///{data / 'casebot.db'}"
        setup.sections["store"] = {"attachments_dir": str(data / "attachments")}
        result = serve(setup, "serve")
    finally:
        subprocess.run(["umount", "-l", str(data)], capture_output=True, check=False)
    assert result.returncode == 6
    assert one_line(result) == (
        f"casebot: {data} is read-only (store.url): casebot keeps its data there; make it writable or set "
        "store.url to another folder"
    )


def test_full_disk(setup: Setup, tmp_path: Path) -> None:
    """The attachments folder on a full disk: exit 6, one line saying the disk is full."""
    with SmallDisk(tmp_path / "small") as disk:
        (disk.path / "attachments").mkdir()
        setup.sections["store"] = {"attachments_dir": str(disk.path / "attachments")}
        disk.fill()
        result = serve(setup, "serve")
    assert result.returncode == 6
    assert one_line(result) == (
        f"casebot: the disk under {disk.path / 'attachments'} is full (store.attachments_dir): "
        "free some space and start again"
    )
