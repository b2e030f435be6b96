"""Good Faith Estimates for uninsured and self-pay patients, pure (No Surprises Act,
45 CFR 149.610 and 149.620; reference §10.1): business days, due dates, the 12-month
period, itemized expected charges, the $400 dispute check and which estimate covers a
date of service."""

from bhbilling.domain.estimates.business_days import (
    add_business_days,
    business_day_before,
    federal_holidays,
    holiday_name,
    is_business_day,
)
from bhbilling.domain.estimates.coverage import IssuedEstimate, covering_issue_date
from bhbilling.domain.estimates.deadlines import (
    Deadline,
    Trigger,
    deadline,
    due_date,
    lead_business_days,
)
from bhbilling.domain.estimates.disputes import (
    DISPUTE_FEE,
    DISPUTE_THRESHOLD,
    DISPUTE_WINDOW_DAYS,
    DisputeCheck,
    dispute_check,
    dispute_window_ends,
)
from bhbilling.domain.estimates.errors import EstimateError, MissingFee, PeriodTooLong
from bhbilling.domain.estimates.items import (
    EstimateLine,
    ExpectedService,
    estimate_total,
    price_services,
)
from bhbilling.domain.estimates.period import check_period, max_period_end

__all__ = [
    "DISPUTE_FEE", "DISPUTE_THRESHOLD", "DISPUTE_WINDOW_DAYS", "Deadline", "DisputeCheck",
    "EstimateError", "EstimateLine", "ExpectedService", "IssuedEstimate", "MissingFee",
    "PeriodTooLong", "Trigger", "add_business_days", "business_day_before", "check_period",
    "covering_issue_date",
    "deadline", "dispute_check", "dispute_window_ends", "due_date", "estimate_total",
    "federal_holidays", "holiday_name", "is_business_day", "lead_business_days",
    "max_period_end", "price_services",
]
