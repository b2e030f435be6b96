"""Exports match the screen: every report's CSV and XLSX read back equal its JSON values."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from bhbilling.reports import export
from bhbilling.reports.registry import REPORTS, report_table
from tests import reportworld as rw

pytestmark = pytest.mark.django_db
NUMERIC = {"money", "percent", "days", "decimal"}


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return rw.build(tenant, monkeypatch)


def _as_decimal(value) -> D:
    return D(str(value))


@pytest.mark.parametrize("name", list(REPORTS))
def test_csv_and_xlsx_equal_the_json(world, name):
    table = report_table(name, rw.filters(world))
    shown = export.to_json(table)
    assert shown["rows"], name
    csv_rows = list(csv.reader(io.StringIO(export.to_csv(table).decode("utf-8"))))
    assert tuple(csv_rows[0]) == table.header
    sheet = load_workbook(io.BytesIO(export.to_xlsx(table))).active
    assert tuple(c.value for c in sheet[1]) == table.header
    assert all(c.font.bold for c in sheet[1])
    for r, (json_row, csv_row) in enumerate(zip(shown["rows"], csv_rows[1:], strict=True)):
        cells = sheet[r + 2]
        for c, value in enumerate(json_row):
            kind, cell = table.kind(r, c), cells[c]
            if value is None:
                assert (csv_row[c], cell.value) == ("", None), (name, r, c)
            elif kind in NUMERIC:
                assert csv_row[c] == value, (name, r, c)  # both two-decimal text
                assert isinstance(cell.value, (int, float)), (name, r, c, cell.value)
                number = _as_decimal(cell.value) * (100 if kind == "percent" else 1)
                assert number.quantize(D("0.01")) == D(value), (name, r, c)
                assert cell.number_format == export.FORMATS[kind], (name, r, c)
            elif kind == "int":
                assert int(csv_row[c]) == value == cell.value, (name, r, c)
            elif kind == "date":
                assert csv_row[c] == value == cell.value.date().isoformat(), (name, r, c)
            else:
                assert csv_row[c] == str(value) == str(cell.value), (name, r, c)


def test_kpi_export_formats_each_row_by_its_unit(world):
    table = report_table("kpis", rw.filters(world))
    sheet = load_workbook(io.BytesIO(export.to_xlsx(table))).active
    by_key = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    clean, days = by_key["clean_claim_rate"], by_key["days_in_ar"]
    denial_dollars = by_key["denial_rate_dollars"]
    assert (round(clean[2].value, 4), clean[2].number_format) == (0.7143, "0.00%")
    assert (days[2].value, days[2].number_format) == (55.38, "0.00")
    # money parts as money, counts as plain numbers
    assert (denial_dollars[5].value, denial_dollars[5].number_format) == (150, "#,##0.00")
    assert (clean[5].value, clean[5].number_format) == (5, "0.00")


def test_csv_of_the_trend_has_iso_months_and_blank_na(world):
    table = report_table("trend", rw.filters(world))
    rows = list(csv.reader(io.StringIO(export.to_csv(table).decode())))
    may = next(r for r in rows if r[0] == "2026-05-01")
    assert may[table.header.index("Days in A/R")] == ""  # no charges in the 90 days: n/a
    june = next(r for r in rows if r[0] == dt.date(2026, 6, 1).isoformat())
    assert june[table.header.index("Clean claim rate")] == "71.43"
