"""One small inline case per rule, each asserting the exact finding (or its absence)."""

from __future__ import annotations

from collections.abc import Callable

from yusuan.check.report import Report

Audit = Callable[[str], Report]

HEAD = """
测试区财政局 2023 年部门预算
表 2
2023 年部门一般公共预算支出预算表
部门名称：测试区财政局
单位：万元
科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
"""


def table2(*rows: str) -> str:
    return HEAD + "\n".join(rows) + "\n"


def codes(report: Report, *fields: str) -> list[tuple[object, ...]]:
    return report.flatten("code", *fields)


def test_subtotal_off_by_011_is_an_error(audit: Audit) -> None:
    report = audit(
        table2(
            " | 合计 | 100.11 | 100.11 | ",
            "201 | 一般公共服务支出 | 100.11 | 100.11 | ",
            "20103 | 政府办公厅（室）及相关机构事务 | 100.11 | 100.11 | ",
            "2010301 | 行政运行 | 60.00 | 60.00 | ",
            "2010302 | 一般行政管理事务 | 40.00 | 40.00 | ",
        )
    )
    rollups = [f for f in report.findings if f.code == "total.rollup"]
    assert [(f.params["name"], str(f.params["diff"])) for f in rollups] == [
        ("20103 政府办公厅（室）及相关机构事务", "0.11"),
        ("20103 政府办公厅（室）及相关机构事务", "0.11"),
    ]
    assert {f.params["column"] for f in rollups} == {"合计", "基本支出"}
    assert report.has_errors


def test_subtotal_off_by_001_is_only_rounding(audit: Audit) -> None:
    report = audit(
        table2(
            " | 合计 | 127.73 | 127.73 | ",
            "208 | 社会保障和就业支出 | 127.73 | 127.73 | ",
            "20805 | 行政事业单位养老支出 | 127.73 | 127.73 | ",
            "2080505 | 机关事业单位基本养老保险缴费支出 | 85.16 | 85.16 | ",
            "2080506 | 机关事业单位职业年金缴费支出 | 42.58 | 42.58 | ",
        )
    )
    assert ("total.rollup_rounding", "info") in codes(report, "severity")
    assert not any(f.code == "total.rollup" for f in report.findings)
    assert not report.has_errors


def test_row_identity_total_equals_basic_plus_project(audit: Audit) -> None:
    report = audit(
        table2(
            " | 合计 | 100.00 | 60.00 | 40.00",
            "201 | 一般公共服务支出 | 100.00 | 60.00 | 39.00",
        )
    )
    found = [f for f in report.findings if f.code == "total.row"]
    assert len(found) == 1
    assert found[0].params["name"] == "201 一般公共服务支出"
    assert str(found[0].params["diff"]) == "1.00"


INCOME_HEAD = """
测试区财政局 2023 年部门预算
表 6
2023 年部门收入预算总表
部门名称：测试区财政局
单位：万元
科目编码 | 科目名称 | 合计 | 上年结转 | 一般公共预算拨款收入 | 政府性基金预算拨款收入 | \
国有资本经营预算拨款收入 | 财政专户管理资金 | 事业收入 | 经营收入 | 其他收入
"""


def test_income_sources_side_by_side_add_up_to_the_total_together(audit: Audit) -> None:
    """The Anhui 部门收入预算总表 prints fiscal and unit sources side by side: 合计 is the sum of
    all of them (here 1.00 一般公共预算 + 2.00 事业收入 = 3.00), not of either half."""
    report = audit(
        INCOME_HEAD
        + " | 合计 | 3.00 |  | 1.00 |  |  |  | 2.00 |  | \n"
        + "201 | 一般公共服务支出 | 3.00 |  | 1.00 |  |  |  | 2.00 |  | \n"
        + "20101 | 人大事务 | 3.50 |  | 1.00 |  |  |  | 2.00 |  | \n"
    )
    rows = [f for f in report.findings if f.code == "total.row"]
    assert [(f.params["name"], str(f.params["actual"]), str(f.params["diff"])) for f in rows] == [
        ("20101 人大事务", "3.00", "0.50")
    ]
    assert rows[0].params["parts"] == (
        "一般公共预算、政府性基金、国有资本经营、财政专户、事业收入、事业单位经营收入、其他收入、上年结转"
    )


def test_duplicate_parent_row_is_counted_once(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    表 3
    2023 年部门一般公共预算基本支出预算表
    部门名称：测试区财政局
    单位：万元
    科目编码 | 科目名称 | 预算数
     | 合计 | 10.00
    303 | 对个人和家庭的补助 | 10.00
    30301 | 离休费 | 10.00
    303 | 对个人和家庭的补助 | 10.00
    """
    report = audit(text)
    assert codes(report, "row") == [("total.duplicate_row", 4)]  # 合计 1, 303 2, 30301 3, 303 4


SHARES = """
测试区财政局 2023 年部门预算
第三部分 2023 年部门预算情况说明
一、关于 2023 年一般公共预算支出表的说明
测试区财政局 2023 年一般公共预算支出 200.00 万元，比 2022 年预算增加 40.00 万元，增长 {growth}%，主要原因是人员增加。
一般公共服务支出 150.00 万元，占 {share}%；住房保障支出 50.00 万元，占 25.00%。
"""


def test_correct_shares_and_growth_make_no_finding(audit: Audit) -> None:
    report = audit(SHARES.format(growth="25.00", share="75.00"))
    assert not [f for f in report.findings if f.code.startswith("narrative")]


def test_wrong_growth_rate_is_an_error(audit: Audit) -> None:
    report = audit(SHARES.format(growth="26.50", share="75.00"))
    found = [f for f in report.findings if f.code.startswith("narrative.growth")]
    assert [(f.code, f.params["expected"], str(f.params["prior"])) for f in found] == [
        ("narrative.growth", "25.00%", "160.00")
    ]


def test_growth_on_this_years_base_is_named(audit: Audit) -> None:
    report = audit(SHARES.format(growth="20.00", share="75.00"))  # 40 / 200, not 40 / 160
    assert [c for c in codes(report) if c[0].startswith("narrative")] == [("narrative.growth_wrong_base",)]


def test_growth_one_unit_beyond_truncation_is_an_error(audit: Audit) -> None:
    text = SHARES.replace("比 2022 年预算增加 40.00", "比 2022 年预算增加 40.03")
    report = audit(text.format(growth="25.00", share="75.00"))
    assert [c for c in codes(report) if c[0].startswith("narrative.growth")] == [("narrative.growth",)]


def test_truncated_growth_is_rounding_not_error(audit: Audit) -> None:
    text = SHARES.replace("比 2022 年预算增加 40.00", "比 2022 年预算增加 40.03")
    # 40.03 / 159.97 = 25.023…%, at most 25.028 within the printed figures' rounding: 25.02 or 25.03 are
    # right, 25.01 is one unit off (truncation), 25.00 would be an error.
    report = audit(text.format(growth="25.01", share="75.00"))
    assert [c for c in codes(report, "severity") if c[0].startswith("narrative.growth")] == [
        ("narrative.growth_rounding", "info")
    ]


def test_wrong_share_is_an_error(audit: Audit) -> None:
    report = audit(SHARES.format(growth="25.00", share="70.00"))
    share = [f for f in report.findings if f.code == "narrative.share"]
    assert [(f.params["subject"], f.params["expected"]) for f in share] == [("一般公共服务支出", "75.00%")]
    assert ("narrative.shares_sum",) in codes(report)


def test_direction_words_must_agree(audit: Audit) -> None:
    text = SHARES.replace("增长 {growth}%", "下降 {growth}%")
    report = audit(text.format(growth="25.00", share="75.00"))
    assert ("narrative.direction",) in codes(report)


def test_wrong_base_year_is_a_warning(audit: Audit) -> None:
    text = SHARES.replace("比 2022 年预算", "比 2021 年预算")
    report = audit(text.format(growth="25.00", share="75.00"))
    found = [f for f in report.findings if f.code == "narrative.base_year"]
    assert [(f.params["base_year"], f.params["expected"]) for f in found] == [(2021, 2022)]


def test_narrative_amount_against_table(audit: Audit) -> None:
    text = (
        table2(
            " | 合计 | 100.00 | 100.00 | ",
            "201 | 一般公共服务支出 | 100.00 | 100.00 | ",
        )
        + "第三部分 2023 年部门预算情况说明\n"
        "一、关于 2023 年一般公共预算支出表的说明\n"
        "测试区财政局 2023 年一般公共预算支出 101.00 万元。一般公共服务支出 100.00 万元，占 100.00%。\n"
    )
    report = audit(text)
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert [(f.params["subject"], str(f.params["stated"]), str(f.params["actual"])) for f in found] == [
        ("一般公共预算支出", "101.00", "100.00")
    ]


def test_missing_table_listed_in_contents(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    目 录
    第二部分 2023 年部门预算表
    - 1.测试区财政局 2023 年一般公共预算支出预算表
    - 2.测试区财政局 2023 年政府性基金预算支出表
    第二部分 2023 年部门预算表
    表 1
    2023 年部门一般公共预算支出预算表
    单位：万元
    科目编码 | 科目名称 | 合计
     | 合计 | 1.00
    201 | 一般公共服务支出 | 1.00
    """
    report = audit(text)
    assert [(f.code, f.params["number"]) for f in report.findings if f.code.startswith("complete")] == [
        ("complete.missing_table", "2")
    ]


def test_empty_table_without_note(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    表 4
    2023 年部门政府性基金预算支出表
    单位：万元
    科目编码 | 科目名称 | 合计
    """
    assert ("complete.empty_without_note",) in codes(audit(text))


def test_codes_name_mismatch_and_wrong_system(audit: Audit) -> None:
    report = audit(
        table2(
            " | 合计 | 2.00 | 2.00 | ",
            "201 | 一般公共服务 | 1.00 | 1.00 | ",
            "30101 | 基本工资 | 1.00 | 1.00 | ",
        )
    )
    found = {f.code: f.params for f in report.findings if f.code.startswith("code.")}
    assert found["code.name_mismatch"]["catalog_name"] == "一般公共服务支出"
    assert found["code.wrong_system"]["code"] == "30101"


def test_safety_findings(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    第一部分 部门概况
    一、主要职责
    负责XX局交办的事项，联系人电话 13912345678，身份证号 11010519491231002X。
    支出增加的主要原因是。
    本年度预算编制完成，，已按时公开。
    测拭区财政局负责本部门工作，并与 and 各单位协作。
    """
    found = sorted(codes(audit(text)))
    assert found == [
        ("safety.double_punctuation",),
        ("safety.id_number",),
        ("safety.mobile",),
        ("safety.name_variant",),
        ("safety.placeholder",),
        ("safety.stray_latin",),
        ("safety.unfinished",),
    ]


def test_a_province_in_the_name_is_not_checked_for_slips(audit: Audit) -> None:
    """江苏省 and 江西省 differ by one character and a 说明 may name both: only a 区/县/市 is checked,
    and the check says why it did not run."""
    text = """
    江苏省测试厅 2023 年部门预算
    第一部分 部门概况
    一、主要职责
    江苏省测试厅与江西省测试厅开展合作。
    """
    report = audit(text)
    assert ("safety.name_variant",) not in codes(report)
    (safety,) = [c for c in report.summary()["checks"] if c["name"] == "safety"]  # type: ignore[index]
    assert safety["not_run"] == ["部门名称“江苏省测试厅”中没有区、县、市一级的地名，未核对地名写法是否一致"]


def test_a_rate_printed_without_its_percent_sign(audit: Audit) -> None:
    """The high court's 说明 (p20): 与上年相比减少 100 万元，减少 9.52， — the rate lost its %. A rate
    with its sign, an amount's change alone and a count are not reported."""
    text = """
    测试区财政局 2023 年部门预算
    第三部分 2023 年部门预算情况说明
    案件执行（项）支出 950 万元，与上年相比减少 100 万元，减少 9.52，主要原因是项目调整。
    行政运行（项）支出 120.00 万元，比上年增加 10.00 万元，增长 9.09%，主要原因是人员增加。
    机关服务（项）支出 50.00 万元，比上年增加 5.00 万元。车辆增加 2 辆，减少 1 辆。
    """
    found = [f for f in audit(text).findings if f.code == "safety.missing_percent"]
    assert [f.params["text"] for f in found] == ["减少 100 万元，减少 9.52"]


def test_a_section_marked_as_a_class(audit: Audit) -> None:
    """江苏人大 2018: under （二）社会保障和就业（类）, 行政事业单位离退休（类）…（项）. The tables list it as
    a 款 (20805): reported, and the 项's figure still compared (580.00 in the table: agrees)."""
    text = """
    测试区财政局 2023 年部门预算
    第二部分 2023 年部门预算表
    表 2
    2023 年部门一般公共预算支出预算表
    单位：万元
    科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
     | 合计 | 580.00 | 580.00 |
    208 | 社会保障和就业支出 | 580.00 | 580.00 |
    20805 | 行政事业单位养老支出 | 580.00 | 580.00 |
    2080505 | 机关事业单位基本养老保险缴费支出 | 580.00 | 580.00 |
    第三部分 2023 年部门预算情况说明
    二、关于 2023 年一般公共预算支出预算表的说明
    （二）社会保障和就业（类）
    1．行政事业单位养老支出（类）机关事业单位基本养老保险缴费支出（项）580.00 万元。
    2．社会保障和就业（类）机关事业单位基本养老保险缴费支出（项）580.00 万元。
    """
    report = audit(text)
    found = [f for f in report.findings if f.code == "narrative.wrong_level"]
    assert [(f.params["name"], f.params["printed"], f.params["level"]) for f in found] == [
        ("行政事业单位养老支出", "类", "款")
    ]
    assert not [f for f in report.findings if f.code.startswith("narrative.") and f.code != "narrative.wrong_level"]
    wrong = audit(text.replace("缴费支出（项）580.00 万元。\n    2．", "缴费支出（项）581.00 万元。\n    2．"))
    (mismatch,) = [f for f in wrong.findings if f.code == "narrative.amount_mismatch"]
    assert (str(mismatch.params["stated"]), str(mismatch.params["actual"])) == ("581.00", "580.00")


def test_a_heading_worded_otherwise_than_in_the_contents(audit: Audit) -> None:
    """The 目录's 一、主要职能 is printed 一、主要职责 (检察院 2019); 二、主要任务。 differs only by the
    closing 。 (法院 2018's 目录): one finding, at the heading."""
    text = """
    测试区财政局 2023 年部门预算
    目 录
    第一部分 部门概况
    一、主要职能
    二、主要任务。
    第一部分 部门概况
    一、主要职责
    负责本区财政工作。
    二、主要任务
    完成预算编制。
    """
    found = [f for f in audit(text).findings if f.code == "complete.heading_mismatch"]
    assert [(f.params["heading"], f.params["listed"]) for f in found] == [("一、主要职责", "主要职能")]


def test_invalid_id_checksum_is_not_reported(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    一、主要职责
    编号 110105194912310021 为档案号。
    """
    assert ("safety.id_number",) not in codes(audit(text))


PERFORMANCE = """
测试区财政局 2023 年部门预算
项目支出绩效目标申报表
项目名称 | | 测试项目
项目资金 （万元） | | 中期资金总额: | 30 万 | 年度资金总额: | 10 万
 | | 其中：财政拨款 | 30 万 | 其中：财政拨款 | 10 万
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值
 | 产出指标 | 数量指标 | 指标 1：委托业务费 | 12 万元 | 数量指标 | 指标 1：委托业务费 | 4 万元
 | | | 指标 2：办公费 | 18 万元 | | 指标 2：办公费 | {annual} 万元
 | | 成本指标 | 指标 1 | 控制在预算额度内 | ≦30 {unit} | 成本指标 | 指标 1 | 控制在预算额度内 | ≦10 万元
"""


def test_performance_amounts_add_up(audit: Audit) -> None:
    report = audit(PERFORMANCE.format(annual="6", unit="万元"))
    assert not [f for f in report.findings if f.code.startswith("perf.")]


def test_performance_amounts_that_do_not_add_up(audit: Audit) -> None:
    report = audit(PERFORMANCE.format(annual="5", unit="万元"))
    found = [f for f in report.findings if f.code == "perf.amounts"]
    assert [(f.params["period"], str(f.params["actual"]), str(f.params["expected"])) for f in found] == [
        ("年度", "9", "10")
    ]


def test_performance_cost_bound_in_yuan_is_flagged(audit: Audit) -> None:
    report = audit(PERFORMANCE.format(annual="6", unit="元"))
    found = [f for f in report.findings if f.code == "perf.units"]
    assert [(f.params["period"], f.params["value"]) for f in found] == [("中期", "≦30 元")]


BASIC = """
测试区财政局 2023 年部门预算
表 3
2023 年部门一般公共预算基本支出预算表
单位：万元
科目编码 | 科目名称 | 预算数
 | 合计 | 30.00
301 | 工资福利支出 | 20.00
30101 | 基本工资 | 20.00
302 | 商品和服务支出 | 10.00
30201 | 办公费 | 10.00
第三部分 2023 年部门预算情况说明
十二、其他重要事项情况说明
测试区财政局 2023 年机关运行经费财政拨款预算 {operating} 万元。
"""


def test_operating_cost_may_equal_public_funds(audit: Audit) -> None:
    assert ("tie.operating_cost",) not in codes(audit(BASIC.format(operating="10.00")))


def test_operating_cost_above_public_funds_is_flagged(audit: Audit) -> None:
    found = [f for f in audit(BASIC.format(operating="12.00")).findings if f.code == "tie.operating_cost"]
    assert [(str(f.params["operating"]), str(f.params["public"])) for f in found] == [("12.00", "10.00")]


def test_income_and_expenditure_totals_must_agree(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    表 1
    2023 年部门财政拨款收支预算总表
    单位：万元
    收 入 | | 支 出 | |
    项目 | 预算数 | 项目 | 合计 | 一般公共预算财政拨款
    一、本年收入 | 100.00 | 一、本年支出 | 90.00 | 90.00
    收入总计 | 100.00 | 支出总计 | 90.00 | 90.00
    """
    found = [f for f in audit(text).findings if f.code == "tie.income_expense"]
    assert [(str(f.params["income"]), str(f.params["expense"])) for f in found] == [("100.00", "90.00")]


def test_function_class_must_agree_between_tables(audit: Audit) -> None:
    text = table2(
        " | 合计 | 100.00 | 100.00 | ",
        "201 | 一般公共服务支出 | 100.00 | 100.00 | ",
    ) + (
        "表 1\n2023 年部门财政拨款收支预算总表\n单位：万元\n"
        "收 入\t\t支 出\t\t\n项目\t预算数\t项目\t合计\t一般公共预算财政拨款\n"
        "一、本年收入\t100.00\t一、本年支出\t100.00\t100.00\n"
        "\t\t（一）一般公共服务支出\t100.00\t99.00\n"
        "收入总计\t100.00\t支出总计\t100.00\t100.00\n"
    )
    found = [f for f in audit(text).findings if f.code == "tie.mismatch"]
    assert [(f.params["what"], str(f.params["left"]), str(f.params["right"])) for f in found] == [
        ("功能分类“一般公共服务支出”", "100.00", "99.00")
    ]


def test_undecodable_pdf_text_is_a_finding_not_words(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    第一部分 部门概况
    (cid:12)(cid:345)(cid:67) 负责(cid:8)工作。
    """
    found = [f for f in audit(text).findings if f.code == "read.undecodable_text"]
    assert [f.params["count"] for f in found] == [4]


def test_vehicle_categories_add_up(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    第三部分 2023 年部门预算情况说明
    十二、其他重要事项情况说明
    截至 2022 年 12 月 31 日，测试区财政局共有车辆 {n} 辆，其中：应急保障用车 1 辆、执法执勤用车 2 辆。
    """
    assert ("narrative.vehicles_sum",) not in codes(audit(text.format(n=3)))
    found = [f for f in audit(text.format(n=4)).findings if f.code == "narrative.vehicles_sum"]
    assert [(f.params["total"], f.params["actual"]) for f in found] == [(4, 3)]


def test_unit_budget_saying_department(audit: Audit) -> None:
    text = """
    测试区财政所 2023 年单位预算
    第一部分 单位概况
    本部门负责全区财政工作，本单位共有编制 10 名。
    """
    found = [f for f in audit(text).findings if f.code == "safety.scope_wording"]
    assert [f.params["text"] for f in found] == ["本部门"]


def test_template_instructions_left_in(audit: Audit) -> None:
    text = """
    测试区财政局 2023 年部门预算
    第三部分 2023 年部门预算情况说明
    一、收支预算总体情况说明
    人员经费 10 万元（按“部门预算公开06表”中实际发生经济分类支出事项填写），比上年增加（减少）1 万元。
    """
    found = [f.params["text"] for f in audit(text).findings if f.code == "safety.template_text"]
    assert found == ["（按“部门预算公开06表”中实际发生经济分类支出事项填写）", "增加（减少）"]


FINAL = """
测试区财政局 2023 年部门决算
表 1
收入支出决算总表
单位：万元
收入 | | 支出 | |
项目 | 决算数 | 项目 | 决算数
一、财政拨款收入 | 90.00 | 一、一般公共服务支出 | 80.00
二、其他收入 | 10.00 | 二、住房保障支出 | {housing}
本年收入合计 | 100.00 | 本年支出合计 | 95.00
年初结转和结余 | 5.00 | 年末结转和结余 | 10.00
总计 | 105.00 | 总计 | 105.00
"""


def test_final_accounts_identity_holds(audit: Audit) -> None:
    report = audit(FINAL.format(housing="15.00"))
    assert not [c for c in codes(report) if c[0].startswith(("total.", "tie."))]


def test_final_accounts_identity_broken(audit: Audit) -> None:
    # 本年支出合计 95 is printed, but its items add to 80 + 14 = 94; 总计 105 = 95 + 10 still holds.
    report = audit(FINAL.format(housing="14.00"))
    found = [f for f in report.findings if f.code == "total.rollup"]
    assert [(f.params["name"], str(f.params["expected"]), str(f.params["actual"])) for f in found] == [
        ("本年支出合计", "95.00", "94.00")
    ]


def test_item_named_under_its_class_heading(audit: Audit) -> None:
    text = table2(
        " | 合计 | 30.00 | 30.00 | ",
        "204 | 公共安全支出 | 30.00 | 30.00 | ",
        "20405 | 法院 | 30.00 | 30.00 | ",
        "2040501 | 行政运行 | 10.00 | 10.00 | ",
        "2040502 | 一般行政管理事务 | 20.00 | 20.00 | ",
    ) + (
        "第三部分 2023 年部门预算情况说明\n"
        "五、财政拨款支出预算情况说明\n"
        "（一）公共安全（类）\n"
        "1．法院（款）行政运行（项）支出 10 万元，与上年一致。\n"
        "2．法院（款）一般行政事务管理（项）支出 21 万元，与上年一致。\n"
    )
    report = audit(text)
    found = [f for f in report.findings if f.code.startswith("narrative.")]
    # 行政运行 (10) matches its row; the second names no item of 法院 (a word-order slip), so its
    # 21 is not compared with any row: the name is what the finding says.
    assert [(f.code, f.params.get("item")) for f in found] == [("narrative.unknown_item", "一般行政事务管理")]


def _heading(section: str | None) -> str:
    """The innermost numbered heading of a section (``八、2023 年部门预算编制说明``)."""
    text = section or ""
    return text[text.rindex("、") - 1 :]


def test_item_paid_from_the_government_fund_is_found_in_the_fund_table(audit: Audit) -> None:
    """Hypothesis found this in the Jiangsu layout: the 财政拨款 section names every 项 of the three
    budgets, and one paid from the government fund (城管执法, 12.00) under a 款 the 一般公共预算 table
    also prints (with 一般行政管理事务 only) was called unknown; so was it in Shanghai's list of the
    财政拨款's 项. The 政府性基金 section's 项 are the fund table's; the 一般公共预算 section's stay
    the 一般公共预算 table's."""
    fund = (
        "表 10\n2023 年政府性基金预算支出表\n单位：万元\n"
        "科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出\n"
        " | 合计 | 12.00 |  | 12.00\n"
        "212 | 城乡社区支出 | 12.00 |  | 12.00\n"
        "21201 | 城乡社区管理事务 | 12.00 |  | 12.00\n"
        "2120104 | 城管执法 | 12.00 |  | 12.00\n"
    )
    text = (
        table2(
            " | 合计 | 30.00 | 30.00 | ",
            "212 | 城乡社区支出 | 30.00 | 30.00 | ",
            "21201 | 城乡社区管理事务 | 30.00 | 30.00 | ",
            "2120102 | 一般行政管理事务 | 30.00 | 30.00 | ",
        )
        + fund
        + (
            "第三部分 2023 年部门预算情况说明\n"
            "五、财政拨款支出预算情况说明\n"
            "1．城乡社区支出（类）城乡社区管理事务（款）一般行政管理事务（项）支出 30.00 万元，与上年一致。\n"
            "2．城乡社区支出（类）城乡社区管理事务（款）城管执法（项）支出 12.00 万元，与上年一致。\n"
            "六、政府性基金预算支出预算情况说明\n"
            "1．城乡社区支出（类）城乡社区管理事务（款）城管执法（项）支出 13.00 万元，与上年一致。\n"
            "七、一般公共预算支出预算情况说明\n"
            "1．城乡社区支出（类）城乡社区管理事务（款）城管执法（项）支出 12.00 万元，与上年一致。\n"
            "八、2023 年部门预算编制说明\n"
            "财政拨款支出主要内容如下：\n"
            "1. “城乡社区支出-城乡社区管理事务-城管执法”科目 12.50 万元，与 2022 年预算持平。\n"
        )
    )
    found = [f for f in audit(text).findings if f.code.startswith("narrative.")]
    # 五: 30.00 and 12.00 are the rows of 表2 and 表10. 六: 13.00 against 表10's 12.00, 1.00 off.
    # 七: the 一般公共预算 table prints no 城管执法 under 城乡社区管理事务. 八 (Shanghai's wording) lists
    # the 财政拨款's 项: 12.50 against 表10's 12.00, 0.50 off.
    assert [(f.code, _heading(f.where.section), f.params.get("item") or str(f.params["diff"])) for f in found] == [
        ("narrative.amount_mismatch", "六、政府性基金预算支出预算情况说明", "1.00"),
        ("narrative.unknown_item", "七、一般公共预算支出预算情况说明", "城管执法"),
        ("narrative.amount_mismatch", "八、2023 年部门预算编制说明", "0.50"),
    ]
