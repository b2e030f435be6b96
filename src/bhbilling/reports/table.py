"""A report as a table: a title, typed columns and rows of plain values (what exports write).

Why typed columns: the CSV, XLSX and JSON writers format by kind (money with two decimals,
percentages as percentages, counts as integers) instead of guessing from the values, so the
same figure is written the same way everywhere. A column of kind ``by_row`` takes its kind
from ``row_kinds`` (the KPI table mixes percentages, days and dollars in one column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Column", "Table"]

#: text, int (counts), money (Decimal dollars), percent (Decimal 0-100), days / decimal
#: (Decimal), date, by_row (see row_kinds)
KINDS = ("text", "int", "money", "percent", "days", "decimal", "date", "by_row")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: kind must be one of {', '.join(KINDS)}")


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    row_kinds: list[dict[int, str]] = field(default_factory=list)

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def kind(self, row: int, col: int) -> str:
        kind = self.columns[col].kind
        if kind == "by_row":
            return self.row_kinds[row].get(col, "decimal") if row < len(self.row_kinds) else "decimal"
        return kind
