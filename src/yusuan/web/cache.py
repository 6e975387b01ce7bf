"""What a revision's page shows of its document, made once per revision and kept.

A revision is never changed once written (a new upload is a new revision), so what is derived
from its document and audit alone can be kept without ever being stale. The cache belongs to
the application (each app and store has its own: revision ids of two stores are unrelated),
holds a bounded number of revisions, and is safe across the server's worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

_V = TypeVar("_V")


class RevisionCache(Generic[_V]):
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[int, _V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, revision_id: int, make: Callable[[], _V]) -> _V:
        with self._lock:
            if revision_id in self._items:
                self._items.move_to_end(revision_id)
                return self._items[revision_id]
        value = make()  # outside the lock: two threads may make the same value once each, harmlessly
        with self._lock:
            self._items[revision_id] = value
            self._items.move_to_end(revision_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_made = threading.Lock()


def cache_of(state: object, name: str, size: int = 256) -> RevisionCache[_V]:
    """The application's cache called ``name`` (on ``app.state``), made on first use."""
    with _made:
        cache = getattr(state, name, None)
        if cache is None:
            cache = RevisionCache(size)
            setattr(state, name, cache)
    return cache
