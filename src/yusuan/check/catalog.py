"""Every finding code yusuan can emit: its severity and its message in Chinese and English.

The one place a code is born. Rules and readers emit ``Finding(code, where, params)``; the
message is rendered here from ``params`` at the edge, in the language asked for. A test checks
that every code emitted anywhere is defined here with matching placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.model.finding import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Kind:
    severity: Severity
    zh: str
    en: str


CATALOG: dict[str, Kind] = {
    # Reading: what the reader could not place or parse.
    "read.bad_number": Kind(
        I,
        "金额列中读到文字“{text}”，没有作为金额计入核算（可能是跨列印刷的标签）",
        "text '{text}' read in an amount column; not counted (perhaps a label printed across columns)",
    ),
    "read.unit_missing": Kind(
        I, "表“{title}”未注明金额单位，按万元读取", "table '{title}' states no unit; read as 万元"
    ),
    "read.unknown_table": Kind(
        W,
        "无法识别表格“{title}”属于哪一张标准表，未作核对",
        "table '{title}' matches no standard table; not checked",
    ),
    "read.undecodable_text": Kind(
        W,
        "有 {count} 处文字无法解码（PDF 字体缺少 Unicode 映射，显示为 (cid:N)），这些内容未能读取和核对",
        "{count} runs of text cannot be decoded (a font without a Unicode map, shown as (cid:N)); not checked",
    ),
    "read.table_body_missing": Kind(
        W, "表“{title}”只读到标题，没有读到表格内容，未作核对", "table '{title}': title read but no body; not checked"
    ),
    "read.unplaced_grid": Kind(
        W,
        "有一个 {rows} 行的表格（“{first}…”）没有表名，未作核对",
        "a {rows}-row grid ('{first}…') has no title",
    ),
    "read.performance_unplaced": Kind(W, "绩效目标表中找不到“{what}”", "performance table: '{what}' not found"),
    # Totals within a table.
    "total.rollup": Kind(
        E,
        "{table}“{name}”{column}为 {expected}，下级科目合计 {actual}，相差 {diff}，超出舍入误差（±{tolerance}）",
        "{table} '{name}' {column} is {expected}; its children sum to {actual} (diff {diff}, beyond ±{tolerance})",
    ),
    "total.rollup_rounding": Kind(
        I,
        "{table}“{name}”{column}为 {expected}，下级科目合计 {actual}，相差 {diff}，在舍入误差（±{tolerance}）以内",
        "{table} '{name}' {column} is {expected}; children sum to {actual} (diff {diff}, within ±{tolerance})",
    ),
    "total.row": Kind(
        E,
        "{table}“{name}”行：{column}为 {expected}，{parts}之和为 {actual}，相差 {diff}",
        "{table} row '{name}': {column} is {expected} but {parts} sum to {actual} (diff {diff})",
    ),
    "total.row_rounding": Kind(
        I,
        "{table}“{name}”行：{column}为 {expected}，{parts}之和为 {actual}，相差 {diff}，在舍入误差以内",
        "{table} row '{name}': {column} {expected} vs {parts} {actual} (diff {diff}), within rounding",
    ),
    "total.duplicate_row": Kind(
        W,
        "{table}第 {row} 行“{code} {name}”与第 {first} 行完全重复，核算时只计一次",
        "{table} row {row} '{code} {name}' repeats row {first} exactly; counted once",
    ),
    # Ties between tables.
    "tie.mismatch": Kind(
        E,
        "{what}：{left_table}为 {left}，{right_table}为 {right}，相差 {diff}",
        "{what}: {left_table} has {left}, {right_table} has {right} (diff {diff})",
    ),
    "tie.income_expense": Kind(
        E,
        "{table}收入总计 {income} 与支出总计 {expense} 不相等",
        "{table}: income {income} ≠ expenditure {expense}",
    ),
    "tie.operating_cost": Kind(
        W,
        "机关运行经费 {operating} 万元大于基本支出中的公用经费 {public} 万元",
        "operating cost {operating} exceeds 公用经费 {public}",
    ),
    # The 说明 against the tables and against itself.
    "narrative.amount_mismatch": Kind(
        E,
        "说明称“{subject}”{stated} 万元，{table}为 {actual} 万元，相差 {diff}",
        "the text states '{subject}' {stated}; {table} has {actual} (diff {diff})",
    ),
    "narrative.wrong_level": Kind(
        W,
        "科目层级标注有误：“{name}”在表中是{level}级科目，说明标为（{printed}）",
        "'{name}' is marked （{printed}） in the text; the tables list it as a {level}",
    ),
    "narrative.unknown_item": Kind(
        W,
        "说明中的科目名称“{item}”（{subject}）与支出表该款下的科目名称都不一致，表中该款下为：{items}",
        "the text's item name '{item}' ({subject}) matches no item the table lists under that section ({items})",
    ),
    "narrative.share": Kind(
        E,
        "说明称“{subject}”占 {stated}，按 {amount}÷{base} 计算应为 {expected}",
        "the text gives '{subject}' a share of {stated}; {amount}/{base} is {expected}",
    ),
    "narrative.share_rounding": Kind(
        I,
        "说明中“{subject}”占比 {stated}，计算值为 {expected}，差异在舍入或截尾范围内",
        "share of '{subject}' {stated} vs computed {expected}: within rounding or truncation",
    ),
    "narrative.parts_sum": Kind(
        E,
        "说明称{subject} {stated} 万元，其中{parts}合计 {actual} 万元，相差 {diff}",
        "the text states {subject} {stated}; its parts ({parts}) add to {actual} (diff {diff})",
    ),
    "narrative.reserved_exceeds": Kind(
        E,
        "说明中{subject} {amount} 万元，超过了{whole} {whole_amount} 万元",
        "{subject} {amount} exceeds {whole} {whole_amount}",
    ),
    "narrative.shares_sum": Kind(
        W,
        "说明中同一总额下的各项占比合计为 {total}，不是 100%",
        "shares stated against one total add to {total}",
    ),
    "narrative.growth": Kind(
        E,
        "说明称“{subject}”{word} {stated}：本年 {amount}，{change_word} {change}，上年应为 {prior}，"
        "{word}率应为 {expected}",
        "the text gives '{subject}' growth {stated}; with {amount} and change {change} "
        "the prior year is {prior} and growth {expected}",
    ),
    "narrative.growth_wrong_base": Kind(
        E,
        "说明称“{subject}”{word} {stated}，这是用变动额 {change} 除以本年数 {amount} 得出的；"
        "增长率应以上年数 {prior} 为基数，应为 {expected}",
        "'{subject}' growth {stated} divides the change {change} by this year's {amount}; "
        "on the prior year {prior} it is {expected}",
    ),
    "narrative.growth_rounding": Kind(
        I,
        "说明中“{subject}”{word} {stated}，计算值为 {expected}，差异在舍入或截尾范围内",
        "growth of '{subject}' {stated} vs computed {expected}: within rounding or truncation",
    ),
    "narrative.direction": Kind(
        E,
        "说明中“{subject}”的方向词矛盾：金额“{change_word}”而比率“{growth_word}”",
        "'{subject}': the amount says '{change_word}' but the rate says '{growth_word}'",
    ),
    "narrative.base_year": Kind(
        W,
        "说明将 {year} 年数据与 {base_year} 年比较，应与上年（{expected} 年）比较",
        "the text compares {year} with {base_year}, not the prior year {expected}",
    ),
    # Completeness.
    "complete.missing_table": Kind(
        E,
        "目录列出的第 {number} 张表“{title}”在正文中没有找到",
        "table {number} '{title}' is listed but absent",
    ),
    "complete.required_table": Kind(
        W, "{layout}应公开“{title}”，文件中没有", "the {layout} set requires '{title}'; it is absent"
    ),
    "complete.empty_without_note": Kind(
        W,
        "{table}“{title}”为空表，但没有说明为何无数据",
        "{table} '{title}' is empty with no note saying why",
    ),
    "complete.heading_mismatch": Kind(
        W,
        "正文标题“{heading}”与目录“{listed}”不一致",
        "the heading '{heading}' differs from the 目录's '{listed}'",
    ),
    "complete.title_mismatch": Kind(
        W,
        "{table}正文标题“{title}”与目录“{listed}”不一致",
        "{table}: the title '{title}' differs from the contents entry '{listed}'",
    ),
    "complete.count_claim": Kind(
        W,
        "说明称 {count} 个项目实行了绩效目标管理，文件只公开了 {disclosed} 个项目的绩效目标表",
        "the text claims {count} projects with performance targets; {disclosed} are disclosed",
    ),
    "complete.unit_count": Kind(
        W,
        "概况称纳入编制范围的预算单位共 {count} 家，列出的却是 {listed} 家（{names}）",
        "the overview counts {count} budget units but lists {listed} ({names})",
    ),
    "complete.duplicate_section": Kind(
        W, "标题“{heading}”出现了 {times} 次", "the heading '{heading}' appears {times} times"
    ),
    # Classification codes.
    "code.malformed": Kind(E, "{table}科目编码“{code}”格式不正确", "{table}: code '{code}' is malformed"),
    "code.wrong_system": Kind(
        E,
        "{table}是按{expected_system}列示的表，却出现了{actual_system}编码“{code}”",
        "{table} lists {expected_system} codes but has the {actual_system} code '{code}'",
    ),
    "code.name_mismatch": Kind(
        W,
        "{table}科目“{code}”名称为“{name}”，分类目录中为“{catalog_name}”",
        "{table}: code {code} is named '{name}'; the catalog says '{catalog_name}'",
    ),
    "code.unknown": Kind(
        I,
        "{table}科目“{code} {name}”不在随附的（不完整的）分类目录中，未核对名称",
        "{table}: code {code} '{name}' is not in the shipped (partial) catalog; name not checked",
    ),
    "code.not_in_catalog": Kind(
        W,
        "{table}科目“{code} {name}”不在所给的完整分类目录中",
        "{table}: code {code} '{name}' is not in the complete catalog given",
    ),
    # Performance targets.
    "perf.amounts": Kind(
        W,
        "绩效目标“{project}”{period}金额类指标合计 {actual} 万元，与{period}资金总额 {expected} 万元不符",
        "performance target '{project}' {period}: money indicators sum to {actual}, funds are {expected}",
    ),
    "perf.units": Kind(
        W,
        "绩效目标“{project}”{period}指标“{name}”的值“{value}”以“{unit}”计，而项目资金以万元计"
        "（{period}资金总额 {funds} 万元）",
        "performance target '{project}' {period} indicator '{name}' is in {unit}; the funds are in 万元",
    ),
    "perf.value_missing": Kind(
        I,
        "绩效目标“{project}”{period}指标“{name}”没有指标值（可能是转换时丢失）",
        "performance target '{project}' {period} indicator '{name}' has no value as read",
    ),
    # Content safety.
    "safety.name_variant": Kind(
        W,
        "部门名称写法不一致：“{variant}”出现 {count} 次，标题为“{name}”",
        "the department's name is spelled '{variant}' {count} times; the title says '{name}'",
    ),
    "safety.mobile": Kind(W, "公开了手机号码“{number}”（个人信息）", "a mobile number '{number}' is published"),
    "safety.id_number": Kind(
        E, "公开了居民身份证号码“{number}”（个人信息）", "a resident ID number '{number}' is published"
    ),
    "safety.unfinished": Kind(W, "句子不完整：“{text}”", "unfinished sentence: '{text}'"),
    "safety.double_punctuation": Kind(W, "标点重复：“{text}”", "doubled punctuation: '{text}'"),
    "safety.template_text": Kind(
        W, "留有模板的填写说明“{text}”", "the template's instruction '{text}' is left in the text"
    ),
    "safety.placeholder": Kind(W, "留有占位符“{text}”", "a placeholder '{text}' is left in"),
    "safety.missing_percent": Kind(
        W, "增减幅度缺少百分号：“{text}”", "a rate of change printed without its percent sign: '{text}'"
    ),
    "safety.scope_wording": Kind(
        W, "这是单位预算，文中却写“{text}”（部门与单位的用语不一致）", "a unit budget that says '{text}'"
    ),
    "narrative.vehicles_sum": Kind(
        E,
        "说明称共有车辆 {total} 辆，其中各类车辆合计 {actual} 辆",
        "the text states {total} vehicles, but its categories add to {actual}",
    ),
    "safety.stray_latin": Kind(I, "中文句子中夹有英文单词“{text}”", "a Latin word '{text}' inside Chinese text"),
}


def render(code: str, params: dict[str, object], lang: str = "zh") -> str:
    """A finding's message in ``zh`` or ``en``."""
    kind = CATALOG[code]
    template = kind.en if lang == "en" else kind.zh
    return template.format(**{k: _text(v) for k, v in params.items()})


def _text(value: object) -> str:
    return str(value)


def findings_markdown() -> str:
    """docs/findings.md: every finding code with its severity and messages (kept true by a test)."""
    lines = [
        "# 审核发现代码 (finding codes)",
        "",
        "Generated from `src/yusuan/check/catalog.py` by `python -m yusuan.check.catalog`; do not edit by hand.",
        "",
        "| code | severity | 中文 | English |",
        "|---|---|---|---|",
    ]
    for code, kind in CATALOG.items():
        lines.append(f"| `{code}` | {kind.severity.value} | {kind.zh} | {kind.en} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(findings_markdown(), end="")
