"""Slack parts that need no running casebot: command words, escaping, delivery errors (fake Web API)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel import select

from bot.config import Config, SlackConfig
from bot.conversation.replies import Reply
from bot.slack.blocks import escape, reply_blocks, staff_blocks, unescape
from bot.slack.channel import SlackStaffNotifier
from bot.slack.commands import Command, parse_command
from bot.slack.delivery import SlackDeliverer
from bot.slack.identity import language_of
from bot.slack.modal import read_form
from store import cases as case_store
from store.db import open_store
from store.errors import DeliveryError
from store.models import Case, OutboxItem
from tests.bot.slack.fake_slack import BOT_TOKEN, FakeSlack


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Command("new")),
        ("ny Skriveren virker ikke", Command("new", text="Skriveren virker ikke", language_hint="nb")),
        ("NEW printer broken", Command("new", text="printer broken", language_hint="en")),
        ("liste", Command("list", language_hint="nb")),
        ("vis #12", Command("show", case_id=12, language_hint="nb")),
        ("close 7", Command("close", case_id=7, language_hint="en")),
        ("trekk 3", Command("withdraw", case_id=3, language_hint="nb")),
        ("hjelp", Command("help", language_hint="nb")),
        ("lukk", Command("invalid", text="lukk", language_hint="nb", problem="slack_needs_id_close")),
        (
            "show twelve",
            Command("invalid", text="show twelve", language_hint="en", problem="slack_needs_id_show"),
        ),
        ("please fix", Command("invalid", text="please fix", problem="slack_unknown_command")),
    ],
)
def test_command_words(text: str, expected: Command) -> None:
    """Each command word and Norwegian alias means what the help says; a missing id is named, not guessed."""
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("locale", "lang"), [("nb-NO", "nb"), ("no", "nb"), ("nn_NO", "nb"), ("en-US", "en"), (None, "en")]
)
def test_locale_decides_language(locale: str | None, lang: str) -> None:
    """Norwegian locales (nb, no, nn) answer in Norwegian; everything else in English."""
    assert language_of(locale) == lang


def _case(**values: Any) -> Case:
    base: dict[str, Any] = {"id": 9, "token": "t", "reporter": "UKARI", "reporter_name": "<@U999> Kari"}
    return Case(**(base | values))


def test_customer_words_cannot_ping_anyone() -> None:
    """Subject, name and description reach blocks with &, <, > escaped, so <!channel> and <@U…> stay text."""
    case = _case(subject="Hjelp <!channel> & <@U123>", description="<!here> nå", customer="Acme AS")
    reply = Reply(kind="question", language="nb", paragraphs=(f"Sak «{case.subject}»",))
    rendered = json.dumps(
        reply_blocks(reply, case, first_name="<!everyone>") + staff_blocks(case, "nb", kind="new", missing=[])
    )
    assert "<!" not in rendered and "<@" not in rendered
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in rendered and "&lt;!everyone&gt;" in rendered
    assert escape("a<b>&c") == "a&lt;b&gt;&amp;c" and unescape(escape("a<b>&amp;c")) == "a<b>&amp;c"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    try:
        yield server
    finally:
        server.stop()


def _item(payload: dict[str, Any]) -> OutboxItem:
    return OutboxItem(id=1, channel="slack", kind="staff-new", recipient="C1", payload=payload)


async def test_deliverer_sorts_errors_for_the_outbox(fake: FakeSlack) -> None:
    """429 carries Retry-After; channel_not_found and invalid_auth are permanent; other errors are retried."""
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    deliver = SlackDeliverer(store=None, client=client)  # type: ignore[arg-type]  # no thread lookups here
    post = {"method": "chat.postMessage", "args": {"channel": "C1", "text": "hi"}}

    fake.fail_next("chat.postMessage", error="ratelimited", status=429, retry_after=7)
    with pytest.raises(DeliveryError) as limited:
        await deliver(_item(post))
    assert (limited.value.permanent, limited.value.retry_after) == (False, 7.0)

    for error, permanent in (("channel_not_found", True), ("invalid_auth", True), ("internal_error", False)):
        fake.fail_next("chat.postMessage", error=error)
        with pytest.raises(DeliveryError) as failed:
            await deliver(_item(post))
        assert failed.value.permanent is permanent, error

    await deliver(_item({"method": "chat.postMessage", "args": {"text": "hei"}, "dm_user": "UKARI"}))
    sent = fake.of("chat.postMessage")[-1]
    assert sent.args["channel"] == "DUKARI" and sent.token == BOT_TOKEN
    assert fake.of("conversations.open")[0].args["users"] == "UKARI"


def test_staff_posts_go_to_the_right_channel(tmp_path: Path) -> None:
    """Bug reports go to the technical channel, other cases and login-revocation alerts to support."""
    store = open_store(f"sqlite:///{tmp_path / 'casebot.db'}", str(tmp_path / "files"), migrate=True)
    config = Config(slack=SlackConfig(support_channel="CSUP", technical_channel="CTECH"))
    notifier = SlackStaffNotifier(config)
    with store.session() as session:
        bug = case_store.create_case(session, type="bug", subject="<!here> krasj", customer="Acme AS")
        order = case_store.create_case(session, type="order", subject="Lisenser", customer="Acme AS")
        notifier.notify(session, bug, kind="new", missing=["browser"])
        notifier.notify(session, order, kind="complete", missing=[])
        notifier.notify(session, order, kind="grant_alert", missing=[])
        rows = session.exec(select(OutboxItem).order_by(OutboxItem.id)).all()
        sent = [(r.kind, r.payload["args"]["channel"]) for r in rows]
        texts = [json.dumps(r.payload) for r in rows]
    store.dispose()
    assert sent == [("staff-new", "CTECH"), ("staff-complete", "CSUP"), ("staff-grant-alert", "CSUP")]
    assert "&lt;!here&gt; krasj" in texts[0] and "<!here>" not in texts[0]
    assert "casebot_staff_close" in texts[2]


def test_the_modal_is_read_by_the_shared_form_reader_with_errors_on_its_blocks() -> None:
    """The modal's submitted state goes through the same checks as the web form; each error comes back
    on the block that shows the input (`login`, `files`), and a valid modal states the same fields."""
    lang_meta = json.dumps({"lang": "nb"})

    def view(**blocks: dict[str, Any]) -> dict[str, Any]:
        base: dict[str, dict[str, Any]] = {
            "type": {"selected_option": {"value": "bug"}},
            "subject": {"value": "Avvik"},
            "description": {"value": "Feil ved lagring"},
            "login": {"selected_option": {"value": "yes"}},
            "observed_on": {"selected_date": "2026-11-29"},
        }
        state = {block: {"value": value} for block, value in {**base, **blocks}.items()}
        return {"private_metadata": lang_meta, "state": {"values": state}}

    answer = read_form(view(), today=date(2026, 11, 30))
    assert answer.errors == {} and answer.fields.login_allowed is True and answer.language == "nb"
    assert answer.fields.observed_on == date(2026, 11, 29) and answer.fields.type == "bug"
    files = {"files": [{"id": f"F{n}"} for n in range(6)]}
    wrong = read_form(
        view(login={"selected_option": {"value": "kanskje"}}, files=files, subject={"value": ""}),
        today=date(2026, 11, 30),
    )
    assert set(wrong.errors) == {"login", "files", "subject"}
    assert wrong.errors["files"] == "Legg ved høyst 5 filer."
