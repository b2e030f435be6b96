"""Write ready claims into 837P batches, allocating control numbers exactly once.

One batch = one file = one interchange (ISA..IEA) with one group and one transaction, for
one practice and one payer (claims for one payer travel together, so a payer-level
rejection in a 999 touches one file). A practice's ready claims are split per payer and
then into files of at most ``Clearinghouse.max_claims_per_file`` claims.

Each file is made in its own database transaction:
1. lock the clearinghouse row (SELECT ... FOR UPDATE; SQLite serialises writers anyway),
2. take the next ISA13/GS06/ST02 from its counters,
3. re-select the chosen claims still READY (skipping any another worker took),
4. write the X12 text, store the ``Batch`` with its claims, move the claims to submitted.
A crash anywhere rolls all of it back: no number is consumed without its batch, and the
unique constraints on the batch reject a reused number even if the lock were bypassed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.claims.states import move_many
from bhbilling.app.models import (
    Batch,
    BatchClaim,
    Claim,
    ClaimState,
    Clearinghouse,
    Practice,
    UsageIndicator,
)
from bhbilling.app.submission.control_numbers import allocate
from bhbilling.app.submission.mapping import (
    ClaimMappingError,
    billing_provider,
    delimiters_of,
    receiver_of,
    submitter_of,
    to_x12_claim,
)
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.claim837p import BillingGroup, Transaction837P, write_837p

__all__ = ["BatchSummary", "NoClearinghouse", "claims_for_batch", "create_batches",
           "default_clearinghouse"]



class NoClearinghouse(BhBillingError):
    """The company has no active clearinghouse connection to send through."""


@dataclass(slots=True)
class BatchSummary:
    batches: list[Batch] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (claim PCN, why)

    @property
    def claim_count(self) -> int:
        return sum(b.claim_count for b in self.batches)

    @property
    def total_charge(self) -> Decimal:
        return sum((b.total_charge for b in self.batches), Decimal(0))


def default_clearinghouse(company_id: int) -> Clearinghouse:
    ch = (Clearinghouse.unscoped.filter(company_id=company_id, active=True)
          .order_by("-is_default", "id").first())
    if ch is None:
        raise NoClearinghouse("no active clearinghouse connection: add one (admin or "
                              "`bhbilling clearinghouse add`) before batching claims")
    return ch


def claims_for_batch(practice: Practice):
    """Ready claims of the practice with everything the 837P needs, in one query set."""
    return (Claim.objects.filter(practice=practice, state=ClaimState.READY)
            .select_related("payer", "coverage", "patient", "rendering_provider__supervisor",
                            "session__location", "practice", "original_claim")
            .prefetch_related("lines").order_by("payer_id", "id"))


def _file_name(practice: Practice, payer_id: str, isa13: int, usage: str) -> str:
    safe = "".join(ch for ch in payer_id if ch.isalnum())[:20] or "payer"
    return f"837P-{practice.npi}-{safe}-{isa13:09d}{'-TEST' if usage == 'T' else ''}.x12"


def _write_one(practice: Practice, ch_id: int, claim_ids: list[int], usage: str | None,
               actor: Any, now: dt.datetime, summary: BatchSummary) -> None:
    with transaction.atomic():
        ch, isa13, gs06, st02 = allocate(ch_id)
        rows = list(claims_for_batch(practice).filter(pk__in=claim_ids).select_for_update(
            of=("self",)))
        if not rows:
            transaction.set_rollback(True)  # another worker sent them: give the numbers back
            return
        x_claims = []
        for claim in rows:
            x_claims.append(to_x12_claim(claim))
        tx = Transaction837P(control_number=st02, submitter=submitter_of(ch),
                             receiver=receiver_of(ch),
                             billing_groups=(BillingGroup(billing_provider(practice),
                                                          tuple(x_claims)),))
        indicator = usage or ch.usage_indicator
        text = write_837p([tx], sender_id=ch.sender_id, receiver_id=ch.receiver_id,
                          interchange_control_number=isa13, group_control_number=gs06,
                          created=now, test=indicator == UsageIndicator.TEST,
                          delimiters=delimiters_of(ch), sender_qualifier=ch.sender_qualifier,
                          receiver_qualifier=ch.receiver_qualifier, line_break=ch.line_breaks)
        batch = Batch.unscoped.create(
            practice=practice, clearinghouse=ch, payer=rows[0].payer,
            interchange_number=isa13, group_number=gs06, transaction_number=st02,
            usage_indicator=indicator,
            file_name=_file_name(practice, rows[0].payer.payer_id, isa13, indicator),
            content=text, sha256=hashlib.sha256(text.encode()).hexdigest(),
            claim_count=len(rows), total_charge=sum((c.total_charge for c in rows), Decimal(0)),
            created_at=now, created_by=actor if getattr(actor, "is_authenticated", False) else None)
        BatchClaim.unscoped.bulk_create([
            BatchClaim(practice=practice, batch=batch, claim=c, position=i)
            for i, c in enumerate(rows, start=1)])
        move_many(rows, ClaimState.SUBMITTED, actor=actor, reason=f"sent in batch {batch.file_name}",
                  at=now)
        audit.record("create", batch, actor=actor, detail={"claims": len(rows)})
        summary.batches.append(batch)


def _mappable(claims: list[Claim], summary: BatchSummary) -> list[Claim]:
    """Claims the 837P can carry; one that cannot is reported, the rest still go."""
    good = []
    for claim in claims:
        try:
            to_x12_claim(claim)
        except (ClaimMappingError, BhBillingError) as exc:
            summary.failed.append((claim.patient_control_number, str(exc)))
            continue
        good.append(claim)
    return good


def create_batches(practice: Practice, *, clearinghouse: Clearinghouse | None = None,
                   usage: str | None = None, actor: Any = None,
                   progress: Callable[[int, int], None] | None = None,
                   now: dt.datetime | None = None) -> BatchSummary:
    """Batch every ready claim of the practice, per payer, in files of bounded size."""
    ch = clearinghouse or default_clearinghouse(practice.company_id)
    if ch.company_id != practice.company_id:
        raise BhBillingError("the clearinghouse belongs to another billing company")
    summary = BatchSummary()
    by_payer: dict[int, list[Claim]] = defaultdict(list)
    for claim in _mappable(list(claims_for_batch(practice)), summary):
        by_payer[claim.payer_id].append(claim)
    chunks = [ids[i:i + ch.max_claims_per_file]
              for ids in ([c.pk for c in group] for group in by_payer.values())
              for i in range(0, len(ids), ch.max_claims_per_file)]
    when = now or timezone.now()
    for done, ids in enumerate(chunks, start=1):
        _write_one(practice, ch.pk, ids, usage, actor, when, summary)
        if progress:
            progress(done, len(chunks))
    return summary
