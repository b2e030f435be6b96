"""270 eligibility inquiry (005010X279A1): typed model and writer."""

from bhbilling.x12.elig270.model import (
    MAX_INQUIRIES_PER_TRANSACTION,
    MENTAL_HEALTH_INQUIRY,
    Dependent,
    InformationReceiver,
    InformationSource,
    Inquiry,
    PersonName,
    Subscriber,
    Transaction270,
)
from bhbilling.x12.elig270.writer import VERSION, transaction_segments, write_270

__all__ = [
    "MAX_INQUIRIES_PER_TRANSACTION", "MENTAL_HEALTH_INQUIRY", "VERSION", "Dependent", "InformationReceiver",
    "InformationSource", "Inquiry", "PersonName", "Subscriber", "Transaction270",
    "transaction_segments", "write_270",
]
