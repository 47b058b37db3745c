"""Seconds to parse, clean and extract pathological mail: the shapes that took other helpdesks minutes.

Run: `python bench/pathological.py [--mb 10]`. Each input is about `--mb` megabytes; the goal is under
2 s for 10 MB on one core, and time that grows in proportion to size (the 1/4-size line shows it).

Shapes: HTML with 20,000 links (and more when bigger), HTML of nested tables, a body of mostly
whitespace, a body of mostly blank lines, one 10 MB line, a quoted thread of many levels, lines
that look like reply headers, a base64 text part.
"""

from __future__ import annotations

import argparse
import base64
import sys
import time
from collections.abc import Callable
from email.message import EmailMessage

from parsers.clean import clean_description
from parsers.extract import extract_fields
from parsers.message import parse_message


def _mail(body: str, subtype: str = "plain", *, cte: str = "8bit") -> bytes:
    message = EmailMessage()
    message["From"] = "Kari Nordmann <kari@fjord-test.no>"
    message["To"] = "support@example.com"
    message["Subject"] = "Rapporten er tom"
    message["Date"] = "Fri, 27 Nov 2026 10:00:00 +0100"
    message["Message-ID"] = "<bench@fjord-test.no>"
    message.set_content(body, subtype=subtype, charset="utf-8", cte=cte)
    return message.as_bytes()


def _fill(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def inputs(size: int) -> dict[str, Callable[[], bytes]]:
    """The pathological messages of about `size` bytes, each built when asked for."""
    link = '<a href="https://example.com/sak/{0}">Lenke {0}</a> '
    links = max(20_000, size // 60)
    return {
        "html, links": lambda: _mail(
            "<html><body>" + "".join(link.format(i) for i in range(links)) + "</body></html>", "html"
        ),
        "html, nested tables": lambda: _mail(
            _fill("<table><tr><td>", size // 2) + "Feil" + _fill("</td></tr></table>", size // 2), "html"
        ),
        "html, mostly whitespace": lambda: _mail("<p>Hei</p>" + _fill(" \t\n", size) + "<p>Feil</p>", "html"),
        "text, mostly whitespace": lambda: _mail("Hei,\n" + _fill(" \t ", size) + "\nRapporten er tom.\n"),
        "text, blank lines": lambda: _mail("Hei,\n" + _fill("\n \n", size) + "Rapporten er tom.\n"),
        "text, one long line": lambda: _mail(_fill("aaaa ", size), cte="base64"),
        "text, quoted thread": lambda: _mail(
            "Svar.\n" + _fill("> > > > > > > > > > Det virker ikke. Hvilken nettleser?\n", size)
        ),
        "text, header-like lines": lambda: _mail(
            _fill("On Mon, 2 Nov 2026 at 09:00, Kari <kari@fjord-test.no> wrote\nFra: x\n", size)
        ),
        "text, digits and colons": lambda: _mail(_fill("12:30 2026-11-27 +47 912 34 567: ", size)),
        "text, base64 part": lambda: _mail(base64.b64encode(b"\x00" * (size * 3 // 4)).decode("ascii")),
    }


def pipeline(raw: bytes) -> None:
    """What the app does with one message before the engine: parse, clean, extract."""
    parsed = parse_message(raw)
    extract_fields(clean_description(parsed.text), subject=parsed.subject, sent_at=parsed.date)


def seconds(raw: bytes) -> float:
    start = time.process_time()
    pipeline(raw)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of each input in megabytes")
    args = parser.parse_args(argv)
    size = int(args.mb * 1024 * 1024)
    print(f"{'input':<26}{'MB':>6}{'seconds':>9}{'1/4 size':>10}  (CPU seconds, parse + clean + extract)")
    worst = 0.0
    for name, build in inputs(size).items():
        raw, quarter = build(), inputs(size // 4)[name]()
        took, took_quarter = seconds(raw), seconds(quarter)
        worst = max(worst, took)
        print(f"{name:<26}{len(raw) / 1024 / 1024:>6.1f}{took:>9.2f}{took_quarter:>10.2f}")
    print(f"slowest: {worst:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
