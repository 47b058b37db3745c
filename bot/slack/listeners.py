"""Bolt listeners: acknowledge, check who is asking, store what changes a case, answer what only reads.

A request that creates or changes a case (a submitted form, `/case new …`, a button answer, a close,
a DM reply) is written to the durable inbox and only then confirmed; the inbox worker does the work.
Listing and showing cases answer directly. Whatever Slack sends twice (a retry, a double click) is
dropped here by its Slack id, and again by the engine's duplicate check if it slipped through.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Config
from bot.conversation.requirements import missing_fields
from bot.conversation.texts import say
from bot.slack import blocks as kit
from bot.slack.commands import Command, parse_command
from bot.slack.identity import Directory, SlackUser, can_see
from bot.slack.intake import stored
from bot.slack.modal import CALLBACK_ID, case_form, form_language, read_form
from store import cases as case_store
from store.cases import visible_cases
from store.db import Store
from store.errors import StoreUnavailable
from store.inbox import Accept, Arrival
from store.models import Case, CaseStatus, utcnow

log = logging.getLogger(__name__)

_SEEN_MAX = 20_000
# A date is "in the future" only when it is tomorrow everywhere on earth (UTC+14).
_EARLIEST_TOMORROW = timedelta(hours=14)


class Seen:
    """Slack ids of requests already taken, so a retry or a double click is not taken twice."""

    def __init__(self, size: int = _SEEN_MAX) -> None:
        self.size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        self._keys[key] = None
        while len(self._keys) > self.size:
            self._keys.popitem(last=False)


class SlackListeners:
    """The Bolt app's listeners, with what they need."""

    def __init__(self, config: Config, store: Store, directory: Directory, client: AsyncWebClient) -> None:
        self.config = config
        self.store = store
        self.directory = directory
        self.client = client
        self.accept: Accept | None = None
        self.seen = Seen()
        self._tasks: set[asyncio.Task[None]] = set()

    def register(self, app: AsyncApp) -> None:
        """Each listener answers Slack, and hands whatever takes longer to `later`."""
        app.command(self.config.slack.command)(self.ack_command)
        app.view(CALLBACK_ID)(self.on_form)
        app.action(kit.ANSWER_ACTION)(self.ack_action)
        app.action(kit.STAFF_SHOW)(self.ack_action)
        app.action(kit.HOME_SHOW)(self.ack_action)
        app.action(kit.STAFF_CLOSE)(self.ack_action)
        app.event("message", middleware=[self.store_message])(self.on_message)
        app.event("app_home_opened")(self.ack_home)

    def later(self, work: Coroutine[Any, Any, None]) -> None:
        """Run work after the answer to Slack, keeping a reference so the task is not collected."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("Slack work after the answer failed", exc_info=task.exception())

    # -- storing -----------------------------------------------------------------------------

    async def _store(
        self, key: str, kind: str, user: str, team: str, body: dict[str, Any], **extra: Any
    ) -> bool:
        """Store one request durably under its Slack id; False when the store cannot take it.

        The id (`cmd:<trigger_id>`, `view:<view id>`, `msg:<channel>:<ts>` ...) is the inbox row's
        idempotency key, so a retry, a double click or a replay after a restart is the row already
        stored, and the processed request's message id, so the engine sees one message.
        """
        if key in self.seen:
            return True
        if self.accept is None:
            return False
        raw = stored(kind, user, team, body, key=key, **extra)
        arrival = Arrival(
            raw=raw, envelope_from=user, envelope_to=(team,), channel="slack", idempotency_key=f"slack:{key}"
        )
        try:
            await self.accept(arrival)
        except StoreUnavailable:
            log.warning("Slack request not stored: the store is unavailable")
            return False
        self.seen.add(key)
        return True

    async def _case(self, case_id: int) -> tuple[Case | None, list[str], list[str]]:
        """A case with its attachment names and missing fields, read off the loop."""

        def read() -> tuple[Case | None, list[str], list[str]]:
            with self.store.session() as session:
                case = case_store.get_case(session, case_id)
                if case is None:
                    return None, [], []
                names = [a.filename for a in case_store.attachments_of(session, case_id)]
                missing = missing_fields(case) if case.status == CaseStatus.DRAFT else []
                session.expunge(case)
                return case, names, missing

        return await asyncio.to_thread(read)

    async def _visible(self, user: SlackUser) -> list[Case]:
        """The cases this user may see, read off the loop."""

        def read() -> list[Case]:
            with self.store.session() as session:
                cases = visible_cases(session, user_id=user.id, customer=user.customer, staff=user.staff)
                for case in cases:
                    session.expunge(case)
                return cases

        return await asyncio.to_thread(read)

    async def _tell(self, body: dict[str, Any], respond: AsyncRespond | None, text: str) -> None:
        """An ephemeral answer where the request came from, or a small modal from App Home."""
        if body.get("response_url") and respond is not None:
            await respond(text=text, response_type="ephemeral", replace_original=False)
        elif body.get("trigger_id"):
            await self.client.views_open(trigger_id=body["trigger_id"], view=_notice_view(text))

    # -- the slash command -------------------------------------------------------------------

    async def ack_command(self, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        """Answer the slash command; `/case new <text>` is stored first, since it makes a case."""
        command = parse_command(str(body.get("text") or ""))
        user_id, team = str(body.get("user_id", "")), str(body.get("team_id", ""))
        key = f"cmd:{body.get('trigger_id')}"
        if key in self.seen:
            await ack()
            return
        if command.verb == "new" and command.text:
            if not await self._store(key, "command", user_id, team, body, text=command.text):
                await ack(text=say(command.language_hint, "slack_store_down"))
                return
        elif command.verb not in ("close", "withdraw"):
            self.seen.add(key)  # a change is marked once it is stored (`_store`)
        await ack()
        self.later(self.on_command(body, command, respond))

    async def on_command(self, body: dict[str, Any], command: Command, respond: AsyncRespond) -> None:
        """The slash command's work after the answer: open the form, list, show, change, help."""
        user = await self.directory.lookup(str(body.get("user_id", "")), str(body.get("team_id", "")))
        lang = _lang(command, user)
        key = f"cmd:{body.get('trigger_id')}"
        slash = self.config.slack.command
        if command.verb == "new" and command.text:
            await respond(text=say(lang, "slack_new_received"), response_type="ephemeral")
        elif command.verb == "new":
            view = case_form(lang, channel=str(body.get("channel_id", "")))
            try:
                await self.client.views_open(trigger_id=body["trigger_id"], view=view)
            except SlackApiError as exc:
                # Most likely the trigger expired (Slack allows 3 s): say so, rather than nothing.
                log.warning("views.open failed: %s", exc.response.get("error"))
                await respond(text=say(lang, "slack_form_failed", command=slash), response_type="ephemeral")
        elif command.verb == "list":
            cases = await self._visible(user)
            title = say(lang, "slack_list_title_staff" if user.staff else "slack_list_title")
            await respond(blocks=kit.case_list_blocks(cases, lang, title=title), response_type="ephemeral")
        elif command.verb == "show" and command.case_id is not None:
            await self._show(body, respond, user, lang, command.case_id)
        elif command.verb in ("close", "withdraw") and command.case_id is not None:
            await self._change(body, respond, user, lang, command.verb, command.case_id, key)
        elif command.verb == "help":
            await respond(text=say(lang, "slack_help", command=slash), response_type="ephemeral")
        else:
            text = say(lang, command.problem or "slack_unknown_command", command=slash)
            await respond(
                text=f"{text}\n\n{say(lang, 'slack_help', command=slash)}", response_type="ephemeral"
            )

    async def _show(
        self, body: dict[str, Any], respond: AsyncRespond | None, user: SlackUser, lang: str, case_id: int
    ) -> None:
        """One case's details, to someone allowed to see it; the same refusal for missing and foreign."""
        case, names, missing = await self._case(case_id)
        if case is None or not can_see(user, case.customer, case.reporter):
            # The same answer for "not yours" and "does not exist": ids of others' cases stay private.
            await self._tell(body, respond, say(lang, "slack_not_yours", id=case_id))
            return
        detail = kit.case_detail_blocks(case, lang, names, missing)
        if body.get("response_url") and respond is not None:
            await respond(blocks=detail, response_type="ephemeral", replace_original=False)
        else:
            await self.client.views_open(trigger_id=body["trigger_id"], view=_detail_view(case, lang, detail))

    async def _change(
        self,
        body: dict[str, Any],
        respond: AsyncRespond | None,
        user: SlackUser,
        lang: str,
        verb: str,
        case_id: int,
        key: str,
    ) -> None:
        """Close or withdraw, after the access check: stored for the inbox worker, then confirmed."""
        case, _, _ = await self._case(case_id)
        if case is None or not can_see(user, case.customer, case.reporter):
            await self._tell(body, respond, say(lang, "slack_not_yours", id=case_id))
            return
        if case.status == CaseStatus.CLOSED:
            # Closing ended the login grant already; and a change must not reopen the case.
            await self._tell(body, respond, say(lang, "slack_already_closed", id=case_id))
            return
        if not await self._store(key, verb, user.id, user.team, body, case=case_id):
            await self._tell(body, respond, say(lang, "slack_store_down"))
            return
        await self._tell(body, respond, say(lang, f"slack_{verb}_accepted", id=case_id))

    # -- the modal ---------------------------------------------------------------------------

    async def on_form(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        """A submitted form: errors go back into the modal; a valid one is stored, then the modal closes."""
        today = (utcnow() + _EARLIEST_TOMORROW).date()
        answer = read_form(view, today=today)
        if answer.errors:
            await ack(response_action="errors", errors=answer.errors)
            return
        user = body.get("user") or {}
        user_id, team = (
            str(user.get("id", "")),
            str(user.get("team_id") or body.get("team", {}).get("id", "")),
        )
        if not await self._store(
            f"view:{view.get('id')}", "view", user_id, team, body, form=answer.as_record()
        ):
            await ack(
                response_action="errors", errors={"description": say(form_language(view), "slack_store_down")}
            )
            return
        await ack()

    # -- buttons -----------------------------------------------------------------------------

    async def ack_action(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Answer a button click at once; what it does follows in `later`."""
        await ack()
        work = {kit.STAFF_SHOW: self.on_show, kit.HOME_SHOW: self.on_show, kit.STAFF_CLOSE: self.on_close}
        self.later(work.get(str(action.get("action_id")), self.on_answer)(body, action, respond))

    async def on_answer(self, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond) -> None:
        """A yes/no button: stored as the customer's answer to that question, if the case is theirs."""
        key = f"action:{body.get('trigger_id')}"
        if key in self.seen:
            return
        value = _value(action)
        user = await self.directory.lookup(str(body["user"]["id"]), _team(body))
        case_id, field = int(value.get("case", 0)), str(value.get("field", ""))
        case, _, _ = await self._case(case_id)
        if case is None or not can_see(user, case.customer, case.reporter):
            await self._tell(body, respond, say(user.language, "slack_not_yours", id=case_id))
            return
        if case.status == CaseStatus.CLOSED:
            await self._tell(body, respond, say(case.language, "slack_already_closed", id=case_id))
            return
        answer = bool(value.get("answer"))
        if not await self._store(
            key, "answer", user.id, user.team, body, case=case_id, field=field, answer=answer
        ):
            await self._tell(body, respond, say(case.language, "slack_store_down"))
            return
        await self._mark_answered(body, action, case.language, field, answer)

    async def _mark_answered(
        self, body: dict[str, Any], action: dict[str, Any], lang: str, field: str, answer: bool
    ) -> None:
        """Replace the clicked question's buttons with the answer given, so it reads as answered."""
        message, channel = body.get("message") or {}, (body.get("channel") or {}).get("id")
        if not (message.get("ts") and channel):
            return
        answered = kit.answered_block(kit.answer_label(field, lang), kit.answer_word(field, answer, lang))
        updated = [
            answered if b.get("block_id") == action.get("block_id") else b
            for b in message.get("blocks") or []
        ]
        try:
            await self.client.chat_update(
                channel=channel, ts=message["ts"], blocks=updated, text=message.get("text") or ""
            )
        except SlackApiError as exc:
            # Cosmetic only: the answer is stored; the buttons just stay.
            log.info("could not mark a question answered: %s", exc.response.get("error"))

    async def on_show(self, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond) -> None:
        """«Show details» under a staff post or in App Home."""
        user = await self.directory.lookup(str(body["user"]["id"]), _team(body))
        await self._show(body, respond, user, user.language, int(_value(action).get("case", 0)))

    async def on_close(self, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond) -> None:
        """«Close case» under a staff post (staff, or someone of the case's own organisation)."""
        key = f"action:{body.get('trigger_id')}"
        if key in self.seen:
            return
        user = await self.directory.lookup(str(body["user"]["id"]), _team(body))
        await self._change(
            body, respond, user, user.language, "close", int(_value(action).get("case", 0)), key
        )

    # -- events ------------------------------------------------------------------------------

    async def store_message(
        self, body: dict[str, Any], next: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """Listener middleware: store a customer's message before Bolt acknowledges the event."""
        event = body.get("event") or {}
        if _from_a_person(event) and (event.get("channel_type") == "im" or event.get("thread_ts")):
            user, team = str(event.get("user")), str(body.get("team_id") or event.get("team") or "")
            key = f"msg:{event.get('channel')}:{event.get('ts')}"
            if not await self._store(key, "message", user, team, event):
                # Not acknowledged: Slack retries the event later, and then it is stored.
                return BoltResponse(status=503, body="")
        await next()
        return None

    async def on_message(self) -> None:
        """Events need no answer of their own: Bolt acknowledges them (a message after `store_message`)."""

    async def ack_home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """App Home was opened: publish it after the answer."""
        self.later(self.on_home(event, body))

    async def on_home(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        """Publish App Home: the portal's «Våre saker» for this user."""
        if event.get("tab") not in (None, "home"):
            return
        user = await self.directory.lookup(str(event.get("user")), str(body.get("team_id") or ""))
        cases = await self._visible(user)
        await self.client.views_publish(
            user_id=user.id, view=kit.home_view(cases, user.language, command=self.config.slack.command)
        )


def _lang(command: Command, user: SlackUser) -> str:
    """A Norwegian command word says Norwegian; otherwise the user's Slack locale decides."""
    return "nb" if command.language_hint == "nb" else user.language


def _value(action: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _team(body: dict[str, Any]) -> str:
    return str((body.get("user") or {}).get("team_id") or (body.get("team") or {}).get("id") or "")


def _from_a_person(event: dict[str, Any]) -> bool:
    """A person's new message (a file share too); not a bot, an edit, a join or a deletion."""
    return (
        bool(event.get("user")) and not event.get("bot_id") and event.get("subtype") in (None, "file_share")
    )


def _notice_view(text: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "casebot"},
        "blocks": [kit.section(kit.escape(text))],
    }


def _detail_view(case: Case, lang: str, detail: list[kit.Block]) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": say(lang, "slack_case_title", id=case.id)[:24]},
        "blocks": detail,
    }
