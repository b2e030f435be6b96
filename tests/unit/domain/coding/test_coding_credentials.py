"""Who may bill what, and associates under supervision (reference §1.1, §1.10, §5)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding.credentials import may_bill
from tests.unit.domain.coding.build import SUPERVISOR_NPI, code, lines, profile, rules, warning_rules


@pytest.mark.parametrize("credential", ["PSYD", "LCSW", "LPC"])
def test_em_is_prescriber_only(credential):
    result = code("medication_management", credential=credential, em_code="99213")
    assert lines(result) == []
    assert "CRED-NOT-ALLOWED" in warning_rules(result)


def test_excluded_credential_produces_no_claim_and_names_it():
    payer = profile(excluded_credentials=frozenset({"LADC"}))
    result = code(credential="LADC", m_psychotherapy=45, payer=payer)
    assert lines(result) == []
    assert any("LADC" in n.text for n in result.warnings if n.rule == "CRED-NOT-ALLOWED")


def test_associate_billed_under_the_supervisor():
    payer = profile(associate_billing="supervisor", supervised_modifiers=("HO",),
                    credential_modifiers={"PSYD": ("HP",), "ASSOCIATE": ("HN",)})
    result = code(credential="ASSOCIATE", supervisor="PSYD", m_psychotherapy=45, payer=payer)
    assert lines(result) == [("90834", 1)]
    line = result.lines[0]
    assert line.billing_npi_override == SUPERVISOR_NPI
    assert set(line.modifiers) == {"HP", "HO"}
    assert "SUP-BILLING" in rules(result)


def test_supervisor_credential_decides_codes():
    payer = profile(associate_billing="supervisor")
    result = code("intake_evaluation_medical", credential="ASSOCIATE", supervisor="MD", payer=payer)
    assert lines(result) == [("90792", 1)]


@pytest.mark.parametrize(("mode", "supervisor"), [("not_covered", "LCSW"), ("supervisor", None),
                                                  ("supervisor", "ASSOCIATE"), ("bogus", "LCSW")])
def test_associate_without_a_way_to_bill(mode, supervisor):
    result = code(credential="ASSOCIATE", supervisor=supervisor, m_psychotherapy=45,
                  payer=profile(associate_billing=mode))
    assert lines(result) == [] and "SUP-BILLING" in warning_rules(result)


def test_associate_billing_self():
    result = code(credential="ASSOCIATE", m_psychotherapy=45, payer=profile(associate_billing="self"))
    assert lines(result) == [("90834", 1)]
    assert result.lines[0].billing_npi_override is None


def test_licensed_clinician_with_a_supervisor_on_file_bills_alone():
    result = code(credential="LCSW", supervisor="MD", m_psychotherapy=45)
    assert result.lines[0].billing_npi_override is None


def test_profile_list_overrides_the_built_in_rule():
    payer = profile(allowed_credentials={"90834": frozenset({"PSYD"})})
    assert may_bill("90834", "PSYD", payer) and not may_bill("90834", "LCSW", payer)
    assert may_bill("90834", "LCSW", profile())
