"""How fast is a patient import, against the floor of merely parsing the CSV?

Measures, for n generated patient rows:
  (a) csv.DictReader over the file: the lower bound any importer pays;
  (b) intake read + validation only (the pure domain, no database);
  (c) the full import (validate, resolve, bulk_create, audit events) into a fresh test
      database made by Django's test utilities (a temporary SQLite file when the configured
      database is SQLite);
  (d) re-importing the same file (every row found and compared, nothing written but audit).

Run: ``python -m benchmarks.bench_import`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from pathlib import Path

COLUMNS = ("account_number,first_name,middle_name,last_name,date_of_birth,sex,ssn,phone,email,"
           "address_line1,address_line2,city,state,postal_code,active")


def make_patients_csv(path: Path, n: int) -> None:
    """n valid, synthetic patients (no real people)."""
    lines = [COLUMNS]
    for i in range(n):
        lines.append(
            f"P{i:07d},First{i},,Last{i},19{50 + i % 50}-{i % 12 + 1:02d}-{i % 28 + 1:02d},"
            f"{'FMU'[i % 3]},,518555{i % 10000:04d},p{i}@example.com,{i} Main St,,Albany,NY,"
            f"12207,true"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _time(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _dictreader_pass(path: Path) -> int:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def _validate_only(path: Path) -> int:
    from bhbilling.domain.intake import read_rows, validate_rows

    read = read_rows(path.read_bytes(), "csv", file=path.name)
    records, findings = validate_rows("patients", read.rows, file=path.name, columns=read.columns)
    if findings:
        raise RuntimeError(f"benchmark data is invalid: {findings[0]}")
    return len(records)


def _full_import(path: Path, tmp: Path) -> tuple[float, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhbilling.app.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bhbilling.app.imports import import_file
    from bhbilling.app.models import BillingCompany, Practice
    from bhbilling.app.tenancy import scoped_to

    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        company = BillingCompany.objects.create(name="Bench Billing", slug="bench")
        practice = Practice.unscoped.create(
            company=company, name="Bench Practice", legal_name="Bench Practice PLLC",
            tin="261234567", npi="1234567893", taxonomy="103T00000X")
        with scoped_to(company.id, practice.id):
            first, result = _time(lambda: import_file(
                "patients", path, practice_id=practice.id, actor="bench"))
            again, result2 = _time(lambda: import_file(
                "patients", path, practice_id=practice.id, actor="bench"))
        if result.created == 0 or result2.unchanged != result.created:
            raise RuntimeError("benchmark import did not create, then find, every row")
        return first, again
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run(n: int = 5000) -> dict:
    """Time (a)-(d) for n rows; returns seconds and rows per second for each."""
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        path = tmp / "patients.csv"
        make_patients_csv(path, n)
        results: dict[str, dict[str, float]] = {}
        for label, fn in (("a_csv_dictreader", lambda: _dictreader_pass(path)),
                          ("b_validate_only", lambda: _validate_only(path))):
            seconds, rows = _time(fn)
            if rows != n:
                raise RuntimeError(f"{label} saw {rows} rows, expected {n}")
            results[label] = {"seconds": seconds, "rows_per_second": n / seconds}
        first, again = _full_import(path, tmp)
        results["c_full_import"] = {"seconds": first, "rows_per_second": n / first}
        results["d_reimport_unchanged"] = {"seconds": again, "rows_per_second": n / again}
    print(f"bench_import: {n} patient rows")
    print(f"  {'step':<24}{'seconds':>10}{'rows/s':>12}{'x floor':>10}")
    floor = results["a_csv_dictreader"]["seconds"]
    for label, r in results.items():
        print(f"  {label:<24}{r['seconds']:>10.3f}{r['rows_per_second']:>12,.0f}"
              f"{r['seconds'] / floor:>10.1f}")
    return {"n": n, **results}


if __name__ == "__main__":
    run()
