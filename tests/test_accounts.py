"""``yusuan user add`` through ``yusuan.cli.main``: the password from stdin or $YUSUAN_PASSWORD,
stored as an Argon2id hash; refusals in Chinese with exit status 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import REFERENCE
from yusuan.cli import main
from yusuan.store.accounts import sign_in, viewer
from yusuan.store.db import Store
from yusuan.store.schema import Account, Department

PASSWORD = "correct horse battery"


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A SQLite store holding the reference document (埇桥区人民政府办公室, region 埇桥区)."""
    url = f"sqlite:///{tmp_path / 'yusuan.sqlite3'}"
    assert main(["ingest", str(REFERENCE), "--database", url]) == 0
    capsys.readouterr()
    return url


def add(url: str, *args: str) -> int:
    return main(["user", "add", *args, "--database", url])


def test_add_staff_with_password_on_stdin(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert add(database, "zhang", "--role", "staff", "--department", "埇桥区人民政府办公室", "--password-stdin") == 0
    assert "已添加账号 zhang（staff）" in capsys.readouterr().out
    store = Store(database)
    try:
        with store.session() as session:
            account = session.scalars(select(Account).where(Account.username == "zhang")).one()
            department = session.get_one(Department, account.department_id)
            assert department.name == "埇桥区人民政府办公室" and account.region_id == department.region_id
            assert account.password_hash.startswith("$argon2id$") and PASSWORD not in account.password_hash
        token = sign_in(store, "zhang", PASSWORD)
        who = viewer(store, token)
        assert who is not None and who.role == "staff" and sign_in(store, "zhang", "wrong password") is None
    finally:
        store.close()


def test_add_admin_and_reviewer_with_password_from_the_environment(
    database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("YUSUAN_PASSWORD", PASSWORD)
    assert add(database, "root", "--role", "admin") == 0
    assert add(database, "li", "--role", "reviewer", "--region", "埇桥区") == 0
    store = Store(database)
    try:
        assert viewer(store, sign_in(store, "root", PASSWORD)) is not None
        who = viewer(store, sign_in(store, "li", PASSWORD))
        assert who is not None and who.role == "reviewer" and who.region_id is not None
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["wang", "--role", "staff", "--department", "不存在的部门"], PASSWORD, "没有名为“不存在的部门”的部门"),
        (["wang", "--role", "staff"], PASSWORD, "须用 --department 指定所属部门"),
        (["wang", "--role", "reviewer", "--region", "火星"], PASSWORD, "没有名为“火星”的地区"),
        (["wang", "--role", "admin"], "short", "密码至少 10 个字符"),
        (["dup", "--role", "admin"], PASSWORD, "账号 dup 已存在"),
    ],
)
def test_refusals_are_in_chinese(
    database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    password: str,
    message: str,
) -> None:
    monkeypatch.setenv("YUSUAN_PASSWORD", PASSWORD)
    assert add(database, "dup", "--role", "admin") == 0
    capsys.readouterr()
    monkeypatch.setenv("YUSUAN_PASSWORD", password)
    assert add(database, *args) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err and captured.out == ""
