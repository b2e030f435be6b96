"""The claims behind a KPI figure: ``drilldown(filters, key, part) -> QuerySet[Claim]``.

Why: a practice owner clicks "denial rate 7.4 %" and sees the claims. The list is built from
the same querysets and conditions as the figure (``claim_sets``, ``kpi_money``,
``line_money``), so its size (count parts) or the sum of its ``kpi_amount`` (money parts)
equals the KPI's numerator or denominator. For the lag KPIs every claim carries ``lag`` (a
duration) and the sum of ``lag.days`` is the numerator; the count is the denominator.

Parts that are not claims cannot be listed and raise ``NotDrillable``: the units approved
on authorizations (authorization use's denominator). Patient payments kept on account (not
applied to a claim) count in patient collections but have no claim to list.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import (
    Case,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl
from bhbilling.domain.kpis import definition
from bhbilling.kernel.errors import BhBillingError
from bhbilling.reports import claim_sets, kpi_counts, kpi_money, line_money, scope
from bhbilling.reports.filters import ReportFilters

__all__ = ["PARTS", "NotDrillable", "drilldown", "is_drillable"]

PARTS = ("numerator", "denominator")
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = kpi_money.ZERO


class NotDrillable(BhBillingError, ValueError):
    """The figure is not made of claims (e.g. units approved on authorizations)."""


def _sum_per_claim(rows: QuerySet, claim_path: str, expr) -> Coalesce:
    """Subquery: ``expr`` summed over ``rows`` whose ``claim_path`` is the outer claim."""
    sums = (rows.filter(**{claim_path: OuterRef("pk")}).order_by().values(claim_path)
            .annotate(s=Sum(expr, output_field=MONEY)).values("s"))
    return Coalesce(Subquery(sums, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _with_ledger(f: ReportFilters, lines: QuerySet[m.JournalLine], *, credit_side: bool = False,
                 nonzero: bool = True) -> QuerySet[m.Claim]:
    """Claims with the given ledger lines, ``kpi_amount`` = their net debit (or net credit).

    With ``nonzero`` the claims are picked by one grouped query (HAVING the sum is not 0), so
    the per-claim sum only runs for the rows read, not to decide which rows there are."""
    expr = F("credit") - F("debit") if credit_side else F("debit") - F("credit")
    if nonzero:
        ids = (lines.order_by().values("claim_id").annotate(net=kpi_money.net_debit())
               .exclude(net=0).values("claim_id"))
    else:
        ids = lines.values("claim_id")
    return (scope.claims(f).filter(pk__in=ids)
            .annotate(kpi_amount=_sum_per_claim(lines, "claim_id", expr)))


def _ar(f: ReportFilters, old_only: bool) -> QuerySet[m.Claim]:
    """Claims with A/R at the end date; ``old_only``: services more than 90 days before it
    (a claim's lines all share its date of service, so the age filter is on the claim)."""
    claims = _with_ledger(f, kpi_money.ar_lines(f))
    if old_only:
        claims = claims.annotate(dos=scope.claim_dos()).filter(dos__lte=kpi_money.aged_cutoff(f.end))
    return claims


def _collections(f: ReportFilters, account: str, *, credit_side: bool) -> QuerySet[m.Claim]:
    lines = kpi_money.collection_lines(f).filter(account__code=account)
    return _with_ledger(f, lines, credit_side=credit_side, nonzero=False)


def _net_collection_base(f: ReportFilters) -> QuerySet[m.Claim]:
    lines = kpi_money.collection_lines(f)
    charges = _sum_per_claim(lines.filter(account__code=dl.GROSS_CHARGES), "claim_id",
                             F("credit") - F("debit"))
    contractual = _sum_per_claim(lines.filter(account__code=dl.CONTRACTUAL_ADJUSTMENTS),
                                 "claim_id", F("debit") - F("credit"))
    return (scope.claims(f).filter(pk__in=lines.values("claim_id"))
            .annotate(kpi_amount=charges - contractual))


def _denied_dollars(f: ReportFilters) -> QuerySet[m.Claim]:
    denials = m.Denial.unscoped.filter(payment__in=scope.payments(f))
    return claim_sets.with_denial(f).annotate(kpi_amount=_sum_per_claim(denials, "claim_id", "amount"))


def _remitted_dollars(f: ReportFilters) -> QuerySet[m.Claim]:
    return claim_sets.remitted(f).annotate(
        kpi_amount=_sum_per_claim(scope.payments(f), "claim_id", "charge"))


def _underpaid(f: ReportFilters, field: str) -> QuerySet[m.Claim]:
    lines = line_money.compared_lines(f)
    if field == "short":
        lines = lines.filter(short__gt=0)
    return (scope.claims(f).filter(pk__in=lines.values("claim_id"))
            .annotate(kpi_amount=_sum_per_claim(line_money.compared_lines(f), "claim_id", field)))


def _authorized(f: ReportFilters) -> QuerySet[m.Claim]:
    """Claims counted as units used: each claim drawing on an in-scope authorization, with
    ``kpi_amount`` 1 (visit/day units) or its lines' units (15-minute units). Any rendering
    provider's claims count, as in the figure (an authorization is the patient's)."""
    dos = OuterRef("session__date_of_service")
    auths = kpi_money.authorization_rows(f).filter(
        number=OuterRef("prior_authorization"), patient_id=OuterRef("patient_id"),
        payer_id=OuterRef("payer_id"), starts_on__lte=dos, ends_on__gte=dos)
    units = _sum_per_claim(m.ClaimLine.unscoped.all(), "claim_id", "units")
    claims = (m.Claim.unscoped.filter(practice_id__in=f.practice_ids, frequency_code__in=("1", "7"),
                                      prior_payer_claim__isnull=True)
              .exclude(state__in=("voided", "closed")).exclude(prior_authorization="")
              .annotate(auth_unit=Subquery(auths.order_by("id").values("unit_type")[:1]))
              .filter(auth_unit__isnull=False))
    return claims.annotate(kpi_amount=Case(When(auth_unit=m.UnitType.MINUTES_15, then=units),
                                           default=Value(1), output_field=MONEY))


def _patient_paid(f: ReportFilters) -> QuerySet[m.Claim]:
    payments = kpi_money.patient_payments(f)
    return (scope.claims(f).filter(pk__in=payments.values("claim_id"))
            .annotate(kpi_amount=_sum_per_claim(payments, "claim_id", "amount")))


_Builder = Callable[[ReportFilters], QuerySet[m.Claim]]
_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("clean_claim_rate", "numerator"): lambda f: claim_sets.first_submitted(f).filter(claim_sets.CLEAN_Q),
    ("clean_claim_rate", "denominator"): claim_sets.first_submitted,
    ("first_pass_resolution_rate", "numerator"):
        lambda f: claim_sets.adjudicated(f).filter(claim_sets.FIRST_PASS_Q),
    ("first_pass_resolution_rate", "denominator"): claim_sets.adjudicated,
    ("denial_rate_count", "numerator"): claim_sets.with_denial,
    ("denial_rate_count", "denominator"): claim_sets.remitted,
    ("denial_rate_dollars", "numerator"): _denied_dollars,
    ("denial_rate_dollars", "denominator"): _remitted_dollars,
    ("days_in_ar", "numerator"): lambda f: _ar(f, old_only=False),
    ("days_in_ar", "denominator"):
        lambda f: _with_ledger(f, kpi_money.charge_lines(f), credit_side=True),
    ("ar_over_90_share", "numerator"): lambda f: _ar(f, old_only=True),
    ("ar_over_90_share", "denominator"): lambda f: _ar(f, old_only=False),
    ("net_collection_rate", "numerator"):
        lambda f: _collections(f, dl.CASH_CLEARING, credit_side=False),
    ("net_collection_rate", "denominator"): _net_collection_base,
    ("gross_collection_rate", "numerator"):
        lambda f: _collections(f, dl.CASH_CLEARING, credit_side=False),
    ("gross_collection_rate", "denominator"):
        lambda f: _collections(f, dl.GROSS_CHARGES, credit_side=True),
    ("charge_lag", "numerator"): kpi_counts.charge_lag_claims,
    ("charge_lag", "denominator"): kpi_counts.charge_lag_claims,
    ("claim_lag", "numerator"): kpi_counts.claim_lag_claims,
    ("claim_lag", "denominator"): kpi_counts.claim_lag_claims,
    ("submission_to_payment_lag", "numerator"): kpi_counts.payment_lag_claims,
    ("submission_to_payment_lag", "denominator"): kpi_counts.payment_lag_claims,
    ("underpayment_rate", "numerator"): lambda f: _underpaid(f, "short"),
    ("underpayment_rate", "denominator"): lambda f: _underpaid(f, "expected"),
    ("authorization_use", "numerator"): _authorized,
    ("authorization_rate", "numerator"):
        lambda f: claim_sets.auth_needed(f).filter(~Q(prior_authorization="") & Q(auth_denied=False)),
    ("authorization_rate", "denominator"): claim_sets.auth_needed,
    ("patient_collection_rate", "numerator"): _patient_paid,
    ("patient_collection_rate", "denominator"):
        lambda f: _with_ledger(f, kpi_money.patient_share_lines(f)),
}


def is_drillable(key: str, part: str) -> bool:
    return (key, part) in _BUILDERS


def drilldown(filters: ReportFilters, kpi_key: str, part: str = "numerator") -> QuerySet[m.Claim]:
    """The claims behind the KPI's numerator or denominator (see the module docstring)."""
    definition(kpi_key)  # unknown keys raise KeyError naming the known ones
    if part not in PARTS:
        raise ValueError(f"part must be 'numerator' or 'denominator', not {part!r}")
    builder = _BUILDERS.get((kpi_key, part))
    if builder is None:
        raise NotDrillable(f"the {part} of {kpi_key} is not made of claims")
    return builder(filters).order_by("id")

