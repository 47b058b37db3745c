"""What every CLI command shares: opening the store, printing JSON, reading ids and dates.

Errors are raised as `store.errors` exceptions; `bot.cli.main` turns them into one line on stderr and
an exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.conversation.texts import operator_language, say
from store.errors import InvalidRequest, StoreUnavailable

if TYPE_CHECKING:
    from bot.config import Config
    from store.db import Store

#: `store.models.CaseStatus` and `GrantStatus` values, for argparse's choices: building the parser must
#: not import the store's models (SQLModel alone takes most of a second). `tests/bot/cli/test_imports.py`
#: holds them equal to the enums.
CASE_STATUSES = ("draft", "open", "closed")
GRANT_STATUSES = ("active", "revoked")


def open_store(config: Config) -> Store:
    """The configured store, its schema brought up to date; `StoreUnavailable` (one sentence in the
    operator's language) when it cannot be reached."""
    from store.db import open_store as open_

    try:
        return open_(config.store.url, config.store.attachments_dir, migrate=True)
    except StoreUnavailable as exc:
        raise StoreUnavailable(say(operator_language(), "cli_store_unreachable", detail=str(exc))) from exc


def print_json(value: Any) -> None:
    """`value` as indented JSON on stdout (dates and other values as their text)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def parse_case_id(value: str) -> int:
    """A case id as people write it: `12` or `#12`; anything else is an `InvalidRequest`."""
    text = value.strip().lstrip("#")
    if not text.isdigit():
        raise InvalidRequest(f"{value!r} is not a case id (a number such as 12 or #12)")
    return int(text)


def day(value: str) -> date:
    """An ISO date argument (`2026-01-31`), for argparse."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-01-31") from exc
