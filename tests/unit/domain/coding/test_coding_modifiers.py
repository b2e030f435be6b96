"""Place of service and modifiers: telehealth, credential, program, order, limit (§3.1, §3.2,
§4.1, §8.3)."""

from __future__ import annotations

import pytest

from bhbilling.domain.coding import HCodeRule
from tests.unit.domain.coding.build import code, lines, profile, rules, warning_rules

HOME = {"modality": "video", "patient_location": "home"}
OTHER = {"modality": "video", "patient_location": "other"}
AUDIO = {"modality": "audio_only", "patient_location": "home"}


@pytest.mark.parametrize(("kw", "telehealth", "pos", "mods"), [
    (HOME, {}, "10", ("95",)),
    (OTHER, {}, "02", ("95",)),
    (HOME, {"pos_override": "11"}, "11", ("95",)),
    (HOME, {"pos_override": "02", "video_modifiers": ("GT",)}, "02", ("GT",)),
    (HOME, {"video_modifiers": ()}, "10", ()),
    (AUDIO, {}, "10", ("93",)),
    (AUDIO, {"audio_modifiers": ("FQ", "93")}, "10", ("FQ", "93")),
])
def test_telehealth_pos_and_modifiers(kw, telehealth, pos, mods):
    result = code(m_psychotherapy=45, payer=profile(telehealth=telehealth), **kw)
    assert [(line.place_of_service, line.modifiers) for line in result.lines] == [(pos, mods)]
    assert "TH-POS" in rules(result)


def test_in_person_uses_the_location_pos_and_no_telehealth_note():
    result = code(m_psychotherapy=45, location_pos="12")
    assert [line.place_of_service for line in result.lines] == ["12"]
    assert not rules(result) & {"TH-POS", "TH-MOD", "TH-AUDIO"}


def test_audio_only_refused_by_the_payer():
    result = code(m_psychotherapy=45, payer=profile(telehealth={"audio_only_allowed": False}), **AUDIO)
    assert lines(result) == [] and "TH-AUDIO" in warning_rules(result)


def test_audio_only_code_list_drops_other_codes_and_their_add_ons():
    payer = profile(telehealth={"audio_only_codes": frozenset({"90834"})})
    ok = code(m_psychotherapy=45, payer=payer, **AUDIO)
    assert lines(ok) == [("90834", 1)]
    refused = code("crisis", m_crisis=80, payer=payer, **AUDIO)
    assert lines(refused) == [] and "TH-AUDIO" in warning_rules(refused)


def test_credential_and_program_modifiers_in_payer_order():
    payer = profile(credential_modifiers={"LPC": ("HO",)},
                    sud_hcodes={"sud_individual": HCodeRule("H0004", 15, None, ("HF",))},
                    telehealth={"video_modifiers": ("GT",)},
                    modifier_order=("credential", "program", "telehealth"))
    result = code("sud_individual", credential="LPC", payer=payer, m_counseling=30, **HOME)
    assert [line.modifiers for line in result.lines] == [("HO", "HF", "GT")]
    assert "CRED-MOD" in rules(result)


def test_telehealth_first_when_the_payer_says_so():
    payer = profile(credential_modifiers={"LPC": ("HO",)}, modifier_order=("telehealth", "credential"))
    result = code(credential="LPC", payer=payer, m_psychotherapy=45, **HOME)
    assert [line.modifiers for line in result.lines] == [("95", "HO")]


def test_more_than_four_modifiers_keeps_the_first_four_with_a_warning():
    payer = profile(credential_modifiers={"LCSW": ("AJ", "HO", "HE")},
                    telehealth={"audio_modifiers": ("FQ", "93")},
                    modifier_order=("telehealth", "credential"))
    result = code(m_psychotherapy=45, payer=payer, **AUDIO)
    assert [line.modifiers for line in result.lines] == [("FQ", "93", "AJ", "HO")]
    assert "MOD-LIMIT" in warning_rules(result)


def test_unknown_modality_bills_nothing():
    result = code(m_psychotherapy=45, modality="carrier_pigeon")
    assert lines(result) == [] and result.warnings
