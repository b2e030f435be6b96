"""Good Faith Estimates for uninsured and self-pay patients (No Surprises Act, 45 CFR 149.610):
who needs one, creating one from the self-pay fee schedule, issuing and replacing it, the
PDF, billed charges against it (the $400 dispute flag) and the practice's worklists."""

from bhbilling.app.estimates.comparison import BilledItem, Comparison, billed_vs_estimate, compare_many
from bhbilling.app.estimates.documents import estimate_pdf, gfe_facts
from bhbilling.app.estimates.needs import Need, needs_estimate
from bhbilling.app.estimates.records import (
    create_estimate,
    estimate_deadline,
    issue,
    supersede,
    void,
)
from bhbilling.app.estimates.worklists import FILTERS, EstimateRow, estimate_rows, filtered

__all__ = [
    "FILTERS", "BilledItem", "Comparison", "EstimateRow", "Need", "billed_vs_estimate",
    "compare_many", "create_estimate", "estimate_deadline", "estimate_pdf", "estimate_rows",
    "filtered", "gfe_facts", "issue", "needs_estimate", "supersede", "void",
]
