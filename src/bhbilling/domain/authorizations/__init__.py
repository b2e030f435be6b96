"""Authorizations: units approved, burned down by sessions, alerts and booking checks.

Pure rules over frozen values (`Authorization`, `ServiceUse`): `allocate` computes the
burn-down, `alerts` the worklist, `check_booking` the blocking warning, `units_for` the
units of one session, `count_visits` the benefit-year visit count across providers.
"""

from bhbilling.domain.authorizations.alerts import Alert, Thresholds, alerts
from bhbilling.domain.authorizations.booking import BookingCheck, check_booking
from bhbilling.domain.authorizations.groups import CODE_GROUPS, expand_codes
from bhbilling.domain.authorizations.model import (
    Authorization,
    Frequency,
    ServiceUse,
    UnitType,
    UseStatus,
)
from bhbilling.domain.authorizations.units import units_for
from bhbilling.domain.authorizations.usage import Allocation, Usage, allocate
from bhbilling.domain.authorizations.visits import Visit, VisitCount, benefit_year, count_visits

__all__ = [
    "CODE_GROUPS", "Alert", "Allocation", "Authorization", "BookingCheck", "Frequency",
    "ServiceUse", "Thresholds", "UnitType", "Usage", "UseStatus", "Visit", "VisitCount",
    "alerts", "allocate", "benefit_year", "check_booking", "count_visits", "expand_codes",
    "units_for",
]
