"""Who wrote a forwarded message: the sender named in the forward's header block.

A staff member who forwards a customer's mail to the support address means "this is the customer's
case". Mail clients put the original sender in a header block inside the body:

    ---------- Forwarded message ---------           (Gmail; Apple Mail: "Begin forwarded message:")
    From: Kari Nordmann <kari@acme.no>
    Date: ...

    Fra: Kari Nordmann <kari@acme.no>                 (Outlook: no marker, the block alone;
    Sendt: 30. november 2026 09:12                      "From: Kari Nordmann [mailto:kari@acme.no]"
    Til: Support                                        in older versions)
    Emne: Avvik lagres ikke

A `From` line counts only inside such a block: another header line (date, to, subject) within the next
few lines, so that "from: the login page" in running text is never a sender. Pure: text in, value out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parsers.addresses import mailboxes, usable_address

_FROM = re.compile(
    r"^[\s>*_]*(?:from|fra|von|från|de|van|avsender|lähettäjä)\s*:\s*\**\s*(?P<value>.+?)\s*$", re.IGNORECASE
)
_OTHER = re.compile(
    r"^[\s>*_]*(?:date|dato|sent|sendt|to|til|subject|emne|cc|kopi|datum|an|betreff|skickat|till|ämne|"
    r"envoyé|objet|à)\s*:",
    re.IGNORECASE,
)
_MAILTO = re.compile(r"^(?P<name>.*?)\s*\[mailto:(?P<addr>[^\]\s]+)\]\s*$", re.IGNORECASE)
_BARE = re.compile(r"[^\s<>\"'\[\](),;:]+@[^\s<>\"'\[\](),;:]+\.[A-Za-z]{2,}")
#: How far below a From line the block's next header line may be.
_BLOCK_SPAN = 4


@dataclass(frozen=True)
class ForwardedSender:
    """The original sender of a forwarded message: lowercased address and display name."""

    address: str
    name: str


def forwarded_sender(text: str, *, skip: Callable[[str], bool] = lambda _: False) -> ForwardedSender | None:
    """The first sender named in a forward header block of `text` for whom `skip` is false (pass a
    test for the forwarder's own colleagues, so a forward of a forward finds the customer), or None."""
    lines = text.replace("\r\n", "\n").split("\n")
    for index, line in enumerate(lines):
        match = _FROM.match(line)
        if match is None or not _in_block(lines, index):
            continue
        found = _read_mailbox(match.group("value"))
        if found is not None and not skip(found.address):
            return found
    return None


def _in_block(lines: list[str], index: int) -> bool:
    following = [line for line in lines[index + 1 : index + 1 + _BLOCK_SPAN] if line.strip()]
    return any(_OTHER.match(line) for line in following[:_BLOCK_SPAN])


def _read_mailbox(value: str) -> ForwardedSender | None:
    value = value.strip().strip("*").strip()
    mailto = _MAILTO.match(value)
    if mailto is not None:
        address = usable_address(mailto.group("addr"))
        name = mailto.group("name").strip().strip('"')
        return ForwardedSender(address, name) if address else None
    for mailbox in mailboxes(value):
        address = usable_address(mailbox.address)
        if address:
            return ForwardedSender(address, mailbox.name)
    bare = _BARE.search(value)
    if bare is not None:
        address = usable_address(bare.group(0))
        if address:
            name = value[: bare.start()].strip().strip("<\"' ")
            return ForwardedSender(address, name)
    return None
