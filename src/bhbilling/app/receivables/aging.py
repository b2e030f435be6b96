"""A/R aging from the ledger: open claim balances, aged and grouped (``domain.receivables``).

Reads, for one practice or every practice a company user may see:

1. the open balance of every claim, one grouped SQL query over the A/R journal lines
   (``app.balances.open_claim_balances``: insurance 1100 and patient 1200 per claim);
2. the facts each claim is aged and grouped by (payer, provider, practice, date of service,
   last submission), in chunks of ``CHUNK`` claims with SQL subqueries, never a query per
   claim; a replacement never sent itself takes its original's last submission.

A/R on no claim (e.g. a patient payment not applied to a claim) cannot be aged by a claim
date: it is returned apart (``unassigned``) so the screen shows that the claims plus it
equal the ledger's 1100 + 1200 balance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DateField, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.balances import AR_ACCOUNTS, open_claim_balances
from bhbilling.domain.receivables.aging import BUCKETS
from bhbilling.domain.receivables.aging_table import (
    NOT_SUBMITTED,
    PATIENT_ROW,
    AgingTable,
    Basis,
    CellClaim,
    GroupBy,
    OpenClaim,
    aging_table,
    cell_claims,
)
from bhbilling.kernel.money import quantize_cents

__all__ = ["CHUNK", "AgingReport", "aging_report", "column_label", "drill_down", "ledger_ar",
           "open_claims", "service_date_expr"]
ZERO = Decimal("0.00")
CHUNK = 2000  # claim ids per facts query (stays under SQLite's bound-parameter limit)
NO_PAYER = "(no payer)"
PATIENT_LABEL = "Patient responsibility"


def column_label(key: str) -> str:
    if key == NOT_SUBMITTED:
        return "Not submitted"
    return next(b.label for b in BUCKETS if b.key == key)


def service_date_expr():
    first_line = (m.ClaimLine.unscoped.filter(claim_id=OuterRef("pk")).order_by("date_of_service")
                  .values("date_of_service")[:1])
    return Coalesce(F("session__date_of_service"), Subquery(first_line), output_field=DateField())


def _last_submitted():
    return Subquery(m.ClaimStateChange.unscoped.filter(claim_id=OuterRef("pk"), to_state="submitted")
                    .order_by("-at", "-id").values("at")[:1])


def _facts(ids: Sequence[int], where: Q | None = None) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for start in range(0, len(ids), CHUNK):
        qs = m.Claim.unscoped.filter(pk__in=ids[start:start + CHUNK])
        if where is not None:
            qs = qs.filter(where)
        for row in qs.annotate(dos=service_date_expr(), sent=_last_submitted()).values(
                "id", "patient_control_number", "practice_id", "payer_id", "rendering_provider_id",
                "state", "original_claim_id", "dos", "sent"):
            out[row["id"]] = row
    return out


def _submitted_on(facts: dict[int, dict]) -> dict[int, dt.date | None]:
    """Last submission per claim; one never sent itself takes its original chain's
    (a replacement not yet sent is still the original's bill)."""
    sent = {pk: row["sent"] for pk, row in facts.items()}
    parent = {pk: row["original_claim_id"] for pk, row in facts.items()}

    def walk(pk: int) -> tuple[int, int | None]:
        """(the claim that answers, the next original still to load or None)."""
        seen = {pk}
        while sent.get(pk) is None and parent.get(pk):
            nxt = parent[pk]
            if nxt in seen:
                break
            if nxt not in sent:
                return pk, nxt
            seen.add(nxt)
            pk = nxt
        return pk, None

    while True:  # one query per level of the chains, for all claims at that level
        need = {nxt for pk in facts for nxt in [walk(pk)[1]] if nxt is not None}
        if not need:
            break
        loaded = _facts(sorted(need))
        for pk in need:
            row = loaded.get(pk)
            sent[pk], parent[pk] = (row["sent"], row["original_claim_id"]) if row else (None, None)
    out = {}
    for pk in facts:
        at = sent.get(walk(pk)[0])
        out[pk] = timezone.localtime(at).date() if at else None
    return out


def open_claims(practice_ids: Sequence[int], *, as_of: dt.date, where: Q | None = None
                ) -> list[OpenClaim]:
    """Claims of ``practice_ids`` with an open A/R balance on ``as_of`` (``where`` narrows)."""
    balances = open_claim_balances(practice_ids, as_of=as_of)
    facts = _facts(sorted(balances), where)
    submitted = _submitted_on(facts)
    return [OpenClaim(claim_id=pk, control_number=row["patient_control_number"],
                      practice_id=row["practice_id"], payer_id=row["payer_id"],
                      provider_id=row["rendering_provider_id"], state=row["state"],
                      service_date=row["dos"], submitted_on=submitted[pk],
                      insurance=balances[pk].insurance, patient=balances[pk].patient)
            for pk, row in facts.items()]


def ledger_ar(practice_ids: Sequence[int], as_of: dt.date) -> Decimal:
    """The ledger's insurance + patient A/R (1100 + 1200) on ``as_of``."""
    found = (m.JournalLine.unscoped.filter(practice_id__in=list(practice_ids),
                                           account__code__in=AR_ACCOUNTS,
                                           entry__effective_date__lte=as_of)
             .aggregate(d=Sum("debit"), c=Sum("credit")))
    return quantize_cents((found["d"] or ZERO) - (found["c"] or ZERO))


@dataclass(slots=True)
class AgingReport:
    table: AgingTable
    labels: dict[int | str | None, str]
    ledger_total: Decimal
    unassigned: Decimal  # A/R on no claim (not aged)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (key, label)

    def label(self, key: int | str | None) -> str:
        return self.labels.get(key, NO_PAYER if self.table.group is GroupBy.PAYER else str(key))


def _labels(group: GroupBy, keys) -> dict[int | str | None, str]:
    ids = [k for k in keys if isinstance(k, int)]
    if group is GroupBy.PAYER:
        out: dict[int | str | None, str] = dict(m.Payer.unscoped.filter(pk__in=ids)
                                               .values_list("id", "name"))
        out[PATIENT_ROW] = PATIENT_LABEL
        out[None] = NO_PAYER
        return out
    if group is GroupBy.PROVIDER:
        return {p.pk: p.display_name for p in m.Provider.unscoped.filter(pk__in=ids)}
    return dict(m.Practice.unscoped.filter(pk__in=ids).values_list("id", "name"))


def aging_report(practice_ids: Sequence[int], *, as_of: dt.date, basis: Basis = Basis.DOS,
                 group: GroupBy = GroupBy.PAYER) -> AgingReport:
    """The aging table with row labels, sorted by label (the patient row last)."""
    table = aging_table(open_claims(practice_ids, as_of=as_of), basis=basis, group=group, as_of=as_of)
    labels = _labels(group, [r.key for r in table.rows])
    table.rows.sort(key=lambda r: (r.key == PATIENT_ROW, labels.get(r.key, NO_PAYER).lower(),
                                   str(r.key)))
    ledger = ledger_ar(practice_ids, as_of)
    return AgingReport(table, labels, ledger, ledger - table.totals.total.amount,
                       [(c, column_label(c)) for c in table.columns])


def _row_filter(group: GroupBy, row_key: int | str | None) -> Q | None:
    """Narrow the facts query to the row's claims (patient row: every claim may count)."""
    if group is GroupBy.PAYER:
        if row_key == PATIENT_ROW:
            return None
        return Q(payer_id__isnull=True) if row_key is None else Q(payer_id=row_key)
    return Q(rendering_provider_id=row_key) if group is GroupBy.PROVIDER else Q(practice_id=row_key)


def drill_down(practice_ids: Sequence[int], *, as_of: dt.date, basis: Basis, group: GroupBy,
               row_key: int | str | None, column: str | None) -> list[CellClaim]:
    """The claims behind a cell (or a whole row when ``column`` is None); they add up to it."""
    claims = open_claims(practice_ids, as_of=as_of, where=_row_filter(group, row_key))
    return cell_claims(claims, basis=basis, group=group, as_of=as_of, row_key=row_key, column=column)
