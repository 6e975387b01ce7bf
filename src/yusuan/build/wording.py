"""The standard wording of the Anhui 说明: amounts, changes on the prior year, shares, numbering.

Amounts are printed with 2 places and no thousands separator ("1375.37"). A change is
``current − prior``; its percentage is on the prior-year base, rounded half-up to 2 places.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from yusuan.build.input import Project
from yusuan.model.money import HUNDRED, ZERO

CENT = Decimal("0.01")

# The 类 rows the Anhui 收支总表 print, in order (the reference document's list).
CLASS_LABELS: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
)

ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1–99)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> str:
    return f"{round_half_up(value):f}"


def percent(part: Decimal, base: Decimal) -> Decimal:
    return round_half_up(part * HUNDRED / base)


def shares(amounts: Sequence[Decimal], total: Decimal) -> list[Decimal]:
    """Each amount's share of the total, half-up to 2 places, adjusted to add to 100.00.

    The rounding difference (if any) is spread 0.01 at a time over the shares that rounding
    moved furthest from their exact value (the largest-remainder method; ties: the larger share,
    then the first), so the printed shares add to exactly 100.00 when the amounts add to the
    total and each stays within 0.01 of its own rounding, however many shares there are.
    """
    if total == ZERO or not amounts:
        return [ZERO for _ in amounts]
    out = [percent(a, total) for a in amounts]
    if sum(amounts, ZERO) == total:
        gap = HUNDRED - sum(out, ZERO)
        step = CENT if gap > 0 else -CENT
        lost = [(a * HUNDRED / total - share) * step for a, share in zip(amounts, out, strict=True)]
        order = sorted(range(len(out)), key=lambda i: (-lost[i], -out[i], i))
        for i in order[: int(abs(gap) / CENT)]:
            out[i] += step
    return out


def change_clause(current: Decimal, prior: Decimal | None, year: int, reason: str, base: str = "预算") -> str:
    """The tail after an amount: ``，比 {年-1} 年预算增加 X 万元，增长 P%，增长主要原因：…。``,
    ``，与 {年-1} 年预算持平。``, or just ``。`` when there is no prior-year figure. ``base`` names
    what the prior-year figure is (预算, or 预算执行数 where Shanghai compares with it)."""
    if prior is None:
        return "。"
    if current == prior:
        return f"，与 {year - 1} 年{base}持平。"
    delta = current - prior
    verb, trend = ("增加", "增长") if delta > 0 else ("减少", "下降")
    text = f"，比 {year - 1} 年{base}{verb} {money(abs(delta))} 万元"
    if prior != ZERO:
        text += f"，{trend} {percent(abs(delta), prior)}%"
    if reason:
        text += f"，{trend}主要原因：{reason.rstrip('。')}"
    return text + "。"


def section_item(class_name: str, section_name: str, item_name: str, year: int) -> str:
    """一般公共服务支出(类)政府办公厅（室）及相关机构事务(款)行政运行(项)2023 年预算"""
    return f"{class_name}(类){section_name}(款){item_name}(项){year} 年预算"


def indicator_value(value: str, unit: str) -> str:
    """An indicator value as the 申报表 prints it: ``100%``, ``≥95%``, ``4 万元``, ``及时``."""
    if not value or not unit:
        return value
    return f"{value}{unit}" if unit in ("%", "％") else f"{value} {unit}"


def project_texts(project: Project, implementer: str, index: int) -> list[str]:
    """A project's 项目经费情况说明: ``1.“name”项目。`` then (1)项目概述 … (6)绩效目标, the standard
    headings (domain.md §3.1), leaving out what the input does not give."""
    parts = [
        ("项目概述", project.summary),
        ("立项依据", project.basis),
        ("实施主体", implementer),
        ("实施周期", project.period),
        ("年度预算安排", f"{project.source.value}拨款 {money(project.amount)} 万元"),
        ("绩效目标", "；".join(g.rstrip("。；") for g in project.annual_goals)),
    ]
    shown = [(heading, text.rstrip("。")) for heading, text in parts if text]
    return [f"{index}.“{project.name}”项目。", *(f"({n}){h}。{t}。" for n, (h, t) in enumerate(shown, 1))]
