"""The KPI figures for one ``ReportFilters``: ``compute(filters) -> list[KpiValue]``.

Why here: the dashboard, the monthly PDF, the exports, the CLI and the API all call this one
function, so a figure is the same everywhere. Each KPI is one or a few SQL aggregates
(``kpi_counts``, ``kpi_money``) giving a numerator and a denominator; the definition
(``domain.kpis``) gives the label, formula text, unit, benchmark, source and the status
rule. ``drilldown(filters, key, part)`` lists the claims behind either part.

Stable public names (used by other modules): ``compute``, ``kpi``, ``KPI_KEYS``,
``FUNCTIONS``, ``value_from``. ``GROUPS`` lists KPIs that share one query: ``compute``
asks it once when it needs more than one of them (the figures are the same either way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from bhbilling.domain.kpis import DEFINITIONS, KpiDefinition, definition, ratio_value
from bhbilling.reports import kpi_counts, kpi_money
from bhbilling.reports.filters import KpiValue, Parts, ReportFilters

__all__ = ["FUNCTIONS", "GROUPS", "KPI_KEYS", "compute", "kpi", "value_from"]


FUNCTIONS: dict[str, Callable[[ReportFilters], Parts]] = {
    "clean_claim_rate": kpi_counts.clean_claim_rate,
    "first_pass_resolution_rate": kpi_counts.first_pass_resolution_rate,
    "denial_rate_count": kpi_counts.denial_rate_count,
    "denial_rate_dollars": kpi_counts.denial_rate_dollars,
    "days_in_ar": kpi_money.days_in_ar,
    "ar_over_90_share": kpi_money.ar_over_90_share,
    "net_collection_rate": kpi_money.net_collection_rate,
    "gross_collection_rate": kpi_money.gross_collection_rate,
    "charge_lag": kpi_counts.charge_lag,
    "claim_lag": kpi_counts.claim_lag,
    "submission_to_payment_lag": kpi_counts.submission_to_payment_lag,
    "underpayment_rate": kpi_money.underpayment_rate,
    "authorization_use": kpi_money.authorization_use,
    "authorization_rate": kpi_counts.authorization_rate,
    "patient_collection_rate": kpi_money.patient_collection_rate,
}
#: KPIs answered together by one call (they share their queries); used when several are wanted
GROUPS: tuple[tuple[frozenset[str], Callable[[ReportFilters], dict[str, Parts]]], ...] = (
    (frozenset({"days_in_ar", "ar_over_90_share"}), kpi_money.ar_kpis),
    (frozenset({"net_collection_rate", "gross_collection_rate"}), kpi_money.collection_kpis),
)
KPI_KEYS: tuple[str, ...] = tuple(d.key for d in DEFINITIONS)
if set(KPI_KEYS) != set(FUNCTIONS):  # pragma: no cover - a definition without a query
    raise ImportError("every KPI definition needs exactly one query function")


def value_from(d: KpiDefinition, numerator: Decimal, denominator: Decimal) -> KpiValue:
    """The KpiValue for a definition and its parts (value None when the denominator is 0)."""
    value = ratio_value(numerator, denominator, d.scale)
    return KpiValue(key=d.key, label=d.label, value=value, unit=d.unit,
                    numerator=Decimal(numerator), denominator=Decimal(denominator),
                    formula=d.formula, benchmark=d.benchmark, source=d.source,
                    status=d.status(value))


def kpi(filters: ReportFilters, key: str) -> KpiValue:
    d = definition(key)
    numerator, denominator = FUNCTIONS[key](filters)
    return value_from(d, numerator, denominator)


def compute(filters: ReportFilters, keys: Iterable[str] | None = None) -> list[KpiValue]:
    """Every KPI (or the given keys), in the definitions' order."""
    wanted = set(keys) if keys is not None else set(KPI_KEYS)
    parts: dict[str, Parts] = {}
    for members, together in GROUPS:
        if len(members & wanted) > 1:
            parts.update(together(filters))
    return [value_from(d, *(parts[d.key] if d.key in parts else FUNCTIONS[d.key](filters)))
            for d in DEFINITIONS if d.key in wanted]
