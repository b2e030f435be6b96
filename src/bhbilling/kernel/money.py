"""Money as `Decimal` dollars with exactly two places, never `float`.

Model:
- Claims, remittances (835 `CLP`/`SVC`/`CAS` amounts) and the ledger all carry US dollars
  with cents. Binary floats cannot represent 0.10 exactly, so a float that slips in makes
  totals drift by fractions of a cent and breaks balancing; `to_money` refuses floats.
- An amount with sub-cent digits (12.345) is refused rather than silently rounded: it
  means an upstream bug or a mis-parsed file, and rounding would hide it. Computed
  values (a fee times 85 %) go through `quantize_cents`, which rounds half up as
  billing statements and payer fee schedules do.
- `allocate` splits an amount (a payment, an adjustment) across lines so the parts add
  up to the cent; posting relies on this to keep every journal entry balanced.
- `to_cents`/`from_cents` convert to integer cents for storage or arithmetic that must
  stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from bhbilling.kernel.errors import InvalidMoney

__all__ = [
    "CENT",
    "ZERO",
    "allocate",
    "format_usd",
    "from_cents",
    "quantize_cents",
    "to_cents",
    "to_money",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Optional sign, optional "$", digits with or without thousands separators, optional
# fraction. Accepts "12.50", "$1,234.56", "-$5", "$-5.00", ".75"; refuses "1,23.4".
_MONEY_TEXT = re.compile(
    r"""^\s*(?P<sign1>[+-])?\s*\$?\s*(?P<sign2>[+-])?
        (?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d*))?\s*$""",
    re.VERBOSE,
)


def _reject_float(value: object, what: str) -> None:
    if isinstance(value, bool | float):
        raise TypeError(
            f"{what} must be a Decimal, int or str, got {type(value).__name__} {value!r}; "
            "floats and bools are refused because they cannot hold cents exactly"
        )


def _parse_text(text: str) -> Decimal:
    match = _MONEY_TEXT.match(text)
    if match is None or (match["int"] is None and not match["frac"]):
        raise InvalidMoney(
            f"expected a dollar amount such as '12.50' or '$1,234.56', got {text!r}"
        )
    if match["sign1"] and match["sign2"]:
        raise InvalidMoney(f"expected at most one sign in a dollar amount, got {text!r}")
    sign = "-" if "-" in ((match["sign1"] or "") + (match["sign2"] or "")) else ""
    digits = (match["int"] or "0").replace(",", "")
    return Decimal(f"{sign}{digits}.{match['frac'] or '0'}")


def to_money(value: Decimal | int | str) -> Decimal:
    """Return `value` as a Decimal with exactly two places.

    Raises TypeError for float/bool (or any other type) and `InvalidMoney` (a ValueError)
    for NaN, infinity, unparseable text, or non-zero digits beyond the cent.
    """
    _reject_float(value, "money")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, str):
        amount = _parse_text(value)
    else:
        raise TypeError(
            f"money must be a Decimal, int or str, got {type(value).__name__} {value!r}"
        )
    if not amount.is_finite():
        raise InvalidMoney(f"expected a finite dollar amount, got {value!r}")
    try:
        exact = amount.quantize(CENT)
    except InvalidOperation as exc:  # too many digits for the context precision
        raise InvalidMoney(f"expected a dollar amount of sane size, got {value!r}") from exc
    if exact != amount:
        raise InvalidMoney(
            f"expected at most 2 decimal places (whole cents), got {value!r}; "
            "round computed amounts with quantize_cents() first"
        )
    return exact + ZERO if exact == 0 else exact  # normalise -0.00 to 0.00


def quantize_cents(amount: Decimal | int) -> Decimal:
    """Round a computed amount to cents, half up (0.005 -> 0.01, -0.005 -> -0.01).

    Half-up (away from zero on the half) matches how fee schedules and statements round;
    banker's rounding, Python's default, would differ on exact half cents.
    """
    _reject_float(amount, "amount")
    if not isinstance(amount, Decimal | int):
        raise TypeError(f"amount must be a Decimal or int, got {type(amount).__name__}")
    dec = Decimal(amount)
    if not dec.is_finite():
        raise InvalidMoney(f"expected a finite amount to round, got {amount!r}")
    rounded = dec.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded + ZERO if rounded == 0 else rounded


def to_cents(amount: Decimal | int | str) -> int:
    """Return whole cents as an int; sub-cent amounts are refused like in `to_money`."""
    return int(to_money(amount) * 100)


def from_cents(cents: int) -> Decimal:
    """Return an int number of cents as a two-place Decimal (1234 -> 12.34)."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"cents must be an int, got {type(cents).__name__} {cents!r}")
    return (Decimal(cents) / 100).quantize(CENT)


def _weight(value: Decimal | int) -> Fraction:
    _reject_float(value, "weight")
    if not isinstance(value, Decimal | int):
        raise TypeError(f"weight must be a Decimal or int, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"weights must be finite, got {value!r}")
    if value < 0:
        raise ValueError(f"weights must not be negative, got {value!r}")
    return Fraction(value)


def allocate(total: Decimal | int | str, weights: Sequence[Decimal | int]) -> list[Decimal]:
    """Split `total` across `weights` so the parts always sum exactly to `total`.

    Largest-remainder (Hamilton) method on integer cents: each part gets the floor of its
    exact proportional share, then the leftover cents go one each to the parts with the
    largest fractional remainders (earlier parts win ties, so the result is
    deterministic). Every part is therefore within one cent of its exact share. A
    negative total (a recoupment) is split like its absolute value, then negated.
    """
    cents = to_cents(total)
    if not weights:
        raise ValueError("allocate needs at least one weight, got none")
    fracs = [_weight(w) for w in weights]
    weight_sum = sum(fracs, Fraction(0))
    if weight_sum == 0:
        raise ValueError(f"allocate needs at least one positive weight, got {list(weights)!r}")
    magnitude = abs(cents)
    exact = [Fraction(magnitude) * w / weight_sum for w in fracs]
    floors = [int(share) for share in exact]  # shares are >= 0, so int() floors
    leftover = magnitude - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    sign = -1 if cents < 0 else 1
    return [from_cents(sign * part) for part in floors]


def format_usd(amount: Decimal | int | str) -> str:
    """Render for people: 1234.5 -> '$1,234.50', -5 -> '-$5.00'."""
    value = to_money(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"

