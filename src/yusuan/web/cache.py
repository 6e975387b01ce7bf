"""Values the portal makes once and keeps: a revision's part of its page, a region's roll-up.

A revision is never changed once written (a new upload is a new revision), so what is derived
from its document and audit alone is kept without ever being stale. A region's roll-up changes
when one of its filings does, so it is kept with the state it was made from (``version``) and
made again when the state read now differs. Each cache belongs to the application (each app and
store has its own: ids of two stores are unrelated), holds a bounded number of values, least
recently used out first, and is safe across the server's worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")


class Cache(Generic[_V]):
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, _V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], _V], version: Hashable = None) -> _V:
        """The value kept for ``key`` if it was made at ``version``, else ``make()``, kept."""
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] == version:
                self._items.move_to_end(key)
                return kept[1]
        value = make()  # outside the lock: two threads may make the same value once each, harmlessly
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_made = threading.Lock()


def cache_of(state: object, name: str, size: int = 256) -> Cache[_V]:
    """The application's cache called ``name`` (on ``app.state``), made on first use."""
    with _made:
        cache = getattr(state, name, None)
        if cache is None:
            cache = Cache(size)
            setattr(state, name, cache)
    return cache
