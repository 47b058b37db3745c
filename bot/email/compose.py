"""Writing casebot's mail: headers that no customer text can break, bodies readable in any client.

Pure functions over values: the channel decides what to say and to whom, this module only writes it.
Every header value that came from a customer (their name, their subject) passes through
`clean_header_text` (no CR/LF, no control characters) and `Header` encoding for non-ASCII.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.charset import QP, Charset
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from typing import NamedTuple

from parsers.message import clean_header_text
from parsers.threading import base_subject


class Composed(NamedTuple):
    """One outgoing message: the whole RFC 5322 text, and its body and subject as they read."""

    message: str
    body: str
    subject: str


_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP  # readable in any mail client's source view, unlike base64


def mailbox(display: str, addr: str) -> str:
    """`Name <addr>` with the name encoded when it is not ASCII; no CR/LF can get through."""
    return formataddr((clean_header_text(display, 100), clean_header_text(addr, 320)), charset="utf-8")


def build_message(headers: list[tuple[str, str]], body: str) -> str:
    """A text/plain UTF-8 message as a string, headers in order, non-ASCII header text encoded.

    The compat32 classes are used on purpose: they are an order of magnitude faster than the
    `email.policy` machinery, and every value here is already cleaned of control characters.
    """
    message = MIMEText(body, "plain", _UTF8_QP)  # type: ignore[arg-type]  # a Charset works; typeshed says str
    for name, value in headers:
        message[name] = value if value.isascii() else Header(value, "utf-8")  # type: ignore[assignment]
    return message.as_string()


class OutgoingFile(NamedTuple):
    """A file attached to an outgoing message: the customer's name for it (metadata only), its type, bytes."""

    filename: str
    content_type: str
    data: bytes


def build_message_with_files(headers: list[tuple[str, str]], body: str, files: Sequence[OutgoingFile]) -> str:
    """Like `build_message`, with files attached as a multipart/mixed message (RFC 2046); each file's
    bytes go base64 as they were stored, its name RFC 2231-encoded when it is not ASCII."""
    if not files:
        return build_message(headers, body)
    message = MIMEMultipart("mixed")
    message.attach(MIMEText(body, "plain", _UTF8_QP))  # type: ignore[arg-type]  # see build_message
    for file in files:
        maintype, _, subtype = file.content_type.partition("/")
        part = MIMEApplication(file.data, _subtype="octet-stream")
        if maintype and subtype and "\n" not in file.content_type and ";" not in file.content_type:
            part.replace_header("Content-Type", f"{maintype}/{subtype}")
        name = clean_header_text(file.filename, 200) or "attachment"
        if name.isascii():
            part.add_header("Content-Disposition", "attachment", filename=name)
        else:
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
        message.attach(part)
    for name, value in headers:
        message[name] = value if value.isascii() else Header(value, "utf-8")  # type: ignore[assignment]
    return message.as_string()


def reply_subject(tag: str, subject: str) -> str:
    """`[Case #12] <the customer's subject>`, as text that no header parser will reinterpret.

    The customer's subject may carry undecodable encoded-words (`=?gb2312?B?...?=`): split the `=?`
    so the email package does not try to decode them again when it folds the header.
    """
    text = clean_header_text(base_subject(subject), 200).replace("=?", "= ?")
    return f"{tag} {text}".strip()
