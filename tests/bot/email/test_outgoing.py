"""With no relay configured, mail is written to the outgoing folder: whole, once per outbox row."""

from __future__ import annotations

import asyncio
import email
import email.policy
from pathlib import Path

import pytest

from bot.config import Secrets, parse_config
from bot.email.delivery import EmailDeliverer
from store.errors import DeliveryError
from store.models import OutboxItem
from tests.harness import mail


def _item(row: int, body: str) -> OutboxItem:
    message = mail("support@example.com", "[Case #7] Eksport feiler", body, to="kari@acme.no")
    return OutboxItem(
        id=row,
        case_id=7,
        channel="email",
        kind="question",
        recipient="kari@acme.no",
        payload={
            "message": message.as_string(),
            "mail_from": "support@example.com",
            "rcpt_to": ["kari@acme.no"],
        },
    )


def test_each_row_is_one_eml_file_and_a_retry_rewrites_it(tmp_path: Path) -> None:
    """The file is named by row, case and kind, reads back as the mail, and a retry leaves one file."""
    config = parse_config({"outbound": {"outgoing_dir": str(tmp_path / "outgoing")}})
    deliver = EmailDeliverer(config, Secrets())
    asyncio.run(deliver(_item(3, "Hei Kari")))
    asyncio.run(deliver(_item(3, "Hei Kari")))
    (written,) = (tmp_path / "outgoing").iterdir()
    assert written.name == "00000003-case-7-question.eml"
    reply = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert reply["To"] == "kari@acme.no" and reply.get_content().strip() == "Hei Kari"


def test_a_folder_that_takes_no_file_is_a_temporary_failure(tmp_path: Path) -> None:
    """Where the folder cannot be made, delivery fails for now (the outbox retries), leaving nothing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    config = parse_config({"outbound": {"outgoing_dir": str(blocker / "outgoing")}})
    with pytest.raises(DeliveryError) as failed:
        asyncio.run(EmailDeliverer(config, Secrets())(_item(4, "Hei")))
    assert not failed.value.permanent and "cannot write" in str(failed.value)
