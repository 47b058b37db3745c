"""The HTTP side of `casebot serve`, as two apps on two listeners.

The public app answers the outside world: Slack's `/slack/events` when Slack is on, and the web
form's routes (`bot.web`). The admin app answers operators and their monitoring: `/healthz` and
`/metrics`, on `[http] admin_host:admin_port` (127.0.0.1 by default), so that neither the store's
state nor the counters are published to whoever can reach the Slack endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot import metrics
from store import stats
from store.db import Store
from store.models import CaseStatus, utcnow

Check = Callable[[], tuple[bool, str]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Health:
    """What `/healthz` checks besides the store: each part reports (ok, reason)."""

    checks: dict[str, Check] = field(default_factory=dict)


def _store_ok(store: Store) -> tuple[bool, str]:
    """The store answers and takes a write, and the attachments folder takes a file."""
    try:
        store.check_writable()
        return True, "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy, reported with its name
        return False, f"store not writable: {type(exc).__name__}"


def _refresh_gauges(store: Store) -> None:
    counts = stats.counts(store)
    for status in CaseStatus:
        metrics.cases_by_status.labels(status=status.value).set(counts.cases.get(status, 0))
    metrics.messages_quarantined.set(counts.quarantined)
    metrics.grants_active.set(counts.grants_active)
    metrics.grant_calls_pending.set(counts.grant_calls_pending)
    metrics.grant_calls_failing.set(counts.grant_calls_failing)
    metrics.outbox_depth.set(counts.outbox_depth)
    oldest = counts.outbox_oldest
    metrics.outbox_oldest_age.set((utcnow() - oldest).total_seconds() if oldest else 0)


def make_public_app(
    slack_handler: Handler | None = None, routes: Sequence[web.RouteDef] = ()
) -> web.Application:
    """The routes the outside world calls: `/slack/events` when Slack is on, and `routes` (the web form)."""
    # client_max_size bounds bodies read whole (Slack's); the web form reads its posts as a stream
    # and bounds them itself ([web] max_upload_bytes).
    app = web.Application(client_max_size=8 * 1024 * 1024)
    if slack_handler is not None:
        app.router.add_post("/slack/events", slack_handler)
    app.router.add_routes(routes)
    return app


def make_admin_app(store: Store, health: Health) -> web.Application:
    """`/healthz` (200 when the store takes writes and every part reports ok, else 503 with the reasons)
    and `/metrics` (Prometheus text)."""
    app = web.Application()

    async def healthz(request: web.Request) -> web.Response:
        results = {"store": await asyncio.to_thread(_store_ok, store)}
        results.update({name: check() for name, check in health.checks.items()})
        failing = {name: reason for name, (ok, reason) in results.items() if not ok}
        body = {
            "status": "ok" if not failing else "unhealthy",
            "checks": {n: r for n, (_, r) in results.items()},
        }
        return web.json_response(body, status=503 if failing else 200)

    async def metrics_view(request: web.Request) -> web.Response:
        # A store outage must not hide the counters: serve them with the gauges as they were.
        with contextlib.suppress(Exception):
            await asyncio.to_thread(_refresh_gauges, store)
        data = generate_latest(metrics.registry)
        return web.Response(body=data, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics_view)
    return app
