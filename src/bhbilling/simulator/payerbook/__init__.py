"""The payer book: the simulated payers' own records (see `model`) and its loader."""

from bhbilling.simulator.payerbook.loading import PayerBookError, load_payerbook, payerbook_from_dict
from bhbilling.simulator.payerbook.model import (
    Address,
    Authorization,
    DenialMix,
    Dependent,
    DiagnosisRule,
    FeeSchedule,
    Member,
    Payee,
    Payer,
    PayerBook,
    PayerRules,
    Plan,
)

__all__ = [
    "Address", "Authorization", "DenialMix", "Dependent", "DiagnosisRule", "FeeSchedule", "Member",
    "Payee", "Payer", "PayerBook", "PayerBookError", "PayerRules", "Plan", "load_payerbook",
    "payerbook_from_dict",
]
