"""``bhbilling code``: propose claim lines for sessions, from a file or from the database.

- ``bhbilling code FILE --practice ID_OR_NPI [--json]`` reads sessions in the import format
  (docs/import-formats.md), checks them with ``domain.intake`` like an import, resolves the
  patient, provider and location in the practice's scope, and codes each one WITHOUT
  writing anything: a what-if for an EHR export. ``--json`` prints one JSON object per
  session and line of output; otherwise a table per session. Bad rows -> findings on stderr,
  exit 2.
- ``bhbilling code --sessions --practice ID [--from DATE --to DATE]`` stores a proposal for
  each stored session in the range (a coder then accepts or changes it), with a progress bar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.findings import Finding

ACTOR = "cli:code"
SHOWN_FINDINGS = 200


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("code", help="propose claim lines (codes, modifiers, units) for sessions",
                       description="Code sessions from a file (nothing is written) or propose "
                                   "coding for stored sessions (--sessions).")
    p.add_argument("file", type=Path, nargs="?", metavar="FILE",
                   help="sessions as .jsonl or .csv (docs/import-formats.md)")
    p.add_argument("--practice", required=True, metavar="ID_OR_NPI",
                   help="the practice's id or its type-2 NPI")
    p.add_argument("--json", action="store_true", help="one JSON object per session")
    p.add_argument("--sessions", action="store_true",
                   help="propose for the practice's stored sessions instead of a file")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from bhbilling.app.tenancy import scoped_to

    if args.sessions == (args.file is not None):
        raise BhBillingError("give either a FILE of sessions or --sessions, not both or neither")
    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.id):
        if args.sessions:
            return _propose_stored(args, practice)
        return _code_file(args, practice)


def _print_findings(file: str, findings: list[Finding]) -> None:
    errors = sum(1 for f in findings if f.is_error)
    print(f"{file}: cannot code the file ({errors} error(s)); nothing was written",
          file=sys.stderr)
    for finding in findings[:SHOWN_FINDINGS]:
        print(f"  {finding.severity}: {finding}", file=sys.stderr)
    if len(findings) > SHOWN_FINDINGS:
        print(f"  ... and {len(findings) - SHOWN_FINDINGS} more finding(s)", file=sys.stderr)


def _resolve(records, file: str):
    """Unsaved ClinicalSession objects for the records, or findings for missing references."""
    from bhbilling.app.models import ClinicalSession, Location, Patient, Provider

    patients = {p.account_number: p for p in
                Patient.objects.filter(account_number__in={r.account_number for r in records})}
    providers = {p.npi: p for p in Provider.objects.select_related("supervisor")
                 .filter(npi__in={r.provider_npi for r in records})}
    locations: dict[str, list] = {}
    for loc in Location.objects.all():
        locations.setdefault(loc.name.strip().lower(), []).append(loc)
    sessions, findings = [], []

    def missing(row: int, fld: str, message: str) -> None:
        findings.append(Finding("import.reference", message, file=file, row=row, field=fld))

    for r in records:
        patient, provider = patients.get(r.account_number), providers.get(r.provider_npi)
        location = None
        if patient is None:
            missing(r.row, "account_number", "no patient with this account number in the practice")
        if provider is None:
            missing(r.row, "provider_npi", f"no provider with NPI {r.provider_npi!r} in the practice")
        if r.location:
            found = locations.get(r.location.lower(), [])
            if len(found) != 1:
                missing(r.row, "location", f"not exactly one location named {r.location!r}")
            else:
                location = found[0]
        if patient is None or provider is None or (r.location and location is None):
            continue
        sessions.append(ClinicalSession(
            practice_id=patient.practice_id, patient=patient, provider=provider,
            location=location, external_id=r.external_id, date_of_service=r.date_of_service,
            start_time=r.start_time, end_time=r.end_time, service_type=r.service_type,
            status=r.status, minutes=dict(r.minutes), total_minutes=r.total_minutes,
            modality=r.modality, patient_location=r.patient_location,
            diagnoses=list(r.diagnoses), note_signed=r.note_signed,
            interactive_complexity=list(r.interactive_complexity), group_size=r.group_size,
            instruments=list(r.instruments)))
    return sessions, findings


def _code_file(args: argparse.Namespace, practice) -> int:
    from bhbilling.app import coding
    from bhbilling.domain.coding import code_session
    from bhbilling.domain.intake import format_for, read_rows, validate_rows
    from bhbilling.kernel.clock import SystemClock

    name = args.file.name
    fmt = format_for(name)
    if fmt is None:
        raise BhBillingError(f"{name}: cannot tell the format; expected .jsonl, .ndjson or .csv")
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise BhBillingError(f"{name}: cannot read the file ({exc.strerror})") from None
    read = read_rows(data, fmt, file=name)
    records, findings = validate_rows("sessions", read.rows, file=name, columns=read.columns,
                                      today=SystemClock().today())
    findings = read.findings + findings
    if not any(f.is_error for f in findings):
        sessions, missing = _resolve(records, name)
        findings += missing
    if any(f.is_error for f in findings):
        _print_findings(name, findings)
        return 2
    for session in sessions:
        ctx = coding.build_context(session)
        result = coding.result_to_dict(code_session(ctx))
        out = {"external_id": session.external_id, "payer_profile": ctx.payer.name,
               "payer_profile_version": ctx.payer.version, "lines": result["lines"],
               "reasons": result["reasons"], "warnings": result["warnings"],
               "diagnoses": result["diagnoses"]}
        if args.json:
            sys.stdout.write(json.dumps(out, sort_keys=True) + "\n")
        else:
            _print_table(out)
    return 0


def _print_table(out: dict) -> None:
    table = Table(title=f"Session {out['external_id']} · {out['payer_profile']} "
                        f"{out['payer_profile_version']}")
    for col in ("code", "what", "modifiers", "units", "POS", "dx", "charge"):
        table.add_column(col, justify="right" if col in {"units", "charge"} else "left")
    for ln in out["lines"]:
        table.add_row(ln["code"], ln["label"], " ".join(ln["modifiers"]), ln["units"],
                      ln["place_of_service"], ",".join(map(str, ln["diagnosis_pointers"])),
                      ln["charge"] or "-")
    console.print(table)
    for note in out["reasons"]:
        console.print(f"  {note['rule']}: {note['text']}", markup=False, highlight=False)
    for note in out["warnings"]:
        console.print(f"  warning {note['rule']}: {note['text']}", markup=False, highlight=False)


def _propose_stored(args: argparse.Namespace, practice) -> int:
    from bhbilling.app import coding
    from bhbilling.app.models import ClinicalSession

    rows = ClinicalSession.objects.select_related("provider__supervisor", "location")
    if args.date_from:
        rows = rows.filter(date_of_service__gte=args.date_from)
    if args.date_to:
        rows = rows.filter(date_of_service__lte=args.date_to)
    rows = rows.order_by("date_of_service", "id")
    with progress(transient=True) as bar:
        task = bar.add_task("coding sessions", total=None)
        summary = coding.propose_many(
            rows, actor=ACTOR,
            progress=lambda done, total: bar.update(task, completed=done, total=total))
    for session_id, message in summary.failures:
        err_console.print(f"session {session_id}: {message}", markup=False, highlight=False)
    console.print(f"Proposed coding for {len(summary.decisions)} session(s) of {practice.name}"
                  + (f"; {len(summary.failures)} could not be coded" if summary.failures else ""),
                  markup=False, highlight=False)
    return 2 if summary.failures else 0
