"""Patient-provider disputes over a bill that exceeds its Good Faith Estimate (45 CFR 149.620).

When a patient billed $400 or more above the estimate starts the dispute process (within
120 calendar days of the first bill, reference §10.1), the provider must not send the
disputed amount to collections and must suspend late fees while it is open. Recording the
dispute here holds the patient's statements (registered with
``app.patient_billing.holds`` as the dispute source) until it is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from bhbilling.app import audit
from bhbilling.app.models import EstimateStatus, GoodFaithEstimate
from bhbilling.domain.estimates.errors import EstimateError

__all__ = ["DisputeRefused", "close_dispute", "open_dispute", "patients_in_dispute"]


class DisputeRefused(EstimateError):
    """The dispute cannot be opened or closed; the message says why."""


def open_dispute(estimate: GoodFaithEstimate, *, on: dt.date, actor: Any = None) -> GoodFaithEstimate:
    if estimate.status not in (EstimateStatus.ISSUED, EstimateStatus.SUPERSEDED):
        raise DisputeRefused(f"estimate {estimate.number} is {estimate.status}: only an estimate "
                             "given to the patient can be disputed")
    if estimate.dispute_opened_on and not estimate.dispute_closed_on:
        raise DisputeRefused(f"estimate {estimate.number} already has an open dispute "
                             f"(since {estimate.dispute_opened_on:%m/%d/%Y})")
    estimate.dispute_opened_on, estimate.dispute_closed_on = on, None
    estimate.save(update_fields=["dispute_opened_on", "dispute_closed_on"])
    audit.record("update", estimate, actor=actor, detail={"dispute": "opened"})
    return estimate


def close_dispute(estimate: GoodFaithEstimate, *, on: dt.date, actor: Any = None) -> GoodFaithEstimate:
    if not estimate.dispute_opened_on or estimate.dispute_closed_on:
        raise DisputeRefused(f"estimate {estimate.number} has no open dispute to close")
    if on < estimate.dispute_opened_on:
        raise DisputeRefused(f"a dispute cannot close ({on:%m/%d/%Y}) before it opened "
                             f"({estimate.dispute_opened_on:%m/%d/%Y})")
    estimate.dispute_closed_on = on
    estimate.save(update_fields=["dispute_closed_on"])
    audit.record("update", estimate, actor=actor, detail={"dispute": "closed"})
    return estimate


def patients_in_dispute(practice_id: int, patient_ids: Iterable[int], run_date: dt.date) -> set[int]:
    """Patients with a dispute open on ``run_date`` (the statement hold's source)."""
    rows = GoodFaithEstimate.unscoped.filter(
        Q(dispute_closed_on__isnull=True) | Q(dispute_closed_on__gt=run_date),
        practice_id=practice_id, patient_id__in=list(patient_ids),
        dispute_opened_on__lte=run_date)
    return set(rows.values_list("patient_id", flat=True))
