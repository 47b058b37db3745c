"""Recognising mail that must never be answered: auto-replies, bounces, bulk mail, our own.

RFC 3834 asks responders not to answer `Auto-Submitted` mail; bounces come from the null sender or
MAILER-DAEMON; `Precedence: bulk/list/junk` and `List-Id` mark list traffic. Answering any of these
is how mail loops start.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsers.message import ParsedMessage
from parsers.threading import is_support_address

_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon", "noreply", "no-reply", "do-not-reply", "donotreply")


def automatic_reason(message: ParsedMessage, envelope_from: str, own_addresses: Iterable[str]) -> str | None:
    """Why this message must not be answered, or None when a person wrote it."""
    own = list(own_addresses)
    sender = message.sender or envelope_from
    if not envelope_from or envelope_from == "<>":
        return "null-sender"
    local = envelope_from.lower().partition("@")[0]
    if local.startswith(_DAEMONS) or message.sender.partition("@")[0].startswith(_DAEMONS):
        return "mailer-daemon"
    if message.auto_submitted and message.auto_submitted.split(";")[0].strip() != "no":
        return "auto-submitted"
    if message.precedence in ("bulk", "list", "junk", "auto_reply"):
        return f"precedence-{message.precedence}"
    if message.list_id:
        return "mailing-list"
    if message.autoreply_headers:
        return "autoreply-header"
    if message.content_type == "multipart/report":
        return "delivery-report"
    if sender and is_support_address(sender, own):
        return "own-mail"
    if is_support_address(envelope_from, own):
        return "own-mail"
    return None
