"""`casebot parse` and `casebot cases list|show|close|merge`: reading mail and cases as staff do."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.output import CASE_STATUSES, open_store, parse_case_id, print_json
from bot.conversation.requirements import missing_fields
from bot.conversation.texts import operator_language
from store.errors import InvalidRequest, NotFound

if TYPE_CHECKING:
    from bot.config import Config
    from store.db import Store

# Each command imports what it needs when it runs: a `casebot cases list` should not pay for the
# engine, the channels and the mail parser (see the module docstring of `bot.cli`).


def cmd_parse(args: argparse.Namespace, config: Config) -> int:
    from bot.builders import build_vocabulary
    from bot.conversation.engine import read_draft
    from bot.conversation.events import InboundEvent
    from parsers.loops import automatic_reason
    from parsers.message import parse_message
    from store.cases import CASE_FIELDS

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
        language=draft.language,
        affected_users=list(draft.fields.affected_users),
        observed_on=draft.fields.observed_on.isoformat() if draft.fields.observed_on else None,
    )
    values["missing"] = missing_fields(draft.fields)
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
    print_json(values)
    return 0


def cmd_cases_list(args: argparse.Namespace, config: Config) -> int:
    from store import cases as case_store
    from store.models import CaseStatus

    store = open_store(config)
    with store.session() as session:
        cases = case_store.list_cases(session, status=args.status, imported=True if args.imported else None)
        rows = [case_store.case_summary(c) for c in cases]
        missing = [missing_fields(c) if c.status == CaseStatus.DRAFT else [] for c in cases]
    if args.json:
        print_json(rows)
    else:
        from bot.cli.tables import print_cases

        print_cases(operator_language(), zip(rows, missing, strict=True))
    return 0


def case_detail_json(store: Store, case_id: int) -> dict[str, Any]:
    from store import cases as case_store
    from store import grants
    from store.models import CaseStatus

    with store.session() as session:
        case = case_store.get_case(session, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist")
        return case_store.case_detail(
            session,
            case,
            login_grant=grants.grant_view(grants.grant_of(session, case_id)),
            missing=missing_fields(case) if case.status == CaseStatus.DRAFT else [],
        )


def cmd_cases_show(args: argparse.Namespace, config: Config) -> int:
    detail = case_detail_json(open_store(config), parse_case_id(args.id))
    if args.json:
        print_json(detail)
    else:
        from bot.cli.tables import print_case

        print_case(operator_language(), detail)
    return 0


#: Reasons to close that never tell anyone: nobody is to hear about spam or a duplicate.
SILENT_REASONS = frozenset({"spam", "duplicate"})


def cmd_cases_close(args: argparse.Namespace, config: Config) -> int:
    from bot.builders import build_engine
    from bot.conversation.engine import close_case
    from store import cases as case_store

    store = open_store(config)
    case_id = parse_case_id(args.id)
    engine = build_engine(config, store)
    silent = args.silent or args.reason in SILENT_REASONS
    with store.session() as session:
        case = case_store.get_case_for_update(session, case_id)
        if case is None:
            raise NotFound(f"case {case_id} does not exist")
        closed = close_case(
            session, engine, case, reason=args.reason, actor=args.actor, tell_customer=not silent
        )
    quietly = " without telling anyone" if silent and closed else ""
    print(f"case {case_id} {'closed' + quietly if closed else 'was already closed'}")
    return 0


def cmd_cases_merge(args: argparse.Namespace, config: Config) -> int:
    """Move a case's messages and files into another, and close it as a duplicate (silently)."""
    from bot.builders import build_engine
    from bot.conversation.engine import close_case
    from store import audit, grants
    from store import cases as case_store
    from store.models import CaseStatus

    store = open_store(config)
    source_id, target_id = parse_case_id(args.id), parse_case_id(args.into)
    if source_id == target_id:
        raise InvalidRequest("a case cannot be merged into itself")
    engine = build_engine(config, store)
    with store.session() as session:
        source = case_store.get_case_for_update(session, source_id)
        target = case_store.get_case_for_update(session, target_id)
        if source is None or target is None:
            raise NotFound(f"case {source_id if source is None else target_id} does not exist")
        if target.status == CaseStatus.CLOSED and target.close_reason == "duplicate":
            raise InvalidRequest(
                f"case {target_id} is closed as a duplicate; merge into the case it duplicates"
            )
        messages, files = case_store.merge_into(session, source, target)
        for address in (source.reporter, *source.participants):
            if address != target.reporter and address not in target.participants:
                target.participants = [*target.participants, address]
        case_store.touch(target)
        audit.record(
            session,
            "case.merged",
            case_id=target_id,
            actor=args.actor,
            merged=source_id,
            messages=messages,
            files=files,
        )
        if source.status == CaseStatus.CLOSED:
            # Closed before, for another reason: it is a duplicate now, and no grant outlives a merge.
            source.close_reason = "duplicate"
            grants.end_grant(session, source, reason="case-closed:duplicate", actor=args.actor)
        else:
            close_case(session, engine, source, reason="duplicate", actor=args.actor, tell_customer=False)
    print(f"case {source_id} merged into case {target_id}: {messages} message(s), {files} file(s) moved")
    return 0


def register(sub: Any) -> None:
    """Add `parse` and `cases` to `casebot`'s subcommand parser."""
    parse = sub.add_parser("parse", help="parse one .eml file and print its case fields")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true")
    parse.set_defaults(func=cmd_parse)

    cases = sub.add_parser("cases", help="list, show and close cases").add_subparsers(
        dest="cases", required=True
    )
    listing = cases.add_parser("list")
    listing.add_argument("--status", choices=CASE_STATUSES)
    listing.add_argument("--imported", action="store_true", help="only cases made by `casebot import`")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_cases_list)
    show = cases.add_parser("show")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_cases_show)
    close = cases.add_parser("close")
    close.add_argument("id")
    close.add_argument("--reason", default="staff", help="why; spam and duplicate are always silent")
    close.add_argument("--silent", action="store_true", help="close without telling anyone")
    close.add_argument("--actor", default="cli")
    close.set_defaults(func=cmd_cases_close)
    merge = cases.add_parser("merge", help="move a case's messages and files into another; close it")
    merge.add_argument("id")
    merge.add_argument("--into", required=True)
    merge.add_argument("--actor", default="cli")
    merge.set_defaults(func=cmd_cases_merge)
