"""Delivering Slack outbox items: one Web API call each, errors sorted into retry or give up.

Rate limits (HTTP 429) carry Slack's `Retry-After` to the outbox; errors that no retry can fix
(`channel_not_found`, `invalid_auth`, …) are permanent. Where a post goes is settled here when the
payload leaves it open: the reporter's DM (`conversations.open`) and the case's thread.

Each post carries its outbox id in Slack's message metadata. Slack has no idempotency key, so when an
item is tried again (its earlier attempt may have posted just before a crash) the deliverer first
looks for that id among the channel's or thread's latest messages, and posts only if it is not there:
every post arrives once, also across a kill -9.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from store.cases import case_thread, remember_staff_post, remember_thread, staff_thread
from store.db import Store
from store.errors import DeliveryError
from store.models import OutboxItem

#: Web API errors that mean the call will never succeed as written.
PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "channel_not_found",
        "invalid_auth",
        "invalid_blocks",
        "invalid_arguments",
        "is_archived",
        "msg_too_long",
        "no_permission",
        "not_authed",
        "not_in_channel",
        "restricted_action",
        "token_revoked",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "missing_scope",
        "not_allowed_token_type",
        "ekm_access_denied",
    }
)


def as_delivery_error(exc: SlackApiError) -> DeliveryError:
    """A Web API failure, as the outbox understands it."""
    response = exc.response
    error = str(response.get("error") or f"http {response.status_code}")
    if response.status_code == 429 or error == "ratelimited":
        retry_after = _seconds(response.headers.get("Retry-After") or response.headers.get("retry-after"))
        return DeliveryError(f"slack rate limit: {error}", retry_after=retry_after or 30.0)
    return DeliveryError(f"slack: {error}", permanent=error in PERMANENT_ERRORS)


def _seconds(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


#: The metadata event type of casebot's posts; its payload carries the outbox id.
METADATA_EVENT = "casebot_outbox"
_LOOK_BACK = 100


class SlackDeliverer:
    """Calls the Web API for outbox items of channel `slack`."""

    def __init__(self, store: Store, client: AsyncWebClient) -> None:
        self.store = store
        self.client = client
        self._dms: dict[str, str] = {}

    async def dm_channel(self, user_id: str) -> str:
        """The DM channel with a user (opened once, then remembered)."""
        channel = self._dms.get(user_id)
        if channel is None:
            response = await self.client.conversations_open(users=user_id)
            channel = str(response["channel"]["id"])
            self._dms[user_id] = channel
        return channel

    async def _posted_before(self, item: OutboxItem, args: dict[str, Any]) -> dict[str, Any] | None:
        """The message an earlier attempt of this item posted, when Slack has it (a crash between the
        post and recording it as sent); None when it must be posted."""
        channel = args.get("channel")
        if not channel:
            return None
        if args.get("thread_ts"):
            found = await self.client.conversations_replies(
                channel=channel, ts=args["thread_ts"], include_all_metadata=True, limit=_LOOK_BACK
            )
        else:
            found = await self.client.conversations_history(
                channel=channel, include_all_metadata=True, limit=_LOOK_BACK
            )
        for message in found.get("messages") or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and (
                (metadata.get("event_payload") or {}).get("outbox_id") == item.id
            ):
                return {"channel": channel, "ts": message.get("ts")}
        return None

    async def __call__(self, item: OutboxItem) -> None:
        payload = item.payload
        args: dict[str, Any] = dict(payload.get("args") or {})
        case_id = payload.get("case_thread")
        starts_thread = False
        posting = payload.get("method") == "chat.postMessage"
        if posting:
            # Slack has no idempotency key; the outbox id travels in the message's metadata instead, so
            # a retry after a crash can see that its earlier attempt did arrive (see `_posted_before`).
            args["metadata"] = {"event_type": METADATA_EVENT, "event_payload": {"outbox_id": item.id}}
        try:
            if case_id is not None:
                thread = await asyncio.to_thread(case_thread, self.store, int(case_id))
                if thread is not None:
                    args["channel"], args["thread_ts"] = thread
                    if payload.get("broadcast"):
                        args["reply_broadcast"] = True
                else:
                    starts_thread = True
            if payload.get("staff_thread") is not None:
                found = await asyncio.to_thread(staff_thread, self.store, int(payload["staff_thread"]))
                if found is not None:
                    args["channel"], args["thread_ts"] = found
            if "channel" not in args and payload.get("dm_user"):
                args["channel"] = await self.dm_channel(str(payload["dm_user"]))
            earlier = await self._posted_before(item, args) if posting and item.attempts > 1 else None
            response = earlier or await self.client.api_call(str(payload["method"]), json=args)
        except SlackApiError as exc:
            raise as_delivery_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"slack unreachable: {type(exc).__name__}") from exc
        staff_post = payload.get("staff_post")
        if staff_post is not None and response.get("ts"):
            channel = str(response.get("channel") or args["channel"])
            await asyncio.to_thread(
                remember_staff_post, self.store, int(staff_post), channel, str(response["ts"])
            )
        if starts_thread and case_id is not None and response.get("ts"):
            channel = str(response.get("channel") or args["channel"])
            await asyncio.to_thread(remember_thread, self.store, int(case_id), channel, str(response["ts"]))
