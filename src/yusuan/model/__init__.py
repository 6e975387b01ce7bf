"""yusuan's data model: standard library only, imported by every other layer and importing none."""

from yusuan.model.budget import Budget, Funding, LineItem, Purpose
from yusuan.model.codes import Code, CodeSystem, Level, normalize_code
from yusuan.model.document import (
    Block,
    Cell,
    Column,
    ContentsEntry,
    Document,
    DocumentKind,
    Paragraph,
    Row,
    RowRole,
    Scope,
    Section,
    Table,
    Term,
)
from yusuan.model.finding import Finding, Severity
from yusuan.model.location import Location
from yusuan.model.money import Amount, Percent, Unit, parse_amount
from yusuan.model.narrative import CountClaim, Direction, Statement
from yusuan.model.performance import Funds, Indicator, PerformanceTarget

__all__ = [
    "Amount",
    "Block",
    "Budget",
    "Cell",
    "Code",
    "CodeSystem",
    "Column",
    "ContentsEntry",
    "CountClaim",
    "Direction",
    "Document",
    "DocumentKind",
    "Finding",
    "Funding",
    "Funds",
    "Indicator",
    "Level",
    "LineItem",
    "Location",
    "Paragraph",
    "Percent",
    "PerformanceTarget",
    "Purpose",
    "Row",
    "RowRole",
    "Scope",
    "Section",
    "Severity",
    "Statement",
    "Table",
    "Term",
    "Unit",
    "normalize_code",
    "parse_amount",
]
