"""The 835 segments the claim fast path reads once per file: CAS, DTM, AMT, QTY, LQ, SVC.

Why: these repeat word for word across the claims of a remittance ("CAS*CO*45*25",
"DTM*472*20260515", "SVC*HC:90837*200*150**1"), so `fast_claims` reads each distinct
segment text once, with the checks of `claim_reading` (element count, code lists,
lengths, amounts, dates), and keeps the result in `Memos.segments` (`remember`); what
depends on where a segment stands (DTM qualifiers allowed in the loop, one DTM per
qualifier) is checked by the loops. A segment that fails raises `NotFast` and is never
kept, so the claim is read again by the full reader. Values are immutable and shared:
CAS gives a tuple of `Adjustment`s, AMT, QTY and LQ a 1-tuple (a loop's only AMT is
then shared, not copied), DTM (qualifier, date), SVC the elements of `_line`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bhbilling.x12.remit835.claim_model import Adjustment, Amount, Quantity, Remark
from bhbilling.x12.remit835.claim_reading import GROUPS
from bhbilling.x12.remit835.fast_values import Memos, NotFast, builder

__all__ = ["AMT", "CAS", "DTM", "LQ", "PAD", "QTY", "REPEATING", "SVC", "remember"]

PAD = [""] * 24  # appended to a split segment so absent trailing elements read as ""
_ONE = Decimal(1)
_LQ = frozenset({"HE", "RX"})
_adjustment = builder(Adjustment)
_amount = builder(Amount)
_quantity = builder(Quantity)
_remark = builder(Remark)


def _cas(e: list[str], m: Memos) -> tuple[Adjustment, ...]:
    """CAS01 group, then (reason, amount, quantity) triplets: as `claim_reading.adjustments`."""
    n = len(e)
    group = e[1] if n > 1 else ""
    if n > 20 or group not in GROUPS:
        raise NotFast
    e += PAD[:2]
    money, quantities = m.money, m.quantities
    out = []
    for pos in range(2, n, 3):
        reason = e[pos]
        if not reason:
            if e[pos + 1] or e[pos + 2]:
                raise NotFast
            continue
        if len(reason) > 5:
            raise NotFast
        qty = e[pos + 2]
        out.append(_adjustment(group, reason, money[e[pos + 1]], quantities[qty] if qty else None))
    if not out:
        raise NotFast
    return tuple(out)


def _dtm(e: list[str], m: Memos) -> tuple[str, Any]:
    """DTM01 qualifier (checked by the loop) and the DTM02 date: as `claim_reading._dated`."""
    if not 3 <= len(e) <= 7:
        raise NotFast
    return e[1], m.dates[e[2]]


def _amt(e: list[str], m: Memos) -> tuple[Amount]:
    """AMT01 (1-3 characters), AMT02 money: as `claim_reading._amount`, in a 1-tuple (so
    a loop's only AMT is shared, not copied; the same for QTY and LQ)."""
    if not 3 <= len(e) <= 4 or not 0 < len(e[1]) <= 3:
        raise NotFast
    return (_amount(e[1], m.money[e[2]]),)


def _qty(e: list[str], m: Memos) -> tuple[Quantity]:
    if not 3 <= len(e) <= 4 or not 0 < len(e[1]) <= 2 or not e[2]:
        raise NotFast
    return (_quantity(e[1], m.quantities[e[2]]),)


def _lq(e: list[str], m: Memos) -> tuple[Remark]:
    if len(e) != 3 or e[1] not in _LQ or not 0 < len(e[2]) <= 30:
        raise NotFast
    return (_remark(e[1], e[2]),)


def _svc(e: list[str], m: Memos) -> tuple[Any, ...]:
    """SVC01 procedure, 02 charge, 03 paid, 05 units, 04 revenue code, 06, 07: as `_line`."""
    n = len(e)
    if n > 8:
        raise NotFast
    e += PAD[:8 - n]
    if len(e[4]) > 48:
        raise NotFast
    procs, money, quantities = m.procedures, m.money, m.quantities
    return (procs[e[1]], money[e[2]], money[e[3]],  # type: ignore[index]
            quantities[e[5]] if e[5] else _ONE, e[4], procs[e[6]] if e[6] else None,  # type: ignore[index]
            quantities[e[7]] if e[7] else None)


CAS, DTM, AMT, QTY, LQ, SVC = "CAS", "DTM", "AMT", "QTY", "LQ", "SVC"  # compared by identity
REPEATING: dict[str, tuple[str, Callable[[list[str], Memos], Any]]] = {
    CAS: (CAS, _cas), DTM: (DTM, _dtm), AMT: (AMT, _amt), QTY: (QTY, _qty), LQ: (LQ, _lq),
    SVC: (SVC, _svc)}


def remember(raw: str, e: list[str], m: Memos) -> tuple[str, Any]:
    """(id, value) of repeating segment `raw` split as `e`, now remembered; the id is one
    of the constants above, so the loops compare it by identity."""
    sid, read = REPEATING[e[0]]
    return m.remember(raw, (sid, read(e, m)))
