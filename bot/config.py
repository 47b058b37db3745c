"""casebot's configuration: a TOML file over built-in defaults, secrets from the environment.

`load_config` finds the file (`--config`, then `$CASEBOT_CONFIG`, then `./casebot.toml`, then none at
all) and returns a frozen `Config`. Every key has a default so that `casebot serve` runs with no file;
`config.example.toml` documents each one. Secrets are never read from the file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass
from ipaddress import ip_address
from pathlib import Path
from typing import Any, TypeVar, get_type_hints
from urllib.parse import urlsplit

from store.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True)
class SmtpConfig:
    host: str = "127.0.0.1"
    port: int = 2525
    addresses: tuple[str, ...] = ("support@example.com",)
    max_message_bytes: int = 35 * 1024 * 1024
    max_recipients: int = 20
    max_connections: int = 200
    messages_per_connection: int = 100
    timeout_seconds: float = 300.0
    connections_per_address: int = 20
    idle_commands: int = 20
    session_seconds: float = 1800.0
    trusted_authserv_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutboundConfig:
    """Where replies go: the relay at `host`, or with no host, `.eml` files in `outgoing_dir`."""

    host: str = ""
    port: int = 25
    from_address: str = "support@example.com"
    from_name: str = "Support"
    username: str = ""
    starttls: bool = False
    staff_address: str = ""
    timeout_seconds: float = 30.0
    outgoing_dir: str = "casebot-data/outgoing"


@dataclass(frozen=True)
class HttpConfig:
    host: str = "127.0.0.1"
    port: int = 3000
    admin_host: str = "127.0.0.1"
    admin_port: int = 3001


@dataclass(frozen=True)
class StoreConfig:
    url: str = "sqlite:///casebot-data/casebot.db"
    attachments_dir: str = "casebot-data/attachments"


@dataclass(frozen=True)
class SlackConfig:
    api_url: str = ""
    command: str = "/case"
    support_channel: str = ""
    technical_channel: str = ""
    staff_user_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class GrantsConfig:
    backend: str = "log"
    webhook_url: str = ""
    max_hours: float = 0.0
    alert_after_hours: float = 4.0
    retry_seconds: float = 10.0


@dataclass(frozen=True)
class LimitsConfig:
    messages_per_sender_per_hour: int = 120
    replies_per_sender_per_hour: int = 10
    reply_to_unknown_senders: bool = False
    attachments_per_message: int = 5
    max_processing_attempts: int = 3


@dataclass(frozen=True)
class WorkersConfig:
    """Where accepted messages are processed and the outbox is delivered.

    `processes` worker processes of their own, started, watched and stopped by `casebot serve` (as
    Mailman's runners are), so that processing uses more than one core and the SMTP edge never waits
    for it; with 0, threads of the `serve` process itself do the work.
    """

    processes: int = 0


@dataclass(frozen=True)
class WebConfig:
    """The case's web form (`<base_url>/c/<token>`), linked from question mails when `base_url` is set."""

    base_url: str = ""
    requests_per_token_per_minute: int = 30
    requests_per_address_per_minute: int = 120
    max_upload_bytes: int = 25 * 1024 * 1024
    trusted_proxies: tuple[str, ...] = ()

    def form_url(self, token: str) -> str:
        """The public address of the form that a link token opens."""
        return f"{self.base_url.rstrip('/')}/c/{token}"


@dataclass(frozen=True)
class StaffConfig:
    """Who staff are (their mail never opens a case) and who is told about cases by email."""

    addresses: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    notify: tuple[str, ...] = ()
    language: str = "nb"


@dataclass(frozen=True)
class HandoffConfig:
    """Handing cases on to a helpdesk the team already runs: its email intake, or a webhook."""

    email: str = ""
    webhook_url: str = ""
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class CustomerConfig:
    name: str
    domains: tuple[str, ...] = ()
    instance: str = ""
    slack_team_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModuleConfig:
    """A product module the extractor recognises: `key` plus its forms (`*` marks a stem)."""

    key: str
    nb: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractionConfig:
    instance_suffixes: tuple[str, ...] = ("landax.no",)


@dataclass(frozen=True)
class RemindersConfig:
    """When silent draft cases are reminded, and when they are given up."""

    after_hours: tuple[float, ...] = (24.0, 72.0)
    abandon_after_days: float = 7.0
    timezone: str = "Europe/Oslo"
    business_days: tuple[int, ...] = (1, 2, 3, 4, 5)  # ISO weekdays: 1 = Monday
    business_start_hour: int = 8
    business_end_hour: int = 16


@dataclass(frozen=True)
class RetentionConfig:
    """How long closed cases keep their words and files (0 keeps them forever)."""

    closed_case_days: int = 365
    processed_raw_days: int = 30
    quarantine_days: int = 90


@dataclass(frozen=True)
class GdprConfig:
    """The processor's side of the GDPR art. 30(2) record."""

    processor_name: str = "Vendor AS"
    processor_contact: str = "privacy@example.com"
    processing_category: str = "Support and troubleshooting in the controller's system"
    security_measures: str = (
        "Access limited to support staff bound by confidentiality; login access only while the case is "
        "open; encrypted transport; audit log of every access grant and revocation"
    )
    transfers: str = "No transfers to third countries"


@dataclass(frozen=True)
class Config:
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    outbound: OutboundConfig = field(default_factory=OutboundConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    grants: GrantsConfig = field(default_factory=GrantsConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)
    reminders: RemindersConfig = field(default_factory=RemindersConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    gdpr: GdprConfig = field(default_factory=GdprConfig)
    web: WebConfig = field(default_factory=WebConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)
    handoff: HandoffConfig = field(default_factory=HandoffConfig)
    workers: WorkersConfig = field(default_factory=WorkersConfig)
    customers: tuple[CustomerConfig, ...] = ()
    modules: tuple[ModuleConfig, ...] = ()
    source: str = "built-in defaults"

    def customer_for_domain(self, domain: str) -> CustomerConfig | None:
        """The configured customer that owns an email domain (subdomains included)."""
        domain = domain.lower().strip(".")
        for customer in self.customers:
            for owned in customer.domains:
                owned = owned.lower()
                if domain == owned or domain.endswith("." + owned):
                    return customer
        return None

    def customer_named(self, name: str | None) -> CustomerConfig | None:
        return next((c for c in self.customers if c.name == name), None)

    @property
    def staff_notify(self) -> tuple[str, ...]:
        """Who gets staff notifications by email: `[staff] notify`, else the older
        `[outbound] staff_address`."""
        if self.staff.notify:
            return self.staff.notify
        return (self.outbound.staff_address,) if self.outbound.staff_address else ()

    def is_staff(self, address: str) -> bool:
        """Whether an email address (an RFC 5322 addr-spec, never a display name) is one of the
        vendor's staff: `[staff] addresses`, `domains` (subdomains included) or a notified address."""
        address = address.lower().strip()
        if not address or "@" not in address:
            return False
        named = {a.lower() for a in (*self.staff.addresses, *self.staff_notify)}
        if address in named:
            return True
        domain = address.rpartition("@")[2]
        return any(domain == d.lower() or domain.endswith("." + d.lower()) for d in self.staff.domains)


@dataclass(frozen=True)
class Secrets:
    """Values that come only from the environment; `repr` never shows them."""

    slack_bot_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    smtp_password: str = field(default="", repr=False)
    grant_secret: str = field(default="", repr=False)
    handoff_secret: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Secrets:
        env = dict(os.environ) if env is None else env
        return cls(
            slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
            smtp_password=env.get("CASEBOT_SMTP_PASSWORD", ""),
            grant_secret=env.get("CASEBOT_GRANT_SECRET", ""),
            handoff_secret=env.get("CASEBOT_HANDOFF_SECRET", ""),
        )


def _build(cls: type[T], data: Any, where: str) -> T:
    """A config dataclass from a TOML table, naming the key when a value has the wrong shape."""
    if not isinstance(data, dict):
        raise ConfigError(f"[{where}] must be a table")
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown key(s) in [{where}]: {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        values[name] = _coerce(hints[name], value, f"{where}.{name}")
    try:
        return cls(**values)
    except TypeError as exc:
        raise ConfigError(f"[{where}]: {exc}") from exc


def _coerce(hint: Any, value: Any, where: str) -> Any:
    text = str(hint)
    if is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value, where)
    if text.startswith("tuple[") or text.startswith("tuple"):
        if not isinstance(value, list):
            raise ConfigError(f"{where} must be a list")
        inner = hint.__args__[0]
        return tuple(_coerce(inner, v, f"{where}[{i}]") for i, v in enumerate(value))
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number")
        if value < 0:
            raise ConfigError(f"{where} must not be negative")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where} must be a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string")
        return value
    return value


def parse_config(data: dict[str, Any], source: str = "built-in defaults") -> Config:
    """A `Config` from already-parsed TOML."""
    values: dict[str, Any] = {"source": source}
    hints = get_type_hints(Config)
    for name, value in data.items():
        if name == "source" or name not in hints:
            raise ConfigError(f"unknown section [{name}] in {source}")
        values[name] = _coerce(hints[name], value, name)
    config = Config(**values)
    _validate(config)
    return config


def _validate(config: Config) -> None:
    if not config.smtp.addresses:
        raise ConfigError("smtp.addresses must name at least one support address")
    for address in config.smtp.addresses:
        if address.count("@") != 1 or "+" in address.partition("@")[0]:
            raise ConfigError(f"smtp.addresses: {address!r} is not a plain address like support@example.com")
    if config.grants.backend not in ("log", "webhook"):
        raise ConfigError(f"grants.backend must be 'log' or 'webhook', not {config.grants.backend!r}")
    if config.grants.backend == "webhook" and not config.grants.webhook_url:
        raise ConfigError("grants.backend = 'webhook' needs grants.webhook_url")
    if config.staff.language not in ("nb", "en"):
        raise ConfigError(f"staff.language must be 'nb' or 'en', not {config.staff.language!r}")
    for address in (
        *config.staff.addresses,
        *config.staff.notify,
        *([config.handoff.email] if config.handoff.email else []),
    ):
        if address.count("@") != 1:
            raise ConfigError(
                f"{address!r} is not an email address (staff.addresses, staff.notify, handoff.email)"
            )
    hook = urlsplit(config.handoff.webhook_url)
    if config.handoff.webhook_url and not (hook.scheme in ("http", "https") and hook.netloc):
        raise ConfigError(
            f"handoff.webhook_url must be an http(s) address, not {config.handoff.webhook_url!r}"
        )
    base = urlsplit(config.web.base_url)
    if config.web.base_url and not (base.scheme in ("http", "https") and base.netloc):
        raise ConfigError(
            f"web.base_url must be an address like https://support.example.com, not {config.web.base_url!r}"
        )
    if base.query or base.fragment:
        raise ConfigError("web.base_url must not have a query or fragment (links add /c/<token> to it)")
    for proxy in config.web.trusted_proxies:
        try:
            ip_address(proxy)
        except ValueError:
            raise ConfigError(f"web.trusted_proxies: {proxy!r} is not an IP address") from None
    for module in config.modules:
        for form in (*module.nb, *module.en, *module.forms):
            if not form.strip().rstrip("*").strip():
                raise ConfigError(f"modules: {module.key!r} has a form with no word before '*': {form!r}")


def config_path(explicit: str | None) -> Path | None:
    """Which file to read: the explicit one, `$CASEBOT_CONFIG`, `./casebot.toml`, or none."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CASEBOT_CONFIG")
    if env:
        return Path(env)
    default = Path("casebot.toml")
    return default if default.is_file() else None


def load_config(explicit: str | None = None) -> Config:
    """Read the configuration; a missing or malformed file is a `ConfigError` naming it."""
    path = config_path(explicit)
    if path is None:
        return parse_config({})
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc.strerror}") from exc
    return parse_config(data, source=str(path))
