"""The human side of the CLI: aligned tables and a case as the portal shows it, drawn with rich.

Colour only on a terminal (rich decides, and honours `NO_COLOR` and `FORCE_COLOR`); in a pipe the same
text without escape codes, at the width of `$COLUMNS` or wide enough that rows are not wrapped.
`--json` never comes here: its output is the contract in DESIGN.md and stays as it is.
Labels are in the operator's language (`bot.conversation.texts.operator_language`).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.conversation.replies import case_summary_lines, label_list
from bot.conversation.texts import say

# Wide enough for a subject and a reporter on one line when nobody said how wide the pipe is.
_PIPE_WIDTH = 200

STATUS_STYLES = {"draft": "yellow", "open": "green", "closed": "dim"}
PRIORITY_STYLES = {"critical": "bold red", "high": "red", "normal": "", "low": "dim"}
GRANT_STYLES = {"active": "bold yellow", "revoked": "dim", "none": "dim"}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; `bot.cli.main` ends a closed pipe the same quiet way for every command.
        raise BrokenPipeError


@contextlib.contextmanager
def output() -> Iterator[Console]:
    """A console for one command's output: on a terminal, straight to it with colours; otherwise
    rendered plain at a fixed width, then written with the padding at the ends of lines removed."""
    terminal = _Console(highlight=False)
    if terminal.is_terminal:
        yield terminal
        return
    width = os.environ.get("COLUMNS", "")
    buffer = io.StringIO()
    yield _Console(highlight=False, file=buffer, width=int(width) if width.isdigit() else _PIPE_WIDTH)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def table(lang: str, columns: Sequence[str]) -> Table:
    """An empty table with these column labels (text keys `cli_col_<name>`), bold headers, no frame."""
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False)
    for name in columns:
        grid.add_column(say(lang, f"cli_col_{name}"), overflow="fold")
    return grid


def styled(value: Any, style: str = "") -> Text:
    """A cell: `-` for nothing, the value's text otherwise, never read as rich markup."""
    return Text("-" if value is None or value == "" else str(value), style=style)


def age(created_at: str | None, lang: str, now: datetime | None = None) -> str:
    """How long ago an ISO timestamp was, in whole days, hours or minutes."""
    if not created_at:
        return "-"
    then = datetime.fromisoformat(created_at)
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    minutes = max(0, int(((now or datetime.now(UTC)) - then).total_seconds() // 60))
    if minutes >= 48 * 60:
        return say(lang, "cli_age_days", n=minutes // (24 * 60))
    if minutes >= 60:
        return say(lang, "cli_age_hours", n=minutes // 60)
    return say(lang, "cli_age_minutes", n=minutes)


def status_text(lang: str, status: str) -> Text:
    return Text(say(lang, f"cli_status_{status}"), style=STATUS_STYLES.get(status, ""))


def print_cases(lang: str, rows: Iterable[tuple[dict[str, Any], list[str]]]) -> None:
    """`cases list`: one row per (case summary, fields still missing)."""
    grid = table(
        lang, ("case", "status", "type", "priority", "customer", "reporter", "age", "missing", "subject")
    )
    for row, missing in rows:
        grid.add_row(
            styled(row["ref"], "bold"),
            status_text(lang, row["status"]),
            styled(say(lang, f"type_{row['type']}")),
            styled(say(lang, f"priority_{row['priority']}"), PRIORITY_STYLES.get(row["priority"], "")),
            styled(row["customer"]),
            styled(row["reporter"]),
            styled(age(row["created_at"], lang)),
            styled(label_list(lang, missing), "yellow") if missing else styled(None),
            styled(row["subject"]),
        )
    with output() as out:
        out.print(grid if grid.row_count else say(lang, "cli_no_cases"))


def print_case(lang: str, detail: dict[str, Any]) -> None:
    """`cases show`: the case as the portal shows it, then the conversation as a thread, then the files."""
    with output() as out:
        _print_case(out, lang, detail)


def _print_case(out: Console, lang: str, detail: dict[str, Any]) -> None:
    out.print(Text(say(lang, "cli_case_title", id=detail["id"], subject=detail["subject"]), style="bold"))
    state = Text(f"{detail['ref']} · ")
    state.append_text(status_text(lang, detail["status"]))
    state.append(" · " + say(lang, "cli_case_state", via=detail["channel"], created=detail["created_at"]))
    if detail.get("closed_at"):
        closed = say(lang, "cli_case_closed", at=detail["closed_at"], reason=detail["close_reason"])
        state.append(" · " + closed)
    out.print(state)

    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    for label, value in case_summary_lines(SimpleNamespace(**detail), lang):
        fields.add_row(Text(label), Text(value))
    grant = detail["login_grant"]
    status = grant.get("status", "none")
    if status == "active":
        shown = say(lang, "cli_grant_active", at=grant.get("granted_at"))
    elif status == "revoked":
        shown = say(lang, "cli_grant_revoked", at=grant.get("revoked_at"))
    else:
        shown = say(lang, "cli_grant_none")
    fields.add_row(Text(say(lang, "cli_login_grant")), Text(shown, style=GRANT_STYLES.get(status, "")))
    for key, names in (("cli_missing", detail["missing"]), ("cli_unknown", detail["unknown"])):
        if names:
            fields.add_row(Text(say(lang, key)), Text(label_list(lang, names), style="yellow"))
    if detail["participants"]:
        fields.add_row(Text(say(lang, "cli_participants")), Text(", ".join(detail["participants"])))
    out.print()
    out.print(fields)
    out.print()
    out.print(Text(say(lang, "cli_description"), style="bold underline"))
    out.print(Text(detail["description"] or "-"), soft_wrap=True)

    out.print()
    out.print(Text(say(lang, "cli_conversation"), style="bold underline"))
    if not detail["messages"]:
        out.print(say(lang, "cli_no_messages"))
    for message in detail["messages"]:
        inbound = message["direction"] == "in"
        header = say(
            lang,
            "cli_message_in" if inbound else "cli_message_out",
            at=message["at"],
            sender=message["sender"] or "-",
            to=detail["reporter"] or "-",
            via=message["channel"],
        )
        out.print()
        out.print(Text(header, style="bold cyan" if inbound else "bold magenta"))
        out.print(Text(message["text"] or ""), soft_wrap=True)

    out.print()
    out.print(Text(say(lang, "cli_attachments"), style="bold underline"))
    if not detail["attachments"]:
        out.print(say(lang, "cli_no_attachments"))
        return
    files = table(lang, ("file", "content_type", "size"))
    for attachment in detail["attachments"]:
        files.add_row(
            styled(attachment["filename"]), styled(attachment["content_type"]), styled(attachment["size"])
        )
    out.print(files)


def print_rows(lang: str, columns: Sequence[str], rows: Iterable[Sequence[Text]], empty: str) -> None:
    """A plain table (grants, quarantine, audit trail), or the `empty` text key's sentence."""
    grid = table(lang, columns)
    for row in rows:
        grid.add_row(*row)
    with output() as out:
        out.print(grid if grid.row_count else say(lang, empty))
