"""Mental-health eligibility: what a payer's answer means for the next session.

Facts in (`MemberFacts`, built from a 271 by `interchange.eligibility`), a
`BenefitSummary` out (`summarize_member`), and the patient's expected share of a session
(`expected_responsibility`). Pure: no X12, no database.
"""

from bhbilling.domain.eligibility.codes import (
    MENTAL_HEALTH_SERVICE_TYPES,
    OUTPATIENT_PREFERENCE,
    SUBSTANCE_USE_PREFERENCE,
)
from bhbilling.domain.eligibility.facts import (
    BenefitFact,
    DateRange,
    MemberFacts,
    RejectionFact,
    RelatedParty,
    VisitPattern,
)
from bhbilling.domain.eligibility.rejections import RejectionAction, explain_rejection
from bhbilling.domain.eligibility.responsibility import expected_responsibility
from bhbilling.domain.eligibility.serialize import summary_to_dict
from bhbilling.domain.eligibility.summarize import summarize_member
from bhbilling.domain.eligibility.summary import (
    Accumulator,
    BenefitSummary,
    NetworkCosts,
    OtherPayer,
    VisitLimit,
)

__all__ = [
    "MENTAL_HEALTH_SERVICE_TYPES", "OUTPATIENT_PREFERENCE", "SUBSTANCE_USE_PREFERENCE",
    "Accumulator", "BenefitFact", "BenefitSummary", "DateRange", "MemberFacts", "NetworkCosts",
    "OtherPayer", "RejectionAction", "RejectionFact", "RelatedParty", "VisitLimit", "VisitPattern",
    "expected_responsibility", "explain_rejection", "summarize_member", "summary_to_dict",
]
