"""Import benchmark: a generated support mailbox through `casebot import`'s pipeline into fresh SQLite.

Generates an mbox of realistic small support mails (Norwegian and English, about 6% with a PDF or
PNG attachment, about a quarter replies that thread to an earlier message, a few auto-replies),
imports it in a fresh process into a fresh SQLite store with no replies, and prints the rate, the
CPU time per message and the peak memory. The same is done for the first 2,000 messages of the
mailbox: if the import holds nothing per message, the peak after 10,000 is no higher than after 2,000.

    python bench/import_mbox.py [--messages 10000] [--small 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CUSTOMERS = [("acme.no", "nb"), ("globex.com", "en"), ("initech.no", "nb"), ("umbrella.com", "en")]
NAMES = ["kari", "ola", "per", "ingrid", "john", "mary", "lars", "anne", "erik", "sofia"]
SUBJECTS = {
    "nb": [
        "Avvik lagres ikke",
        "Rapporten er tom",
        "Kan ikke logge inn",
        "Eksport til Excel feiler",
        "Ny lisens",
    ],
    "en": ["Deviation not saved", "Report is empty", "Cannot log in", "Export to Excel fails", "New licence"],
}
BODIES = {
    "nb": (
        "Hei,\n\nNår jeg lagrer et avvik i avviksmodulen får jeg en feilmelding. "
        "Det skjer hver gang, i Chrome 131, for alle brukere siden i går.\n\n"
        "Innlogging: ja. Personopplysninger: nei.\n\nMvh\n{name}\n"
    ),
    "en": (
        "Hello,\n\nThe report for {record} shows no rows although there is data. It happens every time, "
        "in Edge, for several users since Monday.\n\nLogin: yes. Personal data: no.\n\n"
        "Best regards,\n{name}\n"
    ),
}
REPLIES = {
    "nb": "Det gjelder brukerne {name} og per. Bruker-ID {record}.",
    "en": "It affects users {name} and per.",
}


def vm_hwm_kb() -> int:
    """Peak resident memory of this process (Linux /proc; ru_maxrss elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def generate(path: Path, count: int, seed: int = 8) -> dict[str, int]:
    """Write `count` messages to an mbox at `path`, one at a time; returns what kinds it wrote."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    originals: list[tuple[str, str, str, str]] = []  # (message-id, sender, subject, lang), a bounded window
    kinds = {"new": 0, "reply": 0, "attachment": 0, "auto": 0}
    with path.open("wb") as out:
        for i in range(count):
            when = start + timedelta(minutes=7 * i)
            message = EmailMessage()
            roll = rng.random()
            if originals and roll < 0.25:
                parent_id, sender, subject, lang = rng.choice(originals)
                message["Subject"] = f"Re: {subject}"
                message["In-Reply-To"] = parent_id
                message["References"] = parent_id
                body = REPLIES[lang].format(name=sender.partition("@")[0], record=1000 + i)
                kinds["reply"] += 1
            else:
                domain, lang = rng.choice(CUSTOMERS)
                sender = f"{rng.choice(NAMES)}{rng.randrange(40)}@{domain}"
                subject = f"{rng.choice(SUBJECTS[lang])} ({i})"
                message["Subject"] = subject
                body = BODIES[lang].format(name=sender.partition("@")[0].title(), record=f"R-{i}")
                kinds["new"] += 1
            if roll > 0.97:
                message["Auto-Submitted"] = "auto-replied"
                kinds["auto"] += 1
            message["From"] = sender
            message["To"] = "support@vendor.example"
            message["Date"] = format_datetime(when)
            message_id = f"<bench-{i}@{sender.partition('@')[2]}>"
            message["Message-ID"] = message_id
            message.set_content(body)
            if 0.90 < roll <= 0.96:
                size = rng.randrange(20_000, 200_000)
                data = rng.randbytes(size)
                if rng.random() < 0.5:
                    message.add_attachment(
                        data, maintype="application", subtype="pdf", filename=f"rapport-{i}.pdf"
                    )
                else:
                    message.add_attachment(data, maintype="image", subtype="png", filename=f"skjerm-{i}.png")
                kinds["attachment"] += 1
            if "In-Reply-To" not in message:
                originals.append((message_id, sender, subject, lang))
                if len(originals) > 500:
                    originals.pop(0)
            raw = message.as_bytes().replace(b"\nFrom ", b"\n>From ")
            out.write(f"From {sender} {when.strftime('%a %b %d %H:%M:%S %Y')}\n".encode() + raw + b"\n")
    return kinds


def child(mbox: Path, root: Path) -> None:
    """Import one mailbox into a fresh store in this process, and print what it cost as JSON."""
    sys.path.insert(0, str(ROOT))
    from bot.config import parse_config
    from bot.lifecycle.importer import import_mailbox
    from store.db import open_store

    config = parse_config(
        {
            "smtp": {"addresses": ["support@vendor.example"]},
            "store": {"url": f"sqlite:///{root / 'casebot.db'}", "attachments_dir": str(root / "att")},
            "customers": [
                {"name": "Acme AS", "domains": ["acme.no"]},
                {"name": "Globex Ltd", "domains": ["globex.com"]},
                {"name": "Initech AS", "domains": ["initech.no"]},
                {"name": "Umbrella Corp", "domains": ["umbrella.com"]},
            ],
        }
    )
    store = open_store(config.store.url, config.store.attachments_dir, migrate=True)
    before = vm_hwm_kb()
    cpu = time.process_time()
    with open("/dev/null", "w") as quiet:
        summary = import_mailbox(store, config, mbox, stream=quiet, tty=False)
    result = summary.as_dict() | {
        "cpu_seconds": time.process_time() - cpu,
        "peak_kb": vm_hwm_kb(),
        "baseline_kb": before,
        "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(result))


def run_child(mbox: Path, root: Path) -> dict[str, object]:
    root.mkdir(parents=True, exist_ok=True)
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(mbox), str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(output.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--keep", help="write the mailboxes and stores here instead of a temporary folder")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="casebot-import-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = {}
        for count in (args.small, args.messages):
            mbox = work / f"support-{count}.mbox"
            started = time.monotonic()
            kinds = generate(mbox, count)
            print(
                f"generated {count:,} messages ({mbox.stat().st_size / 1e6:.1f} MB) in "
                f"{time.monotonic() - started:.1f}s: {kinds}"
            )
            results[count] = result = run_child(mbox, work / f"store-{count}")
            skipped = result["skipped"]
            assert isinstance(skipped, dict)
            print(
                f"  imported {result['messages']:,} in {result['seconds']:.1f}s "
                f"= {result['rate']:.0f} messages/s; "
                f"cases {result['cases_created']:,}, follow-ups {result['follow_ups']:,}, "
                f"skipped {sum(skipped.values()):,}, failed {result['failed']}"
            )
            cpu_ms = float(result["cpu_seconds"]) * 1000 / max(1, int(result["messages"]))  # type: ignore[arg-type, call-overload]
            print(f"  CPU {cpu_ms:.2f} ms per message (this process, start-up and store opening excluded)")
            print(
                f"  peak memory (VmHWM) {int(result['peak_kb']) / 1024:.1f} MB "  # type: ignore[call-overload]
                f"(after start-up {int(result['baseline_kb']) / 1024:.1f} MB; "  # type: ignore[call-overload]
                f"ru_maxrss {int(result['ru_maxrss_kb']) / 1024:.1f} MB)"  # type: ignore[call-overload]
            )
        small, large = results[args.small], results[args.messages]
        growth = (int(large["peak_kb"]) - int(small["peak_kb"])) / 1024  # type: ignore[call-overload]
        print(
            f"peak after {args.messages:,} vs {args.small:,} messages: {growth:+.1f} MB "
            f"({'flat' if abs(growth) < 10 else 'GROWS'})"
        )


if __name__ == "__main__":
    main()
