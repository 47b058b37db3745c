"""Telling the customer's system that staff login access starts or ends.

`log` only records (the audit log is the record); `webhook` POSTs JSON signed with HMAC-SHA256 over
the exact body, keyed by `CASEBOT_GRANT_SECRET`, with an idempotency key so a call repeated after a
crash is recognised by the receiver. A failure raises `GrantCallError`; the grant sweep retries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any, Protocol

import aiohttp

from bot.config import Config, Secrets
from store.errors import ConfigError, GrantCallError

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Casebot-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class GrantBackend(Protocol):
    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Deliver one grant or revoke call; returns what to audit about the confirmation."""
        ...

    async def close(self) -> None: ...


def sign(secret: str, body: bytes) -> str:
    """The signature header value for a body: `sha256=<hex HMAC-SHA256>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class LogBackend:
    """Records the call in the log and the audit trail; nothing outside casebot is told."""

    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        log.info("grant %s for case %s (log backend)", payload["action"], payload["case_ref"])
        return {"backend": "log"}

    async def close(self) -> None:
        return None


class WebhookBackend:
    """POSTs each call to the customer's system; any non-2xx answer or network error is a failure."""

    def __init__(self, url: str, secret: str, timeout: float = 10.0) -> None:
        self.url = url
        self.secret = secret
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(self.secret, body),
            IDEMPOTENCY_HEADER: payload["idempotency_key"],
        }
        try:
            async with self._session.post(self.url, data=body, headers=headers) as response:
                if not 200 <= response.status < 300:
                    raise GrantCallError(f"webhook answered HTTP {response.status}")
                return {"backend": "webhook", "http_status": response.status}
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
