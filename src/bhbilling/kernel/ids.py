"""Identifier checks: NPI check digit and TIN (EIN) format.

Model:
- NPI (National Provider Identifier, 45 CFR 162.406) is 10 digits: a 9-digit base and a
  check digit. CMS "Requirements for NPI Check Digit": Luhn mod-10 ("double-add-double")
  over the ISO 7812 card-issuer prefix 80840 followed by the 9-digit base; equivalently,
  Luhn over the base alone plus the constant 24. Worked CMS example: 123456789 -> 3, so
  1234567893 is valid. An NPI goes in 837P NM109 with NM108 = XX (2010AA, 2310B, ...).
- TIN here means the employer identification number (EIN) sent in 2010AA REF*EI, nine
  digits with no dash. The IRS never issued the prefixes in `INVALID_EIN_PREFIXES`, so an
  EIN starting with one is a typo. An SSN used as a TIN (REF*SY) is not checked here.
- `validate_*` return the normalised value or raise `InvalidIdentifier` saying exactly
  what is wrong; `is_valid_*` answer yes/no for filters and form hints.
"""

from __future__ import annotations

from bhbilling.kernel.errors import InvalidIdentifier

__all__ = [
    "INVALID_EIN_PREFIXES",
    "NPI_PREFIX",
    "format_ein",
    "is_valid_npi",
    "is_valid_tin",
    "normalize_tin",
    "npi_check_digit",
    "validate_npi",
]

NPI_PREFIX = "80840"
"""ISO 7812 prefix for US health applications, prepended before the Luhn computation."""

# IRS campus prefixes that were never assigned (IRS "How EINs are assigned and valid EIN
# prefixes"). The IRS adds prefixes over time; re-check this list when it rejects a real EIN.
INVALID_EIN_PREFIXES = frozenset(
    {"00", "07", "08", "09", "17", "18", "19", "28", "29", "49",
     "69", "70", "78", "79", "89", "96", "97"}
)


def _luhn_check_digit(payload: str) -> int:
    """Luhn digit to append to `payload`: double every other digit from the right."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char)
        if index % 2 == 0:  # these sit in odd positions once the check digit is appended
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def npi_check_digit(first_nine: str) -> int:
    """Return the NPI check digit for a 9-digit base (CMS algorithm, prefix 80840)."""
    if not isinstance(first_nine, str) or len(first_nine) != 9 or not _is_ascii_digits(
        first_nine
    ):
        raise InvalidIdentifier(
            f"NPI base must be exactly 9 digits, got {first_nine!r}"
        )
    return _luhn_check_digit(NPI_PREFIX + first_nine)


def validate_npi(value: str) -> str:
    """Return the NPI (surrounding spaces removed) or raise `InvalidIdentifier`.

    The message names the problem: wrong length, non-digits, or the check digit with the
    expected and actual value.
    """
    if not isinstance(value, str):
        raise InvalidIdentifier(
            f"NPI must be a string of 10 digits, got {type(value).__name__} {value!r}"
        )
    npi = value.strip()
    if not _is_ascii_digits(npi):
        raise InvalidIdentifier(f"NPI must contain only digits 0-9, got {value!r}")
    if len(npi) != 10:
        raise InvalidIdentifier(f"NPI must be exactly 10 digits, got {len(npi)}: {value!r}")
    expected = npi_check_digit(npi[:9])
    actual = int(npi[9])
    if expected != actual:
        raise InvalidIdentifier(
            f"NPI {npi} fails the check digit: expected {expected}, got {actual}"
        )
    return npi


def is_valid_npi(value: object) -> bool:
    """True when `value` is a 10-digit string whose check digit is right."""
    if not isinstance(value, str):
        return False
    try:
        validate_npi(value)
    except InvalidIdentifier:
        return False
    return True


def normalize_tin(value: str) -> str:
    """Return the EIN as 9 digits (as sent in 2010AA REF*EI) or raise `InvalidIdentifier`.

    Accepts "12-3456789" or "123456789" with surrounding spaces; refuses any other
    punctuation, all zeros, and prefixes the IRS never assigned.
    """
    if not isinstance(value, str):
        raise InvalidIdentifier(
            f"TIN must be a string like '12-3456789', got {type(value).__name__} {value!r}"
        )
    text = value.strip()
    if len(text) == 10 and text[2] == "-":
        text = text[:2] + text[3:]
    if not _is_ascii_digits(text) or len(text) != 9:
        raise InvalidIdentifier(
            f"TIN must be an EIN written '12-3456789' or 9 digits, got {value!r}"
        )
    if text == "000000000":
        raise InvalidIdentifier(f"TIN must not be all zeros, got {value!r}")
    if text[:2] in INVALID_EIN_PREFIXES:
        raise InvalidIdentifier(
            f"TIN prefix {text[:2]} was never assigned by the IRS, got {value!r}"
        )
    return text


def is_valid_tin(value: object) -> bool:
    """True when `value` is an EIN that `normalize_tin` accepts."""
    if not isinstance(value, str):
        return False
    try:
        normalize_tin(value)
    except InvalidIdentifier:
        return False
    return True


def format_ein(value: str) -> str:
    """Render an EIN for people and forms: '123456789' -> '12-3456789'."""
    digits = normalize_tin(value)
    return f"{digits[:2]}-{digits[2:]}"
