"""Interchange, group and transaction control numbers from a connection's counters.

ISA13 (nine digits), GS06 and ST02 are taken from the ``Clearinghouse`` row while it is
locked (SELECT ... FOR UPDATE), inside the caller's transaction: the file written with them
and the counters commit together, so a number is never handed out twice, even after a
crash or with concurrent workers (837P batches, 270s and 276s share the counters).
"""

from __future__ import annotations

from bhbilling.app.models import Clearinghouse
from bhbilling.kernel.errors import BhBillingError

__all__ = ["MAX_CONTROL", "allocate"]

MAX_CONTROL = 999_999_999  # ISA13 is nine digits


def allocate(ch_id: int, transactions: int = 1) -> tuple[Clearinghouse, int, int, int]:
    """Lock the row; return it with ISA13, GS06 and the first of ``transactions`` ST02s.

    Call inside ``transaction.atomic()``.
    """
    ch = Clearinghouse.unscoped.select_for_update().get(pk=ch_id)
    isa13, gs06 = ch.last_interchange_number + 1, ch.last_group_number + 1
    first_st = ch.last_transaction_number + 1
    if max(isa13, gs06, first_st + transactions - 1) > MAX_CONTROL:
        raise BhBillingError(f"clearinghouse {ch.name}: control numbers are exhausted; "
                             "agree a new sender id with the clearinghouse")
    ch.last_interchange_number, ch.last_group_number = isa13, gs06
    ch.last_transaction_number = first_st + transactions - 1
    ch.save(update_fields=["last_interchange_number", "last_group_number",
                           "last_transaction_number"])
    return ch, isa13, gs06, first_st
