"""A/R aging from real postings: bucket edges on both bases, the insurance/patient split,
replacements aged from their original's submission, totals equal to the ledger, several
practices at once, and drill-downs that add up to their cells."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.corrections import replace_claim
from bhbilling.app.ledger import account_balances
from bhbilling.app.receivables.aging import aging_report, drill_down, open_claims
from bhbilling.domain.receivables.aging_table import NOT_SUBMITTED, PATIENT_ROW, Basis, GroupBy
from tests import builders as b
from tests.history import rewrite_history
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 6, 30)
EDGES = {30: "0_30", 31: "31_60", 60: "31_60", 61: "61_90", 90: "61_90", 91: "91_120", 120: "91_120",
         121: "120_plus"}


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def _ago(days):
    return AS_OF - dt.timedelta(days=days)


def _sent_on(claim, day):
    """Pretend the claim's 837P went out on ``day`` (local noon)."""
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    rewrite_history(m.ClaimStateChange.objects.filter(claim=claim, to_state="submitted"), at=at)


def _cells(report):
    return {r.key: {c: cell.amount for c, cell in r.cells.items() if cell.claim_ids}
            for r in report.table.rows}


def _ledger_ar(practice_id):
    bal = account_balances(practice_id)
    return bal.get("1100", D(0)) + bal.get("1200", D(0))


def test_dos_edges_one_claim_per_edge(world):
    for age in EDGES:
        submitted(world, dos=_ago(age), last=f"Edge{age}")
    report = aging_report([world.practice.pk], as_of=AS_OF, basis=Basis.DOS, group=GroupBy.PAYER)
    [row] = report.table.rows
    assert report.label(row.key) == "Acme Health"
    assert {c: (cell.amount, cell.claims) for c, cell in row.cells.items()} == {
        "0_30": (D("200.00"), 1), "31_60": (D("400.00"), 2), "61_90": (D("400.00"), 2),
        "91_120": (D("400.00"), 2), "120_plus": (D("200.00"), 1)}
    assert (report.table.totals.total.amount, report.table.totals.total.claims) == (D("1600.00"), 8)
    assert report.ledger_total == _ledger_ar(world.practice.pk) == D("1600.00")
    assert report.unassigned == D("0.00")


def test_submission_edges_and_not_submitted(world):
    claims = {}
    for age in EDGES:
        claims[age] = submitted(world, dos=_ago(150), last=f"Sent{age}")
        _sent_on(claims[age], _ago(age))
    resent = claims[121]  # a later submission of the same claim is the one that counts
    m.ClaimStateChange.objects.create(practice=world.practice, claim=resent, from_state="submitted",
                                      to_state="submitted", reason="resent",
                                      at=timezone.make_aware(dt.datetime.combine(_ago(10), dt.time(9))))
    patient = b.patient(world.practice, first_name="Not", last_name="Sent")
    b.coverage(patient, world.payer, relationship="18")
    session = b.session(patient, world.provider, date_of_service=_ago(150))
    coding.decide(session, coding.propose(session, world.coder).proposed["lines"], actor=world.coder)
    draft = build_claim(session)  # charges posted, never sent
    report = aging_report([world.practice.pk], as_of=AS_OF, basis=Basis.SUBMISSION, group=GroupBy.PAYER)
    [row] = report.table.rows
    assert {c: cell.claims for c, cell in row.cells.items()} == {
        "0_30": 2, "31_60": 2, "61_90": 2, "91_120": 2, "120_plus": 0, NOT_SUBMITTED: 1}
    assert [c.claim.claim_id for c in drill_down(
        [world.practice.pk], as_of=AS_OF, basis=Basis.SUBMISSION, group=GroupBy.PAYER,
        row_key=row.key, column=NOT_SUBMITTED)] == [draft.pk]
    assert report.table.totals.total.amount == _ledger_ar(world.practice.pk) == D("1800.00")
    by_dos = aging_report([world.practice.pk], as_of=AS_OF, basis=Basis.DOS, group=GroupBy.PAYER)
    assert _cells(by_dos) == {row.key: {"120_plus": D("1800.00")}}


def test_insurance_and_patient_split_and_ledger_total(world):
    paid = submitted(world, dos=_ago(45), last="Paid")
    import_835(world, [RemitSpec([ClaimSpec(
        paid.patient_control_number, "200", "140", patient_responsibility="20",
        lines=[line_spec(paid, "140", [("CO", "45", "40"), ("PR", "2", "20")])])])])
    open_ = submitted(world, dos=_ago(10), last="Open")
    other = b.provider(world.practice, first_name="Ray", last_name="Lee")
    submitted(world, dos=_ago(100), last="Other", provider=other)
    by_payer = aging_report([world.practice.pk], as_of=AS_OF, group=GroupBy.PAYER)
    assert _cells(by_payer) == {world.payer.pk: {"0_30": D("200.00"), "91_120": D("200.00")},
                                PATIENT_ROW: {"31_60": D("20.00")}}
    assert by_payer.label(PATIENT_ROW) == "Patient responsibility"
    totals = by_payer.table.totals.total
    assert (totals.insurance, totals.patient, totals.claims) == (D("400.00"), D("20.00"), 3)
    assert totals.amount == _ledger_ar(world.practice.pk) == D("420.00")
    by_provider = aging_report([world.practice.pk], as_of=AS_OF, group=GroupBy.PROVIDER)
    split = {r.key: (r.total.insurance, r.total.patient, r.total.claims) for r in by_provider.table.rows}
    assert split == {world.provider.pk: (D("200.00"), D("20.00"), 2), other.pk: (D("200.00"), D("0"), 1)}
    assert by_provider.label(other.pk) == other.display_name
    assert open_.pk in {c.claim_id for c in open_claims([world.practice.pk], as_of=AS_OF)}


def test_as_of_leaves_out_later_postings(world):
    claim = submitted(world, dos=_ago(45))
    import_835(world, [RemitSpec([ClaimSpec(  # the 835 is dated 2026-06-01
        claim.patient_control_number, "200", "200", lines=[line_spec(claim, "200", [])])])])
    before = aging_report([world.practice.pk], as_of=dt.date(2026, 5, 31))
    assert before.table.totals.total.amount == D("200.00")
    after = aging_report([world.practice.pk], as_of=AS_OF)
    assert (after.table.rows, after.table.totals.total.amount) == ([], D("0.00"))


def test_replacement_not_yet_sent_ages_from_its_originals_submission(world):
    original = submitted(world, dos=_ago(100))
    _sent_on(original, _ago(70))
    import_835(world, [RemitSpec([ClaimSpec(
        original.patient_control_number, "200", "0", status="4", payer_claim="ICN9",
        lines=[line_spec(original, "0", [("CO", "16", "200")])])])])
    original.refresh_from_db()
    new = replace_claim(original, reason="add modifier")
    [found] = open_claims([world.practice.pk], as_of=AS_OF)
    assert (found.claim_id, found.submitted_on, found.insurance) == (new.pk, _ago(70), D("200.00"))
    report = aging_report([world.practice.pk], as_of=AS_OF, basis=Basis.SUBMISSION)
    assert _cells(report) == {world.payer.pk: {"61_90": D("200.00")}}


def test_several_practices_and_the_drill_down_equals_every_cell(world, tenant):
    submitted(world, dos=_ago(5))
    submitted(world, dos=_ago(65), last="Roe")
    # practice B: a claim built there too (same company)
    w2 = type("W", (), {})()
    w2.practice, w2.payer, w2.coder = tenant.b, world.secondary_payer, world.coder
    w2.provider = b.provider(tenant.b)
    b.fee_schedule(tenant.b, None, {("90837", ""): "180.00"})
    b.scrub_clean(tenant.b, [w2.provider], [world.secondary_payer])
    from bhbilling.app.tenancy import scoped_to

    with scoped_to(tenant.company.id, tenant.b.id):
        submitted(w2, dos=_ago(95), last="Bee")
    ids = [world.practice.pk, tenant.b.pk]
    by_practice = aging_report(ids, as_of=AS_OF, group=GroupBy.PRACTICE)
    assert {by_practice.label(r.key): r.total.amount for r in by_practice.table.rows} == {
        "Practice A": D("400.00"), "Practice B": D("180.00")}
    assert by_practice.ledger_total == D("580.00") == by_practice.table.totals.total.amount
    only_a = aging_report([world.practice.pk], as_of=AS_OF, group=GroupBy.PRACTICE)
    assert [r.key for r in only_a.table.rows] == [world.practice.pk]
    for basis in Basis:
        for group in GroupBy:
            report = aging_report(ids, as_of=AS_OF, basis=basis, group=group)
            for row in report.table.rows:
                for col, cell in row.cells.items():
                    found = drill_down(ids, as_of=AS_OF, basis=basis, group=group, row_key=row.key,
                                       column=col)
                    assert sum((c.amount for c in found), D(0)) == cell.amount
                    assert len(found) == cell.claims


def test_query_count_does_not_grow_with_claims(world):
    for i in range(3):
        submitted(world, dos=_ago(10 + i), last=f"Q{i}")
    with CaptureQueriesContext(connection) as few:
        aging_report([world.practice.pk], as_of=AS_OF)
    for i in range(6):
        submitted(world, dos=_ago(40 + i), last=f"R{i}")
    with CaptureQueriesContext(connection) as more:
        report = aging_report([world.practice.pk], as_of=AS_OF)
    assert report.table.totals.total.claims == 9
    assert len(more.captured_queries) == len(few.captured_queries) <= 5
