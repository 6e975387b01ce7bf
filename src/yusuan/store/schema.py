"""The store's tables: regions, departments and their units, filings (a department's budget or
final accounts of one year), revisions of each filing as uploaded, what was read from them and
their findings; and the portal's accounts and sessions.

A revision is written once and never changed: a new upload of the same filing is a new revision.
Amounts are kept as whole 分 (0.01 元) in a BIGINT, so they are exact in SQLite (whose NUMERIC is
a float) and PostgreSQL alike, and SQL sums over them are exact too.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Region(Base):
    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    departments: Mapped[list[Department]] = relationship(back_populates="region", order_by="Department.name")


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("region_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    region: Mapped[Region] = relationship(back_populates="departments")
    units: Mapped[list[DepartmentUnit]] = relationship(back_populates="department", order_by="DepartmentUnit.name")
    filings: Mapped[list[Filing]] = relationship(back_populates="department", order_by="Filing.year")


class DepartmentUnit(Base):
    """A unit (所属单位) included in a department's budget, as the filing's data names it."""

    __tablename__ = "department_unit"
    __table_args__ = (UniqueConstraint("department_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(50))  # 行政单位 / 参公事业单位 …
    department: Mapped[Department] = relationship(back_populates="units")


class Filing(Base):
    """One department's disclosure of one year and kind (预算 or 决算), over all its revisions."""

    __tablename__ = "filing"
    __table_args__ = (UniqueConstraint("department_id", "year", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # 预算 / 决算
    # The newest revision not deleted; NULL when every revision was deleted.
    current_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_filing_current", ondelete="SET NULL")
    )
    department: Mapped[Department] = relationship(back_populates="filings")
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="filing", foreign_keys="Revision.filing_id", order_by="Revision.number"
    )
    current: Mapped[Revision | None] = relationship(foreign_keys=[current_id], post_update=True)


class Revision(Base):
    """A document as uploaded: the original file, its checksum, what was read and the audit."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("filing_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("filing.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, … within the filing
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(String(10))  # 部门 / 单位
    layout: Mapped[str | None] = mapped_column(String(50))
    unit: Mapped[str] = mapped_column(String(10))  # the unit of the amounts in `item`: 元 or 万元
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    infos: Mapped[int] = mapped_column(Integer)
    not_checked: Mapped[int] = mapped_column(Integer)  # checks that could not run, wholly or in part
    # Totals (分) for listings and charts without reading the items.
    total_fen: Mapped[int | None] = mapped_column(BigInteger)
    basic_fen: Mapped[int | None] = mapped_column(BigInteger)
    project_fen: Mapped[int | None] = mapped_column(BigInteger)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    # The large columns last: SQLite reads the small ones above without touching their overflow pages.
    original: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    document: Mapped[str] = deferred(mapped_column(Text))  # the read Document as JSON (model.serialize)
    report: Mapped[str] = deferred(mapped_column(Text))  # the audit as JSON (check.report.to_dict)
    filing: Mapped[Filing] = relationship(back_populates="revisions", foreign_keys=[filing_id])
    items: Mapped[list[Item]] = relationship(back_populates="revision", order_by="Item.id")
    findings: Mapped[list[StoredFinding]] = relationship(back_populates="revision", order_by="StoredFinding.id")


class Rendering(Base):
    """What the portal shows of a revision, rendered once and kept (``store.renderings``): a cache
    beside the revision, never the record. Its own table, so that a store made before it gains it
    on open (``create_all`` makes missing tables, never missing columns)."""

    __tablename__ = "rendering"
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))  # of the code and templates that rendered it
    title: Mapped[str] = mapped_column(Text)
    audit: Mapped[str] = mapped_column(Text)  # JSON
    findings: Mapped[str] = mapped_column(Text)  # JSON
    tables: Mapped[str] = mapped_column(Text)  # HTML
    rest: Mapped[str] = mapped_column(Text)  # HTML


class Item(Base):
    """A line of spending read from the revision (``model.views.budget_from_document``)."""

    __tablename__ = "item"
    __table_args__ = (Index("ix_item_revision_functional", "revision_id", "functional"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="CASCADE"))
    functional: Mapped[str | None] = mapped_column(String(7))
    economic: Mapped[str | None] = mapped_column(String(5))
    purpose: Mapped[str] = mapped_column(String(10))  # 基本支出 / 项目支出
    funding: Mapped[str] = mapped_column(String(20))  # 一般公共预算 …
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    revision: Mapped[Revision] = relationship(back_populates="items")


class StoredFinding(Base):
    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)  # in Chinese, rendered from the catalog at ingest
    where: Mapped[str] = mapped_column(Text)  # Location as JSON
    params: Mapped[str] = mapped_column(Text)  # JSON
    revision: Mapped[Revision] = relationship(back_populates="findings")


class Account(Base):
    """A portal account: ``admin`` manages accounts; ``reviewer`` audits a region's departments;
    ``staff`` uploads for one department."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id", ondelete="SET NULL"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LoginSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its hash."""

    __tablename__ = "login_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
