"""The portal's caches: bounded, least recently used out first, and made again when the state a
value was made from has changed."""

from __future__ import annotations

from types import SimpleNamespace

from yusuan.web.cache import Cache, cache_of


def test_made_once_per_revision_and_bounded() -> None:
    made: list[int] = []
    cache: Cache[str] = Cache(size=2)

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


def test_made_again_when_its_version_differs() -> None:
    made: list[str] = []
    cache: Cache[str] = Cache()

    def make(text: str) -> str:
        made.append(text)
        return text

    assert cache.get((7, 2023, "预算"), lambda: make("一份"), version=(1, 0)) == "一份"
    assert cache.get((7, 2023, "预算"), lambda: make("不会做"), version=(1, 0)) == "一份"
    assert cache.get((7, 2023, "预算"), lambda: make("两份"), version=(2, 0)) == "两份"
    assert cache.get((7, 2023, "预算"), lambda: make("删了一份"), version=(2, 1)) == "删了一份"
    assert made == ["一份", "两份", "删了一份"]


def test_each_application_has_its_own() -> None:
    first, second = SimpleNamespace(), SimpleNamespace()
    one: Cache[str] = cache_of(first, "pages")
    assert cache_of(first, "pages") is one
    assert cache_of(second, "pages") is not one
