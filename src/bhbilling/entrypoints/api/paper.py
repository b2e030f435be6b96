"""Paper documents over the API, as PDF bytes (``application/pdf``).

Two routers (mounted in ``root`` as extra routers):
- ``claims_router`` on /v1/claims: GET /{id}/cms1500.pdf, the claim's CMS-1500 (02/12);
  ``data_only=true`` prints only the data, for pre-printed red-ink forms.
- ``patients_router`` on /v1/patients: GET /{id}/superbill?month=YYYY-MM, the patient's
  superbill for that month (default: the month before today).
Both need VIEW_PHI; rows are found through the practice-scoped managers, so another
tenant's id is a 404; each PDF is audited as an export. A claim that does not fit the
form (say, 13 diagnoses) answers 422 with the item and the limit.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from bhbilling.app.models import Claim, Patient
from bhbilling.app.paper import (
    claim_form_pdf,
    parse_month,
    previous_month,
    superbill_for_patient,
    superbill_pdf,
)
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.api.auth import actor, require
from bhbilling.kernel.errors import BhBillingError

claims_router = Router(tags=["paper"])
patients_router = Router(tags=["paper"])
PDF = {200: bytes}
PDF_DOC = {"200": {"description": "the PDF", "content": {"application/pdf": {}}}}


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@claims_router.get("/{int:claim_id}/cms1500.pdf", response=PDF,
                   openapi_extra={"responses": PDF_DOC})
def claim_cms1500(request: HttpRequest, claim_id: int, data_only: bool = False):
    """The claim on the CMS-1500 (02/12) form; six service lines per page."""
    require(request, Permission.VIEW_PHI)
    claim = get_object_or_404(
        Claim.objects.select_related("patient", "payer", "coverage", "rendering_provider",
                                     "session__location", "original_claim", "practice"),
        pk=claim_id)
    try:
        data = claim_form_pdf(claim, today=timezone.localdate(), actor=actor(request),
                              data_only=data_only)
    except BhBillingError as exc:
        raise HttpError(422, f"cannot print the CMS-1500: {exc}") from None
    return pdf_response(data, f"cms1500-{claim.patient_control_number}.pdf")


@patients_router.get("/{int:patient_id}/superbill", response=PDF,
                     openapi_extra={"responses": PDF_DOC})
def patient_superbill(request: HttpRequest, patient_id: int, month: str | None = None) -> HttpResponse:
    """The patient's superbill for ``month`` (YYYY-MM; default the month before today)."""
    require(request, Permission.VIEW_PHI)
    patient = get_object_or_404(Patient.objects.all(), pk=patient_id)
    try:
        year, number = parse_month(month or previous_month(timezone.localdate()))
        bill = superbill_for_patient(request.practice_id, patient.pk, year, number,
                                     today=timezone.localdate())
    except BhBillingError as exc:
        raise HttpError(422, str(exc)) from None
    data = superbill_pdf(bill, practice_id=request.practice_id, actor=actor(request))
    return pdf_response(data, f"superbill-{year:04d}-{number:02d}-patient{patient.pk}.pdf")
