"""The `casebot` command line (the contract in DESIGN.md).

One module per group of commands, each with a `register` that adds its subcommands:

    cases       `parse`, `cases list|show|close`
    operations  `serve`, `inbox`, `grants`, `audit`, `db`
    lifecycle   `gdpr`, `retention`, `import`
    check       `check`: what of the configuration works
    tables      the human output (rich); `--json` output does not go through it
    output      what they share: the store, JSON, ids and dates

Every command imports the modules it needs inside its own function, and these modules import at their
top only what building the parser needs: `casebot --help` loads no store, and `casebot cases list`
no engine, channel or mail parser (each is a process of its own, often run from scripts and tests).

Errors are one line on stderr that names the problem (in the operator's language, see
`bot.conversation.texts.operator_language`) and a non-zero exit; the traceback only with
`--log-level debug`:

    2  a wrong request or configuration        5  `serve` cannot listen: a port in use, say
    3  something that does not exist           6  a data folder is read-only or its disk full
    4  the store cannot be reached           141  stdout was closed early (`casebot cases list | head`)
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot.cli import cases, check, lifecycle, operations
from bot.config import load_config
from bot.conversation.texts import operator_language, say
from bot.server.logs import setup_logging
from store.errors import (
    CannotListen,
    CasebotError,
    ConfigError,
    FolderUnwritable,
    NotFound,
    StoreUnavailable,
)

EXIT_INVALID = 2
EXIT_NOT_FOUND = 3
EXIT_UNAVAILABLE = 4
EXIT_CANNOT_LISTEN = 5
EXIT_FOLDER = 6
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE

#: The exit code of each error the CLI reports in one line, most specific first.
EXIT_CODES: tuple[tuple[type[CasebotError], int], ...] = (
    (NotFound, EXIT_NOT_FOUND),
    (StoreUnavailable, EXIT_UNAVAILABLE),
    (CannotListen, EXIT_CANNOT_LISTEN),
    (FolderUnwritable, EXIT_FOLDER),
    (CasebotError, EXIT_INVALID),
)

log = logging.getLogger("casebot")


def build_parser() -> argparse.ArgumentParser:
    """`casebot`'s argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="casebot", description="Support-case intake bot (email and Slack).")
    parser.add_argument("--config", help="config file (default: $CASEBOT_CONFIG, then ./casebot.toml)")
    parser.add_argument("--log-format", choices=("text", "json"), default="text")
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in (operations, cases, lifecycle, check):
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # `--config` and `--log-format` work before or after the command.
    config_file = getattr(args, "config_sub", None) or args.config
    log_format = getattr(args, "log_format_sub", None) or args.log_format
    setup_logging(log_format, args.log_level.upper())
    lang = operator_language()
    try:
        config = load_config(config_file)
        code = int(args.func(args, config))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:
        # The reader (`head`) has all it wanted: end quietly, and keep Python's exit-time flush quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except CasebotError as exc:
        log.debug("the command failed", exc_info=True)
        detail = str(exc)
        if isinstance(exc, ConfigError):
            detail = say(lang, "cli_config_error", detail=detail)
        print(say(lang, "cli_error", detail=detail), file=sys.stderr)
        return next(code for kind, code in EXIT_CODES if isinstance(exc, kind))
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The `casebot` console script and `python -m bot.cli`: `main`, then exit with its code.

    What is left is frozen out of the garbage collector first (`gc.freeze`): the interpreter's final
    collections would otherwise walk every object of SQLAlchemy, pydantic and the engine, which took
    longer than listing the cases (1-2 s of a `cases list` or a stopping `serve` on a busy two-core
    host; `bench/cli_start.py`). Teardown is otherwise the same: files are closed, atexit handlers
    run, the store's connections are released. `main` itself leaves the collector alone: tests and
    scripts call it inside their own long-lived process.
    """
    code = main()
    gc.freeze()
    sys.exit(code)
