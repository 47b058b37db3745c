"""Slack conversations end to end: the real `casebot serve` with Bolt over HTTP and a fake Web API."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from tests.bot.slack.conftest import ACME_TEAM, GLOBEX_TEAM, STAFF, SUPPORT_CHANNEL, TECH_CHANNEL, SlackWorld
from tests.bot.slack.fake_slack import Call, click, form_values, new_id, staff_click, submission
from tests.harness import cli_json, wait_until

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16


def cases_of(world: SlackWorld, reporter: str, count: int = 1) -> list[dict[str, Any]]:
    """The reporter's cases, once there are `count` of them."""

    def found() -> list[dict[str, Any]] | None:
        rows = [r for r in cli_json(world.setup, "cases", "list") if r["reporter"] == reporter]
        return rows if len(rows) >= count else None

    return list(wait_until(found))


def show(world: SlackWorld, case_id: int) -> dict[str, Any]:
    return dict(cli_json(world.setup, "cases", "show", str(case_id)))


def opened_form(world: SlackWorld, user: str, team: str, text: str = "") -> dict[str, Any]:
    """Run the slash command and return the modal casebot opened for it."""
    before = len(world.fake.of("views.open"))
    assert world.slack.command(user, team, text).status == 200
    call = world.fake.wait_for("views.open", count=before + 1)[before]
    return dict(call.args["view"])


def posts_to(world: SlackWorld, channel: str, count: int = 1) -> list[Call]:
    return world.fake.wait_for("chat.postMessage", lambda c: c.args.get("channel") == channel, count=count)


def blocks_text(call: Call) -> str:
    return json.dumps(call.args.get("blocks"), ensure_ascii=False)


def buttons(call: Call) -> list[str]:
    return [b["block_id"].rsplit(":", 1)[1] for b in call.args.get("blocks") or [] if b["type"] == "actions"]


def test_form_to_complete_case_in_norwegian(world: SlackWorld) -> None:
    """/case → modal → submission with files → draft → yes/no buttons → clicks → open → tech post."""
    view = opened_form(world, "UKARI", ACME_TEAM)
    assert view["title"]["text"] == "Registrer sak"
    shot = world.fake.add_file("F1", "skjerm.png", "image/png", PNG)
    # Slack answers a download it does not authorise with its HTML login page: never an attachment.
    login_page = world.fake.add_file("F2", "logg.pdf", "application/pdf", b"%PDF-1.4 ...")
    world.fake.login_page_files.add("F2")
    values = form_values(
        type="bug",
        subject="Avvik lagres ikke",
        description="Når jeg trykker Lagre i avviksmodulen skjer ingenting.",
        priority="high",
        choices={"scope": "all", "recurring": "yes"},
        texts={"browser": "Chrome 131", "module": "Avvik", "record_id": "A-1042"},
        observed_on="2026-01-05",
        files=[shot, login_page],
    )
    answer = world.slack.interaction(submission("UKARI", ACME_TEAM, view, values))
    assert answer.status == 200

    (question,) = posts_to(world, "DUKARI")
    assert "Hei Kari," in blocks_text(question) and "med knappene" in blocks_text(question)
    assert "e-post" not in blocks_text(question)  # the email wording is replaced by Slack's
    assert buttons(question) == ["login_allowed", "personal_data"]
    (row,) = cases_of(world, "UKARI")
    draft = show(world, row["id"])
    assert (draft["channel"], draft["status"], draft["language"], draft["customer"], draft["instance"]) == (
        "slack", "draft", "nb", "Acme AS", "acme.landax.no"
    )  # fmt: skip
    assert (draft["type"], draft["priority"], draft["browser"], draft["scope"], draft["module"]) == (
        "bug", "high", "Chrome 131", "all", "Avvik"
    )  # fmt: skip
    assert (draft["observed_on"], draft["recurring"], draft["record_id"]) == ("2026-01-05", True, "A-1042")
    assert draft["attachments"] == [
        {"filename": "skjerm.png", "content_type": "image/png", "size": len(PNG),
         "sha256": hashlib.sha256(PNG).hexdigest()}
    ]  # fmt: skip
    assert draft["missing"] == ["login_allowed", "personal_data"]
    assert {c.token for c in world.fake.of("file.download")} == {"Bearer xoxb-test"}
    notice = world.fake.wait_for("chat.postEphemeral")[0]
    assert (notice.args["user"], notice.args["channel"]) == ("UKARI", "DUKARI") and "logg.pdf" in notice.args[
        "text"
    ]

    world.slack.interaction(click("UKARI", ACME_TEAM, question, "login_allowed", True, fake=world.fake))
    still = posts_to(world, "DUKARI", count=2)[1]
    assert buttons(still) == ["personal_data"] and still.args["thread_ts"] == question.result["ts"]
    marked = world.fake.wait_for("chat.update")[0]
    assert "✓ Pålogging tillatt: *Ja*" in blocks_text(marked)
    world.slack.interaction(click("UKARI", ACME_TEAM, still, "personal_data", False, fake=world.fake))

    confirmation = posts_to(world, "DUKARI", count=3)[2]
    assert "komplett" in blocks_text(confirmation) and "Behandling av personopplysninger" in blocks_text(
        confirmation
    )
    new, complete = posts_to(world, TECH_CHANNEL, count=2)
    assert "Ny sak" in new.args["text"] + blocks_text(new) and "komplett" in blocks_text(complete)
    assert "casebot_staff_close" in blocks_text(complete)
    assert [c for c in world.fake.of("chat.postMessage") if c.args.get("channel") == SUPPORT_CHANNEL] == []
    done = show(world, row["id"])
    assert (done["status"], done["login_allowed"], done["personal_data"]) == ("open", True, False)
    assert done["login_grant"]["status"] == "active"
    assert [m["direction"] for m in done["messages"]] == ["in", "out", "in", "out", "in", "out"]


def test_free_text_case_in_english_answered_in_the_thread(world: SlackWorld) -> None:
    """`/case new <text>` from a Globex user (email domain) is asked in English; a thread reply completes."""
    text = "new <!channel> How do we export the yearly report to Excel?"
    answer = world.slack.command("UJOHN", GLOBEX_TEAM, text)
    assert answer.status == 200
    ack = world.fake.wait_for("respond")[0]
    assert ack.args["response_type"] == "ephemeral" and "Thank you" in ack.args["text"]

    (question,) = posts_to(world, "DUJOHN")
    assert "Hi John," in blocks_text(question) and "Yes" in blocks_text(question)
    assert "&lt;!channel&gt;" in blocks_text(question) and "<!channel>" not in blocks_text(question)
    reply = {
        "type": "message",
        "channel": "DUJOHN",
        "channel_type": "im",
        "user": "UJOHN",
        "text": "1. yes\n2. no",
        "ts": "1800000000.000100",
        "thread_ts": question.result["ts"],
    }
    assert world.slack.event(GLOBEX_TEAM, reply).status == 200

    confirmation = posts_to(world, "DUJOHN", count=2)[1]
    assert "is now complete" in blocks_text(confirmation)
    staff = posts_to(world, SUPPORT_CHANNEL, count=2)
    assert "Globex Ltd" in blocks_text(staff[1])
    assert all("<!channel>" not in blocks_text(post) + post.args["text"] for post in staff)
    (row,) = cases_of(world, "UJOHN")
    detail = show(world, row["id"])
    assert (detail["customer"], detail["language"], detail["status"]) == ("Globex Ltd", "en", "open")
    assert (detail["login_allowed"], detail["personal_data"]) == (True, False)
    assert "How do we export the yearly report" in detail["description"]


def test_staff_close_withdraw_list_and_home(world: SlackWorld) -> None:
    """A customer withdraws login (`/case trekk`); staff close from the channel post; list and home show."""
    world.slack.command(
        "UKARI",
        ACME_TEAM,
        "ny Hvordan eksporterer vi årsrapporten til Excel? Dere kan logge inn. Ingen personopplysninger.",
    )
    confirmation = posts_to(world, "DUKARI")[0]
    (row,) = cases_of(world, "UKARI")
    case_id = row["id"]
    assert "sendt den videre" in blocks_text(confirmation)

    world.slack.command("UOLA", ACME_TEAM, f"trekk {case_id}")
    withdrawn = posts_to(world, "DUKARI", count=2)[1]
    assert "trukket tilbake" in blocks_text(withdrawn)
    assert any("blir trukket tilbake" in c.args.get("text", "") for c in world.fake.wait_for("respond"))

    post = posts_to(world, SUPPORT_CHANNEL)[0]
    respond_url = f"{world.fake.base}/respond/{new_id('r')}"
    world.slack.interaction(staff_click(STAFF, "TVENDOR", post, "casebot_staff_close", respond_url))
    closed = posts_to(world, "DUKARI", count=3)[2]
    assert "lukket" in blocks_text(closed)
    detail = wait_until(lambda: (d := show(world, case_id))["status"] == "closed" and d)
    assert detail["close_reason"] == "staff" and detail["login_allowed"] is False
    assert detail["login_grant"]["status"] in ("none", "revoked")

    world.slack.command(STAFF, "TVENDOR", "liste")
    listing = world.fake.wait_for("respond", lambda c: "Alle saker" in json.dumps(c.args, ensure_ascii=False))
    assert f"*#{case_id}*" in json.dumps(listing[0].args, ensure_ascii=False)

    home = {"type": "app_home_opened", "user": "UOLA", "channel": "DUOLA", "tab": "home"}
    world.slack.event(ACME_TEAM, home)
    published = world.fake.wait_for("views.publish")[0]
    assert published.args["user_id"] == "UOLA" and f"*#{case_id}*" in json.dumps(published.args["view"])


def test_a_dm_outside_any_case_starts_no_case(world: SlackWorld) -> None:
    """A "takk!" DM with no question waiting makes no junk case; the user is told how to open one."""
    thanks = {
        "type": "message",
        "channel": "DUJOHN",
        "channel_type": "im",
        "user": "UJOHN",
        "text": "thanks!",
        "ts": "1800000000.000900",
    }
    assert world.slack.event(GLOBEX_TEAM, thanks).status == 200
    (notice,) = world.fake.wait_for("chat.postEphemeral", lambda c: "/case new" in str(c.args.get("text")))
    assert notice.args["user"] == "UJOHN"
    assert cli_json(world.setup, "cases", "list") == []
