"""Portal accounts: passwords hashed with Argon2id, sessions as random tokens kept only as hashes.

Who may do what (checked here, in one place, and used by the web layer):
- anyone may read;
- ``staff`` upload and delete revisions for their own department only;
- ``reviewer`` upload and delete for any department of their region;
- ``admin`` may do everything and manage accounts.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from yusuan.store.db import Store
from yusuan.store.schema import Account, Department, LoginSession, Region

SESSION_HOURS = 12
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_ROLES = ("admin", "reviewer", "staff")


class AccountError(Exception):
    """A request about accounts that cannot be done; the message says why, in Chinese."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in person, as the web layer needs it (detached from any database session)."""

    id: int
    username: str
    role: str
    region_id: int | None
    department_id: int | None
    csrf: str

    def may_change(self, department: Department) -> bool:
        """May this person upload or delete for the department?"""
        return self.may_change_department(department.id, department.region_id)

    def may_change_department(self, department_id: int, region_id: int) -> bool:
        if self.role == "admin":
            return True
        if self.role == "reviewer":
            return self.region_id is not None and region_id == self.region_id
        return self.department_id is not None and department_id == self.department_id


def add_account(
    store: Store,
    username: str,
    password: str,
    role: str,
    *,
    region: str | None = None,
    department: str | None = None,
) -> int:
    username = username.strip()
    if not username or len(username) > 100:
        raise AccountError("用户名不能为空，且不超过 100 个字符。")
    if role not in _ROLES:
        raise AccountError(f"角色只能是 {'、'.join(_ROLES)}。")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符。")
    with store.session() as session:
        if session.scalar(select(Account).where(Account.username == username)) is not None:
            raise AccountError(f"账号 {username} 已存在。")
        account = Account(username=username, password_hash=_hasher.hash(password), role=role)
        if role == "reviewer":
            if not region:
                raise AccountError("审核人账号须用 --region 指定负责的地区。")
            found_region = session.scalar(select(Region).where(Region.name == region))
            if found_region is None:
                raise AccountError(f"没有名为“{region}”的地区（先导入该地区的文件）。")
            account.region_id = found_region.id
        if role == "staff":
            if not department:
                raise AccountError("部门填报人账号须用 --department 指定所属部门。")
            found = session.scalars(select(Department).where(Department.name == department)).all()
            if len(found) != 1:
                raise AccountError(f"没有名为“{department}”的部门（或有多个同名部门）。")
            account.department_id = found[0].id
            account.region_id = found[0].region_id
        session.add(account)
        session.flush()
        return account.id


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(store: Store, username: str, password: str) -> str | None:
    """A new session token for a correct password, else None (the same for an unknown user)."""
    with store.session() as session:
        account = session.scalar(select(Account).where(Account.username == username))
        if account is None:
            _hasher.hash(password)  # as slow as a real check: no telling which usernames exist
            return None
        try:
            _hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(account.password_hash):
            account.password_hash = _hasher.hash(password)
        token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
        session.add(
            LoginSession(
                token_hash=_digest(token),
                csrf=secrets.token_urlsafe(32),
                account_id=account.id,
                expires_at=now + timedelta(hours=SESSION_HOURS),
            )
        )
        return token


def viewer(store: Store, token: str | None) -> Viewer | None:
    """The person a session token belongs to, if the session is live."""
    if not token:
        return None
    with store.session() as session:
        row = session.execute(
            select(LoginSession, Account)
            .join(Account, Account.id == LoginSession.account_id)
            .where(LoginSession.token_hash == _digest(token))
        ).first()
        if row is None:
            return None
        login, account = row
        expires = login.expires_at if login.expires_at.tzinfo else login.expires_at.replace(tzinfo=UTC)
        if expires < datetime.now(UTC):
            session.delete(login)
            return None
        return Viewer(account.id, account.username, account.role, account.region_id, account.department_id, login.csrf)


def sign_out(store: Store, token: str | None) -> None:
    if token:
        with store.session() as session:
            session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token)))
