"""A casebot store and config in a temporary folder, with mail put through the real pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.builders import build_engine
from bot.cli import main
from bot.config import Config, load_config
from bot.conversation.events import Outcome
from bot.email.intake import process_inbound
from store.db import Store, open_store
from store.inbox import Arrival, accept_inbound
from store.models import Case
from tests.harness import Setup


@dataclass
class Env:
    """One casebot installation: its config file, its store, and the CLI run in-process."""

    setup: Setup
    config: Config
    store: Store
    capsys: pytest.CaptureFixture[str]

    @property
    def attachments(self) -> Path:
        return self.setup.root / "attachments"

    def deliver(self, message: EmailMessage | bytes, envelope_from: str | None = None) -> Outcome:
        """Accept and process one email as `casebot serve` does after SMTP (replies go to the outbox)."""
        raw = message if isinstance(message, bytes) else message.as_bytes()
        sender = envelope_from or (str(message["From"]) if isinstance(message, EmailMessage) else "")
        sender = sender.rpartition("<")[2].rstrip(">")
        (inbound_id,) = accept_inbound(self.store, [Arrival(raw, sender, ("support@vendor.example",))])
        return process_inbound(self.store, build_engine(self.config, self.store), self.config, inbound_id)

    def cli(self, *args: str) -> tuple[int, str, str]:
        """`casebot ARGS` in this process: exit code, stdout, stderr."""
        self.capsys.readouterr()
        code = main(["--config", str(self.setup.path), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def cli_json(self, *args: str) -> Any:
        code, out, err = self.cli(*args, "--json")
        assert code == 0, err
        return json.loads(out)

    def configure(self, section: str, **values: Any) -> None:
        """Change config keys in the file (the CLI reads it) and in `self.config`."""
        self.setup.sections.setdefault(section, {}).update(values)
        self.setup.write()
        self.config = load_config(str(self.setup.path))

    def case(self, case_id: int) -> Case:
        with self.store.session() as session:
            found = session.exec(select(Case).where(Case.id == case_id)).one()
            return found


@pytest.fixture
def env(store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Env]:
    setup = Setup(root=tmp_path, store_url=store_url, sink_port=2)
    setup.write()
    config = load_config(str(setup.path))
    store = open_store(config.store.url, config.store.attachments_dir, migrate=True)
    try:
        yield Env(setup=setup, config=config, store=store, capsys=capsys)
    finally:
        store.dispose()
