"""`yusuan serve` as an operator runs it: stopped with SIGTERM, it leaves no process behind.

An upload is read and audited in a pool of worker processes (web/worker.py). uvicorn ends the
server by re-raising the signal that stopped it, so no exit handler runs: unless the app ends the
pool as it shuts down, the workers outlive the server.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from tests.conftest import REFERENCE, ROOT
from tests.live import signed_in, start, stop
from yusuan.store.accounts import add_account
from yusuan.store.db import Store

PASSWORD = "一个足够长的密码123"


def test_stopping_the_server_ends_its_upload_workers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    store = Store(url)
    try:
        add_account(store, "admin", PASSWORD, "admin")
    finally:
        store.close()
    server, base = start(url, ROOT)
    try:
        client, token = signed_in(base, "admin", PASSWORD)
        with contextlib.closing(client):
            files = {"file": (REFERENCE.name, REFERENCE.read_bytes())}
            response = client.post("/api/uploads", files=files, headers={"X-CSRF-Token": token})
        assert response.status_code == 201, response.text
        assert (response.json()["department"], response.json()["errors"]) == ("埇桥区人民政府办公室", 4)
    finally:
        ended = stop(server)
    assert ended, "processes the server started were still running after it stopped"
