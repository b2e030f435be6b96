"""Dashboard queries and the monthly PDF on a million claims in PostgreSQL (issue 7, "Speed").

Fills a separate database (``bhbilling_bench`` on postgres://postgres@127.0.0.1:5432, or
``BENCH_REPORTS_DATABASE_URL``) with ``benchmarks.report_world``: n claims over 20 practices,
6 payers and 12 clinicians each, 18 months, with lines, history, batches, 835 payments,
denials, appeals, write-offs and their ledger entries, loaded by COPY with triggers off
(``session_replication_role = replica``; the data is checked balanced by the smoke test).
A filled database with the same n is reused (``--fresh`` rebuilds it).

Then it times, for one practice (~n/20 claims) and for all practices, with the period May
2026 (the dashboard's default "last full month" for today = 2026-06-30): every KPI, the
12-month trend, top denial reasons, aging, work summary, the first page of every drill-down
(count + sum + 50 rows, as the drill page does), the whole dashboard page's figures, and the
monthly PDF. Lower bounds in the same run: ``SELECT count(*)`` of the same claims and one
SUM over their journal lines. Each figure is the best of 3 runs (1 run when over 2 s).

Run: ``python -m benchmarks.bench_reports --claims 100000`` (default 1,000,000), or
``python -m benchmarks bench_reports`` (``BENCH_REPORTS_CLAIMS``, ``BENCH_REPORTS_FRESH=1``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bhbilling_bench"
TODAY = dt.date(2026, 6, 30)
PERIOD = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))


def _ensure_database(url: str, fresh: bool) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _filled(claims: int):
    from django.db.models import Count

    from benchmarks.report_world import COMPANY_SLUG
    from bhbilling.app import models as m

    company = m.BillingCompany.objects.filter(slug=COMPANY_SLUG).first()
    if company is None:
        return None
    practices = list(m.Practice.unscoped.filter(company=company).order_by("id").values_list("id", flat=True))
    n = m.Claim.unscoped.filter(practice_id__in=practices).aggregate(n=Count("id"))["n"]
    return practices if n == claims else False


def _load(claims: int) -> tuple[list[int], float]:
    from django.db import connection
    from rich.progress import Progress

    from benchmarks.report_world import Plan, generate

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # no FK/balance triggers while loading
        cursor.execute("SET synchronous_commit = off")
    with Progress() as progress:
        task = progress.add_task(f"generating {claims:,} claims", total=claims)
        world = generate(
            Plan(claims=claims, today=TODAY), progress=lambda n: progress.update(task, completed=n)
        )
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("VACUUM ANALYZE")
    return world.practice_ids, time.perf_counter() - started


TIMEOUT_S = int(os.environ.get("BENCH_REPORTS_TIMEOUT", "120"))


def _time(fn: Callable[[], object]) -> float:
    """Best of 3 (1 run when over 2 s); inf when a statement passed the timeout."""
    from django.db import OperationalError, transaction

    best = None
    for _ in range(3):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                fn()
        except OperationalError:  # statement_timeout: too slow to wait for
            return float("inf")
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
        if took > 2:
            break
    return best


def _queries(f) -> dict[str, Callable[[], object]]:
    from django.db import connection

    from bhbilling.entrypoints.web.views.dashboard import drill_summary
    from bhbilling.reports import aging, denials, kpis, trend, work
    from bhbilling.reports.drilldown import PARTS, drilldown, is_drillable

    ids = ",".join(str(i) for i in f.practice_ids)

    def sql(text: str) -> Callable[[], object]:
        def go():
            with connection.cursor() as cursor:
                cursor.execute(text)
                return cursor.fetchall()

        return go

    def drill(key: str, part: str) -> Callable[[], object]:
        def go():
            claims = drilldown(f, key, part)
            drill_summary(f, key, part, claims)
            return list(claims.select_related("patient", "payer", "rendering_provider", "session")[:50])

        return go

    out: dict[str, Callable[[], object]] = {
        "lower bound: SELECT count(*) of the claims": sql(
            f"SELECT count(*) FROM billing_claim WHERE practice_id IN ({ids})"  # noqa: S608 (int ids)
        ),
        "lower bound: one SUM over their journal lines": sql(
            f"SELECT sum(debit - credit) FROM billing_journalline WHERE practice_id IN ({ids})"  # noqa: S608
        ),
    }
    out.update({f"kpi {key}": (lambda k=key: kpis.kpi(f, k)) for key in kpis.KPI_KEYS})
    out["all 15 KPIs (compute)"] = lambda: kpis.compute(f)
    out["trend, 12 months"] = lambda: trend.trend(f, 12)
    out["top denial reasons"] = lambda: denials.top_denial_reasons(f, 10)
    out["aging"] = lambda: aging.aging(f)
    out["work summary"] = lambda: work.work_summary(f)
    out.update(
        {
            f"drill {key}/{part}": drill(key, part)
            for key in kpis.KPI_KEYS
            for part in PARTS
            if is_drillable(key, part)
        }
    )
    return out


def _measure(claims: int, fresh: bool, url: str) -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhbilling.app.settings")
    _ensure_database(url, fresh)
    import django

    django.setup()
    from django.core.management import call_command

    from bhbilling.reports.filters import ReportFilters
    from bhbilling.reports.monthly import month_filters, render_monthly_pdf

    call_command("migrate", verbosity=0)
    practices, load_s = _filled(claims), 0.0
    if practices is False:  # filled with another size: start again
        from django.db import connections

        connections.close_all()
        _ensure_database(url, True)
        call_command("migrate", verbosity=0)
        practices = None
    if practices is None:
        practices, load_s = _load(claims)
    scopes = {
        "one practice": ReportFilters((practices[0],), *PERIOD, TODAY),
        "all practices": ReportFilters(tuple(practices), *PERIOD, TODAY),
    }
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = '{TIMEOUT_S}s'")
    rows: dict[str, dict[str, float]] = {}
    for scope, f in scopes.items():
        for name, fn in _queries(f).items():
            rows.setdefault(name, {})[scope] = _time(fn)
    pdf = month_filters(practices[0], PERIOD[0], TODAY)
    rows["monthly PDF (one practice)"] = {"one practice": _time(lambda: render_monthly_pdf(pdf))}
    return {"claims": claims, "practices": len(practices), "load_s": load_s, "rows": rows}


def _print(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    loaded = f"generated and loaded in {result['load_s']:.0f} s" if result["load_s"] else "reused"
    table = Table(
        title=f"bench_reports: {result['claims']:,} claims, {result['practices']} practices "
        f"({loaded}); seconds, best of 3; period {PERIOD[0]} to {PERIOD[1]}"
    )
    table.add_column("query")
    table.add_column("one practice", justify="right")
    table.add_column("all practices", justify="right")
    for name, times in result["rows"].items():
        cells = [
            f"> {TIMEOUT_S} s !"
            if times.get(s) == float("inf")
            else f"{times[s]:.3f}{' !' if times[s] > 1 else ''}"
            if s in times
            else ""
            for s in ("one practice", "all practices")
        ]
        table.add_row(name, *cells)
    Console().print(table)
    print("! = over the 1 s aim")


def _summary(result: dict) -> dict:
    rows = result["rows"]
    over = {
        f"{name} [{scope}]": round(t, 3)
        for name, times in rows.items()
        for scope, t in times.items()
        if t > 1
    }
    return {
        "claims": result["claims"],
        "load seconds": round(result["load_s"], 1),
        "slowest one practice": round(max(t.get("one practice", 0) for t in rows.values()), 3),
        "slowest all practices": round(max(t.get("all practices", 0) for t in rows.values()), 3),
        "monthly PDF seconds": round(rows["monthly PDF (one practice)"]["one practice"], 3),
        "over 1 s": len(over),
        **{f"over: {k}": v for k, v in over.items()},
    }


def run() -> dict:
    """Entry for ``python -m benchmarks``: in a child process when Django is already set up."""
    claims = int(os.environ.get("BENCH_REPORTS_CLAIMS", "1000000"))
    fresh = os.environ.get("BENCH_REPORTS_FRESH") == "1"
    url = os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_URL)
    from django.apps import apps

    if not apps.ready:
        result = _measure(claims, fresh, url)
        _print(result)
        return _summary(result)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(  # noqa: S603 (our own interpreter and module)
            [
                sys.executable,
                "-m",
                "benchmarks.bench_reports",
                "--claims",
                str(claims),
                "--json",
                out.name,
                *(["--fresh"] if fresh else []),
            ],
            check=True,
        )
        return json.load(open(out.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_REPORTS_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--json", help="also write the summary figures to this file")
    args = parser.parse_args(argv)
    result = _measure(args.claims, args.fresh, args.database_url)
    _print(result)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(_summary(result), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
