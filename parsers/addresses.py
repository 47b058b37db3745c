"""Mailboxes read the way RFC 5322 reads them: the address is the addr-spec, never the display name.

A header such as `From: "Bo <bo@acme.no>" <mallory@evil.example>` names one mailbox, mallory's; the
quoted display name is only text, and so is an encoded-word that decodes to something that looks like
an address (`=?utf-8?q?Bo_=3Cbo=40acme.no=3E?= <mallory@evil.example>`). So a header value is parsed
*before* any encoded-word is decoded, by the standard library's RFC 5322 parser
(`email.headerregistry`), and only the display name is decoded afterwards.

A header that the parser can only read with defects (`alice@x <bob@y>`, two angle addresses, an
unterminated quote) is *ambiguous*: the reading may differ from the receiving server's and from the
customer's mail client's, so the caller must not let it change anything that needs the sender's
identity (consent, closing). `Mailbox.ambiguous` says so.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from email import errors
from email.header import decode_header, make_header
from email.headerregistry import HeaderRegistry

__all__ = ["Mailbox", "mailboxes", "sender_mailbox", "usable_address", "valid_address"]

_REGISTRY = HeaderRegistry()
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# An address a reply can go to: ASCII, one @, no spaces, controls or specials (RFC 5321 mailbox,
# loosely). Anything else is a mangled header, and the next source of the sender is better.
_ADDR = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*"
)
_MAX_VALUE = 8000


@dataclass(frozen=True)
class Mailbox:
    """One RFC 5322 mailbox: `address` is the lowercased addr-spec, `name` the decoded display name.

    `ambiguous` is True when the header it came from could only be read with parse defects, or named
    more than one mailbox where one was expected: such a sender is not an identity to act on.
    """

    name: str
    address: str
    ambiguous: bool = False


def valid_address(address: str) -> bool:
    """Whether an address is one mail can be sent to (not garbage from a broken header)."""
    return bool(_ADDR.fullmatch(address)) and len(address) <= 254


def usable_address(address: str) -> str | None:
    """The address as mail can use it, lowercased, or None.

    Broken clients quote or space the local part (`"power quadrant system"@x`); mail means one word,
    as other helpdesks read it too.
    """
    address = address.strip("<> .").lower()
    if valid_address(address):
        return address
    squeezed = re.sub(r'["\s]', "", address)
    return squeezed if valid_address(squeezed) else None


def mailboxes(value: str) -> list[Mailbox]:
    """The mailboxes of one raw (undecoded) address header value, in order; groups are flattened.

    Any address header (From, Sender, Reply-To, To, Cc, Return-Path) is read as an RFC 5322
    address-list. Never raises: a value the parser rejects gives no mailboxes. An address that mail
    cannot use is left out.
    """
    if len(value) > _MAX_CACHED:
        return _parse_mailboxes(value)
    return list(_read_mailboxes(value))


# The standard library's RFC 5322 parser costs about a millisecond a header, and the same values come
# again and again: the support address in every To, a customer's From in each of their messages, and
# each From twice (the importer reads it before the message is parsed). Mailboxes are frozen; long
# values (long To and Cc lists, hostile mail) are parsed each time, so the cache stays small.
_MAX_CACHED = 400


@functools.lru_cache(maxsize=2048)
def _read_mailboxes(value: str) -> tuple[Mailbox, ...]:
    return tuple(_parse_mailboxes(value))


def _parse_mailboxes(value: str) -> list[Mailbox]:
    value = _CONTROL.sub(" ", _without_surrogates(value[:_MAX_VALUE]))
    try:
        parsed = _REGISTRY("To", value)
        found = list(parsed.addresses)  # type: ignore[attr-defined]  # address headers have .addresses
        # Obsolete syntax (an unquoted "John X. Doe") is common and unambiguous; anything else is not.
        defective = any(not isinstance(d, errors.ObsoleteHeaderDefect) for d in parsed.defects)
    except Exception:  # noqa: BLE001 - the parser refuses hostile values (CR/LF in a decoded name)
        return [
            Mailbox(name=_decoded(value.partition("<")[0]), address=a, ambiguous=True)
            for a in _angle_addresses(value)[:1]
        ]
    if defective:
        angled = _angle_addresses(value)
        if angled and len(found) <= 1:
            # `alice@example.com <bob@example.com>`, `Bo <bo@acme.no> <mallory@evil.example>`: a mailbox
            # is [display-name] angle-addr, so the last angle address is the address and whatever comes
            # before it, however it looks, is the name (as Python 3.13's parser reads the first).
            return [Mailbox(name="", address=angled[-1], ambiguous=True)]
    out: list[Mailbox] = []
    for entry in found:
        # `"kari@acme.no"` (a quoted whole address) parses as a local part without a domain.
        address = usable_address(f"{entry.username}@{entry.domain}" if entry.domain else entry.username)
        if address is None:
            continue
        name = entry.display_name or (_comment_name(value) if len(found) == 1 else "")
        # An `unknown-8bit` encoded-word (how the stdlib writes raw 8-bit bytes back) decodes to escapes.
        name = " ".join(_CONTROL.sub(" ", _without_surrogates(name)).split())[:200]
        out.append(Mailbox(name=name, address=address, ambiguous=defective))
    return out


def _without_surrogates(value: str) -> str:
    """Raw 8-bit header bytes reach us as surrogate escapes; read them as UTF-8, � where they are not."""
    if value.isascii():
        return value
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_QUOTED_OR_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|\((?:[^()\\]|\\.)*\)')
_ANGLE = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def _angle_addresses(value: str) -> list[str]:
    """The usable `<addr>`s of a value, outside quoted strings and comments (where they are only text)."""
    bare = _QUOTED_OR_COMMENT.sub(" ", value)
    return [a for a in (usable_address(m) for m in _ANGLE.findall(bare)) if a is not None]


_TRAILING_COMMENT = re.compile(r"\(([^()]{1,200})\)\s*$")


def _comment_name(value: str) -> str:
    """The name in RFC 822's `kari@acme.no (Kari Nordmann)` form: a comment, shown as the name.

    Only ever a name to greet with; the address is the addr-spec all the same.
    """
    match = _TRAILING_COMMENT.search(value)
    return _decoded(match.group(1)) if match else ""


def _decoded(text: str) -> str:
    """Header text with its encoded-words decoded, on one line; as written when they are broken."""
    with contextlib.suppress(Exception):  # a broken encoded-word: the text as written
        text = str(make_header(decode_header(text.strip().strip('"'))))
    return " ".join(_CONTROL.sub(" ", _without_surrogates(text)).split())[:200]


def sender_mailbox(value: str) -> Mailbox | None:
    """The one mailbox of a From-like header, or None.

    A From with several mailboxes (RFC 5322 allows it, with a Sender) or with parse defects gives its
    first mailbox marked `ambiguous`: good enough to file the message under, not to act on.
    """
    found = mailboxes(value)
    if not found:
        return None
    first = found[0]
    if len(found) > 1 and not first.ambiguous:
        return Mailbox(first.name, first.address, ambiguous=True)
    return first
