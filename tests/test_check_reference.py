"""The audit of the reference document, every finding reviewed by hand against the file.

Each expected finding below was checked against samples/anhui-yongqiao-government-office-2023-budget.txt
(line numbers are the file's); docs/examples/yongqiao-2023-check.md explains each one.
"""

from __future__ import annotations

import json

import pytest

from yusuan.check import check
from yusuan.check.report import Report
from yusuan.cli import main
from yusuan.read import read

from .conftest import REFERENCE


@pytest.fixture(scope="module")
def report() -> Report:
    return check(read(REFERENCE))


def test_errors(report: Report) -> None:
    errors = [(f.code, f.where.line) for f in report.findings if report.severity(f).value == "error"]
    assert sorted(errors, key=lambda e: e[1] or 0) == [
        ("complete.missing_table", 22),  # 目录 6. 部门收入预算总表: no 表 6 in the body
        ("complete.missing_table", 25),  # 目录 9. 项目支出表: no 表 9 in the body
        ("total.rollup", 199),  # 302 商品和服务支出 149.72; 109.80+4.74+3.16+0.01+30.52+1.38 = 149.61
        ("narrative.growth_wrong_base", 364),  # 行政单位医疗 +8.1 on 25.26: 8.1/17.16 = 47.20%, not 32.07%
    ]


def test_warnings(report: Report) -> None:
    warnings = [(f.code, f.where.line) for f in report.findings if report.severity(f).value == "warning"]
    assert sorted(warnings, key=lambda w: w[1] or 0) == [
        ("safety.name_variant", 79),  # 埭桥区 (37 times: grep -o 埭桥区 | wc -l) against the title's 埇桥区
        ("total.duplicate_row", 214),  # 表3 repeats the 303 row at its end
        ("complete.title_mismatch", 298),  # 表8 “2023 部门国有资本经营收支预算表” vs 目录 “…国有资本经营预算支出表”
        # 第三部分's headings against the 目录's (lines 31–38): 财政拨款收支总表 for 财政拨款收支预算总表 (340),
        # 一般公共预算支出表 (344) and 一般公共预算基本支出表 (374) without 预算, 收支总表 (386), 收入总表 (392)
        # and 支出总表 (398) for 部门收支/收入/支出预算总表; 四 and 八 to 十二 agree
        ("complete.heading_mismatch", 340),
        ("complete.heading_mismatch", 344),
        ("complete.heading_mismatch", 374),
        ("complete.heading_mismatch", 386),
        ("complete.heading_mismatch", 392),
        ("complete.heading_mismatch", 398),
        ("safety.mobile", 440),  # 联系电话 18105572706
        ("perf.units", 494),  # 成本指标 “≦261 元” where the mid-term funds are 261 万元
        ("complete.count_claim", 531),  # “6 个项目实行了绩效目标管理”, one project's targets disclosed
    ]


def test_name_variant_counts_every_misspelling(report: Report) -> None:
    (finding,) = [f for f in report.findings if f.code == "safety.name_variant"]
    assert finding.params == {"variant": "埭桥区", "count": 37, "name": "埇桥区"}


def test_rounding_is_info_never_error(report: Report) -> None:
    rounding = [
        (f.where.table, f.params["name"], f.params["column"], str(f.params["diff"]))
        for f in report.findings
        if f.code == "total.rollup_rounding"
    ]
    # 85.16 + 42.58 = 127.74 against 127.73; 63.87 + 20.51 = 84.38 against 84.37; the four classes add
    # to 1,623.34 (basic 1,008.34) against 1,623.35 (1,008.35); 303's seven rows add to 84.40 against 84.39.
    assert sorted(rounding) == sorted(
        [
            ("1", "一、本年支出", "合计", "0.01"),
            ("1", "一、本年支出", "一般公共预算财政拨款", "0.01"),
            ("2", "合计", "合计", "0.01"),
            ("2", "合计", "基本支出", "0.01"),
            ("2", "20805 行政事业单位养老支出", "合计", "-0.01"),
            ("2", "20805 行政事业单位养老支出", "基本支出", "-0.01"),
            ("2", "22102 住房改革支出", "合计", "-0.01"),
            ("2", "22102 住房改革支出", "基本支出", "-0.01"),
            ("3", "303 对个人和家庭的补助", "预算数", "-0.01"),
            ("5", "支 出 总 计", "预算数", "0.01"),  # the 支出 side of 表5: 1,623.34 vs 1,623.35
            ("7", "合计", "合计", "0.01"),
            ("7", "合计", "基本支出", "0.01"),
            ("7", "20805 行政事业单位养老支出", "合计", "-0.01"),
            ("7", "20805 行政事业单位养老支出", "基本支出", "-0.01"),
            ("7", "22102 住房改革支出", "合计", "-0.01"),
            ("7", "22102 住房改革支出", "基本支出", "-0.01"),
        ]
    )


def test_summary_says_what_was_not_checked(report: Report) -> None:
    checks = {c["name"]: c for c in report.summary()["checks"]}  # type: ignore[index, union-attr]
    assert checks["narrative"]["not_run"] and "未与表格核对" in checks["narrative"]["not_run"][0]
    assert checks["codes"]["not_run"] == ["1 个科目不在随附的分类目录中（目录不完整），其名称未核对"]
    assert {c["status"] for c in checks.values()} <= {"ran", "partial"}


def test_cli_json_shape_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(REFERENCE), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert status == 1
    assert set(payload) == {"findings", "summary"}
    assert payload["summary"]["errors"] == 4
    first = payload["findings"][0]
    assert set(first) == {"code", "severity", "message", "where", "params"}


def test_cli_english(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(REFERENCE), "--lang", "en"])
    out = capsys.readouterr().out
    assert "table 6 '埇桥区人民政府办公室 2023 年部门收入预算总表' is listed but absent" in out
    assert "4 errors, 12 warnings" in out


def test_readme_shows_the_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(REFERENCE)])
    out = capsys.readouterr().out.splitlines()
    readme = (REFERENCE.parent.parent / "README.md").read_text(encoding="utf-8")
    for line in out[:11]:
        assert line in readme, line
    assert next(line for line in out if line.startswith("共 ")) in readme
