"""The reports dashboard through the Django test client: cards, charts, filters, drill-downs,
the monthly PDF and exports, with tenancy and permissions."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from benchmarks.report_world import Plan, generate
from django.urls import reverse

from bhbilling.app import models as m
from bhbilling.entrypoints.web.views import dashboard
from bhbilling.kernel.clock import FixedClock
from bhbilling.reports import kpis
from bhbilling.reports.charts import format_value
from bhbilling.reports.filters import ReportFilters
from tests import builders as b
from tests.e2e.browser import sign_in
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)
MAY = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(dashboard, "CLOCK", FixedClock(TODAY))
    w = generate(Plan(claims=400, practices=2, providers=3, today=TODAY, seed=5))
    company = m.BillingCompany.objects.get(pk=w.company_id)
    w.first, w.second = w.practice_ids
    w.owner = b.user(company, role="client_viewer", practice_row=m.Practice.unscoped.get(pk=w.first))
    w.admin = b.user(company, role="company_admin")
    return w


def _signed(client, user):
    sign_in(client, user)
    return client


def _filters(practices, payer=None) -> ReportFilters:
    return ReportFilters(tuple(practices), *MAY, TODAY, payer_id=payer)


def test_the_dashboard_shows_every_kpi_with_benchmark_formula_and_charts(client, world):
    page = _signed(client, world.owner).get(reverse("web:dashboard"))
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["f"].start == MAY[0] and page.context["f"].end == MAY[1]  # last full month
    values = kpis.compute(_filters([world.first]))
    cards = page.context["cards"]
    assert [c["kpi"].key for c in cards] == [v.key for v in values] and len(cards) == 15
    for card, v in zip(cards, values, strict=True):
        assert card["value"] == format_value(v.value, v.unit)
        assert f'data-kpi="{v.key}"' in html
    clean = next(v for v in values if v.key == "clean_claim_rate")
    assert clean.denominator > 0 and format_value(clean.value, "%") in html
    assert "Formula and source" in html and "HFMA MAP Key CL-1" in html and "≥ 95 % standard" in html
    charts = [c["title"] for c in page.context["charts"]]
    assert charts[:4] == [
        "Charges vs payments by month",
        "Denial rate and clean-claim rate",
        "Days in A/R at month end",
        "Open A/R by age of service",
    ]
    assert html.count("<svg ") == len(charts) == html.count('role="img"')
    assert 'aria-labelledby="trend-money-title trend-money-desc"' in html
    assert 'href="/dashboard/"' in html and ">Dashboard<" in html  # nav entry
    assert f"/reports/monthly.pdf?practice={world.first}&amp;month=2026-05" in html
    assert "export" not in page.context or not page.context["can_export"]  # client viewers may not export


def test_filters_change_the_figures_as_counted_by_hand(client, world):
    client = _signed(client, world.owner)
    payer = m.Payer.unscoped.get(company_id=world.company_id, name="State Medicaid")

    def remitted(payer_id=None) -> int:  # claims with an 835 payment dated in May, counted directly
        q = m.ClaimPayment.unscoped.filter(practice_id=world.first, remittance__payment_date__range=MAY)
        if payer_id:
            q = q.filter(claim__payer_id=payer_id)
        return q.values("claim_id").distinct().count()

    def denominator(response) -> Decimal:
        return next(
            c["kpi"] for c in response.context["cards"] if c["kpi"].key == "denial_rate_count"
        ).denominator

    everyone = client.get(reverse("web:dashboard"))
    medicaid = client.get(reverse("web:dashboard"), {"payer": payer.pk})
    assert denominator(everyone) == remitted() > denominator(medicaid) == remitted(payer.pk) > 0
    june = client.get(reverse("web:dashboard"), {"start": "2026-06-01", "end": "2026-06-30"})
    assert june.context["f"].start == dt.date(2026, 6, 1)
    assert [c["value"] for c in june.context["cards"]] != [c["value"] for c in everyone.context["cards"]]


def test_every_drill_down_adds_up_to_its_figure(client, world):
    client = _signed(client, world.owner)
    page = client.get(reverse("web:dashboard"))
    checked = 0
    for card in page.context["cards"]:
        for part, url in card["links"].items():
            drill = client.get(url)
            assert drill.status_code == 200, url
            summary = drill.context["summary"]
            figure = getattr(card["kpi"], part)
            expected = summary.count if summary.total is None else summary.total
            assert Decimal(expected) == figure, (card["kpi"].key, part, summary)
            assert drill.context["page"].paginator.count == summary.count
            checked += 1
    assert checked >= 25
    submitted = client.get(page.context["cards"][0]["links"]["denominator"])  # clean claim rate
    assert submitted.context["summary"].count > 0
    assert b'id="drill-claims"' in submitted.content and b"Bench" in submitted.content  # patient names
    assert m.AuditEvent.objects.filter(object_type="kpi_drilldown").exists()


def test_chart_bars_link_to_the_claims_of_their_month(client, world):
    client = _signed(client, world.owner)
    html = client.get(reverse("web:dashboard")).content.decode()
    svg = html[html.index('id="trend-rates"') : html.index("</svg>", html.index('id="trend-rates"'))]
    links = [
        u.replace("&amp;", "&")
        for u in re.findall(r'<a [^>]*href="(/dashboard/drill/[^"]*)"', svg)
        if "kpi=denial_rate_count" in u
    ]
    assert len(links) == 12  # one point per month
    denied = 0
    for url in links:
        month = dt.date.fromisoformat(re.search(r"start=([0-9-]+)", url).group(1))
        end = dt.date.fromisoformat(re.search(r"end=([0-9-]+)", url).group(1))
        assert end.month == month.month and end.day >= 28
        figure = kpis.kpi(ReportFilters((world.first,), month, end, TODAY), "denial_rate_count")
        count = client.get(url).context["summary"].count
        assert count == figure.numerator
        denied += count
    assert denied > 0


def test_other_practices_are_refused_and_bad_filters_are_explained(client, world):
    client = _signed(client, world.owner)
    assert client.get(reverse("web:dashboard"), {"practice": world.second}).status_code == 403
    assert client.get(reverse("web:dashboard"), {"practice": "all"}).context["f"].practice_ids == (
        world.first,
    )
    other_payer = b.payer(b.company(), name="Elsewhere")
    page = client.get(reverse("web:dashboard"), {"payer": other_payer.pk, "start": "2026-13-01"})
    assert page.status_code == 200 and page.context["f"].payer_id is None
    assert "payer: expected one of the listed payers" in page.content.decode()
    assert "start: expected a date as YYYY-MM-DD" in page.content.decode()
    assert client.get(reverse("web:monthly_pdf"), {"practice": world.second}).status_code == 403
    assert client.get(reverse("web:dashboard_export"), {"report": "kpis"}).status_code == 403


def test_all_practices_for_a_company_admin_add_up(client, world):
    client = _signed(client, world.admin)
    both = client.get(reverse("web:dashboard"), {"practice": "all"})
    one = client.get(reverse("web:dashboard"), {"practice": world.first})
    two = client.get(reverse("web:dashboard"), {"practice": world.second})

    def submitted(r):
        return next(c["kpi"] for c in r.context["cards"] if c["kpi"].key == "clean_claim_rate").denominator

    assert submitted(both) == submitted(one) + submitted(two) > 0
    assert both.context["monthly_url"] == ""  # the client report is per practice


def test_monthly_pdf_and_exports_download(client, world):
    client = _signed(client, world.admin)
    pdf = client.get(reverse("web:monthly_pdf"), {"practice": world.first, "month": "2026-05"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f"monthly-report-{world.first}-2026-05.pdf" in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert m.Practice.unscoped.get(pk=world.first).name in text and "Clean claim rate" in text
    assert ink_share(pdf.content) > 0.02
    assert (
        client.get(reverse("web:monthly_pdf"), {"practice": world.first, "month": "May"}).status_code == 400
    )
    csv = client.get(
        reverse("web:dashboard_export"), {"practice": world.first, "report": "kpis", "format": "csv"}
    )
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0].startswith("KPI,Key,Value")
    xlsx = client.get(
        reverse("web:dashboard_export"), {"practice": world.first, "report": "aging", "format": "xlsx"}
    )
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
