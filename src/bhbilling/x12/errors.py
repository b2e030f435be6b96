"""The X12 error tree: every problem the reader finds, located to the segment and element.

Model:
- `X12Error` (a `BhBillingError`) is the only exception the X12 reader lets out on bad
  input -- never IndexError, UnicodeDecodeError or ValueError -- so an importer can catch
  one family and quarantine the file with a message a biller can act on.
- Every error carries where it happened: `file`, `segment_number` (1-based position of the
  segment in the whole file, counting the ISA as 1, as the 999 IK3 "segment position in
  transaction set" counts within a transaction), `segment_id`, `element` ("ISA13", "CLP04",
  "CLP01-2" for a component), what was `expected`, what was `found`, and `ack_code`: the
  999 acknowledgement code for the problem where the 005010X231A1 guide defines one.
- Subclasses say which layer failed: `X12SyntaxError` (delimiters, characters, segment
  ids), `X12EnvelopeError` (ISA/GS/ST/SE/GE/IEA structure and counts), `X12ValueError`
  (an element's value: amount, date, code). Callers that need a `Finding` call
  `to_finding()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.findings import Finding

__all__ = [
    "AK905_BAD_CONTROL_NUMBER",
    "AK905_CONTROL_MISMATCH",
    "AK905_COUNT_MISMATCH",
    "AK905_TRAILER_MISSING",
    "IK304_MISSING_SEGMENT",
    "IK304_NOT_IN_TRANSACTION",
    "IK304_UNEXPECTED_SEGMENT",
    "IK304_UNRECOGNIZED_SEGMENT",
    "IK304_WITH_ELEMENT_ERRORS",
    "IK403_INVALID_CHARACTER",
    "IK403_INVALID_CODE",
    "IK403_INVALID_DATE",
    "IK403_INVALID_TIME",
    "IK403_REQUIRED_MISSING",
    "IK403_TOO_LONG",
    "IK403_TOO_MANY_ELEMENTS",
    "IK403_TOO_SHORT",
    "IK502_BAD_CONTROL_NUMBER",
    "IK502_CONTROL_MISMATCH",
    "IK502_COUNT_MISMATCH",
    "IK502_TRAILER_MISSING",
    "TA105_BAD_COMPONENT_SEPARATOR",
    "TA105_BAD_CONTROL_NUMBER",
    "TA105_BAD_CONTROL_STRUCTURE",
    "TA105_BAD_ELEMENT_SEPARATOR",
    "TA105_BAD_SEGMENT_TERMINATOR",
    "TA105_CONTROL_MISMATCH",
    "TA105_GROUP_COUNT",
    "TA105_PREMATURE_END",
    "AckCode",
    "X12EnvelopeError",
    "X12Error",
    "X12SyntaxError",
    "X12ValueError",
]


@dataclass(frozen=True, slots=True)
class AckCode:
    """A 999 error code: `segment` ("IK304") or element ("IK403") with its code value."""

    field: str
    code: str

    def __str__(self) -> str:
        doc = "TA1" if self.field.startswith("TA1") else "999"
        return f"{doc} {self.field}={self.code}"


# 999 IK304 implementation segment syntax error codes (005010X231A1, element 620).
IK304_UNRECOGNIZED_SEGMENT = AckCode("IK304", "1")
IK304_UNEXPECTED_SEGMENT = AckCode("IK304", "2")
IK304_MISSING_SEGMENT = AckCode("IK304", "3")
IK304_NOT_IN_TRANSACTION = AckCode("IK304", "6")
IK304_WITH_ELEMENT_ERRORS = AckCode("IK304", "8")
# 999 IK403 implementation data element syntax error codes (element 621).
IK403_REQUIRED_MISSING = AckCode("IK403", "1")
IK403_TOO_MANY_ELEMENTS = AckCode("IK403", "3")
IK403_TOO_SHORT = AckCode("IK403", "4")
IK403_TOO_LONG = AckCode("IK403", "5")
IK403_INVALID_CHARACTER = AckCode("IK403", "6")
IK403_INVALID_CODE = AckCode("IK403", "7")
IK403_INVALID_DATE = AckCode("IK403", "8")
IK403_INVALID_TIME = AckCode("IK403", "9")

# 999 IK502 transaction set syntax error codes (element 718).
IK502_TRAILER_MISSING = AckCode("IK502", "2")
IK502_CONTROL_MISMATCH = AckCode("IK502", "3")
IK502_COUNT_MISMATCH = AckCode("IK502", "4")
IK502_BAD_CONTROL_NUMBER = AckCode("IK502", "7")
# 999 AK905 functional group syntax error codes (element 716).
AK905_TRAILER_MISSING = AckCode("AK905", "3")
AK905_CONTROL_MISMATCH = AckCode("AK905", "4")
AK905_COUNT_MISMATCH = AckCode("AK905", "5")
AK905_BAD_CONTROL_NUMBER = AckCode("AK905", "6")
# TA1 TA105 interchange note codes (element I18): the interchange level has no 999 code.
TA105_CONTROL_MISMATCH = AckCode("TA105", "001")
TA105_BAD_SEGMENT_TERMINATOR = AckCode("TA105", "004")
TA105_BAD_CONTROL_NUMBER = AckCode("TA105", "018")
TA105_GROUP_COUNT = AckCode("TA105", "021")
TA105_BAD_CONTROL_STRUCTURE = AckCode("TA105", "022")
TA105_PREMATURE_END = AckCode("TA105", "023")
TA105_BAD_ELEMENT_SEPARATOR = AckCode("TA105", "026")
TA105_BAD_COMPONENT_SEPARATOR = AckCode("TA105", "027")

_MAX_FOUND = 40


class X12Error(BhBillingError):
    """Bad X12 input, located. `str()` gives one line, e.g.

    "remit.835 segment 14 (CLP), element CLP04: expected a decimal amount, found 'abc'
    [999 IK403=6]". `found` is cut to 40 characters: an element may hold PHI, and the
    message should locate the problem, not copy the file.
    """

    def __init__(
        self,
        message: str = "",
        *,
        file: str | None = None,
        segment_number: int | None = None,
        segment_id: str | None = None,
        element: str | None = None,
        expected: str | None = None,
        found: str | None = None,
        ack_code: AckCode | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.segment_number = segment_number
        self.segment_id = segment_id
        self.element = element
        self.expected = expected
        self.found = found
        self.ack_code = ack_code
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """'remit.835 segment 14 (CLP), element CLP04' -- the parts that are known."""
        parts: list[str] = []
        head = self.file or ""
        if self.segment_number is not None:
            head = f"{head} segment {self.segment_number}".strip()
            if self.segment_id:
                head += f" ({self.segment_id})"
        elif self.segment_id:
            head = f"{head} segment {self.segment_id}".strip()
        if head:
            parts.append(head)
        if self.element:
            parts.append(f"element {self.element}")
        return ", ".join(parts)

    def _detail(self) -> str:
        bits: list[str] = []
        if self.message:
            bits.append(self.message)
        if self.expected is not None:
            bits.append(f"expected {self.expected}")
        if self.found is not None:
            shown = self.found if len(self.found) <= _MAX_FOUND else self.found[:_MAX_FOUND] + "..."
            bits.append(f"found {shown!r}")
        return ", ".join(bits) if bits else "invalid X12"

    def __str__(self) -> str:
        loc = self.location
        text = f"{loc}: {self._detail()}" if loc else self._detail()
        if self.ack_code is not None:
            text += f" [{self.ack_code}]"
        return text

    def to_finding(self, code: str = "x12") -> Finding:
        """The same problem as a kernel `Finding` (for import reports that collect many)."""
        return Finding(
            code=code,
            message=self._detail() + (f" [{self.ack_code}]" if self.ack_code else ""),
            file=self.file,
            segment=self.segment_number if self.segment_number is not None else self.segment_id,
            field=self.element,
        )


class X12SyntaxError(X12Error):
    """The bytes are not X12: no ISA, bad delimiters, invalid characters or segment ids."""


class X12EnvelopeError(X12Error):
    """ISA/GS/ST/SE/GE/IEA structure broken: missing trailer, wrong count or control number."""


class X12ValueError(X12Error):
    """An element's value is wrong for its type: amount, date, code, required but empty."""
