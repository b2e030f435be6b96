"""Good Faith Estimates in the web UI: the patient section with its create form, the
estimate page (issue, replace, void, PDF), the practice worklists with the dispute flag,
read-only roles and tenant isolation -- signed in through the real login."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.web.views import home
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.browser import sign_in
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)  # a Wednesday, the day before Thanksgiving


@pytest.fixture
def world(tenant, monkeypatch):
    monkeypatch.setattr(home, "CLOCK", FixedClock(dt.datetime(2026, 11, 25, 15, tzinfo=dt.UTC)))
    w = type("World", (), {})()
    w.tenant = tenant
    b.fee_schedule(tenant.a, None, {("90791", ""): "250.00", ("90834", ""): "150.00"})
    w.provider = b.provider(tenant.a, first_name="Maya", last_name="Thornton")
    w.ana = b.patient(tenant.a, first_name="Ana", last_name="Rivera")
    w.ben = b.patient(tenant.a, first_name="Ben", last_name="Okafor")
    w.other = b.estimate(b.patient(tenant.b), b.provider(tenant.b), number="GFE-OTHER-1")
    w.biller = b.user(tenant.company, "biller", tenant.a)
    w.auditor = b.user(tenant.company, "auditor", tenant.a)
    return w


@pytest.fixture
def biller(client, world):
    sign_in(client, world.biller)
    return client


FORM = {"trigger": "scheduled", "requested_on": "2026-11-25", "first_service_on": "2026-12-01",
        "period_start": "2026-12-01", "period_end": "", "diagnoses": "F41.1",
        "code_1": "90791", "sessions_1": "1", "code_2": "90834", "sessions_2": "52"}


def test_patient_page_has_the_section_and_the_nav_entry(biller, world):
    page = biller.get(reverse("web:patient", args=[world.ana.pk])).content.decode()
    assert 'id="estimates"' in page and "Good Faith Estimates" in page
    assert "Estimate owed" in page and "no insurance active on 2026-11-25" in page
    assert 'id="estimate-form"' in page and "90834: psychotherapy, 45 min, $150.00" in page
    assert f'href="{reverse("web:estimates")}"' in page and ">Estimates</a>" in page


def test_draft_from_the_form_then_give_it_and_print_it(biller, world):
    resp = biller.post(reverse("web:estimate_new", args=[world.ana.pk]),
                       {**FORM, "provider": world.provider.pk})
    e = m.GoodFaithEstimate.unscoped.get(patient=world.ana)
    assert resp.status_code == 302 and resp["Location"] == reverse("web:estimate", args=[e.pk])
    assert (e.total, e.due_on, e.period_end) == (Decimal("8050.00"), dt.date(2026, 11, 27),
                                                 dt.date(2027, 11, 30))
    page = biller.get(resp["Location"]).content.decode()
    assert e.number in page and "$8,050.00" in page and "11/27/2026" in page and ">due<" in page
    assert "within 1 business day of scheduling" in page

    resp = biller.post(reverse("web:estimate_issue", args=[e.pk]), {"issued_on": "2026-11-27"})
    assert resp.status_code == 302
    e.refresh_from_db()
    assert (e.status, e.issued_on) == ("issued", dt.date(2026, 11, 27))
    pdf = biller.get(reverse("web:estimate_pdf", args=[e.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(pdf.content).split())
    assert "Ana Rivera" in text and "$8,050.00" in text and "Issued 11/27/2026" in text
    assert ink_share(pdf.content) > 0.01
    assert m.AuditEvent.objects.filter(action="export", object_id=str(e.pk),
                                       object_type="goodfaithestimate").exists()


def test_form_errors_name_the_code_and_nothing_is_saved(biller, world):
    resp = biller.post(reverse("web:estimate_new", args=[world.ana.pk]),
                       {**FORM, "provider": world.provider.pk, "code_2": "90837"})
    assert resp.status_code == 200
    assert "code 90837: no self-pay rate" in resp.content.decode()
    resp = biller.post(reverse("web:estimate_new", args=[world.ana.pk]),
                       {**FORM, "provider": world.provider.pk, "period_end": "2027-12-01"})
    assert "at most 12 months" in resp.content.decode()
    assert not m.GoodFaithEstimate.unscoped.filter(patient=world.ana).exists()


def test_replace_and_void(biller, world):
    old = b.estimate(world.ana, world.provider, status="issued", issued_on=dt.date(2026, 11, 26))
    form = biller.get(reverse("web:estimate_replace", args=[old.pk])).content.decode()
    assert 'value="90834"' in form and 'value="10"' in form
    resp = biller.post(reverse("web:estimate_replace", args=[old.pk]),
                       {**FORM, "provider": world.provider.pk, "code_1": "90834", "sessions_1": "20",
                        "code_2": "", "sessions_2": ""})
    new = m.GoodFaithEstimate.unscoped.get(supersedes=old)
    assert resp.status_code == 302 and new.total == Decimal("3000.00") and new.status == "draft"
    biller.post(reverse("web:estimate_void", args=[new.pk]))
    new.refresh_from_db()
    assert new.status == "void"
    resp = biller.post(reverse("web:estimate_void", args=[old.pk]), follow=True)
    assert "only a draft can be voided" in resp.content.decode()


def test_worklists_and_the_dispute_flag(biller, world):
    late = b.estimate(world.ana, world.provider, requested_on=dt.date(2026, 11, 18),
                      first_service_on=dt.date(2026, 12, 1), due_on=dt.date(2026, 11, 19))
    today = b.estimate(world.ben, world.provider, trigger="request", requested_on=dt.date(2026, 11, 20),
                       first_service_on=None, due_on=dt.date(2026, 11, 25))
    disputed = b.estimate(world.ben, world.provider, status="issued", issued_on=dt.date(2026, 11, 26),
                          period_start=dt.date(2026, 12, 1), total=Decimal("1000.00"))
    with scoped_to(world.tenant.company.pk, world.tenant.a.pk):
        for week in range(10):                                  # 10 x 140.00 = 1,400.00: exactly +400
            day = dt.date(2026, 12, 1) + dt.timedelta(weeks=week)
            s = b.session(world.ben, world.provider, date_of_service=day)
            m.CodingDecision.objects.create(practice=world.tenant.a, session=s, status="accepted",
                                            final=[{"code": "90837", "charge": "140.00", "units": 1}])
    page = biller.get(reverse("web:estimates") + "?show=overdue").content.decode()
    assert late.number in page and today.number not in page and "GFE-OTHER-1" not in page
    page = biller.get(reverse("web:estimates") + "?show=due_today").content.decode()
    assert today.number in page and late.number not in page
    page = biller.get(reverse("web:estimates") + "?show=dispute").content.decode()
    assert disputed.number in page and "$400.00 · dispute-eligible" in page
    detail = biller.get(reverse("web:estimate", args=[disputed.pk])).content.decode()
    assert 'id="dispute-flag"' in detail and "$1,400.00" in detail
    patient = biller.get(reverse("web:patient", args=[world.ben.pk])).content.decode()
    assert 'data-dispute="1"' in patient


def test_read_only_roles_read_but_cannot_write_and_other_tenants_are_404(client, world):
    sign_in(client, world.auditor)
    assert client.get(reverse("web:estimates")).status_code == 200
    page = client.get(reverse("web:patient", args=[world.ana.pk])).content.decode()
    assert "Good Faith Estimates" in page and 'id="estimate-form"' not in page
    resp = client.post(reverse("web:estimate_new", args=[world.ana.pk]),
                       {**FORM, "provider": world.provider.pk})
    assert resp.status_code == 403
    assert client.get(reverse("web:estimate", args=[world.other.pk])).status_code == 404
    assert client.get(reverse("web:estimate_pdf", args=[world.other.pk])).status_code == 404
    assert not m.GoodFaithEstimate.unscoped.filter(patient=world.ana).exists()


def test_a_dispute_is_recorded_and_closed_from_the_estimate_page(biller, world):
    e = b.estimate(world.ana, world.provider, status="issued", issued_on=dt.date(2026, 11, 26))
    page = biller.get(reverse("web:estimate", args=[e.pk])).content.decode()
    assert "No dispute recorded." in page
    biller.post(reverse("web:estimate_dispute_open", args=[e.pk]), {"on": "2026-11-27"})
    e.refresh_from_db()
    assert (e.dispute_opened_on, e.dispute_closed_on) == (dt.date(2026, 11, 27), None)
    page = biller.get(reverse("web:estimate", args=[e.pk])).content.decode()
    assert "open since 11/27/2026" in page and "statements are held" in page
    again = biller.post(reverse("web:estimate_dispute_open", args=[e.pk]), {"on": "2026-11-28"},
                        follow=True).content.decode()
    assert "already has an open dispute" in again
    biller.post(reverse("web:estimate_dispute_close", args=[e.pk]), {"on": "2026-12-15"})
    e.refresh_from_db()
    assert e.dispute_closed_on == dt.date(2026, 12, 15)
    assert "Dispute closed on 12/15/2026." in biller.get(
        reverse("web:estimate", args=[e.pk])).content.decode()
