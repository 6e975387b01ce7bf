"""A revision's rendering, kept beside it: what the department-year page and its JSON twin show of
the revision alone (``web.part`` makes it), so that a page's first view reads it instead of
parsing the document and placing the findings again.

A cache, not the record: it can always be made again from the revision, and it carries the
version of the code that made it, so the portal renders afresh whatever an older version left.
Saving is an upsert; two processes saving the same revision at once is harmless (the same text).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from yusuan.store.db import Store
from yusuan.store.schema import Rendering, Revision

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stored:
    version: str
    title: str
    audit: str  # JSON
    findings: str  # JSON
    tables: str  # HTML
    rest: str  # HTML


@dataclass(frozen=True, slots=True)
class Source:
    """What a rendering is made from: the revision's document and audit as stored, and where it is filed."""

    revision_id: int
    filing_id: int
    number: int
    unit: str
    document: str  # JSON
    report: str  # JSON


def load(store: Store, revision_id: int) -> Stored | None:
    with store.session() as session:
        row = session.get(Rendering, revision_id)
        if row is None:
            return None
        return Stored(row.version, row.title, row.audit, row.findings, row.tables, row.rest)


def save(store: Store, revision_id: int, rendering: Stored, *, best_effort: bool = False) -> bool:
    """Keep ``rendering`` for the revision, replacing an older one. ``best_effort``: when the
    database stays locked (a long ingest writing), give up and say so rather than fail: the
    rendering is only a copy, made again on the next view. Returns whether it was kept."""
    fields = {
        "version": rendering.version,
        "title": rendering.title,
        "audit": rendering.audit,
        "findings": rendering.findings,
        "tables": rendering.tables,
        "rest": rendering.rest,
    }
    try:
        with store.session() as session:
            row = session.get(Rendering, revision_id)
            if row is None:
                session.add(Rendering(revision_id=revision_id, **fields))
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
    except IntegrityError:
        pass  # another process saved the same revision's rendering at the same moment
    except OperationalError as exc:
        if not best_effort:
            raise
        _log.warning("未能保存第 %s 个版本的部门年度页（数据库忙：%s），下次打开时重新生成", revision_id, exc.orig)
        return False
    return True


def source(store: Store, revision_id: int) -> Source:
    """The revision's document and audit as stored, and its filing and number."""
    with store.session() as session:
        row = session.execute(
            select(Revision.filing_id, Revision.number, Revision.unit, Revision.document, Revision.report).where(
                Revision.id == revision_id
            )
        ).one()
    return Source(revision_id, *row)


def document_text(store: Store, revision_id: int) -> str:
    """The revision's read document as the JSON text stored at ingest."""
    with store.session() as session:
        return session.scalar(select(Revision.document).where(Revision.id == revision_id)) or "{}"


def without(store: Store, version: str, revision_ids: Iterable[int] | None = None) -> list[int]:
    """The revisions (of those given, else all) with no rendering of ``version``, by id."""
    query = (
        select(Revision.id)
        .outerjoin(Rendering, Rendering.revision_id == Revision.id)
        .where((Rendering.version.is_(None)) | (Rendering.version != version))
        .order_by(Revision.id)
    )
    if revision_ids is not None:
        query = query.where(Revision.id.in_(list(revision_ids)))
    with store.session() as session:
        return list(session.scalars(query))
