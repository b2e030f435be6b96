"""The unmatched queue: 835 claim payments no claim of ours fitted, until a person decides.

While unmatched, the money sits in unapplied payments. Assigning a claim re-reads the CLP
from the stored file (the posted JSON is for display; the X12 is the source), reverses the
unapplied entry, and posts the claim payment as the importer would have: entries, denials,
the claim's state, a secondary claim when one is due.
"""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.ledger import as_domain, post_entry
from bhbilling.app.remittance.posting import PostingTotals, finish_claim_payment
from bhbilling.domain import ledger as dl
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.remit835 import ClaimPayment, read_835

__all__ = ["assign_claim", "unmatched_queue"]


def unmatched_queue():
    return (m.ClaimPayment.objects.filter(claim__isnull=True, resolved_at__isnull=True)
            .select_related("remittance").order_by("remittance__payment_date", "id"))


def _clp(row: m.ClaimPayment) -> ClaimPayment:
    rem_row = row.remittance
    for rem in read_835(io.StringIO(rem_row.file.content), file_name=rem_row.file.file_name):
        if rem.control_number == rem_row.control_number and rem.trace.number == rem_row.trace_number:
            return next(cp for cp in rem.claims if cp.index == row.position)
    raise BhBillingError(f"payment {row.pk}: its transaction is no longer in the stored file")


@transaction.atomic
def assign_claim(row: m.ClaimPayment, claim: m.Claim, *, actor: Any = None) -> PostingTotals:
    """Post an unmatched payment to ``claim`` (same practice), exactly once."""
    row = m.ClaimPayment.objects.select_for_update().get(pk=row.pk)
    if row.claim_id is not None or row.resolved_at is not None:
        raise BhBillingError("this payment is already matched to a claim")
    if claim.practice_id != row.practice_id:
        raise BhBillingError("the claim belongs to another practice")
    cp = _clp(row)
    rem = row.remittance
    key = f"era:{rem.trace_originator}:{rem.trace_number}:clp{cp.index}"
    if row.entry_id is not None:
        post_entry(row.practice_id, dl.reverse(as_domain(row.entry), f"{key}:unapplied-out",
                                               timezone.localdate(),
                                               memo="unapplied 835 payment matched to a claim"))
    totals = PostingTotals()
    row.claim = claim
    row.match_method = "manual"
    row.suggestions = []
    row.resolved_at = timezone.now()
    finish_claim_payment(row, cp, claim, f"{key}:matched", rem.payment_date, actor, totals)
    audit.record("update", row, actor=actor, patient_id=claim.patient_id,
                 detail={"matched_claim": claim.pk})
    return totals
