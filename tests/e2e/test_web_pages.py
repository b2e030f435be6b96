"""Web pages after sign-in: tenant isolation, PHI permission, audit of reads, the switcher,
and the superuser-only OTP admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from bhbilling.app.models import AuditEvent, Consent, FeeSchedule, FeeScheduleRate, Payer
from bhbilling.app.tenancy import access as tenancy_access
from bhbilling.app.tenancy.middleware import SESSION_KEY
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views import home
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant):
    """Practice A with a provider, patient, coverage, consent, sessions; B with its own."""
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Acme Health")
    w.provider = b.provider(tenant.a, first_name="Ada", last_name="Lovelace")
    w.patient = b.patient(tenant.a, first_name="Jamie", last_name="Quill", ssn="123456789")
    w.coverage = b.coverage(w.patient, w.payer, member_id="XZ99887766", group_number="GRP1")
    Consent.unscoped.create(practice=tenant.a, patient=w.patient, recipient="Acme Health",
                            purpose="payment", scope="claims data",
                            signed_on=dt.date(2026, 1, 5), effective_from=dt.date(2026, 1, 5))
    w.session = b.session(w.patient, w.provider, date_of_service=dt.date(2026, 3, 2),
                          diagnoses=["F41.1", "F32.1"])
    w.old_session = b.session(w.patient, w.provider, date_of_service=dt.date(2026, 2, 20))
    w.other_provider = b.provider(tenant.b, first_name="Grace", last_name="Hopper")
    w.other_patient = b.patient(tenant.b, first_name="Other", last_name="Tenantson")
    w.other_session = b.session(w.other_patient, w.other_provider)
    w.biller = b.user(tenant.company, role="biller", practice_row=tenant.a)
    return w


@pytest.fixture
def signed_in(client, world):
    sign_in(client, world.biller)
    return client


def test_home_counts_this_month_for_current_practice(signed_in, monkeypatch):
    monkeypatch.setattr(home, "CLOCK", FixedClock(dt.date(2026, 3, 15)))
    page = signed_in.get(reverse("web:home"))
    assert page.status_code == 200
    assert page.context["patient_count"] == 1
    assert page.context["provider_count"] == 1
    assert page.context["session_count"] == 1  # February's session and practice B's do not count
    assert b"Practice A" in page.content
    assert b"Patients" in page.content and b"Payers" in page.content  # left navigation


def test_patient_list_shows_only_this_practice_and_is_audited(signed_in, world):
    page = signed_in.get(reverse("web:patients"))
    assert page.status_code == 200
    assert b"Quill, Jamie" in page.content
    assert b"Tenantson" not in page.content
    assert b"04/12/1988" in page.content  # US date format
    event = AuditEvent.objects.get(action="list", object_type="Patient")
    assert event.detail["ids"] == [world.patient.pk]
    assert event.practice_id == world.tenant.a.pk


def test_htmx_search_returns_a_partial_without_the_search_text_in_audit(signed_in, world):
    b.patient(world.tenant.a, first_name="Morgan", last_name="Zed")
    page = signed_in.get(reverse("web:patients"), {"q": "qui"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert b"<html" not in page.content
    assert b"Quill, Jamie" in page.content
    assert b"Zed" not in page.content
    assert "HX-Request" in page["Vary"]
    event = AuditEvent.objects.filter(action="list").latest("seq")
    assert event.detail["searched"] is True
    restore = signed_in.get(reverse("web:patients"), {"q": "qui"}, HTTP_HX_REQUEST="true",
                            HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in restore.content
    assert "qui" not in str(event.detail).lower()


def test_search_by_last_comma_first_and_account(signed_in, world):
    assert b"Quill, Jamie" in signed_in.get(reverse("web:patients"), {"q": "Quill, Ja"}).content
    page = signed_in.get(reverse("web:patients"), {"q": world.patient.account_number})
    assert b"Quill, Jamie" in page.content
    assert b"No patients match" in signed_in.get(reverse("web:patients"), {"q": "Tenantson"}).content


def test_patient_list_pages_by_fifty(signed_in, world):
    for i in range(50):
        b.patient(world.tenant.a, last_name=f"Bulk{i:03d}")
    first = signed_in.get(reverse("web:patients"))
    assert len(first.context["page"]) == 50
    assert b"Page 1 of 2" in first.content
    second = signed_in.get(reverse("web:patients"), {"page": 2})
    assert len(second.context["page"]) == 1


def test_patient_detail_shows_chart_summary_and_is_audited(signed_in, world):
    page = signed_in.get(reverse("web:patient", args=[world.patient.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jamie Quill" in html
    assert "04/12/1988" in html
    assert "***-**-6789" in html
    assert "123456789" not in html and "123-45" not in html
    assert "XZ99887766" in html and "Acme Health" in html
    assert "payment" in html  # consent purpose
    assert "03/02/2026" in html and "02/20/2026" in html
    event = AuditEvent.objects.get(action="read", object_type__iexact="patient")
    assert event.patient_id == world.patient.pk
    assert event.actor_id == world.biller.pk


@pytest.mark.parametrize("name", ["patient", "session", "provider"])
def test_other_practice_rows_are_not_found(signed_in, world, name):
    row = {"patient": world.other_patient, "session": world.other_session,
           "provider": world.other_provider}[name]
    assert signed_in.get(reverse(f"web:{name}", args=[row.pk])).status_code == 404


def test_other_company_payer_is_not_found(signed_in, world):
    foreign = b.payer(b.company("Elsewhere"), name="Foreign Plan")
    assert signed_in.get(reverse("web:payer", args=[foreign.pk])).status_code == 404
    assert b"Foreign Plan" not in signed_in.get(reverse("web:payers")).content


def test_sessions_filter_by_date_provider_and_patient(signed_in, world):
    url = reverse("web:sessions")
    march = signed_in.get(url, {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert [s.pk for s in march.context["page"]] == [world.session.pk]
    assert b"Quill, Jamie" in march.content
    everything = signed_in.get(url)
    assert {s.pk for s in everything.context["page"]} == {world.session.pk, world.old_session.pk}
    assert b"Tenantson" not in everything.content
    by_patient = signed_in.get(url, {"patient": world.patient.pk})
    assert len(by_patient.context["page"]) == 2
    by_name = signed_in.get(url, {"last_name": "nobody"})
    assert len(by_name.context["page"]) == 0
    other = b.provider(world.tenant.a, first_name="Carl", last_name="Rogers")
    assert len(signed_in.get(url, {"provider": other.pk}).context["page"]) == 0
    foreign_patient = signed_in.get(url, {"patient": world.other_patient.pk})
    assert len(foreign_patient.context["page"]) == 0
    backwards = signed_in.get(url, {"date_from": "2026-03-31", "date_to": "2026-03-01"})
    assert b"start date is after the end date" in backwards.content


def test_session_detail_is_audited(signed_in, world):
    page = signed_in.get(reverse("web:session", args=[world.session.pk]))
    assert page.status_code == 200
    assert b"F32.1" in page.content and b"03/02/2026" in page.content
    event = AuditEvent.objects.get(action="read", object_id=str(world.session.pk))
    assert event.patient_id == world.patient.pk


def test_provider_and_payer_pages(signed_in, world):
    assert b"Lovelace, Ada" in signed_in.get(reverse("web:providers")).content
    assert b"Hopper" not in signed_in.get(reverse("web:providers")).content
    detail = signed_in.get(reverse("web:provider", args=[world.provider.pk]))
    assert world.provider.npi.encode() in detail.content
    schedule = FeeSchedule.unscoped.create(practice=world.tenant.a, payer=world.payer,
                                           name="Acme 2026", effective_from=dt.date(2026, 1, 1))
    FeeScheduleRate.unscoped.create(practice=world.tenant.a, schedule=schedule, code="90837",
                                    charge=Decimal("180.00"))
    payer_page = signed_in.get(reverse("web:payer", args=[world.payer.pk]))
    assert b"Acme 2026" in payer_page.content and b"$180.00" in payer_page.content
    assert payer_page.context["covered_patients"] == 1
    assert b"same as paper claims" in payer_page.content
    type(world.payer).unscoped.filter(pk=world.payer.pk).update(
        address_line1="PO Box 3000", city="Burlington", state="VT", postal_code="054023000",
        appeals_line1="Appeals, PO Box 3090", appeals_city="Burlington", appeals_state="VT",
        appeals_postal_code="05402", phone="8025550170")
    payer_page = signed_in.get(reverse("web:payer", args=[world.payer.pk]))
    for text in (b"PO Box 3000<br>Burlington, VT 05402-3000", b"Appeals, PO Box 3090<br>Burlington, VT 05402",
                 b"(802) 555-0170"):
        assert text in payer_page.content, text


def test_user_without_view_phi_gets_403_on_phi_pages(signed_in, world, monkeypatch):
    real = tenancy_access.has_permission
    monkeypatch.setattr(tenancy_access, "has_permission",
                        lambda role, perm: perm is not Permission.VIEW_PHI and real(role, perm))
    for url in (reverse("web:patients"), reverse("web:patient", args=[world.patient.pk]),
                reverse("web:sessions"), reverse("web:session", args=[world.session.pk])):
        assert signed_in.get(url).status_code == 403, url
    assert signed_in.get(reverse("web:providers")).status_code == 200
    assert not AuditEvent.objects.filter(action__in=["read", "list"]).exists()


def test_user_without_membership_gets_403(client, world):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    loner = get_user_model().objects.create_user(username="loner", password=b.PASSWORD)
    TOTPDevice.objects.create(user=loner, name="default", confirmed=True)
    sign_in(client, loner)
    assert client.get(reverse("web:home")).status_code == 403
    assert client.get(reverse("web:patients")).status_code == 403


def test_practice_switcher(client, world):
    admin_user = b.user(world.tenant.company, role="company_admin")
    sign_in(client, admin_user)
    home_page = client.get(reverse("web:home"))
    assert b'name="practice_id"' in home_page.content
    assert b"Practice B" in home_page.content
    response = client.post(reverse("web:switch_practice"),
                           {"practice_id": world.tenant.b.pk, "next": "/patients/"})
    assert response["Location"] == "/patients/"
    assert client.session[SESSION_KEY] == world.tenant.b.pk
    page = client.get(reverse("web:patients"))
    assert b"Tenantson" in page.content and b"Quill" not in page.content
    # A detail page of the old practice is not a place to return to.
    back = client.post(reverse("web:switch_practice"),
                       {"practice_id": world.tenant.a.pk,
                        "next": reverse("web:patient", args=[world.other_patient.pk])})
    assert back["Location"] == reverse("web:home")


def test_switch_to_practice_without_access_is_403(signed_in, world):
    for value in (world.tenant.b.pk, "not-a-number", 999_999):
        response = signed_in.post(reverse("web:switch_practice"), {"practice_id": value})
        assert response.status_code == 403
    assert signed_in.session.get(SESSION_KEY) in (None, world.tenant.a.pk)
    assert signed_in.get(reverse("web:switch_practice")).status_code == 405


@pytest.fixture
def superuser(tenant):
    user = b.user(tenant.company, role="company_admin", username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_admin_lists_reference_data_across_companies(client, superuser, world):
    b.payer(b.company("Elsewhere"), name="Foreign Plan")
    sign_in(client, superuser)
    page = client.get("/admin/billing/payer/")
    assert page.status_code == 200
    assert b"Acme Health" in page.content and b"Foreign Plan" in page.content
    assert b"/admin/billing/patient/" not in client.get("/admin/").content  # PHI not in admin
    response = client.post("/admin/billing/payer/add/", {
        "company": world.tenant.company.pk, "name": "New Plan", "payer_id": "NEW01",
        "kind": "commercial", "timely_filing_days": 90, "active": "on",
    })
    assert response.status_code == 302, response.content[:2000]
    assert Payer.unscoped.filter(payer_id="NEW01").exists()
    duplicate = client.post("/admin/billing/payer/add/", {
        "company": world.tenant.company.pk, "name": "Copy", "payer_id": "NEW01",
        "kind": "commercial", "timely_filing_days": 90,
    })
    assert duplicate.status_code == 200  # the unique constraint is checked in the row's scope
    assert Payer.unscoped.filter(payer_id="NEW01").count() == 1


def test_admin_fee_schedule_with_inline_rates(client, superuser, world):
    sign_in(client, superuser)
    response = client.post("/admin/billing/feeschedule/add/", {
        "practice": world.tenant.a.pk, "payer": world.payer.pk, "name": "Acme 2026",
        "effective_from": "2026-01-01",
        "rates-TOTAL_FORMS": 1, "rates-INITIAL_FORMS": 0,
        "rates-0-code": "90837", "rates-0-modifiers": "", "rates-0-charge": "180.00",
    })
    assert response.status_code == 302, response.content[:3000]
    rate = FeeScheduleRate.unscoped.get(code="90837")
    assert rate.practice_id == world.tenant.a.pk
    assert client.get(f"/admin/billing/feeschedule/{rate.schedule_id}/change/").status_code == 200


def test_admin_refuses_staff_without_superuser_and_unverified_sessions(client, world, superuser):
    staff = b.user(world.tenant.company, role="biller", practice_row=world.tenant.a)
    staff.is_staff = True
    staff.save()
    sign_in(client, staff)
    assert client.get("/admin/billing/payer/").status_code == 302
    client.post(reverse("web:logout"))
    client.post(reverse("web:login"), {"username": superuser.username, "password": b.PASSWORD})
    assert client.get("/admin/")["Location"] == reverse("web:verify")
    client.post(reverse("web:logout"))
    assert b"otp_token" in client.get("/admin/login/").content
