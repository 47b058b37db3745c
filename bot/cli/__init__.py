"""The `casebot` command line (the contract in DESIGN.md).

One module per group of commands, each with a `register` that adds its subcommands:

    cases       `parse`, `cases list|show|close`
    operations  `serve`, `inbox`, `grants`, `audit`, `db`
    lifecycle   `gdpr`, `retention`, `import`
    output      what they share: the store, JSON, ids and dates

Errors are one line on stderr that names the problem, and a non-zero exit: 2 for a wrong request
or configuration, 3 for something that does not exist, 4 when the store cannot be reached.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import cases, lifecycle, operations
from bot.config import load_config
from bot.server.logs import setup_logging
from store.errors import CasebotError, ConfigError, NotFound, StoreUnavailable

EXIT_INVALID = 2
EXIT_NOT_FOUND = 3
EXIT_UNAVAILABLE = 4


def build_parser() -> argparse.ArgumentParser:
    """`casebot`'s argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="casebot", description="Support-case intake bot (email and Slack).")
    parser.add_argument("--config", help="config file (default: $CASEBOT_CONFIG, then ./casebot.toml)")
    parser.add_argument("--log-format", choices=("text", "json"), default="text")
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in (operations, cases, lifecycle):
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # `--config` and `--log-format` work before or after the command.
    config_file = getattr(args, "config_sub", None) or args.config
    log_format = getattr(args, "log_format_sub", None) or args.log_format
    setup_logging(log_format, args.log_level.upper())
    try:
        config = load_config(config_file)
        return int(args.func(args, config))
    except ConfigError as exc:
        print(f"casebot: configuration error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except NotFound as exc:
        print(f"casebot: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except StoreUnavailable as exc:
        print(f"casebot: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except CasebotError as exc:
        print(f"casebot: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
