"""How an address and a phone number read on paper (USPS style), one way for every document.

Stored ZIP codes are 5 or 9 digits, as X12 N403 carries them; a mail piece shows ZIP+4 as
``12345-6789`` (USPS Publication 28, 2.3). Phone numbers are stored as 10 digits (X12 PER04)
and printed ``(555) 555-0100``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["city_line", "mailing_lines", "phone_display", "zip_display"]


def zip_display(postal: str) -> str:
    """``123456789`` -> ``12345-6789``; anything else as stored."""
    postal = (postal or "").strip()
    return f"{postal[:5]}-{postal[5:]}" if len(postal) == 9 and postal.isdigit() else postal


def city_line(city: str, state: str, postal: str) -> str:
    """``Springfield, IL 62701-1234`` (the parts that are known)."""
    return " ".join(x for x in (f"{city}," if city else "", state, zip_display(postal)) if x)


def mailing_lines(obj: Any, prefix: str = "address_", *, one_street_line: bool = False) -> tuple[str, ...]:
    """Address lines of a model row with ``{prefix}line1``/``line2``, ``city``, ``state``, ``postal_code``.

    ``prefix="pay_to_"`` reads a practice's pay-to address (fields ``pay_to_line1`` ... ).
    """
    field = "" if prefix == "address_" else prefix
    street = [getattr(obj, f"{prefix}line1", "") or "", getattr(obj, f"{prefix}line2", "") or ""]
    street = [s for s in street if s]
    if one_street_line and street:
        street = [", ".join(street)]
    last = city_line(getattr(obj, f"{field}city", "") or "", getattr(obj, f"{field}state", "") or "",
                     getattr(obj, f"{field}postal_code", "") or "")
    return tuple(x for x in (*street, last) if x)


def phone_display(number: str) -> str:
    """Ten digits as ``(555) 555-0100``; anything else as stored."""
    digits = "".join(ch for ch in (number or "") if ch.isdigit())
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else (number or "")
