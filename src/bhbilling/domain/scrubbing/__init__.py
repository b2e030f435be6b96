"""Claim scrubbing: catch denials before submission with explainable, versioned rules.

Public API: ``scrub(snapshot, pack, overrides) -> ScrubResult``, ``load_pack(name)``, the
snapshot dataclasses (``snapshot``), JSON Lines reading/writing (``jsonl``) and batch
summaries (``summarize``). Format and rule list: docs/scrubbing.md.
"""

from bhbilling.domain.scrubbing.engine import (
    CATEGORIES,
    ERROR,
    WARNING,
    Finding,
    Override,
    Pack,
    Rule,
    RuleSet,
    ScrubResult,
    scrub,
)
from bhbilling.domain.scrubbing.packs import DEFAULT_PACK, PackError, build_pack, load_pack
from bhbilling.domain.scrubbing.params import Params
from bhbilling.domain.scrubbing.snapshot import (
    Address,
    Authorization,
    BillingProvider,
    ClaimSnapshot,
    CoverageFacts,
    Eligibility,
    Line,
    Part2Consent,
    PatientFacts,
    PayerRules,
    PriorLine,
    RenderingProvider,
    TelehealthRules,
    VisitLimit,
)
from bhbilling.domain.scrubbing.summary import BatchSummary, RuleCount, summarize

__all__ = [
    "CATEGORIES", "DEFAULT_PACK", "ERROR", "WARNING", "Address", "Authorization", "BatchSummary",
    "BillingProvider", "ClaimSnapshot", "CoverageFacts", "Eligibility", "Finding", "Line", "Override",
    "Pack", "PackError", "Params", "Part2Consent", "PatientFacts", "PayerRules", "PriorLine",
    "RenderingProvider", "Rule", "RuleCount", "RuleSet", "ScrubResult", "TelehealthRules", "VisitLimit",
    "build_pack", "load_pack", "scrub", "summarize",
]
