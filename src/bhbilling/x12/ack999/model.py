"""Typed content of a 999 implementation acknowledgment (005010X231A1), as the sender wrote it.

Model (implementation guide section 2.4):
- `Acknowledgment`: one ST..SE. AK1 names the functional group acknowledged (AK101
  functional id, e.g. HC for an 837; AK102 its GS06 control number; AK103 its GS08
  version), then one `TransactionResponse` per acknowledged transaction set (loop 2000),
  then AK9: the group's verdict (A accepted, E accepted with errors, P partially accepted,
  R rejected, M/W/X security failures), the counts of sets included (GE01), received and
  accepted, and up to five AK905 group error codes.
- `TransactionResponse`: AK2 (set id, ST02 control number, ST03 convention), the
  `SegmentNote`s (loop 2100, IK3) and the IK5 verdict with up to five IK502 codes.
- `SegmentNote`: IK3 (segment id, position in the transaction set counting ST as 1,
  loop id, IK304 syntax error code) with its CTX contexts and `ElementNote`s (loop 2110,
  IK4: position, component, repetition, data element reference number, IK403 error code
  and the copy of the bad data, which may be PHI and is therefore left out of repr).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ACCEPTED_CODES", "Acknowledgment", "Context", "ElementNote", "SegmentNote",
    "TransactionResponse",
]

ACCEPTED_CODES = frozenset({"A", "E"})  # IK501/AK901: accepted, or accepted with errors noted


@dataclass(frozen=True, slots=True)
class Context:
    """CTX: CTX01-1 context name (SITUATIONAL TRIGGER, CLM01, NM109...), CTX01-2 its
    reference (a business identifier such as our CLM01; may be PHI), then the segment id,
    position and loop the context points at."""

    name: str
    reference: str = field(default="", repr=False)
    segment_id: str = ""
    position: int | None = None
    loop: str = ""


@dataclass(frozen=True, slots=True)
class ElementNote:
    """IK4: IK401-1 element position, -2 component position, -3 repetition position,
    IK402 data element reference number, IK403 error code (1 missing, 4 too short, 5 too
    long, 6 invalid character, 7 invalid code, 8 invalid date...), IK404 bad data copy."""

    position: int
    component: int | None
    repetition: int | None
    reference_number: str
    code: str
    segment_number: int
    bad_value: str = field(default="", repr=False)
    contexts: tuple[Context, ...] = ()

    @property
    def element(self) -> str:
        """'05' or '05-2' (position and component) for display."""
        text = f"{self.position:02d}"
        return f"{text}-{self.component}" if self.component else text


@dataclass(frozen=True, slots=True)
class SegmentNote:
    """IK3: IK301 segment id, IK302 position in the transaction set (ST = 1), IK303 loop
    id, IK304 error code (1 unrecognized, 2 unexpected, 3 required missing, 4 loop over
    maximum, 5 segment over maximum use, 6 not in transaction set, 7 out of sequence, 8
    segment has element errors, I4/I6/I7/I8/I9 implementation errors)."""

    segment_id: str
    position: int
    loop: str
    code: str
    segment_number: int
    contexts: tuple[Context, ...] = ()
    elements: tuple[ElementNote, ...] = ()


@dataclass(frozen=True, slots=True)
class TransactionResponse:
    """Loop 2000: AK2 and IK5 of one acknowledged transaction set (ST02 `control_number`)."""

    set_id: str
    control_number: str
    convention: str
    status: str
    codes: tuple[str, ...]
    segment_number: int
    errors: tuple[SegmentNote, ...] = ()

    @property
    def accepted(self) -> bool:
        """IK501 A or E: the set goes on to the payer (E: with errors noted)."""
        return self.status in ACCEPTED_CODES


@dataclass(frozen=True, slots=True)
class Acknowledgment:
    """One 999 transaction set with the envelope it came in."""

    file: str | None
    control_number: str  # ST02 of the 999
    interchange_control_number: str  # ISA13 of the 999
    sender_id: str  # GS02 (who acknowledges)
    receiver_id: str  # GS03 (us)
    version: str  # ST03 or GS08: 005010X231A1 (or 005010X231)
    functional_id: str  # AK101
    group_control_number: str  # AK102: the GS06 of our group
    group_version: str  # AK103
    transactions: tuple[TransactionResponse, ...]
    status: str  # AK901
    included: int  # AK902
    received: int  # AK903
    accepted_count: int  # AK904
    group_codes: tuple[str, ...] = ()  # AK905..AK909

    @property
    def accepted(self) -> bool:
        """AK901 A or E: the whole group was accepted."""
        return self.status in ACCEPTED_CODES

    def response_for(self, control_number: str) -> TransactionResponse | None:
        """The response to our transaction set whose ST02 is `control_number`."""
        wanted = control_number.lstrip("0") or "0"
        return next((t for t in self.transactions
                     if (t.control_number.lstrip("0") or "0") == wanted), None)
