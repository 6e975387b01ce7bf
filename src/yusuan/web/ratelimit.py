"""Login rate limit: failed sign-ins counted per client address and per username, in this process.

A key (``addr:1.2.3.4`` or ``user:alice``) that has failed ``limit`` times within ``window``
seconds is refused until its oldest counted failure leaves the window. Kept in memory and
bounded: expired failures are dropped as keys are touched, and past ``max_keys`` the stalest
keys go. Several server processes each keep their own count, so the real limit is at most
``limit`` × processes; that is enough to make guessing passwords slow.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable

LIMIT = 5
WINDOW = 15 * 60.0
MAX_KEYS = 10_000


class LoginLimiter:
    """Counts failures per key; ``retry_after`` says how long a key must wait (0: it may try)."""

    def __init__(
        self,
        limit: int = LIMIT,
        window: float = WINDOW,
        *,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # sync endpoints run in a thread pool

    def retry_after(self, keys: Iterable[str]) -> int:
        """Whole seconds until every key may try again; 0 when none is limited."""
        now = self.clock()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._fresh(key, now)
                if len(times) >= self.limit:
                    wait = max(wait, times[0] + self.window - now)
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, keys: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._fresh(key, now)
                times.append(now)
                self._failures[key] = times
            while len(self._failures) > self.max_keys:
                stalest = min(self._failures, key=lambda k: self._failures[k][-1] if self._failures[k] else 0.0)
                del self._failures[stalest]

    def succeeded(self, key: str) -> None:
        """Forget a key's failures (the username's, on a correct password; never the address's)."""
        with self._lock:
            self._failures.pop(key, None)

    def _fresh(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times
