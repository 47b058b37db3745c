"""Slack's side for tests and the bench: a local Web API that records calls, and signed requests.

`FakeSlack` is a real HTTP server (in a thread) that answers the Web API methods casebot calls under
`/api/`, serves files for `url_private_download` under `/files/` (Slack's HTML login page without the
bot token), and takes `response_url` posts under `/respond/`. It can be told to fail a method
(`fail_next`) with an error or a 429 and `Retry-After`.

`SlackSender` plays Slack's side of the Events API / interactivity: it signs requests the way Slack
does (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`) and posts them to casebot's `/slack/events`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_TOKEN = "xoxb-test"
SIGNING_SECRET = "test-signing-secret"
LOGIN_PAGE = b"<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>"


@dataclass
class Call:
    """One request casebot made to the fake: the method (or `respond`), its arguments, its token."""

    method: str
    args: dict[str, Any]
    token: str
    at: float = field(default_factory=time.monotonic)
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class SlackUserInfo:
    id: str
    team: str
    locale: str = "en-US"
    email: str = ""
    name: str = ""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # the test output stays readable
        pass

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _args(self, body: bytes) -> dict[str, Any]:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        ctype = self.headers.get("Content-Type", "")
        if body and "json" in ctype:
            query.update(json.loads(body))
        elif body:
            query.update(dict(urllib.parse.parse_qsl(body.decode())))
        return query

    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/files/"):
            self._file(path)
        else:
            self._api(path, b"")

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        body = self._body()
        if path.startswith("/respond/"):
            self.server.fake.record(Call("respond", json.loads(body or b"{}"), ""))
            self._send(200, b"ok", "text/plain")
        else:
            self._api(path, body)

    def _file(self, path: str) -> None:
        fake = self.server.fake
        file_id = path.split("/")[2]
        authorised = self.headers.get("Authorization") == f"Bearer {BOT_TOKEN}"
        stored = fake.files.get(file_id)
        fake.record(Call("file.download", {"id": file_id}, self.headers.get("Authorization", "")))
        if stored is None or not authorised or file_id in fake.login_page_files:
            self._send(200, LOGIN_PAGE, "text/html; charset=utf-8")
            return
        self._send(200, stored[1], stored[0])

    def _api(self, path: str, body: bytes) -> None:
        fake = self.server.fake
        method = path.rsplit("/", 1)[-1]
        args = self._args(body)
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        status, answer, headers = fake.answer(method, args)
        fake.record(Call(method, args, token, result=answer))
        self._send(status, json.dumps(answer).encode(), "application/json; charset=utf-8", headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeSlack) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


class FakeSlack:
    """A local stand-in for the Slack Web API that keeps every call it gets."""

    def __init__(self) -> None:
        self.server = _Server(self)
        self.port = int(self.server.server_address[1])
        self.calls: list[Call] = []
        self.users: dict[str, SlackUserInfo] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.login_page_files: set[str] = set()
        self.lock = threading.Lock()
        self._failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = {}
        self._ts = itertools.count(1)
        #: What was posted, by channel, oldest first: what conversations.history and .replies give back.
        self.posted: dict[str, list[dict[str, Any]]] = {}
        #: Called with each call's method and arguments before it is answered (None: nothing).
        self.on_call: Callable[[str, dict[str, Any]], None] | None = None
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- set-up ------------------------------------------------------------------------------

    def add_user(
        self, user_id: str, team: str, *, locale: str = "en-US", email: str = "", name: str = ""
    ) -> None:
        self.users[user_id] = SlackUserInfo(user_id, team, locale, email, name or user_id)

    def add_file(self, file_id: str, name: str, content_type: str, data: bytes) -> dict[str, Any]:
        """A file shared in Slack; returns the file object Slack puts in payloads."""
        self.files[file_id] = (content_type, data)
        return {
            "id": file_id,
            "name": name,
            "mimetype": content_type,
            "size": len(data),
            "url_private_download": f"{self.base}/files/{file_id}/{urllib.parse.quote(name)}",
        }

    def fail_next(
        self, method: str, *, error: str = "internal_error", status: int = 200, retry_after: int | None = None
    ) -> None:
        """Answer the next call of `method` with an error (status 429 with `retry_after` for a rate limit)."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self.lock:
            self._failures.setdefault(method, []).append((status, {"ok": False, "error": error}, headers))

    # -- answering ---------------------------------------------------------------------------

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def answer(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        reply = self._answer(method, args)
        if self.on_call is not None:
            self.on_call(method, args)  # after the call took effect, before the caller hears of it
        return reply

    def _answer(self, method: str, args: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self.lock:
            queued = self._failures.get(method)
            if queued:
                return queued.pop(0)
        if method == "auth.test":
            return 200, {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "TVENDOR"}, {}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            if user is None:
                return 200, {"ok": False, "error": "user_not_found"}, {}
            info = {
                "id": user.id,
                "team_id": user.team,
                "name": user.id.lower(),
                "real_name": user.name,
                "locale": user.locale,
                "profile": {"email": user.email, "real_name": user.name},
            }
            return 200, {"ok": True, "user": info}, {}
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": f"D{args.get('users')}"}}, {}
        if method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") or f"{1700000000 + next(self._ts)}.000100"
            if method == "chat.postMessage":
                message = {"ts": ts, "text": args.get("text"), "thread_ts": args.get("thread_ts")}
                if args.get("metadata"):
                    message["metadata"] = args["metadata"]
                with self.lock:
                    self.posted.setdefault(str(args.get("channel")), []).append(message)
            return 200, {"ok": True, "channel": args.get("channel"), "ts": ts}, {}
        if method in ("conversations.history", "conversations.replies"):
            with self.lock:
                messages = list(self.posted.get(str(args.get("channel")), []))
            if method == "conversations.replies":
                root = str(args.get("ts"))
                messages = [m for m in messages if m["ts"] == root or m.get("thread_ts") == root]
            else:
                messages = [m for m in messages if not m.get("thread_ts") or m.get("thread_ts") == m["ts"]]
            if not args.get("include_all_metadata"):
                messages = [{k: v for k, v in m.items() if k != "metadata"} for m in messages]
            return 200, {"ok": True, "messages": list(reversed(messages))}, {}
        if method in ("views.open", "views.publish", "views.update"):
            return 200, {"ok": True, "view": {"id": f"V{next(self._ts)}", **(args.get("view") or {})}}, {}
        return 200, {"ok": True}, {}

    # -- looking at what happened ------------------------------------------------------------

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self, method: str, predicate: Any = None, count: int = 1, timeout: float = 20.0
    ) -> list[Call]:
        """The calls of `method` (matching `predicate`) once there are at least `count` of them."""
        deadline = time.monotonic() + timeout
        found: list[Call] = []
        while time.monotonic() < deadline:
            found = [c for c in self.of(method) if predicate is None or predicate(c)]
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {method} call(s), got {len(found)}: {self.of(method)}")


# -- Slack's requests to casebot ------------------------------------------------------------------


def sign(body: bytes, *, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """The headers Slack signs a request with."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + ts.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


@dataclass
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else {}


_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


class SlackSender:
    """Sends casebot what Slack would: slash commands, interactions and events, signed."""

    def __init__(self, casebot_port: int, fake: FakeSlack, command: str = "/case") -> None:
        self.url = f"http://127.0.0.1:{casebot_port}/slack/events"
        self.fake = fake
        self.command_name = command

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        retry: int | None = None,
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
    ) -> Response:
        headers = {"Content-Type": content_type, **sign(body, timestamp=timestamp, secret=secret)}
        if retry is not None:
            headers["X-Slack-Retry-Num"] = str(retry)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return Response(answer.status, answer.read())
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read())

    def command_body(self, user: str, team: str, text: str, *, trigger_id: str | None = None) -> bytes:
        return urllib.parse.urlencode(
            {
                "command": self.command_name,
                "text": text,
                "user_id": user,
                "user_name": user.lower(),
                "team_id": team,
                "channel_id": f"C{user}",
                "trigger_id": trigger_id or new_id("trig-"),
                "response_url": f"{self.fake.base}/respond/{new_id('r')}",
            }
        ).encode()

    def command(self, user: str, team: str, text: str = "", **kwargs: Any) -> Response:
        return self.post(self.command_body(user, team, text), "application/x-www-form-urlencoded", **kwargs)

    def interaction(self, payload: dict[str, Any], **kwargs: Any) -> Response:
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def event(
        self, team: str, event: dict[str, Any], *, event_id: str | None = None, **kwargs: Any
    ) -> Response:
        body = json.dumps(
            {
                "type": "event_callback",
                "team_id": team,
                "api_app_id": "ACASEBOT",
                "event": event,
                "event_id": event_id or new_id("Ev"),
                "event_time": int(time.time()),
            }
        ).encode()
        return self.post(body, "application/json", **kwargs)


def submission(
    user: str, team: str, opened_view: dict[str, Any], values: dict[str, Any], *, view_id: str | None = None
) -> dict[str, Any]:
    """A view_submission of the modal casebot opened, with `values` filled in (see `form_values`)."""
    return {
        "type": "view_submission",
        "team": {"id": team},
        "user": {"id": user, "team_id": team},
        "api_app_id": "ACASEBOT",
        "trigger_id": new_id("trig-"),
        "view": {
            "id": view_id or new_id("V"),
            "type": "modal",
            "callback_id": opened_view["callback_id"],
            "private_metadata": opened_view.get("private_metadata", ""),
            "hash": new_id("h"),
            "state": {"values": values},
        },
    }


def form_values(
    *,
    subject: str,
    description: str,
    type: str = "support",
    priority: str = "normal",
    choices: dict[str, str] | None = None,
    texts: dict[str, str] | None = None,
    observed_on: str | None = None,
    files: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The modal's state as Slack reports it: `choices` for selects/radios, `texts` for text inputs."""

    def option(value: str) -> dict[str, Any]:
        return {"type": "static_select", "selected_option": {"value": value, "text": {"type": "plain_text"}}}

    values: dict[str, Any] = {
        "type": {"value": option(type)},
        "priority": {"value": option(priority)},
        "subject": {"value": {"type": "plain_text_input", "value": subject}},
        "description": {"value": {"type": "plain_text_input", "value": description}},
    }
    for name, value in (choices or {}).items():
        values[name] = {"value": option(value)}
    for name, value in (texts or {}).items():
        values[name] = {"value": {"type": "plain_text_input", "value": value}}
    if observed_on is not None:
        values["observed_on"] = {"value": {"type": "datepicker", "selected_date": observed_on}}
    if files is not None:
        values["files"] = {"value": {"type": "file_input", "files": files}}
    return values


def click(user: str, team: str, posted: Call, field: str, answer: bool, *, fake: FakeSlack) -> dict[str, Any]:
    """A block_actions payload: `user` clicks the yes (or no) button for `field` in a posted message."""
    for block in posted.args.get("blocks") or []:
        if block.get("type") == "actions" and block.get("block_id", "").endswith(f":{field}"):
            button = block["elements"][0 if answer else 1]
            break
    else:
        raise AssertionError(f"no buttons for {field} in the message")
    return {
        "type": "block_actions",
        "team": {"id": team},
        "user": {"id": user, "team_id": team},
        "api_app_id": "ACASEBOT",
        "trigger_id": new_id("trig-"),
        "response_url": f"{fake.base}/respond/{new_id('r')}",
        "channel": {"id": posted.args.get("channel")},
        "container": {"type": "message", "message_ts": "1.1"},
        "message": {
            "ts": "1700000000.000001",
            "text": posted.args.get("text"),
            "blocks": posted.args.get("blocks"),
        },
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": block["block_id"],
                "value": button["value"],
                "action_ts": str(time.time()),
            }
        ],
    }


def staff_click(user: str, team: str, posted: Call, action_id: str, response_url: str) -> dict[str, Any]:
    """A block_actions payload: `user` clicks a staff button (show, close) under a channel post."""
    for block in posted.args.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return {
                    "type": "block_actions",
                    "team": {"id": team},
                    "user": {"id": user, "team_id": team},
                    "trigger_id": new_id("trig-"),
                    "response_url": response_url,
                    "channel": {"id": posted.args.get("channel")},
                    "message": {"ts": "1700000000.000002", "blocks": posted.args.get("blocks")},
                    "actions": [
                        {
                            "type": "button",
                            "action_id": action_id,
                            "block_id": block["block_id"],
                            "value": element["value"],
                        }
                    ],
                }
    raise AssertionError(f"no {action_id} button in the post")
