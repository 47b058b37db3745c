"""The CLI loads only what a command needs: each `casebot` call is a process that pays for its imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.cli.output import CASE_STATUSES, GRANT_STATUSES
from store.models import CaseStatus, GrantStatus

# Modules a command that does not need them must not load: SQLModel and the store's tables, the engine
# with its channels, aiohttp (the hand-off webhook), the mail parser and rich's tables.
HEAVY = (
    "sqlmodel",
    "store.models",
    "bot.builders",
    "bot.conversation.engine",
    "aiohttp",
    "parsers.message",
    "rich.table",
)


def _loaded_after(code: str) -> set[str]:
    """The modules of `HEAVY` that a fresh interpreter has loaded after running `code`."""
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_building_the_parser_loads_no_store_engine_or_tables() -> None:
    """`casebot --help` (every subcommand's parser built) loads none of the heavy modules."""
    assert _loaded_after("from bot.cli import build_parser; build_parser().format_help()") == set()


def test_listing_cases_as_json_loads_the_store_but_no_engine(tmp_path: Path) -> None:
    """`casebot cases list --json` loads the store's tables, and not the engine, channels or rich."""
    code = (
        "import contextlib, io, os\n"
        f"os.chdir({str(tmp_path)!r})\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['cases', 'list', '--json']) == 0"
    )
    assert _loaded_after(code) == {"sqlmodel", "store.models"}


def test_status_choices_are_the_stores_statuses() -> None:
    """The `--status` choices written out for the parser are exactly the store's enums."""
    assert tuple(status.value for status in CaseStatus) == CASE_STATUSES
    assert tuple(status.value for status in GrantStatus) == GRANT_STATUSES
