"""835 posting: exact ledger entries, idempotency, quarantine, unmatched queue, denials,
reversals, PLB items, EFT reassociation and secondary claims with COB loops."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.kernel.clock import FixedClock
from bhbilling.x12.claim837p import read_837p
from tests import builders as b
from tests.unit.x12.remit835.make835 import (
    PAYEE_NPI,
    ClaimSpec,
    LineSpec,
    RemitSpec,
    simple_claim,
    write_835,
)

pytestmark = pytest.mark.django_db
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
DOS = dt.date(2026, 5, 15)
D = Decimal


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 20)))  # filing deadlines
    w = type("World", (), {})()
    practice = tenant.a
    practice.npi = PAYEE_NPI
    practice.save()
    w.practice = practice
    w.payer = b.payer(tenant.company, name="Acme Health", payer_id="1512345678")
    w.secondary_payer = b.payer(tenant.company, name="Second Mutual", payer_id="SECOND01")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    w.provider = b.provider(practice)
    b.scrub_clean(practice, [w.provider], [w.payer, w.secondary_payer])  # no scrubber error
    w.coder = b.user(tenant.company, "coder", practice)
    b.clearinghouse(tenant.company)
    w.tenant = tenant
    return w


def _submitted(w, *, secondary: bool = False, first: str = "Jane", last: str = "Doe"):
    patient = b.patient(w.practice, first_name=first, last_name=last, **ADDRESS)
    b.coverage(patient, w.payer, relationship="18")
    if secondary:
        b.coverage(patient, w.secondary_payer, relationship="18", priority=2)
    session = b.session(patient, w.provider, date_of_service=DOS)
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    claim = build_claim(session)
    prepare_claims([claim])
    create_batches(w.practice)
    claim.refresh_from_db()
    return claim


def _line_spec(claim, paid, adjustments, **kw):
    line = claim.lines.get()
    return LineSpec(line.code, str(line.charge), paid, adjustments, control=line.line_control_number,
                    date=line.date_of_service, **kw)


def _import(w, specs, name="era.835", **kw):
    return import_remittance_file(w.practice, write_835(specs, **kw), name)


def test_paid_claim_posts_payment_contractual_and_patient_share(world):
    claim = _submitted(world)
    spec = RemitSpec([ClaimSpec(claim.patient_control_number, "200", "140",
                                patient_responsibility="20", payer_claim="ICN777",
                                lines=[_line_spec(claim, "140", [("CO", "45", "40"), ("PR", "2", "20")])])])
    report = _import(world, [spec])
    assert report.status == "posted", report.reason
    assert (report.totals.claims_matched, report.totals.paid, report.totals.adjusted,
            report.totals.to_patient) == (1, D("140"), D("40"), D("20"))
    bal = account_balances(world.practice.pk)
    assert bal["1000"] == D("140.00")  # cash
    assert bal["1100"] == D("0.00")  # insurance A/R cleared
    assert bal["1200"] == D("20.00")  # patient owes coinsurance
    assert bal["4100"] == D("40.00")
    claim.refresh_from_db()
    assert claim.state == "paid"
    assert claim.payer_claim_number == "ICN777"
    payment = m.ClaimPayment.objects.get()
    assert payment.match_method == "pcn"
    assert payment.lines[0]["ref"] == claim.lines.get().line_control_number


def test_same_file_five_times_and_same_trace_in_another_file_post_once(world):
    claim = _submitted(world)
    spec = RemitSpec([simple_claim(claim.patient_control_number)])
    data = write_835([spec])
    reports = [import_remittance_file(world.practice, data, "era.835") for _ in range(5)]
    assert [r.status for r in reports] == ["posted"] + ["duplicate"] * 4
    other_envelope = import_remittance_file(world.practice, write_835([spec], interchange=9), "b.835")
    assert other_envelope.status == "duplicate"
    assert other_envelope.skipped_transactions == 1
    assert m.Remittance.objects.count() == 1
    assert m.JournalEntry.objects.filter(entry_key__startswith="era:").count() == 1
    changed = RemitSpec([simple_claim(claim.patient_control_number, co="30", pr="20")])
    conflict = import_remittance_file(world.practice, write_835([changed], interchange=10), "c.835")
    assert conflict.status == "quarantined"
    assert "trace EFT0001 was posted before" in conflict.reason


def test_unbalanced_file_is_quarantined_with_the_difference_and_posts_nothing(world):
    claim = _submitted(world)
    spec = RemitSpec([simple_claim(claim.patient_control_number)], payment="150.00")
    report = _import(world, [spec])
    assert report.status == "quarantined"
    assert report.problems[0]["difference"] == "10.00"  # BPR02 150 against 140 paid
    assert m.Remittance.objects.count() == 0
    assert not m.JournalEntry.objects.filter(entry_key__startswith="era:").exists()
    stored = m.RemittanceFile.objects.get()
    assert stored.status == "quarantined" and "does not balance" in stored.reason


def test_broken_file_is_quarantined_with_the_segment_named(world):
    report = import_remittance_file(world.practice, b"ISA*00*garbage~", "bad.835")
    assert report.status == "quarantined"
    assert "ISA" in report.reason


def test_unknown_claim_goes_to_the_unmatched_queue_with_cash_unapplied(world):
    claim = _submitted(world, first="Jane", last="Doe")
    spec = RemitSpec([ClaimSpec("NOT-OURS", "200", "140", patient_responsibility="20",
                                lines=[LineSpec("90837", "200", "140",
                                                [("CO", "45", "40"), ("PR", "2", "20")],
                                                date=DOS)],
                                patient=("SMITH", "ALEX"))])
    report = _import(world, [spec])
    assert report.totals.claims_unmatched == 1
    row = m.ClaimPayment.objects.get()
    assert row.claim is None
    assert row.suggestions == [claim.pk]  # same charge and date
    bal = account_balances(world.practice.pk)
    assert bal["2100"] == D("-140.00") and bal["1000"] == D("140.00")


def test_match_by_patient_date_amount_and_dropped_modifier(world):
    claim = _submitted(world, first="Jane", last="Doe")
    spec = RemitSpec([ClaimSpec("GARBLED", "200", "140", patient_responsibility="20",
                                lines=[LineSpec("90837", "200", "140",
                                                [("CO", "45", "40"), ("PR", "2", "20")], date=DOS)],
                                patient=("DOE", "JANE"))])
    _import(world, [spec])
    row = m.ClaimPayment.objects.get()
    assert (row.claim_id, row.match_method) == (claim.pk, "patient_date_amount")
    assert row.lines[0]["ref"] == claim.lines.get().line_control_number


def test_zero_pay_denial_keeps_ar_open_and_records_the_reasons(world):
    claim = _submitted(world)
    spec = RemitSpec([ClaimSpec(claim.patient_control_number, "200", "0", status="4",
                                lines=[_line_spec(claim, "0", [("CO", "197", "200")],
                                                  remarks=("N54",))])])
    report = _import(world, [spec])
    assert report.totals.denials == 1
    denial = m.Denial.objects.get()
    assert (denial.reason_codes, denial.remark_codes, denial.amount, denial.group_code) == (
        ["197"], ["N54"], D("200.00"), "CO")
    assert account_balances(world.practice.pk)["1100"] == D("200.00")  # still owed
    claim.refresh_from_db()
    assert claim.state == "denied"


def test_reversal_reverses_the_original_and_the_correction_posts_fresh(world):
    claim = _submitted(world)
    first = RemitSpec([simple_claim(claim.patient_control_number, payer_claim="ICN1")], trace="T1")
    _import(world, [first], name="a.835")
    reversal = ClaimSpec(claim.patient_control_number, "-200", "-140", status="22",
                         patient_responsibility="-20", payer_claim="ICN1",
                         lines=[_line_spec(claim, "-140", [("CO", "45", "-40"), ("PR", "2", "-20")])])
    reversal.lines[0].charge = "-200"
    correction = simple_claim(claim.patient_control_number, co="50", pr="10", payer_claim="ICN2")
    correction.lines[0].control = claim.lines.get().line_control_number
    report = _import(world, [RemitSpec([reversal, correction], trace="T2")], name="b.835",
                     interchange=2)
    assert report.status == "posted", report.reason
    original = m.ClaimPayment.objects.get(remittance__trace_number="T1").entry
    reversed_by = m.JournalEntry.objects.get(reverses=original)
    assert reversed_by.entry_key.endswith(":clp1")
    bal = account_balances(world.practice.pk)
    assert bal["1000"] == D("140.00")  # 140 - 140 + 140
    assert bal["4100"] == D("50.00") and bal["1200"] == D("10.00") and bal["1100"] == D("0.00")
    claim.refresh_from_db()
    assert claim.state == "paid"


def test_plb_interest_and_recoupment_post_to_provider_level_accounts(world):
    claim = _submitted(world)
    spec = RemitSpec([simple_claim(claim.patient_control_number)],
                     plb=[("L6", claim.patient_control_number, "-2.50"), ("WO", "OLDICN", "30.00")])
    report = _import(world, [spec])
    assert report.totals.provider_adjustments == D("27.50")
    bal = account_balances(world.practice.pk)
    assert bal["1000"] == D("112.50")  # 140 paid + 2.50 interest - 30 recouped
    assert bal["4400"] == D("-2.50") and bal["2200"] == D("30.00")
    interest = m.ProviderAdjustment.objects.get(reason="L6")
    assert interest.claim_id == claim.pk


def test_deposit_reassociated_by_trace(world):
    claim = _submitted(world)
    deposit = m.Deposit.objects.create(practice=world.practice, trace_number="EFT0001",
                                       amount=D("140.00"), deposited_on=dt.date(2026, 6, 2))
    _import(world, [RemitSpec([simple_claim(claim.patient_control_number)])])
    assert m.Remittance.objects.get().deposit_id == deposit.pk


def test_secondary_claim_is_queued_and_carries_cob_loops_that_pass_pyx12(world):
    claim = _submitted(world, secondary=True)
    _import(world, [RemitSpec([ClaimSpec(
        claim.patient_control_number, "200", "140", patient_responsibility="20",
        lines=[_line_spec(claim, "140", [("CO", "45", "40"), ("PR", "2", "20")])])])])
    secondary = m.Claim.objects.get(prior_payer_claim=claim)
    assert secondary.payer == world.secondary_payer and secondary.state == "draft"
    bal = account_balances(world.practice.pk)
    assert bal["1200"] == D("0.00") and bal["1100"] == D("20.00")  # billed to the secondary
    assert prepare_claims([secondary]).ready == [secondary]
    batch = create_batches(world.practice).batches[0]
    assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == []
    [tx] = list(read_837p(io.StringIO(batch.content)))
    [sent] = tx.billing_groups[0].claims
    assert sent.subscriber.payer_responsibility == "S"
    [other] = sent.other_payers
    assert (other.payer.payer_id, other.paid_amount) == ("1512345678", D("140.00"))
    [adj] = sent.lines[0].adjudications
    assert adj.paid_amount == D("140.00")
    assert {(a.group, a.reason, a.amount) for a in adj.adjustments} == {
        ("CO", "45", D("40.00")), ("PR", "2", D("20.00"))}


def test_crossover_is_not_queued_again(world):
    claim = _submitted(world, secondary=True)
    spec = RemitSpec([simple_claim(claim.patient_control_number, status="19",
                                   crossover_carrier="SECOND MUTUAL")])
    spec.claims[0].lines[0].control = claim.lines.get().line_control_number
    _import(world, [spec])
    assert not m.Claim.objects.filter(prior_payer_claim=claim).exists()
    assert m.ClaimPayment.objects.get().crossover_to == "SECOND MUTUAL"


def test_a_failure_mid_file_leaves_nothing_posted(world, monkeypatch):
    claims = [_submitted(world, last=f"Doe{i}") for i in range(3)]
    from bhbilling.app.remittance import posting

    def killed(*args, **kwargs):  # entries and payments are written by now
        raise RuntimeError("killed")

    monkeypatch.setattr(posting, "move_many", killed)
    spec = RemitSpec([simple_claim(c.patient_control_number, payer_claim=f"I{i}")
                      for i, c in enumerate(claims)])
    with pytest.raises(RuntimeError):
        _import(world, [spec])
    assert m.RemittanceFile.objects.count() == 0
    assert m.ClaimPayment.objects.count() == 0
    assert not m.JournalEntry.objects.filter(entry_key__startswith="era:").exists()
    assert set(m.Claim.objects.values_list("state", flat=True)) == {"submitted"}


def test_assigning_an_unmatched_payment_posts_it_to_the_claim_once(world):
    from bhbilling.app.remittance.unmatched import assign_claim, unmatched_queue
    from bhbilling.kernel.errors import BhBillingError

    claim = _submitted(world)
    spec = RemitSpec([ClaimSpec("NOT-OURS", "200", "140", patient_responsibility="20",
                                lines=[LineSpec("90837", "200", "140",
                                                [("CO", "45", "40"), ("PR", "2", "20")], date=DOS)],
                                patient=("SMITH", "ALEX"))])
    _import(world, [spec])
    [row] = list(unmatched_queue())
    totals = assign_claim(row, claim)
    assert (totals.claims_matched, totals.paid, totals.to_patient) == (1, D("0"), D("20"))
    bal = account_balances(world.practice.pk)
    assert bal["2100"] == D("0.00") and bal["1000"] == D("140.00") and bal["1100"] == D("0.00")
    claim.refresh_from_db()
    assert claim.state == "paid"
    assert list(unmatched_queue()) == []
    with pytest.raises(BhBillingError, match="already matched"):
        assign_claim(row, claim)
