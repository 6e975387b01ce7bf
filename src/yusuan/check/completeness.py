"""Completeness: the tables the 目录 lists (and the layout requires) are there, empty tables
say why, headings are not doubled, and counts the text claims match what is disclosed."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from yusuan.catalogs import kind_of_title, layouts
from yusuan.check.report import NotRun
from yusuan.check.tables import table_label
from yusuan.model.document import ContentsEntry, Document, Section
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.numerals import number_value
from yusuan.read.identity import PART
from yusuan.read.units import stated_units

_PREFIX = re.compile(r"^.*?(?:(?:19|20)\d{2})\s*年?度?\s*")


def short_title(title: str) -> str:
    """The title less department, year and the 部门/单位 prefix: ``财政拨款收支预算总表``."""
    text = "".join(_PREFIX.sub("", title).split())
    text = re.sub(r"[（(](?:功能科目|经济科目|功能分类|经济分类)[）)]$", "", text)  # 公开05表（功能科目）
    return re.sub(r"^(?:部门|单位|预算单位)", "", text)


def _headings(document: Document, entries: list[ContentsEntry]) -> Iterator[Finding]:
    """Each heading the 目录 lists (not a table) printed in its part with the same words: the body's
    一、 heading of the same number. A number the body lacks is left alone (a heading may be read
    as text)."""
    body: dict[tuple[str, int | None], Section] = {}
    for section in document.sections:
        part = PART.match(section.part)
        if part and section.level == 1:
            body.setdefault((part.group(1), number_value(section.number)), section)
    for entry in entries:
        part = PART.match(entry.part)
        found = body.get((part.group(1), number_value(entry.number))) if part else None
        if found is not None and _words(found.heading.split("、", 1)[-1]) != _words(entry.title):
            yield Finding("complete.heading_mismatch", found.where, {"heading": found.heading, "listed": entry.title})


def _words(title: str) -> str:
    """A heading as compared: no spaces, no closing punctuation (the high court's 目录 ends each with 。)."""
    return "".join(title.split()).rstrip("。.．；;：:")


def check_completeness(document: Document) -> Iterator[Finding | NotRun]:
    by_number = {number_value(t.number): t for t in document.tables if t.number}
    listed = [e for e in document.contents if "说明" not in e.title and kind_of_title(e.title) and "表" in e.title]
    if listed and not document.tables:
        yield NotRun(
            "completeness",
            f"目录列出 {len(listed)} 张表，文件中一张表格也没有：表格可能另行发布，请与表格文件一起用 --together 审核",
        )
    elif listed:
        for entry in listed:
            table = by_number.get(number_value(entry.number))
            if table is None and _title_printed(document, entry.title):
                yield NotRun("completeness", f"目录第 {entry.number} 张表的标题在正文中出现，但没有读到表格，未核对")
            elif table is None:
                yield Finding("complete.missing_table", entry.where, {"number": entry.number, "title": entry.title})
            elif short_title(table.title) != short_title(entry.title):
                yield Finding(
                    "complete.title_mismatch",
                    table.where,
                    {"table": table_label(table), "title": table.title, "listed": entry.title},
                )
    else:
        yield NotRun("completeness", "文件没有目录，未核对目录所列表格是否齐全")
    yield from _headings(document, [e for e in document.contents if "表" not in e.title or "说明" in e.title])
    layout = layouts().get(document.layout or "")
    if layout is None:
        yield NotRun("completeness", "未能确定文件采用的公开格式（表套），未核对必备表格")
    else:
        kinds = {t.kind for t in document.tables}
        listed_kinds = {kind_of_title(e.title) for e in listed}
        for required in layout.tables:
            if required.required and required.kind not in kinds and required.kind not in listed_kinds:
                yield Finding(
                    "complete.required_table",
                    document.tables[0].where if document.tables else Location(document.file),
                    {"layout": layout.name, "title": required.title},
                )
    for table in document.tables:
        if table.empty and not table.note and table.header and table.complete:
            yield Finding(
                "complete.empty_without_note",
                table.where,
                {"table": table_label(table), "title": table.title},
            )
    for claim in document.claims:
        disclosed = len(document.performance)
        if claim.what == "performance_projects" and disclosed == 0:
            yield NotRun("completeness", f"说明称 {claim.count} 个项目有绩效目标，文件未附项目绩效目标表，未核对")
        elif claim.what == "performance_projects" and claim.count != disclosed:
            yield Finding("complete.count_claim", claim.where, {"count": claim.count, "disclosed": disclosed})
    units = stated_units(document)
    if units and units.count is not None and units.names and units.count != len(units.names):
        params = {"count": units.count, "listed": len(units.names), "names": "、".join(units.names)}
        yield Finding("complete.unit_count", units.where, params)
    headings = Counter((s.part, s.heading) for s in document.sections if s.level == 1)
    for (part, heading), times in headings.items():
        if times > 1:
            where = next(s.where for s in document.sections if (s.part, s.heading) == (part, heading))
            yield Finding("complete.duplicate_section", where, {"heading": heading, "times": times})


def _title_printed(document: Document, title: str) -> bool:
    """Whether a listed table's title stands in the body as text (the reader missed its grid)."""
    wanted = short_title(title)
    return any(short_title(p.text) == wanted for p in document.paragraphs if "目录" not in (p.where.section or ""))
