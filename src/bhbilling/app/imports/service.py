"""`import_file`: validate a whole EHR export, then write it all or nothing.

Model:
- Three passes: read (bytes -> numbered rows), validate (pure domain rules, every row),
  resolve (references through the tenant-scoped managers). Only when no pass found an error
  does anything touch the database, and then everything happens in one
  `transaction.atomic()`: a failure half-way (a constraint, a lost connection) rolls back
  the rows *and* their audit events, so a rejected import leaves no trace but its findings.
- The caller must already act for the practice (`scoped_to(company, practice)`): the
  importer refuses to run under another practice's scope rather than quietly switching.
- Writes are `bulk_create`/`bulk_update` in batches; bulk writes fire no signals, so the
  importer appends the audit events itself: one per created or updated row, and one
  "import" event with the row count and the file's SHA-256 (never values, 45 CFR 164.312(b)).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.imports.plans import PLANNERS, Plan, stamp_updates
from bhbilling.app.tenancy import require_scope
from bhbilling.domain.intake import KINDS, Format, format_for, read_rows, validate_rows
from bhbilling.kernel.clock import Clock, SystemClock
from bhbilling.kernel.errors import BhBillingError, ImportRejected, TenantScopeError
from bhbilling.kernel.findings import Finding

__all__ = ["BATCH_SIZE", "ImportResult", "import_file"]

BATCH_SIZE = 500
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did (or, for a dry run, would do); `findings` holds warnings only."""

    kind: str
    file: str
    rows: int
    created: int
    updated: int
    unchanged: int
    file_sha256: str
    dry_run: bool = False
    findings: list[Finding] = field(default_factory=list)


def _reject(file: str, findings: list[Finding]) -> ImportRejected:
    errors = sum(1 for f in findings if f.is_error)
    return ImportRejected(f"{file}: import rejected, nothing was written ({errors} error(s))",
                          findings)


def import_file(kind: str, path: str | Path, *, practice_id: int, actor: object = None,
                dry_run: bool = False, fmt: Format | None = None, clock: Clock | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Import patients, coverages or sessions from a CSV or JSON Lines file.

    Raises ImportRejected (with every finding) when any row has an error; then nothing is
    written. `fmt` defaults from the extension (.csv, .jsonl, .ndjson).
    """
    if kind not in KINDS:
        raise BhBillingError(f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    scope = require_scope(practice=True)
    if scope.practice_id != practice_id:
        raise TenantScopeError("the import's practice is not the practice in scope")
    path = Path(path)
    name = path.name
    fmt = fmt or format_for(name)
    if fmt is None:
        raise ImportRejected(f"{name}: cannot tell the format", [Finding(
            "intake.format", "unknown file extension", file=name,
            expected="a .csv, .jsonl or .ndjson file, or an explicit format")])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BhBillingError(f"{name}: cannot read the file ({exc.strerror})") from None
    digest = hashlib.sha256(data).hexdigest()
    report = progress or (lambda stage, done, total: None)

    read = read_rows(data, fmt, file=name)
    total = len(read.rows)
    report("validating", 0, total)
    today = (clock or SystemClock()).today()
    records, findings = validate_rows(kind, read.rows, file=name, columns=read.columns,
                                      today=today)
    findings = read.findings + findings
    report("validating", total, total)
    if any(f.is_error for f in findings):
        raise _reject(name, findings)

    plan = PLANNERS[kind](records, practice_id, name)
    findings += plan.findings
    if any(f.is_error for f in findings):
        raise _reject(name, findings)

    result = ImportResult(kind=kind, file=name, rows=len(records), created=len(plan.create),
                          updated=len(plan.update), unchanged=plan.unchanged,
                          file_sha256=digest, dry_run=dry_run, findings=findings)
    if not dry_run:
        _write(plan, kind, result, actor, practice_id, report)
    return result


def _write(plan: Plan, kind: str, result: ImportResult, actor: object, practice_id: int,
           report: Progress) -> None:
    stamp_updates(plan)
    manager = plan.model.objects
    total = len(plan.create) + len(plan.update)
    done = 0
    report("writing", 0, total)
    with transaction.atomic():
        for i in range(0, len(plan.update), BATCH_SIZE):
            batch = plan.update[i:i + BATCH_SIZE]
            manager.bulk_update(batch, sorted(plan.update_fields))
            done += len(batch)
            report("writing", done, total)
        for i in range(0, len(plan.create), BATCH_SIZE):
            batch = plan.create[i:i + BATCH_SIZE]
            manager.bulk_create(batch)
            done += len(batch)
            report("writing", done, total)
        if plan.create:
            audit.record_many("create", plan.create, actor=actor, detail={"via": "import"})
        if plan.update:
            audit.record_many("update", plan.update, actor=actor,
                              detail={"via": "import", "fields": sorted(plan.update_fields)})
        audit.record("import", None, actor=actor, object_type=kind, practice_id=practice_id,
                     detail={"rows": result.rows, "created": result.created,
                             "updated": result.updated, "unchanged": result.unchanged,
                             "file": result.file, "file_sha256": result.file_sha256})
