"""Fetching the files a customer shared in Slack, with the bot token, as `IncomingFile`s.

Slack answers a download it does not authorise with its HTML login page and status 200; that page is
an error, never an attachment. The token is only ever sent to Slack's own hosts (or the configured
test API's host), whatever URL a payload names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.conversation.events import IncomingFile

_HTML_START = (b"<!doctype html", b"<html")


@dataclass(frozen=True)
class Fetched:
    """What came of the files of one message: the ones stored and the names of those that failed."""

    files: tuple[IncomingFile, ...]
    failed: tuple[str, ...]


def _is_html(content_type: str, data: bytes, expected_type: str) -> bool:
    if "html" in expected_type:
        return False
    head = data[:200].lstrip().lower()
    return content_type.startswith("text/html") or head.startswith(_HTML_START)


class FileFetcher:
    """Downloads `url_private_download` with `Authorization: Bearer <bot token>`."""

    def __init__(self, token: str, api_url: str, *, max_bytes: int, timeout: float = 30.0) -> None:
        self.token = token
        self.max_bytes = max_bytes
        self.timeout = timeout
        api_host = urlsplit(api_url).hostname if api_url else None
        self.trusted_hosts = {h for h in (api_host,) if h}

    def _trusted(self, url: str) -> bool:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host in self.trusted_hosts:
            return True
        return parts.scheme == "https" and (host == "slack.com" or host.endswith(".slack.com"))

    async def fetch(self, files: list[dict[str, Any]]) -> Fetched:
        """Every file that can be fetched; the names of those that cannot (HTML, too big, refused)."""
        got: list[IncomingFile] = []
        failed: list[str] = []
        if not files:
            return Fetched((), ())
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            for meta in files:
                name = str(meta.get("name") or meta.get("title") or meta.get("id") or "file")
                url = str(meta.get("url_private_download") or meta.get("url_private") or "")
                expected = str(meta.get("mimetype") or "application/octet-stream")
                if not url or not self._trusted(url):
                    failed.append(name)
                    continue
                data, content_type = await self._download(http, url)
                if data is None or _is_html(content_type, data, expected):
                    failed.append(name)
                    continue
                got.append(IncomingFile(filename=name, content_type=expected, data=data))
        return Fetched(tuple(got), tuple(failed))

    async def _download(self, http: aiohttp.ClientSession, url: str) -> tuple[bytes | None, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        async with http.get(url, headers=headers, allow_redirects=False) as response:
            if response.status != 200:
                # A redirect is Slack sending us to its login page: the token was not accepted.
                return None, ""
            data = await response.content.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                return None, ""
            return data, response.headers.get("Content-Type", "")
