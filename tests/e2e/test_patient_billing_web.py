"""Patient billing in the browser (Django test client, real sign-in): the Billing section,
money forms, the ledger, payment plans, statement runs, PDFs and sending."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.e2e.browser import sign_in
from tests.integration.patient_billing.world import make_world, new_patient, owes
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = make_world(tenant, monkeypatch)
        w.patient = new_patient(w, first_name="Ana", last_name="Rivera")
        w.claim = owes(w, w.patient, "50.00")
        w.held = new_patient(w, statement_hold_reason="hardship review")
        owes(w, w.held, "30.00")
    with scoped_to(tenant.company.pk, tenant.b.pk):
        w.stranger = b.patient(tenant.b)
    w.admin = b.user(tenant.company, "practice_admin", tenant.a)
    w.biller = b.user(tenant.company, "biller", tenant.a)
    return w


@pytest.fixture
def admin(client, world):
    sign_in(client, world.admin)
    return client


def _patient_page(client, patient) -> str:
    return client.get(reverse("web:patient", args=[patient.pk])).content.decode()


def test_record_money_from_the_patient_page_and_see_it_in_the_ledger(admin, world):
    html = _patient_page(admin, world.patient)
    assert 'id="billing"' in html and "$50.00" in html and 'id="payment-form"' in html
    url = reverse("web:patient_payment", args=[world.patient.pk])
    refused = admin.post(url, {"kind": "payment", "amount": "20.00", "method": "card",
                               "reference": "4111 1111 1111 1111", "received_on": "2026-06-10"},
                         follow=True).content.decode()
    assert "Not recorded: reference: looks like a full card number" in refused
    assert not m.PatientPayment.unscoped.exists()
    done = admin.post(url, {"kind": "payment", "amount": "20.00", "method": "check",
                            "reference": "1042", "received_on": "2026-06-10",
                            "claim": world.claim.patient_control_number}, follow=True)
    assert "Payment of $20.00 recorded." in done.content.decode()
    assert done.context["billing_balance"] == D("30.00")
    too_much = admin.post(url, {"kind": "refund", "amount": "5.00", "method": "check",
                                "received_on": "2026-06-11"}, follow=True).content.decode()
    assert "at most the credit balance of $0.00" in too_much
    ledger = admin.get(reverse("web:patient_ledger", args=[world.patient.pk]))
    text = ledger.content.decode()
    assert "Payment received, check 1042" in text and 'id="ledger-total"><strong>$30.00' in text
    assert ledger.context["ledger"].balance == ledger.context["balance_check"] == D("30.00")
    assert m.AuditEvent.objects.filter(action="read", patient_id=world.patient.pk,
                                       detail__view="ledger").exists()


def test_agree_and_cancel_a_payment_plan(admin, world):
    url = reverse("web:patient_plan", args=[world.patient.pk])
    bad = admin.post(url, {"total": "80.00", "installment": "20.00", "day_of_month": "15",
                           "starts_on": "2026-06-10"}, follow=True).content.decode()
    assert "Plan not created: total: a plan can cover at most the balance of $50.00" in bad
    admin.post(url, {"total": "50.00", "installment": "20.00", "day_of_month": "15",
                     "starts_on": "2026-06-10"})
    plan = m.PaymentPlan.unscoped.get(patient=world.patient)
    html = _patient_page(admin, world.patient)
    assert 'id="payment-plan"' in html and "$20.00 a month on day 15" in html
    admin.post(reverse("web:patient_plan_cancel", args=[world.patient.pk, plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "cancelled"


def test_run_statements_download_the_pdf_and_mark_sent(admin, world):
    page = admin.get(reverse("web:statements"))
    assert page.status_code == 200 and 'href="/statements/"' in page.content.decode()  # nav
    done = admin.post(reverse("web:statements_run"), {"run_date": "2026-07-01"}, follow=True)
    html = done.content.decode()
    assert "Statements for 07/01/2026: 1 ready, 1 held" in html
    assert "held by the practice: hardship review" in html
    ready = m.Statement.unscoped.get(patient=world.patient)
    assert ready.status == "ready" and ready.balance == D("50.00")
    pdf = admin.get(reverse("web:statement_pdf", args=[ready.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "$50.00" in pdf_text(pdf.content) and ink_share(pdf.content) > 0.01
    assert m.AuditEvent.objects.filter(action="export", object_type="statement",
                                       object_id=str(ready.pk)).exists()
    admin.post(reverse("web:statement_sent", args=[ready.pk]), {"sent_on": "2026-07-02"})
    ready.refresh_from_db()
    assert (ready.status, ready.sent_on) == ("sent", dt.date(2026, 7, 2))
    held = m.Statement.unscoped.get(patient=world.held)
    refused = admin.post(reverse("web:statement_sent", args=[held.pk]), {"sent_on": "2026-07-02"},
                         follow=True).content.decode()
    assert "is held (held by the practice: hardship review)" in refused
    listed = admin.get(reverse("web:statements"), {"status": "sent"}).content.decode()
    assert ready.number in listed and held.number not in listed


def test_roles_without_post_payments_and_other_practices(client, world):
    sign_in(client, world.biller)
    html = _patient_page(client, world.patient)
    assert 'id="billing"' in html and 'id="payment-form"' not in html
    assert client.post(reverse("web:patient_payment", args=[world.patient.pk]),
                       {"amount": "5.00", "method": "cash",
                        "received_on": "2026-06-10"}).status_code == 403
    assert client.post(reverse("web:statements_run"), {"run_date": "2026-07-01"}).status_code == 403
    assert client.get(reverse("web:patient_ledger", args=[world.stranger.pk])).status_code == 404
    client.logout()
    sign_in(client, world.admin)
    assert client.post(reverse("web:patient_payment", args=[world.stranger.pk]),
                       {"amount": "5.00", "method": "cash",
                        "received_on": "2026-06-10"}).status_code == 404
    with scoped_to(world.tenant.company.pk, world.tenant.b.pk):
        other = b.statement(world.stranger)
    assert client.get(reverse("web:statement_pdf", args=[other.pk])).status_code == 404
    assert not m.PatientPayment.unscoped.exists()
