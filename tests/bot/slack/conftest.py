"""Fixtures for the Slack scenarios: the fake Web API, and `casebot serve` with Slack on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.bot.slack.fake_slack import BOT_TOKEN, SIGNING_SECRET, FakeSlack, SlackSender
from tests.harness import CasebotProcess, Setup

ACME_TEAM = "TACME"
GLOBEX_TEAM = "TGLOBEX"
STAFF = "USTAFF"
SUPPORT_CHANNEL = "CSUPPORT"
TECH_CHANNEL = "CTECH"


@dataclass
class SlackWorld:
    """A running casebot with Slack on, the fake Web API it talks to, and Slack's side of the wire."""

    setup: Setup
    fake: FakeSlack
    slack: SlackSender
    casebot: CasebotProcess


def slack_setup(setup: Setup, fake: FakeSlack) -> Setup:
    """The test config with Slack pointed at the fake: Acme by workspace, Globex by email domain."""
    setup.sections["slack"] = {
        "api_url": fake.api_url,
        "command": "/case",
        "support_channel": SUPPORT_CHANNEL,
        "technical_channel": TECH_CHANNEL,
        "staff_user_ids": [STAFF],
    }
    setup.customers = [
        {
            "name": "Acme AS",
            "domains": ["acme.no"],
            "instance": "acme.landax.no",
            "slack_team_ids": [ACME_TEAM],
        },
        {"name": "Globex Ltd", "domains": ["globex.com"], "instance": "globex.landax.no"},
    ]
    fake.add_user("UKARI", ACME_TEAM, locale="nb-NO", email="kari@acme.no", name="Kari Nordmann")
    fake.add_user("UOLA", ACME_TEAM, locale="nn-NO", email="ola@acme.no", name="Ola Nordmann")
    fake.add_user("UJOHN", GLOBEX_TEAM, locale="en-GB", email="john@globex.com", name="John Smith")
    fake.add_user(STAFF, "TVENDOR", locale="nb-NO", email="siri@vendor.example", name="Siri Support")
    return setup


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def world(setup: Setup, fake: FakeSlack) -> Iterator[SlackWorld]:
    """`casebot serve` with SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET set and the fake as its Web API."""
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    casebot = CasebotProcess(slack_setup(setup, fake), env=env).start()
    try:
        yield SlackWorld(setup, fake, SlackSender(setup.http_port, fake), casebot)
    finally:
        casebot.stop()
