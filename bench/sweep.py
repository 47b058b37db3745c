"""Sweep benchmark: one reminder-and-grant sweep over 100,000 cases of which 5% are due.

    python bench/sweep.py [--cases 100000] [--due 0.05] [--url sqlite:///...]

Seeds a fresh store (SQLite in a temporary folder unless --url is given): half of the due cases
are silent drafts owed a reminder, half are closed cases whose grant revocation is pending; the rest
are drafts not yet due, open cases with active grants and closed cases. Then times one run of each
sweep as `casebot serve` runs them (log grant backend: no network), and a second, idle run.
Target: the whole sweep in <= 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, update
from sqlmodel import col

from bot.builders import build_engine
from bot.config import parse_config
from bot.runners.grant_calls import LogBackend
from bot.runners.sweeps import Sweeps
from store.db import open_store
from store.models import Case, LoginGrant

# Tuesday 1 December 2026, 10:00 in Oslo: inside business hours.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def seed(url: str, root: Path, cases: int, due: float) -> tuple[int, int]:
    store = open_store(url, root / "att", migrate=True)
    n_due = int(cases * due)
    n_remind, n_revoke = n_due // 2, n_due - n_due // 2
    rows = []
    grants = []
    for i in range(cases):
        base = {
            "token": f"{i:020x}",
            "subject": f"Sak {i}",
            "description": "Avviksmodulen krasjer når jeg lagrer.",
            "reporter": f"user{i}@acme.no",
            "customer": "Acme AS",
            "instance": "acme.landax.no",
            "language": "nb" if i % 2 else "en",
            "type": "support",
            "priority": "normal",
            "channel": "email",
            "affected_users": [],
            "stated": [],
            "asked": [],
            "reporter_name": "",
            "reminders_sent": 0,
            "created_at": NOW - timedelta(days=3),
            "updated_at": NOW - timedelta(days=3),
        }
        if i < n_remind:  # due for the first reminder
            rows.append(
                base | {"status": "draft", "asked": ["login_allowed"], "asked_at": NOW - timedelta(hours=25)}
            )
        elif i < n_due:  # closed a moment ago: revocation pending
            rows.append(
                base | {"status": "closed", "login_allowed": True, "closed_at": NOW - timedelta(seconds=5)}
            )
            grants.append(
                {
                    "case_id": i + 1,
                    "status": "revoked",
                    "granted_at": NOW - timedelta(days=2),
                    "revoked_at": NOW - timedelta(seconds=5),
                    "revoke_reason": "case-closed:staff",
                    "pending_action": "revoke",
                    "attempts": 0,
                    "next_attempt_at": NOW - timedelta(seconds=5),
                }
            )
        elif i % 3 == 0:  # a draft asked an hour ago: not due
            rows.append(
                base | {"status": "draft", "asked": ["personal_data"], "asked_at": NOW - timedelta(hours=1)}
            )
        elif i % 3 == 1:  # open with an active, confirmed grant
            rows.append(base | {"status": "open", "login_allowed": True})
            grants.append(
                {
                    "case_id": i + 1,
                    "status": "active",
                    "granted_at": NOW - timedelta(days=1),
                    "pending_action": None,
                    "attempts": 1,
                    "next_attempt_at": None,
                }
            )
        else:
            rows.append(base | {"status": "closed", "closed_at": NOW - timedelta(days=30)})
    with store.session() as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(Case), rows[start : start + 5000])
        for start in range(0, len(grants), 5000):
            session.execute(insert(LoginGrant), grants[start : start + 5000])
        # The model's defaults fill in None on a bulk insert: confirmed grants have no call pending.
        session.execute(
            update(LoginGrant)
            .where(col(LoginGrant.status) == "active")
            .values(pending_action=None, next_attempt_at=None)
        )
    store.dispose()
    return n_remind, n_revoke


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=float, default=0.05)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        url = args.url or f"sqlite:///{root / 'casebot.db'}"
        started = time.perf_counter()
        n_remind, n_revoke = seed(url, root, args.cases, args.due)
        print(
            f"seeded {args.cases} cases ({n_remind} reminders due, {n_revoke} revocations due) "
            f"in {time.perf_counter() - started:.1f}s on {url.split(':')[0]}"
        )
        config = parse_config({"smtp": {"addresses": ["support@vendor.example"]}})
        store = open_store(url, root / "att")
        sweeps = Sweeps(store, build_engine(config, store), config, LogBackend())
        for label in ("due", "idle"):
            t0 = time.perf_counter()
            reminded = sweeps.remind(NOW)
            t1 = time.perf_counter()
            sweeps.expire(NOW)
            calls = asyncio.run(sweeps.call_backend(NOW))
            t2 = time.perf_counter()
            print(
                f"{label} sweep: reminders {reminded.reminded} in {t1 - t0:.3f}s, "
                f"grant calls {calls.grant_calls} in {t2 - t1:.3f}s, total {t2 - t0:.3f}s (target <= 1 s)"
            )
        store.dispose()


if __name__ == "__main__":
    main()
