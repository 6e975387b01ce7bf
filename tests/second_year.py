"""A second year of the reference document, for comparisons: derived, not published.

Origin: samples/anhui-yongqiao-government-office-2023-budget.txt (埇桥区人民政府办公室 2023年预算),
with its years moved on by one (2022 → 2023, 2023 → 2024) and these changes, each in every
table that prints the line:
- 2210202 提租补贴: 20.51 → 25.51 万元, and the 说明 gives a new reason for it;
- 2101103 公务员医疗补助: removed (present in 2023 only);
- 2010302 一般行政管理事务: 30.00 万元 of project spending added (present in 2024 only).
Subtotals are left as printed, so the derived year fails its audit (rollups); the store's items,
which the comparison reads, are its leaf lines. Generated at test time to keep the diff readable.
"""

from __future__ import annotations

import re
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"
NEW_REASON = "提租补贴标准提高"
CHANGES = (
    ("2210202\t提租补贴\t20.51\t20.51\t", "2210202\t提租补贴\t25.51\t25.51\t"),
    ("2101103\t公务员医疗补助\t10.61\t10.61\t\n", ""),
    (
        "2010301\t行政运行\t1,375.37\t760.37\t615.00\n",
        "2010301\t行政运行\t1,375.37\t760.37\t615.00\n2010302\t一般行政管理事务\t30.00\t\t30.00\n",
    ),
    (
        "提租补贴(项)2024年预算 20.51 万元，比 2023 年预算增加 5.83 万元，增长 39.71%，"
        "增长主要原因：一是人员增加；二是人员工资调整。",
        f"提租补贴(项)2024年预算 25.51 万元，比 2023 年预算增加 5.00 万元，增长 24.38%，增长主要原因：{NEW_REASON}。",
    ),
)


def second_year_text() -> str:
    text = re.sub(r"202[23]", lambda m: str(int(m.group(0)) + 1), REFERENCE.read_text(encoding="utf-8"))
    for old, new in CHANGES:
        assert old in text, old
        text = text.replace(old, new)
    return text


def write_second_year(folder: Path) -> Path:
    path = folder / "anhui-yongqiao-government-office-2024-budget-derived.txt"
    path.write_text(second_year_text(), encoding="utf-8")
    return path
