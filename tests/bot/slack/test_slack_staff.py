"""Staff answer in Slack: a reply in the thread of a case's staff-channel post reaches the customer,
and the customer's later messages are posted in that thread. The real `casebot serve`, Bolt over
HTTP with signed requests, the fake Web API, real SMTP."""

from __future__ import annotations

import json
from email.message import Message

from tests.bot.slack.conftest import GLOBEX_TEAM, STAFF, SUPPORT_CHANNEL, SlackWorld
from tests.bot.slack.fake_slack import Call, form_values, submission
from tests.harness import SmtpSink, cli_json, mail, outbox_rows, reply_to, send, wait_until

COMPLETE_NB = (
    "Hei,\n\nHvordan eksporterer jeg risikorapporten til Excel? Dere kan gjerne logge inn hos oss. "
    "Saken gjelder ikke personopplysninger.\n\nMvh\nKari\n"
)


def _staff_post(world: SlackWorld) -> Call:
    """The case's post in the support channel, once casebot has it as the case's staff thread."""
    (post,) = world.fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == SUPPORT_CHANNEL)
    wait_until(
        lambda: any(r["kind"] == "staff-complete" and r["status"] == "sent" for r in outbox_rows(world.setup))
    )
    return post


def _thread_reply(world: SlackWorld, post: Call, text: str, ts: str) -> None:
    event = {
        "type": "message",
        "channel": SUPPORT_CHANNEL,
        "channel_type": "channel",
        "user": STAFF,
        "text": text,
        "ts": ts,
        "thread_ts": post.result["ts"],
    }
    assert world.slack.event("TVENDOR", event).status == 200


def _text(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(part.get_content())


def test_thread_reply_reaches_an_email_customer_and_her_answer_comes_back_to_the_thread(
    world: SlackWorld, sink: SmtpSink
) -> None:
    """Staff reply in the case's Slack thread (no mention of the bot) → the customer's email thread; her
    answer by email → posted in that Slack thread; no new case on the way."""
    send(
        world.setup.smtp_port,
        mail("kari@acme.no", "Eksport av risikorapport", COMPLETE_NB, name="Kari Nordmann"),
    )
    post = _staff_post(world)
    assert "Svar i denne tråden" in json.dumps(post.args["blocks"], ensure_ascii=False)
    _thread_reply(
        world, post, "Hei Kari! Eksporten ligger under Rapporter &gt; Eksporter.", "1800000100.000100"
    )

    confirmation, relayed = sink.wait_for("kari@acme.no", 2)
    assert "Eksporten ligger under Rapporter > Eksporter." in _text(relayed)
    assert "Siri Support" in str(relayed["From"]) and relayed["In-Reply-To"] == confirmation["Message-ID"]
    (row,) = cli_json(world.setup, "cases", "list")
    last = cli_json(world.setup, "cases", "show", str(row["id"]))["messages"][-1]
    assert (last["direction"], last["channel"], last["author"]) == ("out", "slack", f"staff:{STAFF}")

    send(world.setup.smtp_port, reply_to(relayed, "kari@acme.no", "Takk, men knappen er grå hos meg."))
    (in_thread,) = world.fake.wait_for(
        "chat.postMessage",
        lambda c: c.args.get("channel") == SUPPORT_CHANNEL and c.args.get("thread_ts") == post.result["ts"],
    )
    blocks = json.dumps(in_thread.args["blocks"], ensure_ascii=False)
    assert "knappen er grå" in blocks and "kari@acme.no" in blocks
    assert len(cli_json(world.setup, "cases", "list")) == 1


def test_thread_reply_reaches_a_slack_customer_in_their_dm(world: SlackWorld) -> None:
    """A staff reply in the staff thread of a Slack customer's case goes to the case's thread in their DM."""
    assert world.slack.command("UJOHN", GLOBEX_TEAM, "").status == 200
    view = world.fake.wait_for("views.open")[0].args["view"]
    values = form_values(
        subject="Export of the risk report",
        description="How do I export the risk report to Excel?",
        choices={"login": "yes", "personal": "no"},
    )
    assert world.slack.interaction(submission("UJOHN", GLOBEX_TEAM, view, values)).status == 200
    (confirmation,) = world.fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "DUJOHN")
    post = _staff_post(world)
    _thread_reply(world, post, "Hi John, use Reports → Export.", "1800000200.000100")

    answers = world.fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == "DUJOHN", count=2)
    answer = answers[1]
    assert answer.args["thread_ts"] == confirmation.result["ts"] and answer.args.get("reply_broadcast")
    blocks = json.dumps(answer.args["blocks"], ensure_ascii=False)
    # Her words as she wrote them (no greeting of casebot's before them), then who wrote them.
    assert answer.args["blocks"][0]["text"]["text"] == "Hi John, use Reports → Export."
    assert "Siri Support" in blocks
    assert len(cli_json(world.setup, "cases", "list")) == 1
