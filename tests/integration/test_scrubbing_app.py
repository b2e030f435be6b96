"""The scrubber in the app: snapshots built from rows, stored runs, the readiness gate,
overrides with a role and a reason, and a query count that does not grow with the batch."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.scrubbing import service
from bhbilling.app.scrubbing.consents import recipient_payers
from bhbilling.app.scrubbing.overrides import OverrideRefused, add_override, revoke_override
from bhbilling.app.scrubbing.snapshots import build_snapshots
from bhbilling.kernel.clock import FixedClock
from tests import builders as b

pytestmark = pytest.mark.django_db
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    monkeypatch.setattr(service, "CLOCK", FixedClock(TODAY))
    w = type("World", (), {})()
    w.tenant, w.practice = tenant, tenant.a
    w.payer = b.payer(tenant.company, name="Acme Health", timely_filing_days=180)
    b.fee_schedule(w.practice, None, {("90837", ""): "180.00", ("90834", ""): "140.00",
                                      ("90785", ""): "25.00", ("H0004", ""): "40.00"})
    w.provider = b.provider(w.practice, credential="LCSW")
    b.licence(w.provider)
    w.patient = b.patient(w.practice, **ADDRESS)
    w.coverage = b.coverage(w.patient, w.payer, relationship="18")
    w.location = b.location(w.practice)
    w.coder = b.user(tenant.company, "coder", w.practice)
    w.biller = b.user(tenant.company, "biller", w.practice)
    b.scrub_clean(w.practice, [w.provider], [w.payer])
    return w


def _claim(w, patient=None, **kw) -> m.Claim:
    session = b.session(patient or w.patient, w.provider, location=w.location, **kw)
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    return build_claim(session)


def _snapshot(claim):
    [built] = build_snapshots(claim.practice_id, [claim.pk], as_of=TODAY)
    return built.snapshot


def _rules(claim) -> list[str]:
    [scrubbed] = service.scrub_claims([claim.pk], store=False)
    return sorted(f.rule for f in scrubbed.result.findings)


def test_snapshot_carries_the_facts_of_the_rows(world):
    claim = _claim(world)
    s = _snapshot(claim)
    assert s.claim_id == claim.patient_control_number and s.as_of == TODAY
    assert (s.billing.npi, s.billing.address.zip, s.billing.address.lines) == (
        world.practice.npi, "122071234", ("12 Main St",))
    assert (s.rendering.npi, s.rendering.credential) == (world.provider.npi, "LCSW")
    assert (s.rendering.licence_from, s.rendering.licence_to) == (dt.date(2020, 1, 1), dt.date(2027, 12, 31))
    assert s.rendering.enrolled_payer_ids == {world.payer.payer_id}
    assert (s.payer.payer_id, s.payer.name, s.payer.kind, s.payer.timely_filing_days) == (
        world.payer.payer_id, "commercial-default", "commercial", 180)
    cov = s.coverage
    assert (cov.member_id_present, cov.subscriber_name_present, cov.subscriber_birth_date_present) == (
        True, True, True)
    assert cov.eligibility is None and s.history == () and s.authorizations == ()
    [line] = s.lines
    assert (line.code, line.charge, line.minutes, line.session_id) == (
        "90837", Decimal("180.00"), 53, str(claim.session_id))
    assert s.fee_schedule["90837"] == Decimal("180.00")
    assert (s.modality, s.patient_at_home, s.part2_program, s.patient.self_pay) == (
        "in_person", None, False, False)


def test_a_clean_claim_is_stored_as_a_ready_run(world):
    claim = _claim(world)
    [scrubbed] = service.scrub_claims([claim.pk], actor=world.biller)
    assert [f.rule for f in scrubbed.result.findings] == ["COV-ELIG-001"]  # never checked: a warning
    run = service.latest_run(claim)
    assert (run.pack, run.ready, run.clean, run.actor) == ("bh-core", True, True, world.biller.username)
    assert run.findings[0]["rule"] == "COV-ELIG-001" and run.findings[0]["fix"]
    assert m.AuditEvent.objects.filter(object_type="scrubrun", object_id=str(run.pk)).count() == 1


def test_timely_filing_default_365_leaves_the_pack_limit(world):
    world.payer.timely_filing_days = 365
    world.payer.save()
    assert _snapshot(_claim(world)).payer.timely_filing_days is None
    world.payer.kind = "medicare"
    world.payer.save()
    medicare = _snapshot(_claim(world, date_of_service=dt.date(2026, 3, 3))).payer
    assert (medicare.name, medicare.timely_filing_days) == ("medicare", None)


def test_the_gate_blocks_errors_and_lets_warnings_pass(world, monkeypatch):
    monkeypatch.setattr(service, "CLOCK", FixedClock(dt.date(2026, 9, 15)))
    ok = _claim(world, date_of_service=dt.date(2026, 9, 1))
    late = _claim(world, date_of_service=dt.date(2026, 3, 2))
    summary = prepare_claims([ok, late])
    assert summary.ready == [ok]
    [reason] = summary.blocked[late.patient_control_number]
    assert reason.startswith("TF-001 filing limit 180 days from 2026-03-02 ended 2026-08-29, 17 days ago")
    assert "(fix: submit only with proof of timely filing" in reason
    late.refresh_from_db()
    assert late.state == m.ClaimState.SCRUBBED
    assert service.latest_run(late).ready is False


def test_duplicates_compare_the_same_payer_only_and_skip_voided_claims(world):
    first = _claim(world)
    second = _claim(world)  # same patient, date, code and clinician
    assert "DUP-001" in _rules(second)
    assert _snapshot(second).history[0].claim_id == first.patient_control_number
    other = b.payer(world.tenant.company, name="Other Plan")
    m.Claim.objects.filter(pk=first.pk).update(payer=other)
    assert _snapshot(second).history == ()
    m.Claim.objects.filter(pk=first.pk).update(payer=world.payer, state="voided")
    assert "DUP-001" not in _rules(second)


def test_eligibility_uses_the_nearest_definite_answer(world):
    claim = _claim(world)
    b.eligibility_check(world.coverage, status="inactive")
    assert "COV-ELIG-002" in _rules(claim)
    b.eligibility_check(world.coverage, status="rejected", service_date=dt.date(2026, 3, 2),
                        checked_at=dt.datetime(2026, 3, 3, tzinfo=dt.UTC))
    assert "COV-ELIG-002" in _rules(claim)  # a rejected 271 says nothing about coverage
    b.eligibility_check(world.coverage, service_date=dt.date(2026, 3, 2),
                        checked_at=dt.datetime(2026, 2, 27, tzinfo=dt.UTC))
    assert _snapshot(claim).coverage.eligibility.checked_on == dt.date(2026, 2, 27)
    assert _rules(claim) == []


def test_authorization_required_and_units_counted_from_other_claims(world):
    b.eligibility_check(world.coverage, summary={"authorization_required": True})
    earlier = _claim(world, date_of_service=dt.date(2026, 3, 2))
    claim = _claim(world, date_of_service=dt.date(2026, 3, 9))
    assert _snapshot(claim).payer.auth_required_codes == {"90837"}
    assert "AUTH-001" in _rules(claim)
    b.authorization(world.patient, world.payer, codes=["group:psychotherapy"], units_approved=Decimal(1))
    auth = _snapshot(claim).authorizations[0]
    assert "90834" in auth.codes and auth.units_used == Decimal(1)  # the earlier claim's 90837
    assert "AUTH-002" in _rules(claim)
    m.Claim.objects.filter(pk=earlier.pk).update(state="voided")
    rules = _rules(claim)
    assert "AUTH-002" not in rules and "AUTH-001" not in rules and "AUTH-003" in rules


def test_visit_limit_counts_the_payer_figure_and_our_other_claims(world):
    b.eligibility_check(world.coverage, summary={"visit_limit": {"limit": 2, "used": 0}})
    _claim(world, date_of_service=dt.date(2026, 3, 2))
    _claim(world, date_of_service=dt.date(2026, 3, 3))
    third = _claim(world, date_of_service=dt.date(2026, 3, 4))
    assert _snapshot(third).visit_limit.used == 2
    assert "COV-VISIT-001" in _rules(third)


def test_part2_consent_recipient_decides_the_payers_covered(world):
    world.practice.part2_program = True
    world.practice.save()
    claim = _claim(world, diagnoses=["F10.20"])
    assert "PRIV-P2-001" in _rules(claim)
    consent = b.part2_consent(world.patient, recipient="My attorney")
    assert "PRIV-P2-001" in _rules(claim)
    consent.recipient = "Acme Health, for payment"
    consent.save()
    assert _snapshot(claim).patient.part2_consents[0].payer_ids == {world.payer.payer_id}
    assert "PRIV-P2-001" not in _rules(claim)
    consent.revoked_on = dt.date(2026, 3, 10)  # before the claim is sent (as_of 2026-03-20)
    consent.save()
    assert "PRIV-P2-001" in _rules(claim)


def test_a_no_disclose_session_is_never_sent(world):
    claim = _claim(world)
    m.ClinicalSession.objects.filter(pk=claim.session_id).update(no_disclose=True)
    assert "PRIV-OOP-001" in _rules(claim)
    assert prepare_claims([claim]).ready == []


def test_self_pay_claim_without_estimate_is_flagged(world):
    claim = m.Claim.objects.create(practice=world.practice, patient=world.patient,
                                   rendering_provider=world.provider, patient_control_number="SP-1",
                                   total_charge=Decimal("180.00"), diagnoses=["F41.1"])
    m.ClaimLine.objects.create(practice=world.practice, claim=claim, line_number=1, code="90837",
                               charge=Decimal("180.00"), date_of_service=dt.date(2026, 3, 2),
                               line_control_number="SP-1.1")
    assert _snapshot(claim).patient.self_pay is True
    rules = _rules(claim)
    assert "PRIV-GFE-001" in rules and "CMP-SUB-001" not in rules  # self-pay skips 837 rules


def test_a_broken_payer_profile_holds_only_its_claims(world):
    good = _claim(world)
    broken_payer = b.payer(world.tenant.company, name="Broken")
    patient = b.patient(world.practice, **ADDRESS)
    b.coverage(patient, broken_payer, relationship="18")
    b.enrollment(world.provider, broken_payer)
    broken = _claim(world, patient=patient)
    m.Payer.objects.filter(pk=broken_payer.pk).update(profile="no-such-profile")
    results = {s.claim_pk: s.result for s in service.scrub_claims([good.pk, broken.pk], store=False)}
    assert results[good.pk].ready
    [finding] = results[broken.pk].findings
    assert finding.rule == "SCRUB-SNAPSHOT-FAILED" and "no-such-profile" in finding.message


def test_override_needs_the_role_a_reason_and_a_listed_finding(world, monkeypatch):
    monkeypatch.setattr(service, "CLOCK", FixedClock(dt.date(2026, 9, 15)))
    claim = _claim(world)
    assert prepare_claims([claim]).ready == []
    with pytest.raises(OverrideRefused) as refused:
        add_override(claim, "TF-001", None, "proof of timely filing", user=world.biller)
    assert refused.value.forbidden
    with pytest.raises(OverrideRefused, match="reason is required"):
        add_override(claim, "TF-001", None, "   ", user=world.coder)
    with pytest.raises(OverrideRefused, match="no DUP-001 finding"):
        add_override(claim, "DUP-001", None, "not a duplicate", user=world.coder)
    row, run = add_override(claim, "tf-001", None, "999 accepted on time, see batch 12", user=world.coder)
    assert row.rule_id == "TF-001" and row.created_by == world.coder
    assert run.ready and not run.clean
    assert [f["overridden"] for f in run.findings if f["rule"] == "TF-001"] == [True]
    event = m.AuditEvent.objects.get(object_type="findingoverride", object_id=str(row.pk))
    assert event.detail["rule"] == "TF-001" and "999" not in str(event.detail)
    claim.refresh_from_db()
    assert prepare_claims([claim]).ready == [claim]
    m.Claim.objects.filter(pk=claim.pk).update(state="scrubbed")
    revoke_override(row, user=world.coder)
    assert service.latest_run(claim).ready is False


def test_queries_do_not_grow_with_the_number_of_claims(world):
    def count(n_claims: int) -> int:
        ids = []
        for i in range(n_claims):
            patient = b.patient(world.practice, **ADDRESS)
            cov = b.coverage(patient, world.payer, relationship="18")
            b.eligibility_check(cov)
            b.part2_consent(patient)
            b.authorization(patient, world.payer)
            ids.append(_claim(world, patient=patient, date_of_service=dt.date(2026, 3, 2 + i)).pk)
        with CaptureQueriesContext(connection) as ctx:
            results = service.scrub_claims(ids, store=False)
        assert len(results) == n_claims
        return len(ctx.captured_queries)

    assert count(2) == count(9)


PAYERS = (("DMBLU01", "Bluestone Health Insurance"), ("87726", "UnitedHealthcare"))


@pytest.mark.parametrize(("recipient", "ids", "every"), [
    ("Clearwater Billing Services and the patient's health plans", set(), True),
    ("All payers", set(), True),
    ("any health plan that pays for my care", set(), True),
    ("UnitedHealthcare and any other payer", {"87726"}, True),
    ("Bluestone Health Insurance", {"DMBLU01"}, False),
    ("payer id 87726 only", {"87726"}, False),
    ("payer 877261", set(), False),  # near miss: another id that starts the same
    ("My attorney", set(), False),
    ("Health plans of the county", set(), False),  # names no class of this patient's payers
])
def test_consent_recipient_wording(recipient, ids, every):
    assert recipient_payers(recipient, PAYERS) == (ids, every)
