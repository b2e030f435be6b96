"""Run the coding case table (cases.py) through the public coding API with the real profiles.

Each case is coded once (cached by id) and checked by several narrow tests, so a failure names
the case and the one fact that differs. The table is written from the BH billing reference,
not from the engine: when a case fails, check the cited section before changing either side.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal

import pytest

from bhbilling.domain.coding import (
    CodingContext,
    CodingResult,
    PayerProfile,
    ProviderFacts,
    SessionFacts,
    code_session,
)
from bhbilling.domain.parties import Credential, ServiceType
from bhbilling.payers import load_profile
from tests.unit.domain.coding.cases import (
    CASES,
    DOS,
    FEES,
    REFERENCE_SECTIONS,
    RENDERING_NPI,
    RULE_IDS,
    SUPERVISOR_NPI,
    Case,
)

PROFILE_NAMES = {"medicare", "medicaid-example", "medicaid-mco-example", "commercial-default",
                 "commercial-gt-02", "commercial-95-pos11", "tricare", "self-pay"}
EM_CODES = {"99202", "99203", "99204", "99205", "99212", "99213", "99214", "99215"}
# An add-on code needs one of these on an earlier line (§1.2, §1.3, §1.4, §1.7; §6.1 AOC edits).
ADDON_PRIMARIES: dict[str, set[str]] = {
    "90833": EM_CODES, "90836": EM_CODES, "90838": EM_CODES,
    "90785": {"90791", "90792", "90832", "90833", "90834", "90836", "90837", "90838", "90853"} | EM_CODES,
    "90840": {"90839"}, "G0018": {"G0017"},
    "96131": {"96130"}, "96133": {"96132"}, "96137": {"96136"}, "96139": {"96138"},
}
PROCEDURE_MODS = ("25", "59", "XE", "XS", "XP", "XU")
TELEHEALTH_MODS = ("95", "GT", "93", "FQ", "GQ")

_results: dict[str, tuple[CodingResult, PayerProfile]] = {}


def _dos(case: Case) -> dt.date:
    return case.session.get("date_of_service", DOS)


def _profile(case: Case) -> PayerProfile:
    profile = load_profile(case.profile_name, on=_dos(case))
    overrides = dict(case.profile_overrides)
    if "telehealth" in overrides:
        overrides["telehealth"] = replace(profile.telehealth, **overrides["telehealth"])
    return replace(profile, **overrides)


def _provider(case: Case) -> ProviderFacts:
    supervisor_credential = case.provider.get("supervisor_credential")
    supervisor = (ProviderFacts(npi=SUPERVISOR_NPI, credential=supervisor_credential)
                  if supervisor_credential else None)
    return ProviderFacts(npi=RENDERING_NPI, credential=case.provider["credential"], supervisor=supervisor)


def coded(case: Case) -> tuple[CodingResult, PayerProfile]:
    """Code a case once; every test below reads the same result."""
    if case.id not in _results:
        session_kwargs = {k: v for k, v in case.session.items() if k != "date_of_service"}
        session = SessionFacts(session_id=case.id, date_of_service=_dos(case), **session_kwargs)
        profile = _profile(case)
        fees = {key: fee for key, fee in FEES.items() if key[0] not in case.drop_fees}
        ctx = CodingContext(session=session, provider=_provider(case), payer=profile, fees=fees)
        _results[case.id] = (code_session(ctx), profile)
    return _results[case.id]


def _rules(result: CodingResult) -> set[str]:
    return {note.rule for note in (*result.reasons, *result.warnings)}


def _cases(predicate) -> list:
    return [pytest.param(case, id=case.id) for case in CASES if predicate(case)]


# ---- the table itself -----------------------------------------------------------------------

def test_table_has_at_least_100_cases():
    assert len(CASES) >= 100


def test_case_ids_are_unique():
    counts = Counter(case.id for case in CASES)
    assert [case_id for case_id, n in counts.items() if n > 1] == []


def test_every_case_names_a_known_reference_section():
    unknown = [(case.id, ref) for case in CASES for ref in (case.reference, *case.also)
               if ref not in REFERENCE_SECTIONS]
    assert unknown == []


def test_every_section_listed_is_used():
    used = {ref for case in CASES for ref in (case.reference, *case.also)}
    assert set(REFERENCE_SECTIONS) - used == set()


def test_cases_use_known_rule_ids_profiles_service_types_and_credentials():
    service_types = {st.value for st in ServiceType}
    credentials = {c.value for c in Credential}
    bad = [case.id for case in CASES
           if not set((*case.rules, *case.rules_any, *case.rules_absent)) <= RULE_IDS
           or case.profile_name not in PROFILE_NAMES
           or case.session["service_type"] not in service_types
           or case.provider["credential"] not in credentials
           or (case.provider.get("supervisor_credential") or "MD") not in credentials]
    assert bad == []


def test_every_rule_id_is_expected_by_some_case():
    expected = {rule for case in CASES for rule in (*case.rules, *case.rules_any)}
    assert RULE_IDS - expected == set()


# ---- lines, units, place of service ---------------------------------------------------------

@pytest.mark.parametrize("case", _cases(lambda c: c.lines is not None))
def test_codes_and_units(case):
    result, _ = coded(case)
    got = Counter((line.code, line.units) for line in result.lines)
    expected = Counter((code, Decimal(units)) for code, units in case.lines if units is not None)
    unit_free = {code for code, units in case.lines if units is None}
    got_fixed = Counter({key: n for key, n in got.items() if key[0] not in unit_free})
    assert got_fixed == expected
    assert Counter(line.code for line in result.lines if line.code in unit_free) == Counter(unit_free)


@pytest.mark.parametrize("case", _cases(lambda c: bool(c.absent)))
def test_codes_that_must_not_be_proposed(case):
    result, _ = coded(case)
    assert {line.code for line in result.lines} & case.absent == set()


@pytest.mark.parametrize("case", _cases(lambda c: True))
def test_add_ons_follow_their_primary(case):
    result, _ = coded(case)
    codes = [line.code for line in result.lines]
    orphans = [code for i, code in enumerate(codes)
               if code in ADDON_PRIMARIES and not set(codes[:i]) & ADDON_PRIMARIES[code]]
    assert orphans == []


@pytest.mark.parametrize("case", _cases(lambda c: c.pos is not None))
def test_place_of_service(case):
    result, _ = coded(case)
    assert result.lines
    assert {line.place_of_service for line in result.lines} == {case.pos}


@pytest.mark.parametrize("case", _cases(lambda c: bool(c.lines)))
def test_line_invariants(case):
    """At most four modifiers (837P SV101-3..6, §8.3) and four diagnosis pointers (§7.3)."""
    result, _ = coded(case)
    n_dx = len(result.diagnoses) or len(case.session["diagnoses"])
    assert [line.code for line in result.lines if len(line.modifiers) > 4] == []
    assert [line.code for line in result.lines
            if not 1 <= len(line.diagnosis_pointers) <= 4
            or not all(1 <= ptr <= n_dx for ptr in line.diagnosis_pointers)] == []
    assert all(line.units > 0 for line in result.lines)


# ---- modifiers ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", _cases(lambda c: c.mods is not None))
def test_exact_modifier_set(case):
    result, _ = coded(case)
    assert result.lines
    assert [(line.code, set(line.modifiers)) for line in result.lines] == [
        (line.code, set(case.mods)) for line in result.lines]


@pytest.mark.parametrize("case", _cases(lambda c: c.mods_ordered is not None))
def test_modifiers_in_payer_order(case):
    result, _ = coded(case)
    assert result.lines
    assert [line.modifiers for line in result.lines] == [case.mods_ordered] * len(result.lines)


@pytest.mark.parametrize("case", _cases(lambda c: bool(c.mods_in or c.mods_out or c.mods_one_of)))
def test_required_and_forbidden_modifiers(case):
    result, _ = coded(case)
    assert result.lines
    for line in result.lines:
        mods = set(line.modifiers)
        assert case.mods_in <= mods, line
        assert mods & case.mods_out == set(), line
        assert not case.mods_one_of or mods & case.mods_one_of, line


def _modifier_kinds(profile: PayerProfile) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    th = profile.telehealth
    for mod in PROCEDURE_MODS:
        kinds[mod].add("procedure")
    for mod in (*TELEHEALTH_MODS, *th.video_modifiers, *th.audio_modifiers):
        kinds[mod].add("telehealth")
    for mods in profile.credential_modifiers.values():
        for mod in mods:
            kinds[mod].add("credential")
    for rule in profile.sud_hcodes.values():
        for mod in rule.modifiers:
            kinds[mod].add("program")
    for mod in profile.supervised_modifiers:
        kinds[mod].add("supervision")
    return kinds


@pytest.mark.parametrize("case", _cases(lambda c: bool(c.lines)))
def test_modifier_kinds_follow_the_profile_order(case):
    """Modifiers whose kind is unambiguous appear in the profile's ``modifier_order``."""
    result, profile = coded(case)
    kinds = _modifier_kinds(profile)
    order = profile.modifier_order
    for line in result.lines:
        ranks = [order.index(next(iter(kinds[mod]))) for mod in line.modifiers
                 if len(kinds[mod]) == 1 and next(iter(kinds[mod])) in order]
        assert ranks == sorted(ranks), line


# ---- reasons, supervision, charges ----------------------------------------------------------

@pytest.mark.parametrize("case", _cases(lambda c: bool(c.rules or c.rules_any or c.rules_absent)))
def test_rule_ids_in_reasons_or_warnings(case):
    result, _ = coded(case)
    rules = _rules(result)
    assert set(case.rules) - rules == set()
    assert not case.rules_any or rules & set(case.rules_any)
    assert rules & set(case.rules_absent) == set()


@pytest.mark.parametrize("case", _cases(lambda c: c.under_supervisor))
def test_billed_under_the_supervisor(case):
    result, _ = coded(case)
    assert result.lines
    assert {line.billing_npi_override for line in result.lines} == {SUPERVISOR_NPI}


@pytest.mark.parametrize(
    "case", _cases(lambda c: bool(c.lines) and not c.provider.get("supervisor_credential")))
def test_no_supervisor_override_without_a_supervisor(case):
    result, _ = coded(case)
    assert {line.billing_npi_override for line in result.lines} == {None}


@pytest.mark.parametrize("case", _cases(lambda c: bool(c.charges)))
def test_line_charges(case):
    result, _ = coded(case)
    assert {line.code: line.charge for line in result.lines if line.code in case.charges} == case.charges


@pytest.mark.parametrize("case", _cases(lambda c: c.lines == ()))
def test_no_lines_means_not_billable(case):
    result, _ = coded(case)
    assert result.lines == ()
    assert not result.billable
    assert result.session_id == case.id
