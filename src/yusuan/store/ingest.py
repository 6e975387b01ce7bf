"""Putting documents into the store: each one a new revision of its filing, in one transaction.

Reading and auditing run in parallel (``yusuan.batch``); writing runs in this process, one
transaction per document, so a crash or a kill leaves every earlier revision intact and the
interrupted one absent. An upload identical (by SHA-256) to its filing's current revision is not
stored twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yusuan.check.report import Report
from yusuan.errors import NotPlaceable
from yusuan.model.budget import Budget, Purpose
from yusuan.model.document import Document
from yusuan.model.finding import Severity
from yusuan.model.money import Unit
from yusuan.model.serialize import to_data
from yusuan.model.views import budget_from_document
from yusuan.read.units import stated_units
from yusuan.store.db import Store
from yusuan.store.schema import Account, Department, DepartmentUnit, Filing, Item, Region, Revision, StoredFinding

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".htm": "text/html",
    ".html": "text/html",
    ".txt": "text/plain",
    ".json": "application/json",
    ".zip": "application/zip",  # several files read together (--together) are kept as one zip
}
UNKNOWN_REGION = "未注明地区"
_FEN_PER = {Unit.YUAN: Decimal(100), Unit.WAN_YUAN: Decimal(1_000_000)}
# Leading administrative divisions of a department's name: 上海市普陀区商务委员会 → 上海市普陀区.
_REGION = re.compile(r"^(?:[^省市区县]{2,7}(?:省|自治区))?(?:[^省市区县]{1,7}市)?(?:[^省市区县]{1,7}(?:区|县))?")


@dataclass(frozen=True, slots=True)
class Placement:
    region: str
    department: str
    year: int
    kind: str


@dataclass(frozen=True, slots=True)
class Stored:
    """What became of one document: a new revision, or the same as the current one."""

    revision_id: int
    filing_id: int
    number: int
    new: bool
    placement: Placement


def region_of(department: str) -> str:
    """The region a department's name begins with (江苏省政协办公厅 → 江苏省), else 未注明地区."""
    match = _REGION.match(department)
    found = match.group(0) if match else ""
    return found if found and found != department else UNKNOWN_REGION


def place(document: Document, *, region: str | None = None, year: int | None = None) -> Placement:
    """Where a document is filed: region, department, year and kind; NotPlaceable if it cannot be said."""
    department = (document.department or "").strip()
    if not department:
        raise NotPlaceable("文件中没有找到部门名称。")
    the_year = year or document.year
    if the_year is None:
        raise NotPlaceable("文件中没有找到年度，请用 --year 指定（或用 --together 与正文一起归档）。")
    return Placement(region or region_of(department), department, the_year, document.kind.value)


def to_fen(amount: Decimal, unit: Unit) -> int:
    fen = amount * _FEN_PER[unit]
    if fen != fen.to_integral_value():
        raise ValueError(f"{amount} {unit.value} 不是整分")
    return int(fen)


def store_document(
    store: Store,
    document: Document,
    report: Report,
    original: bytes,
    filename: str,
    *,
    region: str | None = None,
    year: int | None = None,
    uploader: Account | None = None,
    department_id: int | None = None,
) -> Stored:
    """Store one read and audited document as a new revision of its filing, in one transaction.

    ``department_id`` pins the department (an upload by a department's staff): the document must
    name that department, else NotPlaceable.
    """
    placement = place(document, region=region, year=year)
    budget = budget_from_document(document)
    digest = hashlib.sha256(original).hexdigest()
    with store.session() as session:
        department = _department(session, placement, department_id)
        filing = _filing(session, department, placement)
        current = session.get(Revision, filing.current_id) if filing.current_id else None
        if current is not None and current.sha256 == digest:
            return Stored(current.id, filing.id, current.number, False, placement)
        _add_units(session, department, document)
        number = (session.scalar(select(func.max(Revision.number)).where(Revision.filing_id == filing.id)) or 0) + 1
        revision = _revision(document, report, budget, original, filename, digest)
        revision.filing_id, revision.number = filing.id, number
        revision.uploader_id = uploader.id if uploader else None
        session.add(revision)
        session.flush()
        filing.current_id = revision.id
        return Stored(revision.id, filing.id, number, True, placement)


def _department(session: Session, placement: Placement, department_id: int | None) -> Department:
    if department_id is not None:
        department = session.get(Department, department_id)
        if department is None or department.name != placement.department:
            named = department.name if department else "（不存在）"
            raise NotPlaceable(f"文件是“{placement.department}”的，不是本账号所属部门“{named}”的。")
        return department
    region = session.scalar(select(Region).where(Region.name == placement.region))
    if region is None:
        region = Region(name=placement.region)
        session.add(region)
        session.flush()
    department = session.scalar(
        select(Department).where(Department.region_id == region.id, Department.name == placement.department)
    )
    if department is None:
        department = Department(region_id=region.id, name=placement.department)
        session.add(department)
        session.flush()
    return department


_MAX_UNITS = 500  # the most units one filing adds (real departments list a handful, a county's up to ~100)


def _add_units(session: Session, department: Department, document: Document) -> None:
    """The units the document says the department's budget includes (部门预算单位构成), added to
    those earlier filings named: a department's units are kept across its years."""
    stated = stated_units(document)
    if stated is None:
        return
    known = set(session.scalars(select(DepartmentUnit.name).where(DepartmentUnit.department_id == department.id)))
    for name in stated.names[:_MAX_UNITS]:  # a hostile document cannot fill the table
        if name not in known and len(name) <= 200:
            session.add(DepartmentUnit(department_id=department.id, name=name))
            known.add(name)


def _filing(session: Session, department: Department, placement: Placement) -> Filing:
    filing = session.scalar(
        select(Filing).where(
            Filing.department_id == department.id, Filing.year == placement.year, Filing.kind == placement.kind
        )
    )
    if filing is None:
        filing = Filing(department_id=department.id, year=placement.year, kind=placement.kind)
        session.add(filing)
        session.flush()
    return filing


def _revision(
    document: Document, report: Report, budget: Budget, original: bytes, filename: str, digest: str
) -> Revision:
    functional = [li for li in budget.lines if li.functional]
    totals = {
        purpose: sum(to_fen(li.amount, budget.unit) for li in functional if purpose in (None, li.purpose))
        for purpose in (None, Purpose.BASIC, Purpose.PROJECT)
    }
    split = bool(functional) and all(li.purpose != Purpose.UNSPLIT for li in functional)
    not_checked = sum(1 for c in report.checks if c.not_run)
    revision = Revision(
        filename=Path(filename).name[:255],
        media_type=MEDIA_TYPES.get(Path(filename).suffix.lower(), "application/octet-stream"),
        size=len(original),
        sha256=digest,
        original=original,
        title=document.title,
        scope=document.scope.value,
        layout=document.layout,
        unit=budget.unit.value,
        document=json.dumps(to_data(document), ensure_ascii=False),
        report=json.dumps(report.to_dict(), ensure_ascii=False),
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        infos=report.count(Severity.INFO),
        not_checked=not_checked,
        total_fen=totals[None] if functional else None,
        basic_fen=totals[Purpose.BASIC] if split else None,
        project_fen=totals[Purpose.PROJECT] if split else None,
    )
    revision.items = [
        Item(
            functional=li.functional,
            economic=li.economic,
            purpose=li.purpose.value,
            funding=li.funding.value,
            amount_fen=to_fen(li.amount, budget.unit),
        )
        for li in budget.lines
    ]
    revision.findings = [
        StoredFinding(
            code=str(found["code"]),
            severity=str(found["severity"]),
            message=str(found["message"]),
            where=json.dumps(found["where"], ensure_ascii=False),
            params=json.dumps(found["params"], ensure_ascii=False),
        )
        for found in (report.finding_dict(f) for f in report.findings)
    ]
    return revision


def read_original(path: Path | Sequence[Path]) -> tuple[bytes, str]:
    """The bytes kept as "the original file" and its name; several files read together are zipped."""
    if isinstance(path, Path):
        return path.read_bytes(), path.name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in path:
            archive.write(part, part.name)
    return buffer.getvalue(), f"{path[0].stem}.zip"
