"""Sums over the store for the portal's charts, comparisons, region roll-ups and exports.

Every amount is summed by the database over ``Item.amount_fen`` (whole 分 in a BIGINT), so the
sums are exact in SQLite and PostgreSQL alike and comparable across documents printed in 元
and in 万元. Only a filing's current revision counts. Code names come from the revision's own
document (the row labels it prints), then from the shipped code catalogs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from yusuan.catalogs import codes
from yusuan.model.codes import CodeSystem
from yusuan.store.schema import Department, Filing, Item, Region, Revision

CLASS_WIDTH = 3  # 类: the first three digits of a functional or economic code


def yuan(fen: int) -> Decimal:
    """An amount in 分 as exact 元 with two places."""
    return Decimal(fen).scaleb(-2).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class FilingInfo:
    """A filing and its current revision, without the revision's large columns."""

    filing_id: int
    revision_id: int
    revision_number: int
    department_id: int
    department: str
    region_id: int
    region: str
    year: int
    kind: str
    unit: str  # the unit the document prints (元 or 万元); the store holds 分 either way
    errors: int
    warnings: int
    total_fen: int | None
    basic_fen: int | None
    project_fen: int | None


def _select(session: Session, *where: ColumnElement[bool], order: Sequence[Any] = ()) -> list[FilingInfo]:
    """Filings with a current revision, their department and region, as FilingInfo.

    Plain columns, not ORM entities: a region's hundred filings load in a few milliseconds.
    """
    query = (
        select(
            Filing.id,
            Revision.id,
            Revision.number,
            Department.id,
            Department.name,
            Region.id,
            Region.name,
            Filing.year,
            Filing.kind,
            Revision.unit,
            Revision.errors,
            Revision.warnings,
            Revision.total_fen,
            Revision.basic_fen,
            Revision.project_fen,
        )
        .join(Revision, Revision.id == Filing.current_id)
        .join(Department, Department.id == Filing.department_id)
        .join(Region, Region.id == Department.region_id)
        .where(*where)
        .order_by(*order)
    )
    return [FilingInfo(*tuple(row)) for row in session.execute(query)]


def filing_info(session: Session, filing_id: int) -> FilingInfo | None:
    """A filing with a current revision, or None (no such filing, or every revision deleted)."""
    found = _select(session, Filing.id == filing_id)
    return found[0] if found else None


def department_filings(session: Session, department_id: int, kind: str | None = None) -> list[FilingInfo]:
    """A department's filings that have a current revision, by year."""
    where = [Filing.department_id == department_id, *([Filing.kind == kind] if kind else [])]
    return _select(session, *where, order=(Filing.year, Filing.kind))


def region_filings(session: Session, region_id: int, year: int, kind: str) -> list[FilingInfo]:
    """Every department's current revision of one year and kind in a region, by department name."""
    where = (Department.region_id == region_id, Filing.year == year, Filing.kind == kind)
    return _select(session, *where, order=(Department.name,))


def region_state(session: Session, region_id: int) -> tuple[int, int]:
    """What changes whenever the region's roll-ups may: how many revisions its filings have (an
    upload adds one; none is ever erased) and how many of them are deleted (never undone)."""
    query = (
        select(func.count(Revision.id), func.count(Revision.deleted_at))
        .join(Filing, Filing.id == Revision.filing_id)
        .join(Department, Department.id == Filing.department_id)
        .where(Department.region_id == region_id)
    )
    count, deleted = session.execute(query).one()
    return int(count), int(deleted)


def region_periods(session: Session, region_id: int) -> list[tuple[int, str]]:
    """The (year, kind) pairs a region has current revisions for, newest first."""
    query = (
        select(Filing.year, Filing.kind)
        .join(Department, Department.id == Filing.department_id)
        .where(Department.region_id == region_id, Filing.current_id.is_not(None))
        .distinct()
        .order_by(Filing.year.desc(), Filing.kind)
    )
    return [(int(year), str(kind)) for year, kind in session.execute(query)]


def functional_sums(session: Session, revision_ids: Iterable[int]) -> dict[tuple[str, str], int]:
    """Functional spending in 分 by (项 code, purpose) over the given revisions."""
    query = (
        select(Item.functional, Item.purpose, func.sum(Item.amount_fen))
        .where(Item.revision_id.in_(list(revision_ids)), Item.functional.is_not(None))
        .group_by(Item.functional, Item.purpose)
    )
    return {(str(code), str(purpose)): int(fen) for code, purpose, fen in session.execute(query)}


def economic_sums(session: Session, revision_ids: Iterable[int]) -> dict[str, int]:
    """Basic spending in 分 by economic 款 code over the given revisions."""
    query = (
        select(Item.economic, func.sum(Item.amount_fen))
        .where(Item.revision_id.in_(list(revision_ids)), Item.economic.is_not(None))
        .group_by(Item.economic)
    )
    return {str(code): int(fen) for code, fen in session.execute(query)}


def functional_by_class(session: Session, revision_ids: Iterable[int]) -> dict[str, int]:
    """Functional spending in 分 by 类 (the code's first three digits), summed by the database."""
    klass = func.substr(Item.functional, 1, CLASS_WIDTH)
    query = (
        select(klass, func.sum(Item.amount_fen))
        .where(Item.revision_id.in_(list(revision_ids)), Item.functional.is_not(None))
        .group_by(klass)
        .order_by(klass)
    )
    return {str(code): int(fen) for code, fen in session.execute(query)}


def functional_totals(session: Session, revision_ids: Iterable[int]) -> dict[int, int]:
    """Functional spending in 分 of each revision (absent: the revision has no functional items)."""
    query = (
        select(Item.revision_id, func.sum(Item.amount_fen))
        .where(Item.revision_id.in_(list(revision_ids)), Item.functional.is_not(None))
        .group_by(Item.revision_id)
    )
    return {int(rid): int(fen) for rid, fen in session.execute(query)}


@dataclass(frozen=True, slots=True)
class ItemRow:
    revision_id: int
    functional: str | None
    economic: str | None
    purpose: str
    funding: str
    amount_fen: int


def items(session: Session, revision_ids: Iterable[int]) -> list[ItemRow]:
    """The items of the given revisions, in the order they were read."""
    query = (
        select(Item.revision_id, Item.functional, Item.economic, Item.purpose, Item.funding, Item.amount_fen)
        .where(Item.revision_id.in_(list(revision_ids)))
        .order_by(Item.revision_id, Item.id)
    )
    return [ItemRow(*row) for row in session.execute(query)]


def document_data(session: Session, revision_id: int) -> dict[str, object]:
    """The revision's read document as stored (JSON data, Decimals as strings)."""
    text = session.scalar(select(Revision.document).where(Revision.id == revision_id))
    data = json.loads(text) if text else {}
    return data if isinstance(data, dict) else {}


def code_names(documents: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """Code → name as the documents' coded tables print it (the first document naming a code wins)."""
    names: dict[str, str] = {}
    for document in documents:
        for table in _list(document.get("tables")):
            for block in _list(table.get("blocks")):
                for row in _list(block.get("rows")):
                    code, label = row.get("code"), row.get("label")
                    if isinstance(code, str) and isinstance(label, str) and code not in names:
                        names[code] = "".join(label.split())
    return names


def name_of(code: str, names: Mapping[str, str], system: CodeSystem = CodeSystem.FUNCTIONAL) -> str:
    """A code's name: as the document prints it, else the catalog's first, else empty."""
    if code in names:
        return names[code]
    known = codes(system).names(code)
    return known[0] if known else ""


def _list(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
