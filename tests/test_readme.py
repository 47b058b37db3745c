"""The README's first commands, as a new team runs them: a fresh virtualenv in an empty folder, an
install of this checkout, `casebot serve` on the built-in defaults (only the ports moved to free ones),
a customer's mail over SMTP, and the reply found in `casebot-data/outgoing/`.

To stay fast, the fresh virtualenv sees the dependencies already installed for the tests (a `.pth`
file naming their folder) and pip installs the checkout itself, for real (a built wheel, not a link
to the source), with `--no-deps --no-build-isolation`. Everything else is as the README says.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from tests.harness import free_port, http_get_json, mail, send, wait_until

ROOT = Path(__file__).resolve().parent.parent
PIP = [sys.executable, "-m", "pip", "--no-input", "--disable-pip-version-check"]
SERVE = ["casebot", "serve"]
FIRST_COMMAND = "python3 -m venv .venv && . .venv/bin/activate && pip install -q -e . && casebot serve"
NOT_SHIPPED = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "build", "dist", "*.egg-info", ".*_cache", "casebot-data", ".hypothesis"
)


def readme_blocks() -> list[str]:
    """The README's `sh` code blocks, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def fresh_venv(folder: Path) -> Path:
    """A new virtualenv with this checkout installed from a copy of it; returns its `bin` folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / ".venv")], check=True)
    venv_python = folder / ".venv" / "bin" / "python"
    purelib = subprocess.run(
        [str(venv_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    source = folder / "checkout"
    shutil.copytree(ROOT, source, ignore=NOT_SHIPPED)
    subprocess.run(
        [
            *PIP,
            "--python",
            str(venv_python),
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(source)  # what runs now is the installed copy, nothing else
    return folder / ".venv" / "bin"


def test_the_readme_first_commands_work_in_a_clean_folder(tmp_path: Path) -> None:
    """Install, serve on defaults, send a mail: its reply is an .eml file in casebot-data/outgoing/."""
    first = readme_blocks()[0].strip()
    assert first == FIRST_COMMAND  # the command below is this one; change both together
    started = time.monotonic()
    bin_dir = fresh_venv(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CASEBOT_CONFIG")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", LANG="C.UTF-8", LC_ALL="")
    where = subprocess.run(
        ["python", "-c", "import bot; print(bot.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(tmp_path / ".venv"))  # the installed casebot, not the checkout

    smtp_port, http_port, admin_port = free_port(), free_port(), free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as handle:
        serve = subprocess.Popen(
            [
                *SERVE,
                "--smtp-port",
                str(smtp_port),
                "--http-port",
                str(http_port),
                "--admin-port",
                str(admin_port),
            ],
            cwd=tmp_path,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until(lambda: http_get_json(f"http://127.0.0.1:{admin_port}/healthz")[0] == 200, timeout=30)
        outgoing = tmp_path / "casebot-data" / "outgoing"
        assert f"no mail relay configured: replies are written to {outgoing}/" in log.read_text()

        send(
            smtp_port,
            mail(
                "kari@acme.no", "Cannot log in", "Hi, none of us can log in today.", to="support@example.com"
            ),
        )
        (reply_file,) = wait_until(lambda: list(outgoing.glob("*.eml")))
        reply = email.message_from_bytes(reply_file.read_bytes(), policy=email.policy.default)
        assert reply["To"] == "kari@acme.no" and "Cannot log in" in reply["Subject"]
        assert reply["Auto-Submitted"] == "auto-replied"
        assert "case #1" in reply.get_body(preferencelist=("plain",)).get_content()

        listing = subprocess.run(
            ["casebot", "cases", "list"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
        )
        assert "Cannot log in" in listing.stdout and "kari@acme.no" in listing.stdout
    finally:
        serve.terminate()
        assert serve.wait(timeout=30) == 0, log.read_text()
    assert time.monotonic() - started < 120  # a hang guard; the test takes far less on a quiet machine
