"""Eligibility and authorization screens: the benefit summary on the patient page, the
on-demand 270 with its file, 271 uploads, the authorization list with usage bars, the
alerts worklist, and the add/edit form -- signed in through the real login."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.web.views import home
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "unit" / "x12" / "elig" / "data"
TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def world(tenant, monkeypatch):
    monkeypatch.setattr(home, "CLOCK", FixedClock(dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC)))
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Blue Horizon", payer_id="BHH01")
    w.channel = b.clearinghouse(tenant.company)
    b.fee_schedule(tenant.a, None, {("90837", ""): "200.00"})
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w.provider = b.provider(tenant.a)
        w.ana = b.patient(tenant.a, first_name="Ana", last_name="Rivera")
        w.coverage = b.coverage(w.ana, w.payer, member_id="XHB123456701")
        w.session = b.session(w.ana, w.provider, date_of_service=dt.date(2026, 3, 11),
                              status="scheduled", note_signed=False)
        w.auth = m.Authorization.objects.create(
            practice=tenant.a, patient=w.ana, payer=w.payer, number="PA-501", codes=["90837"],
            units_approved=1, starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 15))
    with scoped_to(tenant.company.pk, tenant.b.pk):
        other = b.patient(tenant.b, last_name="Tenantson")
        w.other_auth = m.Authorization.objects.create(
            practice=tenant.b, patient=other, payer=w.payer, number="PA-OTHER", codes=["90837"],
            units_approved=5, starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 31))
    w.biller = b.user(tenant.company, "biller", tenant.a)
    w.auditor = b.user(tenant.company, "auditor", tenant.a)
    return w


@pytest.fixture
def biller(client, world):
    sign_in(client, world.biller)
    return client


def _upload(client, world, name: str):
    with (DATA / name).open("rb") as fh:
        return client.post(reverse("web:patient_eligibility_upload", args=[world.ana.pk]),
                           {"file": fh, "on": "2026-03-09"}, follow=True)


def test_patient_page_without_an_answer_offers_the_check(biller, world):
    page = biller.get(reverse("web:patient", args=[world.ana.pk]))
    html = page.content.decode()
    assert "No eligibility answer on file" in html and ">Check eligibility</button>" in html
    assert "PA-501" in html and "<meter" in html  # the authorization with its usage bar
    assert "100% of 1 visits" in html  # the 3/11 session books the one visit


def test_uploaded_271_shows_the_benefit_summary(biller, world):
    page = _upload(biller, world, "01_health_plan_only.271")
    html = page.content.decode()
    assert "eligibility answer recorded (active)" in html
    assert "Mental-health benefits" in html and "PPO GOLD 1500" in html
    assert "$25.00" in html and "$1,500.00 ($1,200.00 left)" in html and "40%" in html
    assert "general plan benefits only" in html
    # the next session: deductible first, so the whole $200.00 fee is the patient's share
    assert "$200.00" in html and "priced at the charge" in html
    check = m.EligibilityCheck.unscoped.get(patient=world.ana)
    assert check.source == "upload" and check.checked_by == world.biller


def test_carve_out_and_refusals_read_in_plain_words(biller, world):
    with scoped_to(world.tenant.company.pk, world.tenant.a.pk):
        world.coverage.member_id = "LHP00112233"
        world.coverage.save()
    html = _upload(biller, world, "04_carve_out.271").content.decode()
    assert "Behavioral-health carve-out" in html and "MINDWELL BEHAVIORAL HEALTH" in html
    assert "bill mental health here" in html
    refused = _upload(biller, world, "08_aaa_72_member_id.271").content.decode()
    assert "not recorded: this 271 answers for a member id that is not on this patient" in refused
    assert m.EligibilityCheck.unscoped.count() == 1


def test_check_eligibility_writes_a_270_and_offers_the_file(biller, world):
    page = biller.post(reverse("web:patient_eligibility_check", args=[world.ana.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "No clearinghouse connection can send eligibility inquiries in real time yet" in html
    f = page.context["file"]
    assert f.interchange_number == 1 and f.file_name.endswith(".x12")
    assert page.context["download"] == ("data:application/edi-x12;base64,"
                                        + base64.b64encode(f.content.encode()).decode())
    assert f"TRN*1*BHB-{world.ana.pk}-{world.coverage.pk}-1*" in f.content
    assert m.Clearinghouse.unscoped.get(pk=world.channel.pk).last_interchange_number == 1
    assert m.AuditEvent.objects.filter(action="export", patient_id=world.ana.pk).exists()


def test_read_only_roles_cannot_write_270s_and_other_practices_are_404(client, world):
    sign_in(client, world.auditor)
    assert client.post(reverse("web:patient_eligibility_check", args=[world.ana.pk])).status_code == 403
    page = client.get(reverse("web:patient", args=[world.ana.pk]))
    assert page.status_code == 200 and ">Check eligibility</button>" not in page.content.decode()
    client.logout()
    sign_in(client, world.biller)
    with scoped_to(world.tenant.company.pk, world.tenant.b.pk):
        stranger = m.Patient.objects.get()
    url = reverse("web:patient_eligibility_check", args=[stranger.pk])
    assert client.post(url).status_code == 404
    assert client.get(reverse("web:authorization_edit", args=[world.other_auth.pk])).status_code == 404


def test_authorization_list_alerts_and_navigation(biller, world):
    page = biller.get(reverse("web:authorizations"))
    html = page.content.decode()
    assert 'href="/authorizations/"' in html and "Authorizations</a>" in html  # nav link
    assert "PA-501" in html and "PA-OTHER" not in html and "<meter" in html
    alerts = biller.get(reverse("web:authorization_alerts")).content.decode()
    assert "Used up" in alerts and "Expiring" in alerts and "PA-501" in alerts
    assert "PA-OTHER" not in alerts
    event = m.AuditEvent.objects.filter(action="list", object_type="authorization").latest("seq")
    assert event.detail == {"ids": [world.auth.pk]}


def test_add_and_edit_an_authorization(biller, world):
    url = reverse("web:authorization_new")
    form = biller.get(url, {"patient": world.ana.pk})
    assert form.context["form"].initial["patient"] == world.ana
    data = {"patient": world.ana.pk, "payer": world.payer.pk, "number": "PA-502",
            "codes": "9083", "unit_type": "visit", "units_approved": 12,
            "starts_on": "2026-03-16", "ends_on": "2026-06-30", "active": "on"}
    bad = biller.post(url, data)
    assert bad.status_code == 200 and "Not a code or known group" in bad.content.decode()
    data["codes"] = "90837, group:family_psychotherapy"
    done = biller.post(url, data, follow=True)
    assert "Authorization PA-502 recorded." in done.content.decode()
    row = m.Authorization.unscoped.get(number="PA-502")
    assert row.codes == ["90837", "group:family_psychotherapy"] and row.units_approved == 12
    edit = reverse("web:authorization_edit", args=[row.pk])
    assert biller.get(edit).context["form"].initial["codes"] == "90837, group:family_psychotherapy"
    data.update(units_approved=20, notes="extended")
    assert biller.post(edit, data).status_code == 302
    row.refresh_from_db()
    assert (row.units_approved, row.notes) == (20, "extended")
    dup = biller.post(edit, {**data, "number": "PA-501"})
    assert "already has an authorization with this number" in dup.content.decode()
