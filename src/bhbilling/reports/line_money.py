"""What payers allowed and paid per service line, from the ledger, against the fee schedule.

Why the ledger and not the 835 JSON: every 835 posting is tagged with our line's REF*6R
(``JournalLine.claim_line``), so per-line sums are plain SQL on any database and a reversal
and its re-payment net out. For a line, over the ``era:`` entries effective in the period:

- paid = cash clearing (1000) debits - credits on the line (SVC03);
- patient responsibility = patient A/R (1200) debits - credits (CAS group PR: deductible,
  coinsurance, copay);
- allowed = paid + patient responsibility (the 835 allowed amount; AMT*B6 when sent equals it).

Expected allowed is ``FeeScheduleRate.expected_allowed`` of the claim payer's schedule in
force on the line's date of service for the line's code, base rate (no modifiers): rates are
stored per modifier combination, and the base rate is the one contracts state.
Denied lines (a ``Denial`` on the line) are not underpayments and are left out, and so are
lines of claims billed to a secondary or later payer (``Claim.prior_payer_claim`` set): that
payer pays by coordination of benefits, what the earlier payer left (837P 2320/2430), so
its allowed amount is not comparable with its contract rate.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl
from bhbilling.reports import scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["allowed_by_code", "compared_lines", "era_lines", "expected_rate", "line_money"]

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)
ERA = "era:"


def _net(f: ReportFilters, account: str):
    q = scope.account_q(f, account)
    return Coalesce(Sum(F("debit") - F("credit"), filter=q, output_field=MONEY),
                    Value(ZERO), output_field=MONEY)


def expected_rate():
    """Subquery (in a ClaimLine query): the expected allowed for the line's payer, code and date."""
    rates = m.FeeScheduleRate.unscoped.filter(
        practice_id=OuterRef("practice_id"), schedule__payer_id=OuterRef("claim__payer_id"),
        code=OuterRef("code"), modifiers="", expected_allowed__isnull=False,
        schedule__effective_from__lte=OuterRef("date_of_service"),
    ).filter(Q(schedule__effective_to__isnull=True)
             | Q(schedule__effective_to__gte=OuterRef("date_of_service")))
    return Subquery(rates.order_by("-schedule__effective_from", "-id").values("expected_allowed")[:1],
                    output_field=MONEY)


def _line_net(f: ReportFilters, accounts: tuple[str, ...]):
    """Subquery (in a ClaimLine query): the line's net debit on ``accounts`` from 835 entries.

    Reads the line's own ledger lines by ``claim_line_id`` (index) with the account ids looked
    up once; the practice and payer/provider conditions are the outer line's already."""
    sums = (m.JournalLine.unscoped.filter(
        scope.account_q(f, accounts), claim_line_id=OuterRef("pk"), practice_id__in=f.practice_ids,
        entry__entry_key__startswith=ERA, entry__effective_date__gte=f.start,
        entry__effective_date__lte=f.end)
        .order_by().values("claim_line_id").annotate(s=Sum(F("debit") - F("credit"), output_field=MONEY))
        .values("s"))
    return Coalesce(Subquery(sums, output_field=MONEY), Value(ZERO), output_field=MONEY)


def line_money(f: ReportFilters) -> QuerySet[m.ClaimLine]:
    """Claim lines with 835 postings in the period, annotated ``paid``, ``patient``, ``allowed``,
    ``expected`` (None without a rate), ``short`` (expected - allowed, not below 0) and
    ``was_denied``. Plain (non-aggregate) annotations, so they can be summed per claim.
    ``allowed`` is one subquery over both accounts (equal to paid + patient) so the SQL of
    ``short`` does not repeat the two per-line sums."""
    denied = m.Denial.unscoped.filter(claim_id=OuterRef("claim_id"),
                                      line_control_number=OuterRef("line_control_number"))
    return (m.ClaimLine.unscoped.filter(scope.claim_q(f, "claim__"), practice_id__in=f.practice_ids)
            .filter(pk__in=era_lines(f).values("claim_line_id"))
            .annotate(was_denied=Exists(denied), paid=_line_net(f, (dl.CASH_CLEARING,)),
                      patient=_line_net(f, (dl.PATIENT_AR,)), expected=expected_rate(),
                      allowed=_line_net(f, (dl.CASH_CLEARING, dl.PATIENT_AR)))
            .annotate(short=Greatest(ExpressionWrapper(F("expected") - F("allowed"), output_field=MONEY),
                                     Value(ZERO), output_field=MONEY)))


def compared_lines(f: ReportFilters) -> QuerySet[m.ClaimLine]:
    """Lines with an expected rate that were not denied, on claims to the first payer (the
    underpayment denominator)."""
    return line_money(f).filter(was_denied=False, expected__isnull=False,
                                claim__prior_payer_claim__isnull=True)


def era_lines(f: ReportFilters) -> QuerySet[m.JournalLine]:
    return m.JournalLine.unscoped.filter(
        scope.claim_q(f, "claim_line__claim__"), practice_id__in=f.practice_ids,
        entry__practice_id__in=f.practice_ids, claim_line__isnull=False,
        entry__entry_key__startswith=ERA, entry__effective_date__gte=f.start,
        entry__effective_date__lte=f.end).filter(scope.account_q(f, (dl.CASH_CLEARING, dl.PATIENT_AR)))


def allowed_by_code(f: ReportFilters) -> list[dict]:
    """Per payer and code: lines, total paid, total patient share (allowed = paid + patient)."""
    rows = (era_lines(f).values("claim_line__claim__payer_id", "claim_line__claim__payer__name",
                                "claim_line__code")
            .annotate(lines=Count("claim_line_id", distinct=True), paid=_net(f, dl.CASH_CLEARING),
                      patient=_net(f, dl.PATIENT_AR))
            .order_by("claim_line__claim__payer__name", "claim_line__code"))
    return [{"payer_id": r["claim_line__claim__payer_id"],
             "payer": r["claim_line__claim__payer__name"] or "(no payer)",
             "code": r["claim_line__code"], "lines": r["lines"], "paid": r["paid"],
             "patient": r["patient"], "allowed": r["paid"] + r["patient"]} for r in rows]
