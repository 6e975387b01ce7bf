"""The portal application: ``create_app(store)``."""

from __future__ import annotations

from fastapi import FastAPI

from yusuan import __version__
from yusuan.store.db import Store


def create_app(store: Store) -> FastAPI:
    app = FastAPI(title="yusuan 预算公开门户", version=__version__)
    app.state.store = store
    return app
