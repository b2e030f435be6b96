"""Bulk-load a generated demo world in one transaction.

- ``bulk_create`` per kind, in dependency order; each stage maps the world's natural keys
  to the new primary keys. Field ``pre_save`` still runs in bulk inserts, so encrypted
  columns are sealed and ``Coverage.member_id_index`` (the blind index) is filled.
- Audit: one "import" event per kind of row, not one per row. The rows are synthetic demo
  data, not PHI anyone disclosed or changed, so a per-row trail would only bloat the
  chain; the per-kind event still records that a bulk load happened, how many rows, and
  from where.
- Ledger: each practice gets its chart of accounts through the ledger repository when that
  module is installed.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models, transaction

from bhbilling.app import models as m
from bhbilling.app.demo.users import create_demo_users
from bhbilling.domain.demo.records import DemoWorld
from bhbilling.kernel.errors import BhBillingError

BATCH = 1000
Progress = Callable[[str, int, int], None]
"""progress(stage, rows done so far, rows in the stage)."""


class DemoAlreadySeeded(BhBillingError):
    """The demo company already exists; pass --if-empty to skip quietly."""


@dataclass
class SeedResult:
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    company_id: int | None = None
    practice_ids: dict[str, int] = field(default_factory=dict)


def database_is_empty() -> bool:
    """No billing company yet: seeding cannot mix demo rows into real data."""
    return not m.BillingCompany.objects.exists()


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


def _bulk(model: type[models.Model], rows: Sequence[models.Model], stage: str,
          progress: Progress | None) -> list[models.Model]:
    created: list[models.Model] = []
    for start in range(0, len(rows), BATCH):
        created += model.unscoped.bulk_create(rows[start:start + BATCH])
        if progress:
            progress(stage, len(created), len(rows))
    if not rows and progress:
        progress(stage, 0, 0)
    return created


def _ids(created: Iterable[models.Model], keys: Iterable[str]) -> dict[str, int]:
    return {k: row.pk for k, row in zip(keys, created, strict=True)}


def seed_demo(world: DemoWorld, progress: Progress | None = None) -> SeedResult:
    """Insert the world, its demo users, charts of accounts and audit events atomically."""
    if m.BillingCompany.objects.filter(slug=world.company.slug).exists():
        raise DemoAlreadySeeded(f"demo company {world.company.slug!r} already exists")
    result = SeedResult()
    with transaction.atomic():
        company = m.BillingCompany.objects.create(name=world.company.name,
                                                  slug=world.company.slug)
        result.company_id = company.pk
        practices = _bulk(m.Practice, [
            m.Practice(company=company, **_fields(p, exclude={"key"})) for p in world.practices
        ], "practices", progress)
        practice_ids = _ids(practices, (p.key for p in world.practices))
        result.practice_ids = practice_ids
        location_ids = _ids(_bulk(m.Location, [
            m.Location(practice_id=practice_ids[x.practice_key],
                       **_fields(x, exclude={"key", "practice_key"})) for x in world.locations
        ], "locations", progress), (x.key for x in world.locations))
        payer_ids = _ids(_bulk(m.Payer, [
            m.Payer(company=company, **_fields(p, exclude={"key"})) for p in world.payers
        ], "payers", progress), (p.key for p in world.payers))
        _clearinghouse(company)
        provider_ids = _load_providers(world, practice_ids, progress)
        _load_fees(world, practice_ids, payer_ids, provider_ids, progress)
        patient_ids = _ids(_bulk(m.Patient, [
            m.Patient(practice_id=practice_ids[p.practice_key],
                      **_fields(p, exclude={"key", "practice_key"})) for p in world.patients
        ], "patients", progress), (p.key for p in world.patients))
        _bulk(m.Coverage, [
            m.Coverage(practice_id=practice_ids[c.practice_key],
                       patient_id=patient_ids[c.patient_key], payer_id=payer_ids[c.payer_key],
                       **_fields(c, exclude={"practice_key", "patient_key", "payer_key"}))
            for c in world.coverages
        ], "coverages", progress)
        _bulk(m.Consent, [
            m.Consent(practice_id=practice_ids[c.practice_key],
                      patient_id=patient_ids[c.patient_key], effective_from=c.signed_on,
                      revocation_note="revoked in writing by the patient" if c.revoked_on else "",
                      **_fields(c, exclude={"practice_key", "patient_key"}))
            for c in world.consents
        ], "consents", progress)
        _bulk(m.ClinicalSession, [
            _session(s, practice_ids, patient_ids, provider_ids, location_ids)
            for s in world.sessions
        ], "sessions", progress)
        create_demo_users(company, {k: p for k, p in zip(practice_ids, practices, strict=True)},
                          world.users, world.totp_key_hex)
        if progress:
            progress("users", len(world.users), len(world.users))
        result.counts = world.counts()
        _charts_of_accounts(practices, result)
        _audit(company.pk, result)
    return result


def _clearinghouse(company: m.BillingCompany) -> m.Clearinghouse:
    """The simulator's connection: test files (ISA15 T), demo ids, default delimiters."""
    return m.Clearinghouse.unscoped.create(
        company=company, name="Payer simulator", sender_id="BHBDEMO", receiver_id="BHBSIM",
        receiver_name="bhbilling payer simulator", submitter_id="BHBDEMO01",
        submitter_name=company.name, contact_name="Billing desk", contact_phone="5185550100",
        usage_indicator=m.UsageIndicator.TEST, is_default=True, kind=m.ConnectionKind.SIMULATOR)


def _fields(record, exclude: set[str]) -> dict:
    return {f: getattr(record, f) for f in record.__slots__ if f not in exclude}


def _load_providers(world: DemoWorld, practice_ids: dict[str, int],
                    progress: Progress | None) -> dict[str, int]:
    created = _bulk(m.Provider, [
        m.Provider(practice_id=practice_ids[p.practice_key],
                   **_fields(p, exclude={"key", "practice_key", "supervisor_key"}))
        for p in world.providers
    ], "providers", progress)
    ids = _ids(created, (p.key for p in world.providers))
    supervised = []
    for row, p in zip(created, world.providers, strict=True):
        if p.supervisor_key:
            row.supervisor_id = ids[p.supervisor_key]
            supervised.append(row)
    m.Provider.unscoped.bulk_update(supervised, ["supervisor"])
    _bulk(m.ProviderLicense, [
        m.ProviderLicense(practice_id=practice_ids[x.practice_key], provider_id=ids[x.provider_key],
                          **_fields(x, exclude={"practice_key", "provider_key"}))
        for x in world.licenses
    ], "licenses", progress)
    return ids


def _load_fees(world: DemoWorld, practice_ids: dict[str, int], payer_ids: dict[str, int],
               provider_ids: dict[str, int], progress: Progress | None) -> None:
    _bulk(m.ProviderEnrollment, [
        m.ProviderEnrollment(practice_id=practice_ids[e.practice_key],
                             provider_id=provider_ids[e.provider_key],
                             payer_id=payer_ids[e.payer_key], status=e.status,
                             effective_from=e.effective_from)
        for e in world.enrollments
    ], "enrollments", progress)
    schedule_ids = _ids(_bulk(m.FeeSchedule, [
        m.FeeSchedule(practice_id=practice_ids[s.practice_key],
                      payer_id=payer_ids[s.payer_key] if s.payer_key else None, name=s.name,
                      effective_from=s.effective_from)
        for s in world.fee_schedules
    ], "fee schedules", progress), (s.key for s in world.fee_schedules))
    _bulk(m.FeeScheduleRate, [
        m.FeeScheduleRate(practice_id=practice_ids[r.practice_key],
                          schedule_id=schedule_ids[r.schedule_key], code=r.code,
                          charge=r.charge, expected_allowed=r.expected_allowed)
        for r in world.fee_rates
    ], "fee rates", progress)


def _session(s, practice_ids, patient_ids, provider_ids, location_ids) -> m.ClinicalSession:
    signed_at = None
    if s.note_signed:  # signed two hours after the session ended
        signed_at = dt.datetime.combine(s.date_of_service, s.end_time, tzinfo=dt.UTC) + \
            dt.timedelta(hours=2)
    return m.ClinicalSession(
        practice_id=practice_ids[s.practice_key], patient_id=patient_ids[s.patient_key],
        provider_id=provider_ids[s.provider_key], location_id=location_ids[s.location_key],
        external_id=s.external_id, date_of_service=s.date_of_service, start_time=s.start_time,
        end_time=s.end_time, service_type=s.service_type, status=s.status,
        minutes=dict(s.minutes), total_minutes=s.total_minutes, modality=s.modality,
        patient_location=s.patient_location, diagnoses=list(s.diagnoses),
        note_signed=s.note_signed, signed_at=signed_at,
        interactive_complexity=list(s.interactive_complexity), group_size=s.group_size,
        instruments=list(s.instruments), treatment_plan=s.treatment_plan)


def _charts_of_accounts(practices: list[m.Practice], result: SeedResult) -> None:
    ledger = _optional("bhbilling.app.ledger")
    if ledger is None or not hasattr(ledger, "ensure_chart_of_accounts"):
        result.skipped.append("chart of accounts (bhbilling.app.ledger not available)")
        return
    for practice in practices:
        ledger.ensure_chart_of_accounts(practice)
    result.counts["ledger accounts"] = m.LedgerAccount.unscoped.filter(
        practice__in=practices).count()


_AUDITED = {
    "practices": m.Practice, "locations": m.Location, "payers": m.Payer,
    "providers": m.Provider, "licenses": m.ProviderLicense,
    "enrollments": m.ProviderEnrollment, "fee schedules": m.FeeSchedule,
    "fee rates": m.FeeScheduleRate, "patients": m.Patient, "coverages": m.Coverage,
    "consents": m.Consent, "sessions": m.ClinicalSession,
}


def _audit(company_id: int, result: SeedResult) -> None:
    audit = _optional("bhbilling.app.audit")
    if audit is None or not hasattr(audit, "record"):
        result.skipped.append("audit events (bhbilling.app.audit not available)")
        return
    for kind, model in _AUDITED.items():
        audit.record("import", None, object_type=model._meta.label_lower,
                     company_id=company_id,
                     detail={"rows": result.counts[kind], "source": "demo seed"})
