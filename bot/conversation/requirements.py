"""Which fields a case needs before staff can work on it, by type: the one table to change.

`browser` in a rule stands for "where it happens": a browser, or the app's platform and version.
"""

from __future__ import annotations

from typing import Any

EVERY_CASE: tuple[str, ...] = ("login_allowed", "personal_data")

REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "support": (),
    "order": (),
    "bug": ("browser", "scope", "affected_users", "observed_on", "recurring"),
    "improvement": ("module",),
    "agreement_change": (),
}

#: Yes/no questions: a bare "ja"/"yes" answers one of these when it is the only one asked.
YES_NO_FIELDS: frozenset[str] = frozenset({"login_allowed", "personal_data", "recurring"})


def _has(case: Any, name: str) -> bool:
    if name == "browser":
        return bool(case.browser) or bool(case.app_platform and case.app_version)
    if name == "affected_users":
        # Asked once "several" is known: everyone's problem needs no names, and "only me" is the
        # reporter; while the scope is not known, asking for names would be asking too early.
        return case.scope != "several" or bool(case.affected_users)
    value = getattr(case, name)
    return value is not None and value != [] and value != ()


def missing_fields(case: Any) -> list[str]:
    """The required fields this case still lacks, in the order they are asked; a field recorded as not
    known (the customer cannot give it, or it was asked twice in vain) is not missing."""
    rules = REQUIRED_BY_TYPE.get(case.type, ()) + EVERY_CASE
    unknown = set(getattr(case, "unknown", ()) or ())
    return [name for name in rules if name not in unknown and not _has(case, name)]
