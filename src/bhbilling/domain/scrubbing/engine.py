"""The scrub engine: a claim snapshot and a versioned rule pack in, findings out.

Model:
- A ``Rule`` is data plus one pure check: a stable id (``NCCI-PTP-001``, used in findings,
  the UI and docs), a category, a severity (an error blocks submission, a warning does
  not), the payers and dates it applies to, a fix hint and a reference. Its check returns
  ``Hit``s -- a message naming the facts it saw, and the 1-based line number when the
  problem sits on one service line -- or nothing when the claim passes.
- Rules are registered per module in a ``RuleSet`` (``rules/*.py``); a ``Pack`` is a named,
  versioned selection of them with per-payer parameters (``packs.py`` reads it from TOML).
- ``scrub`` runs the rules that apply to the claim's payer and first date of service.
  Overrides (rule id, line or None for every line) keep a finding listed, marked
  overridden, but an overridden error no longer blocks: who overrode and why is the app's
  audit record, not the engine's.
- A rule that raises (a bug, or a snapshot filled wrongly) becomes a blocking
  ``SCRUB-RULE-FAILED`` finding naming the rule, so one bad claim never stops a batch.

Speed: the rule list and parameters are resolved once per (payer, date) and cached on the
pack; a rule that passes allocates nothing. See benchmarks/bench_scrub.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bhbilling.domain.scrubbing.params import Params, resolve_params
from bhbilling.domain.scrubbing.snapshot import ClaimSnapshot, PayerRules

__all__ = [
    "CATEGORIES",
    "ERROR",
    "WARNING",
    "Finding",
    "Hit",
    "Override",
    "Pack",
    "Rule",
    "RuleSet",
    "ScrubResult",
    "Severity",
    "scrub",
]

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
CATEGORIES = ("completeness", "codes", "duplicates", "provider", "telehealth", "coverage",
              "authorization", "deadlines", "privacy")

Hit = tuple[str, int | None]
"""(message naming the facts seen, 1-based line number or None for the whole claim)."""
Check = Callable[[ClaimSnapshot, Params], Sequence[Hit] | None]
Override = tuple[str, int | None]
"""(rule id, line number) -- None overrides the rule on every line of the claim."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: Severity
    title: str  # a few words for lists and summaries
    check: Check
    fix: str  # what the biller does about it
    reference: str  # where the rule comes from (reference §, CFR, TR3)
    element: str = ""  # the 837P loop/segment the rule looks at, e.g. "2400 SV1-07"
    payers: frozenset[str] | None = None  # payer ids, profile names or kinds; None = all
    skip_payers: frozenset[str] = frozenset()
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None

    def applies(self, keys: frozenset[str], day: dt.date) -> bool:
        if self.payers is not None and not (self.payers & keys):
            return False
        if self.skip_payers & keys:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


class RuleSet:
    """The rules of one module, registered with the ``rule`` decorator in file order."""

    def __init__(self, module: str, category: str) -> None:
        self.module = module
        self.category = category
        self.rules: list[Rule] = []

    def rule(self, rule_id: str, severity: Severity, title: str, *, fix: str, reference: str,
             element: str = "", category: str | None = None,
             skip_payers: Iterable[str] = (), payers: Iterable[str] | None = None,
             effective_from: dt.date | None = None) -> Callable[[Check], Check]:
        def register(check: Check) -> Check:
            self.rules.append(Rule(
                rule_id, category or self.category, severity, title, check, fix, reference, element,
                frozenset(payers) if payers is not None else None, frozenset(skip_payers),
                effective_from))
            return check
        return register

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    fix: str
    reference: str
    line: int | None = None  # 1-based service line (LX01), None for the claim
    element: str = ""
    overridden: bool = False

    @property
    def blocks(self) -> bool:
        """An error that nobody overrode keeps the claim from being submitted."""
        return self.severity == ERROR and not self.overridden

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        mark = " [overridden]" if self.overridden else ""
        return f"{self.rule} {self.severity}{mark}: {where}{self.message}"


@dataclass(frozen=True, slots=True)
class ScrubResult:
    claim_id: str
    pack: str
    pack_version: str
    findings: tuple[Finding, ...]

    @property
    def ready(self) -> bool:
        """True when no error blocks: the claim may be submitted."""
        return not any(f.blocks for f in self.findings)

    @property
    def clean(self) -> bool:
        """Ready with no manual intervention: no error at all, overridden or not (HFMA CL-1)."""
        return not any(f.severity == ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)


@dataclass(frozen=True, slots=True)
class _Plan:
    rules: tuple[Rule, ...]
    params: Params


@dataclass(frozen=True)
class Pack:
    """A named, versioned set of rules with per-payer parameters.

    ``param_layers`` maps a selector -- ``kind:KIND`` or ``payer:NAME_OR_ID`` -- to
    parameter values; see ``params`` for the order in which they apply.
    """

    name: str
    version: str
    rules: tuple[Rule, ...]
    params: Params = field(default_factory=Params)
    param_layers: dict[str, dict[str, Any]] = field(default_factory=dict)
    label: str = ""
    _plans: dict[tuple, _Plan] = field(default_factory=dict, compare=False, repr=False)

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"pack {self.name} {self.version} has no rule {rule_id!r}")

    def plan(self, payer: PayerRules, day: dt.date) -> _Plan:
        key = (payer.payer_id, payer.name, payer.kind, payer.timely_filing_days,
               payer.eligibility_window_days, day)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) > 50_000:
                self._plans.clear()
            keys = frozenset(k for k in (payer.payer_id, payer.name, payer.kind) if k)
            rules = tuple(r for r in self.rules if r.applies(keys, day))
            layers = tuple(self.param_layers[sel] for sel in (
                f"kind:{payer.kind}", f"payer:{payer.name}", f"payer:{payer.payer_id}")
                if sel in self.param_layers)
            plan = self._plans[key] = _Plan(rules, resolve_params(
                self.params, layers, payer.timely_filing_days, payer.eligibility_window_days))
        return plan


def _failed(rule: Rule, exc: Exception) -> Finding:
    return Finding("SCRUB-RULE-FAILED", rule.category, ERROR,
                   f"rule {rule.id} could not check this claim ({type(exc).__name__}); "
                   "the snapshot is incomplete or the rule has a bug",
                   "report it with the claim id; the claim is held until the rule runs",
                   "docs/scrubbing.md", None, rule.element)


def scrub(snapshot: ClaimSnapshot, pack: Pack, overrides: Iterable[Override] = ()) -> ScrubResult:
    """Run the pack's rules for this payer and date of service over one claim snapshot."""
    plan = pack.plan(snapshot.payer, snapshot.first_date_of_service)
    params = plan.params
    over = overrides if isinstance(overrides, frozenset) else frozenset(overrides)
    findings: list[Finding] = []
    for rule in plan.rules:
        try:
            hits = rule.check(snapshot, params)
        except Exception as exc:  # a rule bug must not stop a batch; the claim is held
            findings.append(_failed(rule, exc))
            continue
        if hits:
            for message, line in hits:
                findings.append(Finding(
                    rule.id, rule.category, rule.severity, message, rule.fix, rule.reference, line,
                    rule.element, bool(over) and ((rule.id, line) in over or (rule.id, None) in over)))
    return ScrubResult(snapshot.claim_id, pack.name, pack.version, tuple(findings))
