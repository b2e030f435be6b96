"""Errors raised while turning typed values into X12 element text.

X12 has no escape mechanism: the element, component, repetition and segment delimiters
chosen in ISA (ISA16 component, ISA11 repetition, the character after ISA01 for elements,
the one after ISA16 for segments) must never occur inside a value. A value that contains
one would silently shift every later element of the segment, so the writer refuses it.
Messages name the segment, the element position and the character -- never the value,
which may be PHI (a patient name, a member id).
"""

from __future__ import annotations

from bhbilling.kernel.errors import BhBillingError

__all__ = ["X12WriteError"]


class X12WriteError(BhBillingError, ValueError):
    """A value cannot be written into an X12 segment (delimiter, length, code or shape)."""
