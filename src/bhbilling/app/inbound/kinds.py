"""Tell what an X12 file is from its first transaction: ST01 and GS08 (the guide version).

999 (005010X231A1), 277CA (277 + 005010X214), 277 status answer (277 + 005010X212),
835 (005010X221A1) and 271 (005010X279A1); anything else is "unknown".
"""

from __future__ import annotations

import io

from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.errors import X12Error

__all__ = ["kind_of"]


def kind_of(data: bytes, name: str) -> str:
    try:
        first = next(iter(iter_transactions(io.BytesIO(data), file_name=name, stream=True)))
    except (X12Error, StopIteration):
        return "unknown"
    version = first.group.version
    if first.set_id == "277":
        return "277CA" if "X214" in version else "277"
    return first.set_id if first.set_id in {"999", "835", "271"} else "unknown"
