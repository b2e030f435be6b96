"""Imports against the database: all or nothing, idempotent re-imports, tenant-safe lookups."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bhbilling.app import models as m
from bhbilling.app.fields import blind_index
from bhbilling.app.imports import ImportRejected, import_file
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain.intake import fields as intake_fields
from bhbilling.kernel.errors import TenantScopeError
from tests import builders as b

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
NPI_1, NPI_2 = "1234567893", "1987654328"
MODELS = (m.Patient, m.Coverage, m.ClinicalSession, m.AuditEvent)


@pytest.fixture
def world(tenant):
    b.payer(tenant.company, payer_id="60054", name="Aetna")
    b.payer(tenant.company, payer_id="87726", name="UnitedHealthcare")
    b.provider(tenant.a, npi=NPI_1)
    b.provider(tenant.a, npi=NPI_2, first_name="Grace", last_name="Hopper")
    b.location(tenant.a, name="Main office")
    return tenant


def counts():
    return {model.__name__: model.unscoped.count() if hasattr(model, "unscoped")
            else model.objects.count() for model in MODELS}


def run(world, kind, path, **kw):
    with scoped_to(world.company.id, world.a.id):
        return import_file(kind, path, practice_id=world.a.id, actor="test", **kw)


def import_examples(world):
    return [run(world, kind, EXAMPLES / name) for kind, name in (
        ("patients", "patients.csv"), ("coverages", "coverages.csv"),
        ("sessions", "sessions.csv"), ("sessions", "sessions.jsonl"))]


def test_value_sets_match_the_model_choices():
    assert set(intake_fields.SERVICE_TYPES) == set(m.ServiceType.values)
    assert set(intake_fields.MODALITIES) == set(m.Modality.values)
    assert set(intake_fields.PATIENT_LOCATIONS) == set(m.PatientLocation.values)
    assert set(intake_fields.STATUSES) == set(m.SessionStatus.values)
    assert set(intake_fields.SEX) == set(m.Sex.values)
    assert set(intake_fields.RELATIONSHIPS) == set(m.Relationship.values)
    assert set(intake_fields.PRIORITIES) == set(m.CoveragePriority.values)


def test_the_documented_examples_import_cleanly(world):
    results = import_examples(world)
    assert [(r.created, r.updated, r.findings) for r in results] == [
        (3, 0, []), (4, 0, []), (3, 0, []), (2, 0, [])]
    p = m.Patient.unscoped.get(practice=world.a, account_number="MRN1002")
    assert p.date_of_birth == dt.date(1975, 11, 30) and p.ssn == "123456789"
    cov = m.Coverage.unscoped.get(patient=p, priority=2)
    assert cov.member_id == "W555000111" and cov.relationship == "01"
    s = m.ClinicalSession.unscoped.get(practice=world.a, external_id="EHR-5002")
    assert s.minutes == {"psychotherapy": 25, "em": 20} and s.total_minutes == 45
    assert s.diagnoses == ["F33.1"] and s.provider.npi == NPI_2 and s.location is None
    g = m.ClinicalSession.unscoped.get(practice=world.a, external_id="EHR-6002")
    assert g.group_size == 6 and g.diagnoses == ["F90.0", "Z63.8"]
    events = m.AuditEvent.objects.filter(action="import").order_by("seq")
    assert [e.object_type for e in events] == ["patients", "coverages", "sessions", "sessions"]
    assert events[0].detail["rows"] == 3 and len(events[0].detail["file_sha256"]) == 64
    creates = m.AuditEvent.objects.filter(action="create", object_type="patient",
                                          practice_id=world.a.id)
    assert creates.count() == 3
    assert "Rivera" not in str(list(m.AuditEvent.objects.values_list("detail", flat=True)))


def test_reimport_updates_without_duplicates(world, tmp_path):
    import_examples(world)
    before = counts()
    again = import_examples(world)
    assert [(r.created, r.updated, r.unchanged) for r in again] == [
        (0, 0, 3), (0, 0, 4), (0, 0, 3), (0, 0, 2)]
    after = counts()
    assert {k: v for k, v in after.items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"}
    changed = tmp_path / "patients.csv"
    changed.write_text((EXAMPLES / "patients.csv").read_text().replace("Okafor", "Okafor-Bell"))
    result = run(world, "patients", changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert m.Patient.unscoped.get(account_number="MRN1002").last_name == "Okafor-Bell"
    assert m.Patient.unscoped.filter(practice=world.a).count() == 3
    cov_file = tmp_path / "coverages.csv"
    cov_file.write_text((EXAMPLES / "coverages.csv").read_text().replace("W123456789", "W999"))
    assert run(world, "coverages", cov_file).updated == 1
    cov = m.Coverage.unscoped.get(member_id_index=blind_index("W999"))
    assert cov.patient.account_number == "MRN1001"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_three_bad_rows_reject_the_whole_file(world, tmp_path):
    rows = ["account_number,first_name,last_name,date_of_birth,sex,state"]
    rows += [f"G{i},Pat,Good{i},1980-01-0{i % 9 + 1},F,NY" for i in range(1, 11)]
    rows.insert(3, "B1,Pat,Bad,1980/01/01,F,NY")
    rows.insert(7, "B2,Pat,Bad,1980-01-01,Q,NY")
    rows.insert(10, "B3,,Bad,1980-01-01,F,NY")
    path = write(tmp_path, "patients.csv", "\n".join(rows) + "\n")
    before = counts()
    with pytest.raises(ImportRejected) as exc:
        run(world, "patients", path)
    got = [(f.row, f.field) for f in exc.value.findings]
    assert got == [(4, "date_of_birth"), (8, "sex"), (11, "first_name")]
    assert counts() == before
    assert "1980/01/01" not in str(exc.value)


def test_unknown_references_are_all_reported(world, tmp_path):
    import_examples(world)
    text = (EXAMPLES / "sessions.csv").read_text()
    text = text.replace("EHR-5001,MRN1001", "EHR-7001,MRN9999").replace(
        "EHR-5002", "EHR-7002").replace("1987654328", "1111111112").replace(
        "EHR-5003,MRN1003,1234567893,Main office", "EHR-7003,MRN1003,1234567893,Annex")
    before = counts()
    with pytest.raises(ImportRejected) as exc:
        run(world, "sessions", write(tmp_path, "s.csv", text))
    assert [(f.row, f.field) for f in exc.value.findings] == [
        (2, "account_number"), (3, "provider_npi"), (4, "location")]
    assert counts() == before


def test_cross_tenant_provider_is_rejected(world, tmp_path):
    import_examples(world)
    other = b.provider(world.b)  # a real provider, of practice B
    line = (f"external_id,account_number,provider_npi,date_of_service,service_type,diagnoses\n"
            f"X-1,MRN1001,{other.npi},2026-03-02,psychotherapy,F41.1\n")
    before = counts()
    with pytest.raises(ImportRejected) as exc:
        run(world, "sessions", write(tmp_path, "s.csv", line))
    assert [(f.row, f.field, f.code) for f in exc.value.findings] == [
        (2, "provider_npi", "import.reference")]
    assert counts() == before
    with scoped_to(world.company.id, world.b.id), pytest.raises(TenantScopeError):
        import_file("sessions", tmp_path / "s.csv", practice_id=world.a.id)


def test_failure_mid_write_leaves_nothing_half_written(world, tmp_path, monkeypatch):
    import_examples(world)
    text = (EXAMPLES / "sessions.csv").read_text().replace("F41.1;Z63.0", "F41.1") + (
        "EHR-5099,MRN1001,1234567893,,2026-03-20,,,psychotherapy,,psychotherapy=45,,,,F41.1,,,,\n")
    path = write(tmp_path, "s.csv", text)
    before = counts()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(m.ClinicalSession.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        run(world, "sessions", path)
    assert counts() == before
    s = m.ClinicalSession.unscoped.get(practice=world.a, external_id="EHR-5001")
    assert s.diagnoses == ["F41.1", "Z63.0"]  # the update ran first and was rolled back


def test_dry_run_writes_nothing(world):
    before = counts()
    result = run(world, "patients", EXAMPLES / "patients.csv", dry_run=True)
    assert (result.created, result.dry_run) == (3, True)
    assert counts() == before


def test_import_needs_a_scope_and_a_known_format(world, tmp_path):
    with pytest.raises(TenantScopeError):
        import_file("patients", EXAMPLES / "patients.csv", practice_id=world.a.id)
    copy = tmp_path / "patients.txt"
    shutil.copy(EXAMPLES / "patients.csv", copy)
    with pytest.raises(ImportRejected):
        run(world, "patients", copy)
    assert run(world, "patients", copy, fmt="csv").created == 3
