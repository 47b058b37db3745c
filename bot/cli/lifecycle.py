"""CLI commands of the data lifecycle: `gdpr record`, `gdpr erase`, `retention run`, `import`.

Each takes `(args, config)` and returns an exit code, like the rest of `bot.cli`; errors are raised
as `store.errors` exceptions, which `bot.cli.main` turns into one line on stderr and an exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot.cli.output import day, open_store, print_json
from bot.config import Config
from store.errors import InvalidRequest

EXIT_INTERRUPTED = 130


def cmd_gdpr_record(args: argparse.Namespace, config: Config) -> int:
    from bot.lifecycle.record import record_rows, write_csv

    if args.since and args.until and args.since > args.until:
        raise InvalidRequest("--from must not be after --to")
    rows = record_rows(open_store(config), config, since=args.since, until=args.until)
    if args.json or args.format == "json":
        print_json(list(rows))
    else:
        write_csv(rows, sys.stdout)
    return 0


def cmd_gdpr_erase(args: argparse.Namespace, config: Config) -> int:
    from bot.lifecycle.erasure import erase_address

    report = erase_address(open_store(config), args.email, actor=args.actor, dry_run=args.dry_run)
    if args.json:
        print_json(report.as_dict())
        return 0
    if not report.found:
        print("nothing in the store is about that address")
        return 0
    verb = "would erase" if report.dry_run else "erased"
    print(f"{verb}: {len(report.cases)} case(s) {' '.join(report.cases)}".rstrip())
    print(f"  cases reported by them: {report.case_rows}")
    print(f"  messages emptied:       {report.messages}")
    print(
        f"  attachments removed:    {report.attachments} ({report.files_removed} file(s) no one else needs)"
    )
    print(f"  inbound mail emptied:   {report.inbound}")
    print(f"  outbox items emptied:   {report.outbox}")
    print(f"  audit entries:          {report.audit_entries}")
    print(f"  mentions replaced:      {report.mentions}")
    if not report.dry_run:
        print(f"the address is now {report.pseudonym} in what remains")
    return 0


def cmd_retention_run(args: argparse.Namespace, config: Config) -> int:
    from bot.lifecycle.retention import run_retention

    report = run_retention(open_store(config), config, dry_run=args.dry_run)
    if args.json:
        print_json(report.as_dict())
        return 0
    verb = "would remove" if report.dry_run else "removed"
    print(f"closed cases past {config.retention.closed_case_days} days: {len(report.cases)}")
    if report.cases:
        print(f"  {' '.join(report.cases)}")
        print(f"  {verb}: {report.messages_emptied} message bodies, {report.case_raw_emptied} raw mails,")
        files = f"{report.files_removed} files, {report.bytes_freed:,} bytes"
        print(f"  {report.attachments_removed} attachments ({files})")
    print(f"processed mail past {config.retention.processed_raw_days} days: {report.processed_raw_emptied}")
    print(f"quarantined mail past {config.retention.quarantine_days} days: {report.quarantine_expired}")
    return 0


def cmd_import(args: argparse.Namespace, config: Config) -> int:
    from bot.lifecycle.importer import import_mailbox, summary_text

    summary = import_mailbox(open_store(config), config, Path(args.path), reply=args.reply)
    if args.json:
        print_json(summary.as_dict())
    else:
        print(summary_text(summary))
    return EXIT_INTERRUPTED if summary.interrupted else 0


def register(sub: Any) -> None:
    """Add the lifecycle commands to `casebot`'s subcommand parser."""
    gdpr = sub.add_parser("gdpr", help="the GDPR record of processing, and erasure of a person")
    gdpr_sub = gdpr.add_subparsers(dest="gdpr", required=True)
    record = gdpr_sub.add_parser("record", help="the art. 30(2) record: cases that process personal data")
    record.add_argument(
        "--from", dest="since", type=day, metavar="DATE", help="periods that go on at or after this day"
    )
    record.add_argument(
        "--to", dest="until", type=day, metavar="DATE", help="periods that began on or before this day"
    )
    record.add_argument("--format", choices=("csv", "json"), default="csv")
    record.add_argument("--json", action="store_true", help="the same as --format json")
    record.set_defaults(func=cmd_gdpr_record)
    erase = gdpr_sub.add_parser("erase", help="erase or pseudonymise everything about one person")
    erase.add_argument("--email", required=True, help="the person's email address")
    erase.add_argument("--dry-run", action="store_true", help="only say what would be erased")
    erase.add_argument("--actor", default="cli", help="who asked for it, for the audit log")
    erase.add_argument("--json", action="store_true")
    erase.set_defaults(func=cmd_gdpr_erase)

    retention = sub.add_parser("retention", help="remove what the retention periods no longer allow")
    retention_sub = retention.add_subparsers(dest="retention", required=True)
    run = retention_sub.add_parser("run", help="apply the [retention] periods now")
    run.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    run.add_argument("--json", action="store_true")
    run.set_defaults(func=cmd_retention_run)

    importing = sub.add_parser("import", help="import an mbox file, a Maildir or a folder of .eml files")
    importing.add_argument("path")
    importing.add_argument("--reply", action="store_true", help="answer customers as for live mail")
    importing.add_argument("--json", action="store_true", help="print the summary as JSON")
    importing.set_defaults(func=cmd_import)
