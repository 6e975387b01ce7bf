"""Deleting a revision: it is marked deleted, never erased or overwritten, and its filing's current
revision moves to the newest one not deleted (or to none).

Who sees a deleted revision: not the public. Listings, pages, charts and downloads show only
revisions not deleted; a deleted one stays in the store, with who deleted it and when, and is
shown (marked 已删除) to those who may change its department: the department's staff, the
reviewer of its region and administrators (``may_see_deleted``), so a reviewer can still audit
what was withdrawn.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.store.accounts import Viewer
from yusuan.store.db import Store
from yusuan.store.schema import Department, Filing, Revision, now


class Refused(enum.StrEnum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    ALREADY_DELETED = "already_deleted"


@dataclass(frozen=True, slots=True)
class Deleted:
    filing_id: int
    number: int
    current: int | None  # the filing's current revision number afterwards
    department: str
    year: int
    kind: str


def may_see_deleted(who: Viewer | None, department: Department) -> bool:
    """Deleted revisions are shown only to those who may change the department."""
    return who is not None and who.may_change(department)


def delete_revision(store: Store, filing_id: int, number: int, who: Viewer) -> Deleted | Refused:
    """Mark revision ``number`` of a filing deleted by ``who``, in one transaction, if they may."""
    with store.session() as session:
        filing = session.scalar(select(Filing).where(Filing.id == filing_id).with_for_update())
        if filing is None:
            return Refused.NOT_FOUND
        revision = session.scalar(select(Revision).where(Revision.filing_id == filing_id, Revision.number == number))
        if revision is None:
            return Refused.NOT_FOUND
        department = session.get_one(Department, filing.department_id)
        if not who.may_change(department):
            return Refused.FORBIDDEN
        if revision.deleted_at is not None:
            return Refused.ALREADY_DELETED
        revision.deleted_at, revision.deleted_by = now(), who.id
        session.flush()
        current = newest_kept(session, filing_id)
        filing.current_id = current.id if current else None
        return Deleted(
            filing_id, number, current.number if current else None, department.name, filing.year, filing.kind
        )


def newest_kept(session: Session, filing_id: int) -> Revision | None:
    """The filing's newest revision not deleted."""
    return session.scalar(
        select(Revision)
        .where(Revision.filing_id == filing_id, Revision.deleted_at.is_(None))
        .order_by(Revision.number.desc())
        .limit(1)
    )
