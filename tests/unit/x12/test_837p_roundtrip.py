"""Our own reader reads each 837P file we write back to the same typed claims (issue 4).

Equality is dataclass `==` on the whole Transaction837P. Where the writer is lossy by
design, the expected objects get the same normalisation first (`_expected` and helpers):
- names (person and organisation, payer, submitter, receiver, contact, facility) are
  upper-cased with whitespace collapsed (x12_name); address lines, city and state are
  upper-cased;
- diagnoses lose the dot and are upper-cased ("F33.1" -> "F331"), as HI carries them;
- a line's place of service equal to the claim's CLM05-1 is not written (SV105 empty);
- a subscriber without DMG (a dependent's subscriber) has no sex on file; one with DMG
  but no sex is written as "U";
- supervising provider taxonomy (2310D has no PRV) and other-payer addresses (2330B N3/N4
  are not written) are dropped;
- 2330B DTP*573 is only written when that payer has no 2430 line adjudication, so the
  other payer's adjudication_date reads back as None then;
- CAS groups adjustments by group code (first-seen order);
- claims are regrouped by subscriber HL (first-seen subscriber, then first-seen patient);
- BHT03 defaults to the control number when reference_id is empty;
- CLM02 is derived (Claim.total_charge); the reader checks it equals the sum of SV102.
Decimal amounts compare by value (180.00 == 180), so "180" in SV102 needs no normalisation.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from bhbilling.x12.claim837p import (
    Address,
    Adjustment,
    BillingGroup,
    BillingProvider,
    Claim,
    OtherPayer,
    PersonName,
    Provider,
    ServiceLine,
    Subscriber,
    Transaction837P,
    read_837p,
)
from bhbilling.x12.errors import X12Error, X12ValueError
from bhbilling.x12.syntax import Delimiters, x12_name
from tests.unit.x12.samples_837p import (
    CLINIC,
    RECEIVER,
    SUBMITTER,
    sample_claims,
    sample_transactions,
    write_samples,
)

SAMPLES = sample_claims()
CLAIMS = [claim for _, claim in SAMPLES]
_write = write_samples


def _single(claim: Claim) -> list[Transaction837P]:
    return [Transaction837P(1, SUBMITTER, RECEIVER, (BillingGroup(CLINIC, (claim,)),))]


# --- the writer's normalisation, applied to the expected objects -----------------------------

def _name(n: PersonName) -> PersonName:
    return PersonName(x12_name(n.last), x12_name(n.first), x12_name(n.middle), x12_name(n.suffix))


def _addr(a: Address | None) -> Address | None:
    if a is None:
        return None
    return Address(a.line1.upper(), a.city.upper(), a.state.upper(), a.postal_code, a.line2.upper())


def _adjs(adjustments: tuple[Adjustment, ...]) -> tuple[Adjustment, ...]:
    groups = list(dict.fromkeys(a.group for a in adjustments))
    return tuple(a for g in groups for a in adjustments if a.group == g)


def _provider(p: Provider | None, *, taxonomy: bool) -> Provider | None:
    if p is None:
        return None
    return Provider(p.npi, _name(p.name), p.taxonomy if taxonomy else "")


def _subscriber(s: Subscriber) -> Subscriber:
    sex = (s.sex or "U") if s.date_of_birth is not None else ""
    return dataclasses.replace(s, name=_name(s.name), address=_addr(s.address), sex=sex)


def _line(line: ServiceLine, claim_pos: str) -> ServiceLine:
    return dataclasses.replace(
        line, place_of_service="" if line.place_of_service == claim_pos else line.place_of_service,
        adjudications=tuple(dataclasses.replace(a, adjustments=_adjs(a.adjustments))
                            for a in line.adjudications))


def _other(o: OtherPayer, line_level: set[str]) -> OtherPayer:
    payer = dataclasses.replace(o.payer, name=x12_name(o.payer.name), address=None)
    return dataclasses.replace(o, subscriber_name=_name(o.subscriber_name), payer=payer,
                               adjustments=_adjs(o.adjustments),
                               adjudication_date=None if o.payer.payer_id in line_level
                               else o.adjudication_date)


def _claim(c: Claim) -> Claim:
    line_level = {a.payer_id for line in c.lines for a in line.adjudications}
    patient = c.patient and dataclasses.replace(c.patient, name=_name(c.patient.name),
                                                address=_addr(c.patient.address))
    facility = c.service_facility and dataclasses.replace(
        c.service_facility, name=x12_name(c.service_facility.name),
        address=_addr(c.service_facility.address))
    return dataclasses.replace(
        c, subscriber=_subscriber(c.subscriber), patient=patient, service_facility=facility,
        payer=dataclasses.replace(c.payer, name=x12_name(c.payer.name), address=_addr(c.payer.address)),
        diagnoses=tuple(d.replace(".", "").upper() for d in c.diagnoses),
        lines=tuple(_line(line, c.place_of_service) for line in c.lines),
        rendering_provider=_provider(c.rendering_provider, taxonomy=True),
        supervising_provider=_provider(c.supervising_provider, taxonomy=False),
        other_payers=tuple(_other(o, line_level) for o in c.other_payers))


def _writer_order(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Claims grouped as the writer emits HLs: by (subscriber, payer, dependent), then patient."""
    groups: dict[tuple, dict] = {}
    for c in claims:
        groups.setdefault((c.subscriber, c.payer, c.patient is not None), {}).setdefault(
            c.patient, []).append(c)
    return tuple(c for by_patient in groups.values() for cs in by_patient.values() for c in cs)


def _billing(bp: BillingProvider) -> BillingProvider:
    return dataclasses.replace(bp, organization_name=x12_name(bp.organization_name),
                               person=bp.person and _name(bp.person), address=_addr(bp.address),
                               pay_to_address=_addr(bp.pay_to_address))


def _expected(tx: Transaction837P) -> Transaction837P:
    sub = tx.submitter
    return dataclasses.replace(
        tx, reference_id=tx.reference_id or str(tx.control_number),
        submitter=dataclasses.replace(sub, name=x12_name(sub.name), contact=dataclasses.replace(
            sub.contact, name=x12_name(sub.contact.name))),
        receiver=dataclasses.replace(tx.receiver, name=x12_name(tx.receiver.name)),
        billing_groups=tuple(BillingGroup(_billing(g.billing_provider),
                                          tuple(_claim(c) for c in _writer_order(g.claims)))
                             for g in tx.billing_groups))


def _roundtrip(transactions: list[Transaction837P], **kw) -> None:
    text = _write(transactions, **kw)
    assert list(read_837p(text.encode(), file_name="t.837")) == [_expected(t) for t in transactions]


# --- round trips ---------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "claim"), SAMPLES, ids=[kind for kind, _ in SAMPLES])
def test_each_sample_claim_reads_back_equal(kind, claim):
    _roundtrip(_single(claim))


def test_multi_transaction_file_reads_back_equal():
    transactions = sample_transactions(CLAIMS)
    _roundtrip(transactions, line_break=True)
    assert sum(len(g.claims) for t in transactions for g in t.billing_groups) == len(CLAIMS) + 1


def test_custom_delimiter_file_reads_back_equal():
    delims = Delimiters(element="|", component=">", repetition="!", segment="\n")
    _roundtrip(sample_transactions(CLAIMS[:10]), delimiters=delims)


def test_more_than_100_claims_per_subscriber_read_back_in_one_group(tmp_path):
    own, child = dict(SAMPLES)["psychotherapy 90837"], dict(SAMPLES)["dependent child PAT 19"]
    claims = tuple(dataclasses.replace(base, patient_control_number=f"{tag}{i:04d}")
                   for tag, base in (("S", own), ("C", child)) for i in range(130))
    path = tmp_path / "big.837"
    tx = Transaction837P(9, SUBMITTER, RECEIVER, (BillingGroup(CLINIC, claims),))
    path.write_text(_write([tx]))
    assert list(read_837p(path)) == [_expected(tx)]


def test_normalisation_is_not_vacuous():
    """A real difference (another line charge) still makes the read-back unequal."""
    claim = dict(SAMPLES)["psychotherapy 90837"]
    [tx] = read_837p(_write(_single(claim)).encode())
    changed = dataclasses.replace(claim, lines=(dataclasses.replace(claim.lines[0], charge=Decimal(181)),))
    assert tx != _expected(_single(changed)[0])
    assert tx == _expected(_single(claim)[0])


# --- located errors ------------------------------------------------------------------------

def _broken(old: str, new: str) -> tuple[bytes, int]:
    """The one-claim file with `old` replaced once, and the 1-based number of that segment."""
    text = _write(_single(dict(SAMPLES)["psychotherapy 90837"]))
    assert text.count(old) == 1
    text = text.replace(old, new)
    number = next(i for i, s in enumerate(text.split("~"), start=1) if s.startswith(new.split("~")[0]))
    return text.encode(), number


def _error(data: bytes) -> X12Error:
    with pytest.raises(X12ValueError) as info:
        list(read_837p(data, file_name="bad.837"))
    return info.value


def test_missing_clm02_is_located():
    data, number = _broken("CLM*CLM00001*180*", "CLM*CLM00001**")
    err = _error(data)
    assert (err.file, err.segment_number, err.segment_id, err.element) == ("bad.837", number, "CLM", "CLM02")
    assert err.ack_code is not None and err.ack_code.code == "1"
    assert str(err).startswith(f"bad.837 segment {number} (CLM), element CLM02: required element missing")


def test_non_numeric_sv102_is_located():
    data, number = _broken("SV1*HC:90837*180*", "SV1*HC:90837*18O*")
    err = _error(data)
    assert (err.segment_number, err.segment_id, err.element) == (number, "SV1", "SV102")
    assert err.expected == "a decimal amount" and err.found == "18O"


def test_hl_parent_pointing_to_nothing_is_located():
    data, number = _broken("HL*2*1*22*0", "HL*2*7*22*0")
    err = _error(data)
    assert (err.segment_number, err.segment_id, err.element) == (number, "HL", "HL02")
    assert "HL parent not found" in str(err) and err.found == "7"


def test_clm02_must_equal_the_line_charges():
    data, number = _broken("CLM*CLM00001*180*", "CLM*CLM00001*190*")
    err = _error(data)
    assert (err.segment_number, err.element) == (number, "CLM02")


def test_unmodelled_segment_is_refused_not_dropped():
    data, number = _broken("DTP*472*D8*20260302~", "NTE*ADD*NOTE~DTP*472*D8*20260302~")
    text = re.sub(r"SE\*(\d+)\*", lambda m: f"SE*{int(m[1]) + 1}*", data.decode())  # SE01 + 1
    err = _error(text.encode())
    assert (err.segment_number, err.segment_id) == (number, "NTE")
    assert "DTP*472" in (err.expected or "")
