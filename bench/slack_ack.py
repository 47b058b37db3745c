"""Slack acknowledgement benchmark: how fast `casebot serve` answers Slack's HTTP requests.

Starts casebot with Slack on, pointed at the local fake Web API (`tests/bot/slack/fake_slack.py`),
then sends correctly signed requests in bursts of `--concurrency` at once: slash commands that open
the modal (`/case`), slash commands that create a case from text (`/case ny …`, stored durably before
the answer) and modal submissions (stored durably before the answer). Prints p50/p99 time to the
HTTP answer per kind (after one uncounted warm-up burst per kind), and how many of the stored
requests became cases. On the SQLite store a durable answer waits for the inbox's group commit, which
shares SQLite's one writer with the worker turning earlier requests into cases.

    python bench/slack_ack.py [--rounds 10] [--concurrency 20] [--postgres]

`--postgres` runs on a fresh database of the test PostgreSQL server (CASEBOT_TEST_PG_URL) instead
of the embedded SQLite store.

Target: p99 <= 200 ms for every kind (Slack gives up after 3 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bot.slack.conftest import ACME_TEAM, slack_setup  # noqa: E402
from tests.bot.slack.fake_slack import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    FakeSlack,
    SlackSender,
    form_values,
    new_id,
    sign,
    submission,
)
from tests.conftest import drop_pg_database, make_pg_database  # noqa: E402
from tests.harness import CasebotProcess, Setup, SmtpSink, cli_json  # noqa: E402

TARGET_P99_MS = 200.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def timed_post(http: aiohttp.ClientSession, url: str, body: bytes, content_type: str) -> float:
    """Post one signed request; returns seconds to the full answer (which must be 200)."""
    headers = {"Content-Type": content_type, **sign(body)}
    started = time.perf_counter()
    async with http.post(url, data=body, headers=headers) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(f"casebot answered {response.status}")
    return time.perf_counter() - started


def bodies(kind: str, sender: SlackSender, view: dict[str, object], count: int) -> list[bytes]:
    """`count` distinct requests of one kind (distinct trigger and view ids, as Slack sends them)."""
    out: list[bytes] = []
    for i in range(count):
        if kind == "command-modal":
            out.append(sender.command_body("UKARI", ACME_TEAM, ""))
        elif kind == "command-new":
            out.append(sender.command_body("UKARI", ACME_TEAM, f"ny Rapport {i} viser feil tall i avvik"))
        else:
            values = form_values(subject=f"Sak {i}", description=f"Lagring feiler for avvik {i}.")
            payload = submission("UKARI", ACME_TEAM, view, values, view_id=new_id("VBENCH"))
            out.append(urllib.parse.urlencode({"payload": json.dumps(payload)}).encode())
    return out


async def drive(url: str, requests: list[bytes], concurrency: int) -> list[float]:
    """Send the requests in bursts of `concurrency` at once; returns each one's time to answer."""
    latencies: list[float] = []
    ctype = "application/x-www-form-urlencoded"
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:
        for start in range(0, len(requests), concurrency):
            burst = requests[start : start + concurrency]
            latencies += await asyncio.gather(*(timed_post(http, url, body, ctype) for body in burst))
    return latencies


def cases_made(setup: Setup) -> int:
    """How many cases the store holds, asked through the CLI like any operator would."""
    return len(cli_json(setup, "cases", "list"))


def run(args: argparse.Namespace) -> int:
    fake = FakeSlack().start()
    sink = SmtpSink().start()
    with tempfile.TemporaryDirectory(prefix="casebot-slack-bench-") as tmp:
        root = Path(tmp)
        store_url = make_pg_database() if args.postgres else f"sqlite:///{root}/data/casebot.db"
        setup = slack_setup(Setup(root=root, store_url=store_url, sink_port=sink.port), fake)
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
        casebot = CasebotProcess(setup, env=env).start()
        sender = SlackSender(setup.http_port, fake)
        try:
            # One modal opened the ordinary way: its view is what the submissions answer.
            sender.command("UKARI", ACME_TEAM, "")
            view = fake.wait_for("views.open")[0].args["view"]
            count = args.rounds * args.concurrency
            results: dict[str, list[float]] = {}
            for kind in ("command-modal", "command-new", "view-submission"):
                # One burst first, not counted: the first request of a kind meets cold caches.
                asyncio.run(drive(sender.url, bodies(kind, sender, view, args.concurrency), args.concurrency))
                requests = bodies(kind, sender, view, count)
                results[kind] = asyncio.run(drive(sender.url, requests, args.concurrency))
            stored = 2 * (count + args.concurrency)
            deadline = time.monotonic() + 120
            while cases_made(setup) < stored and time.monotonic() < deadline:
                time.sleep(0.5)
            made = cases_made(setup)
        finally:
            casebot.stop()
            sink.stop()
            fake.stop()
            if args.postgres:
                drop_pg_database(store_url)

    store = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{count} requests per kind, {args.concurrency} at once, {store} store; time to acknowledge:")
    print(f"{'kind':<16} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    worst = 0.0
    for kind, values in results.items():
        p50, p99 = percentile(values, 50) * 1000, percentile(values, 99) * 1000
        worst = max(worst, p99)
        print(f"{kind:<16} {p50:>8.1f} {p99:>8.1f} {max(values) * 1000:>8.1f}")
    print(f"stored requests that became cases: {made}/{stored}")
    verdict = "met" if worst <= TARGET_P99_MS else "MISSED"
    print(f"target p99 <= {TARGET_P99_MS:.0f} ms: {verdict}")
    return 0 if worst <= TARGET_P99_MS and made == stored else 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10, help="bursts per kind")
    parser.add_argument("--concurrency", type=int, default=20, help="requests sent at once")
    parser.add_argument("--postgres", action="store_true", help="use the test PostgreSQL server")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
