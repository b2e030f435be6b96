"""Resolve validated intake records against the current practice and plan the writes.

Model:
- Every lookup goes through the scoped managers (`objects`), so a reference that belongs to
  another practice (a provider NPI of practice B while importing into A) is simply not
  found and becomes a finding: an import can never attach rows to another tenant.
- Payers are company-wide (2010BB payer id); patients, providers and locations are per
  practice.
- A record whose natural key exists is an update (patients by account number, coverages by
  patient + payer + priority, sessions by external id); an update that changes nothing is
  counted as unchanged and not written or audited.
- `bulk_update` runs no `pre_save`, so the planner sets `updated_at` and the member-id blind
  index itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from bhbilling.app.fields import blind_index
from bhbilling.app.models import ClinicalSession, Coverage, Location, Patient, Payer, Provider
from bhbilling.domain.intake import CoverageRecord, PatientRecord, Record, SessionRecord
from bhbilling.kernel.findings import Finding

__all__ = ["PLANNERS", "Plan"]

_CHUNK = 900  # stay under SQLite's bound-variable limit in `__in` lookups


@dataclass(slots=True)
class Plan:
    model: type[models.Model]
    create: list[models.Model] = field(default_factory=list)
    update: list[models.Model] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    unchanged: int = 0
    findings: list[Finding] = field(default_factory=list)


def _fetch(manager: models.Manager, attr: str, keys: Iterable) -> dict:
    """Rows of the current scope whose `attr` is in `keys`, by that value (first id wins)."""
    keys = sorted(set(keys))
    found: dict = {}
    for i in range(0, len(keys), _CHUNK):
        for obj in manager.filter(**{f"{attr}__in": keys[i:i + _CHUNK]}).order_by("-id"):
            found[getattr(obj, attr)] = obj
    return found


def _not_found(file: str, row: int, fld: str, message: str, expected: str) -> Finding:
    return Finding("import.reference", message, file=file, row=row, field=fld, expected=expected)


def _apply(plan: Plan, existing: models.Model | None, values: dict,
           build: Callable[[], models.Model]) -> None:
    if existing is None:
        plan.create.append(build())
        return
    changed = [k for k, v in values.items() if getattr(existing, k) != v]
    if not changed:
        plan.unchanged += 1
        return
    for k in changed:
        setattr(existing, k, values[k])
    plan.update_fields.update(changed)
    plan.update.append(existing)


def _patient_values(r: PatientRecord) -> dict:
    return {
        "first_name": r.first_name, "middle_name": r.middle_name, "last_name": r.last_name,
        "date_of_birth": r.date_of_birth, "sex": r.sex, "ssn": r.ssn, "phone": r.phone,
        "email": r.email, "address_line1": r.address_line1, "address_line2": r.address_line2,
        "city": r.city, "state": r.state, "postal_code": r.postal_code, "active": r.active,
    }


def plan_patients(records: Sequence[Record], practice_id: int, file: str) -> Plan:
    plan = Plan(Patient)
    existing = _fetch(Patient.objects, "account_number", (r.account_number for r in records))
    for r in records:
        assert isinstance(r, PatientRecord)
        values = _patient_values(r)
        _apply(plan, existing.get(r.account_number), values, lambda r=r, v=values: Patient(
            practice_id=practice_id, account_number=r.account_number, **v))
    return plan


def _patients_for(records: Sequence[Record], file: str, plan: Plan) -> dict[str, Patient]:
    patients = _fetch(Patient.objects, "account_number", (r.account_number for r in records))
    for r in records:
        if r.account_number not in patients:
            plan.findings.append(_not_found(
                file, r.row, "account_number", "no patient with this account number in the "
                "practice", "the account number of a patient imported or entered before"))
    return patients


def plan_coverages(records: Sequence[Record], practice_id: int, file: str) -> Plan:
    plan = Plan(Coverage)
    patients = _patients_for(records, file, plan)
    payers = _fetch(Payer.objects, "payer_id", (r.payer_id for r in records))
    existing: dict[tuple[int, int, int], Coverage] = {}
    patient_ids = sorted({p.id for p in patients.values()})
    for i in range(0, len(patient_ids), _CHUNK):
        chunk = Coverage.objects.filter(patient_id__in=patient_ids[i:i + _CHUNK])
        for cov in chunk.order_by("-id"):
            existing[(cov.patient_id, cov.payer_id, cov.priority)] = cov
    for r in records:
        assert isinstance(r, CoverageRecord)
        payer = payers.get(r.payer_id)
        if payer is None:
            plan.findings.append(_not_found(
                file, r.row, "payer_id", f"no payer with payer id {r.payer_id!r} in the "
                "billing company", "the electronic payer id of a payer set up in bhbilling"))
        patient = patients.get(r.account_number)
        if payer is None or patient is None:
            continue
        values = {
            "member_id": r.member_id, "group_number": r.group_number, "plan_name": r.plan_name,
            "relationship": r.relationship, "subscriber_first_name": r.subscriber_first_name,
            "subscriber_last_name": r.subscriber_last_name,
            "subscriber_date_of_birth": r.subscriber_date_of_birth,
            "subscriber_sex": r.subscriber_sex, "starts_on": r.starts_on, "ends_on": r.ends_on,
        }
        current = existing.get((patient.id, payer.id, r.priority))
        _apply(plan, current, values, lambda p=patient, y=payer, r=r, v=values: Coverage(
            practice_id=practice_id, patient=p, payer=y, priority=r.priority, **v))
    for cov in plan.update:  # the blind index follows member_id (BlindIndexField.pre_save)
        cov.member_id_index = blind_index(cov.member_id or "")
    if plan.update:
        plan.update_fields.add("member_id_index")
    return plan


def plan_sessions(records: Sequence[Record], practice_id: int, file: str) -> Plan:
    plan = Plan(ClinicalSession)
    patients = _patients_for(records, file, plan)
    providers = _fetch(Provider.objects, "npi", (r.provider_npi for r in records))
    locations: dict[str, list[Location]] = {}
    for loc in Location.objects.all():
        locations.setdefault(loc.name.strip().lower(), []).append(loc)
    existing = _fetch(ClinicalSession.objects, "external_id", (r.external_id for r in records))
    for r in records:
        assert isinstance(r, SessionRecord)
        provider = providers.get(r.provider_npi)
        if provider is None:
            plan.findings.append(_not_found(
                file, r.row, "provider_npi", f"no provider with NPI {r.provider_npi!r} in the "
                "practice", "the type-1 NPI of one of this practice's providers"))
        location = None
        if r.location:
            matches = locations.get(r.location.lower(), [])
            if len(matches) != 1:
                what = "no location" if not matches else f"{len(matches)} locations"
                plan.findings.append(_not_found(
                    file, r.row, "location", f"{what} named {r.location!r} in the practice",
                    "the name of exactly one of this practice's locations"))
                continue
            location = matches[0]
        patient = patients.get(r.account_number)
        if provider is None or patient is None:
            continue
        values = {
            "patient_id": patient.id, "provider_id": provider.id,
            "location_id": location.id if location else None,
            "date_of_service": r.date_of_service, "start_time": r.start_time,
            "end_time": r.end_time, "service_type": r.service_type, "status": r.status,
            "minutes": dict(r.minutes), "total_minutes": r.total_minutes,
            "modality": r.modality, "patient_location": r.patient_location,
            "diagnoses": list(r.diagnoses), "note_signed": r.note_signed,
            "interactive_complexity": list(r.interactive_complexity),
            "group_size": r.group_size, "instruments": list(r.instruments),
            "em_code": r.em_code, "new_patient": r.new_patient,
        }
        _apply(plan, existing.get(r.external_id), values, lambda r=r, v=values: ClinicalSession(
            practice_id=practice_id, external_id=r.external_id, **v))
    return plan


def stamp_updates(plan: Plan) -> None:
    """`auto_now` is not applied by bulk_update; set it for the rows that change."""
    if not plan.update:
        return
    now = timezone.now()
    for obj in plan.update:
        obj.updated_at = now
    plan.update_fields.add("updated_at")


PLANNERS: dict[str, Callable[[Sequence[Record], int, str], Plan]] = {
    "patients": plan_patients, "coverages": plan_coverages, "sessions": plan_sessions,
}
