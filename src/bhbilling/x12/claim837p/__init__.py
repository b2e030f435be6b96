"""837P professional claims (005010X222A1): typed model and writer."""

from bhbilling.x12.claim837p.model import (
    Address,
    Adjustment,
    BillingGroup,
    BillingProvider,
    Claim,
    Contact,
    Facility,
    LineAdjudication,
    OtherPayer,
    Patient,
    Payer,
    PersonName,
    Provider,
    Receiver,
    ServiceLine,
    Submitter,
    Subscriber,
    Transaction837P,
)
from bhbilling.x12.claim837p.reading import read_837p
from bhbilling.x12.claim837p.writer import VERSION, transaction_segments, write_837p

__all__ = [
    "VERSION", "Address", "Adjustment", "BillingGroup", "BillingProvider", "Claim", "Contact",
    "Facility", "LineAdjudication", "OtherPayer", "Patient", "Payer", "PersonName", "Provider",
    "Receiver", "ServiceLine", "Submitter", "Subscriber", "Transaction837P", "read_837p",
    "transaction_segments", "write_837p",
]
