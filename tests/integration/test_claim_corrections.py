"""Frequency 7 (replacement) and 8 (void) claims: REF*F8, ledger, the payer's answer."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.claims.corrections import CorrectionRefused, replace_claim, void_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.x12_validation import pyx12_findings
from bhbilling.x12.claim837p import read_837p
from tests.integration import test_remittance_posting as base
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec, simple_claim, write_835

pytestmark = pytest.mark.django_db
D = Decimal
world = base.world  # the same practice, payers and claim helpers as the posting tests
_line_spec, _submitted = base._line_spec, base._submitted


def _paid(world, claim, icn="ICN100"):
    spec = simple_claim(claim.patient_control_number, payer_claim=icn)
    spec.lines[0].control = claim.lines.get().line_control_number
    import_remittance_file(world.practice, write_835([RemitSpec([spec], trace=f"T{icn}")]),
                           f"{icn}.835")
    claim.refresh_from_db()
    return claim


def _sent(world, claim):
    assert prepare_claims([claim]).ready == [claim]
    [batch] = create_batches(world.practice).batches
    assert pyx12_findings(io.StringIO(batch.content), batch.file_name) == []
    [tx] = list(read_837p(io.StringIO(batch.content)))
    return tx.billing_groups[0].claims[0]


def test_unanswered_claim_cannot_be_corrected(world):
    claim = _submitted(world)
    with pytest.raises(CorrectionRefused, match="fix and resend"):
        replace_claim(claim, reason="wrong code")


def test_replacement_carries_ref_f8_and_the_ledger_nets_out(world):
    claim = _paid(world, _submitted(world))
    line = claim.lines.get()
    new = replace_claim(claim, reason="90834 not 90837", lines=[{
        "code": "90834", "modifiers": [], "units": 1, "charge": "150.00",
        "place_of_service": "", "diagnosis_pointers": [1], "date_of_service": line.date_of_service}])
    assert (new.frequency_code, new.original_claim_id, new.total_charge) == ("7", claim.pk, D("150"))
    claim.refresh_from_db()
    assert claim.state == "closed"
    sent = _sent(world, new)
    assert (sent.frequency_code, sent.original_claim_number) == ("7", "ICN100")
    assert [ln.procedure_code for ln in sent.lines] == ["90834"]
    # the payer reverses the original payment and pays the replacement
    reversal = ClaimSpec(claim.patient_control_number, "-200", "-140", status="22",
                         patient_responsibility="-20", payer_claim="ICN100",
                         lines=[_line_spec(claim, "-140", [("CO", "45", "-40"), ("PR", "2", "-20")])])
    reversal.lines[0].charge = "-200"
    pay_new = ClaimSpec(new.patient_control_number, "150", "110", patient_responsibility="20",
                        payer_claim="ICN101",
                        lines=[_line_spec(new, "110", [("CO", "45", "20"), ("PR", "2", "20")])])
    report = import_remittance_file(world.practice, write_835(
        [RemitSpec([reversal, pay_new], trace="T2", payment="30.00", credit_debit="D")],
        interchange=3), "r.835")
    assert report.status == "posted", report.reason
    bal = account_balances(world.practice.pk)
    assert bal["1100"] == D("0.00")
    assert bal["1000"] == D("110.00") and bal["1200"] == D("20.00")
    assert bal["4000"] == D("-150.00")  # gross charges: only the replacement is billed


def test_void_sends_frequency_8_and_reverses_the_charges(world):
    claim = _paid(world, _submitted(world), icn="ICN200")
    void = void_claim(claim, reason="billed the wrong patient")
    assert void.frequency_code == "8"
    sent = _sent(world, void)
    assert (sent.frequency_code, sent.original_claim_number) == ("8", "ICN200")
    assert account_balances(world.practice.pk)["4000"] == D("0.00")
    with pytest.raises(CorrectionRefused):
        void_claim(claim, reason="again")


def test_cli_and_web_draft_corrections(world, client):
    from bhbilling.entrypoints.cli.main import main
    from tests import builders as b
    from tests.e2e.browser import sign_in

    claim = _paid(world, _submitted(world), icn="ICN300")
    assert main(["claims", "void", claim.patient_control_number, "--reason", "duplicate",
                 "--practice", str(world.practice.pk)]) == 0
    assert m.Claim.objects.get(original_claim=claim).frequency_code == "8"
    other = _paid(world, _submitted(world, last="Other"), icn="ICN301")
    biller = b.user(world.tenant.company, "biller", world.practice)
    sign_in(client, biller)
    page = client.get(f"/claims/{other.pk}/").content.decode()
    assert "Draft a correction" in page
    resp = client.post(f"/claims/{other.pk}/correct/", {"action": "replace", "reason": "units"})
    new = m.Claim.objects.get(original_claim=other)
    assert resp.status_code == 302 and resp["Location"] == f"/claims/{new.pk}/"
    assert new.frequency_code == "7"
    refused = client.post(f"/claims/{new.pk}/correct/", {"action": "void", "reason": "x"},
                          follow=True).content.decode()
    assert "only a claim the payer adjudicated" in refused
