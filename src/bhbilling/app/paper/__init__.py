"""Paper documents built from stored data: CMS-1500 claim forms and monthly superbills.

``cms1500`` fills the 1500 form's facts from a claim; ``selection`` picks the month's
self-pay and out-of-network sessions; ``superbills`` turns them into one superbill per
patient. Rendering is in ``bhbilling.documents``; every PDF made here is audited as an
export of PHI.
"""

from bhbilling.app.paper.cms1500 import amount_paid, claim_form_facts, claim_form_pdf
from bhbilling.app.paper.superbills import (
    MonthSuperbills,
    PatientSuperbill,
    month_bounds,
    parse_month,
    previous_month,
    superbill_for_patient,
    superbill_pdf,
    superbills_for_month,
    superbills_pdf,
)

__all__ = [
    "MonthSuperbills",
    "PatientSuperbill",
    "amount_paid",
    "claim_form_facts",
    "claim_form_pdf",
    "month_bounds",
    "parse_month",
    "previous_month",
    "superbill_for_patient",
    "superbill_pdf",
    "superbills_for_month",
    "superbills_pdf",
]
