"""Read-side queries for the portal's reading pages: search and browse, a department, a filing
and its revisions, the original file.

Each function opens one session, runs a handful of queries and returns plain dataclasses (no
ORM objects escape), so the page and its JSON twin are built from the same values. A filing page
loads the document and the audit of one revision only: the listing of revisions never touches
the deferred ``document``, ``report`` or ``original`` columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from yusuan.store.db import Store
from yusuan.store.schema import Account, Department, DepartmentUnit, Filing, Region, Revision

KINDS = ("预算", "决算")
SEARCH_LIMIT = 500


class NotFound(LookupError):
    """没有找到。"""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.__doc__)
        self.message = message or str(self.__doc__)


@dataclass(frozen=True, slots=True)
class FilingSummary:
    """A filing as listed: its department, year and kind, and the audit of its current revision."""

    id: int
    year: int
    kind: str
    department_id: int
    department: str
    region_id: int
    region: str
    revision: int | None  # the current revision's number; None when every revision was deleted
    title: str | None
    errors: int
    warnings: int
    infos: int
    not_checked: int


@dataclass(frozen=True, slots=True)
class DepartmentGroup:
    id: int
    name: str
    filings: list[FilingSummary]


@dataclass(frozen=True, slots=True)
class RegionGroup:
    id: int
    name: str
    departments: list[DepartmentGroup]


@dataclass(frozen=True, slots=True)
class RegionRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search found, grouped region → department → filing, and the choices of the filters."""

    q: str
    region: int | None
    year: int | None
    kind: str | None
    count: int
    truncated: bool
    regions: list[RegionGroup]
    region_choices: list[RegionRef]
    years: list[int]
    kinds: list[str] = field(default_factory=lambda: list(KINDS))


@dataclass(frozen=True, slots=True)
class UnitInfo:
    name: str
    kind: str | None


@dataclass(frozen=True, slots=True)
class DepartmentInfo:
    id: int
    name: str
    region: RegionRef
    units: list[UnitInfo]
    filings: list[FilingSummary]


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """One revision as listed: when, which file, its checksum and who uploaded it."""

    number: int
    created_at: datetime
    filename: str
    media_type: str
    size: int
    sha256: str
    uploader: str | None
    title: str
    unit: str
    errors: int
    warnings: int
    infos: int
    not_checked: int
    current: bool
    deleted: bool


@dataclass(frozen=True, slots=True)
class FilingPage:
    """A filing with its revisions, and the document and audit of the revision asked for."""

    filing: FilingSummary
    revisions: list[RevisionInfo]
    revision: RevisionInfo
    document: dict[str, Any]
    report: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Original:
    filename: str
    media_type: str
    sha256: str
    content: bytes


def _summaries() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Filing.id,
            Filing.year,
            Filing.kind,
            Department.id,
            Department.name,
            Region.id,
            Region.name,
            Revision.number,
            Revision.title,
            Revision.errors,
            Revision.warnings,
            Revision.infos,
            Revision.not_checked,
        )
        .join(Department, Filing.department_id == Department.id)
        .join(Region, Department.region_id == Region.id)
        .outerjoin(Revision, Revision.id == Filing.current_id)
    )


def _summary(row: Any) -> FilingSummary:
    return FilingSummary(
        id=row[0],
        year=row[1],
        kind=row[2],
        department_id=row[3],
        department=row[4],
        region_id=row[5],
        region=row[6],
        revision=row[7],
        title=row[8],
        errors=row[9] or 0,
        warnings=row[10] or 0,
        infos=row[11] or 0,
        not_checked=row[12] or 0,
    )


def search(
    store: Store,
    q: str = "",
    *,
    region: int | None = None,
    year: int | None = None,
    kind: str | None = None,
    limit: int = SEARCH_LIMIT,
) -> SearchResult:
    """Filings whose department's name contains ``q`` literally (``%``, ``_`` are plain characters),
    filtered by region, year and kind, grouped by region and department."""
    q = q.strip()
    stmt = _summaries()
    if q:
        stmt = stmt.where(Department.name.contains(q, autoescape=True))
    if region is not None:
        stmt = stmt.where(Region.id == region)
    if year is not None:
        stmt = stmt.where(Filing.year == year)
    if kind:
        stmt = stmt.where(Filing.kind == kind)
    stmt = stmt.order_by(Region.name, Department.name, Filing.year.desc(), Filing.kind).limit(limit + 1)
    with store.session() as session:
        found = [_summary(row) for row in session.execute(stmt)]
        years = list(session.scalars(select(Filing.year).distinct().order_by(Filing.year.desc())))
    choices = regions(store)
    truncated = len(found) > limit
    found = found[:limit]
    groups: list[RegionGroup] = []
    for summary in found:
        if not groups or groups[-1].id != summary.region_id:
            groups.append(RegionGroup(summary.region_id, summary.region, []))
        departments = groups[-1].departments
        if not departments or departments[-1].id != summary.department_id:
            departments.append(DepartmentGroup(summary.department_id, summary.department, []))
        departments[-1].filings.append(summary)
    return SearchResult(q, region, year, kind, len(found), truncated, groups, choices, years)


def regions(store: Store) -> list[RegionRef]:
    with store.session() as session:
        return [RegionRef(r.id, r.name) for r in session.execute(select(Region.id, Region.name).order_by(Region.name))]


def department(store: Store, department_id: int) -> DepartmentInfo:
    """A department with its units and its filings across years and kinds (newest first)."""
    with store.session() as session:
        row = session.execute(
            select(Department.id, Department.name, Region.id, Region.name)
            .join(Region, Department.region_id == Region.id)
            .where(Department.id == department_id)
        ).first()
        if row is None:
            raise NotFound("没有找到该部门。")
        units = [
            UnitInfo(u.name, u.kind)
            for u in session.scalars(
                select(DepartmentUnit)
                .where(DepartmentUnit.department_id == department_id)
                .order_by(DepartmentUnit.name)
            )
        ]
        filings = [
            _summary(r)
            for r in session.execute(
                _summaries().where(Filing.department_id == department_id).order_by(Filing.year.desc(), Filing.kind)
            )
        ]
    return DepartmentInfo(row[0], row[1], RegionRef(row[2], row[3]), units, filings)


def _filing_summary(session: Session, filing_id: int) -> FilingSummary:
    row = session.execute(_summaries().where(Filing.id == filing_id)).first()
    if row is None:
        raise NotFound("没有找到该文件。")
    return _summary(row)


def _revisions(session: Session, filing_id: int, current: int | None) -> list[tuple[int, RevisionInfo]]:
    rows = session.execute(
        select(
            Revision.id,
            Revision.number,
            Revision.created_at,
            Revision.filename,
            Revision.media_type,
            Revision.size,
            Revision.sha256,
            Account.username,
            Revision.title,
            Revision.unit,
            Revision.errors,
            Revision.warnings,
            Revision.infos,
            Revision.not_checked,
            Revision.deleted_at,
        )
        .outerjoin(Account, Account.id == Revision.uploader_id)
        .where(Revision.filing_id == filing_id)
        .order_by(Revision.number)
    )
    return [
        (
            r[0],
            RevisionInfo(
                number=r[1],
                created_at=r[2],
                filename=r[3],
                media_type=r[4],
                size=r[5],
                sha256=r[6],
                uploader=r[7],
                title=r[8],
                unit=r[9],
                errors=r[10],
                warnings=r[11],
                infos=r[12],
                not_checked=r[13],
                current=r[0] == current,
                deleted=r[14] is not None,
            ),
        )
        for r in rows
    ]


def _chosen(listed: list[tuple[int, RevisionInfo]], number: int | None, show_deleted: bool) -> tuple[int, RevisionInfo]:
    """The revision asked for, else the current one; a deleted one only to those who may see it."""
    for revision_id, info in listed:
        if (info.number == number) if number is not None else info.current:
            if info.deleted and not show_deleted:
                raise NotFound(f"第 {info.number} 版已删除。")
            return revision_id, info
    if number is not None:
        raise NotFound(f"该文件没有第 {number} 版。")
    raise NotFound("该文件的所有版本都已删除。")


@dataclass(frozen=True, slots=True)
class FilingHead:
    """A filing, its revisions and which one was asked for, without the revision's document."""

    filing: FilingSummary
    revisions: list[RevisionInfo]
    revision: RevisionInfo
    revision_id: int


def filing_head(store: Store, filing_id: int, number: int | None = None, *, show_deleted: bool = False) -> FilingHead:
    """A filing, its revisions and the revision ``number`` (else the current one), without its content.

    A deleted revision is served only with ``show_deleted`` (``store.revisions.may_see_deleted``).
    """
    with store.session() as session:
        summary = _filing_summary(session, filing_id)
        current = session.scalar(select(Filing.current_id).where(Filing.id == filing_id))
        listed = _revisions(session, filing_id, current)
        revision_id, info = _chosen(listed, number, show_deleted)
    return FilingHead(summary, [i for _, i in listed], info, revision_id)


def revision_content(store: Store, revision_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A revision's document and audit, as stored (a revision never changes once written)."""
    with store.session() as session:
        document, report = session.execute(
            select(Revision.document, Revision.report).where(Revision.id == revision_id)
        ).one()
    return json.loads(document), json.loads(report)


def filing(store: Store, filing_id: int, number: int | None = None, *, show_deleted: bool = False) -> FilingPage:
    """A filing, its revisions and the document and audit of revision ``number`` (else the current)."""
    head = filing_head(store, filing_id, number, show_deleted=show_deleted)
    document, report = revision_content(store, head.revision_id)
    return FilingPage(head.filing, head.revisions, head.revision, document, report)


def original(store: Store, filing_id: int, number: int | None = None, *, show_deleted: bool = False) -> Original:
    """The file of a revision as uploaded, with its name, media type and checksum."""
    with store.session() as session:
        current = session.scalar(select(Filing.current_id).where(Filing.id == filing_id))
        listed = _revisions(session, filing_id, current)
        if not listed:
            raise NotFound("没有找到该文件。")
        revision_id, info = _chosen(listed, number, show_deleted)
        content = session.scalar(select(Revision.original).where(Revision.id == revision_id))
    return Original(info.filename, info.media_type, info.sha256, content or b"")
