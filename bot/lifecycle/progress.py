"""Progress of a long command on stderr: a bar with rate and ETA on a terminal, plain lines otherwise.

A log file or CI output gets a line every `every` seconds instead of a bar redrawn with `\\r`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TextIO

_WIDTH = 28


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


@dataclass
class Progress:
    """Shows how far a job is: `done`/`total` in some unit, and how many items are handled."""

    stream: TextIO
    total: int
    tty: bool
    every: float = 10.0
    started: float = field(default_factory=time.monotonic)
    _last: float = 0.0

    def line(self, done: int, items: int, note: str = "") -> str:
        """One status line: percentage, items, items/s and the estimated time left."""
        elapsed = max(time.monotonic() - self.started, 1e-6)
        fraction = min(done / self.total, 1.0) if self.total else 0.0
        rate = items / elapsed
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else 0.0
        text = f"{fraction:4.0%}  {items:,} messages  {rate:,.0f}/s  ETA {_duration(eta)}"
        if note:
            text += f"  ({note})"
        if self.tty:
            filled = int(_WIDTH * fraction)
            return f"[{'#' * filled}{'.' * (_WIDTH - filled)}] {text}"
        return text

    def update(self, done: int, items: int, note: str = "") -> None:
        """Redraw (terminal, at most ten times a second) or print a line (every `every` seconds)."""
        now = time.monotonic()
        if now - self._last < (0.1 if self.tty else self.every):
            return
        self._last = now
        self._show(self.line(done, items, note))

    def finish(self, done: int, items: int, note: str = "") -> None:
        self._show(self.line(done, items, note))
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def _show(self, text: str) -> None:
        if self.tty:
            self.stream.write(f"\r\x1b[K{text}")
        else:
            self.stream.write(f"import: {text}\n")
        self.stream.flush()
