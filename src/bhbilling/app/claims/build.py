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

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.authorizations.claims import assign_authorizations
from bhbilling.app.ledger import EntryToPost, post_entries
from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClaimState,
    ClaimStateChange,
    ClinicalSession,
    CodingDecision,
    Coverage,
    CoveragePriority,
    DecisionStatus,
    FrequencyCode,
    PayerKind,
    SessionStatus,
)
from bhbilling.domain import ledger as dl
from bhbilling.kernel.errors import BhBillingError

CHUNK = 500
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


def _check_session(session: ClinicalSession, decision: CodingDecision | None):
    """The decision to bill from, or ClaimNotBuildable saying what to do first."""
    if session.status != SessionStatus.COMPLETED:
        raise ClaimNotBuildable(f"session {session.pk} is {session.status}: only a completed "
                                "session is billed")
    if not session.note_signed:
        raise ClaimNotBuildable(f"session {session.pk}: the note is not signed; a claim needs "
                                "a signed note")
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
    if session.no_disclose:
        raise ClaimNotBuildable(f"session {session.pk}: paid out of pocket with a request not "
                                "to tell the health plan (45 CFR 164.522): never billed to it")
    return decision


def _rendering(session: ClinicalSession, final: list[dict]):
    """Bill under the supervisor when the coder's lines name the supervisor's NPI."""
    provider = session.provider
    npis = {ln.get("rendering_npi") for ln in final} - {None, ""}
    sup = provider.supervisor
    if sup is not None and npis == {sup.npi}:
        return sup
    return provider


def build_claim(session: ClinicalSession, *, actor: Any = None) -> Claim:
    """The session's original claim to its primary payer, built once."""
    summary = build_claims([session], actor=actor)
    if summary.skipped:
        raise ClaimNotBuildable(summary.skipped[0][1])
    return summary.claims[0]


@dataclass(slots=True)
class BuildSummary:
    claims: list[Claim] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (session id, why)

    @property
    def total_charge(self) -> Decimal:
        return sum((c.total_charge for c in self.claims), Decimal(0))


def build_claims(sessions: Iterable[ClinicalSession], *, actor: Any = None,
                 progress: Callable[[int, int], None] | None = None) -> BuildSummary:
    """Build a claim per session; one that cannot be built is listed with why, not fatal.

    Works in chunks: one query each for the decisions, coverages and existing claims of
    a chunk, then bulk inserts for claims, lines, history, audit events and charges.
    """
    rows = list(sessions)
    summary = BuildSummary()
    for start in range(0, len(rows), CHUNK):
        with transaction.atomic():
            _build_chunk(rows[start:start + CHUNK], actor, summary)
        if progress:
            progress(min(start + CHUNK, len(rows)), len(rows))
    return summary


def _latest(model_rows, key: str) -> dict:
    out: dict = {}
    for row in model_rows:
        out[getattr(row, key)] = row  # rows come ordered by id: the last one wins
    return out


def _primary_on(coverages: list[Coverage], day) -> Coverage | None:
    ordered = sorted(coverages, key=lambda c: (c.starts_on, c.pk), reverse=True)
    return next((c for c in ordered if c.is_active_on(day)), None)


def _build_chunk(chunk: list[ClinicalSession], actor: Any, summary: BuildSummary) -> None:
    ids = [s.pk for s in chunk]
    decisions = _latest(CodingDecision.objects.filter(session_id__in=ids).order_by("id"),
                        "session_id")
    coverages: dict[int, list[Coverage]] = defaultdict(list)
    for cov in (Coverage.objects.filter(patient_id__in={s.patient_id for s in chunk},
                                        priority=CoveragePriority.PRIMARY).select_related("payer")):
        coverages[cov.patient_id].append(cov)
    existing: dict[int, list[Claim]] = defaultdict(list)
    for claim in Claim.objects.filter(session_id__in=ids).order_by("id"):
        existing[claim.session_id].append(claim)
    new_claims, new_lines = [], []
    for session in chunk:
        try:
            decision = _check_session(session, decisions.get(session.pk))
            coverage = _primary_on(coverages[session.patient_id], session.date_of_service)
            if coverage is None or coverage.payer.kind == PayerKind.SELF_PAY:
                raise ClaimNotBuildable(f"session {session.pk}: no insurance active on the date "
                                        "of service; bill the patient (statement), not a payer")
        except ClaimNotBuildable as exc:
            summary.skipped.append((session.pk, str(exc)))
            continue
        same = [c for c in existing[session.pk] if c.coverage_id == coverage.pk
                and c.frequency_code == FrequencyCode.ORIGINAL and c.state != ClaimState.VOIDED]
        if same:
            summary.claims.append(same[0])
            continue
        base = f"P{session.practice_id}-S{session.pk}"
        taken = len(existing[session.pk])
        final = decision.final
        pos = final[0]["place_of_service"]
        claim = Claim(practice_id=session.practice_id, patient=session.patient,
                      coverage=coverage, payer=coverage.payer,
                      rendering_provider=_rendering(session, final), session=session,
                      patient_control_number=base if taken == 0 else f"{base}-{taken + 1}",
                      state=ClaimState.DRAFT, place_of_service=pos,
                      diagnoses=list(session.diagnoses)[:12], decision=decision,
                      total_charge=sum((Decimal(ln["charge"]) for ln in final), Decimal(0)))
        claim._final = final  # lines to make once the claim has its id
        new_claims.append(claim)
    assign_authorizations(new_claims)  # 2300 REF*G1: the authorization each session draws on
    Claim.objects.bulk_create(new_claims)
    for claim in new_claims:
        claim._lines = [ClaimLine(
            practice_id=claim.practice_id, claim=claim, line_number=i, code=ln["code"],
            modifiers=list(ln.get("modifiers") or []), units=Decimal(str(ln["units"])),
            charge=Decimal(ln["charge"]),
            place_of_service="" if ln["place_of_service"] == claim.place_of_service
            else ln["place_of_service"],
            diagnosis_pointers=list(ln.get("diagnosis_pointers") or [1]),
            date_of_service=claim.session.date_of_service,
            line_control_number=f"{claim.patient_control_number}.{i}")
            for i, ln in enumerate(claim._final, start=1)]
        new_lines += claim._lines
    ClaimLine.objects.bulk_create(new_lines)
    now = timezone.now()
    ClaimStateChange.objects.bulk_create([
        ClaimStateChange(practice_id=c.practice_id, claim=c, from_state="", to_state=c.state,
                         at=now, reason=f"built from coding decision {c.decision_id}")
        for c in new_claims])
    audit.record_many("create", [*new_claims, *new_lines], actor=actor)
    if new_claims:
        post_entries(new_claims[0].practice_id, [
            EntryToPost(charge_entry(c, c._lines), c, c.patient,
                        {ln.line_control_number: ln for ln in c._lines}) for c in new_claims])
    summary.claims += new_claims
