"""837P files written from typed behavioral-health claims pass pyx12 with zero errors.

pyx12 is an independent 005010X222A1 validator; any error it reports fails the test and is
printed. The structure checks below (HL parents, counts, loop content) pin what pyx12 would
accept in more than one form.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from bhbilling.x12.claim837p import (
    BillingGroup,
    PersonName,
    ServiceLine,
    Transaction837P,
)
from bhbilling.x12.syntax import Delimiters
from bhbilling.x12.values import X12WriteError
from tests.unit.x12.pyx12check import pyx12_errors
from tests.unit.x12.samples_837p import (
    CLINIC,
    DOS,
    RECEIVER,
    SUBMITTER,
    sample_claims,
    sample_transactions,
    write_samples,
)

SAMPLES = sample_claims()
CLAIMS = [claim for _, claim in SAMPLES]
_write = write_samples


def _one(claim) -> str:
    return _write([Transaction837P(1, SUBMITTER, RECEIVER, (BillingGroup(CLINIC, (claim,)),))])


def _segments(text: str, terminator: str = "~", element: str = "*") -> list[list[str]]:
    return [s.strip().split(element) for s in text.split(terminator) if s.strip()]


def _assert_valid(text: str) -> None:
    errors = pyx12_errors(text)
    assert errors == [], "pyx12 errors:\n" + "\n".join(errors) + "\n--- file ---\n" + text


def test_at_least_thirty_distinct_claim_kinds():
    assert len(SAMPLES) >= 30
    assert len({kind for kind, _ in SAMPLES}) == len(SAMPLES)


@pytest.mark.parametrize(("kind", "claim"), SAMPLES, ids=[kind for kind, _ in SAMPLES])
def test_each_claim_alone_passes_pyx12(kind, claim):
    _assert_valid(_one(claim))


def test_multi_transaction_file_with_many_subscribers_passes_pyx12_and_counts_match():
    text = _write(sample_transactions(CLAIMS), line_break=True)
    _assert_valid(text)
    segs = _segments(text)
    assert segs[-1] == ["IEA", "1", "000000101"]
    assert segs[-2] == ["GE", "2", "201"]
    starts = [i for i, s in enumerate(segs) if s[0] == "ST"]
    ends = [i for i, s in enumerate(segs) if s[0] == "SE"]
    assert len(starts) == len(ends) == 2
    for st, se in zip(starts, ends, strict=True):
        assert int(segs[se][1]) == se - st + 1
        assert segs[se][2] == segs[st][2]
    assert sum(1 for s in segs if s[0] == "CLM") == len(CLAIMS) + 1


def test_custom_delimiters_pass_pyx12():
    delims = Delimiters(element="|", component=">", repetition="!", segment="\n")
    text = _write(sample_transactions(CLAIMS[:10]), delimiters=delims)
    assert text.startswith("ISA|00|")
    _assert_valid(text)


def test_validator_is_not_vacuous():
    text = _one(CLAIMS[0])
    assert pyx12_errors(text.replace("SBR*P*18", "SBR*Q*18")) != []
    assert pyx12_errors(text.replace("REF*6R*L101~", "")) != []  # SE count now wrong


def test_hl_parents_and_child_codes():
    segs = _segments(_write(sample_transactions(CLAIMS)))
    first_tx = segs[: [s[0] for s in segs].index("SE")]
    hls = [s for s in first_tx if s[0] == "HL"]
    numbers = [int(h[1]) for h in hls]
    assert numbers == list(range(1, len(hls) + 1))
    by_id = {h[1]: h for h in hls}
    for hl in hls:
        children = [c for c in hls if c[2] == hl[1]]
        assert hl[4] == ("1" if children else "0")
        if hl[3] == "20":
            assert hl[2] == ""
        else:
            assert by_id[hl[2]][3] == {"22": "20", "23": "22"}[hl[3]]
    # claims 1 and 34 share a subscriber; 14 and 35 share a dependent: one HL each.
    level22 = [h for h in hls if h[3] == "22"]
    level23 = [h for h in hls if h[3] == "23"]
    assert len(level23) == 2
    assert len(level22) == len({(c.subscriber, c.payer, c.patient is not None) for c in CLAIMS[:23]} |
                               {(CLAIMS[33].subscriber, CLAIMS[33].payer, False)})


def _claim_text(kind: str) -> str:
    return _one(dict(SAMPLES)[kind])


def test_claim_segments_follow_the_guide():
    text = _claim_text("E/M 99214 + 90836")
    assert "CLM*CLM00008*295.25***11:B:1*Y*A*Y*Y~" in text
    assert "HI*ABK:F331*ABF:F411~" in text
    assert "SV1*HC:99214*165*UN*1***1:2~" in text
    assert "NM1*82*1*STEIN*PAUL****XX*" in text and "PRV*PE*PXC*2084P0800X~" in text
    tele = _claim_text("four modifiers, line POS override")
    assert "SV1*HC:90837:95:HO:GT:59*180*UN*1*02**1~" in tele


def test_corrections_voids_and_prior_authorization():
    assert "11:B:7" in _claim_text("corrected frequency 7")
    assert "REF*F8*PAYERICN2200001~" in _claim_text("corrected frequency 7")
    assert "11:B:8" in _claim_text("void frequency 8")
    both = _claim_text("corrected with prior auth")
    assert both.index("REF*G1*PA25~") < both.index("REF*F8*ICN25~")


def test_dependent_supervisor_facility_and_cob_loops():
    child = _claim_text("dependent child PAT 19")
    assert "HL*3*2*23*0~PAT*19~NM1*QC*1*CHILD14*SAM~" in child
    assert "HL*2*1*22*1~SBR*P**GRP000******CI~" in child
    assert "NM1*DQ*1*OKAFOR*GRACE***PHD*XX*" in _claim_text("associate with supervisor")
    assert "NM1*77*2*CALM WATERS EAST CLINIC*****XX*" in _claim_text("service facility 2310C")
    cob = _claim_text("secondary with line COB")
    assert "SBR*S*18*" in cob and "SBR*P*18**" in cob
    assert "AMT*D*98.4~OI***Y***Y~" in cob
    assert "SVD*MCRB01*98.4*HC:90837**1~CAS*CO*45*57~CAS*PR*2*24.6~DTP*573*D8*20260320~" in cob
    claim_level = _claim_text("secondary claim-level COB")
    assert "CAS*CO*45*27.5~CAS*PR*2*12.5~AMT*D*50~" in claim_level
    assert "NM1*PR*2*MEDICARE PART B*****PI*MCRB01~DTP*573*D8*20260320~" in claim_level
    assert "SVD*" not in claim_level


def test_delimiter_in_a_name_is_refused_before_writing():
    claim = CLAIMS[0]
    bad = dataclasses.replace(claim, subscriber=dataclasses.replace(
        claim.subscriber, name=PersonName("O*Brien", "Pat")))
    with pytest.raises(X12WriteError, match=r"NM103 contains the delimiter '\*'"):
        _one(bad)


@pytest.mark.parametrize(("change", "message"), [
    ({"frequency_code": "7"}, "REF\\*F8"),
    ({"frequency_code": "5"}, "frequency"),
    ({"diagnoses": tuple(f"F4{i}.1" for i in range(13))}, "twelve"),
    ({"diagnoses": ()}, "twelve"),
    ({"lines": ()}, "fifty"),
])
def test_claim_rules_are_enforced(change, message):
    with pytest.raises(X12WriteError, match=message):
        dataclasses.replace(CLAIMS[0], **change)


def test_secondary_needs_its_earlier_payers():
    secondary = dict(SAMPLES)["secondary claim-level COB"]
    with pytest.raises(X12WriteError, match="2320"):
        dataclasses.replace(secondary, other_payers=())
    with pytest.raises(X12WriteError, match="2330B"):
        wrong_payer = dataclasses.replace(secondary.other_payers[0], payer=CLAIMS[0].payer)
        dataclasses.replace(dict(SAMPLES)["secondary with line COB"], other_payers=(wrong_payer,))


def test_line_rules_are_enforced():
    ok = dict(procedure_code="90837", charge=Decimal("10"), units=Decimal("1"), service_date=DOS,
              diagnosis_pointers=(1,), control_number="L1")
    with pytest.raises(X12WriteError, match="four modifiers"):
        ServiceLine(**ok, modifiers=("95", "HO", "GT", "59", "XE"))
    with pytest.raises(X12WriteError, match="pointers"):
        ServiceLine(**{**ok, "diagnosis_pointers": (1, 2, 3, 4, 5)})
    with pytest.raises(TypeError):
        ServiceLine(**{**ok, "charge": 10.0})
    line = ServiceLine(**{**ok, "diagnosis_pointers": (2,)})
    with pytest.raises(X12WriteError, match="points past"):
        dataclasses.replace(CLAIMS[0], lines=(line,))


def test_more_than_100_claims_for_one_subscriber_or_dependent_split_into_new_hls():
    """Loop 2300 repeats at most 100 times per HL: 130 claims each need a second HL 22 / HL 23."""
    own, child = dict(SAMPLES)["psychotherapy 90837"], dict(SAMPLES)["dependent child PAT 19"]
    claims = [dataclasses.replace(base, patient_control_number=f"{tag}{i:04d}")
              for tag, base in (("S", own), ("C", child)) for i in range(130)]
    text = _write([Transaction837P(9, SUBMITTER, RECEIVER, (BillingGroup(CLINIC, tuple(claims)),))])
    _assert_valid(text)
    hls = [s for s in _segments(text) if s[0] == "HL"]
    assert [h[3] for h in hls] == ["20", "22", "22", "22", "23", "23"]
    assert [h[2] for h in hls[4:]] == [hls[3][1], hls[3][1]]
