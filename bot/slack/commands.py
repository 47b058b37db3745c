"""The slash command's words: `/case new …`, `/case vis 12`, and their Norwegian aliases.

Pure parsing, so that what the command understands is one table. A malformed command is a
`Command` with `verb="invalid"` and the text key that explains what would work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each word the command understands, and the verb it means; Norwegian words also hint the language.
VERBS: dict[str, str] = {
    "new": "new",
    "ny": "new",
    "list": "list",
    "liste": "list",
    "show": "show",
    "vis": "show",
    "close": "close",
    "lukk": "close",
    "withdraw": "withdraw",
    "trekk": "withdraw",
    "help": "help",
    "hjelp": "help",
}
NORWEGIAN = frozenset({"ny", "liste", "vis", "lukk", "trekk", "hjelp"})
NEEDS_ID = frozenset({"show", "close", "withdraw"})
_CASE_ID = re.compile(r"^#?(\d{1,9})$")


@dataclass(frozen=True)
class Command:
    """One parsed slash command: what to do, on which case, with which free text."""

    verb: str  # new | list | show | close | withdraw | help | invalid
    case_id: int | None = None
    text: str = ""
    language_hint: str | None = None  # "nb" when the user wrote a Norwegian word
    problem: str = ""  # for `invalid`: the text key that says what would work


def parse_command(text: str) -> Command:
    """Read the text after the slash command."""
    words = text.strip().split(maxsplit=1)
    if not words:
        return Command("new")
    word = words[0].lower()
    rest = words[1].strip() if len(words) > 1 else ""
    hint = "nb" if word in NORWEGIAN else ("en" if word in VERBS else None)
    verb = VERBS.get(word)
    if verb is None:
        return Command("invalid", text=text.strip(), problem="slack_unknown_command")
    if verb == "new":
        return Command("new", text=rest, language_hint=hint)
    if verb in ("list", "help"):
        return Command(verb, language_hint=hint)
    match = _CASE_ID.match(rest)
    if match is None:
        return Command("invalid", text=text.strip(), language_hint=hint, problem=f"slack_needs_id_{verb}")
    return Command(verb, case_id=int(match.group(1)), language_hint=hint)
