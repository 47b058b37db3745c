"""Which questions a draft gets next, and in which words: only what fits, and none a third time.

A requirement (`bot.conversation.requirements`) is asked as one numbered question. Where a case already
says the problem is in the app, "where does it happen" is asked as the app's platform and version, not
the browser. Where a case needs the affected users' names, the question of who is affected asks for them
too ("If several: which users?"), as the portal form lists them together: an answer without names has
been asked for them once.

The first time a question is asked it gets its full words; the second time shorter ones with examples or
choices; after that it is not asked again but recorded as not known, for staff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.conversation.requirements import REQUIRED_BY_TYPE
from bot.conversation.texts import say

#: No requirement is asked more often than this.
ASK_LIMIT = 2


@dataclass(frozen=True)
class Question:
    """One numbered question: the requirement it settles, the field the reply reader expects for it
    (`parsers.answers.read_answer`'s `asked`), and its words."""

    requirement: str
    field: str
    text: str
    #: Other fields the question asks for as well, counted as asked with it.
    covers: tuple[str, ...] = ()


def _field_and_key(case: Any, requirement: str) -> tuple[str, str]:
    if requirement != "browser":
        return requirement, f"q_{requirement}"
    if case.app_platform and not case.app_version:
        return "app_version", "q_app_version"
    if case.app_platform or case.app_version or getattr(case, "in_app", False):
        return "app_platform", "q_app"
    return "browser", "q_browser"


def next_questions(
    case: Any, missing: Sequence[str], language: str, *, shorter: bool = False
) -> list[Question]:
    """The questions for the `missing` requirements, in order, worded for how often each was asked
    (`shorter` words them all the short way, as after a reply that could not be read)."""
    out: list[Question] = []
    names = "affected_users" in REQUIRED_BY_TYPE.get(case.type, ())
    for requirement in missing:
        field, key = _field_and_key(case, requirement)
        again = shorter or case.ask_counts.get(field, 0) >= 1
        covers: tuple[str, ...] = ()
        if field == "scope" and names:
            covers = ("affected_users",)
            key = "q_scope_users"
        text = say(language, f"{key}_again" if again else key)
        out.append(Question(requirement, field, text, covers))
    return out


def asked_enough(case: Any, missing: Sequence[str]) -> list[str]:
    """The missing requirements whose question was asked `ASK_LIMIT` times already: they are not asked
    again. "Where does it happen" counts as the question it would be now: an answer that moved it on
    ("it's in the app") makes the next question (the app's platform, then its version) a new one."""
    return [name for name in missing if case.ask_counts.get(_field_and_key(case, name)[0], 0) >= ASK_LIMIT]


def count_asked(case: Any, questions: Sequence[Question]) -> dict[str, int]:
    """The case's ask counts with these questions added."""
    counts = dict(case.ask_counts)
    for question in questions:
        for name in (question.field, *question.covers):
            counts[name] = counts.get(name, 0) + 1
    return counts
