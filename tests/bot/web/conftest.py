"""The web form in-process: the real public HTTP app on a socket, the real inbox writer and engine.

`World` opens cases the way email does (through the engine), so each case's question mail, and the
form link in it, are real outbox rows; `post` sends what a browser sends (`multipart/form-data`, the
CSRF token first).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from bot.builders import build_engine
from bot.config import Config, parse_config
from bot.conversation.engine import Engine
from bot.conversation.events import InboundEvent, IncomingFile, Outcome
from bot.email.channel import EmailChannel
from bot.email.edge import AcceptWriter
from bot.server.http import make_public_app
from bot.server.processing import render_queued
from bot.web.intake import process_inbound
from bot.web.routes import WebForm
from store.db import Store, open_store
from store.inbox import claim_inbound
from store.models import OutboxItem

BASE_URL = "https://support.example.com"
LINK = re.compile(re.escape(BASE_URL) + r"/c/([A-Za-z0-9_-]+)")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

BUG_NB = (
    "Hei,\n\nNår jeg lagrer et avvik i Chrome 131 får jeg feilmeldingen «Noe gikk galt». "
    "Det gjelder alle brukere.\n\nMvh\nKari Nordmann\n"
)


def web_config(**web: Any) -> Config:
    """casebot's configuration for these tests: Acme as customer, the form at `BASE_URL`."""
    return parse_config(
        {
            "smtp": {"addresses": ["support@vendor.example"]},
            "outbound": {"from_address": "support@vendor.example", "from_name": "Vendor Support"},
            "customers": [{"name": "Acme AS", "domains": ["acme.no"], "instance": "acme.landax.no"}],
            "web": {"base_url": BASE_URL, "max_upload_bytes": 200_000, **web},
        }
    )


def email_event(
    text: str,
    *,
    sender: str = "kari@acme.no",
    subject: str = "Avvik lagres ikke",
    files: tuple[IncomingFile, ...] = (),
    n: int = 0,
) -> InboundEvent:
    """A customer's first mail, as the email intake hands it to the engine."""
    return InboundEvent(
        channel="email",
        sender=sender,
        sender_name="Kari Nordmann",
        customer="Acme AS" if sender.endswith("@acme.no") else None,
        subject=subject,
        text=text,
        external_id=f"<first-{n}-{sender}>",
        files=files,
    )


def _read(message: str) -> EmailMessage:
    parsed = email.message_from_string(message, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@dataclass
class World:
    config: Config
    store: Store
    engine: Engine
    client: TestClient  # type: ignore[type-arg]
    form: WebForm
    writer: AcceptWriter
    opened: int = 0

    def open_case(self, text: str = BUG_NB, **kwargs: Any) -> tuple[int, str]:
        """A new case from a first mail; returns its id and the form's path from its question mail."""
        self.opened += 1
        with self.store.session() as session:
            outcome = self.engine.handle(session, email_event(text, n=self.opened, **kwargs))
        assert outcome.case_id is not None
        (_, question), *_ = self.mails(outcome.case_id)
        return outcome.case_id, "/c/" + LINK.findall(question.get_content())[-1]

    def mails(self, case_id: int) -> list[tuple[OutboxItem, EmailMessage]]:
        """The case's mails to the customer, oldest first, each as delivery writes it out (a mail
        queued as intent gets its form link now, as when it is sent) and a mail client reads it."""
        email = self.engine.channels["email"]
        assert isinstance(email, EmailChannel)
        with self.store.session() as session:
            rows = session.exec(
                select(OutboxItem).where(OutboxItem.case_id == case_id).order_by(col(OutboxItem.id))
            ).all()
        items = [row for row in rows if row.channel == "email" and not row.kind.startswith("staff")]
        return [
            (item, _read(item.payload.get("message") or render_queued(self.store, email, item)))
            for item in items
        ]

    def process(self) -> list[Outcome]:
        """Run what the form stored through the engine, as the inbox worker does."""
        outcomes = []
        while rows := claim_inbound(self.store, limit=10):
            outcomes += [process_inbound(self.store, self.engine, row.id) for row in rows if row.id]
        return outcomes

    async def page(self, path: str, **params: str) -> tuple[int, str, str]:
        """GET a page: its status, its HTML, and the CSRF token of its form ("" when it has none)."""
        response = await self.client.get(path, params=params)
        html = await response.text()
        found = CSRF.search(html)
        return response.status, html, found.group(1) if found else ""

    async def post(
        self,
        path: str,
        values: dict[str, str],
        *,
        csrf: str | None,
        files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
    ) -> Any:
        """POST the form as a browser does: multipart, the CSRF token first, files last."""
        data = FormData(default_to_multipart=True)
        if csrf is not None:
            data.add_field("csrf_token", csrf)
        for name, value in values.items():
            data.add_field(name, value)
        for filename, content in files:
            data.add_field("attachments", content, filename=filename, content_type="image/png")
        return await self.client.post(path, data=data, allow_redirects=False)


@pytest.fixture
def config() -> Config:
    return web_config()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'data' / 'casebot.db'}"


@pytest.fixture
async def world(config: Config, sqlite_url: str, tmp_path: Path) -> AsyncIterator[World]:
    """The public HTTP app with the form's routes, on a real store, inbox writer and engine."""
    store = open_store(sqlite_url, tmp_path / "attachments", migrate=True)
    engine = build_engine(config, store)
    writer = AcceptWriter(store)
    writer.start()
    form = WebForm(config, store, writer.accept)
    client = TestClient(TestServer(make_public_app(routes=form.routes())))
    await client.start_server()
    try:
        yield World(config=config, store=store, engine=engine, client=client, form=form, writer=writer)
    finally:
        await client.close()
        await writer.stop()
        store.dispose()
