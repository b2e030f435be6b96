"""End to end: claims read from the database, turned into snapshots and scrubbed.

For n generated claims of one practice in a fresh test database (PostgreSQL when
DATABASE_URL points at it, else a temporary SQLite file) -- 3 payers, 12 clinicians (two
associates with a supervisor), n/8 patients with coverages, eligibility answers,
authorizations and Part 2 consents, a session per claim (in person, video, audio-only),
one to three lines per claim (E/M + add-on, 90785, history on the same dates) -- it times,
in the same run:
  (a) lower bound: the pure engine (bh-core) over the snapshots already in memory;
  (b) building the snapshots from the database (``app.scrubbing.snapshots``);
  (c) ``iter_scrub`` without storing: read + build + scrub, the figure for issue 9;
  (d) ``iter_scrub`` storing a ScrubRun per claim with its audit event (what the CLI and
      the readiness gate do).
Timings are wall clock (the database is another process) and this process's CPU time (less
noisy on a shared machine); reported, never asserted.
Run: ``python -m benchmarks bench_scrub_db``; ``BENCH_SCRUB_CLAIMS`` sets n (default
100,000 on PostgreSQL, 10,000 on SQLite).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path

DOS0 = dt.date(2026, 6, 1)
TODAY = dt.date(2026, 9, 10)
FEES = {"90791": "200.00", "90834": "150.00", "90837": "190.00", "90785": "30.00",
        "99214": "160.00", "90836": "110.00", "H0004": "25.00"}
# (codes, minutes by activity, modality, patient location, service type, POS)
SHAPES = (
    (("90834",), {"psychotherapy": 45}, "in_person", "clinic", "psychotherapy", "11"),
    (("90837",), {"psychotherapy": 55}, "video", "home", "psychotherapy", "10"),
    (("99214", "90836"), {"psychotherapy": 40, "em": 25}, "in_person", "clinic", "psychotherapy", "11"),
    (("90791", "90785"), {"evaluation": 60}, "in_person", "clinic", "intake_evaluation", "11"),
    (("90837",), {"psychotherapy": 50}, "audio_only", "home", "psychotherapy", "10"),
    (("H0004",), {"counseling": 60}, "in_person", "clinic", "sud_individual", "57"),
)


def _world(n: int):
    from bhbilling.app import models as m

    co = m.BillingCompany.objects.create(name="Bench Billing", slug="bench-scrub")
    practice = m.Practice.unscoped.create(
        company=co, name="Bench Practice", legal_name="Bench Practice PLLC", tin="261234567",
        npi="1234567893", taxonomy="261QM0801X", address_line1="12 Main St", city="Albany",
        state="NY", postal_code="122071234", part2_program=True)
    loc = m.Location.unscoped.create(practice=practice, name="Main", address_line1="12 Main St",
                                     city="Albany", state="NY", postal_code="122071234")
    payers = [m.Payer.unscoped.create(company=co, name=name, payer_id=pid, kind=kind, timely_filing_days=tf)
              for name, pid, kind, tf in (("Acme", "ACME1", "commercial", 180),
                                          ("State Medicaid", "MCD01", "medicaid", 365),
                                          ("Medicare", "MCR01", "medicare", 365))]
    from bhbilling.kernel.ids import npi_check_digit

    def npi(i: int) -> str:
        body = f"1{500000 + i:08d}"
        return body + str(npi_check_digit(body))

    providers = m.Provider.unscoped.bulk_create([
        m.Provider(practice=practice, first_name="P", last_name=f"N{i}", npi=npi(i), taxonomy="1041C0700X",
                   credential="ASSOCIATE" if i >= 10 else ("MD" if i < 2 else "LCSW")) for i in range(12)])
    for p in providers[10:]:
        p.supervisor_id = providers[2].pk
    m.Provider.unscoped.bulk_update(providers[10:], ["supervisor"])
    m.ProviderLicense.unscoped.bulk_create([
        m.ProviderLicense(practice=practice, provider=p, state="NY", number=f"L{p.pk}",
                          kind=p.credential, issued_on=dt.date(2015, 1, 1),
                          expires_on=dt.date(2027, 12, 31)) for p in providers])
    m.ProviderEnrollment.unscoped.bulk_create([
        m.ProviderEnrollment(practice=practice, provider=p, payer=y, status="enrolled",
                             effective_from=dt.date(2020, 1, 1)) for p in providers for y in payers])
    sched = m.FeeSchedule.unscoped.create(practice=practice, name="std", effective_from=dt.date(2026, 1, 1))
    m.FeeScheduleRate.unscoped.bulk_create([m.FeeScheduleRate(practice=practice, schedule=sched, code=c,
                                                              charge=Decimal(v)) for c, v in FEES.items()])
    n_patients = max(n // 8, 1)
    patients = m.Patient.unscoped.bulk_create([
        m.Patient(practice=practice, account_number=f"A{i}", first_name="F", last_name=f"L{i}",
                  date_of_birth=dt.date(1980, 1, 1)) for i in range(n_patients)], batch_size=2000)
    coverages = m.Coverage.unscoped.bulk_create([
        m.Coverage(practice=practice, patient=p, payer=payers[i % 3], member_id=f"M{i:08d}",
                   starts_on=dt.date(2026, 1, 1)) for i, p in enumerate(patients)], batch_size=2000)
    when = dt.datetime(2026, 5, 30, 9, tzinfo=dt.UTC)
    m.EligibilityCheck.unscoped.bulk_create([
        m.EligibilityCheck(practice=practice, patient_id=c.patient_id, coverage=c, payer_id=c.payer_id,
                           service_date=DOS0, checked_at=when, status="active",
                           summary={"visit_limit": {"limit": 30, "used": i % 5},
                                    "authorization_required": i % 7 == 0})
        for i, c in enumerate(coverages) if i % 2 == 0], batch_size=2000)
    m.Authorization.unscoped.bulk_create([
        m.Authorization(practice=practice, patient_id=c.patient_id, payer_id=c.payer_id, number=f"AU{i}",
                        codes=["group:psychotherapy"], units_approved=Decimal(12), starts_on=DOS0,
                        ends_on=dt.date(2026, 12, 31)) for i, c in enumerate(coverages) if i % 7 == 0])
    m.Consent.unscoped.bulk_create([
        m.Consent(practice=practice, patient_id=c.patient_id, recipient="the patient's health plans",
                  purpose="payment", scope="billing", signed_on=dt.date(2026, 1, 2),
                  effective_from=dt.date(2026, 1, 2)) for i, c in enumerate(coverages) if i % 3 == 0])
    sessions = m.ClinicalSession.unscoped.bulk_create([
        m.ClinicalSession(practice=practice, patient_id=patients[i % n_patients].pk,
                          provider_id=providers[i % 12].pk, location=loc,
                          date_of_service=DOS0 + dt.timedelta(days=(i // n_patients) * 4 + i % 3),
                          service_type=SHAPES[i % 6][4], minutes=SHAPES[i % 6][1], modality=SHAPES[i % 6][2],
                          patient_location=SHAPES[i % 6][3], diagnoses=["F10.20" if i % 6 == 5 else "F33.1"])
        for i in range(n)], batch_size=2000)
    claims = m.Claim.unscoped.bulk_create([
        m.Claim(practice=practice, patient_id=s.patient_id, coverage=coverages[i % n_patients],
                payer_id=coverages[i % n_patients].payer_id, rendering_provider_id=s.provider_id, session=s,
                patient_control_number=f"B{i:07d}", state="draft", place_of_service=SHAPES[i % 6][5],
                diagnoses=s.diagnoses,
                total_charge=sum(Decimal(FEES[c]) for c in SHAPES[i % 6][0]))
        for i, s in enumerate(sessions)], batch_size=2000)
    m.ClaimLine.unscoped.bulk_create([
        m.ClaimLine(practice=practice, claim=c, line_number=k, code=code, charge=Decimal(FEES[code]),
                    modifiers=["95"] if SHAPES[i % 6][2] == "video" else
                    (["93"] if SHAPES[i % 6][2] == "audio_only" else []),
                    date_of_service=sessions[i].date_of_service, line_control_number=f"{c.pk}.{k}")
        for i, c in enumerate(claims) for k, code in enumerate(SHAPES[i % 6][0], 1)], batch_size=4000)
    return co, practice, len(claims)


def _timed(fn) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def _phases(company, practice, n: int) -> dict:
    from bhbilling.app.scrubbing import service
    from bhbilling.app.scrubbing.snapshots import iter_built
    from bhbilling.app.tenancy import scoped_to
    from bhbilling.domain.scrubbing import scrub, summarize
    from bhbilling.kernel.clock import FixedClock

    clock = FixedClock(TODAY)
    pack = service.current_pack()
    timed: dict[str, tuple[float, float]] = {}
    with scoped_to(company.pk, practice.pk):
        ids = service.open_claim_ids()  # patient by patient, as the CLI scrubs them
        snapshots, *timed["build"] = _timed(
            lambda: [b.snapshot for b in iter_built(practice.pk, ids, as_of=TODAY)])
        for s in snapshots[:500]:  # warm the plan cache, NCCI tables and code set, as a running app is
            scrub(s, pack)
        pure, *timed["pure"] = _timed(lambda: [scrub(s, pack) for s in snapshots])
        snapshots.clear()  # free the memory before the end-to-end runs
        results, *timed["e2e"] = _timed(
            lambda: [s.result for s in service.iter_scrub(ids, clock=clock, store=False)])
        stored, *timed["store"] = _timed(
            lambda: sum(1 for _ in service.iter_scrub(ids, clock=clock, store=True)))
    assert [r.findings for r in results] == [r.findings for r in pure] and stored == len(ids) == n
    summary = summarize(results)
    return {"timed": timed, "clean_rate": str(summary.clean_rate),
            "findings": summary.errors + summary.warnings}


def _measure(n: int, tmp: Path) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    test = connection.settings_dict.setdefault("TEST", {})
    sqlite = connection.vendor == "sqlite"
    test["NAME"] = str(tmp / "bench.sqlite3") if sqlite else f"bench_scrub_{os.getpid()}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        company, practice, _ = _world(n)
        if not sqlite:
            with connection.cursor() as cursor:  # planner statistics, as a live database has them
                cursor.execute("ANALYZE")
        setup_s = time.perf_counter() - start
        return {"vendor": connection.vendor, "setup_s": setup_s, **_phases(company, practice, n)}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


LABELS = (("pure", "(a) pure scrub, in memory  "), ("build", "(b) build snapshots from DB"),
          ("e2e", "(c) read + build + scrub   "), ("store", "(d) ... + store runs, audit"))


def run(n: int | None = None) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhbilling.app.settings")
    pg = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    n = n or int(os.environ.get("BENCH_SCRUB_CLAIMS", "100000" if pg else "10000"))
    with tempfile.TemporaryDirectory() as tmpdir:
        f = _measure(n, Path(tmpdir))
    t = f["timed"]
    print(f"bench_scrub_db: {n:,} claims on {f['vendor']} (data set up in {f['setup_s']:.1f} s); "
          "wall clock | this process's CPU")
    for key, label in LABELS:
        wall, cpu = t[key]
        print(f"  {label} {wall:8.2f} s {n / wall:9,.0f} claims/s | {cpu:8.2f} s {n / cpu:9,.0f} /s")
    return {"claims": n, "database": f["vendor"],
            "pure scrub claims/s (lower bound)": round(n / t["pure"][0]),
            "build snapshots from DB seconds": round(t["build"][0], 2),
            "read+build+scrub seconds": round(t["e2e"][0], 2),
            "read+build+scrub claims/s": round(n / t["e2e"][0]),
            "read+build+scrub claims per CPU second": round(n / t["e2e"][1]),
            "with stored runs and audit seconds": round(t["store"][0], 2),
            "clean rate": f["clean_rate"], "findings": f["findings"]}


if __name__ == "__main__":
    run()
