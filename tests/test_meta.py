"""Meta-tests: the catalog is the one source of finding codes, the model stands alone, docs are current."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import yusuan
from yusuan.check.catalog import CATALOG, findings_markdown

SRC = Path(yusuan.__file__).parent
ROOT = SRC.parent.parent


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_emitted_code_is_in_the_catalog() -> None:
    emitted: set[str] = set()
    for path in _sources():
        if path.name == "catalog.py":
            continue  # where codes are defined, not emitted
        emitted |= set(
            re.findall(r'"((?:read|total|tie|narrative|complete|code|perf|safety)\.[a-z_]+)"', path.read_text())
        )
    assert emitted, "no finding codes found in the sources"
    assert emitted <= set(CATALOG), sorted(emitted - set(CATALOG))
    # and the catalog defines nothing that nothing emits (codes.py emits through variables)
    assert set(CATALOG) <= emitted | {"total.rollup_rounding", "total.row_rounding"}


def test_english_messages_use_only_what_the_chinese_ones_use() -> None:
    """The Chinese message is the full one; the English may say less, never need more params."""
    for code, kind in CATALOG.items():
        zh = {name for _, name, _, _ in string.Formatter().parse(kind.zh) if name}
        en = {name for _, name, _, _ in string.Formatter().parse(kind.en) if name}
        assert en <= zh, code


def test_model_imports_only_the_standard_library_and_itself() -> None:
    for path in (SRC / "model").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
            elif isinstance(node, ast.Import):
                module = node.names[0].name
            else:
                continue
            top = module.split(".")[0]
            if top == "yusuan":
                assert module.startswith("yusuan.model"), f"{path.name} imports {module}"
            else:
                assert top in {"__future__", "collections", "dataclasses", "decimal", "enum", "re", "typing"}, (
                    f"{path.name} imports {module}"
                )


def test_public_api() -> None:
    assert sorted(yusuan.__all__) == ["__version__", "check", "read"]
    for name in yusuan.__all__:
        assert hasattr(yusuan, name)


def test_findings_doc_is_current() -> None:
    assert (ROOT / "docs" / "findings.md").read_text(encoding="utf-8") == findings_markdown()
