"""Paper documents in the web UI: the claim's CMS-1500 link, a patient's superbill for a month,
the month's superbills page with its combined PDF; other tenants' rows are 404s."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from tests import builders as b
from tests.e2e.browser import sign_in
from tests.paperworld import MonthWorld
from tests.pdfcheck import ink_share, page_count, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant):
    world = MonthWorld(tenant)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    return world


@pytest.fixture
def signed_in(client, w):
    sign_in(client, w.biller)
    return client


def test_the_claim_page_links_its_cms1500_pdf(signed_in, w):
    page = signed_in.get(f"/claims/{w.insured_claim.pk}/").content.decode()
    assert f'href="/claims/{w.insured_claim.pk}/cms1500.pdf"' in page and "CMS-1500 PDF" in page
    response = signed_in.get(f"/claims/{w.insured_claim.pk}/cms1500.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    data = response.content
    assert page_count(data) == 2 and ink_share(data) > 0.05  # 7 lines: two forms
    text = pdf_text(data)
    assert w.practice.npi in text and "261234567" in text and "PAGE 2 OF 2" in text
    event = m.AuditEvent.objects.filter(action="export").order_by("-seq").first()
    assert (event.object_type, event.object_id, event.actor_id) == \
        ("claim", str(w.insured_claim.pk), w.biller.pk)


def test_data_only_prints_no_form(signed_in, w):
    data = signed_in.get(f"/claims/{w.insured_claim.pk}/cms1500.pdf?data_only=1").content
    assert "XZ99887766" in pdf_text(data) and "Patient's name" not in pdf_text(data)


def test_a_patients_superbill_for_a_month(signed_in, w):
    page = signed_in.get(f"/patients/{w.self_pay.pk}/").content.decode()
    assert f'action="/patients/{w.self_pay.pk}/superbill.pdf"' in page and 'type="month"' in page
    response = signed_in.get(f"/patients/{w.self_pay.pk}/superbill.pdf?month=2026-03")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Robin Ash" in text and "Services from 03/01/2026 to 03/31/2026" in text
    assert "Balance due $160.00" in text and ink_share(response.content) > 0.02
    bad = signed_in.get(f"/patients/{w.self_pay.pk}/superbill.pdf?month=March", follow=True)
    assert "Superbill not printed: month &#x27;March&#x27;: expected YYYY-MM" in bad.content.decode()


def test_the_superbills_page_lists_the_month_and_downloads_them_all(signed_in, w):
    page = signed_in.get("/superbills/?month=2026-03").content.decode()
    assert 'href="/superbills/"' in signed_in.get("/").content.decode()  # in the navigation
    for patient in (w.self_pay, w.birch, w.cole, w.insured):
        assert f'href="/patients/{patient.pk}/superbill.pdf?month=2026-03"' in page
    assert "$330.00" in page and "$160.00" in page  # Robin Ash: charges, paid
    assert "Not on a superbill yet" in page and "the note is not signed" in page
    assert "Aardvark" not in page
    data = signed_in.get("/superbills/all.pdf?month=2026-03").content
    assert page_count(data) >= 4 and "Lee Birch" in pdf_text(data)
    empty = signed_in.get("/superbills/?month=2025-01").content.decode()
    assert "No self-pay or out-of-network sessions in 2025-01." in empty
    assert 'id="superbills-all"' not in empty
    none = signed_in.get("/superbills/all.pdf?month=2025-01", follow=True).content.decode()
    assert "Superbills not printed: 2025-01: no patient" in none


def test_the_default_month_is_the_one_before_today(signed_in, w, monkeypatch):
    from bhbilling.entrypoints.web.views import paper

    monkeypatch.setattr(paper.timezone, "localdate", lambda: dt.date(2026, 4, 15))
    page = signed_in.get("/superbills/").content.decode()
    assert "Superbills <span class=\"mono\">2026-03</span>" in page and "Robin Ash" in page


def test_another_practices_rows_are_not_found(signed_in, w, tenant):
    other_patient = b.patient(tenant.b)
    other_claim = m.Claim.unscoped.create(
        practice=tenant.b, patient=other_patient, rendering_provider=b.provider(tenant.b),
        patient_control_number="B-1", diagnoses=["F41.1"])
    assert signed_in.get(f"/claims/{other_claim.pk}/cms1500.pdf").status_code == 404
    assert signed_in.get(f"/patients/{other_patient.pk}/superbill.pdf?month=2026-03").status_code == 404
