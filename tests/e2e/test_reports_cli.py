"""`bhbilling report NAME --practice --from --to [--payer] [--provider] --format csv|xlsx|pdf`."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.main import main
from bhbilling.reports import export
from bhbilling.reports.registry import report_table
from tests import reportworld as rw
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
JUNE = ["--from", "2026-06-01", "--to", "2026-06-30"]


@pytest.fixture
def world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        return rw.build(tenant, monkeypatch)


def _run(world, *args: str) -> int:
    return main(["report", *args, "--practice", str(world.practice.pk), *JUNE])


def test_csv_to_stdout_equals_the_report(world, capsysbinary):
    assert _run(world, "kpis", "--format", "csv") == 0
    rows = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode())))
    by_key = {r[1]: r for r in rows[1:]}
    assert (by_key["clean_claim_rate"][2], by_key["days_in_ar"][2], by_key["charge_lag"][2]) == (
        "71.43", "55.38", "1.43")


def test_payer_and_provider_filters(world, tmp_path):
    out = tmp_path / "beta.csv"
    assert _run(world, "kpis", "--payer", world.beta.payer_id, "--out", str(out)) == 0
    by_key = {r[1]: r for r in csv.reader(io.StringIO(out.read_text()))}
    assert by_key["days_in_ar"][2] == "38.57"
    out = tmp_path / "bob.csv"
    assert _run(world, "denials", "--provider", world.bob.npi, "--out", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    bob = ["provider", str(world.bob.pk), "Bob Builder", "1", "150.00", "3", "550.00", "33.33", "27.27"]
    assert bob in rows


def test_xlsx_file_equals_the_report(world, tmp_path):
    out = tmp_path / "trend.xlsx"
    assert _run(world, "trend", "--format", "xlsx", "--out", str(out)) == 0
    sheet = load_workbook(out).active
    table = report_table("trend", rw.filters(world))
    assert tuple(c.value for c in sheet[1]) == table.header
    june = [c.value for c in sheet[sheet.max_row]]
    assert june[1:3] == [1300, 480]  # charges, payments as numbers
    assert export.to_json(table)["rows"][-1][1:3] == ["1300.00", "480.00"]


def test_monthly_pdf(world, tmp_path):
    out = tmp_path / "monthly.pdf"
    assert _run(world, "monthly", "--format", "pdf", "--out", str(out)) == 0
    data = out.read_bytes()
    assert ink_share(data) > 0.01
    assert world.practice.name in pdf_text(data)


def test_mistakes_exit_2_with_one_line(world, capsys):
    assert _run(world, "kpis", "--format", "pdf") == 2
    assert "only 'monthly' is a PDF" in capsys.readouterr().err
    assert _run(world, "monthly", "--format", "csv") == 2
    assert "use --format pdf" in capsys.readouterr().err
    assert _run(world, "kpis", "--payer", "NOPE") == 2
    assert "--payer NOPE: no payer" in capsys.readouterr().err
    assert main(["report", "kpis", "--practice", str(world.practice.pk), "--from", "2026-06-30",
                 "--to", "2026-06-01"]) == 2
    assert "before it starts" in capsys.readouterr().err
