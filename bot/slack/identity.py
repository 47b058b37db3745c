"""Who a Slack user is to casebot: their customer, their language, whether they are staff.

A user belongs to a customer by their workspace (`slack_team_ids`) or by the email domain Slack
reports for them (`users.info`). Lookups are cached for a while: a user's organisation does not
change between two clicks, and Slack rate-limits `users.info`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Config

log = logging.getLogger(__name__)

_CACHE_SECONDS = 600.0
_NORWEGIAN_LOCALES = ("nb", "no", "nn")


@dataclass(frozen=True)
class SlackUser:
    """A Slack user as casebot sees them."""

    id: str
    team: str
    name: str = ""
    email: str = ""
    language: str = "en"
    customer: str | None = None
    staff: bool = False


def language_of(locale: str | None) -> str:
    """`nb` for Norwegian locales (nb-NO, no-NO, nn-NO), else `en`."""
    prefix = (locale or "").replace("_", "-").split("-")[0].lower()
    return "nb" if prefix in _NORWEGIAN_LOCALES else "en"


def can_see(user: SlackUser, case_customer: str | None, case_reporter: str) -> bool:
    """Staff see every case; a customer sees their own organisation's, and anyone their own."""
    if user.staff or case_reporter == user.id:
        return True
    return user.customer is not None and case_customer == user.customer


class Directory:
    """Resolves Slack users through `users.info`, with a short cache."""

    def __init__(self, config: Config, client: AsyncWebClient) -> None:
        self.config = config
        self.client = client
        self._cache: dict[str, tuple[float, SlackUser]] = {}

    def customer_for_team(self, team: str) -> str | None:
        for customer in self.config.customers:
            if team and team in customer.slack_team_ids:
                return customer.name
        return None

    async def lookup(self, user_id: str, team: str) -> SlackUser:
        """The user, looked up once per cache period; a failed lookup falls back to the workspace alone."""
        cached = self._cache.get(user_id)
        if cached is not None and time.monotonic() - cached[0] < _CACHE_SECONDS:
            return cached[1]
        staff = user_id in self.config.slack.staff_user_ids
        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except SlackApiError as exc:
            # Not cached: the next request tries again. Without the email domain the user sees less,
            # never more, so failing here is safe.
            log.warning("users.info failed for a Slack user: %s", exc.response.get("error"))
            return SlackUser(id=user_id, team=team, customer=self.customer_for_team(team), staff=staff)
        info = response.get("user") or {}
        profile = info.get("profile") or {}
        email = str(profile.get("email") or "")
        # The user's home workspace names their organisation, also when they write from a shared
        # (Slack Connect) channel of another workspace.
        team = str(info.get("team_id") or team)
        customer = self.customer_for_team(team)
        if customer is None and "@" in email:
            owner = self.config.customer_for_domain(email.rpartition("@")[2])
            customer = owner.name if owner else None
        user = SlackUser(
            id=user_id,
            team=team,
            name=str(profile.get("real_name") or info.get("real_name") or info.get("name") or ""),
            email=email,
            language=language_of(info.get("locale")),
            customer=customer,
            staff=staff,
        )
        self._cache[user_id] = (time.monotonic(), user)
        return user
