"""`casebot check`: read the config, try each part it names, and print what works and what does not.

Tried, each with a short timeout: the store (a connection), every folder `serve` writes to (a small
file written and removed), the mail relay (`EHLO` and `NOOP`, or the outgoing folder when no relay is
set), Slack's `auth.test` when its token is set, and the grant webhook's address when it is on (any
HTTP answer counts as reachable: only the customer's system can judge a signed call). Nothing is sent
to anyone. Exit 0 when everything configured works, 1 when something does not.
"""

from __future__ import annotations

import argparse
import smtplib
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.config import Config, Secrets
from bot.conversation.texts import operator_language, say
from store.errors import CasebotError

if TYPE_CHECKING:
    from rich.text import Text

# The store, rich and the server's preflight are imported when `check` runs, not when `casebot` starts.

TIMEOUT = 5.0
EXIT_SOMETHING_FAILED = 1

#: One check's outcome: True works, False does not, None is not configured.
Result = tuple[bool | None, str]


def check_store(config: Config) -> Result:
    from store.db import open_store as open_store_

    try:
        store = open_store_(config.store.url, config.store.attachments_dir)
    except CasebotError as exc:
        return False, str(exc)
    where = store.engine.url.render_as_string(hide_password=True)
    store.dispose()
    return True, where


def check_relay(config: Config, secrets: Secrets) -> Result:
    from store.db import first_line

    cfg = config.outbound
    if not cfg.host:
        return None, say(operator_language(), "cli_no_relay", folder=cfg.outgoing_dir)
    try:
        with smtplib.SMTP(cfg.host, cfg.port, timeout=TIMEOUT) as client:
            client.ehlo()
            if cfg.starttls:
                client.starttls()
                client.ehlo()
            if cfg.username:
                client.login(cfg.username, secrets.smtp_password)
            code, _ = client.noop()
    except (smtplib.SMTPException, OSError) as exc:
        return False, f"{cfg.host}:{cfg.port}: {first_line(exc)}"
    return code == 250, f"{cfg.host}:{cfg.port}"


def check_slack(config: Config, secrets: Secrets) -> Result:
    if not (secrets.slack_bot_token and secrets.slack_signing_secret):
        return None, say(operator_language(), "cli_check_slack_off")
    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    from store.db import first_line

    kwargs: dict[str, Any] = {"token": secrets.slack_bot_token, "timeout": int(TIMEOUT)}
    if config.slack.api_url:
        kwargs["base_url"] = config.slack.api_url.rstrip("/") + "/"
    try:
        answer = WebClient(**kwargs).auth_test()
    except SlackApiError as exc:
        return False, str(exc.response.get("error", "error"))
    except OSError as exc:
        return False, first_line(exc)
    return True, f"{answer.get('team', '?')} / {answer.get('user', '?')}"


def check_webhook(url: str) -> Result:
    from store.db import first_line

    if not url:
        return None, say(operator_language(), "cli_check_not_configured")
    request = urllib.request.Request(url, method="HEAD")  # noqa: S310 - the operator's own configured URL
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return True, f"{url} ({answer.status})"
    except urllib.error.HTTPError as exc:
        return True, f"{url} ({exc.code})"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, f"{url}: {first_line(getattr(exc, 'reason', None) or exc)}"


def cmd_check(args: argparse.Namespace, config: Config) -> int:
    from bot.cli.tables import print_rows, styled
    from bot.server.preflight import check_folder, data_folders

    lang = operator_language()
    secrets = Secrets.from_env()

    def folder(key: str, path: Any) -> Callable[[], Result]:
        def run() -> Result:
            try:
                check_folder(lang, key, path)
            except CasebotError as exc:
                return False, str(exc)
            return True, str(path.resolve())

        return run

    checks: list[tuple[str, Callable[[], Result]]] = [
        (say(lang, "cli_check_config"), lambda: (True, config.source)),
        (say(lang, "cli_check_store"), lambda: check_store(config)),
    ]
    checks += [(key, folder(key, path)) for key, path in data_folders(config)]
    checks += [
        (say(lang, "cli_check_relay"), lambda: check_relay(config, secrets)),
        (say(lang, "cli_check_slack"), lambda: check_slack(config, secrets)),
    ]
    if config.grants.backend == "webhook":
        checks.append((say(lang, "cli_check_grants"), lambda: check_webhook(config.grants.webhook_url)))
    failed = 0
    rows: list[list[Text]] = []
    for name, run in checks:
        works, detail = run()
        if works is False:
            failed += 1
        if works is None:
            result = ("cli_check_off", "dim")
        else:
            result = ("cli_check_ok", "green") if works else ("cli_check_failed", "bold red")
        rows.append([styled(name, "bold"), styled(say(lang, result[0]), result[1]), styled(detail)])
    print_rows(lang, ("check", "result", "detail"), rows, "cli_check_summary_ok")
    if failed:
        print(say(lang, "cli_check_summary_failed", count=failed))
        return EXIT_SOMETHING_FAILED
    print(say(lang, "cli_check_summary_ok"))
    return 0


def register(sub: Any) -> None:
    """Add `check` to `casebot`'s subcommand parser."""
    check = sub.add_parser("check", help="try the store, folders, mail relay, Slack and webhooks")
    check.set_defaults(func=cmd_check)
