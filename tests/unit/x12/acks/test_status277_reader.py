"""277CA (005010X214) and 277 (005010X212) read into claim statuses; bad files refused.

Ring: x12. Every file of the shared corpus's 277ca and 277 folders is read (one has an
IEA02 that differs from its ISA13 and fails at the envelope, located; its body reads once
the trailer is fixed). Crafted files check the claim-level parts and the error paths.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.x12.errors import X12EnvelopeError, X12Error, X12ValueError
from bhbilling.x12.status277 import read_277

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus"
HEAD = ("ISA*00*          *00*          *ZZ*PAYERCH        *ZZ*NWB0001        *260326*1200*^*00501*"
        "000000009*0*T*:~GS*HN*PAYERCH*NWB0001*20260326*1200*9*X*005010X214~")
ACCEPTED_CA = [
    "BHT*0085*08*REF1*20260326*1200*TH", "HL*1**20*1", "NM1*PR*2*CASCADE*****PI*CHP123", "TRN*1*T1",
    "DTP*050*D8*20260326", "DTP*009*D8*20260326", "HL*2*1*21*1", "NM1*41*2*NORTHWIND*****46*NWB0001",
    "TRN*2*BATCH7", "STC*A1:19:PR*20260326*WQ*270", "QTY*90*1", "QTY*AA*1", "AMT*YU*180", "AMT*YY*90",
    "HL*3*2*19*1", "NM1*85*2*CALM WATERS*****XX*1234567893", "TRN*1*1234567893", "STC*A1:19:85**WQ*270",
    "HL*4*3*PT", "NM1*QC*1*RIVERA*PAT****MI*MEM1", "TRN*2*CLM1", "STC*A2:20*20260326*WQ*180",
    "REF*1K*260850000001", "DTP*472*D8*20260302",
    "HL*5*3*PT", "NM1*QC*1*RIVERA*SAM****MI*MEM1", "TRN*2*CLM2",
    "STC*A7:562:85*20260326*U*90******A6:158:QC**NPI INVALID", "DTP*472*RD8*20260302-20260303",
    "SVC*HC:90832:95*90*****1", "STC*A7:454*20260326*U", "REF*FJ*LC1", "DTP*472*D8*20260302",
]


def _file(body: list[str], version: str = "005010X214") -> bytes:
    segs = [f"ST*277*0001*{version}", *body]
    head = HEAD.replace("005010X214", version)
    return (head + "~".join(segs) + f"~SE*{len(segs) + 1}*0001~GE*1*9~IEA*1*000000009~").encode()


def test_277ca_parties_claims_and_lines():
    resp, = read_277(_file(ACCEPTED_CA))
    assert resp.is_acknowledgment and resp.reference == "REF1" and resp.transaction_type == "TH"
    assert resp.created == dt.date(2026, 3, 26)
    source, receiver, provider = resp.parties
    assert source.entity.code == "PR" and source.entity.id == "CHP123" and source.trace == "T1"
    assert dict(source.dates) == {"050": dt.date(2026, 3, 26), "009": dt.date(2026, 3, 26)}
    assert receiver.trace == "BATCH7" and receiver.quantity("90") == 1
    assert receiver.amount("YY") == Decimal("90.00")
    assert str(receiver.statuses[0].codes[0]) == "A1:19:PR"
    assert provider.entity.id == "1234567893" and provider.statuses[0].effective_date is None
    ok, bad = resp.claims
    assert (ok.patient_control_number, ok.payer_claim_number, ok.accepted, ok.rejected) == (
        "CLM1", "260850000001", True, False)
    assert ok.status.charge == Decimal("180.00") and ok.status.action == "WQ"
    assert ok.patient.id == "MEM1" and ok.provider.id == "1234567893"
    assert bad.rejected and not bad.accepted and bad.payer_claim_number == ""
    assert [str(c) for c in bad.status.codes] == ["A7:562:85", "A6:158:QC"]
    assert bad.status.message == "NPI INVALID"
    assert bad.service_period == (dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    line, = bad.lines
    assert (line.procedure, line.modifiers, line.units, line.line_control_number) == (
        "90832", ("95",), Decimal(1), "LC1")
    assert line.statuses[0].rejected and resp.claim("CLM2") is bad


def test_277_subscriber_and_dependent_levels():
    body = ["BHT*0010*08*ABC276*20260326*1200*DG", "HL*1**20*1", "NM1*PR*2*CASCADE*****PI*CHP123",
            "HL*2*1*21*1", "NM1*41*2*NORTHWIND*****46*NWB0001", "HL*3*2*19*1",
            "NM1*1P*2*CALM WATERS*****XX*1234567893", "HL*4*3*22*1", "NM1*IL*1*RIVERA*PAT****MI*MEM1",
            "HL*5*4*23", "NM1*QC*1*RIVERA*SAM", "TRN*2*CLM9",
            "STC*F1:1*20260326**180*48*20260320**20260321*EFT55", "REF*1K*ICN9", "REF*EJ*CLM9",
            "DTP*472*D8*20260302", "SVC*HC:90837*180*48****1", "STC*F1:1*20260320", "REF*FJ*LC1",
            "DTP*472*D8*20260302"]
    resp, = read_277(_file(body, "005010X212"))
    claim, = resp.claims
    assert not resp.is_acknowledgment and claim.level == "23"
    assert claim.subscriber.id == "MEM1" and claim.patient.code == "QC" and claim.provider.code == "1P"
    status = claim.status
    assert (status.category, status.code, status.paid, status.adjudicated, status.remittance_trace) == (
        "F1", "1", Decimal("48.00"), dt.date(2026, 3, 20), "EFT55")
    assert claim.patient_control_reference == "CLM9" and claim.lines[0].paid == Decimal("48.00")


@pytest.mark.parametrize(("change", "element"), [
    (("STC*A2:20*20260326*WQ*180", "STC*A2*20260326*WQ*180"), "STC01"),
    (("STC*A2:20*20260326*WQ*180", "STC*A2:20*20261399*WQ*180"), "STC02"),
    (("STC*A2:20*20260326*WQ*180", "STC*A2:20*20260326*ZZ*180"), "STC03"),
    (("STC*A2:20*20260326*WQ*180", "STC*A2:20*20260326*WQ*1.234"), "STC04"),
    (("HL*4*3*PT", "HL*4*9*PT"), "HL02"),
    (("HL*4*3*PT", "HL*4*3*22"), "HL03"),
    (("DTP*472*D8*20260302", "DTP*472*XX*20260302"), "DTP02"),
])
def test_bad_values_are_located(change, element):
    body = [change[1] if seg == change[0] else seg for seg in ACCEPTED_CA]
    with pytest.raises(X12ValueError) as err:
        read_277(_file(body))
    assert err.value.element == element


def test_segments_out_of_place_are_refused():
    body = [*ACCEPTED_CA[:20], "REF*1K*EARLY", *ACCEPTED_CA[20:]]  # REF before the claim's TRN
    with pytest.raises(X12ValueError) as err:
        read_277(_file(body))
    assert err.value.segment_id == "REF" and err.value.ack_code.field == "IK304"
    with pytest.raises(X12ValueError):
        read_277(_file([*ACCEPTED_CA, "PLB*1*2"]))


def _corpus() -> list[Path]:
    return sorted([*(SHARED / "277ca").iterdir(), *(SHARED / "277").iterdir()])


def test_every_corpus_file_reads_or_fails_located():
    read, failed = {}, {}
    for path in _corpus():
        try:
            read[path.name] = read_277(path)
        except X12Error as exc:
            failed[path.name] = exc
    assert set(failed) == {"imsweb__x12_277_x212.txt"}
    assert isinstance(failed["imsweb__x12_277_x212.txt"], X12EnvelopeError)
    assert failed["imsweb__x12_277_x212.txt"].element == "IEA02"
    assert len(read) == 6
    ca = read["imsweb__x12_277CA_rejected.txt"][0].claims[0]
    assert ca.rejected and [str(c) for c in ca.status.codes] == ["A7:562:85"]
    assert read["imsweb__x12_277CA_accepted.txt"][0].claims[0].accepted
    claims = [c for r in read["lfh__claim-level-status.277"] for c in r.claims]
    statuses = [str(s.codes[0]) for c in claims for s in c.statuses]
    assert statuses == ["P3:317", "F0:3", "F2:88:QC"]


def test_broken_corpus_file_body_reads_once_its_trailer_is_fixed():
    data = (SHARED / "277" / "imsweb__x12_277_x212.txt").read_bytes()
    fixed = data.replace(b"IEA*1*842928883", b"IEA*1*000000001")
    resp, = read_277(fixed)
    assert len(resp.claims) == 8 and all(c.status.category == "A1" for c in resp.claims)
    assert resp.claims[0].status.message == "PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM"
