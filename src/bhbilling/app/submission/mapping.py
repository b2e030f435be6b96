"""Stored claims -> the typed 837P objects of ``x12.claim837p`` (005010X222A1).

The x12 dataclasses are the typed claim the writer takes, so this adapter is the one place
that knows both the ORM and the implementation guide's loops:
- 2010AA billing provider = the practice (type-2 NPI, EIN, taxonomy, street address);
  2010AB pay-to when the practice set a different remittance address.
- 2000B subscriber from the coverage (SBR01 P/S/T from its priority, SBR09 from the payer
  kind); 2000C patient only when the patient is not the subscriber (SBR02 18 otherwise).
- 2310B rendering provider whenever the billing NPI is an organisation's (always here);
  2310D supervising provider when an associate renders under a supervisor; 2310C service
  facility when the session's location is not the billing address and the patient was not
  seen by telehealth (POS 02/10 have no facility).
- 2320/2330 other payers for secondary and tertiary claims come from ``prior_payers``,
  the adjudication of the earlier payers (filled from their posted 835s).
Errors name the claim's control number and the field, never a patient's data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from bhbilling.app.models import Claim, Clearinghouse, Coverage, Patient, Practice
from bhbilling.app.submission.cob import prior_adjudication
from bhbilling.domain.parties import Credential, PayerKind
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.claim837p import model as x
from bhbilling.x12.syntax import Delimiters
from bhbilling.x12.values import X12WriteError

__all__ = ["ClaimMappingError", "billing_provider", "delimiters_of", "receiver_of",
           "submitter_of", "to_x12_claim"]

TELEHEALTH_POS = {"02", "10"}
RESPONSIBILITY = {1: "P", 2: "S", 3: "T"}


class ClaimMappingError(BhBillingError):
    """A stored claim lacks something the 837P needs; names the claim and the field."""


def _address(obj, where: str) -> x.Address:
    if not (obj.address_line1 and obj.city and obj.state and obj.postal_code):
        raise ClaimMappingError(f"{where}: street address, city, state and ZIP are required "
                                "(837P N3/N4)")
    return x.Address(line1=obj.address_line1, line2=obj.address_line2, city=obj.city,
                     state=obj.state, postal_code=obj.postal_code)


def _name(first: str, last: str, middle: str = "") -> x.PersonName:
    return x.PersonName(last=last, first=first, middle=middle)


def billing_provider(practice: Practice) -> x.BillingProvider:
    """2000A/2010AA: the practice as billing provider; 2010AB when pay-to differs."""
    pay_to = None
    if practice.pay_to_line1:
        pay_to = x.Address(line1=practice.pay_to_line1, line2=practice.pay_to_line2,
                           city=practice.pay_to_city, state=practice.pay_to_state,
                           postal_code=practice.pay_to_postal_code)
    return x.BillingProvider(npi=practice.npi, ein=practice.tin, taxonomy=practice.taxonomy,
                             address=_address(practice, f"practice {practice.pk} billing address"),
                             organization_name=practice.legal_name or practice.name,
                             pay_to_address=pay_to)


def submitter_of(ch: Clearinghouse) -> x.Submitter:
    return x.Submitter(name=ch.submitter_name, id=ch.submitter_id,
                       contact=x.Contact(name=ch.contact_name, phone=ch.contact_phone,
                                         email=ch.contact_email))


def receiver_of(ch: Clearinghouse) -> x.Receiver:
    return x.Receiver(name=ch.receiver_name, id=ch.receiver_id)


def delimiters_of(ch: Clearinghouse) -> Delimiters:
    return Delimiters(element=ch.element_separator, component=ch.component_separator,
                      repetition=ch.repetition_separator, segment=ch.segment_terminator)


def _payer(claim: Claim) -> x.Payer:
    return x.Payer(name=claim.payer.name, payer_id=claim.payer.payer_id)


def _subscriber(claim: Claim, cov: Coverage, patient: Patient) -> tuple[x.Subscriber, x.Patient | None]:
    kind = PayerKind(claim.payer.kind)
    indicator = kind.claim_filing_indicator or "ZZ"
    responsibility = RESPONSIBILITY.get(cov.priority, "P")
    if cov.relationship == "18":
        sub = x.Subscriber(payer_responsibility=responsibility, member_id=cov.member_id,
                           claim_filing_indicator=indicator,
                           name=_name(patient.first_name, patient.last_name, patient.middle_name),
                           address=_address(patient, f"claim {claim.patient_control_number} "
                                                     "patient address"),
                           date_of_birth=patient.date_of_birth, sex=patient.sex or "U",
                           group_number=cov.group_number)
        return sub, None
    if not (cov.subscriber_first_name and cov.subscriber_last_name):
        raise ClaimMappingError(f"claim {claim.patient_control_number}: the coverage names no "
                                "subscriber, but the patient is not the subscriber (2010BA)")
    sub = x.Subscriber(payer_responsibility=responsibility, member_id=cov.member_id,
                       claim_filing_indicator=indicator,
                       name=_name(cov.subscriber_first_name, cov.subscriber_last_name),
                       address=_address(patient, f"claim {claim.patient_control_number} "
                                                 "subscriber address"),
                       date_of_birth=cov.subscriber_date_of_birth,
                       sex=cov.subscriber_sex or "U", group_number=cov.group_number)
    pat = x.Patient(relationship=cov.relationship,
                    name=_name(patient.first_name, patient.last_name, patient.middle_name),
                    address=_address(patient, f"claim {claim.patient_control_number} patient "
                                              "address"),
                    date_of_birth=patient.date_of_birth, sex=patient.sex or "U")
    return sub, pat


def _provider(p) -> x.Provider:
    return x.Provider(npi=p.npi, name=_name(p.first_name, p.last_name), taxonomy=p.taxonomy)


def _facility(claim: Claim, practice: Practice) -> x.Facility | None:
    session = claim.session
    loc = session.location if session is not None else None
    if loc is None or claim.place_of_service in TELEHEALTH_POS or not loc.address_line1:
        return None
    same = (loc.address_line1, loc.city, loc.postal_code) == (
        practice.address_line1, practice.city, practice.postal_code)
    if same:
        return None
    return x.Facility(name=loc.name, address=_address(loc, f"location {loc.pk}"), npi=loc.npi)


def _supervisor(claim: Claim) -> x.Provider | None:
    rendering = claim.rendering_provider
    if rendering.credential == Credential.ASSOCIATE.value and rendering.supervisor is not None:
        return _provider(rendering.supervisor)
    return None


def to_x12_claim(claim: Claim, *, prior_payers: Sequence[x.OtherPayer] = (),
                 line_adjudications: Mapping[str, Sequence[x.LineAdjudication]] | None = None
                 ) -> x.Claim:
    """One stored claim (with lines, coverage, patient, providers loaded) as loop 2300."""
    if claim.coverage is None or claim.payer is None:
        raise ClaimMappingError(f"claim {claim.patient_control_number}: no coverage or payer")
    if claim.prior_payer_claim_id and not prior_payers:
        found, line_adjudications = prior_adjudication(claim)
        prior_payers = found
        if not prior_payers:
            raise ClaimMappingError(f"claim {claim.patient_control_number}: the earlier payer's "
                                    "remittance is not posted yet (loop 2320 needs it)")
    sub, pat = _subscriber(claim, claim.coverage, claim.patient)
    adjud = line_adjudications or {}
    lines = tuple(
        x.ServiceLine(procedure_code=ln.code, charge=Decimal(ln.charge), units=Decimal(ln.units),
                      service_date=ln.date_of_service,
                      diagnosis_pointers=tuple(ln.diagnosis_pointers or [1]),
                      control_number=ln.line_control_number, modifiers=tuple(ln.modifiers or ()),
                      place_of_service=ln.place_of_service,
                      adjudications=tuple(adjud.get(ln.line_control_number, ())))
        for ln in _lines(claim))
    original = ""
    if claim.frequency_code in {"7", "8"}:
        original = claim.original_claim.payer_claim_number if claim.original_claim else ""
    try:
        return x.Claim(
            patient_control_number=claim.patient_control_number, subscriber=sub,
            payer=_payer(claim), place_of_service=claim.place_of_service,
            diagnoses=tuple(d.replace(".", "") for d in claim.diagnoses), lines=lines,
            patient=pat, frequency_code=claim.frequency_code,
            prior_authorization=claim.prior_authorization, original_claim_number=original,
            rendering_provider=_provider(claim.rendering_provider),
            supervising_provider=_supervisor(claim),
            service_facility=_facility(claim, claim.practice), other_payers=tuple(prior_payers))
    except X12WriteError as exc:
        raise ClaimMappingError(f"claim {claim.patient_control_number}: {exc}") from None


def _lines(claim: Claim) -> Iterable:
    cache = getattr(claim, "_prefetched_objects_cache", {})
    rows = cache.get("lines")
    return rows if rows is not None else claim.lines.all()
