"""Eligibility through the database: 270 batches with control numbers, 271 answers filed
under the right patient (trace, member id, family members sharing one id), the raw file
kept, and the patient's expected share of a session."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.app.eligibility.inquiries import plan_for_patient, run_inquiries, write_inquiries
from bhbilling.app.eligibility.recording import record_271
from bhbilling.app.eligibility.responsibility import expected_for_session
from bhbilling.app.eligibility.stored import latest_checks, summary_from_dict
from bhbilling.app.models import AuditEvent, Clearinghouse, EligibilityCheck, SessionStatus
from bhbilling.domain.eligibility import summary_to_dict
from bhbilling.interchange.eligibility import summarize_271
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.envelope_reader import iter_transactions
from tests import builders as b

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[1] / "unit" / "x12" / "elig" / "data"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "x12-corpus" / "271"
ON = dt.date(2026, 3, 9)
NOW = dt.datetime(2026, 3, 6, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def world(tenant, scope_a):
    w = type("World", (), {})()
    w.practice = tenant.a
    w.payer = b.payer(tenant.company, name="Blue Horizon", payer_id="BHH01")
    w.other_payer = b.payer(tenant.company, name="Summit", payer_id="SCI22")
    w.provider = b.provider(tenant.a)
    w.ana = b.patient(tenant.a, first_name="Ana", last_name="Rivera", date_of_birth=dt.date(1988, 2, 14))
    w.ana_cov = b.coverage(w.ana, w.payer, member_id="XHB123456701")
    w.clearinghouse = b.clearinghouse(tenant.company, last_interchange_number=41,
                                      last_group_number=7, last_transaction_number=90)
    return w


def _bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_271_is_filed_by_member_id_with_summary_and_raw_file(world):
    report = record_271(world.practice, _bytes("01_health_plan_only.271"), "01.271", on=ON)
    (check,) = report.checks
    assert (check.patient, check.coverage, check.payer) == (world.ana, world.ana_cov, world.payer)
    assert (check.status, check.service_date, check.trace_number) == ("active", ON, "T0101")
    assert check.response_271 == _bytes("01_health_plan_only.271").decode()
    (expected,) = summarize_271(DATA / "01_health_plan_only.271", on=ON)
    assert check.summary == summary_to_dict(expected)
    assert summary_from_dict(check.summary) == expected  # the stored JSON is the summary again
    event = AuditEvent.objects.get(object_type="eligibilitycheck", object_id=str(check.pk))
    assert event.action == "create" and "XHB" not in str(event.detail)
    again = record_271(world.practice, _bytes("01_health_plan_only.271"), "01.271", on=ON)
    assert (again.checks, again.duplicates) == ([], 1)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.271")))
def test_every_crafted_summary_survives_storage(name):
    for summary in summarize_271(DATA / name, on=ON):
        assert summary_from_dict(summary_to_dict(summary)) == summary


def test_family_members_sharing_a_member_id_are_told_apart_by_birth_date(world, tenant):
    parent = b.patient(tenant.a, first_name="Dana", last_name="Morgan", date_of_birth=dt.date(1980, 5, 5))
    child = b.patient(tenant.a, first_name="Eli", last_name="Morgan", date_of_birth=dt.date(2011, 8, 24))
    b.coverage(parent, world.payer, member_id="XHB778899001")
    child_cov = b.coverage(child, world.payer, member_id="XHB778899001", relationship="19",
                           subscriber_first_name="Dana", subscriber_last_name="Morgan")
    report = record_271(world.practice, _bytes("12_dependent_family_accumulators.271"), "12.271", on=ON)
    (check,) = report.checks
    assert (check.patient, check.coverage) == (child, child_cov)


def test_batch_answer_files_the_known_member_and_reports_the_other(world, tenant):
    known = b.patient(tenant.a, last_name="Okafor")
    b.coverage(known, world.payer, member_id="LHP20304050")
    report = record_271(world.practice, _bytes("14_batch_two_subscribers.271"), "14.271", on=ON)
    assert [c.patient for c in report.checks] == [known]
    assert report.unmatched == ["member 2 (subscriber): no patient of this practice has that trace "
                                "or member id"]
    assert "LHP" not in report.unmatched[0]


def test_270_batch_for_the_week_ahead_uses_and_moves_the_counters(world, tenant):
    summit_pt = b.patient(tenant.a, last_name="Chen")
    b.coverage(summit_pt, world.other_payer)
    child = b.patient(tenant.a, first_name="Eli", last_name="Rivera", date_of_birth=dt.date(2015, 1, 2))
    b.coverage(child, world.payer, relationship="19", subscriber_first_name="Ana",
               subscriber_last_name="Rivera", subscriber_date_of_birth=dt.date(1988, 2, 14))
    self_pay = b.patient(tenant.a, last_name="Cash")
    for patient, day in ((world.ana, 10), (world.ana, 12), (summit_pt, 11), (child, 13), (self_pay, 12)):
        b.session(patient, world.provider, date_of_service=dt.date(2026, 3, day),
                  status=SessionStatus.SCHEDULED, note_signed=False)
    b.session(world.ana, world.provider, date_of_service=dt.date(2026, 3, 20),
              status=SessionStatus.SCHEDULED)  # outside the 7 days
    seen = []
    run = run_inquiries(world.practice, on=ON, days=7, now=NOW,
                        progress=lambda done, total: seen.append((done, total)))
    assert run.sessions == 5 and run.skipped == [(self_pay.pk, "no insurance on file (self-pay): "
                                                                "nothing to ask")]
    assert seen[-1] == (3, 3)
    f = run.file
    assert (f.interchange_number, f.inquiries, f.payers) == (42, 3, 2)
    assert f.file_name == f"270-{world.practice.npi}-000000042-TEST.x12"
    txs = list(iter_transactions(f.content.encode()))
    assert [t.control_number for t in txs] == ["0091", "0092"]
    ids = [s.id for t in txs for s in t.segments]
    assert ids.count("TRN") == 3 and ids.count("EQ") == 12  # 30, MH, A6, A8 each
    assert "HL*4*2*22*1" in f.content and "HL*5*4*23*0" in f.content  # Eli: 2000D under 2000C
    assert f"TRN*1*BHB-{world.ana.pk}-{world.ana_cov.pk}-42*1261234567" in f.content
    assert "DTP*291*D8*20260310" in f.content  # Ana's first session, not her second
    ch = Clearinghouse.unscoped.get(pk=world.clearinghouse.pk)
    assert (ch.last_interchange_number, ch.last_group_number, ch.last_transaction_number) == (42, 8, 92)
    second = write_inquiries(world.practice, [plan_for_patient(world.ana, ON)], now=NOW)
    assert second.interchange_number == 43 and "ST*270*0093*005010X279A1" in second.content


def test_the_answer_to_our_270_is_filed_by_its_trace(world, tenant):
    trace = f"BHB-{world.ana.pk}-{world.ana_cov.pk}-42"
    text = _bytes("01_health_plan_only.271").replace(b"T0101", trace.encode())
    text = text.replace(b"XHB123456701", b"XHB999999999")  # payer answers with a new member id
    (check,) = record_271(world.practice, text, "answer.271", on=ON).checks
    assert (check.patient, check.coverage, check.trace_number) == (world.ana, world.ana_cov, trace)
    forged = text.replace(trace.encode(), f"BHB-{world.ana.pk}-999999-42".encode())
    report = record_271(world.practice, forged, "forged.271", on=ON)
    assert report.checks == [] and len(report.unmatched) == 1  # no such coverage: not filed


def test_upload_on_a_patient_page_refuses_another_members_answer(world):
    with pytest.raises(BhBillingError, match="not on this patient's coverage"):
        record_271(world.practice, _bytes("08_aaa_72_member_id.271"), "08.271", on=ON, patient=world.ana)
    assert EligibilityCheck.objects.count() == 0
    refused = CORPUS / ("badx12__X279-error-response-from-payer-to-clinic-not-eligible-for-"
                        "inquiries-with-payer.edi")
    if not CORPUS.is_dir():
        pytest.skip("shared X12 corpus not found beside the repo")
    (check,) = record_271(world.practice, refused.read_bytes(), refused.name, on=ON,
                          patient=world.ana).checks
    assert (check.patient, check.coverage, check.status) == (world.ana, world.ana_cov, "rejected")
    assert check.summary["rejections"][0]["code"] == "50"
    assert latest_checks(world.ana) == [check]


def test_broken_271_stores_nothing_and_names_the_place(world):
    bad = _bytes("01_health_plan_only.271").replace(b"SE*25*0001", b"SE*24*0001")
    with pytest.raises(BhBillingError, match=r"segment \d+ \(SE\), element SE01"):
        record_271(world.practice, bad, "bad.271", on=ON)
    assert EligibilityCheck.objects.count() == 0


def test_expected_share_of_a_session_from_the_answer_and_fee_schedule(world, tenant):
    kevin = b.patient(tenant.a, last_name="Walsh")
    nsm = b.payer(tenant.company, name="Northstar", payer_id="NSM07")
    b.coverage(kevin, nsm, member_id="NSM7788990")
    b.fee_schedule(tenant.a, None, {("90837", ""): "200.00"})
    schedule = b.fee_schedule(tenant.a, nsm, {("90837", ""): "190.00"})
    schedule.rates.update(expected_allowed=Decimal("150.00"))
    session = b.session(kevin, world.provider, date_of_service=dt.date(2026, 3, 16),
                        status=SessionStatus.SCHEDULED, note_signed=False)
    before = expected_for_session(session)
    assert before.amount is None and "check eligibility" in before.notes[0]
    assert before.allowed == Decimal("150.00") and before.lines[0][0] == "90837"
    record_271(world.practice, _bytes("06_deductible_met.271"), "06.271", on=ON)
    estimate = expected_for_session(session)
    assert (estimate.amount, estimate.allowed, estimate.notes) == (Decimal("30.00"), Decimal("150.00"), ())
    ana_session = b.session(world.ana, world.provider, date_of_service=dt.date(2026, 3, 16),
                            status=SessionStatus.SCHEDULED)
    record_271(world.practice, _bytes("01_health_plan_only.271"), "01.271", on=ON)
    ana = expected_for_session(ana_session)
    # Deductible $1,200 left comes first: the whole $200 charge (no allowed amount on file).
    assert ana.amount == Decimal("200.00") and "priced at the charge" in ana.notes[0]

