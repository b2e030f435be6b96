"""Writes to PHI and tenant rows are recorded automatically, attributed to the right actor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from bhbilling.app import audit
from bhbilling.app.models import AuditEvent, Claim, ClaimLine, Consent, Patient
from tests import builders as b

pytestmark = pytest.mark.django_db


def last_events(n: int = 1) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("-seq")[:n])[::-1]


def test_patient_create_update_delete_are_recorded(tenant):
    patient = b.patient(tenant.a)
    created = last_events()[0]
    assert (created.action, created.object_type, created.object_id) == (
        "create", "patient", str(patient.pk))
    assert (created.patient_id, created.practice_id, created.company_id) == (
        patient.pk, tenant.a.id, tenant.company.id)

    patient.ssn = "123456789"
    patient.phone = "5185550100"
    patient.save(update_fields=["ssn", "phone"])
    updated = last_events()[0]
    assert updated.action == "update"
    assert updated.detail == {"fields": ["phone", "ssn"]}

    patient.save()
    assert last_events()[0].detail == {}

    pk = patient.pk
    patient.delete()
    deleted = last_events()[0]
    assert (deleted.action, deleted.object_id, deleted.patient_id) == ("delete", str(pk), pk)
    assert audit.verify() == []


def test_every_audited_model_records_its_writes(tenant):
    provider = b.provider(tenant.a)
    assert last_events()[0].object_type == "provider"
    patient = b.patient(tenant.a)
    b.coverage(patient, b.payer(tenant.company))
    assert last_events()[0].object_type == "coverage"
    Consent.unscoped.create(practice=tenant.a, patient=patient, recipient="County court",
                            purpose="payment", scope="diagnosis and dates",
                            signed_on=dt.date(2026, 1, 5), effective_from=dt.date(2026, 1, 5))
    assert last_events()[0].object_type == "consent"
    session = b.session(patient, provider)
    assert last_events()[0].object_type == "clinicalsession"
    claim = Claim.unscoped.create(practice=tenant.a, patient=patient, rendering_provider=provider,
                                  session=session, patient_control_number="PCN-SIG-1")
    assert (last_events()[0].object_type, last_events()[0].patient_id) == ("claim", patient.pk)
    ClaimLine.unscoped.create(practice=tenant.a, claim=claim, line_number=1, code="90837",
                              charge="180.00", date_of_service=dt.date(2026, 3, 2),
                              line_control_number="L1")
    line_event = last_events()[0]
    assert (line_event.object_type, line_event.patient_id) == ("claimline", patient.pk)
    assert {e.patient_id for e in last_events(5)} == {patient.pk}


def test_bulk_create_is_silent_so_record_many_exists(tenant):
    before = AuditEvent.objects.count()
    rows = Patient.unscoped.bulk_create([
        Patient(practice=tenant.a, account_number=f"BULK{i}", first_name="Sam",
                last_name="Okafor", date_of_birth=dt.date(1990, 1, i + 1)) for i in range(3)
    ])
    assert AuditEvent.objects.count() == before
    assert audit.record_many("create", rows) == 3
    assert [e.action for e in last_events(3)] == ["create"] * 3


def test_middleware_attributes_events_to_the_request_user(tenant):
    user = b.user(tenant.company, "biller", tenant.a)
    seen = []

    def view(request):
        seen.append(audit.record("list", object_type="patient", practice_id=tenant.a.id))
        return HttpResponse("ok")

    request = RequestFactory().get("/patients/")
    request.user = user
    audit.AuditActorMiddleware(view)(request)
    assert (seen[0].actor_id, seen[0].actor) == (user.pk, user.username)
    # outside the request the context is cleared again
    assert audit.record("list", object_type="patient").actor == "system"


def test_middleware_reads_the_user_when_the_event_is_written(tenant):
    """A login view records "login" after login() replaced request.user."""
    user = b.user(tenant.company, "biller", tenant.a)
    seen = []

    def login_view(request):
        seen.append(audit.record("login_failed", object_type="user"))
        request.user = user  # what django.contrib.auth.login does
        seen.append(audit.record("login", object_type="user", object_id=user.pk))
        return HttpResponse("ok")

    request = RequestFactory().post("/login/")
    request.user = AnonymousUser()
    audit.AuditActorMiddleware(login_view)(request)
    assert [e.actor for e in seen] == ["anonymous", user.username]
    assert seen[1].actor_id == user.pk


def test_acting_as_refuses_a_blank_label():
    with pytest.raises(ValueError), audit.acting_as("  "):
        pass
