"""compose(): the facts go in, nothing else does (45 CFR 164.501: never psychotherapy notes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from bhbilling.domain.appeals import (
    AppealFacts,
    Letter,
    LetterFormatError,
    SessionFacts,
    compose,
    template_for,
)
from tests.unit.domain.appeals.sample import SESSION, D, facts


def _text(letter: Letter) -> str:
    return letter.to_text()


def test_medical_necessity_letter_carries_claim_denial_and_session_facts():
    letter = compose(facts(), template_for("medical_necessity", "commercial"))
    text = _text(letter)
    assert letter.subject == ("First-Level Provider Appeal: medical necessity, claim PCN1001, "
                              "DOS 05/15/2026")
    assert letter.addressee == ("Acme Health", "Attn: Provider Appeals")
    assert dict(letter.re_lines) == {
        "Patient": "Pat Q Example", "Member ID": "MBR77", "Date of birth": "04/02/1990",
        "Date of service": "05/15/2026", "Our claim number": "PCN1001",
        "Payer claim number": "ICN900", "Billed": "$200.00", "Denied": "$200.00",
        "Rendering provider": "Dana Lee, NPI 1987654321"}
    assert letter.paragraphs[0].startswith("We appeal the denial of the claim below, shown on the "
                                           "remittance advice dated 06/01/2026.")
    assert ("The payer denied procedure 90837 ($200.00) (CO-50 (These are non-covered services "
            "because this is not deemed a 'medical necessity' by the payer.))") in text
    assert ("On 05/15/2026 Dana Lee, LCSW (NPI 1987654321) provided the service by Video "
            "telehealth from 2:05 PM to 3:00 PM (55 minutes). Diagnoses: F33.1, F41.1.") in text
    assert "Treatment plan summary: Weekly CBT for 12 weeks; goal PHQ-9 below 10." in text
    assert "Assessments given: PHQ-9." in text
    assert letter.attachments[0] == "Treatment plan summary"
    assert letter.signature == ("Bea Biller", "on behalf of Riverbend Counseling",
                                "NPI 1234567893, TIN 123456789", "5185550100")
    assert "assumed" not in text and "120 days of the remittance" not in text


def test_paragraphs_needing_missing_facts_are_left_out():
    bare = SessionFacts(service_date=dt.date(2026, 5, 15), diagnoses=("F33.1",))
    letter = compose(facts(session=bare, authorization_number=""),
                     template_for("medical_necessity", "commercial"))
    text = _text(letter)
    assert "Treatment plan summary:" not in text
    assert "Assessments given" not in text
    assert "from  to" not in text and "provided the service by" not in text
    auth = compose(facts(authorization_number=""), template_for("authorization", "commercial"))
    assert "authorized under number" not in _text(auth)
    assert "retroactive authorization" in _text(auth)


def test_line_summary_codes_have_no_ama_descriptor_and_units_show():
    extra = dataclasses.replace(facts().lines[0], code="90785", modifiers=(), units=D("2.00"),
                                charge=D("30"))
    f = facts(lines=(*facts().lines, extra))
    text = _text(compose(f, template_for("coding", "commercial")))
    assert "90837-95 $200.00, 90785 x2 $30.00" in text


def test_assumed_deadline_is_said_in_the_letter():
    text = _text(compose(facts(deadline_is_default=True), template_for("other", "medicaid")))
    assert "within 120 days of the remittance dated 06/01/2026" in text


def test_level_two_uses_the_second_level_name_and_the_prior_decision():
    letter = compose(facts(level=2, prior_decision_date=dt.date(2026, 8, 1)),
                     template_for("medical_necessity", "medicare"))
    assert letter.subject.startswith("Request for Reconsideration (QIC): medical necessity")
    assert "of the redetermination decided on 08/01/2026" in letter.paragraphs[0]


def test_facts_have_no_notes_field():
    """45 CFR 164.501 / reference §10.3: the facts an appeal may quote hold no notes at all."""
    for cls in (AppealFacts, SessionFacts):
        names = {f.name for f in dataclasses.fields(cls)}
        assert not {n for n in names if "note" in n or "narrative" in n or "text" in n}, names
    assert {f.name for f in dataclasses.fields(SessionFacts)} == {
        "service_date", "start_time", "end_time", "modality", "total_minutes", "diagnoses",
        "assessments", "treatment_plan"}


def test_letter_text_round_trips():
    letter = compose(facts(), template_for("timely_filing", "medicare"))
    assert Letter.from_text(letter.to_text()) == letter
    assert "Date: 2026-06-10\nTo:\n| Acme Health\n" in letter.to_text()


def test_session_fields_only_reach_the_letter_through_their_placeholders():
    plan = "PLANMARK"
    letter = compose(facts(session=dataclasses.replace(SESSION, treatment_plan=plan)),
                     template_for("eligibility", "commercial"))
    assert plan not in letter.to_text()  # the eligibility letter quotes no plan


def test_malformed_letter_text_is_refused_with_the_line():
    with pytest.raises(LetterFormatError, match=re.escape("line 1: a '| ' line outside a block")):
        Letter.from_text("| stray\n")
    with pytest.raises(LetterFormatError, match=re.escape("line 2: expected 'Name:' or '| text'")):
        Letter.from_text("Date: 2026-06-10\nno colon here\n")
    with pytest.raises(LetterFormatError, match="missing or bad Date/Subject"):
        Letter.from_text("Date: 2026-06-10\n")
