"""Charges from the fee schedule: (code, sorted modifiers), else (code, ()), times units."""

from __future__ import annotations

from decimal import Decimal

from bhbilling.domain.coding import HCodeRule
from tests.unit.domain.coding.build import code, profile, warning_rules


def test_base_fee_times_units():
    payer = profile(sud_hcodes={"sud_individual": HCodeRule("H0004", 15)})
    result = code("sud_individual", payer=payer, m_counseling=60, fees={("H0004", ()): Decimal("25.00")})
    assert result.lines[0].charge == Decimal("100.00")
    assert result.total_charge == Decimal("100.00")


def test_modifier_specific_fee_wins_with_sorted_modifiers():
    payer = profile(credential_modifiers={"LPC": ("HO",)}, modifier_order=("telehealth", "credential"))
    fees = {("90834", ()): Decimal("100.00"), ("90834", ("95", "HO")): Decimal("90.00")}
    result = code(credential="LPC", payer=payer, m_psychotherapy=45, modality="video",
                  patient_location="home", fees=fees)
    assert result.lines[0].modifiers == ("95", "HO")
    assert result.lines[0].charge == Decimal("90.00")


def test_missing_fee_leaves_charge_blank_with_a_warning():
    result = code(m_psychotherapy=45, fees={("90837", ()): Decimal("150.00")})
    assert result.lines[0].charge is None
    assert "FEE-MISSING" in warning_rules(result)
