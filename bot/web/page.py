"""The form's pages, rendered from Jinja2 templates that escape every value (autoescape on).

The templates hold no words of their own: each text comes from `bot.conversation.texts` through `t`,
in the page's language. `case_values` says what a case's inputs hold when the form opens, in the same
shape a post sends them back (`bot.conversation.form.read_form` reads both).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.conversation.form import MAX_FILES, MAX_LENGTH
from bot.conversation.requirements import missing_fields
from bot.conversation.texts import say
from parsers.fields import CASE_TYPES, PLATFORMS, PRIORITIES, SCOPES
from store.models import Case, CaseStatus

#: The inputs of the form, by the case field each one sets (DESIGN.md, "Web form").
INPUTS: frozenset[str] = frozenset(
    {
        "lang",
        "type",
        "subject",
        "description",
        "priority",
        "requested_handler",
        "browser",
        "app_platform",
        "app_version",
        "scope",
        "affected_users",
        "module",
        "record_id",
        "observed_on",
        "recurring",
        "login_allowed",
        "personal_data",
    }
)

LANGUAGES = ("nb", "en")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def case_values(case: Case) -> dict[str, str]:
    """What each input holds when the form opens: the case as it is now."""
    return {
        "type": case.type,
        "subject": case.subject,
        "description": case.description,
        "priority": case.priority,
        "requested_handler": case.requested_handler or "",
        "browser": case.browser or "",
        "app_platform": case.app_platform or "",
        "app_version": case.app_version or "",
        "scope": case.scope or "",
        "affected_users": ", ".join(case.affected_users),
        "module": case.module or "",
        "record_id": case.record_id or "",
        "observed_on": case.observed_on.isoformat() if case.observed_on else "",
        "recurring": _yes_no(case.recurring),
        "login_allowed": _yes_no(case.login_allowed),
        "personal_data": _yes_no(case.personal_data),
    }


def needed_inputs(case: Case) -> frozenset[str]:
    """The inputs to mark as needed: the fields the case still lacks (a browser, or the app's)."""
    needed = set(missing_fields(case))
    if "browser" in needed:
        needed |= {"app_platform", "app_version"}
    return frozenset(needed)


@dataclass(frozen=True)
class FormPage:
    """Everything the form page shows besides the case itself."""

    language: str
    values: dict[str, str]
    csrf: str
    files: tuple[str, ...] = ()  # the case's files, by name
    errors: dict[str, str] = field(default_factory=dict)
    notice: str = ""  # a message above the form (the store could not take the post)
    files_again: bool = False  # files were chosen but not kept: ask for them again


class Pages:
    """The templates, loaded once from the package (`bot/web/templates`)."""

    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("bot.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def _render(self, name: str, language: str, root: str, **context: Any) -> str:
        """A template in a language; `root` is the relative way from the page to the app's root, so
        the pages work under whatever path `[web] base_url` puts them."""
        lang = language if language in LANGUAGES else "en"
        other = "en" if lang == "nb" else "nb"
        template = self.env.get_template(name)
        return str(
            template.render(lang=lang, other=other, root=root, t=functools.partial(say, lang), **context)
        )

    def form(self, case: Case, page: FormPage, *, team: str) -> str:
        """The case's form, filled with `page.values`, errors beside their inputs."""
        lang = page.language
        room = max(0, MAX_FILES - len(page.files))
        return self._render(
            "form.html",
            lang,
            "../",
            case=case,
            draft=case.status == CaseStatus.DRAFT,
            page=page,
            values=page.values,
            errors=page.errors,
            needed=needed_inputs(case),
            room=room,
            max_files=MAX_FILES,
            max_length=MAX_LENGTH,
            team=team,
            types=[(v, say(lang, f"type_{v}")) for v in CASE_TYPES],
            priorities=[(v, say(lang, f"priority_{v}")) for v in PRIORITIES],
            scopes=[(v, say(lang, f"scope_{v}")) for v in SCOPES],
            platforms=[(v, say(lang, f"platform_{v}")) for v in PLATFORMS],
        )

    def message(
        self,
        language: str,
        *,
        title: str,
        body: tuple[str, ...],
        root: str,
        team: str,
        back: str = "",
        back_label: str = "",
    ) -> str:
        """A page that only says something (thanks, closed, not found, refused), in paragraphs."""
        return self._render(
            "message.html",
            language,
            root,
            title=title,
            body=body,
            team=team,
            back=back,
            back_label=back_label,
        )
