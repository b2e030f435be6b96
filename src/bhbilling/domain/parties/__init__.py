"""Who is involved in a claim and what they did: clinicians, payers, coverage, services.

Each enum keeps its codes and facts as data tables next to it (credentials, coverage,
services), so a reviewer can check them against the cited standard line by line.
"""

from bhbilling.domain.parties.coverage import CoveragePriority, PayerKind, Relationship
from bhbilling.domain.parties.credentials import Credential, CredentialFacts
from bhbilling.domain.parties.services import Modality, ServiceType, ServiceTypeFacts

__all__ = [
    "CoveragePriority",
    "Credential",
    "CredentialFacts",
    "Modality",
    "PayerKind",
    "Relationship",
    "ServiceType",
    "ServiceTypeFacts",
]
