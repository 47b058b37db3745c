"""`casebot serve`, and the operator's commands: the inbox quarantine, grants, the audit trail, the schema."""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.cli.output import GRANT_STATUSES, open_store, parse_case_id, print_json
from bot.conversation.texts import operator_language, say
from store.errors import InvalidRequest

if TYPE_CHECKING:
    from bot.config import Config

# Each command imports what it needs when it runs (see `bot.cli`): the store's modules, rich's tables.


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from bot.config import Secrets
    from bot.server.app import serve

    smtp, http = config.smtp, config.http
    if args.smtp_port is not None:
        smtp = replace(smtp, port=args.smtp_port)
    if args.http_port is not None:
        http = replace(http, port=args.http_port)
    if args.admin_port is not None:
        http = replace(http, admin_port=args.admin_port)
    config = replace(config, smtp=smtp, http=http)
    asyncio.run(serve(config, Secrets.from_env()))
    return 0


def port(value: str) -> int:
    """A TCP port argument (1-65535), for argparse."""
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1-65535)")
    return int(value)


def cmd_inbox_failed(args: argparse.Namespace, config: Config) -> int:
    from store.inbox import list_failed
    from store.models import iso

    rows = [
        {
            "id": r.id,
            "received_at": iso(r.received_at),
            "envelope_from": r.envelope_from,
            "size": r.size,
            "attempts": r.attempts,
            "error": r.last_error,
        }
        for r in list_failed(open_store(config))
    ]
    if args.json:
        print_json(rows)
    else:
        from bot.cli.tables import print_rows, styled

        cells = (
            [
                styled(row["id"], "bold"),
                styled(row["received_at"]),
                styled(row["envelope_from"]),
                styled(row["size"]),
                styled(row["attempts"]),
                styled(row["error"], "red"),
            ]
            for row in rows
        )
        columns = ("id", "received", "from", "size", "attempts", "error")
        print_rows(operator_language(), columns, cells, "cli_no_failed")
    return 0


def cmd_inbox_retry(args: argparse.Namespace, config: Config) -> int:
    from store.inbox import retry_failed

    if not args.id.isdigit():
        raise InvalidRequest(f"{args.id!r} is not an inbound message id")
    retry_failed(open_store(config), int(args.id))
    print(f"inbound message {args.id} will be processed again")
    return 0


def cmd_grants_list(args: argparse.Namespace, config: Config) -> int:
    from store import cases as case_store
    from store import grants

    store = open_store(config)
    with store.session() as session:
        rows = []
        for grant in grants.list_grants(session, args.status):
            case = case_store.get_case(session, grant.case_id)
            view = grants.grant_view(grant)
            view.update(
                case_id=grant.case_id,
                ref=case.ref if case else None,
                customer=case.customer if case else None,
            )
            view["instance"] = case.instance if case else None
            rows.append(view)
    if args.json:
        print_json(rows)
    else:
        from bot.cli.tables import GRANT_STYLES, print_rows, styled

        cells = (
            [
                styled(row["ref"], "bold"),
                styled(row["status"], GRANT_STYLES.get(row["status"], "")),
                styled(row["customer"]),
                styled(row["instance"]),
                styled(row["granted_at"]),
                styled(row["revoked_at"]),
                styled(row["backend"]["pending"], "yellow"),
            ]
            for row in rows
        )
        columns = ("case", "status", "customer", "instance", "granted", "revoked", "pending")
        print_rows(operator_language(), columns, cells, "cli_no_grants")
    return 0


def cmd_audit(args: argparse.Namespace, config: Config) -> int:
    from store import audit
    from store.models import iso

    store = open_store(config)
    case_id = parse_case_id(args.case)
    with store.session() as session:
        rows = [
            {
                "id": e.id,
                "at": iso(e.at),
                "case_id": e.case_id,
                "actor": e.actor,
                "action": e.action,
                "detail": e.detail,
            }
            for e in audit.entries_for(session, case_id)
        ]
    if args.json:
        print_json(rows)
    elif rows:
        from bot.cli.tables import print_rows, styled

        cells = (
            [styled(row["at"]), styled(row["action"], "bold"), styled(row["actor"]), styled(row["detail"])]
            for row in rows
        )
        print_rows(operator_language(), ("at", "action", "actor", "detail"), cells, "cli_no_audit")
    else:
        print(say(operator_language(), "cli_no_audit", id=case_id))
    return 0


def cmd_db_upgrade(args: argparse.Namespace, config: Config) -> int:
    store = open_store(config)
    print(f"store is up to date: {store.engine.url.render_as_string(hide_password=True)}")
    return 0


def register(sub: Any) -> None:
    """Add `serve`, `inbox`, `grants`, `audit` and `db` to `casebot`'s subcommand parser."""
    serve = sub.add_parser("serve", help="run SMTP, HTTP, the scheduler and the workers")
    serve.add_argument("--config", dest="config_sub", help=argparse.SUPPRESS)
    serve.add_argument(
        "--log-format", dest="log_format_sub", choices=("text", "json"), help=argparse.SUPPRESS
    )
    overrides = (
        ("--smtp-port", "smtp.port"),
        ("--http-port", "http.port"),
        ("--admin-port", "http.admin_port"),
    )
    for flag, key in overrides:
        serve.add_argument(flag, type=port, help=f"listen on this port instead of the config's {key}")
    serve.set_defaults(func=cmd_serve)

    inbox = sub.add_parser("inbox", help="the quarantine of messages that failed processing")
    inbox_sub = inbox.add_subparsers(dest="inbox", required=True)
    failed = inbox_sub.add_parser("failed")
    failed.add_argument("--json", action="store_true")
    failed.set_defaults(func=cmd_inbox_failed)
    retry = inbox_sub.add_parser("retry")
    retry.add_argument("id")
    retry.set_defaults(func=cmd_inbox_retry)

    grants_cmd = sub.add_parser("grants", help="staff login grants").add_subparsers(
        dest="grants", required=True
    )
    grants_list = grants_cmd.add_parser("list")
    grants_list.add_argument("--status", choices=GRANT_STATUSES)
    grants_list.add_argument("--json", action="store_true")
    grants_list.set_defaults(func=cmd_grants_list)

    audit_cmd = sub.add_parser("audit", help="the audit trail of a case")
    audit_cmd.add_argument("--case", required=True)
    audit_cmd.add_argument("--json", action="store_true")
    audit_cmd.set_defaults(func=cmd_audit)

    db = sub.add_parser("db", help="the store's schema").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade").set_defaults(func=cmd_db_upgrade)
