"""The per-revision cache of the department-year page: bounded, least recently used out first."""

from __future__ import annotations

from types import SimpleNamespace

from yusuan.web.cache import RevisionCache, cache_of


def test_made_once_per_revision_and_bounded() -> None:
    made: list[int] = []
    cache: RevisionCache[str] = RevisionCache(size=2)

    def make(n: int) -> str:
        made.append(n)
        return f"第{n}版"

    assert cache.get(1, lambda: make(1)) == "第1版"
    assert cache.get(1, lambda: make(1)) == "第1版"
    cache.get(2, lambda: make(2))
    cache.get(1, lambda: make(1))  # 1 is now the most recently used
    cache.get(3, lambda: make(3))  # so 2 goes
    cache.get(1, lambda: make(1))
    cache.get(2, lambda: make(2))
    assert made == [1, 2, 3, 2]


def test_each_application_has_its_own() -> None:
    first, second = SimpleNamespace(), SimpleNamespace()
    one: RevisionCache[str] = cache_of(first, "pages")
    assert cache_of(first, "pages") is one
    assert cache_of(second, "pages") is not one
