"""Reading mailboxes: the mbox is split on its `From ` lines only where a message can start."""

from __future__ import annotations

from pathlib import Path

from bot.lifecycle.mailboxes import Mbox, envelope_sender, read_headers

MBOX = (
    b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
    b"From: Kari <kari@acme.no>\nMessage-ID: <a@acme.no>\nSubject: one\n\n"
    b"First line.\nFrom here on it fails.\n>From the archive.\n>>From twice quoted.\n\n"
    b"From - Tue Jan  2 00:00:00 2024\n"
    b"Return-Path: <>\nFrom: Mail Delivery <mailer-daemon@mx.acme.no>\nSubject: two\n\nBounced.\n"
)


def test_mbox_splits_only_after_a_blank_line_and_undoes_mboxrd_quoting(tmp_path: Path) -> None:
    """An unquoted `From ` mid-paragraph stays in its message; `>From` loses one `>`; no separator kept."""
    path = tmp_path / "box.mbox"
    path.write_bytes(MBOX)
    first, second = list(Mbox(path))
    assert first.raw.endswith(
        b"First line.\nFrom here on it fails.\nFrom the archive.\n>From twice quoted.\n"
    )
    assert second.raw.startswith(b"Return-Path: <>") and second.raw.endswith(b"Bounced.\n")
    assert (first.envelope_from, second.envelope_from) == ("kari@acme.no", "<>")
    assert first.where == "box.mbox@0" and Mbox(path).total == len(MBOX)


def test_headers_are_read_without_the_body() -> None:
    """The Message-ID and sender come from the header block; a body that looks like headers is ignored."""
    raw = b"From: Ola <OLA@Acme.no>\r\nMessage-ID: <x1@acme.no> (comment)\r\n\r\nMessage-ID: <body@evil>\r\n"
    headers = read_headers(raw)
    assert (headers.message_id, headers.sender, headers.return_path) == ("<x1@acme.no>", "ola@acme.no", None)
    assert envelope_sender(b"Return-Path: <bounce@list.no>\nFrom: a@b.no\n\nhi") == "bounce@list.no"
