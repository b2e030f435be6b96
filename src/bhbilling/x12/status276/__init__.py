"""276 claim status request (005010X212): typed model, writer and reader."""

from bhbilling.x12.status276.model import (
    ClaimInquiry,
    Dependent,
    InformationReceiver,
    LineInquiry,
    Payer,
    PersonName,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
)
from bhbilling.x12.status276.reader import iter_276, read_276
from bhbilling.x12.status276.writer import VERSION, transaction_segments, write_276

__all__ = [
    "VERSION", "ClaimInquiry", "Dependent", "InformationReceiver", "LineInquiry", "Payer",
    "PersonName", "ServiceProvider", "StatusInquiry", "Subscriber", "Transaction276", "iter_276",
    "read_276", "transaction_segments", "write_276",
]
