"""The demo's payer book for the simulator: read by the simulator's own loader, one fee
schedule per payer, and a Medicare MAC that takes POS 02/10 without modifier 95 (as the
product's Medicare profile codes telehealth; reference §3.1 [C])."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.demo.payerbook import demo_payerbook
from bhbilling.simulator.payerbook.loading import payerbook_from_dict
from tests import builders as b

pytestmark = pytest.mark.django_db


def test_medicare_takes_telehealth_places_without_a_modifier_others_do_not(tenant):
    medicare = b.payer(tenant.company, name="Medicare B", payer_id="MCR01", kind="medicare")
    commercial = b.payer(tenant.company, name="Acme", payer_id="ACME1", kind="commercial")
    schedule = b.fee_schedule(tenant.a, commercial, {("90837", ""): "200.00"})
    m.FeeScheduleRate.unscoped.filter(schedule=schedule).update(expected_allowed=Decimal("150.00"))
    book = payerbook_from_dict(demo_payerbook(tenant.company.pk))
    assert book.payers[medicare.payer_id].rules.telehealth_places == frozenset()
    assert book.payers[commercial.payer_id].rules.telehealth_places == {"02", "10"}
    assert book.payers[commercial.payer_id].fees.rate("90837", ()) == Decimal("150.00")
