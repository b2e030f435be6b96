"""835 health care claim payment/advice (005010X221A1): model, streaming reader, balancing.

`read_835(path)` yields one `Remittance` per ST..SE; `iter_835(path)` yields a
`RemittanceStream` per transaction for claim-by-claim reading of very large files.
`balance_report(remittance)` checks the guide's three balancing rules; `explain` turns a
remittance into plain data for `bhbilling remit show --json`. See docs/x12-835.md.
"""

from bhbilling.x12.remit835.balancing import (
    BalanceCheck,
    BalanceReport,
    Imbalance,
    balance_report,
    balances,
    claim_imbalances,
)
from bhbilling.x12.remit835.explain import explain
from bhbilling.x12.remit835.model import (
    Address,
    Adjustment,
    Amount,
    ClaimPayment,
    Contact,
    EntityName,
    HeaderNumber,
    MedicareRemarks,
    Payee,
    Payer,
    Payment,
    ProcedureCode,
    ProviderAdjustment,
    Quantity,
    Reference,
    Remark,
    Remittance,
    RemittanceHeader,
    ServicePayment,
    Trace,
)
from bhbilling.x12.remit835.reading import RemittanceStream, iter_835, read_835

__all__ = [
    "Address", "Adjustment", "Amount", "BalanceCheck", "BalanceReport", "ClaimPayment", "Contact",
    "EntityName", "HeaderNumber", "Imbalance", "MedicareRemarks", "Payee", "Payer", "Payment",
    "ProcedureCode", "ProviderAdjustment", "Quantity", "Reference", "Remark", "Remittance",
    "RemittanceHeader", "RemittanceStream", "ServicePayment", "Trace", "balance_report",
    "balances", "claim_imbalances", "explain", "iter_835", "read_835",
]
