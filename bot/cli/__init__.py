"""The `casebot` command line (the contract in DESIGN.md).

Errors are one line on stderr that names the problem, and a non-zero exit: 2 for a wrong request
or configuration, 3 for something that does not exist, 4 when the store cannot be reached.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.config import Config, Secrets, load_config
from bot.server.logs import setup_logging
from store.errors import CasebotError, ConfigError, InvalidRequest, NotFound, StoreUnavailable

EXIT_INVALID = 2
EXIT_NOT_FOUND = 3
EXIT_UNAVAILABLE = 4


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _open(config: Config) -> Any:
    from store.db import open_store

    return open_store(config.store.url, config.store.attachments_dir, migrate=True)


def _case_id(value: str) -> int:
    text = value.strip().lstrip("#")
    if not text.isdigit():
        raise InvalidRequest(f"{value!r} is not a case id (a number such as 12 or #12)")
    return int(text)


# -- commands -------------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from bot.server.app import serve

    asyncio.run(serve(config, Secrets.from_env()))
    return 0


def cmd_parse(args: argparse.Namespace, config: Config) -> int:
    from bot.builders import build_vocabulary
    from bot.conversation.engine import read_draft
    from bot.conversation.events import InboundEvent
    from bot.conversation.requirements import missing_fields
    from parsers.loops import automatic_reason
    from parsers.message import parse_message
    from store.cases import CASE_FIELDS
    from store.models import Case

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidRequest(f"cannot read {path}: {exc.strerror}") from exc
    parsed = parse_message(raw)
    domain = parsed.sender.rpartition("@")[2]
    customer = config.customer_for_domain(domain) if domain else None
    event = InboundEvent(
        channel="email",
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        customer=customer.name if customer else None,
        subject=parsed.subject,
        text=parsed.text,
        sent_at=parsed.date,
    )
    draft = read_draft(event, config, build_vocabulary(config))
    values = {name: getattr(draft.fields, name, None) for name in CASE_FIELDS}
    values.update(
        subject=draft.subject,
        description=draft.description,
        customer=event.customer,
        reporter=parsed.sender or None,
        language=draft.fields.language or "en",
        affected_users=list(draft.fields.affected_users),
        observed_on=draft.fields.observed_on.isoformat() if draft.fields.observed_on else None,
        type=draft.fields.type or "support",
        priority=draft.fields.priority or "normal",
    )
    probe: dict[str, Any] = {"type": values["type"], "priority": values["priority"], **draft.fields.stated()}
    probe["affected_users"] = list(draft.fields.affected_users)
    values["missing"] = missing_fields(Case(**probe))
    values["attachments"] = [
        {
            "filename": a.filename,
            "content_type": a.content_type,
            "size": len(a.data),
            "sha256": hashlib.sha256(a.data).hexdigest(),
        }
        for a in parsed.attachments
    ]
    values["message_id"] = parsed.message_id
    values["date"] = parsed.date.isoformat() if parsed.date else None
    values["sender_name"] = parsed.sender_name
    values["automatic"] = automatic_reason(parsed, parsed.sender, (*config.smtp.addresses,))
    if not args.json:
        for key, value in values.items():
            if key != "description":
                print(f"{key}: {value}")
        print(f"\n{values['description']}")
        return 0
    _print_json(values)
    return 0


def cmd_cases_list(args: argparse.Namespace, config: Config) -> int:
    from store import cases as case_store

    store = _open(config)
    with store.session() as session:
        rows = [case_store.case_summary(c) for c in case_store.list_cases(session, status=args.status)]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            ref, status, kind, reporter = row["ref"], row["status"], row["type"], row["reporter"]
            print(f"{ref:>7}  {status:<6}  {kind:<16}  {reporter:<30}  {row['subject']}")
    return 0


def case_detail_json(store: Any, case_id: int) -> dict[str, Any]:
    from bot.conversation.requirements import missing_fields
    from store import cases as case_store
    from store import grants

    with store.session() as session:
        case = case_store.get_case(session, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist")
        return case_store.case_detail(
            session,
            case,
            login_grant=grants.grant_view(grants.grant_of(session, case_id)),
            missing=missing_fields(case) if case.status == "draft" else [],
        )


def cmd_cases_show(args: argparse.Namespace, config: Config) -> int:
    detail = case_detail_json(_open(config), _case_id(args.id))
    if args.json:
        _print_json(detail)
    else:
        for key, value in detail.items():
            if key != "messages":
                print(f"{key}: {value}")
    return 0


def cmd_cases_close(args: argparse.Namespace, config: Config) -> int:
    from bot.builders import build_engine
    from bot.conversation.engine import close_case
    from store import cases as case_store

    store = _open(config)
    case_id = _case_id(args.id)
    engine = build_engine(config, store)
    with store.session() as session:
        case = case_store.get_case_for_update(session, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist")
        closed = close_case(session, engine, case, reason=args.reason, actor=args.actor)
    print(f"case {case_id} {'closed' if closed else 'was already closed'}")
    return 0


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
        for r in list_failed(_open(config))
    ]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['id']:>6}  {row['received_at']}  {row['envelope_from']:<30}  {row['error']}")
        if not rows:
            print("no messages in quarantine")
    return 0


def cmd_inbox_retry(args: argparse.Namespace, config: Config) -> int:
    from store.inbox import retry_failed

    if not args.id.isdigit():
        raise InvalidRequest(f"{args.id!r} is not an inbound message id")
    retry_failed(_open(config), int(args.id))
    print(f"inbound message {args.id} will be processed again")
    return 0


def cmd_grants_list(args: argparse.Namespace, config: Config) -> int:
    from store import grants
    from store.models import Case

    store = _open(config)
    with store.session() as session:
        rows = []
        for grant in grants.list_grants(session, args.status):
            case = session.get(Case, grant.case_id)
            view = grants.grant_view(grant)
            view.update(
                case_id=grant.case_id,
                ref=case.ref if case else None,
                customer=case.customer if case else None,
            )
            view["instance"] = case.instance if case else None
            rows.append(view)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            pending = row["backend"]["pending"] or "-"
            print(f"{row['ref']:>7}  {row['status']:<8}  pending={pending:<7}  {row['customer'] or '-'}")
    return 0


def cmd_audit(args: argparse.Namespace, config: Config) -> int:
    from store import audit
    from store.models import iso

    store = _open(config)
    case_id = _case_id(args.case)
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
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['at']}  {row['action']:<28}  {row['actor']:<30}  {row['detail']}")
    return 0


def cmd_db_upgrade(args: argparse.Namespace, config: Config) -> int:
    store = _open(config)
    print(f"store is up to date: {store.engine.url.render_as_string(hide_password=True)}")
    return 0


# -- wiring ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebot", description="Support-case intake bot (email and Slack).")
    parser.add_argument("--config", help="config file (default: $CASEBOT_CONFIG, then ./casebot.toml)")
    parser.add_argument("--log-format", choices=("text", "json"), default="text")
    parser.add_argument("--log-level", default="INFO")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run SMTP, HTTP, the scheduler and the workers")
    serve.add_argument("--config", dest="config_sub", help=argparse.SUPPRESS)
    serve.add_argument(
        "--log-format", dest="log_format_sub", choices=("text", "json"), help=argparse.SUPPRESS
    )
    serve.set_defaults(func=cmd_serve)

    parse = sub.add_parser("parse", help="parse one .eml file and print its case fields")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true")
    parse.set_defaults(func=cmd_parse)

    cases = sub.add_parser("cases", help="list, show and close cases").add_subparsers(
        dest="cases", required=True
    )
    listing = cases.add_parser("list")
    listing.add_argument("--status", choices=("draft", "open", "closed"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_cases_list)
    show = cases.add_parser("show")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_cases_show)
    close = cases.add_parser("close")
    close.add_argument("id")
    close.add_argument("--reason", default="staff")
    close.add_argument("--actor", default="cli")
    close.set_defaults(func=cmd_cases_close)

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
    grants_list.add_argument("--status", choices=("active", "revoked"))
    grants_list.add_argument("--json", action="store_true")
    grants_list.set_defaults(func=cmd_grants_list)

    audit_cmd = sub.add_parser("audit", help="the audit trail of a case")
    audit_cmd.add_argument("--case", required=True)
    audit_cmd.add_argument("--json", action="store_true")
    audit_cmd.set_defaults(func=cmd_audit)

    db = sub.add_parser("db", help="the store's schema").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade").set_defaults(func=cmd_db_upgrade)

    from bot.cli.lifecycle import register as register_lifecycle

    register_lifecycle(sub)
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
