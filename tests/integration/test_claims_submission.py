"""Claims built from coding decisions, made ready, batched into 837P files that pass pyx12."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from bhbilling.app import coding
from bhbilling.app.claims.build import ClaimNotBuildable, build_claim
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.models import Batch, Claim, ClaimState, ClaimStateChange, JournalEntry
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import NoClearinghouse, create_batches
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.domain.claims import IllegalTransition
from bhbilling.kernel.clock import FixedClock
from bhbilling.x12.claim837p import read_837p
from tests import builders as b

pytestmark = pytest.mark.django_db
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 3, 20)))  # filing deadlines
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, kind="commercial", name="Acme Health")
    b.fee_schedule(tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00",
                                    ("90785", ""): "25.00"})
    w.provider = b.provider(tenant.a, credential="LCSW", last_name="Able")
    w.patient = b.patient(tenant.a, **ADDRESS)
    b.coverage(w.patient, w.payer, relationship="18")
    w.location = b.location(tenant.a, default_pos="11")
    w.coder = b.user(tenant.company, "coder", tenant.a)
    w.clearinghouse = b.clearinghouse(tenant.company)
    b.scrub_clean(tenant.a, [w.provider], [w.payer])  # ZIP+4, enrollment: no scrubber error
    return w


def _decided_session(w, **kw):
    session = b.session(w.patient, w.provider, location=w.location, **kw)
    proposal = coding.propose(session, w.coder)
    coding.decide(session, proposal.proposed["lines"], actor=w.coder)
    return session


def test_claim_built_from_decision_posts_charges_and_history(world):
    session = _decided_session(world)
    claim = build_claim(session, actor=world.coder)
    assert claim.state == ClaimState.DRAFT
    assert claim.patient_control_number == f"P{world.tenant.a.pk}-S{session.pk}"
    lines = list(claim.lines.all())
    assert [(ln.code, ln.charge, ln.line_control_number) for ln in lines] == [
        ("90837", Decimal("180.00"), f"{claim.patient_control_number}.1")]
    assert claim.total_charge == Decimal("180.00")
    balances = account_balances(world.tenant.a.pk)
    assert balances["1100"] == Decimal("180.00")
    assert balances["4000"] == Decimal("-180.00")
    assert list(ClaimStateChange.objects.filter(claim=claim).values_list("to_state", flat=True)) == ["draft"]
    assert build_claim(session, actor=world.coder).pk == claim.pk  # built once
    assert JournalEntry.objects.filter(claim=claim).count() == 1


def test_undecided_unsigned_and_self_pay_sessions_are_not_claims(world):
    proposed_only = b.session(world.patient, world.provider)
    coding.propose(proposed_only, world.coder)
    with pytest.raises(ClaimNotBuildable, match="not decided"):
        build_claim(proposed_only)
    unsigned = _decided_session(world, note_signed=False)
    with pytest.raises(ClaimNotBuildable, match="not signed"):
        build_claim(unsigned)
    uninsured = b.patient(world.tenant.a, **ADDRESS)
    session = b.session(uninsured, world.provider)
    coding.decide(session, coding.propose(session, world.coder).proposed["lines"], actor=world.coder)
    with pytest.raises(ClaimNotBuildable, match="no insurance"):
        build_claim(session)


def test_missing_patient_address_blocks_readiness_with_the_field_named(world):
    homeless = b.patient(world.tenant.a)
    b.coverage(homeless, world.payer, relationship="18")
    session = b.session(homeless, world.provider, location=world.location)
    coding.decide(session, coding.propose(session, world.coder).proposed["lines"], actor=world.coder)
    claim = build_claim(session)
    summary = prepare_claims(claims_to_check(world.tenant.a.pk))
    assert summary.ready == []
    assert "address" in summary.blocked[claim.patient_control_number][0]
    claim.refresh_from_db()
    assert claim.state == ClaimState.SCRUBBED


def test_ready_claims_batch_into_valid_837p_with_unique_control_numbers(world):
    claims = [build_claim(_decided_session(world, date_of_service=dt.date(2026, 3, d)))
              for d in (2, 3, 4)]
    assert len(prepare_claims(claims_to_check(world.tenant.a.pk)).ready) == 3
    first = create_batches(world.tenant.a, actor=world.coder)
    assert [b_.claim_count for b_ in first.batches] == [3]
    batch = first.batches[0]
    assert (batch.interchange_number, batch.group_number, batch.transaction_number) == (1, 1, 1)
    assert batch.total_charge == Decimal("540.00")
    assert batch.usage_indicator == "T"
    assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == []
    read = [c for tx in read_837p(io.StringIO(batch.content)) for g in tx.billing_groups
            for c in g.claims]
    assert sorted(c.patient_control_number for c in read) == sorted(
        c.patient_control_number for c in claims)
    assert set(Claim.objects.values_list("state", flat=True)) == {"submitted"}
    # nothing left: no empty batch, no number consumed
    assert create_batches(world.tenant.a).batches == []
    later = build_claim(_decided_session(world, date_of_service=dt.date(2026, 3, 9)))
    prepare_claims([later])
    second = create_batches(world.tenant.a).batches[0]
    assert second.interchange_number == 2
    assert Batch.objects.count() == 2


def test_files_split_per_payer_and_size(world):
    other = b.payer(world.tenant.company, kind="medicaid", name="State Medicaid")
    b.enrollment(world.provider, other)
    pat2 = b.patient(world.tenant.a, **ADDRESS)
    b.coverage(pat2, other, relationship="18")
    world.clearinghouse.max_claims_per_file = 2
    world.clearinghouse.save()
    for d in (2, 3, 4):
        build_claim(_decided_session(world, date_of_service=dt.date(2026, 3, d)))
    s = b.session(pat2, world.provider, location=world.location)
    coding.decide(s, coding.propose(s, world.coder).proposed["lines"], actor=world.coder)
    build_claim(s)
    prepare_claims(claims_to_check(world.tenant.a.pk))
    batches = create_batches(world.tenant.a).batches
    assert sorted((bt.payer.name, bt.claim_count) for bt in batches) == [
        ("Acme Health", 1), ("Acme Health", 2), ("State Medicaid", 1)]
    assert sorted(bt.interchange_number for bt in batches) == [1, 2, 3]
    for bt in batches:
        assert pyx12_findings(io.StringIO(bt.content), bt.file_name) == []


def test_submitted_claim_cannot_go_back_to_draft(world):
    claim = build_claim(_decided_session(world))
    prepare_claims([claim])
    create_batches(world.tenant.a)
    claim.refresh_from_db()
    from bhbilling.app.claims.states import move
    with pytest.raises(IllegalTransition, match="submitted"):
        move(claim, ClaimState.DRAFT)


def test_no_clearinghouse_is_a_clear_error(world):
    world.clearinghouse.active = False
    world.clearinghouse.save()
    with pytest.raises(NoClearinghouse, match="clearinghouse"):
        create_batches(world.tenant.a)
