"""Coding: turn a documented behavioral-health session into claim lines, with reasons.

Public API: ``code_session(ctx) -> CodingResult`` and the facts/result/profile dataclasses.
"""

from bhbilling.domain.coding.facts import CodingContext, FeeSchedule, ProviderFacts, SessionFacts
from bhbilling.domain.coding.profile import HCodeRule, PayerProfile, TelehealthRules
from bhbilling.domain.coding.result import CodingResult, Note, ProposedLine

__all__ = [
    "CodingContext", "CodingResult", "FeeSchedule", "HCodeRule", "Note", "PayerProfile",
    "ProposedLine", "ProviderFacts", "SessionFacts", "TelehealthRules", "code_session",
]


def code_session(ctx: CodingContext) -> CodingResult:
    """Propose the claim lines for one session (see ``engine``)."""
    from bhbilling.domain.coding.engine import code_session as _code

    return _code(ctx)
