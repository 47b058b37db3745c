"""What the receiving mail server found about a message's sender: RFC 8601 `Authentication-Results`.

casebot does not check SPF, DKIM or DMARC itself; the MTA in front of it does and writes its verdict
in an `Authentication-Results` header that starts with its authserv-id:

    Authentication-Results: mx.vendor.example; dkim=pass header.d=acme.no;
        spf=pass smtp.mailfrom=acme.no; dmarc=pass (p=reject) header.from=acme.no

Only headers whose authserv-id the operator lists (`[smtp] trusted_authserv_ids`) count, and of those
only the topmost: the receiving MTA adds its header above everything the sender wrote, and RFC 8601
§5 asks it to remove any older one claiming its id; a sender can forge a header lower down, never
above the MTA's own.

The sender is authenticated when DMARC passed for the From domain, or when a DKIM signature passed
whose signing domain (`header.d`) is aligned with the From domain. Alignment here is "relaxed" as DMARC
(RFC 7489 §3.1.1) defines it, approximated without the Public Suffix List: the two domains are equal or
one is a subdomain of the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Verdict", "sender_verdict"]

_COMMENT = re.compile(r"\((?:[^()\\]|\\.)*\)")
_RESULT = re.compile(r"^\s*([a-z0-9-]+)\s*=\s*([a-z]+)\b(.*)$", re.IGNORECASE | re.DOTALL)
_PROPERTY = re.compile(r"\b([a-z]+)\.([a-z0-9._-]+)\s*=\s*\"?([^\s\";]+)\"?", re.IGNORECASE)


class Verdict(StrEnum):
    """Whether the trusted MTA vouched for the From domain."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password: DMARC pass, or DKIM pass aligned with From
    FAIL = "fail"  # the trusted MTA checked, and neither passed
    NONE = "none"  # no header of a trusted MTA (or no list of trusted MTAs)


@dataclass(frozen=True)
class _Result:
    method: str
    result: str
    properties: dict[str, str]


def _parse(value: str) -> tuple[str, list[_Result]]:
    """(authserv-id, results) of one header value; comments dropped, methods lowercased."""
    text = _COMMENT.sub(" ", " ".join(value.split()))
    head, _, rest = text.partition(";")
    authserv_id = head.strip().split(" ")[0].lower() if head.strip() else ""
    results: list[_Result] = []
    for clause in rest.split(";"):
        match = _RESULT.match(clause)
        if match is None:
            continue
        properties = {f"{p.lower()}.{n.lower()}": v.lower() for p, n, v in _PROPERTY.findall(match.group(3))}
        results.append(_Result(match.group(1).lower(), match.group(2).lower(), properties))
    return authserv_id, results


def _aligned(domain: str, from_domain: str) -> bool:
    domain, from_domain = domain.lower().strip("."), from_domain.lower().strip(".")
    if not domain or not from_domain:
        return False
    return domain == from_domain or from_domain.endswith("." + domain) or domain.endswith("." + from_domain)


def sender_verdict(headers: Sequence[str], trusted_ids: Iterable[str], from_domain: str) -> Verdict:
    """The trusted MTA's verdict on `from_domain`, from the message's Authentication-Results values in
    header order (topmost first). `trusted_ids` are authserv-ids, compared case-insensitively."""
    trusted = {t.lower() for t in trusted_ids}
    if not trusted:
        return Verdict.NONE
    for value in headers:
        authserv_id, results = _parse(value)
        if authserv_id not in trusted:
            continue
        for result in results:
            if result.result != "pass":
                continue
            checked = result.properties.get("header.from", from_domain.lower())
            if result.method == "dmarc" and checked == from_domain.lower():
                return Verdict.PASS
            if result.method == "dkim" and _aligned(result.properties.get("header.d", ""), from_domain):
                return Verdict.PASS
        return Verdict.FAIL  # only the topmost trusted header counts
    return Verdict.NONE
