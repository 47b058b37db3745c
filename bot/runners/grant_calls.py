"""Telling the customer's system that staff login access starts or ends (the grant webhook).

`log` only records (the audit log is the record). `webhook` POSTs each call to `[grants] webhook_url`
as JSON, and the receiver can check everything about it:

    POST <webhook_url>
    Content-Type: application/json
    X-Casebot-Timestamp: 1796032000                        (Unix seconds, when this attempt was sent)
    X-Casebot-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>", keyed by CASEBOT_GRANT_SECRET>
    Idempotency-Key: casebot-grant-<grant_id>-<sequence>

    {"action": "grant" | "revoke", "grant_id": 7, "sequence": 2, "case_id": 12, "case_ref": "#12",
     "customer": "Acme AS", "instance": "acme.landax.no", "at": "2026-11-30T09:00:00Z",
     "reason": "case-closed:customer" | null, "idempotency_key": "casebot-grant-7-2"}

The receiver (see `verify` for the checks, in order):
1. recomputes the signature over the timestamp, a dot and the raw body, and compares in constant time;
2. refuses a timestamp more than `REPLAY_WINDOW` (5 minutes) from its own clock (a replayed request);
3. acts on a call only if its `sequence` is higher than the last one it acted on for that `grant_id`
   (every grant and every revoke of a grant takes the next number), so a late or repeated old call
   can never undo a newer one;
4. answers 200 with JSON that echoes the key, `{"idempotency_key": "<the key>"}`, also for a call it
   had already handled or that an older sequence made moot.

casebot counts a call as confirmed only on that echo: any other answer, a 2xx included, is a failure
and the call is retried (the same key and sequence, a new timestamp and signature) until confirmed.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any, Protocol

import aiohttp

from bot.config import Config, Secrets
from bot.signing import IDEMPOTENCY_HEADER, REPLAY_WINDOW, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify
from store.errors import ConfigError, GrantCallError

log = logging.getLogger(__name__)

__all__ = [
    "IDEMPOTENCY_HEADER",
    "REPLAY_WINDOW",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "GrantBackend",
    "LogBackend",
    "WebhookBackend",
    "make_backend",
    "sign",
    "verify",
]


class GrantBackend(Protocol):
    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Deliver one grant or revoke call; returns what to audit about the confirmation."""
        ...

    async def close(self) -> None: ...


class LogBackend:
    """Records the call in the log and the audit trail; nothing outside casebot is told."""

    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        log.info("grant %s for case %s (log backend)", payload["action"], payload["case_ref"])
        return {"backend": "log"}

    async def close(self) -> None:
        return None


class WebhookBackend:
    """POSTs each call to the customer's system; only an answer that echoes the call's idempotency key
    confirms it (module docstring)."""

    def __init__(self, url: str, secret: str, timeout: float = 10.0) -> None:
        self.url = url
        self.secret = secret
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        timestamp = int(time.time())
        key = payload["idempotency_key"]
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(self.secret, timestamp, body),
            IDEMPOTENCY_HEADER: key,
        }
        try:
            async with self._session.post(self.url, data=body, headers=headers) as response:
                if not 200 <= response.status < 300:
                    raise GrantCallError(f"webhook answered HTTP {response.status}")
                try:
                    answer = await response.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError) as exc:
                    raise GrantCallError("webhook answered without the JSON acknowledgement") from exc
                if not isinstance(answer, dict) or answer.get("idempotency_key") != key:
                    raise GrantCallError("webhook answered, but did not acknowledge this call's key")
                return {"backend": "webhook", "http_status": response.status, "idempotency_key": key}
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise GrantCallError(f"webhook unreachable: {type(exc).__name__}") from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


def make_backend(config: Config, secrets: Secrets) -> GrantBackend:
    if config.grants.backend == "webhook":
        if not secrets.grant_secret:
            raise ConfigError("grants.backend = 'webhook' needs CASEBOT_GRANT_SECRET in the environment")
        return WebhookBackend(config.grants.webhook_url, secrets.grant_secret)
    return LogBackend()
