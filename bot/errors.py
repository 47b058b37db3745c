"""Every error casebot raises on purpose, in one place.

    CasebotError                      base; `str()` is a sentence a person can act on
    ├── ConfigError                   the configuration file or a key in it is wrong (CLI exit 2)
    ├── NotFound                      a case, inbound message or attachment that does not exist (exit 3)
    ├── InvalidRequest                a command or input that cannot be done as asked (exit 2)
    ├── Deferred                      an inbound message must wait for an older one (not an error)
    └── SmtpReplyError                carries the SMTP status line to answer with
        ├── TransientError            4xx: the sender should try again later
        │   ├── StoreUnavailable      451 4.3.0: the store could not take the message
        │   └── RateLimited           451 4.7.1: too many messages from this sender
        └── PermanentError            5xx: retrying will not help

This module imports nothing from casebot, so every layer (store, bot) can use it.
"""

from __future__ import annotations


class CasebotError(Exception):
    """Base of casebot's own errors."""


class ConfigError(CasebotError):
    """The configuration cannot be used as written."""


class NotFound(CasebotError):
    """The thing asked for does not exist."""


class InvalidRequest(CasebotError):
    """The request is understood but cannot be carried out."""


class Deferred(CasebotError):
    """Processing this message now would be wrong: an older message it refers to comes first."""

    def __init__(self, detail: str, seconds: float) -> None:
        super().__init__(detail)
        self.seconds = seconds


class SmtpReplyError(CasebotError):
    """An error that the SMTP edge answers with its own status line."""

    status = "554 5.0.0 Transaction failed"

    def __init__(self, detail: str = "", status: str | None = None) -> None:
        super().__init__(detail or self.status)
        if status is not None:
            self.status = status


class TransientError(SmtpReplyError):
    status = "451 4.3.0 Temporary failure, please try again later"


class StoreUnavailable(TransientError):
    status = "451 4.3.0 Mail system temporarily unavailable, please try again later"


class RateLimited(TransientError):
    status = "451 4.7.1 Too many messages from this sender, please try again later"


class PermanentError(SmtpReplyError):
    status = "554 5.6.0 Message cannot be processed"
