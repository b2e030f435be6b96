"""Write a report ``Table`` as CSV, XLSX or JSON.

- CSV (``csv`` module, UTF-8 with a header row): numbers as plain decimals (money with two
  places, percentages as 0-100 with the column saying "%"), dates ISO, n/a as empty.
- XLSX (openpyxl): bold header, frozen header row, money as numbers with ``#,##0.00``,
  percentages as fractions with ``0.00%`` (92.31 % is stored as 0.9231), days with
  ``0.00``, counts as integers, dates as dates. Decimals are written as numbers, never text.
- JSON: the same values as strings for decimals (no float rounding), ISO dates, None as null.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bhbilling.reports.table import Table

__all__ = ["CONTENT_TYPES", "EXTENSIONS", "to_csv", "to_json", "to_xlsx"]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "pdf": "pdf"}
FORMATS = {"money": "#,##0.00", "percent": "0.00%", "days": "0.00", "decimal": "0.00",
           "int": "0", "date": "yyyy-mm-dd"}
CENT = Decimal("0.01")


def _text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal) and kind in ("money", "percent", "days", "decimal"):
        return str(value.quantize(CENT))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    for r, row in enumerate(table.rows):
        writer.writerow([_text(v, table.kind(r, c)) for c, v in enumerate(row)])
    return out.getvalue().encode("utf-8")


def _cell_value(value: Any, kind: str) -> Any:
    """Decimals stay Decimal (openpyxl writes them as numbers); a percentage becomes a fraction."""
    if value is None:
        return None
    if kind == "percent":
        return Decimal(value) / 100
    return value


def to_xlsx(table: Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31].replace("/", "-")
    ws.append(list(table.header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [len(h) for h in table.header]
    for r, row in enumerate(table.rows):
        values = [_cell_value(v, table.kind(r, c)) for c, v in enumerate(row)]
        ws.append(values)
        for c, cell in enumerate(ws[ws.max_row]):
            fmt = FORMATS.get(table.kind(r, c))
            if fmt and cell.value is not None:
                cell.number_format = fmt
            widths[c] = min(max(widths[c], len(_text(row[c], table.kind(r, c)))), 60)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_json(table: Table) -> dict[str, Any]:
    return {"title": table.title,
            "columns": [{"name": c.name, "kind": c.kind} for c in table.columns],
            "rows": [[_json_value(v) for v in row] for row in table.rows],
            "row_kinds": [{str(k): v for k, v in kinds.items()} for kinds in table.row_kinds]}
