"""Authorizations through the database: burn-down with scheduling, billing, voiding and
expiry, two overlapping authorizations, booking checks, visit limits across providers,
the REF*G1 number of a claim, and audited edits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bhbilling.app import coding
from bhbilling.app.authorizations.booking import check_booking, check_session
from bhbilling.app.authorizations.claims import assign_authorizations, authorization_for_claim
from bhbilling.app.authorizations.records import create_authorization, update_authorization
from bhbilling.app.authorizations.usage import alert_rows, usage_of
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.states import move
from bhbilling.app.models import (
    AuditEvent,
    Authorization,
    Claim,
    ClaimState,
    EligibilityCheck,
    SessionStatus,
)
from bhbilling.app.tenancy import scoped_to
from tests import builders as b

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(tenant, scope_a):
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Acme Health")
    b.fee_schedule(tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    w.provider = b.provider(tenant.a, last_name="Able")
    w.provider2 = b.provider(tenant.a, last_name="Baker")
    w.patient = b.patient(tenant.a)
    w.coverage = b.coverage(w.patient, w.payer)
    w.coder = b.user(tenant.company, "coder", tenant.a)
    # Overlapping: OLD runs out at the end of March, NEW (90837 only) starts mid-March.
    w.old = _auth(w, "AUTH-OLD", ["group:psychotherapy"], 4, D(2026, 3, 1), D(2026, 3, 31))
    w.new = _auth(w, "AUTH-NEW", ["90837"], 10, D(2026, 3, 15), D(2026, 6, 30))
    return w


def _auth(w, number, codes, units, start, end, **kw):
    data = dict(patient_id=w.patient.pk, payer_id=w.payer.pk, number=number, codes=codes,
                unit_type="visit", units_approved=units, starts_on=start, ends_on=end)
    data.update(kw)
    return create_authorization(data, practice_id=w.tenant.a.pk, actor=w.coder)


def _book(w, day, provider=None, **kw):
    fields = dict(date_of_service=day, status=SessionStatus.SCHEDULED, note_signed=False)
    fields.update(kw)
    return b.session(w.patient, provider or w.provider, **fields)


def _usage(w):
    rows = usage_of(Authorization.objects.all())
    return {r.authorization.number: (r.used, r.pending, r.remaining) for r in rows.values()}


def _bill(w, session):
    session.status, session.note_signed = SessionStatus.COMPLETED, True
    session.save()
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    return build_claim(session, actor=w.coder)


def test_scheduled_sessions_draw_from_the_authorization_that_expires_first(world):
    for day in (2, 9, 16, 23, 30):
        _book(world, D(2026, 3, day))
    # OLD (ends 3/31) takes four sessions; the fifth overflows to NEW, which covers 3/30.
    assert _usage(world) == {"AUTH-OLD": (0, 4, 0), "AUTH-NEW": (0, 1, 9)}


def test_billing_voiding_and_cancelling_move_units(world):
    first = _book(world, D(2026, 3, 2))
    for day in (9, 16, 23, 30):
        _book(world, D(2026, 3, day))
    claim = _bill(world, first)
    assert _usage(world) == {"AUTH-OLD": (1, 3, 0), "AUTH-NEW": (0, 1, 9)}
    assert authorization_for_claim(claim) == "AUTH-OLD"
    move(claim, ClaimState.VOIDED, reason="billed in error")
    # The voided claim gives its unit back: the 3/30 session now fits in OLD.
    assert _usage(world) == {"AUTH-OLD": (0, 4, 0), "AUTH-NEW": (0, 0, 10)}
    late = world.patient.sessions.get(date_of_service=D(2026, 3, 30))
    late.status = SessionStatus.CANCELLED
    late.save()
    assert _usage(world) == {"AUTH-OLD": (0, 3, 1), "AUTH-NEW": (0, 0, 10)}


def test_claim_carries_the_authorization_its_session_draws_from(world):
    for day in (2, 9, 16, 23):
        _book(world, D(2026, 3, day))
    late = _book(world, D(2026, 3, 25))
    claim = _bill(world, late)
    # OLD is full with earlier sessions, so the 3/25 claim goes out under NEW.
    assert authorization_for_claim(claim) == "AUTH-NEW"
    claim.prior_authorization = "FROM-PAYER-LETTER"
    assert authorization_for_claim(claim) == "FROM-PAYER-LETTER"  # a number on file is kept


def test_claim_being_built_gets_its_number_before_it_is_saved(world):
    session = _book(world, D(2026, 3, 3))
    session.status, session.note_signed = SessionStatus.COMPLETED, True
    session.save()
    decision = coding.decide(session, coding.propose(session, world.coder).proposed["lines"],
                             actor=world.coder)
    unsaved = Claim(practice_id=world.tenant.a.pk, patient=world.patient, payer=world.payer,
                    coverage=world.coverage, rendering_provider=world.provider, session=session,
                    decision=decision, patient_control_number="X")
    assert authorization_for_claim(unsaved) == "AUTH-OLD"
    twin = Claim(practice_id=world.tenant.a.pk, patient=world.patient, payer=world.payer,
                 coverage=world.coverage, rendering_provider=world.provider, session=session,
                 decision=decision, patient_control_number="Y", prior_authorization="KEPT")
    assign_authorizations([unsaved, twin])  # what a chunk of claims being built calls
    assert (unsaved.prior_authorization, twin.prior_authorization) == ("AUTH-OLD", "KEPT")
    unsaved.prior_authorization = ""
    unsaved.payer = b.payer(world.tenant.company, name="Other Plan")
    assert authorization_for_claim(unsaved) == ""  # no authorization of that payer


def test_expiry_unauthorized_sessions_and_alerts(world):
    for day in (2, 9, 16):
        _book(world, D(2026, 3, day))
    after = _book(world, D(2026, 4, 6), minutes={"psychotherapy": 45}, total_minutes=45,
                  end_time=dt.time(10, 45))
    alerts = alert_rows(D(2026, 3, 25))
    kinds = [(a.kind, a.authorization.number if a.authorization else "", a.blocking) for a in alerts]
    # 4/6 is a psychotherapy session: OLD lists the group but has ended; NEW lists 90837 only.
    assert kinds[0] == ("unauthorized", "", True) and alerts[0].session_id == after.pk
    assert sorted(kinds[1:]) == [("expiring", "AUTH-OLD", False),  # 6 days left
                                 ("units_left", "AUTH-OLD", False)]  # 1 of 4 left; 75 % < 80 %
    _book(world, D(2026, 3, 23))
    kinds = {(a.kind, a.authorization.number) for a in alert_rows(D(2026, 3, 25)) if a.authorization}
    assert kinds == {("exhausted", "AUTH-OLD"), ("percent_used", "AUTH-OLD"), ("expiring", "AUTH-OLD")}
    warning = check_session(after)
    assert warning.blocking
    assert warning.messages == ("authorization AUTH-OLD ended on 2026-03-31",)
    later = alert_rows(D(2026, 4, 10))
    assert ("expired", "AUTH-OLD") in [(a.kind, a.authorization.number) for a in later if a.authorization]


def test_booking_beyond_the_limit_and_the_weekly_cap_block(world):
    for day in (2, 4, 6, 9):
        _book(world, D(2026, 3, day))
    full = check_booking(world.patient, on=D(2026, 3, 11), codes=["90837"],
                         provider_id=world.provider.pk)
    assert full.blocking and full.authorization_number == "AUTH-OLD"
    assert "beyond the limit: 0 visit unit(s) left on authorization AUTH-OLD" in full.messages[0]
    ok = check_booking(world.patient, on=D(2026, 3, 17), codes=["90837"],
                       provider_id=world.provider.pk)
    assert not ok.blocking and ok.authorization_number == "AUTH-NEW" and ok.remaining_after == 9
    update_authorization(world.new, {"per_week_limit": 1}, actor=world.coder)
    _book(world, D(2026, 3, 16))
    capped = check_booking(world.patient, on=D(2026, 3, 18), codes=["90837"],
                           provider_id=world.provider.pk)
    assert capped.blocking
    assert capped.messages == ("frequency limit reached: authorization AUTH-NEW allows 1 per week",)


def test_visit_limit_counts_every_provider_of_the_practice(world):
    EligibilityCheck.objects.create(
        practice=world.tenant.a, patient=world.patient, coverage=world.coverage, payer=world.payer,
        service_date=D(2026, 3, 1), checked_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        status="active", summary={"checked_on": "2026-03-01", "level": "subscriber",
                                  "status": "active", "active": True,
                                  "visit_limit": {"limit": 3, "used": 0, "remaining": 3,
                                                  "period": "calendar year"}})
    _book(world, D(2026, 3, 2), provider=world.provider)
    _book(world, D(2026, 3, 3), provider=world.provider2)
    third = check_booking(world.patient, on=D(2026, 3, 4), service_type="psychotherapy",
                          provider_id=world.provider2.pk)
    assert not third.blocking
    assert third.visits.count.by_provider == ((str(world.provider.pk), 1), (str(world.provider2.pk), 2))
    assert "0 visit(s) left this calendar year after this one" in third.messages
    _book(world, D(2026, 3, 4), provider=world.provider2)
    fourth = check_booking(world.patient, on=D(2026, 3, 5), service_type="psychotherapy",
                           provider_id=world.provider.pk)
    assert fourth.blocking
    assert ("visit limit reached: the plan allows 3 visits per calendar year; 0 used and 4 "
            "booked with this one") in fourth.messages


def test_provider_limited_authorization_serves_only_that_provider(world):
    _auth(world, "AUTH-ABLE", ["90837"], 2, D(2026, 7, 1), D(2026, 7, 31),
          provider_id=world.provider.pk)
    _book(world, D(2026, 7, 6), provider=world.provider)
    _book(world, D(2026, 7, 7), provider=world.provider2)
    usage = _usage(world)
    assert usage["AUTH-ABLE"] == (0, 1, 1)
    kinds = [(a.kind, a.session_id is not None) for a in alert_rows(D(2026, 7, 8))]
    assert ("unauthorized", True) in kinds  # Baker's session: no authorization for Baker


def test_records_are_validated_scoped_and_audited(world, tenant):
    with pytest.raises(ValidationError) as err:
        _auth(world, "AUTH-OLD", ["90837"], 2, D(2026, 1, 1), D(2026, 1, 31))
    assert "number" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _auth(world, "X1", ["9083", "group:nope"], 2, D(2026, 1, 1), D(2026, 1, 31))
    assert "codes" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _auth(world, "X2", ["90837"], Decimal("2.5"), D(2026, 2, 1), D(2026, 1, 31))
    assert "units_approved" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _auth(world, "X3", ["90837"], 2, D(2026, 2, 1), D(2026, 1, 31))
    assert "ends_on" in err.value.message_dict
    other_payer = b.payer(tenant.company, name="Other")
    with pytest.raises(ValidationError) as err:
        _auth(world, "X4", ["90837"], 2, D(2026, 1, 1), D(2026, 1, 31), payer_id=other_payer.pk,
              coverage_id=world.coverage.pk)
    assert "coverage_id" in err.value.message_dict
    with scoped_to(tenant.company.pk, tenant.b.pk):
        stranger = b.patient(tenant.b)
    with pytest.raises(ValidationError) as err:
        _auth(world, "X5", ["90837"], 2, D(2026, 1, 1), D(2026, 1, 31), patient_id=stranger.pk)
    assert "patient_id" in err.value.message_dict
    update_authorization(world.old, {"units_approved": 6, "notes": "extended by phone"},
                         actor=world.coder)
    events = AuditEvent.objects.filter(object_type="authorization", object_id=str(world.old.pk))
    assert list(events.values_list("action", flat=True)) == ["create", "update"]
    assert events.last().detail == {"fields": ["notes", "units_approved"]}
    assert world.old.codes == ["group:psychotherapy"] and world.old.units_approved == 6
