"""The payer answering questions: 276 -> 277 claim status, 270 -> 271 eligibility."""

from bhbilling.simulator.status.claim_status import status_body
from bhbilling.simulator.status.eligibility import eligibility_body
from bhbilling.simulator.status.inquiry270 import EligibilityQuestion, EligibilityRequest, read_270

__all__ = ["EligibilityQuestion", "EligibilityRequest", "eligibility_body", "read_270", "status_body"]
