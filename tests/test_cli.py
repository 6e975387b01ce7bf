"""The command line: read in text and JSON, help for every command."""

from __future__ import annotations

import json

import pytest

from yusuan.cli import main

from .conftest import REFERENCE


def test_read_json_holds_everything_with_exact_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", str(REFERENCE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["department"], data["year"], data["layout"]) == ("埇桥区人民政府办公室", 2023, "anhui-11")
    assert [t["number"] for t in data["tables"]] == ["1", "2", "3", "4", "5", "7", "8", "10", "11"]
    table2 = data["tables"][1]
    total_row = table2["blocks"][0]["rows"][0]
    assert total_row["role"] == "total"
    assert [c["amount"]["value"] for c in total_row["cells"]] == ["1623.35", "1008.35", "615.00"]
    assert total_row["cells"][0]["where"] == {
        "file": REFERENCE.name,
        "line": 157,
        "table": "2",
        "row": 1,
        "column": "预算数/合计",
        "section": "第二部分 2023 年部门预算表",
    }
    growth = [s for s in data["statements"] if s.get("growth")]
    assert growth[0]["growth"] == {"value": "24.30", "places": 2}
    assert len(data["performance"][0]["indicators"]) > 40
    assert [t["term"] for t in data["glossary"]] == ["财政拨款收入", "基本支出", "项目支出", "机关运行经费"]
    assert len(data["contents"]) == 26


def test_read_text_overview(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", str(REFERENCE)]) == 0
    out = capsys.readouterr().out
    assert "部门：埇桥区人民政府办公室  年度：2023  类型：部门预算  表套：anhui-11" in out
    assert "表3 2023 年部门一般公共预算基本支出预算表（gpb_basic，万元，31 行）" in out


@pytest.mark.parametrize("command", [[], ["read"], ["check"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: yusuan" in capsys.readouterr().out


def test_user_catalog_replaces_the_partial_one(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    catalog = tmp_path / "functional.csv"
    catalog.write_text("code,name\n2101103,公务员医疗补助\n201,一般公共服务支出\n", encoding="utf-8")
    main(["check", str(REFERENCE), "--functional-catalog", str(catalog), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    codes = {(f["code"], f["params"].get("code")) for f in findings if f["code"].startswith("code.")}
    # the given catalog is complete by assumption: it knows 2101103, and 20103 missing from it is a warning
    assert ("code.unknown", "2101103") not in codes
    assert ("code.not_in_catalog", "20103") in codes
    assert not any(code == "code.unknown" for code, _ in codes)


def test_template_and_validate(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    workbook = tmp_path / "budget.xlsx"
    assert main(["template", "-o", str(workbook)]) == 0
    assert main(["template", "-o", str(workbook)]) == 2  # never overwrites
    capsys.readouterr()
    assert main(["validate", str(workbook)]) == 1  # a blank template is missing its data
    out = capsys.readouterr().out
    assert "部门信息!B3：未填写“部门名称”" in out and "共 10 个错误，0 个警告。" in out
    example = REFERENCE.parent.parent / "examples" / "yongqiao-2023" / "budget.json"
    assert main(["validate", str(example)]) == 0
    assert "共 0 个错误，2 个警告。" in capsys.readouterr().out


def test_build_refuses_what_fails_its_own_audit(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    example = REFERENCE.parent.parent / "examples" / "yongqiao-2023" / "budget.json"
    out = tmp_path / "out"
    # As printed, income 1623.35 ≠ Σ项 1623.36 and Σ款 1008.25 ≠ 基本 1008.36: nothing is written.
    assert main(["build", str(example), "-o", str(out)]) == 1
    assert "未写出任何文件" in capsys.readouterr().out
    assert not out.exists() or not any(out.iterdir())


def test_build_writes_every_format_that_reads_back_clean(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    example = REFERENCE.parent.parent / "examples" / "yongqiao-2023" / "budget.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    data["income"][0]["amount"] = "1623.36"  # the two corrections of examples/yongqiao-2023/README.md
    for line in data["economic"]:
        if line["code"] == "30201":
            line["amount"] = "109.91"
    fixed = tmp_path / "budget.json"
    fixed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(fixed), "-o", str(out), "--format", "docx,xlsx,html,json"]) == 0
    assert capsys.readouterr().out.count("已生成：") == 4
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".docx", ".html", ".json", ".xlsx"]
    docx = next(out.glob("*.docx"))
    assert main(["check", str(docx), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["errors"], summary["warnings"]) == (0, 0)
