"""Check import rows and turn them into records, or into findings that say what to fix.

Model:
- Each kind (patients, coverages, sessions) has a column table: parser, required or not,
  and whether the field is PHI. A finding names the file, row and field and what was
  expected; it shows the bad value only for non-PHI fields (codes such as payer_id,
  service_type, diagnoses, state, NPI). PHI (names, dates, SSN, member ids, contact and
  address details, account numbers) is never echoed, because findings end up in terminals,
  logs and tickets (HIPAA minimum necessary, 45 CFR 164.502(b)).
- `validate_rows` checks every row (never stops at the first error), checks the CSV header
  once (a missing required column is one finding, not one per row), and flags rows that
  repeat a natural key within the file, naming the first row.
- Unknown columns are warnings: an EHR export often carries extra columns we do not use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from bhbilling.domain.intake import fields as f
from bhbilling.domain.intake.diagnoses import DiagnosisProblem, check_diagnosis
from bhbilling.domain.intake.readers import RawRow
from bhbilling.domain.intake.records import CoverageRecord, PatientRecord, Record, SessionRecord
from bhbilling.kernel.findings import WARNING, Finding

__all__ = ["COLUMNS", "KINDS", "Column", "Kind", "check_columns", "validate_row", "validate_rows"]

Kind = Literal["patients", "coverages", "sessions"]
KINDS: tuple[Kind, ...] = ("patients", "coverages", "sessions")


@dataclass(frozen=True, slots=True)
class Column:
    parse: f.Parser
    required: bool = False
    phi: bool = False


_ACCOUNT = Column(f.text(30), required=True, phi=True)
COLUMNS: dict[Kind, dict[str, Column]] = {
    "patients": {
        "account_number": _ACCOUNT,
        "first_name": Column(f.text(35), True, True),
        "middle_name": Column(f.text(25), phi=True),
        "last_name": Column(f.text(60), True, True),
        "date_of_birth": Column(f.date, True, True),
        "sex": Column(f.choice(f.SEX, upper=True)),
        "ssn": Column(f.ssn, phi=True),
        "phone": Column(f.phone, phi=True),
        "email": Column(f.email, phi=True),
        "address_line1": Column(f.text(55), phi=True),
        "address_line2": Column(f.text(55), phi=True),
        "city": Column(f.text(30), phi=True),
        "state": Column(f.state),
        "postal_code": Column(f.postal_code, phi=True),
        "active": Column(f.boolean),
    },
    "coverages": {
        "account_number": _ACCOUNT,
        "payer_id": Column(f.text(80), True),
        "priority": Column(f.priority),
        "member_id": Column(f.member_id, True, True),
        "group_number": Column(f.text(50)),
        "plan_name": Column(f.text(60)),
        "relationship": Column(f.relationship),
        "subscriber_first_name": Column(f.text(35), phi=True),
        "subscriber_last_name": Column(f.text(60), phi=True),
        "subscriber_date_of_birth": Column(f.date, phi=True),
        "subscriber_sex": Column(f.choice(f.SEX, upper=True)),
        "starts_on": Column(f.date, True, True),
        "ends_on": Column(f.date, phi=True),
    },
    "sessions": {
        "external_id": Column(f.text(64), True),
        "account_number": _ACCOUNT,
        "provider_npi": Column(f.npi, True),
        "location": Column(f.text(120)),
        "date_of_service": Column(f.date, True, True),
        "start_time": Column(f.time, phi=True),
        "end_time": Column(f.time, phi=True),
        "service_type": Column(f.choice(f.SERVICE_TYPES), True),
        "status": Column(f.choice(f.STATUSES)),
        "minutes": Column(f.minutes),
        "total_minutes": Column(f.integer(0, 1440)),
        "modality": Column(f.choice(f.MODALITIES)),
        "patient_location": Column(f.choice(f.PATIENT_LOCATIONS)),
        "diagnoses": Column(f.items, True),
        "note_signed": Column(f.boolean),
        "interactive_complexity": Column(f.items),
        "group_size": Column(f.integer(2, 99)),
        "instruments": Column(f.items),
        "em_code": Column(f.choice(f.EM_CODES)),
        "new_patient": Column(f.boolean),
    },
}
_RECORD = {"patients": PatientRecord, "coverages": CoverageRecord, "sessions": SessionRecord}


def _shown(value: Any) -> str:
    s = value if isinstance(value, str) else repr(value)
    return repr(s if len(s) <= 40 else s[:37] + "...")


def check_columns(kind: Kind, columns: Iterable[str], *, file: str) -> list[Finding]:
    """Header check for CSV: required columns present (errors), unknown ones (warnings)."""
    spec = COLUMNS[kind]
    present = set(columns)
    out = [
        Finding("intake.missing_column", f"the header has no {name} column", file=file, row=1,
                field=name, expected=f"a {name} column (required for {kind})")
        for name, col in spec.items() if col.required and name not in present
    ]
    out += [
        Finding("intake.unknown_column", "column is not used and will be ignored",
                severity=WARNING, file=file, row=1, field=name)
        for name in sorted(present - spec.keys())
    ]
    return out


def validate_row(kind: Kind, raw: RawRow, *, file: str,
                 today: dt.date | None = None) -> Record | list[Finding]:
    """One row -> its record, or every finding of that row (never only the first)."""
    spec = COLUMNS[kind]
    clean: dict[str, Any] = {}
    out: list[Finding] = []
    for name, col in spec.items():
        value = raw.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            if col.required:
                out.append(Finding("intake.required", "a value is required", file=file,
                                   row=raw.row, field=name))
            continue
        try:
            clean[name] = col.parse(value)
        except f.Bad as bad:
            msg = f"expected {bad.expected}"
            if not col.phi:
                msg += f", got {_shown(value)}"
            out.append(Finding("intake.invalid", msg, file=file, row=raw.row, field=name,
                               expected=bad.expected))
    if not out:
        out = _CROSS[kind](clean, raw.row, file, today)
    if out:
        return out
    return _RECORD[kind](row=raw.row, **clean)


def validate_rows(kind: Kind, rows: Iterable[RawRow], *, file: str,
                  columns: Iterable[str] | None = None,
                  today: dt.date | None = None) -> tuple[list[Record], list[Finding]]:
    """All rows -> (records, findings); records are only meaningful if no finding is an error."""
    findings = check_columns(kind, columns, file=file) if columns is not None else []
    if any(x.is_error for x in findings):
        return [], findings
    records: list[Record] = []
    first_row: dict[object, int] = {}
    for raw in rows:
        result = validate_row(kind, raw, file=file, today=today)
        if isinstance(result, list):
            findings.extend(result)
            continue
        seen = first_row.setdefault(result.key, raw.row)
        if seen != raw.row:
            findings.append(Finding(
                "intake.duplicate", f"repeats the {_KEY_TEXT[kind]} of row {seen}",
                file=file, row=raw.row, field=_KEY_FIELD[kind],
                expected=f"each {_KEY_TEXT[kind]} once per file",
            ))
            continue
        records.append(result)
    return records, findings


_KEY_FIELD = {"patients": "account_number", "coverages": "priority", "sessions": "external_id"}
_KEY_TEXT = {"patients": "account number", "coverages": "patient, payer and priority",
             "sessions": "external id"}


def _err(code: str, msg: str, file: str, row: int, field: str, expected: str | None = None):
    return Finding(code, msg, file=file, row=row, field=field, expected=expected)


def _cross_patient(c: dict, row: int, file: str, today: dt.date | None) -> list[Finding]:
    dob = c["date_of_birth"]
    if dob.year < 1900 or (today is not None and dob > today):
        return [_err("intake.invalid", "expected a date of birth between 1900 and today",
                     file, row, "date_of_birth")]
    return []


def _cross_coverage(c: dict, row: int, file: str, today: dt.date | None) -> list[Finding]:
    out = []
    if c.get("ends_on") and c["ends_on"] < c["starts_on"]:
        out.append(_err("intake.invalid", "expected an end date on or after starts_on",
                        file, row, "ends_on"))
    if c.get("relationship", "18") != "18":
        # 837P loop 2010BA names the subscriber when the patient is a dependent.
        for name in ("subscriber_first_name", "subscriber_last_name", "subscriber_date_of_birth"):
            if not c.get(name):
                out.append(_err("intake.required", "a value is required when relationship "
                                "is not 18 (self)", file, row, name))
    return out


def _cross_session(c: dict, row: int, file: str, today: dt.date | None) -> list[Finding]:
    out = []
    start, end = c.get("start_time"), c.get("end_time")
    if start and end and end <= start:
        out.append(_err("intake.invalid", "expected an end time after start_time",
                        file, row, "end_time"))
    codes: list[str] = []
    for code in c["diagnoses"]:
        try:
            dotted = check_diagnosis(code)
        except DiagnosisProblem as problem:
            out.append(_err("intake.diagnosis", str(problem), file, row, "diagnoses"))
            continue
        if dotted in codes:
            out.append(_err("intake.diagnosis", f"{dotted!r} is listed twice", file, row,
                            "diagnoses", "each code once"))
        codes.append(dotted)
    if len(c["diagnoses"]) > f.MAX_DIAGNOSES:
        out.append(_err("intake.diagnosis", f"{len(c['diagnoses'])} codes given", file, row,
                        "diagnoses", f"at most {f.MAX_DIAGNOSES} (837P HI segment)"))
    if out:
        return out
    c["diagnoses"] = tuple(codes)
    for name in ("interactive_complexity", "instruments"):
        if name in c:
            c[name] = tuple(c[name])
    if "total_minutes" not in c:
        if c.get("minutes"):
            c["total_minutes"] = sum(c["minutes"].values())
        elif start and end:
            c["total_minutes"] = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return out


_CROSS = {"patients": _cross_patient, "coverages": _cross_coverage, "sessions": _cross_session}
