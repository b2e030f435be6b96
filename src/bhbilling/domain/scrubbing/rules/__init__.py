"""Scrub rule modules. Each holds one ``RULES`` rule set; a pack lists the modules it runs
by the names in ``MODULES`` (order here is the order findings are listed in)."""

from __future__ import annotations

import importlib

from bhbilling.domain.scrubbing.engine import RuleSet

__all__ = ["MODULES", "rule_set"]

MODULES = ("identifiers", "claim_data", "codes", "minutes", "ncci", "duplicates", "provider",
           "telehealth", "coverage", "authorization", "deadlines", "privacy")


def rule_set(module: str) -> RuleSet:
    """The rule set of one module listed in ``MODULES`` (KeyError for any other name)."""
    if module not in MODULES:
        raise KeyError(module)
    return importlib.import_module(f"bhbilling.domain.scrubbing.rules.{module}").RULES
