"""Whole cycles against the payer simulator: 837P out, 999 and 277CA back (acknowledged,
accepted), then the 835 (paid) -- each file moving claims, and the ledger agreeing with
the files."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claims
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.demo.payerbook import demo_payerbook
from bhbilling.app.gateways.simulated import BOOK_NAME, SimulatorGateway
from bhbilling.app.inbound.process import exchange
from bhbilling.app.ledger import account_balances
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.tenancy import scoped_to
from bhbilling.x12.remit835 import read_835
from tests import builders as b

pytestmark = pytest.mark.django_db
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="121801234")
DOS = dt.date(2026, 11, 2)


@pytest.fixture
def cycle(tenant, tmp_path):
    practice = tenant.a
    practice.postal_code = "122071234"
    practice.save()
    payer = b.payer(tenant.company, name="Acme Health", payer_id="ACME01", kind="commercial")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    ch = b.clearinghouse(tenant.company, kind="simulator", outbox_path=str(tmp_path / "out"),
                         inbox_path=str(tmp_path / "in"))
    provider = b.provider(practice, taxonomy="1041C0700X")
    b.enrollment(provider, payer)
    b.licence(provider)
    coder = b.user(tenant.company, "coder", practice)
    with scoped_to(tenant.company.pk, practice.pk):
        sessions = []
        for i in range(4):
            patient = b.patient(practice, last_name=f"Doe{i}", **ADDRESS)
            b.coverage(patient, payer, relationship="18")
            s = b.session(patient, provider, date_of_service=DOS + dt.timedelta(days=i))
            coding.decide(s, coding.propose(s, coder).proposed["lines"], actor=coder)
            sessions.append(s)
        build_claims(sessions)
        ready = prepare_claims(claims_to_check(practice.pk))
        assert ready.blocked == {}
        create_batches(practice)
    (tmp_path / BOOK_NAME).write_text(json.dumps(demo_payerbook(tenant.company.pk)))
    return type("Cycle", (), {"tenant": tenant, "ch": ch, "tmp": tmp_path})


def _gateway(c, today):
    return SimulatorGateway(c.ch, c.tmp / "out", c.tmp / "in", today=today)


def test_claims_move_through_acknowledgement_acceptance_and_payment(cycle):
    assert m.Claim.unscoped.count() == 4
    first = exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=5)))
    assert len(first.sent.sent) == 1
    kinds = sorted(f.kind for f in first.files)
    assert kinds == ["277CA", "999"], [(f.name, f.status, f.detail) for f in first.files]
    assert {f.status for f in first.files} == {"processed"}
    assert set(m.Claim.unscoped.values_list("state", flat=True)) == {"accepted"}
    history = list(m.ClaimStateChange.unscoped.filter(claim=m.Claim.unscoped.first())
                   .values_list("to_state", "source_file"))
    assert [h[0] for h in history] == ["draft", "ready", "submitted", "acknowledged", "accepted"]
    names = dict(m.InboundFile.unscoped.values_list("kind", "name"))
    assert (history[3][1], history[4][1]) == (names["999"], names["277CA"])
    second = exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=30)))
    remits = [f for f in second.files if f.kind == "835"]
    assert remits and all(f.status == "processed" for f in remits), second.files
    assert set(m.Claim.unscoped.values_list("state", flat=True)) <= {"paid", "partially_paid",
                                                                   "denied"}
    # the ledger agrees with the 835 files: cash = what the payer says it paid
    paid = Decimal(0)
    for f in m.InboundFile.unscoped.filter(kind="835"):
        for rem in read_835(io.BytesIO(f.content.encode())):
            paid += rem.payment.signed_amount
    practice = cycle.tenant.a
    assert account_balances(practice.pk)["1000"] == paid
    again = exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=31)))
    assert all(f.status != "processed" or f.kind != "835" for f in again.files)
    assert m.Remittance.unscoped.count() == len(remits)


def test_cli_exchange_sends_once_and_reports_each_file(cycle, capsys):
    from bhbilling.entrypoints.cli.main import main

    assert main(["clearinghouse", "exchange", "--name", cycle.ch.name]) == 0
    out = capsys.readouterr().out
    assert "1 sent" in out and "999" in out and "277CA" in out
    assert set(m.Claim.unscoped.values_list("state", flat=True)) == {"accepted"}
    assert main(["clearinghouse", "exchange", "--name", cycle.ch.name]) == 0
    assert "0 sent" in capsys.readouterr().out
    assert m.Batch.unscoped.get().send_attempts == 1


def test_claim_page_timeline_names_the_file_behind_each_move(cycle, client):
    from tests.e2e.browser import sign_in

    exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=5)))
    claim = m.Claim.unscoped.first()
    sign_in(client, b.user(cycle.tenant.company, "biller", cycle.tenant.a))
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    for kind in ("999", "277CA"):
        assert m.InboundFile.unscoped.get(kind=kind).name in page


def test_demo_cycles_pay_claims_and_the_ledger_agrees_with_the_835s(settings, tmp_path):
    from bhbilling.app.demo import seed_demo
    from bhbilling.app.demo.cycles import run_cycles
    from bhbilling.domain.demo import generate_world

    settings.DATA_DIR = tmp_path
    world = generate_world(7, sessions_total=200, patients_total=40)
    seeded = seed_demo(world)
    run = run_cycles(seeded.company_id, today=world.today, cycles=6)
    assert run.cycles == 7 and run.batches_sent > 0 and run.files_failed == 0
    states = set(m.Claim.unscoped.values_list("state", flat=True))
    assert "paid" in states
    paid = Decimal(0)
    for f in m.InboundFile.unscoped.filter(kind="835"):
        for rem in read_835(io.BytesIO(f.content.encode())):
            paid += rem.payment.signed_amount
    cash = sum((account_balances(p.pk).get("1000", Decimal(0))
                for p in m.Practice.unscoped.filter(company_id=seeded.company_id)), Decimal(0))
    # patients paid what they had owed for two weeks (cash too), one in five never pays
    from_patients = m.PatientPayment.unscoped.filter(kind="payment")
    assert run.patient_payments == from_patients.count() > 0
    assert not [p for p in from_patients.values_list("patient_id", flat=True) if p % 5 == 0]
    assert cash == paid + sum(from_patients.values_list("amount", flat=True), Decimal(0))
    # each week's records carry that week's date (the demo's clock), never the real one
    days = {at.date() for at in m.ClaimStateChange.unscoped.filter(to_state="submitted")
            .values_list("at", flat=True)}
    assert days and max(days) <= world.today and len(days) > 1

    from bhbilling.app.demo.workqueue import work_the_money

    done = work_the_money(seeded.company_id, today=world.today)
    assert done.assigned == m.Denial.unscoped.exclude(assigned_to=None).count() > 0
    assert done.appeals == m.Appeal.unscoped.count()
    assert done.statements_ready + done.statements_held == m.Statement.unscoped.count() > 0
    assert done.notes == m.FollowUpNote.unscoped.count()
    assert done.write_offs == m.WriteOff.unscoped.filter(status="pending").count()


def test_unpaid_accepted_claims_get_a_276_and_the_277_answer_is_recorded(cycle):
    from django.utils import timezone

    from bhbilling.app.claims.followup import due_for_follow_up, send_status_inquiries

    exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=5)))
    practice = cycle.tenant.a
    today = timezone.localdate()
    with scoped_to(cycle.tenant.company.pk, practice.pk):
        assert due_for_follow_up(practice.pk, today) == []  # accepted today: not overdue yet
        due = due_for_follow_up(practice.pk, today + dt.timedelta(days=31))
    assert len(due) == 4 and {c.state for c in due} == {"accepted"}
    later = today + dt.timedelta(days=31)
    run = send_status_inquiries(cycle.ch, due, today=later, now=timezone.now(),
                                gateway=_gateway(cycle, later))
    assert run.delivered and sorted(run.asked) == sorted(c.patient_control_number for c in due)
    assert set(m.Claim.unscoped.values_list("follow_up_on", flat=True)) == {
        later + dt.timedelta(days=7)}
    with scoped_to(cycle.tenant.company.pk, practice.pk):
        assert due_for_follow_up(practice.pk, later) == []  # asked: next action in a week
    answers = exchange(cycle.ch, gateway=_gateway(cycle, later))
    assert any(f.kind == "277" and f.status == "processed" for f in answers.files), answers.files
    assert m.ClaimStatusReport.unscoped.filter(source="277").count() == 4


def test_follow_up_list_on_the_claims_page(cycle, client):
    from tests.e2e.browser import sign_in

    exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=5)))
    m.Claim.unscoped.filter(pk=m.Claim.unscoped.first().pk).update(follow_up_on=DOS)
    sign_in(client, b.user(cycle.tenant.company, "biller", cycle.tenant.a))
    page = client.get("/claims/?state=follow-up").content.decode()
    assert page.count(f"P{cycle.tenant.a.pk}-S") == 1


def test_a_rejected_claim_is_fixed_and_resubmitted_in_a_new_batch(cycle):
    from bhbilling.app.claims.states import move

    exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=5)))
    claim = m.Claim.unscoped.first()
    m.Claim.unscoped.filter(pk=claim.pk).update(state="rejected")  # as a 277CA A7 would
    claim.refresh_from_db()
    practice = cycle.tenant.a
    with scoped_to(cycle.tenant.company.pk, practice.pk):
        move(claim, "draft", reason="fixed the diagnosis the payer rejected")
        assert prepare_claims(claims_to_check(practice.pk)).ready == [claim]
        [again] = create_batches(practice).batches
    sent_in = list(m.BatchClaim.unscoped.filter(claim=claim).order_by("id")
                   .values_list("batch_id", flat=True))
    assert len(sent_in) == 2 and sent_in[-1] == again.pk
    exchange(cycle.ch, gateway=_gateway(cycle, DOS + dt.timedelta(days=8)))
    claim.refresh_from_db()
    assert claim.state == "accepted"
