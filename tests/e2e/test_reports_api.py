"""/api/v1/reports over HTTP: KPIs and reports as JSON equal the CSV/XLSX files, rights
(VIEW_REPORTS, EXPORT_DATA for files), practice limits, bad filters, the monthly PDF, audit."""

from __future__ import annotations

import csv
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests import reportworld as rw
from tests.e2e.apiclient import session_api, token_api
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
JUNE = "start=2026-06-01&end=2026-06-30"


@pytest.fixture
def world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = rw.build(tenant, monkeypatch)
    w.biller = token_api(b.user(tenant.company, "biller", tenant.a), practice_id=tenant.a.pk)
    w.owner = session_api(b.user(tenant.company, "client_viewer", tenant.a), practice_id=tenant.a.pk)
    w.other = token_api(b.user(tenant.company, "biller", tenant.b), practice_id=tenant.b.pk)
    return w


def test_kpis_as_json(world):
    resp = world.biller.get(f"/reports/kpis?{JUNE}")
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["filters"]["practice_ids"] == [world.practice.pk]
    by_key = {k["key"]: k for k in body["kpis"]}
    assert len(by_key) == 15
    clean = by_key["clean_claim_rate"]
    assert (clean["value"], clean["numerator"], clean["denominator"], clean["status"], clean["unit"]) == (
        "71.43", "5", "7", "bad", "%")
    assert "S123" in clean["source"] and "95" in clean["benchmark"] and clean["formula"]
    assert by_key["days_in_ar"]["value"] == "55.38"
    beta = world.biller.get(f"/reports/kpis?{JUNE}&payer={world.beta.pk}").json()
    assert {k["key"]: k["value"] for k in beta["kpis"]}["days_in_ar"] == "38.57"


def test_csv_and_xlsx_files_equal_the_json(world):
    shown = world.biller.get(f"/reports/aging?{JUNE}").json()
    assert shown["rows"][-1] == ["Total", "600.00", "0.00", "0.00", "0.00", "200.00", "800.00"]
    resp = world.biller.get(f"/reports/aging?{JUNE}&format=csv")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert 'filename="report-aging-2026-06-01-2026-06-30.csv"' in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode())))
    assert rows[1:] == shown["rows"]
    resp = world.biller.get(f"/reports/kpis?{JUNE}&format=xlsx")
    assert resp.status_code == 200
    sheet = load_workbook(io.BytesIO(resp.content)).active
    values = {row[1].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    json_values = {k["key"]: k["value"] for k in world.biller.get(f"/reports/kpis?{JUNE}").json()["kpis"]}
    assert D(str(values["days_in_ar"])) == D(json_values["days_in_ar"])
    assert round(D(str(values["clean_claim_rate"])) * 100, 2) == D(json_values["clean_claim_rate"])


def test_every_report_route_answers(world):
    for name in ("kpis", "denials", "denial-reasons", "aging", "trend", "underpayments",
                 "allowed-by-code", "work"):
        resp = world.biller.get(f"/reports/{name}?{JUNE}")
        assert resp.status_code == 200, (name, resp.content)


def test_files_need_export_rights_json_does_not(world):
    assert world.owner.get(f"/reports/trend?{JUNE}").status_code == 200
    refused = world.owner.get(f"/reports/trend?{JUNE}&format=csv")
    assert refused.status_code == 403
    assert "Export data" in refused.json()["detail"] or "export" in refused.json()["detail"].lower()


def test_another_practice_is_refused_and_sees_only_its_own(world):
    resp = world.other.get(f"/reports/kpis?{JUNE}&practice={world.practice.pk}")
    assert resp.status_code == 403
    own = world.other.get(f"/reports/kpis?{JUNE}&practice=all").json()
    assert own["filters"]["practice_ids"] == [world.tenant.b.pk]
    assert all(D(k["denominator"]) == 0 for k in own["kpis"])


def test_bad_filters_name_the_field(world):
    resp = world.biller.get(f"/reports/kpis?{JUNE}&payer=999999")
    assert resp.status_code == 422 and "payer: expected a payer id" in resp.json()["detail"]
    resp = world.biller.get("/reports/kpis?start=2026-06-30&end=2026-06-01")
    assert resp.status_code == 422 and "end: expected a date on or after start" in resp.json()["detail"]
    resp = world.biller.get(f"/reports/aging?{JUNE}&format=pdf")
    assert resp.status_code == 422 and "format: expected one of json, csv, xlsx" in resp.json()["detail"]


def test_monthly_pdf(world):
    resp = world.biller.get(f"/reports/monthly?{JUNE}")
    assert resp.status_code == 200, resp.content[:300]
    assert resp["Content-Type"] == "application/pdf"
    assert ink_share(resp.content) > 0.01
    assert world.practice.name in pdf_text(resp.content)


def test_reports_are_audited_without_values(world):
    world.biller.get(f"/reports/work?{JUNE}&format=csv")
    event = m.AuditEvent.objects.filter(object_type="report").order_by("-seq").first()
    assert (event.action, event.object_id, event.practice_id) == ("export", "work", world.practice.pk)
    assert event.detail == {"format": "csv", "rows": 10, "from": "2026-06-01", "to": "2026-06-30"}
