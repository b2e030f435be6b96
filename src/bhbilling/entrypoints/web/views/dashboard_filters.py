"""The dashboard's filter form (GET): practice, payer, provider, dates -> one ``ReportFilters``.

- Practice: the current practice by default; any practice where the user holds
  VIEW_REPORTS, or "all" of them. A practice outside that list is refused (403), never
  silently dropped: it is another tenant's.
- Payer: one of the company's payers; provider: one of the chosen practices' clinicians.
  A value that is not one of those is reported on the page (field and what was expected)
  and the filter is left off.
- Dates: ``start``/``end`` (ISO dates); by default the last full calendar month before today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from bhbilling.app.models import Payer, Practice, Provider
from bhbilling.domain.access import Permission
from bhbilling.reports.filters import ReportFilters

__all__ = ["DashboardFilters", "default_period", "parse_filters", "reporting_practices"]

ALL = "all"


@dataclass(frozen=True)
class DashboardFilters:
    filters: ReportFilters
    practice: str  # a practice id as text, or "all"
    errors: list[str] = field(default_factory=list)

    def query(self, **changes: object) -> str:
        """The filter as a query string (for links), with ``changes`` applied."""
        f = self.filters
        params = {
            "practice": self.practice,
            "payer": f.payer_id or "",
            "provider": f.provider_id or "",
            "start": f.start.isoformat(),
            "end": f.end.isoformat(),
        }
        params.update({k: ("" if v is None else v) for k, v in changes.items()})
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    @property
    def single_practice(self) -> int | None:
        ids = self.filters.practice_ids
        return ids[0] if len(ids) == 1 and self.practice != ALL else None


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last full calendar month before ``today``."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def reporting_practices(request: HttpRequest, permission: Permission = Permission.VIEW_REPORTS) -> list[int]:
    access = request.access
    return sorted(pid for pid in access.practice_ids if access.can(permission, pid))


def _date(raw: str, name: str, fallback: dt.date, errors: list[str]) -> dt.date:
    if not raw:
        return fallback
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors.append(f"{name}: expected a date as YYYY-MM-DD, got {raw[:20]!r}; using {fallback:%m/%d/%Y}.")
        return fallback


def _choice(raw: str, name: str, allowed: set[int], errors: list[str]) -> int | None:
    if not raw:
        return None
    if raw.isdigit() and int(raw) in allowed:
        return int(raw)
    errors.append(f"{name}: expected one of the listed {name}s; the filter was left off.")
    return None


def _practices(request: HttpRequest, raw: str) -> tuple[str, tuple[int, ...]]:
    visible = reporting_practices(request)
    if raw == ALL:
        if not visible:
            raise PermissionDenied("Your role does not allow: View reports.")
        return ALL, tuple(visible)
    wanted = raw or str(request.practice_id)
    if not wanted.isdigit() or int(wanted) not in visible:
        raise PermissionDenied("You may not see reports of that practice.")
    return wanted, (int(wanted),)


def parse_filters(request: HttpRequest, today: dt.date) -> DashboardFilters:
    """The filter from the request's GET parameters (see the module docstring)."""
    errors: list[str] = []
    practice, ids = _practices(request, request.GET.get("practice", ""))
    first, last = default_period(today)
    start = _date(request.GET.get("start", ""), "start", first, errors)
    end = _date(request.GET.get("end", ""), "end", last, errors)
    if end < start:
        errors.append(
            f"end: expected a date on or after the start ({start:%m/%d/%Y}); using the last full month."
        )
        start, end = first, last
    payers = set(Payer.unscoped.filter(company_id=request.access.company_id).values_list("id", flat=True))
    providers = set(Provider.unscoped.filter(practice_id__in=ids).values_list("id", flat=True))
    payer = _choice(request.GET.get("payer", ""), "payer", payers, errors)
    provider = _choice(request.GET.get("provider", ""), "provider", providers, errors)
    return DashboardFilters(ReportFilters(ids, start, end, today, payer, provider), practice, errors)


def filter_choices(request: HttpRequest, state: DashboardFilters) -> dict:
    """Options for the filter form's selects."""
    visible = reporting_practices(request)
    return {
        "practice_options": list(
            Practice.unscoped.filter(pk__in=visible).order_by("name").values("id", "name")
        ),
        "payer_options": list(
            Payer.unscoped.filter(company_id=request.access.company_id).order_by("name").values("id", "name")
        ),
        "provider_options": [
            {"id": p.id, "name": f"{p.last_name}, {p.first_name}"}
            for p in Provider.unscoped.filter(practice_id__in=state.filters.practice_ids).order_by(
                "last_name", "first_name"
            )
        ],
        "many_practices": len(visible) > 1,
    }
