"""The 说明's sentences → the facts they state (amount, share, change, growth, base year, reason).

A sentence is read as a run of tokens: an amount in 万元 opens a statement about the subject
printed before it; a following share (占 x%), change (比 2022 年预算增加 Δ 万元), growth (增长 y%)
or reason (主要原因是…) attaches to the statement it follows. The subject is kept as printed;
matching it to a table row is the checks' business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from yusuan.model.codes import name_key
from yusuan.model.document import Paragraph
from yusuan.model.location import Location
from yusuan.model.money import Amount, Percent, Unit
from yusuan.model.narrative import CountClaim, Direction, Statement

_NUM = r"\d[\d,]*(?:\.\d+)?"
_TOKEN = re.compile(
    rf"(?P<change>(?:比|较|与)\s*(?:(?P<cyear>\d{{4}})\s*年度?|上年度?|去年)?\s*"
    rf"(?P<base>预算执行数|当年预算执行数|执行数|预算数|预算|决算数|决算)?\s*(?:相比)?\s*[，,]?\s*"
    rf"(?P<cword>增加|减少|增长|下降|降低)了?\s*(?P<cnum>{_NUM})\s*(?P<cunit>万元|%))"
    rf"|(?P<flat>(?:比|较|与)\s*(?:(?P<fyear>\d{{4}})\s*年度?|上年度?)?\s*(?:预算数|预算|执行数)?\s*(?:相比)?\s*"
    rf"(?:持平|保持不变|一致|相同))"
    rf"|(?P<growth>(?P<gword>增长|增加|下降|减少|降低)了?\s*(?P<gnum>{_NUM})\s*%)"
    rf"|(?P<bare>(?P<bword>增加|减少|下降|降低)了?\s*(?P<bnum>{_NUM})\s*万元)"
    rf"|(?P<share>占(?:比)?(?P<sbase>[^，,。；;\d%]{{0,16}}?)\s*(?P<snum>{_NUM})\s*%)"
    rf"|(?P<amount>(?P<anum>{_NUM})\s*(?P<aunit>万元|元)(?!\s*(?:（含）|\(含\))?\s*(?:以上|以下)))"
)
_WORDS_UP = ("增加", "增长")
# A sentence opening with a comparison goes on about the figure of the sentence before it
# (预算数为 1685.72 万元。与上年相比增加 1557.29 万元，增长 1212.56%。).
_CONTINUES = re.compile(r"^(?:与上年度?相比|比上年|较上年|同比|与(?:19|20)\d{2}年度?相比)")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_SUBJECT_CUT = re.compile(r"[，,；;：:。、]")
_PATH = re.compile(
    r"(?P<cls>[^()（）\d.．、]+?)\s*[（(]类[）)]\s*(?P<sec>.+?)\s*[（(]款[）)]\s*(?P<item>.+?)\s*[（(]项[）)]"
)
# 法院（款）案件审判（项）, its 类 named by the heading above it (（一）公共安全（类）).
_PATH2 = re.compile(r"(?P<sec>[^()（）\d.．、，,；;：:“”]+?)\s*[（(]款[）)]\s*(?P<item>.+?)\s*[（(]项[）)]")
# 行政事业单位离退休（类）未归口管理的行政单位离退休支出（项）: a 款 printed with the 类's mark (江苏
# 人大 2018), its 类 named by the heading above it.
_PATH_MISMARKED = re.compile(r"(?P<sec>[^()（）\d.．、，,；;：:“”]+?)\s*[（(]类[）)]\s*(?P<item>.+?)\s*[（(]项[）)]")
_CLASS_IN_HEADING = re.compile(r"(?P<cls>[^\s()（）、.．]+?)\s*[（(]类[）)]")
_DASH_PATH = re.compile(r"“(?P<cls>[^“”\-－—]+)[-－—](?P<sec>[^“”]+?)[-－—](?P<item>[^“”\-－—]+)”")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
_REASON = re.compile(r"(?:主要)?原因(?:主要)?(?:是|为)?\s*[:：]?\s*(?P<reason>[^。]*)")
_LEADING_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])\s*")
_COUNT = re.compile(r"(?P<n>\d+)\s*个(?:项目|预算项目)[^。]{0,20}?绩效目标")


def _direction(word: str) -> Direction:
    return Direction.UP if word in _WORDS_UP else Direction.DOWN


def subject_before(sentence: str, start: int) -> tuple[str, int | None]:
    """The printed subject of the amount at ``start`` and the year it names, if any."""
    head = sentence[:start]
    cut = max((m.end() for m in _SUBJECT_CUT.finditer(head)), default=0)
    subject = head[cut:].strip()
    year = None
    years = list(_YEAR.finditer(subject))
    if years:
        year = int(years[-1].group(1))
        subject = subject[years[-1].end() :]
    subject = _LEADING_NUMBER.sub("", subject)
    subject = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", subject)  # 支 出 预 算 (letter-spaced)
    return re.sub(r"(?:为|是)$", "", subject.strip()), year


def extract_statements(paragraphs: Sequence[Paragraph], year: int | None) -> list[Statement]:
    """Every amount the 说明 states, with what the sentence says about it."""
    out: list[Statement] = []
    for paragraph in paragraphs:
        out.extend(_paragraph_statements(paragraph))
    return out


def _paragraph_statements(paragraph: Paragraph) -> Iterator[Statement]:
    pending: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    named: tuple[str, ...] = ()  # a 项 named in a sentence of its own, before its figures
    for sentence_match in _SENTENCE.finditer(paragraph.text):
        sentence = sentence_match.group(0)
        tokens = list(_TOKEN.finditer(sentence))
        if not tokens and "项" in sentence and (alone := _PATH.search(sentence)):
            named = tuple(alone.group(k).strip().strip('“”"') for k in ("cls", "sec", "item"))
        if current is not None and _CONTINUES.match(sentence.strip()):
            where = current["where"]
            assert isinstance(where, Location)
            current["where"] = where.with_(quote=f"{where.quote}{sentence.strip()}")
        else:
            current = None
        here = [current] if current is not None else []  # what this sentence speaks of
        for token in tokens:
            if token.group("amount"):
                current = _statement(paragraph, sentence, token, named)
                pending.append(current)
                here.append(current)
            elif current is not None:
                _attach(current, token)
        reason = _REASON.search(sentence)
        if reason:
            for fields in reversed(here):
                if "change" in fields or "growth" in fields:
                    fields["reason"] = reason.group("reason").strip()
                    break
    for fields in pending:
        yield Statement(**fields)  # type: ignore[arg-type]


# The 决算 说明 names a 项 in a sentence of its own and then gives its figures:
# 行政运行（项）。年初预算为 115.00 万元，支出决算为 120.00 万元 — the 决算数 is the 项's figure.
_FINAL_FIGURE = ("支出决算", "支出决算数", "决算数")
# …and a total the same way, named before 年初预算为:
# “三公”经费财政拨款支出年初预算为 8.00 万元，支出决算为 6.50 万元.
_BUDGETED = re.compile(r"(?P<what>[^，,。；;：:]+?)年初预算为")


def _statement(
    paragraph: Paragraph, sentence: str, token: re.Match[str], named: tuple[str, ...] = ()
) -> dict[str, object]:
    """A new statement for the amount the token found, with the subject printed before it (or the
    项 named just before, for a 决算数)."""
    unit = Unit.WAN_YUAN if token.group("aunit") == "万元" else Unit.YUAN
    subject, _ = subject_before(sentence, token.start())
    if not subject and paragraph.where.section:  # the figure opens the paragraph: its heading names it
        subject = _LEADING_NUMBER.sub("", paragraph.where.section.split(" ")[-1]).rstrip("。")
    head = sentence[: token.start()]
    path_match = _PATH.search(head) or _DASH_PATH.search(head)
    path = tuple(path_match.group(k).strip().strip('“”"') for k in ("cls", "sec", "item")) if path_match else ()
    heading = _CLASS_IN_HEADING.search(paragraph.where.section or "")
    if not path and heading and (two := _PATH2.search(head)):
        path = (heading.group("cls"), two.group("sec").strip(), two.group("item").strip())
    mismarked = None
    slip = _PATH_MISMARKED.search(head) if not path and heading else None
    if heading and slip and name_key(slip.group("sec")) != name_key(heading.group("cls")):  # not the 类 itself
        path = (heading.group("cls"), slip.group("sec").strip(), slip.group("item").strip())
        mismarked = "类"
    if not path and named and subject in _FINAL_FIGURE:
        path = named
    elif not path and subject in _FINAL_FIGURE and (budgeted := _BUDGETED.search(head)):
        subject = _LEADING_NUMBER.sub("", budgeted.group("what")).strip()  # “三公”经费财政拨款支出年初预算为…
    return {
        "subject": "-".join(path) if path else subject,
        "path": path,
        "mismarked": mismarked,
        "amount": Amount.of(token.group("anum"), unit),
        "where": paragraph.where.with_(quote=sentence.strip()),
    }


def _attach(current: dict[str, object], token: re.Match[str]) -> None:
    """A change, growth, share or 持平 the token found, said of the current statement."""
    if token.group("change"):
        if token.group("cunit") == "%":
            current["growth"] = Percent.of(token.group("cnum"))
            current["growth_direction"] = _direction(token.group("cword"))
        else:
            current["change"] = Amount.of(token.group("cnum"))
            current["change_direction"] = _direction(token.group("cword"))
        if token.group("cyear"):
            current["base_year"] = int(token.group("cyear"))
        current["base_kind"] = token.group("base") or None
    elif token.group("bare") and "change" not in current:
        current["change"] = Amount.of(token.group("bnum"))
        current["change_direction"] = _direction(token.group("bword"))
    elif token.group("flat"):
        current["change_direction"] = Direction.FLAT
        if token.group("fyear"):
            current["base_year"] = int(token.group("fyear"))
    elif token.group("growth"):
        current["growth"] = Percent.of(token.group("gnum"))
        current["growth_direction"] = _direction(token.group("gword"))
    elif token.group("share"):
        current["share"] = Percent.of(token.group("snum"))
        base = re.sub(r"(?:的|比重|比例|为)+$", "", token.group("sbase").strip())
        if base:
            current["share_base"] = base


def extract_claims(paragraphs: Sequence[Paragraph]) -> list[CountClaim]:
    """Counts the text states about the document itself (projects with performance targets)."""
    claims = []
    for paragraph in paragraphs:
        for match in _COUNT.finditer(paragraph.text):
            rest = paragraph.text[match.end() :]
            amount = re.search(rf"({_NUM})\s*万元", rest)
            claims.append(
                CountClaim(
                    "performance_projects",
                    int(match.group("n")),
                    Amount.of(amount.group(1)) if amount else None,
                    paragraph.where.with_(quote=paragraph.text),
                )
            )
    return claims
