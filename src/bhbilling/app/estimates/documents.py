"""The estimate's PDF from its rows: facts for ``documents.gfe`` (which never sees the ORM).

- Provider: the rendering provider's name, credential and type-1 NPI; the TIN is the
  practice's (the billing entity's EIN), as on its claims.
- Where the services are expected: the location of the provider's latest session with the
  patient, else the practice's first active location, else the practice's own address
  (the estimate model keeps no location of its own).
- The service description is written from the items' short labels (never CPT text).
Reading the PDF is a PHI read and is audited by the caller's entry point.
"""

from __future__ import annotations

from bhbilling.app.models import ClinicalSession, GoodFaithEstimate, Location, Practice
from bhbilling.documents.addresses import mailing_lines
from bhbilling.documents.gfe import GfeFacts, GfeLine, render_gfe
from bhbilling.documents.pdf import Letterhead
from bhbilling.domain.estimates import EstimateLine

__all__ = ["estimate_pdf", "gfe_facts", "service_description"]


def _place(estimate: GoodFaithEstimate, practice: Practice) -> tuple[tuple[str, ...], str]:
    session = (ClinicalSession.objects.filter(patient_id=estimate.patient_id,
                                              provider_id=estimate.provider_id, location__isnull=False)
               .select_related("location").order_by("-date_of_service", "-id").first())
    location = session.location if session else Location.objects.filter(active=True).order_by("id").first()
    if location is not None:
        return (location.name, *mailing_lines(location)), location.state
    return (practice.name, *mailing_lines(practice)), practice.state


def service_description(estimate: GoodFaithEstimate) -> str:
    provider = estimate.provider
    parts = [f"{i['sessions']} x {i.get('label') or i['code']} ({i['code']})" for i in estimate.items]
    return (f"Outpatient behavioral health care with {provider.first_name} {provider.last_name}, "
            f"{provider.credential}: " + "; ".join(parts))


def gfe_facts(estimate: GoodFaithEstimate) -> GfeFacts:
    practice = Practice.unscoped.get(pk=estimate.practice_id)
    patient, provider = estimate.patient, estimate.provider
    lines = [EstimateLine.from_dict(i) for i in estimate.items]
    place, state = _place(estimate, practice)
    if estimate.trigger == "request":
        note = f"Requested on {estimate.requested_on:%m/%d/%Y}"
    else:
        note = f"Scheduled on {estimate.requested_on:%m/%d/%Y}"
        if estimate.first_service_on:
            note += f"; first service {estimate.first_service_on:%m/%d/%Y}"
    return GfeFacts(
        number=estimate.number,
        practice=Letterhead(practice.name, mailing_lines(practice), practice.phone, practice.npi,
                            practice.tin),
        patient_name=patient.full_name, patient_birth_date=patient.date_of_birth,
        patient_account=patient.account_number,
        provider_name=f"{provider.first_name} {provider.last_name}, {provider.credential}",
        provider_npi=provider.npi, provider_tin=practice.tin, location_lines=place,
        location_state=state, service_description=service_description(estimate),
        period_start=estimate.period_start, period_end=estimate.period_end,
        lines=tuple(GfeLine(x.code, x.label, x.modifiers, x.sessions, x.units, x.fee, x.total)
                    for x in lines),
        total=estimate.total, diagnoses=tuple(estimate.diagnoses), issued_on=estimate.issued_on,
        trigger_note=note, supersedes=estimate.supersedes.number if estimate.supersedes_id else "")


def estimate_pdf(estimate: GoodFaithEstimate) -> bytes:
    return render_gfe(gfe_facts(estimate))
