"""Billed charges against the estimate (per provider, $400.00 edges) and the scrubber's
PRIV-GFE rules seeing whether an issued estimate covers a self-pay claim's service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.estimates import billed_vs_estimate, create_estimate, filtered, issue
from bhbilling.app.scrubbing import service
from bhbilling.app.scrubbing.snapshots import build_snapshots
from bhbilling.kernel.clock import FixedClock
from tests import builders as b

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2025, 12, 20, 12, 0, tzinfo=dt.UTC)
TODAY = D(2026, 3, 20)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    monkeypatch.setattr(service, "CLOCK", FixedClock(TODAY))
    x = type("World", (), {})()
    x.practice = tenant.a
    x.payer = b.payer(tenant.company, name="Acme Health")
    b.fee_schedule(x.practice, None, {("90834", ""): "100.00", ("90837", ""): "140.00"},
                   effective_from=D(2025, 1, 1))
    x.provider = b.provider(x.practice)
    x.other = b.provider(x.practice, first_name="Grace", last_name="Kim")
    b.licence(x.provider)
    b.scrub_clean(x.practice, [x.provider, x.other], [x.payer])
    x.patient = b.patient(x.practice, address_line1="9 Elm St", city="Troy", state="NY",
                          postal_code="12180")
    return x


YEAR_START, YEAR_END, GIVEN = D(2026, 1, 1), D(2026, 12, 31), D(2025, 12, 22)


def _estimate(w, provider=None, *, start=YEAR_START, end=YEAR_END, issued=GIVEN, patient=None):
    e = create_estimate(patient or w.patient, provider or w.provider, "scheduled", D(2025, 12, 19), start,
                        start, end, [("90834", [], 10)], ["F41.1"], now=NOW)
    return issue(e, issued) if issued else e


def _session(w, day, charge, *, provider=None, decided=True, **kw) -> m.ClinicalSession:
    s = b.session(w.patient, provider or w.provider, date_of_service=day, **kw)
    if charge is not None:
        m.CodingDecision.objects.create(
            practice=w.practice, session=s, status="accepted" if decided else "proposed",
            final=[{"code": "90837", "units": 1, "charge": charge, "place_of_service": "11"}]
            if decided else [], proposed={"lines": []})
    return s


def _claim(w, day, charge, *, payer=None, provider=None, state="draft", session=None) -> m.Claim:
    n = m.Claim.objects.count() + 1
    claim = m.Claim.objects.create(practice=w.practice, patient=w.patient, payer=payer,
                                   rendering_provider=provider or w.provider, session=session,
                                   patient_control_number=f"SP-{n}", total_charge=Decimal(charge),
                                   diagnoses=["F41.1"], state=state)
    m.ClaimLine.objects.create(practice=w.practice, claim=claim, line_number=1, code="90837",
                               charge=Decimal(charge), date_of_service=day,
                               line_control_number=f"SP-{n}.1")
    return claim


def test_billed_against_the_estimate_at_the_400_dollar_edges(w):
    e = _estimate(w)
    assert e.total == Decimal("1000.00")
    for week in range(9):                                       # 9 x 140.00 = 1,260.00
        _session(w, D(2026, 2, 2) + dt.timedelta(weeks=week), "140.00")
    _session(w, D(2026, 4, 6), "139.99")                         # 1,399.99
    # none of these count:
    _session(w, D(2026, 4, 7), "140.00", provider=w.other)       # another provider (per provider)
    _session(w, D(2027, 1, 4), "140.00")                         # after the period
    _session(w, D(2026, 4, 8), "140.00", status="cancelled")
    _session(w, D(2026, 4, 9), None)                             # not coded yet
    _session(w, D(2026, 4, 10), "140.00", decided=False)         # proposed, not decided
    insured = _session(w, D(2026, 4, 13), "140.00")
    _claim(w, D(2026, 4, 13), "140.00", payer=w.payer, session=insured)  # billed to a plan
    _claim(w, D(2026, 4, 14), "140.00", state="voided")          # a voided self-pay claim
    _claim(w, D(2026, 4, 15), "140.00", provider=w.other)        # another provider's claim
    b.coverage(w.patient, w.payer, starts_on=D(2026, 11, 1))
    _session(w, D(2026, 11, 10), "140.00")                       # insured from November

    c = billed_vs_estimate(e)
    assert (c.estimated, c.billed, c.difference, c.eligible) == (
        Decimal("1000.00"), Decimal("1399.99"), Decimal("399.99"), False)
    assert c.unpriced_sessions == 2 and len(c.items) == 10
    assert filtered("dispute", TODAY) == []

    _claim(w, D(2026, 6, 1), "0.01")                             # a self-pay claim line counts
    c = billed_vs_estimate(e)
    assert (c.billed, c.difference, c.eligible) == (Decimal("1400.00"), Decimal("400.00"), True)
    assert [r.estimate for r in filtered("dispute", TODAY)] == [e]

    _session(w, D(2026, 11, 12), "0.01", no_disclose=True)       # insured, but not billed to the plan
    c = billed_vs_estimate(e)
    assert (c.billed, c.difference, c.eligible) == (Decimal("1400.01"), Decimal("400.01"), True)
    assert [i.source.split()[0] for i in c.items].count("claim") == 1


def test_a_draft_estimate_is_not_on_the_dispute_list(w):
    e = _estimate(w, issued=None)
    for week in range(11):
        _session(w, D(2026, 2, 2) + dt.timedelta(weeks=week), "140.00")
    assert billed_vs_estimate(e).eligible is True
    assert filtered("dispute", TODAY) == []


def _rules(claim) -> dict[str, str]:
    [scrubbed] = service.scrub_claims([claim.pk], store=False)
    return {f.rule: f.message for f in scrubbed.result.findings}


def test_the_scrubber_sees_an_issued_estimate_covering_the_claims_service(w):
    claim = _claim(w, D(2026, 3, 2), "140.00")
    assert "no issued Good Faith Estimate from the rendering provider covers the service on 2026-03-02" \
        in _rules(claim)["PRIV-GFE-001"]
    _estimate(w, issued=None)                                         # a draft is not given
    _estimate(w, w.other)                                             # another provider's
    _estimate(w, start=D(2026, 3, 3), end=D(2026, 12, 31))            # starts after the service
    _estimate(w, patient=b.patient(w.practice))                       # another patient's
    assert "PRIV-GFE-001" in _rules(claim)
    [built] = build_snapshots(w.practice.pk, [claim.pk], as_of=TODAY)
    assert built.snapshot.patient.gfe_issued_on is None

    late = create_estimate(w.patient, w.provider, "request", D(2026, 3, 4), None, D(2026, 3, 1),
                           D(2027, 2, 28), [("90837", [], 40)], now=NOW)
    issue(late, D(2026, 3, 5))
    assert "issued 2026-03-05, after the service on 2026-03-02" in _rules(claim)["PRIV-GFE-001"]

    _estimate(w, start=D(2026, 2, 20), end=D(2027, 2, 19), issued=D(2026, 2, 20))
    [built] = build_snapshots(w.practice.pk, [claim.pk], as_of=TODAY)
    assert built.snapshot.patient.gfe_issued_on == D(2026, 2, 20)
    rules = _rules(claim)
    assert "PRIV-GFE-001" not in rules and "PRIV-GFE-002" not in rules
