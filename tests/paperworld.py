"""Rows for the paper-form tests (CMS-1500 and superbills), shared by integration and e2e.

Practice A bills Acme Health (commercial) and keeps a "Self pay" payer (kind self_pay) for
patients who pay out of pocket. Expected numbers are worked out in the tests themselves.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.app import models as m
from tests import builders as b

MARCH = dt.date(2026, 3, 1)


def claim(practice, patient, provider, payer, *, coverage=None, lines, diagnoses=("F41.1",),
          pcn: str, state: str = "submitted", session=None, place_of_service: str = "11",
          **kw) -> m.Claim:
    """A stored claim; ``lines`` are (date, code, charge, modifiers, pointers)."""
    row = m.Claim.unscoped.create(
        practice=practice, patient=patient, payer=payer, coverage=coverage,
        rendering_provider=provider, session=session, patient_control_number=pcn, state=state,
        diagnoses=list(diagnoses), place_of_service=place_of_service,
        total_charge=sum((Decimal(c) for _d, _c2, c, _m, _p in lines), Decimal(0)), **kw)
    for i, (day, code, charge, mods, pointers) in enumerate(lines, start=1):
        m.ClaimLine.unscoped.create(practice=practice, claim=row, line_number=i, code=code,
                                    charge=Decimal(charge), modifiers=list(mods),
                                    diagnosis_pointers=list(pointers), date_of_service=day,
                                    line_control_number=f"{pcn}.{i}")
    return row


def decided(session, lines) -> m.CodingDecision:
    """An accepted coding decision; ``lines`` are (code, charge, modifiers, pointers, pos)."""
    final = [{"code": code, "label": "", "modifiers": list(mods), "units": "1",
              "place_of_service": pos, "diagnosis_pointers": list(pointers), "charge": charge,
              "rendering_npi": session.provider.npi} for code, charge, mods, pointers, pos in lines]
    return m.CodingDecision.unscoped.create(practice_id=session.practice_id, session=session,
                                            proposed={"lines": final}, final=final,
                                            status="accepted")


def payment(patient, amount: str, on: dt.date, *, kind: str = "payment", method: str = "card",
            claim_row=None) -> m.PatientPayment:
    return m.PatientPayment.unscoped.create(
        practice_id=patient.practice_id, patient=patient, kind=kind, method=method,
        amount=Decimal(amount), received_on=on, claim=claim_row,
        recorded_at=dt.datetime.combine(on, dt.time(12, 0), tzinfo=dt.UTC))


class PaperWorld:
    """Practice A's people; ``insured_claim`` has 7 lines, ``self_pay`` is uninsured."""

    def __init__(self, tenant) -> None:
        a = tenant.a
        a.phone = "5185550100"
        a.save(update_fields=["phone"])
        self.practice = a
        self.acme = b.payer(tenant.company, name="Acme Health")
        self.beacon = b.payer(tenant.company, name="Beacon Mutual")
        self.self_pay_payer = b.payer(tenant.company, name="Self pay", kind="self_pay")
        self.provider = b.provider(a, first_name="Ada", last_name="Lovelace", credential="LCSW")
        self.location = b.location(a, name="Riverside office", address_line1="40 River Rd",
                                   postal_code="12208", npi=b.npi("1"))
        self.insured = b.patient(a, first_name="Jamie", last_name="Quill", middle_name="Rae",
                                 address_line1="1 Elm St", city="Albany", state="NY",
                                 postal_code="12207", phone="5185551234")
        self.coverage = b.coverage(self.insured, self.acme, member_id="XZ99887766",
                                   group_number="GRP1", plan_name="Acme PPO")
        self.secondary = b.coverage(self.insured, self.beacon, member_id="BM5544", priority=2,
                                    relationship="01", subscriber_first_name="Sam",
                                    subscriber_last_name="Quill", plan_name="Beacon Gold")
        self.session = b.session(self.insured, self.provider, location=self.location,
                                 diagnoses=["F41.1", "F32.1"])
        self.insured_claim = claim(
            a, self.insured, self.provider, self.acme, coverage=self.coverage, session=self.session,
            pcn="P1-S7", diagnoses=("F41.1", "F32.1", "Z63.0"), prior_authorization="AUTH-42",
            lines=[(dt.date(2026, 3, 2 + i), "90837", "180.00", ("95",) if i == 0 else (),
                    (1, 2) if i == 0 else (3,)) for i in range(7)])
        self.self_pay = b.patient(a, first_name="Robin", last_name="Ash", address_line1="9 Oak Ave",
                                  city="Troy", state="NY", postal_code="12180")


class MonthWorld(PaperWorld):
    """March 2026 with every kind of superbill session (see tests/integration/paper)."""

    def __init__(self, tenant) -> None:
        super().__init__(tenant)
        a, ada = self.practice, self.provider
        ash = self.self_pay  # no coverage at all
        self.s1 = b.session(ash, ada, date_of_service=dt.date(2026, 3, 3), diagnoses=["F41.1", "F32.1"])
        decided(self.s1, [("90837", "180.00", (), (1, 2), "11")])
        self.s2 = b.session(ash, ada, date_of_service=dt.date(2026, 3, 17), diagnoses=["F32.1"])
        decided(self.s2, [("90834", "150.00", ("95",), (1,), "10")])
        decided(b.session(ash, ada, date_of_service=dt.date(2026, 4, 1)),
                [("90834", "150.00", (), (1,), "11")])
        self.unsigned = b.session(ash, ada, date_of_service=dt.date(2026, 3, 24), note_signed=False)
        decided(self.unsigned, [("90834", "150.00", (), (1,), "11")])
        decided(b.session(ash, ada, date_of_service=dt.date(2026, 3, 25), status="no_show"),
                [("90834", "150.00", (), (1,), "11")])
        payment(ash, "180.00", dt.date(2026, 3, 3))
        payment(ash, "20.00", dt.date(2026, 3, 20), kind="refund", method="check")
        payment(ash, "10.00", dt.date(2026, 3, 28), kind="credit", method="")
        payment(ash, "50.00", dt.date(2026, 4, 2))  # April's ledger
        # Out of network: the plan is recorded with a self-pay "payer", so it is never billed.
        self.birch = b.patient(a, first_name="Lee", last_name="Birch")
        b.coverage(self.birch, self.self_pay_payer, member_id="OON-1")
        decided(b.session(self.birch, ada, date_of_service=dt.date(2026, 3, 10)),
                [("90791", "200.00", (), (1,), "11")])
        # A claim to the self-pay payer; its payment, linked to it, came in April.
        self.cole = b.patient(a, first_name="Pat", last_name="Cole")
        cole_session = b.session(self.cole, ada, date_of_service=dt.date(2026, 3, 20))
        self.cole_claim = claim(a, self.cole, ada, self.self_pay_payer, session=cole_session,
                                pcn="SP-1", lines=[(dt.date(2026, 3, 20), "90837", "180.00", (), (1,))])
        payment(self.cole, "180.00", dt.date(2026, 4, 2), claim_row=self.cole_claim)
        # Jamie is insured: the claimed session and a coded one with no claim yet stay off;
        # a session paid out of pocket with a no-disclosure request is on the superbill.
        decided(b.session(self.insured, ada, date_of_service=dt.date(2026, 3, 11)),
                [("90834", "150.00", (), (1,), "11")])
        hidden = b.session(self.insured, ada, date_of_service=dt.date(2026, 3, 12), no_disclose=True)
        decided(hidden, [("90834", "150.00", (), (1,), "11")])
        payment(self.insured, "30.00", dt.date(2026, 3, 2), claim_row=self.insured_claim)  # copay
        payment(self.insured, "150.00", dt.date(2026, 3, 12))
        # Another tenant's self-pay patient never shows.
        other = b.patient(tenant.b, first_name="Other", last_name="Aardvark")
        decided(b.session(other, b.provider(tenant.b), date_of_service=dt.date(2026, 3, 5)),
                [("90834", "150.00", (), (1,), "11")])
