"""Requests per key in a sliding minute, counted in this process (one casebot instance's share).

Several instances behind one address each count their own requests: the limit then holds per
instance, which still bounds what one client can make any instance do.
"""

from __future__ import annotations

import collections
import time

WINDOW_SECONDS = 60.0
# Keys kept before the idle ones are dropped: bounds the memory that many distinct clients can take.
_MAX_KEYS = 50_000


class RateLimit:
    """At most `per_minute` requests per key in any 60 seconds; 0 turns the limit off."""

    def __init__(self, per_minute: int, *, max_keys: int = _MAX_KEYS) -> None:
        self.per_minute = per_minute
        self.max_keys = max_keys
        self._seen: dict[str, collections.deque[float]] = {}

    def __len__(self) -> int:
        """How many keys are counted now (bounded by `max_keys`)."""
        return len(self._seen)

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one request for `key`; False when it is over the limit (and then it is not counted)."""
        if not self.per_minute:
            return True
        now = time.monotonic() if now is None else now
        hits = self._seen.get(key)
        if hits is None:
            if len(self._seen) >= self.max_keys:
                self._forget_idle(now)
            hits = self._seen[key] = collections.deque()
        while hits and hits[0] <= now - WINDOW_SECONDS:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        idle = [key for key, hits in self._seen.items() if not hits or hits[-1] <= now - WINDOW_SECONDS]
        for key in idle:
            del self._seen[key]
        if len(self._seen) >= self.max_keys:
            # Every key is busy (a flood of distinct clients): drop the half heard from least recently
            # rather than grow without end.
            by_last = sorted(self._seen, key=lambda key: self._seen[key][-1])
            for key in by_last[: len(by_last) // 2]:
                del self._seen[key]
