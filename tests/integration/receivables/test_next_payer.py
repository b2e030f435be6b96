"""bill_next_payer: a primary denial 'not our responsibility' (CARC 22/109) moves the claim's
insurance balance to the next payer's new draft claim in one balanced entry."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import ClaimBalance, claim_balances
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.remittance.secondary import NextPayerError, bill_next_payer
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.x12.claim837p import read_837p
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def _denied(w, reason="22", payers=None):
    claim = submitted(w, payers=payers or [w.payer, w.secondary_payer])
    import_835(w, [RemitSpec([ClaimSpec(claim.patient_control_number, "200", "0", status="4",
                                         lines=[line_spec(claim, "0", [("CO", reason, "200")])])])])
    claim.refresh_from_db()
    assert claim.state == "denied"
    return claim


def test_denied_claim_goes_to_the_secondary_with_its_balance(world):
    claim = _denied(world)
    before = account_balances(world.practice.pk)
    nxt = bill_next_payer(claim, actor=None, now=NOW)
    assert (nxt.payer, nxt.state, nxt.prior_payer_claim) == (world.secondary_payer, "draft", claim)
    assert nxt.total_charge == D("200.00")
    assert [(ln.code, ln.charge) for ln in nxt.lines.all()] == [("90837", D("200.00"))]
    # the balance moved claim to claim; the books did not change in total
    assert claim_balances(world.practice.pk, [claim.pk, nxt.pk]) == {
        nxt.pk: ClaimBalance(D("200.00"), D("0.00"))}
    assert account_balances(world.practice.pk) == before
    entry = m.JournalEntry.objects.get(entry_key=f"nextpayer:{nxt.patient_control_number}")
    lines = list(entry.lines.select_related("account", "claim_line"))
    assert sorted((ln.account.code, ln.debit, ln.credit, ln.claim_line.claim_id) for ln in lines) == [
        ("1100", D("0.00"), D("200.00"), claim.pk), ("1100", D("200.00"), D("0.00"), nxt.pk)]
    assert entry.effective_date == dt.date(2026, 6, 10)
    claim.refresh_from_db()
    assert claim.state == "closed"
    assert claim.history.order_by("id").last().reason.startswith("balance billed to the next payer")


def test_the_next_payers_837p_names_the_denying_primary_in_2320(world):
    claim = _denied(world, reason="109")
    nxt = bill_next_payer(claim, actor=None, now=NOW)
    assert prepare_claims([nxt]).ready == [nxt]
    batch = create_batches(world.practice).batches[0]
    assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == []
    [tx] = list(read_837p(io.StringIO(batch.content)))
    [sent] = tx.billing_groups[0].claims
    assert sent.subscriber.payer_responsibility == "S"
    [other] = sent.other_payers
    assert (other.payer.payer_id, other.paid_amount) == ("1512345678", D("0.00"))
    [adj] = sent.lines[0].adjudications
    assert {(a.group, a.reason, a.amount) for a in adj.adjustments} == {("CO", "109", D("200.00"))}


def test_twice_is_refused_and_moves_nothing_more(world):
    claim = _denied(world)
    nxt = bill_next_payer(claim, actor=None, now=NOW)
    claim.state = "denied"  # even if someone reopened it, the next payer already has it
    with pytest.raises(NextPayerError, match=f"already billed to the next payer on claim "
                                             f"{nxt.patient_control_number}"):
        bill_next_payer(claim, actor=None, now=NOW)
    assert m.Claim.objects.filter(prior_payer_claim=claim).count() == 1


def test_no_next_coverage_is_a_clear_error(world):
    claim = _denied(world, payers=[world.payer])
    with pytest.raises(NextPayerError, match="no coverage of priority 2 active on the date of service"):
        bill_next_payer(claim, actor=None, now=NOW)
    assert claim_balances(world.practice.pk, [claim.pk]) == {claim.pk: ClaimBalance(D("200.00"))}
    assert not m.Claim.objects.filter(prior_payer_claim=claim).exists()


def test_a_claim_the_payer_has_not_answered_is_refused(world):
    claim = submitted(world, payers=[world.payer, world.secondary_payer])
    with pytest.raises(NextPayerError, match=f"claim {claim.patient_control_number} is submitted"):
        bill_next_payer(claim, actor=None, now=NOW)


def test_secondary_coverage_ended_before_the_service_is_not_used(world):
    claim = submitted(world, payers=[world.payer])
    m.Coverage.objects.create(practice=world.practice, patient=claim.patient,
                              payer=world.secondary_payer, member_id="OLD1", priority=2,
                              relationship="18", starts_on=dt.date(2025, 1, 1),
                              ends_on=dt.date(2026, 4, 30))
    import_835(world, [RemitSpec([ClaimSpec(claim.patient_control_number, "200", "0", status="4",
                                            lines=[line_spec(claim, "0", [("CO", "22", "200")])])])])
    claim.refresh_from_db()
    with pytest.raises(NextPayerError, match="no coverage of priority 2"):
        bill_next_payer(claim, actor=None, now=NOW)


def test_reports_age_the_moved_balance_under_the_next_payer(world):
    """Both legs of the transfer sit in one entry on the new claim; each leg counts for the
    claim its line names, so the primary payer's aging row empties and the secondary's fills."""
    from bhbilling.reports import aging, drilldown
    from bhbilling.reports.filters import ReportFilters

    claim = _denied(world)
    june_end = dt.date(2026, 6, 30)
    f = ReportFilters((world.practice.pk,), dt.date(2026, 1, 1), june_end, june_end)
    assert [(r.label, r.total) for r in aging.aging(f)] == [
        ("Acme Health", D("200.00")), ("Total", D("200.00"))]
    nxt = bill_next_payer(claim, actor=None, now=NOW)
    assert [(r.label, r.total) for r in aging.aging(f)] == [
        (world.secondary_payer.name, D("200.00")), ("Total", D("200.00"))]
    assert {(c.pk, c.kpi_amount) for c in drilldown.drilldown(f, "days_in_ar")} == {(nxt.pk, D("200.00"))}
    assert set(m.JournalLine.unscoped.filter(entry__entry_key=f"nextpayer:{nxt.patient_control_number}")
               .values_list("claim_id", "credit")) == {(claim.pk, D("200.00")), (nxt.pk, D("0.00"))}
