"""Building the conversation engine as every entry point uses it: `serve`, `import` and the CLI.

The engine knows no channel; this is where the channels are plugged into it (email always, Slack when
it is configured), and where the configured product words become the extractor's vocabulary. It sits
above the channels and below the runners, the lifecycle commands and the server, which all call it.
"""

from __future__ import annotations

from bot.config import Config
from bot.conversation.channels import CustomerChannel, StaffNotifier
from bot.conversation.engine import Engine
from bot.email.channel import EmailChannel
from bot.email.staff import EmailStaffNotifier, HandoffEmailNotifier
from bot.handoff.webhook import HandoffWebhookNotifier
from parsers.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from store.db import Store


def build_vocabulary(config: Config) -> Vocabulary:
    """The extractor's product words: configured modules, or the built-in list when none are."""
    if not config.modules:
        if tuple(config.extraction.instance_suffixes) == DEFAULT_VOCABULARY.instance_suffixes:
            return DEFAULT_VOCABULARY
        return Vocabulary(DEFAULT_VOCABULARY.modules, tuple(config.extraction.instance_suffixes))
    modules = [
        {"key": m.key, "nb": list(m.nb), "en": list(m.en), "forms": list(m.forms), "exclude": list(m.exclude)}
        for m in config.modules
    ]
    return Vocabulary.from_config(modules, list(config.extraction.instance_suffixes))


def build_engine(
    config: Config,
    store: Store,
    *,
    slack: CustomerChannel | None = None,
    slack_staff: StaffNotifier | None = None,
) -> Engine:
    """The engine with its channels; Slack's only when Slack is configured."""
    channels: dict[str, CustomerChannel] = {"email": EmailChannel(config, store.attachments_dir)}
    staff: list[StaffNotifier] = [
        EmailStaffNotifier(config, store.attachments_dir),
        HandoffEmailNotifier(config, store.attachments_dir),
        HandoffWebhookNotifier(config),
    ]
    if slack is not None:
        channels["slack"] = slack
    if slack_staff is not None:
        staff.append(slack_staff)
    return Engine(
        config=config,
        attachments_dir=store.attachments_dir,
        channels=channels,
        staff=staff,
        vocabulary=build_vocabulary(config),
    )
