"""A stored claim -> the facts of its CMS-1500 (02/12) paper form, and the audited PDF.

How each item is filled (NUCC 1500 Reference Instruction Manual, 02/12):
- 1 from the payer kind (Medicare, Medicaid and Medicaid managed care, TRICARE; commercial
  with a group number is a group health plan, everything else "Other"); 1a the member ID;
  4/7/11a the subscriber (the patient when the relationship is self; the insured's
  address is the patient's, as on our 837P, because we keep no separate subscriber
  address); 11 the group number; 11c the plan name (the payer's name when none).
- 9/9a/9d and 11d: another coverage of the patient active on the first date of service
  (any priority other than this claim's, never a self-pay "payer").
- 10a-c "No": the practice records no employment or accident facts for sessions.
- 12/13 "SIGNATURE ON FILE" (the practice keeps the patient's release and assignment);
  14 and 17 blank: sessions record no onset date or referring provider.
- 21 indicator 0 and the claim's diagnoses in order (A-L); 24E letters from each line's
  diagnosis pointers; 22 the frequency (7 replacement, 8 void) with the payer's claim
  number of the original claim (REF*F8 on the 837P); 23 the prior authorization.
- 24J and 31 the rendering provider; 25 the practice's EIN; 26 our claim control number
  (CLM01); 27 "Yes" (the practice accepts assignment); 32 the session's location unless
  the visit was telehealth (POS 02/10 have no facility, as in 837P loop 2310C); 33 the
  practice with its type-2 NPI.
- 29: what the patient and earlier payers paid on these services: the patient's payments
  less refunds linked to this claim, the claim it corrects or the earlier payers' claims
  it follows, plus what those earlier payers paid (the primary's 835 on a secondary claim).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from bhbilling.app import audit
from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClaimPayment,
    Coverage,
    PatientPayment,
    PaymentKind,
)
from bhbilling.documents.addresses import mailing_lines
from bhbilling.documents.cms1500 import render_cms1500
from bhbilling.documents.cms1500_facts import DIAGNOSIS_LETTERS, Address, Cms1500Facts, Cms1500Line
from bhbilling.domain.parties import PayerKind

__all__ = ["amount_paid", "claim_form_facts", "claim_form_pdf", "person_name"]

TELEHEALTH_POS = {"02", "10"}
RELATIONSHIPS = {"18": "self", "01": "spouse", "19": "child"}  # any other code: "other"
ZERO = Decimal("0.00")


def person_name(last: str, first: str, middle: str = "") -> str:
    """``LAST, FIRST, M`` as items 2, 4 and 9 ask (middle initial only)."""
    return ", ".join(p for p in (last, first, middle[:1]) if p)


def _address(obj: Any) -> Address:
    return Address(obj.address_line1, obj.address_line2, obj.city, obj.state, obj.postal_code)


def _insurance_type(claim: Claim) -> str:
    if claim.payer is None:
        return "other"
    kind = PayerKind(claim.payer.kind)
    if kind is PayerKind.MEDICARE:
        return "medicare"
    if kind in (PayerKind.MEDICAID, PayerKind.MEDICAID_MCO):
        return "medicaid"
    if kind is PayerKind.TRICARE:
        return "tricare"
    if kind is PayerKind.COMMERCIAL and claim.coverage and claim.coverage.group_number:
        return "group"
    return "other"


def _chain(claim: Claim, attr: str) -> list[int]:
    """Ids of ``claim`` followed by ``attr`` (original_claim / prior_payer_claim) links."""
    ids, seen = [], set()
    row = getattr(claim, attr)
    while row is not None and row.pk not in seen:
        ids.append(row.pk)
        seen.add(row.pk)
        row = getattr(row, attr)
    return ids


def amount_paid(claim: Claim) -> Decimal:
    """Item 29: the patient's payments less refunds on this claim, the claim it corrects and
    the earlier payers' claims it follows, plus what those earlier payers paid."""
    earlier = _chain(claim, "prior_payer_claim")
    own = [claim.pk, *_chain(claim, "original_claim"), *earlier]
    rows = (PatientPayment.unscoped.filter(practice_id=claim.practice_id, claim_id__in=own)
            .values("kind").annotate(total=Sum("amount")).order_by())
    by_kind = {row["kind"]: row["total"] or ZERO for row in rows}
    patient = by_kind.get(PaymentKind.PAYMENT, ZERO) - by_kind.get(PaymentKind.REFUND, ZERO)
    payers = ZERO
    if earlier:
        payers = (ClaimPayment.unscoped.filter(practice_id=claim.practice_id, claim_id__in=earlier)
                  .aggregate(total=Sum("paid"))["total"] or ZERO)
    return (patient + payers).quantize(Decimal("0.01"))


def _other_coverage(claim: Claim, day: dt.date) -> Coverage | None:
    rows = (Coverage.unscoped.filter(practice_id=claim.practice_id, patient_id=claim.patient_id)
            .exclude(pk=claim.coverage_id).exclude(payer__kind=PayerKind.SELF_PAY.value)
            .select_related("payer").order_by("priority", "-starts_on", "id"))
    return next((c for c in rows if c.is_active_on(day)), None)


def _insured(claim: Claim) -> dict[str, Any]:
    cov, patient = claim.coverage, claim.patient
    if cov is None:
        return {"relationship": "", "insured_id": "", "insured_name": "", "insured_group": "",
                "insured_birth_date": None, "insured_sex": "", "insured_plan_name": "",
                "insured_address": Address()}
    if cov.relationship == "18":
        name = person_name(patient.last_name, patient.first_name, patient.middle_name)
        birth, sex = patient.date_of_birth, patient.sex
    else:
        name = person_name(cov.subscriber_last_name, cov.subscriber_first_name)
        birth, sex = cov.subscriber_date_of_birth, cov.subscriber_sex
    return {"relationship": RELATIONSHIPS.get(cov.relationship, "other"),
            "insured_id": cov.member_id, "insured_name": name, "insured_group": cov.group_number,
            "insured_birth_date": birth, "insured_sex": sex if sex in ("M", "F") else "",
            "insured_plan_name": cov.plan_name or (claim.payer.name if claim.payer else ""),
            "insured_address": _address(patient)}


def _other(claim: Claim, day: dt.date) -> dict[str, Any]:
    other = _other_coverage(claim, day)
    if other is None:
        return {"has_other_plan": False}
    if other.relationship == "18":
        p = claim.patient
        name = person_name(p.last_name, p.first_name, p.middle_name)
    else:
        name = person_name(other.subscriber_last_name, other.subscriber_first_name)
    return {"has_other_plan": True, "other_insured_name": name,
            "other_insured_policy": other.member_id,
            "other_insured_plan": other.plan_name or other.payer.name}


def _lines(claim: Claim) -> tuple[Cms1500Line, ...]:
    npi = claim.rendering_provider.npi
    out = []
    for ln in ClaimLine.unscoped.filter(claim_id=claim.pk).order_by("line_number"):
        pointers = "".join(DIAGNOSIS_LETTERS[p - 1] if 1 <= p <= 12 else "?"
                           for p in (ln.diagnosis_pointers or [1])[:4])
        out.append(Cms1500Line(
            date_from=ln.date_of_service, date_to=ln.date_of_service,
            place_of_service=ln.place_of_service or claim.place_of_service, code=ln.code,
            charge=Decimal(ln.charge), units=Decimal(ln.units), rendering_npi=npi,
            modifiers=tuple(ln.modifiers or ()), pointers=pointers))
    return tuple(out)


def _facility(claim: Claim) -> dict[str, Any]:
    loc = claim.session.location if claim.session_id else None
    if loc is None or claim.place_of_service in TELEHEALTH_POS:
        return {}
    return {"facility_name": loc.name, "facility_address": _address(loc), "facility_npi": loc.npi}


def claim_form_facts(claim: Claim, *, today: dt.date) -> Cms1500Facts:
    """Everything the paper form of ``claim`` shows, printed on ``today``."""
    practice, patient, provider = claim.practice, claim.patient, claim.rendering_provider
    lines = _lines(claim)
    first_day = min((ln.date_from for ln in lines), default=today)
    original = ""
    if claim.frequency_code in ("7", "8") and claim.original_claim_id:
        original = claim.original_claim.payer_claim_number
    return Cms1500Facts(
        payer_name=claim.payer.name if claim.payer else "",
        payer_id=claim.payer.payer_id if claim.payer else "",
        payer_address=mailing_lines(claim.payer) if claim.payer else (),
        insurance_type=_insurance_type(claim),
        patient_name=person_name(patient.last_name, patient.first_name, patient.middle_name),
        patient_birth_date=patient.date_of_birth, patient_sex=patient.sex if patient.sex in "MF" else "",
        patient_address=_address(patient), patient_phone=patient.phone,
        **_insured(claim), **_other(claim, first_day),
        diagnoses=tuple(claim.diagnoses or ()), lines=lines,
        resubmission_code=claim.frequency_code if claim.frequency_code in ("7", "8") else "",
        original_reference=original, prior_authorization=claim.prior_authorization,
        tin=practice.tin, account_number=claim.patient_control_number,
        amount_paid=amount_paid(claim),
        rendering_signature=f"{provider.first_name} {provider.last_name}, {provider.credential}",
        signed_on=today, **_facility(claim),
        billing_name=practice.legal_name or practice.name, billing_address=_address(practice),
        billing_phone=practice.phone, billing_npi=practice.npi)


def claim_form_pdf(claim: Claim, *, today: dt.date, actor: Any = None, data_only: bool = False,
                   shift_x: float = 0.0, shift_y: float = 0.0) -> bytes:
    """The claim's CMS-1500 as PDF; printing PHI is recorded as an export of the claim."""
    data = render_cms1500(claim_form_facts(claim, today=today), data_only=data_only,
                          shift_x=shift_x, shift_y=shift_y)
    audit.record("export", claim, actor=actor, patient_id=claim.patient_id,
                 detail={"what": "cms1500", "data_only": data_only})
    return data
