"""Coding use cases (app ring): the context snapshot, proposals, decisions and tenancy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bhbilling.app import coding
from bhbilling.app.models import AuditEvent, CodingDecision, FeeSchedule, FeeScheduleRate
from bhbilling.app.tenancy import scoped_to
from bhbilling.kernel.errors import TenantScopeError
from tests import builders as b

pytestmark = pytest.mark.django_db

DOS = dt.date(2026, 3, 2)


def _schedule(practice, payer, rates, *, start=dt.date(2026, 1, 1), end=None):
    schedule = FeeSchedule.unscoped.create(practice=practice, payer=payer, name="fees",
                                           effective_from=start, effective_to=end)
    for (code, mods), charge in rates.items():
        FeeScheduleRate.unscoped.create(practice=practice, schedule=schedule, code=code,
                                        modifiers=mods, charge=Decimal(charge))
    return schedule


@pytest.fixture
def world(tenant, scope_a):
    w = type("World", (), {})()
    w.tenant = tenant
    w.supervisor = b.provider(tenant.a, credential="LCSW", last_name="Boss")
    w.provider = b.provider(tenant.a, credential="LCSW", last_name="Able")
    w.patient = b.patient(tenant.a)
    w.location = b.location(tenant.a, default_pos="11")
    w.session = b.session(w.patient, w.provider, location=w.location,
                          minutes={"psychotherapy": 53}, total_minutes=53)
    w.coder = b.user(tenant.company, "coder", tenant.a)
    return w


def test_no_coverage_codes_as_self_pay_with_standard_fees(world):
    _schedule(world.tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    ctx = coding.build_context(world.session)
    assert ctx.payer.name == "self-pay"
    assert ctx.fees[("90837", ())] == Decimal("180.00")
    assert ctx.session.minutes == {"psychotherapy": 53}
    assert ctx.session.location_pos == "11"
    assert ctx.session.diagnoses == ("F41.1",)
    assert ctx.provider.npi == world.provider.npi


def test_primary_coverage_picks_profile_by_kind_and_payer_schedule(world):
    medicare = b.payer(world.tenant.company, kind="medicare", name="Medicare")
    commercial = b.payer(world.tenant.company, kind="commercial", profile="commercial-gt-02")
    b.coverage(world.patient, commercial, priority=2)
    b.coverage(world.patient, medicare, starts_on=dt.date(2026, 1, 1))
    _schedule(world.tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    _schedule(world.tenant.a, medicare, {("90837", ""): "150.00", ("90837", "95:GT"): "151.00"})
    _schedule(world.tenant.a, medicare, {("90837", ""): "999.00"}, start=dt.date(2027, 1, 1))
    ctx = coding.build_context(world.session)
    assert ctx.payer.name == "medicare"
    assert ctx.fees[("90837", ())] == Decimal("150.00")  # payer schedule in force on the DOS
    assert ctx.fees[("90837", ("95", "GT"))] == Decimal("151.00")
    assert ctx.fees[("90834", ())] == Decimal("140.00")  # standard schedule underneath
    assert coding.build_context(world.session, on_payer=commercial).payer.name == "commercial-gt-02"


def test_expired_coverage_is_not_used(world):
    medicaid = b.payer(world.tenant.company, kind="medicaid")
    b.coverage(world.patient, medicaid, starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2026, 2, 1))
    assert coding.build_context(world.session).payer.name == "self-pay"
    b.coverage(world.patient, medicaid, starts_on=dt.date(2026, 2, 2))
    assert coding.build_context(world.session).payer.name == "medicaid-example"


def test_supervisor_is_in_the_provider_facts(world):
    world.provider.supervisor = world.supervisor
    world.provider.credential = "LMSW"
    world.provider.save()
    world.session.refresh_from_db()
    ctx = coding.build_context(world.session)
    assert ctx.provider.supervisor is not None
    assert ctx.provider.supervisor.npi == world.supervisor.npi


def test_propose_stores_lines_reasons_and_profile(world):
    _schedule(world.tenant.a, None, {("90837", ""): "180.00"})
    decision = coding.propose(world.session, world.coder)
    assert decision.status == "proposed"
    lines = decision.proposed["lines"]
    assert [ln["code"] for ln in lines] == ["90837"]
    assert lines[0]["charge"] == "180.00"
    assert lines[0]["label"]
    assert decision.proposed["reasons"] and all(r["rule"] for r in decision.proposed["reasons"])
    assert (decision.payer_profile, decision.engine_version) == ("self-pay", coding.ENGINE_VERSION)
    assert decision.payer_profile_version
    assert coding.current_decision(world.session) == decision
    event = AuditEvent.objects.filter(object_type="codingdecision", action="create").get()
    assert event.actor_id == world.coder.pk and event.patient_id == world.patient.pk


def test_accepting_the_proposal_records_who(world):
    proposal = coding.propose(world.session, world.coder)
    decision = coding.decide(world.session, proposal.proposed["lines"], actor=world.coder)
    assert decision.status == "accepted"
    assert decision.decided_by == world.coder and decision.decided_at is not None
    assert decision.final[0]["code"] == proposal.proposed["lines"][0]["code"]
    assert CodingDecision.objects.count() == 2  # append-only: the proposal row stays


def test_change_needs_a_reason_and_is_repriced(world):
    _schedule(world.tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    proposal = coding.propose(world.session, world.coder)
    changed = [{**proposal.proposed["lines"][0], "code": "90834"}]
    with pytest.raises(ValidationError) as err:
        coding.decide(world.session, changed, actor=world.coder, reason="  ")
    assert "change_reason" in err.value.message_dict
    decision = coding.decide(world.session, changed, actor=world.coder,
                             reason="note documents 45 minutes")
    assert decision.status == "changed"
    assert decision.change_reason == "note documents 45 minutes"
    assert decision.final[0]["code"] == "90834" and decision.final[0]["charge"] == "140.00"
    assert coding.current_decision(world.session) == decision
    assert [d.status for d in coding.decision_history(world.session)] == ["changed", "proposed"]


def test_decide_without_a_proposal_proposes_first_and_rejects_bad_lines(world):
    with pytest.raises(ValidationError) as err:
        coding.decide(world.session, [{"code": "9083", "place_of_service": "11"}],
                      actor=world.coder, reason="x")
    assert "lines" in err.value.message_dict
    assert CodingDecision.objects.filter(status="changed").count() == 0


def test_other_practice_sessions_are_invisible_and_unscoped_access_refused(world):
    other = b.session(b.patient(world.tenant.b), b.provider(world.tenant.b))
    CodingDecision.unscoped.create(practice=world.tenant.b, session=other, proposed={})
    assert CodingDecision.objects.filter(session=other).count() == 0
    assert coding.current_decision(other) is None
    with scoped_to(None, None), pytest.raises(TenantScopeError):
        list(CodingDecision.objects.all())


def test_propose_many_reports_progress(world):
    second = b.session(world.patient, world.provider, date_of_service=dt.date(2026, 3, 9))
    seen = []
    summary = coding.propose_many([world.session, second], actor="cli:code",
                                  progress=lambda done, total: seen.append((done, total)))
    assert len(summary.decisions) == 2 and summary.failures == []
    assert seen == [(1, 2), (2, 2)]


def test_documented_em_level_and_new_patient_reach_the_engine(world):
    prescriber = b.provider(world.tenant.a, credential="PMHNP", last_name="Rx")
    session = b.session(world.patient, prescriber, service_type="em_with_psychotherapy",
                        minutes={"em": 12, "psychotherapy": 40}, total_minutes=52,
                        em_code="99214", new_patient=False)
    ctx = coding.build_context(session)
    assert (ctx.session.em_code, ctx.session.new_patient) == ("99214", False)
    proposed = coding.preview(session).proposed
    assert [line["code"] for line in proposed["lines"]] == ["99214", "90836"]
    assert "EM-LEVEL-MDM" in {note["rule"] for note in proposed["reasons"]}


def test_an_em_level_outside_the_office_range_is_refused_by_validation(world):
    world.session.em_code = "99499"
    with pytest.raises(ValidationError) as exc:
        world.session.full_clean()
    assert "em_code" in exc.value.message_dict
