"""The case fields that can be read out of a customer's words.

`Fields` is what every reader in `parsers/` returns: the first email, a follow-up answer, or a Slack
message all become one of these. A field the text does not state stays `None` (or empty): a wrong
guess is worse than a question.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

CaseType = Literal["support", "order", "bug", "improvement", "agreement_change"]
Priority = Literal["low", "normal", "high", "critical"]
Language = Literal["nb", "en"]
Scope = Literal["one", "several", "all"]
Platform = Literal["ios", "android"]

CASE_TYPES: tuple[CaseType, ...] = ("support", "order", "bug", "improvement", "agreement_change")
PRIORITIES: tuple[Priority, ...] = ("low", "normal", "high", "critical")
SCOPES: tuple[Scope, ...] = ("one", "several", "all")
PLATFORMS: tuple[Platform, ...] = ("ios", "android")

#: What the portal form has preselected: a case whose first message states no type or priority gets these.
DEFAULT_TYPE: CaseType = "support"
DEFAULT_PRIORITY: Priority = "normal"

#: Fields a customer can state, in the order the portal form asks for them.
FIELD_NAMES: tuple[str, ...] = (
    "type",
    "priority",
    "instance",
    "requested_handler",
    "login_allowed",
    "personal_data",
    "browser",
    "app_platform",
    "app_version",
    "scope",
    "affected_users",
    "module",
    "record_id",
    "observed_on",
    "recurring",
)


@dataclass(frozen=True)
class Fields:
    """Case fields stated in one piece of text; `None` (or `()`) means "not stated"."""

    type: CaseType | None = None
    priority: Priority | None = None
    instance: str | None = None
    requested_handler: str | None = None
    login_allowed: bool | None = None
    personal_data: bool | None = None
    browser: str | None = None
    app_platform: Platform | None = None
    app_version: str | None = None
    scope: Scope | None = None
    affected_users: tuple[str, ...] = ()
    module: str | None = None
    record_id: str | None = None
    observed_on: date | None = None
    recurring: bool | None = None
    language: Language | None = None

    def stated(self) -> dict[str, Any]:
        """The fields that have a value, by name (language excluded: it is never "asked")."""
        out: dict[str, Any] = {}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            out[name] = value
        return out

    def with_portal_defaults(self) -> Fields:
        """These fields as a new case holds them: an unstated type or priority takes the portal's default."""
        if self.type is not None and self.priority is not None:
            return self
        return dataclasses.replace(
            self, type=self.type or DEFAULT_TYPE, priority=self.priority or DEFAULT_PRIORITY
        )

    def as_json(self) -> dict[str, Any]:
        """The stated fields (and the language) as JSON-ready values: dates as ISO text, lists as lists."""
        out: dict[str, Any] = {}
        for name, value in self.stated().items():
            out[name] = (
                value.isoformat()
                if isinstance(value, date)
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        if self.language is not None:
            out["language"] = self.language
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fields:
        """The inverse of `as_json`, for values this program wrote (unknown names are ignored)."""
        known = {*FIELD_NAMES, "language"}
        values = {name: value for name, value in data.items() if name in known}
        if "observed_on" in values:
            values["observed_on"] = date.fromisoformat(values["observed_on"])
        if "affected_users" in values:
            values["affected_users"] = tuple(values["affected_users"])
        return cls(**values)

    def merged_over(self, older: Fields) -> Fields:
        """These fields where stated, `older`'s where not: a later statement wins."""
        changes = {name: value for name, value in self.stated().items()}
        if self.language is not None:
            changes["language"] = self.language
        return dataclasses.replace(older, **changes)
