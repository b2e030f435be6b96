"""Claim snapshots from the database: the facts the pure scrubber reads, per claim.

Fields follow docs/scrubbing.md ("where the app fills them from"); the app's readings:
- ``as_of`` is the injected clock's today; payer rules, fees and the clinician's licence
  and enrollments are taken on the claim's first date of service.
- Modality, minutes and "do not disclose" come from the claim's session. Minutes per line,
  as the coding engine times the code: psychotherapy codes (and their E/M add-ons) read the
  session's "psychotherapy" minutes, or for a SUD session the minutes coding used
  (``domain.coding.sud.MINUTE_KEYS``: counseling first); crisis codes read "crisis" (the
  total on the date), 90846/90847 "family"; none recorded (or 0) means not recorded.
- History (duplicates, same-day and NCCI pairs, add-on primaries): the patient's other
  claim lines *to the same payer* on this claim's dates of service, any state (the engine
  skips void, denied and rejected claims). Same payer, because a secondary claim repeats
  the primary's lines by design and a payer only denies what it was sent; same dates,
  because every history rule compares lines of one date. A replacement or void leaves out
  the claim it replaces.
- Eligibility: of the coverage's 271 answers that say active or inactive (a rejected or
  unknown answer says neither), the one asked for the service date nearest the claim's,
  the latest of equals; ``checked_on`` is when it was asked.
- Authorizations: the patient's active rows with the claim's payer, for any clinician or
  this claim's; code groups ("group:psychotherapy") are expanded. Units used = the units of
  the covered codes on the patient's other claims to that payer, dated inside the
  authorization, that still bill (not void, voided, denied or rejected).
- Codes needing authorization: the claim's codes other than add-ons, when the eligibility
  answer says mental-health services need authorization (271 EB11 = Y); otherwise none
  (no contract table holds them yet).
- Visit limit: the limit from that eligibility answer; used = the larger of what the payer
  reported used and the (date, clinician) visits on the patient's other claims to the payer
  in the calendar year of the service (benefit year assumed to be the calendar year).
- Part 2: every Part 2 TPO consent of the patient, with its dates (the engine decides what
  is in force on ``as_of``) and the payers its recipient names (``consents``).
- Self-pay: a claim with no payer, or a self-pay payer, is self-pay. ``gfe_issued_on`` is
  the issue date of the patient's Good Faith Estimate from the claim's rendering provider
  whose period covers the first date of service (issued or since replaced, never draft or
  void; ``domain.estimates.covering_issue_date`` picks the newest issued on or before the
  service), so PRIV-GFE-001 flags a self-pay claim only when no such estimate covers it.
  Claims are only built for insured sessions, so this concerns claims entered by other
  means, which can never be sent on an 837P anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bhbilling.app.scrubbing.chunk_facts import CHUNK, ChunkFacts, HistoryLine, load_chunk
from bhbilling.app.scrubbing.consents import recipient_payers
from bhbilling.app.scrubbing.practice_facts import PracticeFacts
from bhbilling.domain.authorizations import CODE_GROUPS
from bhbilling.domain.coding.sud import MINUTE_KEYS as SUD_MINUTE_KEYS
from bhbilling.domain.estimates import covering_issue_date
from bhbilling.domain.scrubbing import (
    Authorization,
    ClaimSnapshot,
    CoverageFacts,
    Eligibility,
    Line,
    Part2Consent,
    PatientFacts,
    PriorLine,
    VisitLimit,
)
from bhbilling.domain.scrubbing.rules.code_groups import ADDON_PRIMARIES, PSY_CODES
from bhbilling.domain.scrubbing.rules.minutes import CRISIS_ADDON, CRISIS_FIRST, FAMILY
from bhbilling.domain.scrubbing.snapshot import INACTIVE_STATES
from bhbilling.kernel.errors import BhBillingError

__all__ = ["Built", "build_snapshots", "iter_built"]

_MINUTE_KEY = {**{c: "psychotherapy" for c in PSY_CODES}, **{c: "crisis" for c in CRISIS_FIRST},
               **{c: "crisis" for c in CRISIS_ADDON}, **{c: "family" for c in FAMILY}}


@dataclass(frozen=True, slots=True)
class Built:
    """A claim's snapshot, or why none could be built (e.g. a payer profile that will not load)."""

    claim_pk: int
    pcn: str
    snapshot: ClaimSnapshot | None
    problem: str = ""


def iter_built(practice_id: int, claim_ids: Sequence[int], *, as_of: dt.date,
               facts: PracticeFacts | None = None, chunk: int = CHUNK) -> Iterator[Built]:
    """Snapshots of the practice's claims, chunk by chunk, in claim id order per chunk."""
    facts = facts or PracticeFacts(practice_id)
    ids = list(claim_ids)
    for start in range(0, len(ids), chunk):
        rows = load_chunk(ids[start:start + chunk])
        consents: dict[int, tuple[Part2Consent, ...]] = {}
        for claim in rows.claims:
            try:
                yield Built(claim["id"], claim["patient_control_number"],
                            _snapshot(claim, facts, rows, consents, as_of))
            except BhBillingError as exc:
                yield Built(claim["id"], claim["patient_control_number"], None, str(exc))
            except (KeyError, TypeError, ValueError) as exc:  # a row the app cannot read: hold the claim
                yield Built(claim["id"], claim["patient_control_number"], None,
                            f"the claim's facts could not be read ({type(exc).__name__})")


def build_snapshots(practice_id: int, claim_ids: Sequence[int], *, as_of: dt.date) -> list[Built]:
    return list(iter_built(practice_id, claim_ids, as_of=as_of))


def _minutes(session: dict[str, Any] | None, code: str) -> int | None:
    key = _MINUTE_KEY.get(code)
    if key is None or session is None or not isinstance(session["minutes"], dict):
        return None
    keys = (key,)
    if key == "psychotherapy":
        keys = (key, *SUD_MINUTE_KEYS.get(session["service_type"], ()))
    for name in keys:
        try:
            value = int(session["minutes"].get(name) or 0)
        except (TypeError, ValueError):
            return None
        if value > 0:
            return value
    return None


def _lines(claim: dict[str, Any], rows: ChunkFacts, session: dict[str, Any] | None) -> tuple[Line, ...]:
    sid = str(claim["session_id"] or "")
    hidden = bool(session and session["no_disclose"])
    return tuple(Line(
        code=ln["code"], charge=ln["charge"], date_of_service=ln["date_of_service"],
        units=Decimal(ln["units"]), modifiers=tuple(ln["modifiers"] or ()),
        pointers=tuple(ln["diagnosis_pointers"] or [1]), minutes=_minutes(session, ln["code"]),
        place_of_service=ln["place_of_service"] or "", session_id=sid, no_disclose=hidden)
        for ln in rows.lines.get(claim["id"], ()))


def _eligibility(checks: list[dict[str, Any]], day: dt.date) -> tuple[Eligibility | None, dict]:
    if not checks:
        return None, {}
    best = min(checks, key=lambda r: (abs((r["service_date"] - day).days), -r["checked_at"].timestamp()))
    return (Eligibility(timezone.localdate(best["checked_at"]), best["status"] == "active"),
            best["summary"] if isinstance(best["summary"], dict) else {})


def _coverage(claim, rows: ChunkFacts, day: dt.date) -> tuple[CoverageFacts | None, dict]:
    cov = rows.coverages.get(claim["coverage_id"])
    if cov is None:
        return None, {}
    elig, summary = _eligibility(rows.eligibility.get(cov["id"], []), day)
    if cov["relationship"] == "18":
        patient = rows.patients.get(claim["patient_id"], {})
        name = bool(patient.get("first_name") and patient.get("last_name"))
        dob = bool(patient.get("dob_present"))
    else:
        name = bool(cov["subscriber_first_name"] and cov["subscriber_last_name"])
        dob = bool(cov["dob_present"])
    return CoverageFacts(
        payer_id=cov["payer__payer_id"], member_id_present=cov["member_present"],
        subscriber_name_present=name, subscriber_birth_date_present=dob,
        relationship=cov["relationship"], active_from=cov["starts_on"], active_to=cov["ends_on"],
        eligibility=elig), summary


def _billing_history(claim, rows: ChunkFacts) -> list[HistoryLine]:
    """The patient's lines to this payer on other claims (not the one this one replaces)."""
    skip = (claim["id"], claim["original_claim_id"])
    return [h for h in rows.history.get((claim["patient_id"], claim["payer_id"]), ())
            if h.claim_pk not in skip]


def _codes(items: Any) -> frozenset[str]:
    codes: set[str] = set()
    for item in items if isinstance(items, list) else ():
        text = str(item)
        group = CODE_GROUPS.get(text.removeprefix("group:")) if text.startswith("group:") else None
        codes |= group if group is not None else {text}  # an unknown group covers no code
    return frozenset(codes)


def _authorizations(claim, rows: ChunkFacts, others: list[HistoryLine],
                    providers: set[int]) -> tuple[Authorization, ...]:
    out = []
    for row in rows.authorizations.get(claim["patient_id"], ()):
        if row["payer_id"] != claim["payer_id"] or (
                row["provider_id"] and row["provider_id"] not in providers):
            continue
        codes, start, end = _codes(row["codes"]), row["starts_on"], row["ends_on"]
        used = sum((h.units for h in others if h.state not in INACTIVE_STATES and start <= h.day <= end
                    and (not codes or h.code in codes)), Decimal(0))
        out.append(Authorization(row["number"], start, end, codes, row["units_approved"], used))
    return tuple(out)


def _visit_limit(summary: dict, others: list[HistoryLine], lines: tuple[Line, ...],
                 rendering_pk: int, day: dt.date) -> VisitLimit | None:
    limits = summary.get("visit_limit") if isinstance(summary.get("visit_limit"), dict) else None
    if not limits or not isinstance(limits.get("limit"), int):
        return None
    limit = limits["limit"]
    reported = limits.get("used")
    if not isinstance(reported, int):
        remaining = limits.get("remaining")
        reported = limit - remaining if isinstance(remaining, int) else 0
    mine = {(ln.date_of_service, rendering_pk) for ln in lines}
    ours = {(h.day, h.rendering_pk) for h in others
            if h.state not in INACTIVE_STATES and h.day.year == day.year} - mine
    return VisitLimit(limit, max(reported, len(ours)))


def _history(claim, others: list[HistoryLine], days: set[dt.date],
             facts: PracticeFacts) -> tuple[PriorLine, ...]:
    patient = str(claim["patient_id"])
    return tuple(PriorLine(h.claim_pcn, patient, h.day, h.code, facts.npi_of(h.rendering_pk), h.state,
                           h.units, h.modifiers, h.payer_claim_number)
                 for h in others if h.day in days)


def _part2(patient_pk: int, rows: ChunkFacts, facts: PracticeFacts,
           cache: dict[int, tuple[Part2Consent, ...]]) -> tuple[Part2Consent, ...]:
    found = cache.get(patient_pk)
    if found is None:
        found = []
        for row in rows.consents.get(patient_pk, ()):
            ids, every = recipient_payers(row["recipient"], facts.payer_names)
            found.append(Part2Consent(row["effective_from"], ids, every, row["expires_on"],
                                      row["revoked_on"]))
        found = cache[patient_pk] = tuple(found)
    return found


def _snapshot(claim: dict[str, Any], facts: PracticeFacts, rows: ChunkFacts,
              consents: dict[int, tuple[Part2Consent, ...]], as_of: dt.date) -> ClaimSnapshot:
    session = rows.sessions.get(claim["session_id"])
    lines = _lines(claim, rows, session)
    days = {ln.date_of_service for ln in lines}
    day = min(days) if days else as_of
    payer_pk = claim["payer_id"]
    rules = facts.payer_rules(payer_pk, day)
    coverage, summary = _coverage(claim, rows, day)
    if summary.get("authorization_required") is True:
        rules = replace(rules, auth_required_codes=frozenset(
            ln.code for ln in lines if ln.code not in ADDON_PRIMARIES))
    others = _billing_history(claim, rows)
    state = facts.location_states.get(session["location_id"]) if session else None
    modality = session["modality"] if session else "in_person"
    providers = {claim["rendering_provider_id"], session["provider_id"] if session else None}
    freq = claim["frequency_code"]
    original = (claim["original_claim__payer_claim_number"] or "") if freq in ("7", "8") else ""
    return ClaimSnapshot(
        claim_id=claim["patient_control_number"], as_of=as_of, billing=facts.billing,
        rendering=facts.rendering(claim["rendering_provider_id"], day, state or facts.state),
        patient=PatientFacts(str(claim["patient_id"]), facts.is_self_pay(payer_pk),
                             covering_issue_date(rows.estimates.get(claim["patient_id"], ()),
                                                 claim["rendering_provider_id"], day),
                             _part2(claim["patient_id"], rows, facts, consents)),
        payer=rules, lines=lines, coverage=coverage, diagnoses=tuple(claim["diagnoses"] or ()),
        total_charge=claim["total_charge"], place_of_service=claim["place_of_service"],
        frequency_code=freq,
        original_claim_number=original,
        patient_control_number=claim["patient_control_number"], modality=modality,
        patient_at_home=(session["patient_location"] == "home") if modality != "in_person" else None,
        authorizations=_authorizations(claim, rows, others, providers),
        visit_limit=_visit_limit(summary, others, lines, claim["rendering_provider_id"], day),
        fee_schedule=facts.fees(payer_pk, day), history=_history(claim, others, days, facts),
        part2_program=facts.part2_program)
