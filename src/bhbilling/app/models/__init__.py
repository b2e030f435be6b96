"""Django models, split by stage; import them from here."""

from bhbilling.app.models.accounts import ApiToken, Membership, Role
from bhbilling.app.models.audit import AuditChainHead, AuditEvent
from bhbilling.app.models.claims import (
    Claim,
    ClaimLine,
    ClaimState,
    ClaimStateChange,
    FrequencyCode,
)
from bhbilling.app.models.coding import CodingDecision, DecisionStatus
from bhbilling.app.models.eligibility import (
    Authorization,
    EligibilityCheck,
    EligibilityStatus,
    UnitType,
)
from bhbilling.app.models.estimates import EstimateStatus, EstimateTrigger, GoodFaithEstimate
from bhbilling.app.models.ledger import JournalEntry, JournalLine, LedgerAccount
from bhbilling.app.models.parties import Credential, Provider, ProviderEnrollment, ProviderLicense
from bhbilling.app.models.patient_billing import (
    PatientPayment,
    PaymentKind,
    PaymentMethod,
    PaymentPlan,
    PaymentPlanStatus,
    Statement,
    StatementStatus,
)
from bhbilling.app.models.patients import (
    Consent,
    Coverage,
    CoveragePriority,
    Patient,
    Relationship,
    Sex,
)
from bhbilling.app.models.payers import FeeSchedule, FeeScheduleRate, Payer, PayerKind
from bhbilling.app.models.remittance import (
    ClaimPayment,
    Denial,
    DenialStatus,
    Deposit,
    FileStatus,
    ProviderAdjustment,
    Remittance,
    RemittanceFile,
)
from bhbilling.app.models.scrubbing import FindingOverride, ScrubRun
from bhbilling.app.models.sessions import (
    ClinicalSession,
    Modality,
    PatientLocation,
    ServiceType,
    SessionStatus,
)
from bhbilling.app.models.submission import (
    Batch,
    BatchClaim,
    ClaimStatusReport,
    Clearinghouse,
    ConnectionKind,
    InboundFile,
    InboundStatus,
    UsageIndicator,
)
from bhbilling.app.models.tenancy import BillingCompany, Location, Practice
from bhbilling.app.models.workqueue import (
    Appeal,
    AppealStatus,
    FollowUpNote,
    WriteOff,
    WriteOffStatus,
)

__all__ = [
    "ApiToken",
    "Appeal",
    "AppealStatus",
    "AuditChainHead",
    "AuditEvent",
    "Authorization",
    "Batch",
    "BatchClaim",
    "BillingCompany",
    "Claim",
    "ClaimLine",
    "ClaimPayment",
    "ClaimState",
    "ClaimStateChange",
    "ClaimStatusReport",
    "Clearinghouse",
    "ClinicalSession",
    "CodingDecision",
    "ConnectionKind",
    "Consent",
    "Coverage",
    "CoveragePriority",
    "Credential",
    "DecisionStatus",
    "Denial",
    "DenialStatus",
    "Deposit",
    "EligibilityCheck",
    "EligibilityStatus",
    "EstimateStatus",
    "EstimateTrigger",
    "FeeSchedule",
    "FeeScheduleRate",
    "FileStatus",
    "FindingOverride",
    "FollowUpNote",
    "FrequencyCode",
    "GoodFaithEstimate",
    "InboundFile",
    "InboundStatus",
    "JournalEntry",
    "JournalLine",
    "LedgerAccount",
    "Location",
    "Membership",
    "Modality",
    "Patient",
    "PatientLocation",
    "PatientPayment",
    "Payer",
    "PayerKind",
    "PaymentKind",
    "PaymentMethod",
    "PaymentPlan",
    "PaymentPlanStatus",
    "Practice",
    "Provider",
    "ProviderAdjustment",
    "ProviderEnrollment",
    "ProviderLicense",
    "Relationship",
    "Remittance",
    "RemittanceFile",
    "Role",
    "ScrubRun",
    "ServiceType",
    "SessionStatus",
    "Sex",
    "Statement",
    "StatementStatus",
    "UnitType",
    "UsageIndicator",
    "WriteOff",
    "WriteOffStatus",
]

# Models whose rows are PHI or tenant data: each must carry ``practice`` (checked by a test).
PRACTICE_SCOPED_MODELS = [
    Location, Provider, ProviderLicense, ProviderEnrollment, FeeSchedule, FeeScheduleRate,
    Patient, Coverage, Consent, ClinicalSession, Claim, ClaimLine, ClaimStateChange,
    LedgerAccount, JournalEntry, JournalLine, CodingDecision, Batch, BatchClaim,
    RemittanceFile, Deposit, Remittance, ClaimPayment, ProviderAdjustment, Denial,
    ScrubRun, FindingOverride, EligibilityCheck, Authorization, ClaimStatusReport,
    Appeal, WriteOff, FollowUpNote, PatientPayment, PaymentPlan, Statement, GoodFaithEstimate,
]
