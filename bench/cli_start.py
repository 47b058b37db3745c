"""What one `casebot` command costs before it does any work: the modules it imports, and its CPU time.

Run: `python bench/cli_start.py [--runs N] [--python PATH ...]`. Each PATH is a Python whose
environment has casebot installed (default: this one); several PATHs are run in turn, round after
round, so a busy machine slows them alike and their ratio holds. A store with one case is made in a
temporary folder first. For each command (`--help`, `cases list --json`, `cases show 1 --json`,
`parse FILE --json`), printed per Python: the median over the runs of

    imports  the sum of the top-level modules' times from `python -X importtime` (seconds)
    cpu      the process's user + system CPU time (seconds), which another process's load barely moves
    wall     its wall-clock time (seconds)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

MAIL = b"""From: Kari Nordmann <kari@acme.no>
To: support@example.com
Subject: Avvik lagres ikke
Date: Mon, 30 Nov 2026 09:00:00 +0100
Message-ID: <bench-cli-start@acme.no>

Hei, vi kan ikke lagre avvik i Chrome 131 siden i dag. Gjelder alle brukere.
"""

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("cases", "list", "--json"),
    ("cases", "show", "1", "--json"),
    ("parse", "{mail}", "--json"),
)

# `import time: self [us] | cumulative | name`; a top-level module's name follows a single space.
_TOP_LEVEL = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| \S")


def one_run(python: str, args: list[str], folder: Path) -> tuple[float, float, float]:
    """(import seconds, CPU seconds, wall seconds) of one `python -X importtime -m bot.cli ...`."""
    before = os.times()
    start = before.elapsed
    done = subprocess.run(
        [python, "-X", "importtime", "-m", "bot.cli", "--config", str(folder / "casebot.toml"), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"{python} casebot {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    imports = sum(int(m.group(1)) for m in map(_TOP_LEVEL.match, done.stderr.splitlines()) if m) / 1e6
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return imports, cpu, after.elapsed - start


def make_store(python: str, folder: Path) -> None:
    """A config in `folder` whose SQLite store holds one case, made by casebot's own import."""
    (folder / "casebot.toml").write_text(
        f'[store]\nurl = "sqlite:///{folder / "data" / "casebot.db"}"\n'
        f'attachments_dir = "{folder / "attachments"}"\n',
        encoding="utf-8",
    )
    (folder / "mail").mkdir()
    (folder / "mail" / "1.eml").write_bytes(MAIL)
    subprocess.run(
        [python, "-m", "bot.cli", "--config", str(folder / "casebot.toml"), "import", str(folder / "mail")],
        cwd=folder,
        capture_output=True,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", action="append", help="a Python with casebot installed")
    options = parser.parse_args()
    pythons = options.python or [sys.executable]
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for index, python in enumerate(pythons):
            folders[python] = Path(tmp) / str(index)
            folders[python].mkdir()
            make_store(python, folders[python])
        results: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
        for _ in range(options.runs):
            for number, command in enumerate(COMMANDS):
                for python in pythons:
                    folder = folders[python]
                    args = [part.format(mail=folder / "mail" / "1.eml") for part in command]
                    results.setdefault((python, number), []).append(one_run(python, args, folder))
    print(f"median of {options.runs} runs, seconds")
    print(f"{'command':<24} {'python':<40} {'imports':>8} {'cpu':>6} {'wall':>6}")
    for number, command in enumerate(COMMANDS):
        for python in pythons:
            runs = results[(python, number)]
            imports, cpu, wall = (statistics.median(column) for column in zip(*runs, strict=True))
            name = " ".join(command).replace("{mail}", "FILE")
            print(f"{name:<24} {python:<40} {imports:8.2f} {cpu:6.2f} {wall:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
