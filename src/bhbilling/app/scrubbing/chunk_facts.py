"""Rows a chunk of claims needs, loaded with one query per kind (no query per claim).

For up to ``CHUNK`` claims: the claims and their lines, their sessions, coverages and
patients (presence flags only: member ids and dates of birth are never decrypted -- an
encrypted date is tested with ``IS NULL`` and a member id through its blind index), the
eligibility answers for those coverages, the patients' authorizations, Part 2 consents
and issued Good Faith Estimates, and every line of the patients' claims (the history the
duplicate, same-day, authorization and visit-limit facts are counted from).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Value, When

from bhbilling.app.fields import blind_index
from bhbilling.app.models import (
    Authorization,
    Claim,
    ClaimLine,
    ClinicalSession,
    Consent,
    Coverage,
    EligibilityCheck,
    EligibilityStatus,
    EstimateStatus,
    GoodFaithEstimate,
    Patient,
)
from bhbilling.domain.estimates import IssuedEstimate

__all__ = ["CHUNK", "ChunkFacts", "HistoryLine", "load_chunk"]

CHUNK = 1000


def _present(field_name: str) -> Case:
    """True when an (encrypted) column holds a value, without decrypting it."""
    return Case(When(**{f"{field_name}__isnull": True}, then=Value(False)), default=Value(True),
                output_field=BooleanField())


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One line of one of the patient's claims, with the claim facts the rules compare."""

    claim_pk: int
    claim_pcn: str
    payer_pk: int | None
    state: str
    rendering_pk: int
    payer_claim_number: str
    day: dt.date
    code: str
    units: Decimal
    modifiers: tuple[str, ...]


@dataclass(slots=True)
class ChunkFacts:
    claims: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[int, dict[str, Any]] = field(default_factory=dict)
    coverages: dict[int, dict[str, Any]] = field(default_factory=dict)
    patients: dict[int, dict[str, Any]] = field(default_factory=dict)
    eligibility: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    authorizations: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    consents: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    history: dict[tuple[int, int | None], list[HistoryLine]] = field(
        default_factory=lambda: defaultdict(list))
    estimates: dict[int, list[IssuedEstimate]] = field(default_factory=lambda: defaultdict(list))


_CLAIM_FIELDS = ("id", "patient_control_number", "patient_id", "coverage_id", "payer_id",
                 "rendering_provider_id", "session_id", "frequency_code", "original_claim_id",
                 "original_claim__payer_claim_number", "state", "total_charge", "place_of_service",
                 "diagnoses")
_LINE_FIELDS = ("claim_id", "line_number", "code", "modifiers", "units", "charge",
                "place_of_service", "diagnosis_pointers", "date_of_service")


def load_chunk(claim_ids: Sequence[int]) -> ChunkFacts:
    """Everything the snapshots of these claims (of the current practice) are built from."""
    facts = ChunkFacts()
    facts.claims = list(Claim.objects.filter(pk__in=claim_ids).order_by("id").values(*_CLAIM_FIELDS))
    for row in ClaimLine.objects.filter(claim_id__in=claim_ids).order_by(
            "claim_id", "line_number").values(*_LINE_FIELDS):
        facts.lines[row["claim_id"]].append(row)
    session_ids = {c["session_id"] for c in facts.claims if c["session_id"]}
    coverage_ids = {c["coverage_id"] for c in facts.claims if c["coverage_id"]}
    patient_ids = {c["patient_id"] for c in facts.claims}
    facts.sessions = {row["id"]: row for row in ClinicalSession.objects.filter(pk__in=session_ids).values(
        "id", "provider_id", "location_id", "service_type", "modality", "patient_location", "minutes",
        "no_disclose")}
    empty_member = blind_index("")
    for row in (Coverage.objects.filter(pk__in=coverage_ids)
                .annotate(dob_present=_present("subscriber_date_of_birth"))
                .values("id", "payer_id", "payer__payer_id", "member_id_index", "relationship",
                        "subscriber_first_name", "subscriber_last_name", "dob_present",
                        "starts_on", "ends_on")):
        row["member_present"] = bool(row["member_id_index"]) and row["member_id_index"] != empty_member
        facts.coverages[row["id"]] = row
    facts.patients = {row["id"]: row for row in Patient.objects.filter(pk__in=patient_ids)
                      .annotate(dob_present=_present("date_of_birth"))
                      .values("id", "first_name", "last_name", "dob_present")}
    for row in (EligibilityCheck.objects.filter(
            coverage_id__in=coverage_ids,
            status__in=[EligibilityStatus.ACTIVE, EligibilityStatus.INACTIVE])
            .values("coverage_id", "service_date", "checked_at", "status", "summary")):
        facts.eligibility[row["coverage_id"]].append(row)
    for row in Authorization.objects.filter(patient_id__in=patient_ids, active=True).order_by(
            "starts_on", "id").values("id", "patient_id", "payer_id", "provider_id", "number", "codes",
                                      "units_approved", "starts_on", "ends_on"):
        facts.authorizations[row["patient_id"]].append(row)
    for row in Consent.objects.filter(patient_id__in=patient_ids, kind=Consent.Kind.PART2_TPO).values(
            "patient_id", "recipient", "effective_from", "expires_on", "revoked_on"):
        facts.consents[row["patient_id"]].append(row)
    for row in GoodFaithEstimate.objects.filter(
            patient_id__in=patient_ids, issued_on__isnull=False,
            status__in=[EstimateStatus.ISSUED, EstimateStatus.SUPERSEDED]).values(
            "patient_id", "provider_id", "issued_on", "period_start", "period_end"):
        facts.estimates[row["patient_id"]].append(IssuedEstimate(
            row["provider_id"], row["issued_on"], row["period_start"], row["period_end"]))
    # The patients' claims first, then their lines by claim id: two index look-ups, where a
    # join filtered on the patient lets the planner scan every line of the practice.
    claims = {row[0]: row[1:] for row in Claim.objects.filter(patient_id__in=patient_ids).values_list(
        "id", "patient_control_number", "patient_id", "payer_id", "state", "rendering_provider_id",
        "payer_claim_number")}
    for claim_pk, day, code, units, mods in (
            ClaimLine.objects.filter(claim_id__in=list(claims)).order_by("claim_id", "line_number")
            .values_list("claim_id", "date_of_service", "code", "units", "modifiers")):
        pcn, patient_pk, payer_pk, state, rendering_pk, icn = claims[claim_pk]
        facts.history[(patient_pk, payer_pk)].append(HistoryLine(
            claim_pk, pcn, payer_pk, state, rendering_pk, icn, day, code, units, tuple(mods or ())))
    return facts
