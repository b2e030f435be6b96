"""Deterministic dice for the denial mix: the same seed and claim always roll the same.

Why hashing instead of one `random.Random` stream: a stream hands out numbers in call
order, so adding one claim to a batch would change the fate of every claim after it.
Here each roll is SHA-256 of (seed, purpose, claim identity), read as a fraction in
[0, 1): a claim's outcome depends only on the seed and on that claim, and reruns with the
same inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

__all__ = ["chance", "roll"]

_SCALE = Decimal(2) ** 64


def roll(seed: int, purpose: str, *keys: str) -> Decimal:
    """A fraction in [0, 1) fixed by `seed`, `purpose` and `keys`."""
    text = "\x1f".join((str(seed), purpose, *keys)).encode("utf-8")
    return Decimal(int.from_bytes(hashlib.sha256(text).digest()[:8], "big")) / _SCALE


def chance(probability: Decimal, seed: int, purpose: str, *keys: str) -> bool:
    """True with `probability` (0 never, 1 always) for this seed, purpose and keys."""
    return probability > 0 and roll(seed, purpose, *keys) < probability
