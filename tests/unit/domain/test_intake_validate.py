"""Intake rules without a database: every kind of bad value gives a located finding."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bhbilling.domain.intake import RawRow, read_rows, validate_row, validate_rows
from bhbilling.domain.intake.records import CoverageRecord, PatientRecord, SessionRecord

PATIENT = {"account_number": "MRN1", "first_name": "Jo", "last_name": "Doe",
           "date_of_birth": "1990-01-02"}
COVERAGE = {"account_number": "MRN1", "payer_id": "60054", "member_id": "W123",
            "starts_on": "2026-01-01"}
SESSION = {"external_id": "E1", "account_number": "MRN1", "provider_npi": "1234567893",
           "date_of_service": "2026-03-02", "service_type": "psychotherapy",
           "diagnoses": "F41.1"}
BASE = {"patients": PATIENT, "coverages": COVERAGE, "sessions": SESSION}


def findings_for(kind, **overrides):
    values = {**BASE[kind], **overrides}
    result = validate_row(kind, RawRow(7, values), file="x.csv", today=dt.date(2026, 6, 1))
    assert isinstance(result, list), f"expected findings, got {result!r}"
    return result


def one(kind, field, value, *, phi):
    found = findings_for(kind, **{field: value})
    assert [(f.row, f.field, f.file) for f in found] == [(7, field, "x.csv")]
    text = str(found[0])
    assert text.startswith(f"x.csv row 7, field {field}: ")
    assert "expected" in text
    if phi:
        assert str(value) not in text
    else:
        assert repr(str(value)) in text or str(value) in text
    return found[0]


def test_good_rows_become_records():
    assert isinstance(validate_row("patients", RawRow(2, PATIENT), file="p"), PatientRecord)
    cov = validate_row("coverages", RawRow(2, {**COVERAGE, "relationship": "1",
                                                "subscriber_first_name": "A",
                                                "subscriber_last_name": "B",
                                                "subscriber_date_of_birth": "1970-01-01"}),
                       file="c")
    assert isinstance(cov, CoverageRecord) and cov.relationship == "01"
    ses = validate_row("sessions", RawRow(2, {**SESSION, "diagnoses": "f411; Z63.0",
                                              "minutes": "psychotherapy=38;em=15"}), file="s")
    assert isinstance(ses, SessionRecord)
    assert ses.diagnoses == ("F41.1", "Z63.0")
    assert ses.minutes == {"psychotherapy": 38, "em": 15} and ses.total_minutes == 53


@pytest.mark.parametrize(("field", "value"), [
    ("date_of_birth", "13/45/1990"), ("date_of_birth", "1990-02-30"), ("ssn", "12345"),
    ("ssn", "000-12-3456"), ("phone", "555-01"), ("email", "jo.example.com"),
    ("postal_code", "9876"), ("first_name", "J" * 36), ("account_number", "A" * 31),
])
def test_bad_phi_values_are_reported_without_the_value(field, value):
    one("patients", field, value, phi=True)


@pytest.mark.parametrize(("field", "value"), [("sex", "X"), ("state", "ZZ"), ("active", "maybe")])
def test_bad_patient_codes_echo_the_value(field, value):
    one("patients", field, value, phi=False)


def test_date_of_birth_in_the_future_is_refused():
    f = one("patients", "date_of_birth", "2030-01-01", phi=True)
    assert "between 1900 and today" in f.message


@pytest.mark.parametrize(("field", "value", "phi"), [
    ("member_id", "W 12/3", True), ("starts_on", "01/01/2026", True),
    ("subscriber_date_of_birth", "1970-13-01", True), ("priority", "4", False),
    ("relationship", "02", False), ("subscriber_sex", "Q", False),
])
def test_bad_coverage_values(field, value, phi):
    one("coverages", field, value, phi=phi)


def test_dependent_coverage_needs_the_subscriber():
    found = findings_for("coverages", relationship="19")
    assert {f.field for f in found} == {"subscriber_first_name", "subscriber_last_name",
                                         "subscriber_date_of_birth"}
    assert all(f.row == 7 for f in found)


def test_coverage_ending_before_it_starts():
    found = findings_for("coverages", ends_on="2025-12-31")
    assert [(f.field, f.row) for f in found] == [("ends_on", 7)]


@pytest.mark.parametrize(("field", "value", "phi"), [
    ("provider_npi", "1234567890", False), ("service_type", "therapy", False),
    ("modality", "phone", False), ("patient_location", "car", False),
    ("status", "done", False), ("start_time", "9am", True), ("date_of_service", "2026-3-2", True),
    ("minutes", "psychotherapy:53", False), ("minutes", "psychotherapy=0", False),
    ("total_minutes", "-5", False), ("group_size", "1", False),
])
def test_bad_session_values(field, value, phi):
    one("sessions", field, value, phi=phi)


@pytest.mark.parametrize(("code", "why"), [
    ("F41", "category header"), ("F99.99", "not in the ICD-10-CM"), ("41.1", "not an ICD-10-CM"),
    ("F4.1", "not an ICD-10-CM"), ("Z63.000", "not in the ICD-10-CM"),
])
def test_bad_diagnosis_codes_name_the_code(code, why):
    found = findings_for("sessions", diagnoses=f"F41.1;{code}")
    assert [(f.row, f.field) for f in found] == [(7, "diagnoses")]
    assert why in found[0].message
    assert code.upper() in found[0].message


def test_other_chapters_get_the_shape_check_only():
    rec = validate_row("sessions", RawRow(2, {**SESSION, "diagnoses": "F41.1;G47.00;R45.851"}),
                       file="s")
    assert isinstance(rec, SessionRecord) and rec.diagnoses == ("F41.1", "G47.00", "R45.851")


def test_end_time_before_start_and_repeated_code():
    found = findings_for("sessions", start_time="11:00", end_time="10:00",
                         diagnoses="F41.1;F411")
    assert sorted(f.field for f in found) == ["diagnoses", "end_time"]


def test_missing_required_values_are_each_reported():
    found = findings_for("sessions", external_id="", diagnoses="", provider_npi=" ")
    assert sorted(f.field for f in found) == ["diagnoses", "external_id", "provider_npi"]
    assert all(f.code == "intake.required" for f in found)


def test_csv_header_missing_column_is_one_finding_and_unknown_is_a_warning():
    data = b"account_number,first_name,date_of_birth,favourite_colour\nA1,Jo,1990-01-01,red\n"
    read = read_rows(data, "csv", file="p.csv")
    records, found = validate_rows("patients", read.rows, file="p.csv", columns=read.columns)
    assert records == []
    errors = [f for f in found if f.is_error]
    assert [(f.row, f.field) for f in errors] == [(1, "last_name")]
    assert [(f.severity, f.field) for f in found if not f.is_error] == [
        ("warning", "favourite_colour")]


def test_rows_are_numbered_like_a_spreadsheet_and_all_errors_are_collected():
    data = ("\ufeffaccount_number,first_name,last_name,date_of_birth\n"
            "A1,Jo,Doe,1990-01-01\n\nA2,Al,Roe,bad\nA1,Jo,Doe,1990-01-01\nA3,,X,1990-01-01\n")
    read = read_rows(data.encode(), "csv", file="p.csv")
    records, found = validate_rows("patients", read.rows, file="p.csv", columns=read.columns)
    assert [r.row for r in records] == [2]
    assert [(f.row, f.field, f.code) for f in found] == [
        (4, "date_of_birth", "intake.invalid"), (5, "account_number", "intake.duplicate"),
        (6, "first_name", "intake.required")]
    assert "row 2" in found[1].message


def test_reader_problems_are_findings():
    assert [f.row for f in read_rows(b"a,b\n1,2\n\xff\xfe\n", "csv", file="x").findings] == [3]
    assert read_rows(b"", "csv", file="x").findings[0].code == "intake.header"
    assert read_rows(b"a,a\n1,2\n", "csv", file="x").findings[0].code == "intake.header"
    wide = read_rows(b"a,b\n1,2,3\n", "csv", file="x")
    assert [(f.row, f.code) for f in wide.findings] == [(2, "intake.columns")]
    jl = read_rows(b'{"a": 1}\n\n[1]\n{bad\n', "jsonl", file="x.jsonl")
    assert [r.row for r in jl.rows] == [1]
    assert [(f.row, f.code) for f in jl.findings] == [(3, "intake.json"), (4, "intake.json")]


def test_jsonl_accepts_native_types():
    line = json.dumps({**SESSION, "diagnoses": ["F41.1", "Z63.0"], "minutes": {"em": 20},
                       "note_signed": True, "group_size": 4})
    read = read_rows(line.encode(), "jsonl", file="s.jsonl")
    records, found = validate_rows("sessions", read.rows, file="s.jsonl")
    assert found == []
    assert records[0].minutes == {"em": 20} and records[0].note_signed is True
    bad = validate_row("sessions", RawRow(1, {**SESSION, "minutes": {"em": "x"},
                                              "diagnoses": [1]}), file="s.jsonl")
    assert sorted(f.field for f in bad) == ["diagnoses", "minutes"]


def test_em_code_and_new_patient_are_read_and_checked():
    good = validate_row("sessions", RawRow(2, {**SESSION, "em_code": "99213", "new_patient": "true"}),
                        file="s")
    assert isinstance(good, SessionRecord)
    assert (good.em_code, good.new_patient) == ("99213", True)
    assert [f.field for f in findings_for("sessions", em_code="90837")] == ["em_code"]
