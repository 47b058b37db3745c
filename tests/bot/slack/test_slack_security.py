"""Slack requests that must change nothing: forged or stale signatures, other customers' cases, retries."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from tests.bot.slack.conftest import ACME_TEAM, GLOBEX_TEAM, STAFF, SlackWorld
from tests.bot.slack.fake_slack import form_values, submission
from tests.bot.slack.test_slack_flow import blocks_text, cases_of, opened_form, posts_to, show
from tests.harness import cli_json, wait_until


def test_refused_requests_change_nothing(world: SlackWorld) -> None:
    """Forged or stale signatures (401), an invalid form (errors in the modal), unknown words: no case."""
    body = world.slack.command_body("UKARI", ACME_TEAM, "ny Skriveren virker ikke")
    forged = world.slack.post(body, "application/x-www-form-urlencoded", secret="not-the-secret")
    stale = world.slack.post(body, "application/x-www-form-urlencoded", timestamp=int(time.time()) - 301)
    assert (forged.status, stale.status) == (401, 401)
    assert [c.method for c in world.fake.calls] == []

    view = opened_form(world, "UJOHN", GLOBEX_TEAM)
    assert view["title"]["text"] == "Register a case"
    values = form_values(
        subject="Crash",
        description="The app crashes.",
        texts={"app_version": "latest"},
        observed_on="2999-01-01",
    )
    answer = world.slack.interaction(submission("UJOHN", GLOBEX_TEAM, view, values))
    assert answer.status == 200
    assert answer.json() == {
        "response_action": "errors",
        "errors": {
            "app_version": "An app version looks like 5.12.3.",
            "observed_on": "That date is in the future.",
        },
    }
    world.slack.command("UJOHN", GLOBEX_TEAM, "bogus words")
    unknown = world.fake.wait_for("respond")[0].args["text"]
    assert unknown.startswith("Sorry, I did not understand that.") and "`/case list`" in unknown
    world.slack.command("UKARI", ACME_TEAM, "hjelp")
    assert "`/case ny`" in world.fake.wait_for("respond", count=2)[1].args["text"]
    assert cli_json(world.setup, "cases", "list") == []


def test_customer_cannot_see_or_change_another_customers_case(world: SlackWorld) -> None:
    """A Globex user is refused show/close/withdraw of an Acme case; Acme colleagues and staff are not."""
    world.slack.command("UKARI", ACME_TEAM, "ny Hemmelig: lønnsrapporten viser feil tall")
    posts_to(world, "DUKARI")
    (row,) = cases_of(world, "UKARI")
    case_id = row["id"]

    for text in (f"show {case_id}", f"close {case_id}", f"withdraw {case_id}"):
        world.slack.command("UJOHN", GLOBEX_TEAM, text)
    refusals = world.fake.wait_for(
        "respond", lambda c: f"cannot see case #{case_id}" in c.args.get("text", ""), 3
    )
    assert all(
        c.args["response_type"] == "ephemeral" and "lønnsrapporten" not in str(c.args) for c in refusals
    )

    world.slack.command("UOLA", ACME_TEAM, f"vis {case_id}")
    world.slack.command(STAFF, "TVENDOR", f"show {case_id}")
    shown = world.fake.wait_for(
        "respond", lambda c: "lønnsrapporten" in json.dumps(c.args, ensure_ascii=False), 2
    )
    assert len(shown) == 2
    world.slack.command("UJOHN", GLOBEX_TEAM, "list")
    listing = world.fake.wait_for("respond", lambda c: "Our cases" in json.dumps(c.args))[0]
    assert f"#{case_id}" not in json.dumps(listing.args)
    assert show(world, case_id)["status"] == "draft"


def test_retried_requests_make_one_case_and_one_post(world: SlackWorld) -> None:
    """The same view submission, command and DM event sent again with X-Slack-Retry-Num: 1 count once."""
    view = opened_form(world, "UKARI", ACME_TEAM)
    values = form_values(subject="Kan ikke logge inn", description="Innloggingen henger.")
    payload = submission("UKARI", ACME_TEAM, view, values)
    assert world.slack.interaction(payload).status == 200
    assert world.slack.interaction(payload, retry=1).status == 200

    command = world.slack.command_body("UJOHN", GLOBEX_TEAM, "new Printing fails")
    world.slack.post(command, "application/x-www-form-urlencoded")
    world.slack.post(command, "application/x-www-form-urlencoded", retry=1)
    question = posts_to(world, "DUJOHN")[0]
    reply = {
        "type": "message",
        "channel": "DUJOHN",
        "channel_type": "im",
        "user": "UJOHN",
        "text": "Yes, you may log in.",
        "ts": "1800000000.000200",
        "thread_ts": question.result["ts"],
    }
    world.slack.event(GLOBEX_TEAM, reply, event_id="EvRETRY")
    world.slack.event(GLOBEX_TEAM, reply, event_id="EvRETRY", retry=1)

    # A last request from someone else: processed after the retries, so they had their chance.
    world.slack.command("UOLA", ACME_TEAM, "ny Siste melding")
    posts_to(world, "DUOLA")
    rows = cli_json(world.setup, "cases", "list")
    ids = {row["reporter"]: row["id"] for row in rows}
    assert len(rows) == 3 and set(ids) == {"UKARI", "UJOHN", "UOLA"}
    assert len([c for c in world.fake.of("chat.postMessage") if c.args.get("channel") == "DUKARI"]) == 1
    john = [c for c in world.fake.of("chat.postMessage") if c.args.get("channel") == "DUJOHN"]
    assert len(john) == 2 and "Printing fails" not in blocks_text(john[1])
    detail = show(world, ids["UJOHN"])
    assert [m["direction"] for m in detail["messages"]] == ["in", "out", "in", "out"]


def test_unsigned_or_malformed_requests_get_a_quiet_4xx(world: SlackWorld) -> None:
    """No signature: 401; a signed body that is not Slack's shape: 400; neither leaves a traceback."""
    request = urllib.request.Request(world.slack.url, data=b"{not json", method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("an unsigned request was accepted")
    except urllib.error.HTTPError as exc:
        assert exc.code == 401
    broken = world.slack.post(b"payload=%7Bnot+json", "application/x-www-form-urlencoded")
    assert broken.status == 400
    log = world.casebot.log.read_text(encoding="utf-8")
    assert "Traceback" not in log and "Error" not in log


def test_a_signed_request_replayed_after_a_restart_makes_no_second_case(world: SlackWorld) -> None:
    """The same signed `/case ny …` sent again after casebot restarted (in Slack's five-minute window)
    is the request already stored: one case, one answer."""
    body = world.slack.command_body("UKARI", ACME_TEAM, "ny Skriveren virker ikke", trigger_id="trig-replay")
    assert world.slack.post(body, "application/x-www-form-urlencoded").status == 200
    wait_until(lambda: len(cli_json(world.setup, "cases", "list")) == 1)
    world.casebot.stop()
    world.casebot.start()
    assert world.slack.post(body, "application/x-www-form-urlencoded").status == 200
    time.sleep(2)
    assert len(cli_json(world.setup, "cases", "list")) == 1
