"""999 implementation acknowledgment (005010X231A1): typed model and reader."""

from bhbilling.x12.ack999.model import (
    ACCEPTED_CODES,
    Acknowledgment,
    Context,
    ElementNote,
    SegmentNote,
    TransactionResponse,
)
from bhbilling.x12.ack999.reader import VERSIONS, iter_999, read_999

__all__ = [
    "ACCEPTED_CODES", "VERSIONS", "Acknowledgment", "Context", "ElementNote", "SegmentNote",
    "TransactionResponse", "iter_999", "read_999",
]
