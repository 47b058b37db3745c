"""Every error casebot raises on purpose, in one place.

    CasebotError                      base; `str()` is a sentence a person can act on
    ├── ConfigError                   the configuration file or a key in it is wrong (CLI exit 2)
    ├── NotFound                      a case, inbound message or attachment that does not exist (exit 3)
    ├── InvalidRequest                a command or input that cannot be done as asked (exit 2)
    ├── CannotListen                  a configured address and port cannot be listened on (exit 5)
    ├── FolderUnwritable              a data folder is read-only or its disk is full (exit 6)
    ├── Deferred                      an inbound message must wait for an older one (not an error)
    ├── DeliveryError                 an outbox item was not delivered (temporary unless `permanent`)
    ├── GrantCallError                the customer's system did not confirm a grant or revoke call
    └── SmtpReplyError                carries the SMTP status line to answer with
        ├── TransientError            4xx: the sender should try again later
        │   ├── StoreUnavailable      451 4.3.0: the store could not take the message (CLI exit 4)
        │   └── RateLimited           451 4.7.1: too many messages from this sender
        └── PermanentError            5xx: retrying will not help

This module imports nothing, and it lives in the lowest layer that does I/O (`store`), so every layer
that raises or catches these (`store`, every part of `bot`) imports it downwards. `parsers` raises none
of them: it is pure, and bad input there is a value (`None`), not an error.
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


class CannotListen(CasebotError):
    """`serve` cannot listen where the configuration says: the port is in use or not ours to take."""


class FolderUnwritable(CasebotError):
    """A folder casebot writes to (the data folder, attachments, outgoing mail) takes no file now."""


class Deferred(CasebotError):
    """Processing this message now would be wrong: an older message it refers to comes first."""

    def __init__(self, detail: str, seconds: float) -> None:
        super().__init__(detail)
        self.seconds = seconds


class DeliveryError(CasebotError):
    """An outbox item could not be delivered; the outbox schedules the retry, the deliverer never does.

    `permanent` means no retry can help (a 5xx for every recipient, a Slack `channel_not_found`);
    `retry_after` is the receiver's own hint in seconds (Slack's `Retry-After`), when it gave one.
    """

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


class GrantCallError(CasebotError):
    """The customer's system did not confirm a grant or revoke call; the grant sweep retries it."""


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
