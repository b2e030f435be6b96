"""The facts the statement rules need, read for many patients at once.

- Balances from the ledger (``patient_balances``), as of the run date.
- Claims still with the payer: an insurance balance on a claim in a waiting state
  (``domain.receivables.statements.WAITING_ON_INSURANCE``).
- The last statement actually sent (its ``sent_on``), for the statement cycle.
- Good Faith Estimate disputes: open disputes come from sources registered with
  ``register_dispute_source``; the app registers ``app.estimates.disputes.patients_in_dispute``
  at start-up (apps.py), as the scrubber registers its readiness gate, so this module does
  not depend on the estimates feature.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Max

from bhbilling.app import models as m
from bhbilling.app.balances import claim_balances, patient_balances
from bhbilling.domain.receivables.statements import WAITING_ON_INSURANCE, AccountFacts
from bhbilling.kernel.money import quantize_cents

__all__ = ["DisputeSource", "account_facts", "register_dispute_source", "unregister_dispute_source"]

DisputeSource = Callable[[int, frozenset[int], dt.date], Iterable[int]]
"""(practice id, patient ids, run date) -> ids of those patients with an open GFE dispute."""

_dispute_sources: list[DisputeSource] = []


def register_dispute_source(source: DisputeSource) -> None:
    """Add a source of open GFE disputes (idempotent for the same function)."""
    if source not in _dispute_sources:
        _dispute_sources.append(source)


def unregister_dispute_source(source: DisputeSource) -> None:
    if source in _dispute_sources:
        _dispute_sources.remove(source)


def _disputed(practice_id: int, patient_ids: frozenset[int], run_date: dt.date) -> set[int]:
    out: set[int] = set()
    for source in _dispute_sources:
        out |= set(source(practice_id, patient_ids, run_date)) & patient_ids
    return out


def _waiting_claims(practice_id: int, patient_ids: frozenset[int]) -> dict[int, list[str]]:
    claims = list(m.Claim.unscoped.filter(practice_id=practice_id, patient_id__in=patient_ids,
                                          state__in=WAITING_ON_INSURANCE)
                  .values_list("pk", "patient_id", "patient_control_number").order_by("pk"))
    balances = claim_balances(practice_id, [c[0] for c in claims])
    out: dict[int, list[str]] = defaultdict(list)
    for pk, patient_id, number in claims:
        if pk in balances and balances[pk].insurance > 0:
            out[patient_id].append(number)
    return out


def account_facts(practice_id: int, run_date: dt.date,
                  patient_ids: Iterable[int] | None = None) -> list[AccountFacts]:
    """One ``AccountFacts`` per patient with a non-zero balance on ``run_date``."""
    balances = patient_balances(practice_id, patient_ids, as_of=run_date)
    ids = frozenset(balances)
    if not ids:
        return []
    patients = {p.pk: p for p in m.Patient.unscoped.filter(practice_id=practice_id, pk__in=ids)
                .only("pk", "statement_hold_reason", "statement_hold_until")}
    waiting = _waiting_claims(practice_id, ids)
    last_sent = dict(m.Statement.unscoped.filter(
        practice_id=practice_id, patient_id__in=ids, status=m.StatementStatus.SENT,
        sent_on__lte=run_date).values("patient_id").annotate(last=Max("sent_on"))
        .values_list("patient_id", "last").order_by())
    disputed = _disputed(practice_id, ids, run_date)
    return [AccountFacts(
        patient_id=pid, balance=quantize_cents(balances[pid]),
        hold_reason=patients[pid].statement_hold_reason, hold_until=patients[pid].statement_hold_until,
        claims_waiting=tuple(waiting.get(pid, ())), gfe_dispute_open=pid in disputed,
        last_sent_on=last_sent.get(pid)) for pid in sorted(ids) if pid in patients]
