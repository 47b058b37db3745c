"""Reading the threading clues of an email: reply prefixes, the case tag, the reply-address token.

The engine's rule (DESIGN.md §5) is: the `In-Reply-To`/`References` of a message the bot sent, then
the per-case token in the address (`support+<token>@…`), then the case tag in the subject. This
module only reads the clues; whether to trust them is the caller's decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Reply and forward prefixes in the languages our customers' mail clients use, repeated and mixed:
# "SV: Re: VS:", "Re[2]:", "AW:", "WG:", "TR:", "Antw:", "Fwd:".
_PREFIX = re.compile(
    r"^(?:\s*(?:re|sv|vs|fw|fwd|aw|wg|tr|antw|ref|vb|odp)\s*(?:\[\d{1,4}\])?\s*[:：]\s*)+", re.I
)
_TAG = re.compile(r"\[\s*(?:case|sak|saksnr\.?)\s*#?\s*(\d{1,9})\s*\]", re.I)
_TOKEN = re.compile(r"^[0-9a-f]{20}$")


def strip_reply_prefixes(subject: str) -> str:
    """The subject without leading `Re:`/`SV:`/`Fwd:`/… prefixes."""
    return _PREFIX.sub("", subject).strip()


def case_tag(subject: str) -> int | None:
    """The case number in a `[Case #12]` / `[Sak #12]` tag, if the subject carries one."""
    match = _TAG.search(subject)
    return int(match.group(1)) if match else None


def strip_case_tag(subject: str) -> str:
    return " ".join(_TAG.sub(" ", subject).split())


def base_subject(subject: str) -> str:
    """The subject a case keeps: no reply prefixes, no case tag."""
    previous = None
    text = subject
    while text != previous:
        previous = text
        text = strip_reply_prefixes(strip_case_tag(text))
    return text


def reply_token(addresses: Iterable[str], support_addresses: Iterable[str]) -> str | None:
    """The case token of a `support+<token>@domain` address among the recipients."""
    bases = {a.lower() for a in support_addresses}
    for address in addresses:
        local, _, domain = address.lower().strip("<> ").rpartition("@")
        base, plus, token = local.partition("+")
        if plus and f"{base}@{domain}" in bases and _TOKEN.match(token):
            return token
    return None


def is_support_address(address: str, support_addresses: Iterable[str]) -> bool:
    """Whether an address is one of ours, in its plain or `+token` form."""
    local, _, domain = address.lower().strip("<> ").rpartition("@")
    base = local.partition("+")[0]
    return f"{base}@{domain}" in {a.lower() for a in support_addresses}
