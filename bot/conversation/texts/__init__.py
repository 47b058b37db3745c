"""Everything casebot says to people, one module per language (`nb`, `en`).

`say(language, key, **values)` fills a template; an unknown language falls back to English.
Both languages must have the same keys (a test checks).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from bot.conversation.texts import en, nb

LANGUAGES: dict[str, dict[str, str]] = {"nb": nb.TEXTS, "en": en.TEXTS}


def texts_for(language: str | None) -> dict[str, str]:
    return LANGUAGES.get(language or "en", en.TEXTS)


def say(language: str | None, key: str, *, channel: str | None = None, **values: Any) -> str:
    """The text for `key` in a language, with `{placeholders}` filled in.

    With a `channel`, a text of that channel's own (`slack_questions_intro` for `questions_intro`)
    is preferred: email says "reply to this email", Slack says "answer here".
    """
    texts = texts_for(language)
    if channel is not None and f"{channel}_{key}" in texts:
        key = f"{channel}_{key}"
    return texts[key].format(**values)


def operator_language(env: Mapping[str, str] | None = None) -> str:
    """The language of the command line and of `serve`'s start-up messages: `nb` when the locale
    (POSIX precedence: `LC_ALL`, `LC_MESSAGES`, `LANG`) is Norwegian (`nb`, `nn`, `no`), else `en`."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "nb" if value.split("_")[0].split(".")[0].lower() in ("nb", "nn", "no") else "en"
    return "en"
