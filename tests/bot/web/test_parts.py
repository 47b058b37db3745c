"""The form's small parts: the rate window, client addresses behind proxies, file names, CSRF tokens."""

from __future__ import annotations

import secrets

import pytest

from bot.config import Config, parse_config
from bot.web.limits import RateLimit
from bot.web.routes import csrf_token, csrf_valid
from bot.web.upload import file_name
from store.errors import ConfigError
from tests.bot.web.conftest import World, web_config


def test_the_rate_window_slides_and_forgets_idle_keys() -> None:
    """N requests per key in any 60 seconds; a refused request does not count; idle keys are dropped
    when the table is full, and a full table of busy keys drops the least recent half."""
    limit = RateLimit(2, max_keys=3)
    assert [limit.allow("a", now=t) for t in (0, 1, 2, 30)] == [True, True, False, False]
    assert limit.allow("a", now=60.5) and not limit.allow("a", now=60.9) and limit.allow("a", now=61.5)
    assert all(limit.allow(key, now=100 + n) for n, key in enumerate("bcd"))
    assert limit.allow("e", now=104) and len(limit) == 3
    assert RateLimit(0).allow("x")  # 0 turns the limit off


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("C:\\Users\\kari\\Skjermbilde 1.png", "Skjermbilde 1.png"),
        ("../../etc/passwd", "passwd"),
        ("bad\r\nname\x00.txt", "badname.txt"),
        ("", "file"),
        ("x" * 300 + ".png", "x" * 255),
    ],
)
def test_a_file_name_is_metadata_never_a_path(raw: str, name: str) -> None:
    """Only the last segment of what the browser sent, without control characters, 255 at most."""
    assert file_name(raw) == name


def test_csrf_tokens_are_signed_per_link() -> None:
    """A token verifies with the key of the link that made it only; a changed nonce or mac fails."""
    key, other = secrets.token_hex(32), secrets.token_hex(32)
    token = csrf_token(key)
    nonce, _, mac = token.partition(".")
    assert csrf_valid(key, token) and not csrf_valid(other, token)
    assert not csrf_valid(key, f"{nonce}x.{mac}") and not csrf_valid(key, nonce) and not csrf_valid(key, "")
    assert csrf_token(key) != token


@pytest.mark.parametrize(
    "config", [web_config(requests_per_address_per_minute=2, trusted_proxies=["127.0.0.1"])]
)
async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(
    world: World, config: Config
) -> None:
    """From a proxy in `[web] trusted_proxies`, the last address it forwarded is the client's."""
    path = f"/c/{secrets.token_urlsafe(24)}"

    async def status(client: str) -> int:
        forwarded = {"X-Forwarded-For": f"198.51.100.9, {client}"}
        return (await world.client.get(path, headers=forwarded)).status

    assert [await status("203.0.113.5") for _ in range(3)] == [404, 404, 429]
    assert await status("203.0.113.6") == 404


@pytest.mark.parametrize("config", [web_config(requests_per_address_per_minute=2)])
async def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(world: World, config: Config) -> None:
    """Without a trusted proxy, a made-up X-Forwarded-For does not get a client past its limit."""
    path = f"/c/{secrets.token_urlsafe(24)}"
    statuses = [
        (await world.client.get(path, headers={"X-Forwarded-For": f"203.0.113.{n}"})).status for n in range(3)
    ]
    assert statuses == [404, 404, 429]


@pytest.mark.parametrize(
    ("web", "problem"),
    [
        ({"base_url": "support.example.com"}, "web.base_url must be an address"),
        ({"base_url": "ftp://support.example.com"}, "web.base_url must be an address"),
        ({"base_url": "https://support.example.com/?x=1"}, "query or fragment"),
        ({"trusted_proxies": ["proxy.local"]}, "not an IP address"),
        ({"max_upload_bytes": -1}, "must not be negative"),
    ],
)
def test_web_settings_that_cannot_work_are_refused_by_name(web: dict[str, object], problem: str) -> None:
    """A base_url that is not an http(s) address, or a proxy that is not an IP address, is a config error."""
    with pytest.raises(ConfigError, match=problem):
        parse_config({"web": web})


def test_form_addresses_are_made_under_the_base_url() -> None:
    """`<base_url>/c/<token>`, with or without a trailing slash or a path on the base."""
    assert parse_config({}).web.base_url == ""
    for base in ("https://support.example.com", "https://support.example.com/"):
        assert (
            parse_config({"web": {"base_url": base}}).web.form_url("T") == "https://support.example.com/c/T"
        )
    assert (
        parse_config({"web": {"base_url": "https://x.no/casebot"}}).web.form_url("T")
        == "https://x.no/casebot/c/T"
    )
