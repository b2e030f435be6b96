"""Loop 2300 (claim) and everything under it: 2310B/C/D, 2320/2330A/2330B, 2400, 2430.

Segment order follows 005010X222A1 exactly; pyx12 and clearinghouses reject segments out of
order. `emit` appends built segments (without terminators) to the transaction's list.
"""

from __future__ import annotations

from collections.abc import Callable

from bhbilling.x12.claim837p.model import (
    Address,
    Adjustment,
    Claim,
    OtherPayer,
    PersonName,
    Provider,
    ServiceLine,
)
from bhbilling.x12.syntax import x12_date, x12_decimal, x12_money, x12_name

__all__ = ["address_segments", "claim_segments", "person_nm1"]

Build = Callable[..., str]


def address_segments(seg: Build, out: list[str], address: Address) -> None:
    """N3 (N301 line 1, N302 line 2) and N4 (N401 city, N402 state, N403 ZIP)."""
    out.append(seg("N3", address.line1.upper(), address.line2.upper() or None))
    out.append(seg("N4", address.city.upper(), address.state.upper(), address.postal_code))


def person_nm1(seg: Build, code: str, name: PersonName, id_qual: str, ident: str) -> str:
    """NM1 for an individual: NM102 '1', NM103-NM105 and NM107 name, NM108/NM109 id."""
    return seg("NM1", code, "1", x12_name(name.last), x12_name(name.first) or None,
               x12_name(name.middle) or None, None, x12_name(name.suffix) or None,
               id_qual if ident else None, ident or None)


def _cas(seg: Build, out: list[str], adjustments: tuple[Adjustment, ...]) -> None:
    """CAS: one segment per group code, up to six reason/amount/quantity triplets each."""
    by_group: dict[str, list[Adjustment]] = {}
    for adj in adjustments:
        by_group.setdefault(adj.group, []).append(adj)
    for group, items in by_group.items():
        for start in range(0, len(items), 6):
            elements: list[str | None] = [group]
            for adj in items[start:start + 6]:
                qty = None if adj.quantity is None else x12_decimal(adj.quantity)
                elements += [adj.reason, x12_money(adj.amount), qty]
            out.append(seg("CAS", *elements))


def _provider(seg: Build, out: list[str], code: str, provider: Provider, prv: bool) -> None:
    """2310B (NM1*82, PRV*PE*PXC taxonomy) or 2310D (NM1*DQ, no PRV)."""
    out.append(person_nm1(seg, code, provider.name, "XX", provider.npi))
    if prv and provider.taxonomy:
        out.append(seg("PRV", "PE", "PXC", provider.taxonomy))


def _other_payer(seg: Build, out: list[str], other: OtherPayer, line_level: bool) -> None:
    """2320 SBR/CAS/AMT*D/OI, 2330A NM1*IL, 2330B NM1*PR; 2330B DTP*573 (claim check or
    remittance date) is required when that payer's lines carry no 2430 adjudication."""
    out.append(seg("SBR", other.payer_responsibility, other.relationship, other.group_number or None,
                   None, None, None, None, None, other.claim_filing_indicator))
    _cas(seg, out, other.adjustments)
    out.append(seg("AMT", "D", x12_money(other.paid_amount)))
    out.append(seg("OI", None, None, "Y", None, None, "Y"))
    out.append(person_nm1(seg, "IL", other.subscriber_name, "MI", other.member_id))
    out.append(seg("NM1", "PR", "2", x12_name(other.payer.name), None, None, None, None,
                   "PI", other.payer.payer_id))
    if not line_level and other.adjudication_date is not None:
        out.append(seg("DTP", "573", "D8", x12_date(other.adjudication_date)))


def _line(seg: Build, out: list[str], number: int, line: ServiceLine, claim_pos: str) -> None:
    """2400 LX, SV1, DTP*472, REF*6R, then a 2430 SVD/CAS/DTP*573 per earlier payer."""
    out.append(seg("LX", str(number)))
    pos = line.place_of_service if line.place_of_service != claim_pos else None
    out.append(seg("SV1", ("HC", line.procedure_code, *line.modifiers), x12_money(line.charge), "UN",
                   x12_decimal(line.units), pos or None, None,
                   tuple(str(p) for p in line.diagnosis_pointers)))
    out.append(seg("DTP", "472", "D8", x12_date(line.service_date)))
    out.append(seg("REF", "6R", line.control_number))
    for adj in line.adjudications:
        out.append(seg("SVD", adj.payer_id, x12_money(adj.paid_amount),
                       ("HC", adj.procedure_code, *adj.modifiers), None, x12_decimal(adj.units)))
        _cas(seg, out, adj.adjustments)
        out.append(seg("DTP", "573", "D8", x12_date(adj.adjudication_date)))


def claim_segments(seg: Build, out: list[str], claim: Claim) -> None:
    """Loop 2300 CLM, REF*F8, REF*G1, HI; 2310B/2310C/2310D; 2320..; 2400 lines."""
    out.append(seg("CLM", claim.patient_control_number, x12_money(claim.total_charge), None, None,
                   (claim.place_of_service, "B", claim.frequency_code), claim.provider_signature,
                   claim.assignment, claim.benefits_assignment, claim.release_of_information))
    # 2300 REF order in the guide: G1 (prior authorization) before F8 (payer claim control number).
    if claim.prior_authorization:
        out.append(seg("REF", "G1", claim.prior_authorization))
    if claim.original_claim_number:
        out.append(seg("REF", "F8", claim.original_claim_number))
    codes = [code.replace(".", "").upper() for code in claim.diagnoses]
    out.append(seg("HI", ("ABK", codes[0]), *(("ABF", code) for code in codes[1:])))
    if claim.rendering_provider is not None:
        _provider(seg, out, "82", claim.rendering_provider, prv=True)
    if claim.service_facility is not None:
        facility = claim.service_facility
        out.append(seg("NM1", "77", "2", x12_name(facility.name), None, None, None, None,
                       "XX" if facility.npi else None, facility.npi or None))
        address_segments(seg, out, facility.address)
    if claim.supervising_provider is not None:
        _provider(seg, out, "DQ", claim.supervising_provider, prv=False)
    line_level = {adj.payer_id for line in claim.lines for adj in line.adjudications}
    for other in claim.other_payers:
        _other_payer(seg, out, other, other.payer.payer_id in line_level)
    for number, line in enumerate(claim.lines, start=1):
        _line(seg, out, number, line, claim.place_of_service)
