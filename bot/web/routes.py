"""The form's HTTP side: `GET` and `POST /c/<token>`, the thanks page, and the form's stylesheet.

A valid post is stored in the durable inbox (channel `web`) before the page answers, as the SMTP edge
stores mail before its `250`; the inbox worker then runs it through the engine (`bot.web.intake`).
Answers, by rule (DESIGN.md, "Web form"): an unknown token 404, a closed case's token 410 with how to
reopen it, a post without a valid CSRF token 403, too many requests 429, a post far past the size
limits 413, errors in the answers 422 with the form as it was typed, a store that cannot take the post
503 with the form as it was typed; a stored post is answered `303 See Other` to the thanks page.
Every page sends `Content-Security-Policy` (no script at all), `X-Frame-Options: DENY`,
`Referrer-Policy: no-referrer` and `Cache-Control: no-store`.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from ipaddress import ip_address
from typing import Any

from aiohttp import web

from bot.config import Config
from bot.conversation.form import MAX_FILES, read_form
from bot.conversation.texts import say
from bot.web.limits import RateLimit
from bot.web.page import INPUTS, LANGUAGES, FormPage, Pages, case_values
from bot.web.upload import FormRefused, Upload, read_upload
from store import cases as case_store
from store.db import Store
from store.errors import StoreUnavailable
from store.inbox import Accept, Arrival
from store.links import find_link, token_hash
from store.models import Case, CaseStatus, WebLink, utcnow

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
# What a link token looks like (`secrets.token_urlsafe`); anything else is not looked up at all.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")
# A date is "in the future" only when it is tomorrow everywhere on earth (UTC+14).
_EARLIEST_TOMORROW = timedelta(hours=14)
_STATIC = {"form.css": "text/css"}
_MB = 1024 * 1024


def csrf_token(key: str) -> str:
    """A new CSRF token for a form served through a link: a random nonce and its HMAC-SHA256."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_mac(key, nonce)}"


def csrf_valid(key: str, token: str) -> bool:
    """Whether `token` was made by `csrf_token` with this link's key (compared in constant time)."""
    nonce, _, mac = token.partition(".")
    return bool(nonce) and hmac.compare_digest(mac, _mac(key, nonce))


def _mac(key: str, nonce: str) -> str:
    return hmac.new(key.encode(), f"casebot-web-form:{nonce}".encode(), hashlib.sha256).hexdigest()


def client_address(request: web.Request, trusted_proxies: tuple[str, ...]) -> str:
    """The client's address: the peer's, or, from a trusted proxy, the last untrusted one it forwarded."""
    peer = request.remote or ""
    if peer not in trusted_proxies:
        return peer
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if address not in trusted_proxies:
            try:
                return str(ip_address(address))
            except ValueError:
                return peer
    return peer


def request_language(request: web.Request) -> str:
    """The language for a page with no case behind it: `?lang=`, else the browser's first nb/en."""
    asked = request.query.get("lang", "")
    if asked in LANGUAGES:
        return asked
    for entry in request.headers.get("Accept-Language", "").split(","):
        tag = entry.split(";")[0].strip().lower()
        if tag[:2] in ("nb", "nn", "no"):
            return "nb"
        if tag[:2] == "en":
            return "en"
    return "en"


@dataclass(frozen=True)
class _Found:
    link: WebLink
    case: Case
    files: tuple[str, ...]


@dataclass
class WebForm:
    """The form's routes on casebot's public HTTP app, with what they need: the store and the inbox."""

    config: Config
    store: Store
    accept: Accept
    pages: Pages = field(default_factory=Pages)

    def __post_init__(self) -> None:
        web_config = self.config.web
        self.per_token = RateLimit(web_config.requests_per_token_per_minute)
        self.per_address = RateLimit(web_config.requests_per_address_per_minute)
        folder = resources.files("bot.web") / "static"
        self.static_files = {name: (folder / name).read_bytes() for name in _STATIC}

    def routes(self) -> list[web.RouteDef]:
        """The routes to add to the public app."""
        return [
            web.get("/c/{token}", self.show),
            web.post("/c/{token}", self.submit),
            web.get("/c/{token}/sent", self.sent),
            web.get("/static/web/{name}", self.static),
        ]

    # -- handlers ------------------------------------------------------------------------------

    async def show(self, request: web.Request) -> web.Response:
        """The form, filled with what the case holds now."""
        found = await self._resolve(request)
        if isinstance(found, web.Response):
            return found
        lang = self._language(request.query.get("lang"), found.case)
        if found.case.status == CaseStatus.CLOSED:
            return self._closed(found.case, lang)
        page = FormPage(
            language=lang,
            values=case_values(found.case),
            csrf=csrf_token(found.link.csrf_key),
            files=found.files,
        )
        return self._form(found.case, page, 200)

    async def submit(self, request: web.Request) -> web.Response:
        """A posted form: checked, then stored in the inbox before the page answers."""
        found = await self._resolve(request)
        if isinstance(found, web.Response):
            return found
        case, link = found.case, found.link
        lang = self._language(request.query.get("lang"), case)
        if case.status == CaseStatus.CLOSED:
            return self._closed(case, lang)
        room = max(0, MAX_FILES - len(found.files))
        try:
            if request.content_type != "multipart/form-data":
                raise FormRefused(403, "not the form (multipart/form-data)")
            upload = await read_upload(
                await request.multipart(),
                known=INPUTS,
                verify=lambda value: csrf_valid(link.csrf_key, value),
                max_files=room,
                max_bytes=self.config.web.max_upload_bytes,
            )
        except FormRefused as refusal:
            log.info("web form for case #%s refused (%s): %s", case.id, refusal.status, refusal)
            return self._refused(refusal.status, lang)
        except ValueError as exc:  # aiohttp's word for a body that is not multipart at all
            log.info("web form for case #%s unreadable: %s", case.id, exc)
            return self._refused(400, lang)
        if not upload.csrf:
            log.info("web form for case #%s refused (403): no valid CSRF token", case.id)
            return self._refused(403, lang)
        lang = self._language(upload.values.get("lang"), case)
        return await self._take(request, found, upload, lang)

    async def sent(self, request: web.Request) -> web.Response:
        """The page after a stored post: what happens next."""
        found = await self._resolve(request, root="../../")
        if isinstance(found, web.Response):
            return found
        token = request.match_info["token"]
        lang = self._language(request.query.get("lang"), found.case)
        html = self.pages.message(
            lang,
            title=say(lang, "web_sent_title"),
            body=(say(lang, "web_sent_body", id=found.case.id), say(lang, "web_sent_next")),
            root="../../",
            team=self.config.outbound.from_name,
            back=f"../{token}?lang={lang}",
            back_label=say(lang, "web_sent_back"),
        )
        return self._page(html, 200)

    async def static(self, request: web.Request) -> web.Response:
        """The form's stylesheet (package data; no path from the request ever reaches the disk)."""
        name = request.match_info["name"]
        if name not in self.static_files:
            raise web.HTTPNotFound()
        return web.Response(
            body=self.static_files[name],
            content_type=_STATIC[name],
            headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
        )

    # -- pieces ----------------------------------------------------------------------------------

    async def _take(self, request: web.Request, found: _Found, upload: Upload, lang: str) -> web.Response:
        """Check the answers (as the Slack modal does) and store a valid post; the page says how it went."""
        case = found.case
        today = (utcnow() + _EARLIEST_TOMORROW).date()
        answer = read_form(
            upload.values,
            language=lang,
            today=today,
            files=len(found.files) + upload.chosen,
            max_files=MAX_FILES,
        )
        errors = dict(answer.errors)
        if upload.over_size and "attachments" not in errors:
            errors["attachments"] = say(lang, "web_error_files_size", mb=self._upload_mb)
        page = FormPage(
            language=lang,
            values=upload.values,
            csrf=upload.csrf,
            files=found.files,
            errors=errors,
            files_again=upload.chosen > 0,
        )
        if errors:
            return self._form(case, page, 422)
        files = [
            {
                "filename": f.filename,
                "content_type": f.content_type,
                "data": base64.b64encode(f.data).decode("ascii"),
            }
            for f in upload.files
        ]
        record: dict[str, Any] = {
            "kind": "form",
            "link": found.link.id,
            "case": case.id,
            "form": answer.as_record(),
        }
        # The same page posted twice (a double click, a retry) is one inbox row; a changed one another.
        digest = hashlib.sha256(json.dumps([record, files], sort_keys=True).encode()).hexdigest()[:32]
        record["submission"] = f"{upload.csrf.partition('.')[0]}:{digest}"
        record["files"] = files
        arrival = Arrival(
            raw=json.dumps(record).encode(),
            envelope_from=case.reporter,
            envelope_to=("web",),
            peer=client_address(request, self.config.web.trusted_proxies),
            channel="web",
            idempotency_key=f"web:{found.link.id}:{record['submission']}",
        )
        try:
            inbound_id = await self.accept(arrival)
        except StoreUnavailable:
            log.warning("web form for case #%s not stored: the store is unavailable", case.id)
            notice = say(lang, "web_store_down")
            return self._form(case, dataclasses.replace(page, notice=notice), 503)
        log.info("web form for case #%s stored as inbound %s (%d file(s))", case.id, inbound_id, len(files))
        token = request.match_info["token"]
        return web.Response(status=303, headers={**SECURITY_HEADERS, "Location": f"{token}/sent?lang={lang}"})

    async def _resolve(self, request: web.Request, *, root: str = "../") -> _Found | web.Response:
        """The request's link and its case, or the page that answers instead: 429 past a rate limit,
        404 for a token that is no link, 503 when the store cannot be read."""
        token = request.match_info["token"]
        address = client_address(request, self.config.web.trusted_proxies)
        well_formed = _TOKEN.fullmatch(token) is not None
        if not self.per_address.allow(address) or (
            well_formed and not self.per_token.allow(token_hash(token))
        ):
            log.info("web form: rate limit reached for a client or link")
            response = self._message(request_language(request), 429, "web_too_many", root)
            response.headers["Retry-After"] = "60"
            return response
        found = None
        if well_formed:
            try:
                found = await asyncio.to_thread(self._lookup, token)
            except Exception:  # any store failure is one answer: try again shortly (logged)
                log.warning("web form: the store could not be read", exc_info=True)
                return self._message(request_language(request), 503, "web_store_down_page", root)
        if found is None:
            return self._message(request_language(request), 404, "web_not_found", root)
        return found

    def _lookup(self, token: str) -> _Found | None:
        with self.store.session() as session:
            found = find_link(session, token)
            if found is None:
                return None
            link, case = found
            assert case.id is not None
            files = tuple(a.filename for a in case_store.attachments_of(session, case.id) if not a.inline)
            return _Found(link=link, case=case, files=files)

    @staticmethod
    def _language(asked: str | None, case: Case) -> str:
        if asked in LANGUAGES:
            return str(asked)
        return case.language if case.language in LANGUAGES else "en"

    def _form(self, case: Case, page: FormPage, status: int) -> web.Response:
        return self._page(self.pages.form(case, page, team=self.config.outbound.from_name), status)

    def _closed(self, case: Case, lang: str) -> web.Response:
        html = self.pages.message(
            lang,
            title=say(lang, "web_closed_title", id=case.id),
            body=(say(lang, "web_closed_body", address=self.config.smtp.addresses[0]),),
            root="../",
            team=self.config.outbound.from_name,
        )
        return self._page(html, 410)

    @property
    def _upload_mb(self) -> str:
        """`[web] max_upload_bytes` in MB, as people read it (25, 0.2)."""
        return f"{self.config.web.max_upload_bytes / _MB:.1f}".removesuffix(".0")

    def _refused(self, status: int, lang: str) -> web.Response:
        key = {403: "web_forbidden", 413: "web_too_large"}.get(status, "web_bad_form")
        return self._message(lang, status, key, "../")

    def _message(self, lang: str, status: int, key: str, root: str) -> web.Response:
        """A page with the texts `<key>_title` and `<key>_body`."""
        html = self.pages.message(
            lang,
            title=say(lang, f"{key}_title"),
            body=(say(lang, f"{key}_body", mb=self._upload_mb),),
            root=root,
            team=self.config.outbound.from_name,
        )
        return self._page(html, status)

    @staticmethod
    def _page(html: str, status: int) -> web.Response:
        return web.Response(
            text=html, status=status, content_type="text/html", charset="utf-8", headers=SECURITY_HEADERS
        )
