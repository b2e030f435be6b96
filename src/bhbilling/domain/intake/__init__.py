"""Intake: read and check the patients, coverages and sessions an EHR exports.

Pure rules only (no Django): `readers.read_rows` turns CSV or JSON Lines bytes into numbered
row dicts, `validate.validate_rows` turns those into frozen records or located findings.
The Django adapter (bhbilling.app.imports) resolves references and writes in one transaction.
"""

from bhbilling.domain.intake.readers import (
    FORMATS,
    Format,
    RawRow,
    ReadResult,
    format_for,
    read_rows,
)
from bhbilling.domain.intake.records import CoverageRecord, PatientRecord, Record, SessionRecord
from bhbilling.domain.intake.validate import KINDS, Kind, check_columns, validate_row, validate_rows

__all__ = [
    "FORMATS", "KINDS", "CoverageRecord", "Format", "Kind", "PatientRecord", "RawRow",
    "ReadResult", "Record", "SessionRecord", "check_columns", "format_for", "read_rows",
    "validate_row", "validate_rows",
]
