"""277CA claim acknowledgment (005010X214) and 277 claim status response (005010X212):
typed model and reader."""

from bhbilling.x12.status277.model import (
    ACKNOWLEDGMENT,
    REJECTED_CATEGORIES,
    STATUS_RESPONSE,
    ClaimStatus,
    ClaimStatusResponse,
    Entity,
    LineStatus,
    PartyStatus,
    Status,
    StatusCode,
)
from bhbilling.x12.status277.reader import VERSIONS, iter_277, read_277

__all__ = [
    "ACKNOWLEDGMENT", "REJECTED_CATEGORIES", "STATUS_RESPONSE", "VERSIONS", "ClaimStatus",
    "ClaimStatusResponse", "Entity", "LineStatus", "PartyStatus", "Status", "StatusCode", "iter_277",
    "read_277",
]
