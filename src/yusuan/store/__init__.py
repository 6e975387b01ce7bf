"""The store: every disclosure read or built, by region, department, year and kind, with revisions."""

from yusuan.store.db import Store

__all__ = ["Store"]
