"""Signing casebot's webhooks (the grant calls and the hand-off): one scheme, one place.

    X-Casebot-Timestamp: <Unix seconds when this attempt was sent>
    X-Casebot-Signature: v1=<hex HMAC-SHA256 over "<timestamp>.<raw body>", keyed by the shared secret>
    Idempotency-Key: <the same for every attempt of one call>

The receiver recomputes the signature and compares in constant time, and refuses a timestamp more
than `REPLAY_WINDOW` seconds from its own clock (a replayed request); `verify` does both.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Casebot-Signature"
TIMESTAMP_HEADER = "X-Casebot-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"
#: How far a call's timestamp may be from the receiver's clock, in seconds.
REPLAY_WINDOW = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value: `v1=<hex HMAC-SHA256 over "<timestamp>.<body>">`."""
    message = str(timestamp).encode() + b"." + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, now: float | None = None) -> bool:
    """The receiver's checks 1 and 2 (module docstring): a valid signature over a fresh timestamp.

    `timestamp` and `signature` are the header values as received, `body` the raw request body.
    """
    if not timestamp.isdigit():
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > REPLAY_WINDOW:
        return False
    return hmac.compare_digest(sign(secret, int(timestamp), body), signature)
