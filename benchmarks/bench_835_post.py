"""How fast does an 835 import and post, against the floor of only reading the file?

For a generated, balanced 835 of n claims (two lines each, REF*6R on every line) over n
submitted claims already in a fresh test database (PostgreSQL when DATABASE_URL is set,
else a temporary SQLite file):
  (a) read_835 of the file: the floor any importer pays (no database);
  (b) import_remittance_file: checks, matching, entries, claim states, denials, in one
      transaction;
  (c) the same file again: recognised by its hash, nothing posted.

Run: ``python -m benchmarks bench_835_post`` (``BENCH_835_CLAIMS`` sets n, default 10,000).
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ISA = ("ISA*00*          *00*          *ZZ*PAYERID        *ZZ*SUBMITTERID    *260601*1200*^*00501"
       "*000000001*0*P*:~")
NPI = "1234567893"


def matched_835(n: int) -> bytes:
    claims: list[str] = []
    for i in range(n):
        claims += [f"CLP*B{i:07d}*1*300*185*25*12*ICN{i:09d}*11*1",
                   "NM1*QC*1*DOE*JANE****MI*W123456789", "DTM*232*20260515",
                   "SVC*HC:90837:95*200*150**1", "DTM*472*20260515", "CAS*CO*45*27.5",
                   "CAS*PR*2*22.5", f"REF*6R*B{i:07d}.1",
                   "SVC*HC:90785*100*35**1", "DTM*472*20260515", "CAS*CO*45*52.5", "CAS*PR*3*12.5",
                   f"REF*6R*B{i:07d}.2"]
    paid = Decimal(185) * n
    head = [f"BPR*I*{paid}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321"
            "*20260601", "TRN*1*BENCH1*1512345678", "N1*PR*PAYER", "N3*1 MAIN ST",
            "N4*CITY*ST*12345", "PER*BL*EDI*TE*8005551212", f"N1*PE*CLINIC*XX*{NPI}", "LX*1"]
    segs = ["ST*835*0001", *head, *claims]
    segs.append(f"SE*{len(segs) + 1}*0001")
    text = ISA + "GS*HP*PAYERID*SUBMITTERID*20260601*1200*1*X*005010X221A1~"
    return (text + "~\n".join(segs) + "~\nGE*1*1~\nIEA*1*000000001~\n").encode()


def _claims(n: int):
    import datetime as dt

    from bhbilling.app import models as m

    company = m.BillingCompany.objects.create(name="Bench Billing", slug="bench")
    practice = m.Practice.unscoped.create(
        company=company, name="Bench Practice", legal_name="Bench Practice PLLC",
        tin="261234567", npi=NPI, taxonomy="103T00000X")
    payer = m.Payer.unscoped.create(company=company, name="Payer", payer_id="1512345678",
                                    kind="commercial")
    provider = m.Provider.unscoped.create(practice=practice, first_name="A", last_name="B",
                                          npi="1245319599", taxonomy="1041C0700X",
                                          credential="LCSW")
    patient = m.Patient.unscoped.create(practice=practice, account_number="X1", first_name="Jane",
                                        last_name="Doe", date_of_birth=dt.date(1990, 1, 1))
    cov = m.Coverage.unscoped.create(practice=practice, patient=patient, payer=payer,
                                     member_id="W123456789", starts_on=dt.date(2026, 1, 1))
    day = dt.date(2026, 5, 15)
    claims = m.Claim.unscoped.bulk_create([
        m.Claim(practice=practice, patient=patient, coverage=cov, payer=payer,
                rendering_provider=provider, patient_control_number=f"B{i:07d}",
                state="submitted", total_charge=300, diagnoses=["F41.1"]) for i in range(n)],
        batch_size=2000)
    m.ClaimLine.unscoped.bulk_create([
        m.ClaimLine(practice=practice, claim=c, line_number=k, code=code, charge=charge,
                    modifiers=mods, date_of_service=day,
                    line_control_number=f"{c.patient_control_number}.{k}")
        for c in claims for k, code, charge, mods in ((1, "90837", 200, ["95"]),
                                                      (2, "90785", 100, []))], batch_size=4000)
    return company, practice


def _post(data: bytes, n: int, tmp: Path) -> tuple[float, float, str]:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bhbilling.app.remittance.importer import import_remittance_file
    from bhbilling.app.tenancy import scoped_to

    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        company, practice = _claims(n)
        with scoped_to(company.pk, practice.pk):
            start = time.perf_counter()
            report = import_remittance_file(practice, data, "bench.835")
            first = time.perf_counter() - start
            if report.status != "posted" or report.totals.claims_matched != n:
                raise RuntimeError(f"benchmark import did not post every claim: {report}")
            start = time.perf_counter()
            again = import_remittance_file(practice, data, "bench.835")
            second = time.perf_counter() - start
            if again.status != "duplicate":
                raise RuntimeError("the second import was not recognised")
        return first, second, connection.vendor
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def run(n: int | None = None) -> dict:
    n = n or int(os.environ.get("BENCH_835_CLAIMS", "10000"))
    data = matched_835(n)
    from bhbilling.x12.remit835 import read_835

    start = time.perf_counter()
    [rem] = list(read_835(io.BytesIO(data), file_name="bench.835"))
    read_s = time.perf_counter() - start
    assert len(rem.claims) == n
    with tempfile.TemporaryDirectory() as tmpdir:
        post_s, again_s, vendor = _post(data, n, Path(tmpdir))
    print(f"bench_835_post: {n} claims on {vendor}")
    print(f"  (a) read only        {read_s:8.2f} s  {n / read_s:10,.0f} claims/s")
    print(f"  (b) import and post  {post_s:8.2f} s  {n / post_s:10,.0f} claims/s  "
          f"x{post_s / read_s:.1f} the read")
    print(f"  (c) same file again  {again_s:8.3f} s")
    return {"n": n, "database": vendor, "read_seconds": read_s, "post_seconds": post_s,
            "post_claims_per_second": n / post_s, "reimport_seconds": again_s}


if __name__ == "__main__":
    run()
