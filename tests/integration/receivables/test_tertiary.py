"""The COB chain to the third payer: primary 835 -> secondary claim -> secondary 835 ->
tertiary claim, with the ledger moves at each step and loops 2320/2330/2430 of BOTH earlier
payers on the tertiary 837P (005010X222A1: one 2320 per other payer, responsibility P, S)."""

from __future__ import annotations

import io

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import ClaimBalance, claim_balances
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.x12.claim837p import read_837p
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def _sent(batch):
    assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == []
    [tx] = list(read_837p(io.StringIO(batch.content)))
    [claim] = tx.billing_groups[0].claims
    return claim


def test_primary_then_secondary_then_tertiary(world):
    w = world
    primary = submitted(w, payers=[w.payer, w.secondary_payer, w.tertiary_payer])
    # primary: charge 200, paid 140, contractual 40, coinsurance 20 to the patient
    import_835(w, [RemitSpec([ClaimSpec(
        primary.patient_control_number, "200", "140", patient_responsibility="20",
        lines=[line_spec(primary, "140", [("CO", "45", "40"), ("PR", "2", "20")])])])])
    secondary = m.Claim.objects.get(prior_payer_claim=primary)
    assert (secondary.payer, secondary.coverage.priority) == (w.secondary_payer, 2)
    ids = [primary.pk, secondary.pk]
    # the 20 left the patient (on the primary) and became the secondary payer's A/R
    assert claim_balances(w.practice.pk, ids) == {secondary.pk: ClaimBalance(D("20.00"), D("0.00"))}
    bal = account_balances(w.practice.pk)
    assert (bal["1000"], bal["1100"], bal["1200"], bal["4100"]) == (
        D("140.00"), D("20.00"), D("0.00"), D("40.00"))

    assert prepare_claims([secondary]).ready == [secondary]
    sent2 = _sent(create_batches(w.practice).batches[0])
    assert sent2.subscriber.payer_responsibility == "S"
    assert [(o.payer.payer_id, o.payer_responsibility) for o in sent2.other_payers] == [
        ("1512345678", "P")]
    secondary.refresh_from_db()
    assert secondary.state == "submitted"

    # secondary: pays 12 of the 20, 8 coinsurance; CARC 23 restates the primary's 180
    import_835(w, [RemitSpec([ClaimSpec(
        secondary.patient_control_number, "200", "12", patient_responsibility="8",
        payer_claim="SEC0001",
        lines=[line_spec(secondary, "12", [("OA", "23", "180"), ("PR", "2", "8")])])],
        trace="SEC-T1", payer_tin="SECOND01", payer_name="SECOND MUTUAL")],
        name="second.835", interchange=2)
    tertiary = m.Claim.objects.get(prior_payer_claim=secondary)
    assert (tertiary.payer, tertiary.coverage.priority, tertiary.state) == (w.tertiary_payer, 3, "draft")
    assert [(ln.code, ln.charge) for ln in tertiary.lines.all()] == [("90837", D("200.00"))]
    ids.append(tertiary.pk)
    assert claim_balances(w.practice.pk, ids) == {tertiary.pk: ClaimBalance(D("8.00"), D("0.00"))}
    bal = account_balances(w.practice.pk)
    assert (bal["1000"], bal["1100"], bal["1200"], bal["4100"], bal.get("4200", D("0.00"))) == (
        D("152.00"), D("8.00"), D("0.00"), D("40.00"), D("0.00"))  # CARC 23 is not posted again
    cob = m.JournalEntry.objects.get(entry_key=f"cob:{tertiary.patient_control_number}")
    assert sorted((ln.account.code, ln.debit, ln.credit, ln.claim_line.claim_id)
                  for ln in cob.lines.select_related("account", "claim_line")) == [
        ("1100", D("8.00"), D("0.00"), tertiary.pk), ("1200", D("0.00"), D("8.00"), secondary.pk)]

    assert prepare_claims([tertiary]).ready == [tertiary]
    sent3 = _sent(create_batches(w.practice).batches[0])
    assert sent3.patient_control_number == tertiary.patient_control_number
    assert sent3.subscriber.payer_responsibility == "T"
    assert [(o.payer.payer_id, o.payer_responsibility, o.paid_amount) for o in sent3.other_payers] == [
        ("1512345678", "P", D("140.00")), ("SECOND01", "S", D("12.00"))]
    by_payer = {a.payer_id: a for a in sent3.lines[0].adjudications}
    assert set(by_payer) == {"1512345678", "SECOND01"}
    assert by_payer["1512345678"].paid_amount == D("140.00")
    assert {(a.group, a.reason, a.amount) for a in by_payer["SECOND01"].adjustments} == {
        ("OA", "23", D("180.00")), ("PR", "2", D("8.00"))}


def test_no_fourth_payer_after_the_tertiary(world):
    w = world
    primary = submitted(w, payers=[w.payer, w.secondary_payer, w.tertiary_payer])
    import_835(w, [RemitSpec([ClaimSpec(
        primary.patient_control_number, "200", "180", patient_responsibility="20",
        lines=[line_spec(primary, "180", [("PR", "2", "20")])])])])
    secondary = m.Claim.objects.get(prior_payer_claim=primary)
    prepare_claims([secondary])
    create_batches(w.practice)
    import_835(w, [RemitSpec([ClaimSpec(
        secondary.patient_control_number, "200", "10", patient_responsibility="10",
        lines=[line_spec(secondary, "10", [("OA", "23", "180"), ("PR", "2", "10")])])],
        trace="SEC-T2", payer_tin="SECOND01")], name="s.835", interchange=2)
    tertiary = m.Claim.objects.get(prior_payer_claim=secondary)
    prepare_claims([tertiary])
    create_batches(w.practice)
    import_835(w, [RemitSpec([ClaimSpec(
        tertiary.patient_control_number, "200", "6", patient_responsibility="4",
        lines=[line_spec(tertiary, "6", [("OA", "23", "190"), ("PR", "2", "4")])])],
        trace="TER-T1", payer_tin="THIRD001")], name="t.835", interchange=3)
    assert not m.Claim.objects.filter(prior_payer_claim=tertiary).exists()
    assert claim_balances(w.practice.pk, [tertiary.pk]) == {tertiary.pk: ClaimBalance(D("0.00"), D("4.00"))}


def test_a_secondary_that_readjudicates_the_whole_charge_leaves_no_insurance_credit(world):
    """The primary paid nothing (deductible) after its contractual 50; the secondary allows 130,
    all to the patient, and takes its own CO-45 of 70 on the whole charge, no CARC 23. Only 20
    of that is left to adjust on the secondary claim, so nothing goes below zero."""
    w = world
    primary = submitted(w, payers=[w.payer, w.secondary_payer])
    import_835(w, [RemitSpec([ClaimSpec(
        primary.patient_control_number, "200", "0", patient_responsibility="150",
        lines=[line_spec(primary, "0", [("CO", "45", "50"), ("PR", "1", "150")])])])])
    secondary = m.Claim.objects.get(prior_payer_claim=primary)
    assert prepare_claims([secondary]).ready == [secondary]
    create_batches(w.practice)
    import_835(w, [RemitSpec([ClaimSpec(
        secondary.patient_control_number, "200", "0", status="2", patient_responsibility="130",
        payer_claim="SEC0002",
        lines=[line_spec(secondary, "0", [("CO", "45", "70"), ("PR", "1", "130")])])],
        trace="SEC-T2", payer_tin="SECOND01", payer_name="SECOND MUTUAL")],
        name="second2.835", interchange=2)
    assert claim_balances(w.practice.pk, [primary.pk, secondary.pk]) == {
        secondary.pk: ClaimBalance(D("0.00"), D("130.00"))}
    bal = account_balances(w.practice.pk)
    assert (bal["1100"], bal["1200"], bal["4100"]) == (D("0.00"), D("130.00"), D("70.00"))
