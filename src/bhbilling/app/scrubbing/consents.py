"""Who a 42 CFR Part 2 consent lets us disclose to, read from its free-text recipient.

A ``Consent`` row keeps the recipient as the patient signed it (42 CFR 2.31(a)(4): "the
name of the recipient ... or a general designation"), not as payer ids. The scrubber's
``PRIV-P2-001`` compares payer ids, so each consent is read once, here:

- a payer is covered when the recipient text names it: the payer's name, or its electronic
  payer id as a whole word, compared case-insensitively;
- the whole consent covers every payer when it uses a general designation for health plans:
  "all payers", "any health plan", "every insurer", or "the patient's health plans /
  insurance" (42 CFR 2.31(a)(4)(ii) lets a TPO consent name a class of recipients);
- anything else (a named clinic, "my attorney") covers no payer.

A consent that names no payer and uses no general wording therefore leaves a SUD claim
blocked, which is the safe side of a disclosure rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["ALL_PAYERS_WORDING", "recipient_payers"]

_PLANS = (r"(?:payers?|health\s+plans?|health\s+insurers?|insurers?"
          r"|insurance(?:\s+(?:plans?|carriers?|companies))?)")
ALL_PAYERS_WORDING = re.compile(
    rf"\b(?:all|any|every|each)\b(?:\s+(?:of\s+)?(?:the\s+)?(?:patient'?s|my|his|her|their|current|future|"
    rf"present|other|and|or|health|third[-\s]party))*\s+{_PLANS}\b"
    rf"|\b(?:patient'?s|my|his|her|their)\s+(?:(?:current|future|present|health)\s+)*{_PLANS}\b",
    re.IGNORECASE)


@lru_cache(maxsize=4096)
def _names_all(recipient: str) -> bool:
    return bool(ALL_PAYERS_WORDING.search(recipient))


def recipient_payers(recipient: str, payers: Iterable[tuple[str, str]]) -> tuple[frozenset[str], bool]:
    """(payer ids the recipient names, True when it designates every payer).

    ``payers`` are (electronic payer id, payer name) pairs of the billing company.
    """
    text = " ".join(recipient.split()).casefold()
    if not text:
        return frozenset(), False
    named = set()
    for payer_id, name in payers:
        pid = payer_id.strip().casefold()
        label = " ".join(name.split()).casefold()
        if (len(label) >= 3 and label in text) or (
                pid and re.search(rf"(?<![\w-]){re.escape(pid)}(?![\w-])", text)):
            named.add(payer_id)
    return frozenset(named), _names_all(text)
