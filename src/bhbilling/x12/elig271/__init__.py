"""271 eligibility response (005010X279A1): typed model and reader."""

from bhbilling.x12.elig271.model import (
    Address,
    Benefit,
    Contact,
    DatePeriod,
    Delivery,
    EligibilityResponse,
    Entity,
    Member,
    Party,
    Rejection,
    RelatedEntity,
    Trace,
)
from bhbilling.x12.elig271.reader import VERSIONS, iter_271, read_271

__all__ = [
    "VERSIONS", "Address", "Benefit", "Contact", "DatePeriod", "Delivery", "EligibilityResponse",
    "Entity", "Member", "Party", "Rejection", "RelatedEntity", "Trace", "iter_271", "read_271",
]
