"""Build draft claims from coded sessions (837P loops 2300/2400 as stored rows).

A claim is built only from what a person decided: the session's current ``CodingDecision``
must be accepted or changed by a coder (a bare proposal is not enough), the note signed
and the session completed. The payer is the primary coverage active on the date of service;
a patient with none is self-pay and gets a statement, not a claim. One original claim per
session and coverage: building twice returns the claim already built.

Identifiers: CLM01 (patient control number, echoed in 835 CLP01) is ``P<practice>-S<session>``
with ``-<n>`` for later claims of the same session (secondary, replacement, void), short
enough for payers that keep only 20 characters; each line's REF*6R is ``<CLM01>.<line>``.

Charges post to the ledger when the claim is built (Dr insurance A/R, Cr gross charges, one
posting per line tagged with its REF*6R), so A/R exists before the payer answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.claims.states import record_creation
from bhbilling.app.coding import current_decision
from bhbilling.app.ledger import post_entry
from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClaimState,
    ClinicalSession,
    Coverage,
    CoveragePriority,
    DecisionStatus,
    FrequencyCode,
    PayerKind,
    SessionStatus,
)
from bhbilling.domain import ledger as dl
from bhbilling.kernel.errors import BhBillingError

__all__ = ["BuildSummary", "ClaimNotBuildable", "build_claim", "build_claims", "charge_entry",
           "coverage_on", "next_control_number"]


class ClaimNotBuildable(BhBillingError):
    """The session cannot become a claim yet; the message says what to do."""


def coverage_on(session: ClinicalSession, priority: int = CoveragePriority.PRIMARY) -> Coverage | None:
    """The patient's coverage of this priority active on the date of service."""
    rows = (Coverage.objects.filter(patient_id=session.patient_id, priority=priority)
            .select_related("payer").order_by("-starts_on", "-id"))
    return next((c for c in rows if c.is_active_on(session.date_of_service)), None)


def next_control_number(practice_id: int, session_id: int) -> str:
    """CLM01 for the next claim of a session: P<practice>-S<session>[-n]."""
    base = f"P{practice_id}-S{session_id}"
    taken = Claim.unscoped.filter(patient_control_number__startswith=base).count()
    return base if taken == 0 else f"{base}-{taken + 1}"


def charge_entry(claim: Claim, lines: list[ClaimLine]) -> dl.JournalEntry:
    """Dr insurance A/R / Cr gross charges per line, tagged with the line's REF*6R."""
    postings = []
    for line in lines:
        postings.append(dl.debit(dl.INSURANCE_AR, line.charge, line.line_control_number))
        postings.append(dl.credit(dl.GROSS_CHARGES, line.charge, line.line_control_number))
    return dl.make_entry(f"charge:{claim.patient_control_number}",
                         min(ln.date_of_service for ln in lines),
                         f"Charges billed on claim {claim.patient_control_number}", postings)


def _check_session(session: ClinicalSession):
    if session.status != SessionStatus.COMPLETED:
        raise ClaimNotBuildable(f"session {session.pk} is {session.status}: only a completed "
                                "session is billed")
    if not session.note_signed:
        raise ClaimNotBuildable(f"session {session.pk}: the note is not signed; a claim needs "
                                "a signed note")
    decision = current_decision(session)
    if decision is None or decision.status == DecisionStatus.PROPOSED:
        raise ClaimNotBuildable(f"session {session.pk}: the coding is not decided yet; accept "
                                "or change the proposed lines first")
    if not decision.final:
        raise ClaimNotBuildable(f"session {session.pk}: the coder decided no billable lines")
    missing = [ln["code"] for ln in decision.final if ln.get("charge") in (None, "")]
    if missing:
        raise ClaimNotBuildable(f"session {session.pk}: no fee for {', '.join(missing)}; add "
                                "it to the practice's fee schedule")
    if not session.diagnoses:
        raise ClaimNotBuildable(f"session {session.pk}: no diagnosis documented")
    return decision


def _rendering(session: ClinicalSession, final: list[dict]):
    """Bill under the supervisor when the coder's lines name the supervisor's NPI."""
    provider = session.provider
    npis = {ln.get("rendering_npi") for ln in final} - {None, ""}
    sup = provider.supervisor
    if sup is not None and npis == {sup.npi}:
        return sup
    return provider


@transaction.atomic
def build_claim(session: ClinicalSession, *, actor: Any = None) -> Claim:
    """The session's original claim to its primary payer, built once."""
    decision = _check_session(session)
    coverage = coverage_on(session)
    if coverage is None or coverage.payer.kind == PayerKind.SELF_PAY:
        raise ClaimNotBuildable(f"session {session.pk}: no insurance active on the date of "
                                "service; bill the patient (statement), not a payer")
    existing = (Claim.objects.filter(session=session, coverage=coverage,
                                     frequency_code=FrequencyCode.ORIGINAL)
                .exclude(state=ClaimState.VOIDED).first())
    if existing is not None:
        return existing
    final = decision.final
    pos = final[0]["place_of_service"]
    claim = Claim(practice_id=session.practice_id, patient_id=session.patient_id,
                  coverage=coverage, payer=coverage.payer,
                  rendering_provider=_rendering(session, final), session=session,
                  patient_control_number=next_control_number(session.practice_id, session.pk),
                  state=ClaimState.DRAFT, place_of_service=pos,
                  diagnoses=list(session.diagnoses)[:12], decision=decision,
                  total_charge=sum((Decimal(ln["charge"]) for ln in final), Decimal(0)))
    claim.save()
    lines = [ClaimLine(practice_id=claim.practice_id, claim=claim, line_number=i,
                       code=ln["code"], modifiers=list(ln.get("modifiers") or []),
                       units=Decimal(str(ln["units"])), charge=Decimal(ln["charge"]),
                       place_of_service="" if ln["place_of_service"] == pos else ln["place_of_service"],
                       diagnosis_pointers=list(ln.get("diagnosis_pointers") or [1]),
                       date_of_service=session.date_of_service,
                       line_control_number=f"{claim.patient_control_number}.{i}")
             for i, ln in enumerate(final, start=1)]
    ClaimLine.unscoped.bulk_create(lines)
    audit.record_many("create", lines, actor=actor)
    record_creation(claim, actor, f"built from coding decision {decision.pk}")
    post_entry(claim.practice_id, charge_entry(claim, lines), claim=claim, patient=claim.patient)
    return claim


@dataclass(slots=True)
class BuildSummary:
    claims: list[Claim] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (session id, why)

    @property
    def total_charge(self) -> Decimal:
        return sum((c.total_charge for c in self.claims), Decimal(0))


def build_claims(sessions: Iterable[ClinicalSession], *, actor: Any = None,
                 progress: Callable[[int, int], None] | None = None) -> BuildSummary:
    """Build a claim per session; one that cannot be built is listed with why, not fatal."""
    rows = list(sessions)
    summary = BuildSummary()
    for done, session in enumerate(rows, start=1):
        try:
            summary.claims.append(build_claim(session, actor=actor))
        except BhBillingError as exc:
            summary.skipped.append((session.pk, str(exc)))
        if progress:
            progress(done, len(rows))
    return summary
