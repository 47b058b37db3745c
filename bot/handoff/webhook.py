"""The hand-off webhook: each complete case, and each later customer message on it, POSTed as JSON.

    POST <[handoff] webhook_url>
    Content-Type: application/json
    X-Casebot-Event: case.complete | case.message
    X-Casebot-Timestamp: 1796032000          (Unix seconds, when this attempt was sent)
    X-Casebot-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>", keyed by CASEBOT_HANDOFF_SECRET>
    Idempotency-Key: casebot-handoff-<case id>-complete | casebot-handoff-<case id>-message-<hash>

The body follows `webhook.schema.json`. The signature is the grant webhook's scheme
(`bot.signing.sign` / `verify`): the receiver recomputes it over the timestamp, a dot and
the raw body, compares in constant time and refuses a timestamp more than five minutes off.

Each body is written once, into the outbox, in the transaction that completed the case or took the
message; the outbox POSTs it until the receiver answers 2xx, backing off between tries and across
restarts. An attempt that reached the receiver just before casebot died is sent again with the same
body and `Idempotency-Key`, so a receiver that keeps the keys it has acted on acts on each exactly once.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from bot.config import Config, Secrets
from bot.conversation.channels import Said
from bot.signing import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from store import cases as case_store
from store import outbox
from store.errors import ConfigError, DeliveryError
from store.models import Case, OutboxItem, iso, utcnow

if TYPE_CHECKING:
    import aiohttp

EVENT_HEADER = "X-Casebot-Event"
#: The outbox channel of hand-off webhook calls.
CHANNEL = "webhook"
SCHEMA_VERSION = 1


def _files(rows: Any) -> list[dict[str, Any]]:
    return [
        {"filename": a.filename, "content_type": a.content_type, "size": a.size, "sha256": a.sha256}
        for a in rows
    ]


class HandoffWebhookNotifier:
    """Queues the webhook call for a complete case and for each later customer message on it."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def notify(
        self, session: Session, case: Case, *, kind: str, missing: list[str], said: Said | None = None
    ) -> None:
        url = self.config.handoff.webhook_url
        if not url or case.id is None:
            return
        if kind == "complete":
            key = f"casebot-handoff-{case.id}-complete"
            event, message = "case.complete", None
        elif kind == "followup" and said is not None:
            digest = hashlib.sha256((said.message_id or "").encode()).hexdigest()[:24]
            key = f"casebot-handoff-{case.id}-message-{digest}"
            event = "case.message"
            message = {
                "sender": said.sender,
                "sender_name": said.sender_name,
                "text": said.text,
                "attachments": _files(said.files),
            }
        else:
            return
        detail = case_store.case_fields(case) | {
            "id": case.id,
            "ref": case.ref,
            "status": case.status,
            "created_at": iso(case.created_at),
            "unknown": list(case.unknown),
            "participants": list(case.participants),
            "attachments": _files(case_store.attachments_of(session, case.id)),
        }
        body = {
            "schema_version": SCHEMA_VERSION,
            "event": event,
            "idempotency_key": key,
            "at": iso(utcnow()),
            "case": detail,
            "message": message,
        }
        outbox.enqueue(
            session,
            channel=CHANNEL,
            kind="handoff-webhook",
            recipient=url,
            case_id=case.id,
            dedupe_key=key,
            payload={"url": url, "event": event, "key": key, "body": body},
        )


class WebhookDeliverer:
    """POSTs queued hand-off calls, signed anew at each attempt; any answer but 2xx is retried by the
    outbox (a 429's `Retry-After` is respected)."""

    def __init__(self, config: Config, secrets: Secrets) -> None:
        if config.handoff.webhook_url and not secrets.handoff_secret:
            raise ConfigError("handoff.webhook_url needs CASEBOT_HANDOFF_SECRET in the environment")
        self.secret = secrets.handoff_secret
        # Imported here, by the server that delivers: every CLI command builds the notifier above,
        # and aiohttp is a quarter of a command's start-up.
        import aiohttp

        self.timeout = aiohttp.ClientTimeout(total=config.handoff.timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def __call__(self, item: OutboxItem) -> None:
        import aiohttp

        payload = item.payload
        if not self.secret:
            raise DeliveryError("CASEBOT_HANDOFF_SECRET is not set", permanent=True)
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        body = json.dumps(payload["body"], separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            EVENT_HEADER: str(payload["event"]),
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(self.secret, timestamp, body),
            IDEMPOTENCY_HEADER: str(payload["key"]),
        }
        try:
            async with self._session.post(str(payload["url"]), data=body, headers=headers) as response:
                if 200 <= response.status < 300:
                    return
                retry_after = response.headers.get("Retry-After")
                raise DeliveryError(
                    f"hand-off webhook answered HTTP {response.status}",
                    retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None,
                )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"hand-off webhook unreachable: {type(exc).__name__}") from exc

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
