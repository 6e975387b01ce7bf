"""Classification codes: well formed, of the right system for the table, named as the catalog names them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from yusuan.catalogs import CodeCatalog, codes, table_kind
from yusuan.check.report import NotRun
from yusuan.check.tables import table_label
from yusuan.model.codes import Code, CodeSystem, system_of
from yusuan.model.document import Document
from yusuan.model.finding import Finding

SYSTEM_NAMES = {
    CodeSystem.FUNCTIONAL: "支出功能分类",
    CodeSystem.ECONOMIC: "部门预算支出经济分类",
    CodeSystem.ECONOMIC_GOVERNMENT: "政府预算支出经济分类",
}
_BRACKETS = str.maketrans("()", "（）")


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).translate(_BRACKETS) == "".join(b.split()).translate(_BRACKETS)


def check_codes(
    document: Document, catalogs: Mapping[CodeSystem, CodeCatalog] | None = None
) -> Iterator[Finding | NotRun]:
    partial_misses: set[str] = set()
    for table in document.tables:
        kind = table_kind(table.kind or "")
        if kind is None or not kind.coded or kind.code_system is None:
            continue
        system = kind.code_system
        catalog = (catalogs or {}).get(system) or codes(system)
        reported: set[str] = set()
        for _block, row in table.rows():
            if not row.code or row.code in reported:
                continue
            reported.add(row.code)
            params = {"table": table_label(table), "code": row.code, "name": row.label}
            if not Code(row.code, system).well_formed:
                yield Finding("code.malformed", row.where, params)
                continue
            actual = system_of(row.code)
            if actual != system and not (system == CodeSystem.ECONOMIC and actual == CodeSystem.ECONOMIC_GOVERNMENT):
                yield Finding(
                    "code.wrong_system",
                    row.where,
                    {
                        **params,
                        "expected_system": SYSTEM_NAMES[system],
                        "actual_system": SYSTEM_NAMES[actual],
                    },
                )
                continue
            names = catalog.names(row.code)
            if not names and catalog.complete:
                yield Finding("code.not_in_catalog", row.where, params)
            elif not names:
                partial_misses.add(row.code)
                yield Finding("code.unknown", row.where, params)
            elif not any(_same_name(row.label, n) for n in names):
                yield Finding("code.name_mismatch", row.where, {**params, "catalog_name": "／".join(names)})
    if partial_misses:
        yield NotRun("codes", f"{len(partial_misses)} 个科目不在随附的分类目录中（目录不完整），其名称未核对")
