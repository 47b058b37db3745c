"""Answering customers and telling staff in Slack: replies become outbox rows, ready to post.

An outbox payload is one Web API call: `method` and its `args`, plus how to find where it goes when
that is only known at delivery time: `dm_user` (open the DM with this user) and `case_thread` (post in
the case's thread once it has one). The first message about a case starts its thread in the reporter's
DM; the deliverer remembers it on the case.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlmodel import Session

from bot.config import Config
from bot.conversation.channels import Said
from bot.conversation.replies import Reply, ReplyKind, grant_alert_text, render_text
from bot.conversation.texts import say
from bot.slack.blocks import (
    Block,
    escape,
    fallback_text,
    followup_blocks,
    reply_blocks,
    section,
    staff_actions,
    staff_blocks,
    staff_reply_blocks,
)
from store import cases as case_store
from store import grants, outbox
from store.models import Case

#: Kinds that must be seen in the DM itself, not only inside the case's thread.
_BROADCAST_KINDS = frozenset({"question", "reminder", "confirmation", "staff-reply"})


def post(
    channel: str | None, blocks: list[Block], *, dm_user: str | None = None, case_thread: int | None = None
) -> dict[str, Any]:
    """The outbox payload for one `chat.postMessage`."""
    args: dict[str, Any] = {"text": fallback_text(blocks), "blocks": blocks, "unfurl_links": False}
    if channel:
        args["channel"] = channel
    payload: dict[str, Any] = {"method": "chat.postMessage", "args": args}
    if dm_user:
        payload["dm_user"] = dm_user
    if case_thread is not None:
        payload["case_thread"] = case_thread
    return payload


class SlackChannel:
    """The Slack side of `CustomerChannel`: the reporter's DM, one thread per case."""

    name = "slack"

    def __init__(self, config: Config) -> None:
        self.config = config

    def send(
        self,
        session: Session,
        case: Case,
        reply: Reply,
        *,
        context: dict[str, Any],
        dedupe_key: str | None = None,
    ) -> bool:
        recipient = case.reporter
        if not recipient or "@" in recipient:
            return False
        first_name = case.reporter_name.split(" ")[0] if case.reporter_name else ""
        if reply.kind is ReplyKind.STAFF_REPLY:
            blocks = staff_reply_blocks(reply, team=self.config.outbound.from_name)
        else:
            blocks = reply_blocks(reply, case, first_name=first_name)
        payload = post(None, blocks, dm_user=recipient, case_thread=case.id)
        if reply.kind is ReplyKind.STAFF_REPLY and reply.paragraphs:
            payload["args"]["text"] = reply.paragraphs[0][:300]
        if reply.kind in _BROADCAST_KINDS:
            payload["broadcast"] = True
        queued = outbox.enqueue(
            session,
            channel="slack",
            kind=reply.kind,
            recipient=recipient,
            case_id=case.id,
            dedupe_key=dedupe_key,
            payload=payload,
        )
        if queued is None:
            return False
        if reply.author:  # the engine records a staff member's words itself
            return True
        case_store.add_message(
            session,
            case,
            direction="out",
            channel="slack",
            sender="casebot",
            text=render_text(reply, name=first_name, team=self.config.outbound.from_name),
            kind=reply.kind,
        )
        return True


class SlackStaffNotifier:
    """Posts new and completed cases to the support channel; bug reports to the technical channel."""

    def __init__(self, config: Config, language: str = "nb") -> None:
        self.config = config
        self.language = language

    def target(self, case: Case) -> str:
        slack = self.config.slack
        if case.type == "bug" and slack.technical_channel:
            return slack.technical_channel
        return slack.support_channel

    def notify(
        self, session: Session, case: Case, *, kind: str, missing: list[str], said: Said | None = None
    ) -> None:
        if kind == "grant_alert":
            self._grant_alert(session, case)
            return
        channel = self.target(case)
        if not channel or case.id is None:
            return
        if kind == "followup" and said is not None:
            # Into the thread of the case's newest post here (the deliverer finds it), so the people
            # who answer it see what the customer said next.
            payload = post(channel, followup_blocks(case, self.language, said))
            payload["staff_thread"] = case.id
            digest = hashlib.sha256((said.message_id or "").encode()).hexdigest()[:32]
            key = f"staff-slack:followup:{case.id}:{digest}"
        elif kind in ("new", "complete"):
            payload = post(channel, staff_blocks(case, self.language, kind=kind, missing=missing))
            payload["staff_post"] = case.id  # a reply in its thread answers the customer
            key = f"staff-slack:{kind}:{case.id}:{case.updated_at.isoformat()}"
        else:
            return
        outbox.enqueue(
            session,
            channel="slack",
            kind=f"staff-{kind}",
            recipient=channel,
            case_id=case.id,
            dedupe_key=key,
            payload=payload,
        )

    def _grant_alert(self, session: Session, case: Case) -> None:
        """A revocation that keeps failing: the support channel must know, whatever the case type."""
        channel = self.config.slack.support_channel
        if not channel or case.id is None:
            return
        grant = grants.grant_of(session, case.id)
        since = grant.failing_since.isoformat() if grant and grant.failing_since else "-"
        lang = self.language
        text = grant_alert_text(
            lang, case, grant.failing_since if grant else None, grant.last_error if grant else None
        )
        headline = say(lang, "staff_grant_alert_subject", id=case.id)
        blocks = [
            section(f"*:warning: {escape(headline)}*"),
            section(escape(text)),
            staff_actions(case.id, lang),
        ]
        outbox.enqueue(
            session,
            channel="slack",
            kind="staff-grant-alert",
            recipient=channel,
            case_id=case.id,
            dedupe_key=f"staff-slack:grant-alert:{case.id}:{since}",
            payload=post(channel, blocks),
        )
