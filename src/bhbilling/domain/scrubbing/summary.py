"""Batch summary: clean-claim rate and findings by category and by rule.

Definitions (reference §12, HFMA MAP Key CL-1): a claim is *clean* when it passes every
edit with no manual intervention -- no error at all, overridden or not (warnings do not
count); it is *ready* when no error blocks it (overridden errors allowed). Rates are
shares of the claims scrubbed, as Decimal fractions rounded to 4 places.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bhbilling.domain.scrubbing.engine import ERROR, ScrubResult

__all__ = ["BatchSummary", "RuleCount", "summarize"]

_PLACES = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    category: str
    severity: str
    findings: int  # every finding, overridden or not
    claims: int  # claims with at least one finding of the rule
    overridden: int


@dataclass(frozen=True, slots=True)
class BatchSummary:
    claims: int
    clean: int
    ready: int
    errors: int
    warnings: int
    overridden: int
    by_category: dict[str, int] = field(default_factory=dict)
    by_rule: tuple[RuleCount, ...] = ()

    @property
    def clean_rate(self) -> Decimal:
        return _rate(self.clean, self.claims)

    @property
    def ready_rate(self) -> Decimal:
        return _rate(self.ready, self.claims)

    def to_dict(self) -> dict:
        return {
            "claims": self.claims, "clean": self.clean, "ready": self.ready,
            "clean_rate": str(self.clean_rate), "ready_rate": str(self.ready_rate),
            "errors": self.errors, "warnings": self.warnings, "overridden": self.overridden,
            "by_category": dict(self.by_category),
            "by_rule": [{"rule": r.rule, "category": r.category, "severity": r.severity,
                         "findings": r.findings, "claims": r.claims, "overridden": r.overridden}
                        for r in self.by_rule],
        }


def _rate(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) / Decimal(whole)).quantize(_PLACES, rounding=ROUND_HALF_UP)


def summarize(results: Iterable[ScrubResult]) -> BatchSummary:
    """Count a batch of results; works on a generator, so a large batch streams through."""
    claims = clean = ready = errors = warnings = overridden = 0
    by_category: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    claim_counts: Counter[str] = Counter()
    overrides: Counter[str] = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for result in results:
        claims += 1
        has_error = blocked = False
        seen = set()
        for f in result.findings:
            if f.severity == ERROR:
                errors += 1
                has_error = True
                blocked = blocked or not f.overridden
            else:
                warnings += 1
            if f.overridden:
                overridden += 1
                overrides[f.rule] += 1
            by_category[f.category] += 1
            findings[f.rule] += 1
            meta.setdefault(f.rule, (f.category, f.severity))
            if f.rule not in seen:
                seen.add(f.rule)
                claim_counts[f.rule] += 1
        clean += not has_error
        ready += not blocked
    by_rule = tuple(RuleCount(rule, *meta[rule], n, claim_counts[rule], overrides[rule])
                    for rule, n in sorted(findings.items(), key=lambda kv: (-kv[1], kv[0])))
    return BatchSummary(claims, clean, ready, errors, warnings, overridden,
                        dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))), by_rule)
